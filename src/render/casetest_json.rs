//! `ecodiag test --format json`: every case with its outcome, coverage, and
//! the problems in case files, as one versioned document. Documented in
//! `docs/testing.md`; the schema is `ecodiag schema test-results`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use super::validation::{JsonProblem, problem};
use crate::casetest::{CaseStatus, TestRun};
use crate::diagnostic::FileProblems;

/// Version of the `test` JSON format.
pub const TEST_SCHEMA_VERSION: u32 = 1;

/// What `ecodiag test --format json` prints (docs/testing.md).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "TestResults")]
pub struct JsonTestRun<'a> {
    /// Version of this format; currently 1.
    pub schema_version: u32,
    /// `passed` (exit code 0), `failed` (1: a case failed, or coverage is below the minimum) or
    /// `error` (2: a case file has problems).
    pub result: &'static str,
    /// Every case file run, in order.
    pub files: Vec<JsonCaseFile<'a>>,
    /// Rule coverage per assessment, with `--coverage` or `--min-coverage`; else empty.
    pub coverage: Vec<JsonCoverage<'a>>,
    /// The `--min-coverage` asked for, in percent.
    pub min_coverage: Option<f64>,
    /// Problems in case files (and the files they name), located.
    pub problems: Vec<JsonFileProblems<'a>>,
    /// Cases counted by outcome.
    pub summary: JsonTestSummary,
}

/// The cases of one file.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonCaseFile<'a> {
    pub path: &'a str,
    /// The assessment the cases run against (its id; what the file names when it cannot load).
    pub assessment: &'a str,
    pub cases: Vec<JsonCase<'a>>,
}

/// One case.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonCase<'a> {
    pub name: &'a str,
    /// The line the case starts on.
    pub line: usize,
    /// `passed`, `failed`, or `invalid` (the case has problems; see `problems`).
    pub status: &'static str,
    /// For a failed case, each unmet expectation, expected against actual.
    pub failures: &'a [String],
}

/// Which rules the cases of one assessment fired.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonCoverage<'a> {
    pub assessment: &'a str,
    pub rules: usize,
    /// Rules that fired in at least one case.
    pub fired: usize,
    /// `fired` as a percentage of `rules`, one decimal.
    pub percent: f64,
    /// Rules that fired in no case, in file order.
    pub unfired_rules: Vec<&'a str>,
    pub questions: usize,
    /// Questions no rule's condition reads, in file order.
    pub unread_questions: &'a [String],
    /// Below `min_coverage`.
    pub below_minimum: bool,
}

/// A file's problems.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonFileProblems<'a> {
    pub path: &'a str,
    pub problems: Vec<JsonProblem<'a>>,
}

/// Cases counted by outcome.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonTestSummary {
    pub cases: usize,
    pub passed: usize,
    pub failed: usize,
    pub invalid: usize,
}

/// The document for a run and the problems it found.
pub fn document<'a>(run: &'a TestRun, problems: &'a [FileProblems]) -> JsonTestRun<'a> {
    let passed = run.count(|s| *s == CaseStatus::Passed);
    let failed = run.count(|s| matches!(s, CaseStatus::Failed(_)));
    let invalid = run.count(|s| *s == CaseStatus::Invalid);
    let below = run.below_minimum();
    JsonTestRun {
        schema_version: TEST_SCHEMA_VERSION,
        result: if run.files_with_errors > 0 || invalid > 0 || problems.iter().any(FileProblems::has_errors) {
            "error"
        } else if run.failed() {
            "failed"
        } else {
            "passed"
        },
        files: run
            .files
            .iter()
            .map(|f| JsonCaseFile {
                path: &f.path,
                assessment: &f.assessment,
                cases: f
                    .cases
                    .iter()
                    .map(|c| JsonCase {
                        name: &c.name,
                        line: c.line,
                        status: match c.status {
                            CaseStatus::Passed => "passed",
                            CaseStatus::Failed(_) => "failed",
                            CaseStatus::Invalid => "invalid",
                        },
                        failures: match &c.status {
                            CaseStatus::Failed(lines) => lines,
                            _ => &[],
                        },
                    })
                    .collect(),
            })
            .collect(),
        coverage: run
            .coverage
            .iter()
            .map(|c| JsonCoverage {
                assessment: &c.assessment,
                rules: c.rules.len(),
                fired: c.fired(),
                percent: (c.percent() * 10.0).round() / 10.0,
                unfired_rules: c.unfired().collect(),
                questions: c.questions,
                unread_questions: &c.unread_questions,
                below_minimum: below.iter().any(|b| b.assessment == c.assessment),
            })
            .collect(),
        min_coverage: run.min_coverage,
        problems: problems
            .iter()
            .map(|f| JsonFileProblems {
                path: f.file.name(),
                problems: f.problems.iter().map(|p| problem(f, p)).collect(),
            })
            .collect(),
        summary: JsonTestSummary {
            cases: passed + failed + invalid,
            passed,
            failed,
            invalid,
        },
    }
}

/// Writes the document, pretty-printed, with a final newline.
pub fn render(run: &TestRun, problems: &[FileProblems], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(run, problems))?;
    writeln!(out)
}
