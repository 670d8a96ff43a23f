//! `ecodiag validate --format json`: every file checked and every problem,
//! located by line and column, as one versioned document. Documented in
//! `docs/validation.md`; the schema is `ecodiag schema validation`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use crate::diagnostic::{FileProblems, Level, Problem};
use crate::validate::{Checked, Kind};

/// Version of the `validate` JSON format.
pub const VALIDATION_SCHEMA_VERSION: u32 = 1;

/// What `ecodiag validate --format json` prints (docs/validation.md).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Validation")]
pub struct JsonValidation<'a> {
    /// Version of this format; currently 1.
    pub schema_version: u32,
    /// No file has an error (nor, with `--deny-warnings`, a warning): exit code 0.
    pub valid: bool,
    /// Whether warnings counted as errors.
    pub deny_warnings: bool,
    /// Every file checked, in the order given.
    pub files: Vec<JsonFile<'a>>,
    /// Counts over all files.
    pub summary: JsonSummary,
}

/// One file and what was found in it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonFile<'a> {
    /// The path as given (or the bundled file's path).
    pub path: &'a str,
    /// What the file was recognised as: `questionnaire`, `answers`, `config` or `cases`;
    /// null when it could not be told.
    pub kind: Option<&'static str>,
    /// `valid`, or `invalid` when it has an error (or a warning under `--deny-warnings`).
    pub status: &'static str,
    /// What the file holds, when it could be read, e.g. "questionnaire `mini` 0.1.0: 8
    /// questions, 4 root causes, 5 rules".
    pub summary: Option<&'a str>,
    pub errors: usize,
    pub warnings: usize,
    /// Every problem, in file order.
    pub problems: Vec<JsonProblem<'a>>,
}

/// One located problem.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonProblem<'a> {
    /// `error` or `warning`.
    pub level: &'static str,
    /// A stable code such as `answers::unknown-question` (docs/validation.md lists them).
    pub code: &'static str,
    pub message: &'a str,
    /// Where the problem starts, 1-based; null for a problem with the file as a whole.
    pub line: Option<usize>,
    /// The column, 1-based, in characters.
    pub column: Option<usize>,
    /// Where the offending text ends (the line and column of its last character).
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    /// A short label for the offending text, e.g. "unknown question".
    pub label: Option<&'a str>,
    /// What to do about it.
    pub help: Option<&'a str>,
}

/// Counts over all files.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JsonSummary {
    pub files: usize,
    /// Files with `status: invalid`.
    pub invalid: usize,
    pub errors: usize,
    pub warnings: usize,
}

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
    }
}

/// A problem on the wire, its span turned into lines and columns.
pub(crate) fn problem<'a>(file: &FileProblems, p: &'a Problem) -> JsonProblem<'a> {
    let start = p.span.map(|s| file.file.line_col(s.offset()));
    let end = p
        .span
        .map(|s| file.file.line_col(s.offset() + s.len().saturating_sub(1)));
    JsonProblem {
        level: level(p.level),
        code: p.code,
        message: &p.message,
        line: start.map(|(l, _)| l),
        column: start.map(|(_, c)| c),
        end_line: end.map(|(l, _)| l),
        end_column: end.map(|(_, c)| c),
        label: p.label.as_deref(),
        help: p.help.as_deref(),
    }
}

fn kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Questionnaire => "questionnaire",
        Kind::Answers => "answers",
        Kind::Config => "config",
        Kind::Cases => "cases",
    }
}

/// The document for these results.
pub fn document(checked: &[Checked], deny_warnings: bool) -> JsonValidation<'_> {
    let mut summary = JsonSummary {
        files: checked.len(),
        invalid: 0,
        errors: 0,
        warnings: 0,
    };
    let files = checked
        .iter()
        .map(|c| {
            let count = |l: Level| c.problems.problems.iter().filter(|p| p.level == l).count();
            let (errors, warnings) = (count(Level::Error), count(Level::Warning));
            let invalid = errors > 0 || (deny_warnings && warnings > 0);
            summary.errors += errors;
            summary.warnings += warnings;
            summary.invalid += usize::from(invalid);
            JsonFile {
                path: c.problems.file.name(),
                kind: c.kind.map(kind),
                status: if invalid { "invalid" } else { "valid" },
                summary: c.summary.as_deref(),
                errors,
                warnings,
                problems: c
                    .problems
                    .problems
                    .iter()
                    .map(|p| problem(&c.problems, p))
                    .collect(),
            }
        })
        .collect();
    JsonValidation {
        schema_version: VALIDATION_SCHEMA_VERSION,
        valid: summary.invalid == 0,
        deny_warnings,
        files,
        summary,
    }
}

/// Writes the document, pretty-printed, with a final newline.
pub fn render(checked: &[Checked], deny_warnings: bool, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(checked, deny_warnings))?;
    writeln!(out)
}
