//! `ecodiag check --format json`: one JSON document, streamed with one file
//! object per line so a large batch never sits in memory. Documented in
//! `docs/check.md`.

use std::io::{self, Write};

use serde::Serialize;

use crate::check::{Assertion, FileResult, Sink, Status, Summary};
use crate::compare::Comparison;

/// Version of the `check` JSON format.
pub const CHECK_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    status: &'static str,
    client: Option<&'a str>,
    assessment: Option<&'a str>,
    stage: Option<&'a str>,
    ecosystem: Option<f64>,
    areas: Vec<JsonArea<'a>>,
    root_causes: Vec<JsonCause<'a>>,
    assertions: Vec<JsonAssertion<'a>>,
    waived: Vec<JsonWaived<'a>>,
    baseline: Option<JsonBaseline<'a>>,
    warnings: usize,
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonArea<'a> {
    id: &'a str,
    score: Option<f64>,
}

#[derive(Debug, Serialize)]
struct JsonCause<'a> {
    rank: usize,
    id: &'a str,
    severity: &'static str,
    impact: f64,
}

#[derive(Debug, Serialize)]
struct JsonAssertion<'a> {
    name: String,
    rule: &'static str,
    subject: &'a str,
    level: &'static str,
    status: &'static str,
    message: &'a str,
    evidence: &'a [String],
}

#[derive(Debug, Serialize)]
struct JsonWaived<'a> {
    cause: &'a str,
    severity: &'static str,
    reason: &'a str,
    expires: String,
}

#[derive(Debug, Serialize)]
struct JsonDelta {
    before: Option<f64>,
    after: Option<f64>,
    change: Option<f64>,
    direction: &'static str,
}

#[derive(Debug, Serialize)]
struct JsonAreaDelta<'a> {
    id: &'a str,
    #[serde(flatten)]
    delta: JsonDelta,
}

#[derive(Debug, Serialize)]
struct JsonCauseChange<'a> {
    id: &'a str,
    status: &'static str,
    rank_before: Option<usize>,
    rank_after: Option<usize>,
    severity_before: Option<&'static str>,
    severity_after: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct JsonBaseline<'a> {
    path: &'a str,
    #[serde(flatten)]
    comparison: JsonComparison<'a>,
}

/// A comparison on the wire; shared with `ecodiag diff --format json`.
#[derive(Debug, Serialize)]
pub(crate) struct JsonComparison<'a> {
    stage_before: &'a str,
    stage_after: &'a str,
    ecosystem: JsonDelta,
    areas: Vec<JsonAreaDelta<'a>>,
    root_causes: Vec<JsonCauseChange<'a>>,
}

fn delta(d: &crate::compare::Delta) -> JsonDelta {
    JsonDelta {
        before: d.before,
        after: d.after,
        change: d.change(),
        direction: d.direction().as_str(),
    }
}

pub(crate) fn comparison(c: &Comparison) -> JsonComparison<'_> {
    JsonComparison {
        stage_before: &c.stage.0,
        stage_after: &c.stage.1,
        ecosystem: delta(&c.ecosystem),
        areas: c
            .areas
            .iter()
            .map(|a| JsonAreaDelta {
                id: &a.id,
                delta: delta(&a.delta),
            })
            .collect(),
        root_causes: c
            .causes
            .iter()
            .map(|x| JsonCauseChange {
                id: &x.id,
                status: x.status.as_str(),
                rank_before: x.before.as_ref().map(|b| b.rank),
                rank_after: x.after.as_ref().map(|a| a.rank),
                severity_before: x.before.as_ref().map(|b| b.severity.as_str()),
                severity_after: x.after.as_ref().map(|a| a.severity.as_str()),
            })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
struct JsonProblem<'a> {
    position: &'a str,
    message: &'a str,
}

#[derive(Debug, Serialize)]
struct JsonSummary<'a> {
    result: &'static str,
    files: usize,
    passed: usize,
    warned: usize,
    gated: usize,
    broken: usize,
    skipped: usize,
    not_regular: usize,
    assertions: JsonCounts,
    expired_waivers: &'static str,
    waivers: Vec<JsonWaiver<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonCounts {
    passed: usize,
    warned: usize,
    gated: usize,
    skipped: usize,
}

#[derive(Debug, Serialize)]
struct JsonWaiver<'a> {
    cause: &'a str,
    reason: &'a str,
    expires: String,
    client: Option<&'a str>,
    expired: bool,
    files: usize,
}

fn assertion(a: &Assertion) -> JsonAssertion<'_> {
    JsonAssertion {
        name: a.name(),
        rule: a.rule,
        subject: &a.subject,
        level: a.level.as_str(),
        status: a.status.as_str(),
        message: &a.message,
        evidence: &a.evidence,
    }
}

/// Writes a value as compact JSON, with the characters a terminal would obey
/// escaped (see [`crate::output::json_text`]).
fn json_line(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    let text = serde_json::to_string(value).map_err(io::Error::other)?;
    out.write_all(crate::output::json_text(&text).as_bytes())
}

/// Streams the document: header, one line per file, summary. The header is
/// written with the first file, so a run that stops before any file leaves
/// standard output empty rather than half a document.
#[derive(Debug)]
pub struct JsonSink<'a> {
    out: super::Out<'a>,
    header: Option<String>,
}

impl<'a> JsonSink<'a> {
    pub fn new(out: &'a mut dyn Write, today: &str, baseline: Option<&str>) -> io::Result<Self> {
        let header = format!(
            "{{\"schema_version\":{CHECK_SCHEMA_VERSION},\"today\":{},\"baseline\":{},\"files\":[",
            serde_json::to_string(today)?,
            crate::output::json_text(&serde_json::to_string(&baseline)?)
        );
        Ok(JsonSink {
            out: super::Out(out),
            header: Some(header),
        })
    }

    /// Writes the header if not yet written; true the first time.
    fn start(&mut self) -> io::Result<bool> {
        match self.header.take() {
            Some(header) => {
                self.out.write_all(header.as_bytes())?;
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

impl Sink for JsonSink<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        let file = match result {
            FileResult::Checked(r) => JsonFile {
                path: &r.path,
                status: match r.status() {
                    Status::Gated => "gated",
                    Status::Warned => "warned",
                    _ => "passed",
                },
                client: Some(&r.snapshot.client),
                assessment: Some(&r.snapshot.assessment),
                stage: Some(&r.snapshot.stage),
                ecosystem: r.snapshot.ecosystem,
                areas: r
                    .snapshot
                    .areas
                    .iter()
                    .map(|a| JsonArea {
                        id: &a.id,
                        score: a.score,
                    })
                    .collect(),
                root_causes: r
                    .snapshot
                    .causes
                    .iter()
                    .map(|c| JsonCause {
                        rank: c.rank,
                        id: &c.id,
                        severity: c.severity.as_str(),
                        impact: c.impact,
                    })
                    .collect(),
                assertions: r.assertions.iter().map(assertion).collect(),
                waived: r
                    .waived
                    .iter()
                    .map(|w| JsonWaived {
                        cause: &w.cause,
                        severity: w.severity.as_str(),
                        reason: &w.reason,
                        expires: w.expires.to_string(),
                    })
                    .collect(),
                baseline: r.baseline.as_ref().map(|(path, c)| JsonBaseline {
                    path,
                    comparison: comparison(c),
                }),
                warnings: r.warnings,
                problems: Vec::new(),
            },
            FileResult::Broken { path, problems } => JsonFile {
                path,
                status: "error",
                client: None,
                assessment: None,
                stage: None,
                ecosystem: None,
                areas: Vec::new(),
                root_causes: Vec::new(),
                assertions: Vec::new(),
                waived: Vec::new(),
                baseline: None,
                warnings: 0,
                problems: problems
                    .iter()
                    .map(|p| JsonProblem {
                        position: &p.position,
                        message: &p.message,
                    })
                    .collect(),
            },
        };
        let first = self.start()?;
        self.out.write_all(if first { b"\n" } else { b",\n" })?;
        json_line(&mut self.out, &file)
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let [skipped, passed, warned, gated] = s.assertions;
        let summary = JsonSummary {
            result: if s.broken > 0 {
                "error"
            } else if s.failed() {
                "failed"
            } else {
                "passed"
            },
            files: s.files,
            passed: s.passed,
            warned: s.warned,
            gated: s.gated,
            broken: s.broken,
            skipped: s.skipped,
            not_regular: s.not_regular,
            assertions: JsonCounts {
                passed,
                warned,
                gated,
                skipped,
            },
            expired_waivers: s.expired_status().as_str(),
            waivers: s
                .waivers
                .iter()
                .map(|w| JsonWaiver {
                    cause: &w.waiver.cause,
                    reason: &w.waiver.reason,
                    expires: w.waiver.expires.to_string(),
                    client: w.waiver.client.as_deref(),
                    expired: w.expired,
                    files: w.used,
                })
                .collect(),
        };
        self.start()?;
        write!(self.out, "\n],\"summary\":")?;
        json_line(&mut self.out, &summary)?;
        writeln!(self.out, "}}")
    }
}
