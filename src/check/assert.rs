//! The assertions of `[check]`, evaluated on one answers file's diagnosis:
//! minimum scores, the most severe cause allowed (waivers aside), and the
//! largest drop against a baseline.

use crate::answers::format_number;
use crate::compare::{Comparison, Snapshot};
use crate::config::{AssertLevel, CheckConfig, Waiver};
use crate::questionnaire::Severity;

/// How one assertion came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Not evaluated, e.g. a drop with no baseline to compare with.
    Skipped,
    Passed,
    /// Failed at level `warn`: reported, the build passes.
    Warned,
    /// Failed at level `error`: the build fails.
    Gated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Skipped => "skipped",
            Status::Passed => "passed",
            Status::Warned => "warned",
            Status::Gated => "gated",
        }
    }
}

/// One assertion on one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Assertion {
    /// The config key: `min-score`, `min-bucket-score`, `max-severity`, `max-drop`.
    pub rule: &'static str,
    /// What it was applied to: `ecosystem`, a bucket id, `macro`, or `causes`.
    pub subject: String,
    pub level: AssertLevel,
    pub status: Status,
    /// One sentence: what was expected and what was found.
    pub message: String,
    /// Supporting lines, e.g. the causes that broke the severity limit.
    pub evidence: Vec<String>,
}

impl Assertion {
    /// `rule` or `rule[subject]`, as tests and reports name it.
    pub fn name(&self) -> String {
        if self.subject.is_empty() {
            self.rule.to_owned()
        } else {
            format!("{}[{}]", self.rule, self.subject)
        }
    }
}

fn outcome(level: AssertLevel, ok: bool) -> Status {
    match (ok, level) {
        (true, _) => Status::Passed,
        (false, AssertLevel::Error) => Status::Gated,
        (false, _) => Status::Warned,
    }
}

fn score(x: Option<f64>) -> String {
    x.map_or_else(|| "no score".to_owned(), |s| format!("{s:.1}"))
}

/// A cause the assertions ignored because of a waiver in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Waived {
    pub cause: String,
    pub title: String,
    pub severity: Severity,
    pub reason: String,
    pub expires: jiff::civil::Date,
}

/// Every configured assertion on one file, in a fixed order: min-score,
/// min-bucket-score per bucket, max-severity, then max-drop (overall, then
/// per area) when a baseline was asked for.
pub fn evaluate(
    config: &CheckConfig,
    snapshot: &Snapshot,
    active_waivers: &[&Waiver],
    baseline: Option<Option<&Comparison>>,
) -> (Vec<Assertion>, Vec<Waived>) {
    let mut out = Vec::new();
    if let Some(t) = config.min_score.filter(|t| t.level != AssertLevel::Off) {
        let ok = snapshot.ecosystem.is_some_and(|s| s >= t.score);
        out.push(Assertion {
            rule: "min-score",
            subject: "ecosystem".to_owned(),
            level: t.level,
            status: outcome(t.level, ok),
            message: match snapshot.ecosystem {
                Some(s) => format!(
                    "ecosystem score {s:.1} {} the minimum {}",
                    if ok { "meets" } else { "is below" },
                    format_number(t.score)
                ),
                // Unknown is not shown to meet a minimum, so it does not pass.
                None => format!(
                    "ecosystem score unknown (no bucket answered), so it cannot meet the minimum {}",
                    format_number(t.score)
                ),
            },
            evidence: Vec::new(),
        });
    }
    if let Some(t) = config
        .min_bucket_score
        .as_ref()
        .filter(|t| t.level != AssertLevel::Off)
    {
        for area in snapshot
            .areas
            .iter()
            .filter(|a| a.id != crate::questionnaire::MACRO_ID)
        {
            let Some(min) = t.for_bucket(&area.id) else {
                continue;
            };
            let ok = area.score.is_some_and(|s| s >= min);
            out.push(Assertion {
                rule: "min-bucket-score",
                subject: area.id.clone(),
                level: t.level,
                status: outcome(t.level, ok),
                message: match area.score {
                    Some(s) => format!(
                        "{} scores {s:.1}, {} the minimum {}",
                        area.title,
                        if ok { "meeting" } else { "below" },
                        format_number(min)
                    ),
                    None => format!(
                        "{} has no score (nothing in it answered), so it cannot meet the minimum {}",
                        area.title,
                        format_number(min)
                    ),
                },
                evidence: Vec::new(),
            });
        }
    }
    let mut waived = Vec::new();
    for cause in &snapshot.causes {
        if let Some(w) = active_waivers.iter().find(|w| w.cause == cause.id) {
            waived.push(Waived {
                cause: cause.id.clone(),
                title: cause.title.clone(),
                severity: cause.severity,
                reason: w.reason.clone(),
                expires: w.expires,
            });
        }
    }
    if let Some((level, max)) = config.max_severity.filter(|(l, _)| *l != AssertLevel::Off) {
        let over: Vec<String> = snapshot
            .causes
            .iter()
            .filter(|c| c.severity > max && !waived.iter().any(|w| w.cause == c.id))
            .map(|c| {
                format!(
                    "#{} {} ({}, impact {:.1}): {}",
                    c.rank,
                    c.id,
                    c.severity.as_str(),
                    c.impact,
                    c.title
                )
            })
            .collect();
        let ok = over.is_empty();
        let message = if ok {
            format!("no root cause above {} severity", max.as_str())
        } else {
            format!(
                "{} root cause{} above {} severity",
                over.len(),
                if over.len() == 1 { "" } else { "s" },
                max.as_str()
            )
        };
        out.push(Assertion {
            rule: "max-severity",
            subject: "causes".to_owned(),
            level,
            status: outcome(level, ok),
            message,
            evidence: over,
        });
    }
    let drop = config.max_drop;
    match baseline {
        _ if drop.level == AssertLevel::Off => {}
        // No --baseline: nothing to compare with, nothing to say.
        None => {}
        Some(None) => out.push(Assertion {
            rule: "max-drop",
            subject: String::new(),
            level: drop.level,
            status: Status::Skipped,
            message: "no baseline report matches this file".to_owned(),
            evidence: Vec::new(),
        }),
        Some(Some(c)) => {
            let fell = c.ecosystem.drop();
            let ok = fell <= drop.overall;
            out.push(Assertion {
                rule: "max-drop",
                subject: "ecosystem".to_owned(),
                level: drop.level,
                status: outcome(drop.level, ok),
                message: drop_message("ecosystem score", &c.ecosystem, drop.overall),
                evidence: Vec::new(),
            });
            for area in &c.areas {
                let ok = area.delta.drop() <= drop.bucket;
                out.push(Assertion {
                    rule: "max-drop",
                    subject: area.id.clone(),
                    level: drop.level,
                    status: outcome(drop.level, ok),
                    message: drop_message(&area.title, &area.delta, drop.bucket),
                    evidence: Vec::new(),
                });
            }
        }
    }
    (out, waived)
}

fn drop_message(what: &str, d: &crate::compare::Delta, tolerance: f64) -> String {
    let change = match d.change() {
        Some(_) => format!("{} → {} ({})", score(d.before), score(d.after), d.change_text()),
        None => format!("{} → {}", score(d.before), score(d.after)),
    };
    let verdict = if d.drop() > tolerance {
        format!(
            "a drop of {:.1}, more than the {} allowed",
            d.drop(),
            format_number(tolerance)
        )
    } else if d.drop() > 0.0 {
        format!("within the {} allowed", format_number(tolerance))
    } else {
        "no drop".to_owned()
    };
    format!("{what} {change}: {verdict}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{AreaScore, compare, snapshot};
    use crate::config::{BucketThreshold, MaxDrop, Threshold};

    fn snap(eco: f64, talent: Option<f64>, causes: &[(&str, Severity)]) -> Snapshot {
        let areas = vec![
            AreaScore {
                id: "talent".into(),
                title: "Talent".into(),
                score: talent,
            },
            AreaScore {
                id: "macro".into(),
                title: "Macro".into(),
                score: Some(80.0),
            },
        ];
        let causes: Vec<(&str, Severity, f64)> = causes.iter().map(|&(id, s)| (id, s, 50.0)).collect();
        snapshot(eco, areas, &causes)
    }

    fn config() -> CheckConfig {
        CheckConfig {
            min_score: Some(Threshold {
                level: AssertLevel::Error,
                score: 50.0,
            }),
            min_bucket_score: Some(BucketThreshold {
                level: AssertLevel::Warn,
                score: Some(40.0),
                buckets: Vec::new(),
            }),
            max_severity: Some((AssertLevel::Error, Severity::Medium)),
            max_drop: MaxDrop {
                level: AssertLevel::Error,
                overall: 1.0,
                bucket: 5.0,
            },
            ..CheckConfig::default()
        }
    }

    fn statuses(a: &[Assertion]) -> Vec<(String, &'static str)> {
        a.iter().map(|a| (a.name(), a.status.as_str())).collect()
    }

    #[test]
    fn levels_decide_warned_or_gated() {
        let s = snap(45.0, None, &[("crm", Severity::High), ("pay", Severity::Low)]);
        let (a, waived) = evaluate(&config(), &s, &[], None);
        assert!(waived.is_empty());
        assert_eq!(
            statuses(&a),
            [
                ("min-score[ecosystem]".to_owned(), "gated"),
                ("min-bucket-score[talent]".to_owned(), "warned"),
                ("max-severity[causes]".to_owned(), "gated"),
            ]
        );
        assert_eq!(a[2].evidence, ["#1 crm (high, impact 50.0): CRM"]);
        assert_eq!(
            a[1].message,
            "Talent has no score (nothing in it answered), so it cannot meet the minimum 40"
        );
    }

    #[test]
    fn a_waiver_in_force_takes_a_cause_out_of_the_severity_check() {
        let s = snap(60.0, Some(50.0), &[("crm", Severity::High)]);
        let w = Waiver {
            cause: "crm".into(),
            reason: "new CRM in March".into(),
            expires: "2026-12-31".parse().expect("date"),
            client: None,
            span: None,
        };
        let (a, waived) = evaluate(&config(), &s, &[&w], None);
        assert_eq!(a[2].status, Status::Passed);
        assert_eq!(waived[0].cause, "crm");
    }

    #[test]
    fn drops_beyond_the_tolerance_fail_and_missing_baselines_skip() {
        let before = snap(60.0, Some(50.0), &[]);
        let after = snap(58.0, Some(46.0), &[]);
        let c = compare(&before, &after);
        let (a, _) = evaluate(&config(), &after, &[], Some(Some(&c)));
        let drops: Vec<_> = statuses(&a)
            .into_iter()
            .filter(|(n, _)| n.starts_with("max-drop"))
            .collect();
        assert_eq!(
            drops,
            [
                ("max-drop[ecosystem]".to_owned(), "gated"),
                ("max-drop[talent]".to_owned(), "passed"),
                ("max-drop[macro]".to_owned(), "passed"),
            ]
        );
        assert_eq!(
            a.iter()
                .find(|a| a.subject == "ecosystem" && a.rule == "max-drop")
                .map(|a| a.message.as_str()),
            Some("ecosystem score 60.0 → 58.0 (-2.0): a drop of 2.0, more than the 1 allowed")
        );
        let (a, _) = evaluate(&config(), &after, &[], Some(None));
        assert_eq!(a.last().map(|a| a.status), Some(Status::Skipped));
    }
}
