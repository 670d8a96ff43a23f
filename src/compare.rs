//! Comparison stage: what two diagnoses of the same client have in common and
//! where they differ. A [`Snapshot`] holds the comparable part of a diagnosis
//! (scores, verdict, ranked causes), taken from a fresh evaluation or read
//! back from a JSON report; [`compare`] lines two of them up. Used by `diff`
//! and by `check --baseline`.

use serde::Deserialize;

use crate::diagnostic::{Problem, SourceFile};
use crate::engine::{Diagnosis, Evaluation};
use crate::error::Error;
use crate::questionnaire::{Questionnaire, Severity};
use crate::report::{Report, SCHEMA_VERSION, round1};

/// The report versions a baseline may have: this one, and the one before,
/// whose `root_causes` listed consequences as peers.
const READABLE_VERSIONS: [u32; 2] = [1, SCHEMA_VERSION];

/// The comparable part of one diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub assessment: String,
    pub version: String,
    pub client: String,
    pub date: Option<String>,
    /// The verdict's stage, as the JSON report spells it.
    pub stage: String,
    /// 0–1, two decimals.
    pub confidence: f64,
    /// The ecosystem score, one decimal.
    pub ecosystem: Option<f64>,
    /// The buckets in questionnaire order, then the macro group (id `macro`).
    pub areas: Vec<AreaScore>,
    /// Ranked, highest impact first.
    pub causes: Vec<CauseSnap>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaScore {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CauseSnap {
    pub id: String,
    pub title: String,
    pub rank: usize,
    pub severity: Severity,
    pub impact: f64,
}

impl Snapshot {
    /// From a finished report.
    pub fn from_report(r: &Report) -> Snapshot {
        Snapshot {
            assessment: r.assessment.id.clone(),
            version: r.assessment.version.clone(),
            client: r.client.clone(),
            date: r.date.clone(),
            stage: r.verdict.stage.as_str().to_owned(),
            confidence: r.confidence,
            ecosystem: r.ecosystem.value,
            areas: r
                .buckets
                .iter()
                .chain(std::iter::once(&r.macro_group))
                .map(|a| AreaScore {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    score: a.score.value,
                })
                .collect(),
            causes: r
                .root_causes
                .iter()
                .flat_map(|c| std::iter::once(c).chain(&c.consequences))
                .map(|c| CauseSnap {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    rank: c.rank,
                    severity: c.severity,
                    impact: c.impact,
                })
                .collect(),
        }
    }

    /// Straight from the engine, without building a report: the same numbers,
    /// rounded the same way.
    pub fn from_diagnosis(
        q: &Questionnaire,
        client: &str,
        date: Option<String>,
        eval: &Evaluation,
        d: &Diagnosis,
    ) -> Snapshot {
        let area = |g: usize| AreaScore {
            id: q.groups[g].id.clone(),
            title: q.groups[g].title.clone(),
            score: eval.groups[g].score.map(round1),
        };
        Snapshot {
            assessment: q.id.clone(),
            version: q.version.clone(),
            client: client.to_owned(),
            date,
            stage: d.verdict.stage.as_str().to_owned(),
            confidence: (crate::engine::headline_confidence(eval) * 100.0).round() / 100.0,
            ecosystem: eval.ecosystem.score.map(round1),
            areas: q
                .buckets()
                .map(|(g, _)| area(g))
                .chain(std::iter::once(area(q.macro_group())))
                .collect(),
            causes: d
                .findings
                .iter()
                .map(|f| CauseSnap {
                    id: q.causes[f.cause].id.clone(),
                    title: q.causes[f.cause].title.clone(),
                    rank: f.rank,
                    severity: f.severity,
                    impact: f.impact,
                })
                .collect(),
        }
    }

    /// Reads a JSON report written by `ecodiag score --format json`.
    pub fn from_json(source: &SourceFile) -> Result<Snapshot, Error> {
        let fail = |problem: Problem| Error::invalid(source.clone(), vec![problem]);
        let version: WireVersion =
            serde_json::from_str(source.text()).map_err(|e| fail(json_problem(&e, source)))?;
        match version.schema_version {
            // Version 1 listed every cause in `root_causes`; version 2 nests
            // consequences in their root. Both read into the same snapshot.
            Some(v) if READABLE_VERSIONS.contains(&v) => {}
            Some(other) => {
                return Err(fail(
                    Problem::error(
                        "report::schema-version",
                        format!(
                            "{} has report schema version {other}; this ecodiag reads versions {}",
                            source.name(),
                            READABLE_VERSIONS.map(|v| v.to_string()).join(" and ")
                        ),
                    )
                    .help("write the report again with this version of `ecodiag score --format json`"),
                ));
            }
            None => {
                return Err(fail(
                    Problem::error(
                        "report::not-a-report",
                        "this JSON is not an ecodiag report: it has no `schema_version`",
                    )
                    .help("write one with `ecodiag score ANSWERS.yaml --format json -o FILE.json`"),
                ));
            }
        }
        let wire: WireReport =
            serde_json::from_str(source.text()).map_err(|e| fail(json_problem(&e, source)))?;
        if let Some(problem) = wire.out_of_range() {
            return Err(fail(problem));
        }
        let mut causes = Vec::with_capacity(wire.root_causes.len());
        let flat = wire.root_causes.into_iter().flat_map(|mut c| {
            let nested = std::mem::take(&mut c.consequences);
            std::iter::once(c).chain(nested)
        });
        for c in flat {
            let severity = match c.severity.as_str() {
                "high" => Severity::High,
                "medium" => Severity::Medium,
                "low" => Severity::Low,
                other => {
                    return Err(fail(Problem::error(
                        "report::bad-severity",
                        format!("root cause `{}` has the unknown severity `{other}`", c.id),
                    )));
                }
            };
            causes.push(CauseSnap {
                id: c.id,
                title: c.title,
                rank: c.rank,
                severity,
                impact: c.impact,
            });
        }
        // Stable: a consequence keeps its place after its root.
        causes.sort_by_key(|c| c.rank);
        Ok(Snapshot {
            assessment: wire.assessment.id,
            version: wire.assessment.version,
            client: wire.client,
            date: wire.date,
            stage: wire.verdict.stage,
            confidence: wire.confidence,
            ecosystem: wire.ecosystem.score,
            areas: wire
                .buckets
                .into_iter()
                .chain(std::iter::once(wire.macro_group))
                .map(|a| AreaScore {
                    id: a.id,
                    title: a.title,
                    score: a.score,
                })
                .collect(),
            causes,
        })
    }

    pub fn cause(&self, id: &str) -> Option<&CauseSnap> {
        self.causes.iter().find(|c| c.id == id)
    }

    pub fn area(&self, id: &str) -> Option<&AreaScore> {
        self.areas.iter().find(|a| a.id == id)
    }
}

fn json_problem(err: &serde_json::Error, source: &SourceFile) -> Problem {
    let text = source.text();
    let message = err.to_string();
    // serde_json appends " at line L column C"; the span says it better.
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |i| &message[..i])
        .to_owned();
    let mut problem = Problem::error("report::json", message)
        .help("give a report written by `ecodiag score --format json`, unchanged");
    if err.line() > 0 {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(err.line() - 1)
            .map(str::len)
            .sum();
        let mut offset = (line_start + err.column().saturating_sub(1)).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        problem = problem.at(miette::SourceSpan::new(offset.into(), 0), "here");
    }
    problem
}

#[derive(Deserialize)]
struct WireVersion {
    schema_version: Option<u32>,
}

#[derive(Deserialize)]
struct WireReport {
    assessment: WireAssessment,
    client: String,
    date: Option<String>,
    confidence: f64,
    ecosystem: WireScore,
    verdict: WireVerdict,
    buckets: Vec<WireArea>,
    #[serde(rename = "macro")]
    macro_group: WireArea,
    root_causes: Vec<WireCause>,
}

impl WireReport {
    /// A number ecodiag would never have written: a hand-edited (or hostile)
    /// report whose differences would not be finite or whose ranks could
    /// not be compared.
    fn out_of_range(&self) -> Option<Problem> {
        let bad = |what: String, x: f64, range: &str| {
            Problem::error(
                "report::bad-number",
                format!(
                    "the report's {what} is {}, but ecodiag writes {range}",
                    crate::diagnostic::number(x)
                ),
            )
            .help("write the report again with `ecodiag score ANSWERS.yaml --format json -o FILE.json`")
        };
        let score = |x: Option<f64>| x.is_some_and(|x| !(0.0..=100.0).contains(&x));
        if !(0.0..=1.0).contains(&self.confidence) {
            return Some(bad(
                "confidence".to_owned(),
                self.confidence,
                "a share from 0 to 1",
            ));
        }
        if score(self.ecosystem.score) {
            let x = self.ecosystem.score.unwrap_or_default();
            return Some(bad("ecosystem score".to_owned(), x, "scores from 0 to 100"));
        }
        for area in self.buckets.iter().chain(std::iter::once(&self.macro_group)) {
            if score(area.score) {
                let what = format!("score of `{}`", area.id);
                return Some(bad(what, area.score.unwrap_or_default(), "scores from 0 to 100"));
            }
        }
        for cause in &self.root_causes {
            if !(0.0..=100.0).contains(&cause.impact) {
                let what = format!("impact of `{}`", cause.id);
                return Some(bad(what, cause.impact, "impacts from 0 to 100"));
            }
            if cause.rank == 0 || cause.rank > self.root_causes.len() {
                let what = format!("rank of `{}`", cause.id);
                let range = format!("ranks from 1 to {}", self.root_causes.len());
                return Some(bad(what, cause.rank as f64, &range));
            }
        }
        None
    }
}

#[derive(Deserialize)]
struct WireAssessment {
    id: String,
    version: String,
}

#[derive(Deserialize)]
struct WireScore {
    score: Option<f64>,
}

#[derive(Deserialize)]
struct WireVerdict {
    stage: String,
}

#[derive(Deserialize)]
struct WireArea {
    id: String,
    title: String,
    score: Option<f64>,
}

#[derive(Deserialize)]
struct WireCause {
    rank: usize,
    id: String,
    title: String,
    impact: f64,
    severity: String,
    /// Version 2: the consequences listed under a root.
    #[serde(default)]
    consequences: Vec<WireCause>,
}

// ── Comparison ────────────────────────────────────────────────────────────

/// A score before and after.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delta {
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// Which way a score moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Same,
    /// One side has no score.
    Unknown,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Same => "same",
            Direction::Unknown => "unknown",
        }
    }
}

impl Delta {
    /// After minus before, one decimal; `None` when either side has no score.
    pub fn change(&self) -> Option<f64> {
        Some(round1(self.after? - self.before?))
    }

    pub fn direction(&self) -> Direction {
        match self.change() {
            None => Direction::Unknown,
            Some(c) if c > 0.0 => Direction::Up,
            Some(c) if c < 0.0 => Direction::Down,
            Some(_) => Direction::Same,
        }
    }

    /// The change as people read it: `+2.5`, `-4.0`, `0.0`; `–` when unknown.
    pub fn change_text(&self) -> String {
        match self.change() {
            Some(0.0) => "0.0".to_owned(),
            Some(c) => format!("{c:+.1}"),
            None => "–".to_owned(),
        }
    }

    /// How many points the score fell (0 when it rose or stayed).
    pub fn drop(&self) -> f64 {
        self.change().map_or(0.0, |c| (-c).max(0.0))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaDelta {
    pub id: String,
    pub title: String,
    /// True for the macro group.
    pub is_macro: bool,
    pub delta: Delta,
}

/// What happened to a root cause between the two diagnoses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CauseStatus {
    /// Found now, not before.
    Appeared,
    /// Found in both, more severe now, or as severe with a higher impact.
    Worsened,
    /// Found in both, less severe now, or as severe with a lower impact.
    Improved,
    /// Found in both with the same severity and impact.
    Unchanged,
    /// Found before, not now.
    Resolved,
}

impl CauseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CauseStatus::Appeared => "appeared",
            CauseStatus::Worsened => "worsened",
            CauseStatus::Improved => "improved",
            CauseStatus::Unchanged => "unchanged",
            CauseStatus::Resolved => "resolved",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CauseChange {
    pub id: String,
    pub title: String,
    pub status: CauseStatus,
    pub before: Option<CauseSnap>,
    pub after: Option<CauseSnap>,
}

impl CauseChange {
    /// Places moved up the ranking (positive) or down (negative); `None`
    /// unless found in both.
    pub fn rank_moved(&self) -> Option<i64> {
        Some(self.before.as_ref()?.rank as i64 - self.after.as_ref()?.rank as i64)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub stage: (String, String),
    pub ecosystem: Delta,
    /// Buckets in the later diagnosis' order, then any the earlier one alone
    /// had; the macro group last.
    pub areas: Vec<AreaDelta>,
    /// Causes found now, in rank order, then the resolved ones in their
    /// former rank order.
    pub causes: Vec<CauseChange>,
}

impl Comparison {
    pub fn changed(&self, status: CauseStatus) -> impl Iterator<Item = &CauseChange> {
        self.causes.iter().filter(move |c| c.status == status)
    }
}

/// Lines up two diagnoses, matching areas and causes by id.
pub fn compare(before: &Snapshot, after: &Snapshot) -> Comparison {
    let mut areas: Vec<AreaDelta> = Vec::new();
    let mut push_area = |a: &AreaScore| {
        if areas.iter().any(|x| x.id == a.id) {
            return;
        }
        areas.push(AreaDelta {
            id: a.id.clone(),
            title: a.title.clone(),
            is_macro: a.id == crate::questionnaire::MACRO_ID,
            delta: Delta {
                before: before.area(&a.id).and_then(|x| x.score),
                after: after.area(&a.id).and_then(|x| x.score),
            },
        });
    };
    after.areas.iter().chain(&before.areas).for_each(&mut push_area);
    // The macro group reads last whichever side listed it.
    areas.sort_by_key(|a| a.is_macro);
    let mut causes: Vec<CauseChange> = after
        .causes
        .iter()
        .map(|now| {
            let was = before.cause(&now.id);
            let status = match was {
                None => CauseStatus::Appeared,
                Some(was) if now.severity > was.severity => CauseStatus::Worsened,
                Some(was) if now.severity < was.severity => CauseStatus::Improved,
                Some(was) if now.impact > was.impact => CauseStatus::Worsened,
                Some(was) if now.impact < was.impact => CauseStatus::Improved,
                Some(_) => CauseStatus::Unchanged,
            };
            CauseChange {
                id: now.id.clone(),
                title: now.title.clone(),
                status,
                before: was.cloned(),
                after: Some(now.clone()),
            }
        })
        .collect();
    causes.extend(
        before
            .causes
            .iter()
            .filter(|was| after.cause(&was.id).is_none())
            .map(|was| CauseChange {
                id: was.id.clone(),
                title: was.title.clone(),
                status: CauseStatus::Resolved,
                before: Some(was.clone()),
                after: None,
            }),
    );
    Comparison {
        stage: (before.stage.clone(), after.stage.clone()),
        ecosystem: Delta {
            before: before.ecosystem,
            after: after.ecosystem,
        },
        areas,
        causes,
    }
}

/// A snapshot for unit tests: one client, the given scores, and causes ranked
/// in the order given, each with its severity and impact.
#[cfg(test)]
pub(crate) fn snapshot(eco: f64, areas: Vec<AreaScore>, causes: &[(&str, Severity, f64)]) -> Snapshot {
    Snapshot {
        assessment: "a".into(),
        version: "1".into(),
        client: "c".into(),
        date: None,
        stage: "ecosystem".into(),
        confidence: 1.0,
        ecosystem: Some(eco),
        areas,
        causes: causes
            .iter()
            .enumerate()
            .map(|(i, (id, severity, impact))| CauseSnap {
                id: (*id).into(),
                title: id.to_uppercase(),
                rank: i + 1,
                severity: *severity,
                impact: *impact,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(eco: f64, areas: &[(&str, f64)], causes: &[(&str, Severity, f64)]) -> Snapshot {
        let areas = areas
            .iter()
            .map(|(id, s)| AreaScore {
                id: (*id).into(),
                title: id.to_uppercase(),
                score: Some(*s),
            })
            .collect();
        snapshot(eco, areas, causes)
    }

    #[test]
    fn deltas_have_a_direction_and_a_drop() {
        let d = Delta {
            before: Some(60.0),
            after: Some(52.3),
        };
        assert_eq!(d.change(), Some(-7.7));
        assert_eq!(d.direction(), Direction::Down);
        assert_eq!(d.drop(), 7.7);
        let up = Delta {
            before: Some(50.0),
            after: Some(51.0),
        };
        assert_eq!((up.direction(), up.drop()), (Direction::Up, 0.0));
        let none = Delta {
            before: None,
            after: Some(51.0),
        };
        assert_eq!((none.direction(), none.drop()), (Direction::Unknown, 0.0));
    }

    #[test]
    fn causes_appear_worsen_improve_and_resolve() {
        use Severity::*;
        let before = snap(
            50.0,
            &[("b1", 40.0), ("macro", 70.0)],
            &[
                ("x", High, 60.0),
                ("y", Medium, 30.0),
                ("z", Low, 10.0),
                ("w", Low, 9.0),
            ],
        );
        let after = snap(
            45.0,
            &[("macro", 72.0), ("b1", 35.0), ("b2", 80.0)],
            &[
                ("y", High, 50.0),
                ("x", High, 48.0),
                ("new", Medium, 20.0),
                ("w", Low, 9.0),
            ],
        );
        let c = compare(&before, &after);
        let statuses: Vec<(&str, &str, Option<i64>)> = c
            .causes
            .iter()
            .map(|c| (c.id.as_str(), c.status.as_str(), c.rank_moved()))
            .collect();
        assert_eq!(
            statuses,
            [
                ("y", "worsened", Some(1)),
                ("x", "improved", Some(-1)),
                ("new", "appeared", None),
                ("w", "unchanged", Some(0)),
                ("z", "resolved", None),
            ]
        );
        let areas: Vec<&str> = c.areas.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(areas, ["b1", "b2", "macro"]);
        assert_eq!(c.areas[1].delta.before, None);
        assert_eq!(c.ecosystem.change(), Some(-5.0));
    }
}
