//! The JSON report: a contract for scripts, with its own wire types and a
//! `schema_version`. Every field is documented in `docs/json-report.md`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

pub use crate::report::SCHEMA_VERSION;
use crate::report::{AnswerValue, Area, CauseRef, Change, Goal, Maturity, Report, RootCause, Target};

/// The JSON report of `ecodiag score --format json` (docs/json-report.md).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Report")]
pub struct JsonReport<'a> {
    /// Version of this format; currently 2.
    pub schema_version: u32,
    /// The questionnaire scored against.
    pub assessment: JsonAssessment<'a>,
    /// The client the answers describe.
    pub client: &'a str,
    /// Who answered; one element per answers file.
    pub respondents: Vec<JsonRespondent<'a>>,
    /// The date the answers were given (`YYYY-MM-DD`), as the answers file says.
    pub date: Option<&'a str>,
    /// The confidence the report leads with, 0–1: the answered share of the
    /// scored weight, capped by the known share of the key metrics.
    pub confidence: f64,
    /// Share of all scored question weight (buckets and macro group) that was answered, 0–1.
    pub answered_weight: f64,
    /// Questions answered with a real value.
    pub answered: usize,
    /// Questions that were asked and apply (answered, `unknown` or unanswered; not `n/a`, not hidden).
    pub applicable: usize,
    /// The key metrics (`key: true`) that apply, and which are unknown.
    pub key_metrics: JsonKeyMetrics<'a>,
    /// The mean of the bucket scores, and its level.
    pub ecosystem: JsonScore<'a>,
    /// Which stage of the diagnosis the evidence reached.
    pub verdict: JsonVerdict<'a>,
    /// One area per bucket, in questionnaire order.
    pub buckets: Vec<JsonArea<'a>>,
    /// The macro culprits as one area; its `elements` are the culprits.
    #[serde(rename = "macro")]
    pub macro_group: JsonArea<'a>,
    /// The roots, ranked: ecosystem roots by impact, then contributing macro
    /// roots; each with the consequences nested under it.
    pub root_causes: Vec<JsonCause<'a>>,
    /// Up to five unknown answers that could change the verdict or the top
    /// three roots, most decisive first; `null` when not computed (`--no-probe`).
    pub probe_next: Option<Vec<JsonProbe<'a>>>,
    /// Red elements and culprits that no finding explains.
    pub unexplained: Vec<JsonUnexplained<'a>>,
    /// Questions that apply but were answered `unknown` or not answered.
    pub unknowns: Vec<JsonUnknown<'a>>,
    /// The questionnaire's maturity scale; `null` when it defines none.
    pub maturity_levels: Option<JsonScale<'a>>,
    /// The questionnaire's words for the whole, the buckets and the causes,
    /// as the other formats use them.
    pub labels: JsonLabels<'a>,
}

/// The words a questionnaire uses (its `labels:`, else the defaults).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Labels")]
pub struct JsonLabels<'a> {
    /// The whole the buckets make up, e.g. "Ecosystem".
    pub ecosystem: &'a str,
    /// One bucket, e.g. "bucket".
    pub bucket: &'a str,
    /// The buckets, e.g. "buckets".
    pub buckets: &'a str,
    /// One root cause, e.g. "Root cause".
    pub root_cause: &'a str,
    /// The ranked causes, e.g. "Root causes".
    pub root_causes: &'a str,
}

/// The maturity scale: five levels and the scores they cover.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "MaturityScale")]
pub struct JsonScale<'a> {
    /// What the levels are and where their names come from.
    pub description: Option<&'a str>,
    /// Lowest first.
    pub levels: Vec<JsonScaleLevel<'a>>,
}

/// One level of the scale.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "MaturityScaleLevel")]
pub struct JsonScaleLevel<'a> {
    /// 1 to 5.
    pub level: u8,
    /// The level's name.
    pub name: &'a str,
    /// The lowest score at this level.
    pub from: f64,
    /// Where the next level starts (exclusive); 100 (inclusive) for level 5.
    pub to: f64,
    /// What the level looks like, for any area.
    pub description: &'a str,
}

/// An area's maturity level.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Maturity")]
pub struct JsonMaturity<'a> {
    /// 1 to 5; `null` when the area has no score.
    pub level: Option<u8>,
    /// The level's name, or `unknown`.
    pub name: &'a str,
    /// What the level looks like in this area, or why it is unknown.
    pub description: &'a str,
}

/// An area's target and the gap to it.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Target")]
pub struct JsonTarget<'a> {
    /// `level` or `score`: what the target asks for.
    pub kind: &'static str,
    /// The level asked for, or the level the score asked for reaches; `null`
    /// for a score target when the questionnaire has no maturity scale.
    pub level: Option<u8>,
    /// That level's name.
    pub level_name: Option<&'a str>,
    /// The score that meets the target: the level's cut-off, or the score asked for.
    pub score: f64,
    /// Whether the area meets it; `null` when the area has no score.
    pub met: Option<bool>,
    /// Points still to gain (0 when met); `null` when the area has no score.
    pub points_to_go: Option<f64>,
    /// Levels still to climb (0 when met); `null` without a score or a scale.
    pub levels_to_go: Option<u8>,
}

/// The key metrics that apply.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "KeyMetrics")]
pub struct JsonKeyMetrics<'a> {
    /// How many key metrics apply (asked, not `n/a`).
    pub applicable: usize,
    /// Ids of those answered `unknown` or not answered, in questionnaire order.
    pub unknown: &'a [String],
}

/// A question worth answering next.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Probe")]
pub struct JsonProbe<'a> {
    /// Question id.
    pub question: &'a str,
    /// The question as asked.
    pub text: &'a str,
    /// Whether it is a key metric.
    pub key: bool,
    /// How much its answer could change: 3 for the verdict, plus 1 per root
    /// replaced in the top three, summed over its best and worst answers.
    pub decisiveness: usize,
    /// What its best or worst answer would change; one entry per end that changes something.
    pub could_change: Vec<JsonProbeChange<'a>>,
}

/// What one extreme answer would change.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "ProbeChange")]
pub struct JsonProbeChange<'a> {
    /// `best` or `worst`.
    pub end: &'static str,
    /// The answer tried, as a reader sees it.
    pub answer: &'a str,
    /// The answer as it would be written in the answers file.
    pub value: serde_json::Value,
    /// The verdict's stage it would reach, or `null` when the stage stays.
    pub stage: Option<&'static str>,
    /// Ids of causes that would enter the top three roots.
    pub enters: Vec<&'a str>,
    /// Ids of causes that would leave the top three roots.
    pub leaves: Vec<&'a str>,
}

/// A red element or culprit that no finding explains.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Unexplained")]
pub struct JsonUnexplained<'a> {
    /// Element or culprit id.
    pub element: &'a str,
    /// Bucket id, or `macro`.
    pub bucket: &'a str,
    /// Its score, 0–100.
    pub score: f64,
}

/// An answer change.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Change")]
pub struct JsonChange<'a> {
    /// Question id.
    pub question: &'a str,
    /// The answer now, as a reader sees it.
    pub from: &'a str,
    /// The answer it would take, as a reader sees it.
    pub to: &'a str,
    /// That answer as it would be written in the answers file.
    pub value: serde_json::Value,
}

/// A remediation step that fits this company.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Step")]
pub struct JsonStep<'a> {
    /// What to do.
    pub step: &'a str,
    /// The role that owns it (`sales-ops`, `ceo`, …), or `null`.
    pub owner: Option<&'static str>,
}

/// The questionnaire scored against.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Assessment")]
pub struct JsonAssessment<'a> {
    /// The questionnaire's id.
    pub id: &'a str,
    /// The questionnaire's version.
    pub version: &'a str,
    /// The questionnaire's title.
    pub title: &'a str,
}

/// Who answered.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Respondent")]
pub struct JsonRespondent<'a> {
    /// Their name.
    pub name: Option<&'a str>,
    /// Their role.
    pub role: Option<&'a str>,
    /// The date they answered (`YYYY-MM-DD`).
    pub date: Option<&'a str>,
}

/// A score with its level.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Score")]
pub struct JsonScore<'a> {
    /// 0–100 with one decimal; `null` when nothing was answered.
    pub score: Option<f64>,
    /// `red` (< 50), `amber` (50–74.9), `green` (≥ 75), or `null`.
    pub level: Option<&'static str>,
    /// The ecosystem's maturity level; `null` when the questionnaire defines no scale.
    pub maturity: Option<JsonMaturity<'a>>,
    /// The ecosystem's target and the gap to it, when it has one.
    pub target: Option<JsonTarget<'a>>,
}

/// The verdict.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Verdict")]
pub struct JsonVerdict<'a> {
    /// `insufficient-data`, `ecosystem`, `macro` or `individuals` (docs/scoring.md).
    pub stage: &'static str,
    /// One line, e.g. "Fix the ecosystem before judging the reps".
    pub headline: &'a str,
    /// Two or three sentences explaining the verdict with the areas and causes
    /// involved, ending with the caveats when it is provisional.
    pub text: &'a str,
    /// The verdict stands only once the caveats are cleared.
    pub provisional: bool,
    /// Why it is provisional, one sentence each: unknown key metrics, areas too
    /// little answered, red areas no finding explains.
    pub caveats: &'a [String],
}

/// A bucket, or the macro group.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Area")]
pub struct JsonArea<'a> {
    /// Bucket id; `macro` for the macro group.
    pub id: &'a str,
    /// Display title.
    pub title: &'a str,
    /// Weighted mean of the answered questions, 0–100; `null` when none was answered.
    pub score: Option<f64>,
    /// `red` (< 50), `amber` (50–74.9), `green` (≥ 75), or `null`.
    pub level: Option<&'static str>,
    /// Answered share of the area's applicable weight, 0–1.
    pub confidence: f64,
    /// The elements (or culprits).
    pub elements: Vec<JsonPart<'a>>,
    /// The area's maturity level; `null` when the questionnaire defines no scale.
    pub maturity: Option<JsonMaturity<'a>>,
    /// The area's target and the gap to it, when it has one.
    pub target: Option<JsonTarget<'a>>,
}

/// An element of a bucket, or a macro culprit.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Part")]
pub struct JsonPart<'a> {
    /// Element or culprit id.
    pub id: &'a str,
    /// Display title.
    pub title: &'a str,
    /// Weighted mean of the answered questions, 0–100; `null` when none was answered.
    pub score: Option<f64>,
    /// `red`, `amber`, `green`, or `null`.
    pub level: Option<&'static str>,
    /// Answered share of the applicable weight, 0–1.
    pub confidence: f64,
    /// The part's maturity level; `null` when the questionnaire defines no scale.
    pub maturity: Option<JsonMaturity<'a>>,
    /// The part's target and the gap to it, when it has one.
    pub target: Option<JsonTarget<'a>>,
}

/// A root cause found in the answers: a root, or a consequence nested in one.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "RootCause")]
pub struct JsonCause<'a> {
    /// 1 for the first root; a consequence has the rank of its root.
    pub rank: usize,
    /// Stable kebab-case id from the questionnaire's catalogue.
    pub id: &'a str,
    /// Display title.
    pub title: &'a str,
    /// The bucket id, or `macro`.
    pub bucket: &'a str,
    /// The element or culprit id the cause belongs to, when the catalogue names one.
    pub element: Option<&'a str>,
    /// 0–100, one decimal, the number it is ranked by: for a root, its own
    /// impact combined with its consequences'; for a consequence, its own (docs/scoring.md).
    pub impact: f64,
    /// 0–100, one decimal: its impact from its own evidence alone.
    pub own_impact: f64,
    /// `high`, `medium` or `low`: the severity its impact earns (high from 60, medium from 30).
    pub severity: &'static str,
    /// The highest severity among the rules that fired for it.
    pub evidence_severity: &'static str,
    /// The answered share of the questions its rules test, 0–1.
    pub confidence: f64,
    /// A macro cause listed in its own section because a bucket is red.
    pub contributing: bool,
    /// Ids of the found causes it explains (downstream along `leads_to`).
    pub explains: Vec<&'a str>,
    /// Ids of the found causes that explain it; empty for a root.
    pub explained_by: Vec<&'a str>,
    /// What the cause is.
    pub summary: &'a str,
    /// Why it is not the reps' fault.
    pub not_the_reps: &'a str,
    /// One entry per fired rule and question it quoted.
    pub evidence: Vec<JsonEvidence<'a>>,
    /// The steps that fit this company, first step first.
    pub remediation: Vec<JsonStep<'a>>,
    /// Source tags behind the cause (e.g. `S09`).
    pub sources: &'a [String],
    /// For a root: the consequences listed under it, each a full cause
    /// (without consequences of its own), highest impact first. Empty for a consequence.
    pub consequences: Vec<JsonCause<'a>>,
    /// For the first root: the fewest answer changes after which it would no
    /// longer be found (checked); `null` otherwise, or when none was found.
    pub flip: Option<Vec<JsonChange<'a>>>,
}

/// Evidence: a fired rule and an answer it quoted.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Evidence")]
pub struct JsonEvidence<'a> {
    /// Id of the rule that fired.
    pub rule: &'a str,
    /// That rule's severity.
    pub severity: &'static str,
    /// The rule's evidence sentence, with the answers quoted.
    pub text: &'a str,
    /// Id of a question whose answer made the rule hold; `null` for a rule that read only scores.
    pub question: Option<&'a str>,
    /// That answer as a reader sees it: the option's label, the number with its unit.
    pub answer: Option<&'a str>,
    /// The answer as written in the answers file: a number, `yes`/`no`, an option id, a list of option ids, `unknown`, `n/a`, or `null`.
    pub value: serde_json::Value,
    /// The note given with the answer, if any.
    pub note: Option<&'a str>,
}

/// A question that applies but has no real answer.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Unknown")]
pub struct JsonUnknown<'a> {
    /// Question id.
    pub question: &'a str,
    /// The question as asked.
    pub text: &'a str,
    /// Bucket id, or `macro`.
    pub bucket: &'a str,
    /// Element or culprit id.
    pub element: &'a str,
    /// `unknown` (answered "don't know") or `unanswered`.
    pub status: &'static str,
}

fn area(a: &Area) -> JsonArea<'_> {
    JsonArea {
        id: &a.id,
        title: &a.title,
        score: a.score.value,
        level: a.score.level.map(|l| l.as_str()),
        confidence: a.confidence,
        elements: a
            .parts
            .iter()
            .map(|p| JsonPart {
                id: &p.id,
                title: &p.title,
                score: p.score.value,
                level: p.score.level.map(|l| l.as_str()),
                confidence: p.confidence,
                maturity: p.maturity.as_ref().map(maturity),
                target: p.target.as_ref().map(target),
            })
            .collect(),
        maturity: a.maturity.as_ref().map(maturity),
        target: a.target.as_ref().map(target),
    }
}

fn maturity(m: &Maturity) -> JsonMaturity<'_> {
    JsonMaturity {
        level: m.level,
        name: &m.name,
        description: &m.description,
    }
}

fn target(t: &Target) -> JsonTarget<'_> {
    JsonTarget {
        kind: match t.goal {
            Goal::Level(_) => "level",
            Goal::Score(_) => "score",
        },
        level: t.level,
        level_name: t.level_name.as_deref(),
        score: t.score,
        met: t.met,
        points_to_go: t.points_to_go,
        levels_to_go: t.levels_to_go,
    }
}

fn value(v: &AnswerValue) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        AnswerValue::None => J::Null,
        AnswerValue::Unknown => J::from("unknown"),
        AnswerValue::NotApplicable => J::from("n/a"),
        AnswerValue::Bool(b) => J::from(if *b { "yes" } else { "no" }),
        AnswerValue::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => J::from(*x as i64),
        AnswerValue::Number(x) => J::from(*x),
        AnswerValue::Option(o) => J::from(o.as_str()),
        AnswerValue::Options(os) => J::from(os.clone()),
    }
}

pub(super) fn change(c: &Change) -> JsonChange<'_> {
    JsonChange {
        question: &c.question,
        from: &c.from,
        to: &c.to,
        value: value(&c.value),
    }
}

fn ids(refs: &[CauseRef]) -> Vec<&str> {
    refs.iter().map(|c| c.id.as_str()).collect()
}

fn cause(c: &RootCause) -> JsonCause<'_> {
    JsonCause {
        rank: c.rank,
        id: &c.id,
        title: &c.title,
        bucket: &c.area_id,
        element: c.element_id.as_deref(),
        impact: c.impact,
        own_impact: c.own_impact,
        severity: c.severity.as_str(),
        evidence_severity: c.evidence_severity.as_str(),
        confidence: c.confidence,
        contributing: c.contributing,
        explains: c.explains.iter().map(String::as_str).collect(),
        explained_by: c.explained_by.iter().map(String::as_str).collect(),
        summary: &c.summary,
        not_the_reps: &c.not_the_reps,
        evidence: c
            .evidence
            .iter()
            .flat_map(|e| {
                let rows: Vec<JsonEvidence<'_>> = if e.answers.is_empty() {
                    vec![JsonEvidence {
                        rule: &e.rule,
                        severity: e.severity.as_str(),
                        text: &e.text,
                        question: None,
                        answer: None,
                        value: serde_json::Value::Null,
                        note: None,
                    }]
                } else {
                    e.answers
                        .iter()
                        .map(|a| JsonEvidence {
                            rule: &e.rule,
                            severity: e.severity.as_str(),
                            text: &e.text,
                            question: Some(&a.question),
                            answer: Some(&a.answer),
                            value: value(&a.value),
                            note: a.note.as_deref(),
                        })
                        .collect()
                };
                rows
            })
            .collect(),
        remediation: c
            .remediation
            .iter()
            .map(|s| JsonStep {
                step: &s.text,
                owner: s.owner.map(|o| o.as_str()),
            })
            .collect(),
        sources: &c.sources,
        consequences: c.consequences.iter().map(cause).collect(),
        flip: c.flip.as_ref().map(|f| f.iter().map(change).collect()),
    }
}

/// The wire form of a report.
pub fn to_json(r: &Report) -> JsonReport<'_> {
    JsonReport {
        schema_version: SCHEMA_VERSION,
        assessment: JsonAssessment {
            id: &r.assessment.id,
            version: &r.assessment.version,
            title: &r.assessment.title,
        },
        client: &r.client,
        respondents: r
            .respondents
            .iter()
            .map(|w| JsonRespondent {
                name: w.name.as_deref(),
                role: w.role.as_deref(),
                date: w.date.as_deref(),
            })
            .collect(),
        date: r.date.as_deref(),
        confidence: r.confidence,
        answered_weight: r.answered_weight,
        answered: r.answered,
        applicable: r.applicable,
        key_metrics: JsonKeyMetrics {
            applicable: r.key_metrics.applicable,
            unknown: &r.key_metrics.unknown,
        },
        ecosystem: JsonScore {
            score: r.ecosystem.value,
            level: r.ecosystem.level.map(|l| l.as_str()),
            maturity: r.maturity.as_ref().map(|s| maturity(&s.ecosystem)),
            target: r.ecosystem_target.as_ref().map(target),
        },
        verdict: JsonVerdict {
            stage: r.verdict.stage.as_str(),
            headline: &r.verdict.headline,
            text: &r.verdict.text,
            provisional: r.verdict.provisional,
            caveats: &r.verdict.caveats,
        },
        buckets: r.buckets.iter().map(area).collect(),
        macro_group: area(&r.macro_group),
        root_causes: r.root_causes.iter().map(cause).collect(),
        probe_next: r.probe_next.as_ref().map(|list| {
            list.iter()
                .map(|p| JsonProbe {
                    question: &p.question,
                    text: &p.text,
                    key: p.key,
                    decisiveness: p.decisiveness,
                    could_change: p
                        .could_change
                        .iter()
                        .map(|c| JsonProbeChange {
                            end: c.end,
                            answer: &c.answer,
                            value: value(&c.value),
                            stage: c.stage.map(|s| s.as_str()),
                            enters: ids(&c.enters),
                            leaves: ids(&c.leaves),
                        })
                        .collect(),
                })
                .collect()
        }),
        unexplained: r
            .unexplained
            .iter()
            .map(|u| JsonUnexplained {
                element: &u.element_id,
                bucket: &u.area_id,
                score: u.score,
            })
            .collect(),
        unknowns: r
            .unknowns
            .iter()
            .map(|u| JsonUnknown {
                question: &u.question,
                text: &u.text,
                bucket: &u.area_id,
                element: &u.element_id,
                status: if u.said_unknown { "unknown" } else { "unanswered" },
            })
            .collect(),
        maturity_levels: r.maturity.as_ref().map(|s| JsonScale {
            description: s.description.as_deref(),
            levels: s
                .levels
                .iter()
                .map(|l| JsonScaleLevel {
                    level: l.number,
                    name: &l.name,
                    from: l.from,
                    to: l.to,
                    description: &l.description,
                })
                .collect(),
        }),
        labels: JsonLabels {
            ecosystem: &r.labels.ecosystem,
            bucket: &r.labels.bucket,
            buckets: &r.labels.buckets,
            root_cause: &r.labels.root_cause,
            root_causes: &r.labels.root_causes,
        },
    }
}

pub fn render(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(r)).map_err(io::Error::other)?;
    writeln!(out)
}
