//! The JSON report: a contract for scripts, with its own wire types and a
//! `schema_version`. Every field is documented in `docs/json-report.md`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

pub use crate::report::SCHEMA_VERSION;
use crate::report::{AnswerValue, Area, Goal, Maturity, Report, Target};

/// The JSON report of `ecodiag score --format json` (docs/json-report.md).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Report")]
pub struct JsonReport<'a> {
    /// Version of this format; currently 1.
    pub schema_version: u32,
    /// The questionnaire scored against.
    pub assessment: JsonAssessment<'a>,
    /// The client the answers describe.
    pub client: &'a str,
    /// Who answered; one element per answers file.
    pub respondents: Vec<JsonRespondent<'a>>,
    /// The date the answers were given (`YYYY-MM-DD`), as the answers file says.
    pub date: Option<&'a str>,
    /// Share of all scored question weight (buckets and macro group) that was answered, 0–1.
    pub confidence: f64,
    /// Questions answered with a real value.
    pub answered: usize,
    /// Questions that were asked and apply (answered, `unknown` or unanswered; not `n/a`, not hidden).
    pub applicable: usize,
    /// The mean of the bucket scores, and its level.
    pub ecosystem: JsonScore<'a>,
    /// Which stage of the diagnosis the evidence reached.
    pub verdict: JsonVerdict<'a>,
    /// One area per bucket, in questionnaire order.
    pub buckets: Vec<JsonArea<'a>>,
    /// The macro culprits as one area; its `elements` are the culprits.
    #[serde(rename = "macro")]
    pub macro_group: JsonArea<'a>,
    /// Ranked root causes, highest impact first.
    pub root_causes: Vec<JsonCause<'a>>,
    /// Questions that apply but were answered `unknown` or not answered.
    pub unknowns: Vec<JsonUnknown<'a>>,
    /// The questionnaire's maturity scale; `null` when it defines none.
    pub maturity_levels: Option<JsonScale<'a>>,
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
    /// Two or three sentences explaining the verdict with the areas and causes involved.
    pub text: &'a str,
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

/// A root cause found in the answers.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "RootCause")]
pub struct JsonCause<'a> {
    /// 1 for the highest impact.
    pub rank: usize,
    /// Stable kebab-case id from the questionnaire's catalogue.
    pub id: &'a str,
    /// Display title.
    pub title: &'a str,
    /// The bucket id, or `macro`.
    pub bucket: &'a str,
    /// The element or culprit id the cause belongs to, when the catalogue names one.
    pub element: Option<&'a str>,
    /// 0–100, one decimal (docs/scoring.md).
    pub impact: f64,
    /// `high`, `medium` or `low`: the highest severity among the rules that fired.
    pub severity: &'static str,
    /// A macro cause listed after the ecosystem causes because a bucket is red.
    pub contributing: bool,
    /// What the cause is.
    pub summary: &'a str,
    /// Why it is not the reps' fault.
    pub not_the_reps: &'a str,
    /// One entry per fired rule and question it quoted.
    pub evidence: Vec<JsonEvidence<'a>>,
    /// Steps, first step first.
    pub remediation: &'a [String],
    /// Source tags behind the cause (e.g. `S09`).
    pub sources: &'a [String],
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
        answered: r.answered,
        applicable: r.applicable,
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
        },
        buckets: r.buckets.iter().map(area).collect(),
        macro_group: area(&r.macro_group),
        root_causes: r
            .root_causes
            .iter()
            .map(|c| JsonCause {
                rank: c.rank,
                id: &c.id,
                title: &c.title,
                bucket: &c.area_id,
                element: c.element_id.as_deref(),
                impact: c.impact,
                severity: c.severity.as_str(),
                contributing: c.contributing,
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
                remediation: &c.remediation,
                sources: &c.sources,
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
    }
}

pub fn render(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(r)).map_err(io::Error::other)?;
    writeln!(out)
}
