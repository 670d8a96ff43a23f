//! The JSON report: a contract for scripts, with its own wire types and a
//! `schema_version`. Every field is documented in `docs/json-report.md`.

use std::io::{self, Write};

use serde::Serialize;

use crate::report::{AnswerValue, Area, Report};

/// Bumped on any change a consumer could notice.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub schema_version: u32,
    pub assessment: JsonAssessment<'a>,
    pub client: &'a str,
    pub respondents: Vec<JsonRespondent<'a>>,
    pub date: Option<&'a str>,
    pub confidence: f64,
    pub answered: usize,
    pub applicable: usize,
    pub ecosystem: JsonScore,
    pub verdict: JsonVerdict<'a>,
    pub buckets: Vec<JsonArea<'a>>,
    #[serde(rename = "macro")]
    pub macro_group: JsonArea<'a>,
    pub root_causes: Vec<JsonCause<'a>>,
    pub unknowns: Vec<JsonUnknown<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonAssessment<'a> {
    pub id: &'a str,
    pub version: &'a str,
    pub title: &'a str,
}

#[derive(Debug, Serialize)]
pub struct JsonRespondent<'a> {
    pub name: Option<&'a str>,
    pub role: Option<&'a str>,
    pub date: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct JsonScore {
    pub score: Option<f64>,
    pub level: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct JsonVerdict<'a> {
    pub stage: &'static str,
    pub headline: &'a str,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct JsonArea<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub score: Option<f64>,
    pub level: Option<&'static str>,
    pub confidence: f64,
    pub elements: Vec<JsonPart<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonPart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub score: Option<f64>,
    pub level: Option<&'static str>,
    pub confidence: f64,
}

#[derive(Debug, Serialize)]
pub struct JsonCause<'a> {
    pub rank: usize,
    pub id: &'a str,
    pub title: &'a str,
    pub bucket: &'a str,
    pub element: Option<&'a str>,
    pub impact: f64,
    pub severity: &'static str,
    pub contributing: bool,
    pub summary: &'a str,
    pub not_the_reps: &'a str,
    pub evidence: Vec<JsonEvidence<'a>>,
    pub remediation: &'a [String],
    pub sources: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct JsonEvidence<'a> {
    pub rule: &'a str,
    pub severity: &'static str,
    pub text: &'a str,
    pub question: Option<&'a str>,
    pub answer: Option<&'a str>,
    pub value: serde_json::Value,
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct JsonUnknown<'a> {
    pub question: &'a str,
    pub text: &'a str,
    pub bucket: &'a str,
    pub element: &'a str,
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
            })
            .collect(),
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
    }
}

pub fn render(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(r)).map_err(io::Error::other)?;
    writeln!(out)
}
