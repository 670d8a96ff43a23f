//! The values `--format` and `ecodiag schema` take on the command line, and
//! what each maps to in the library.

use clap::ValueEnum;

use crate::config::{self, CheckFormat};
use crate::render::{Format, ProblemFormat as Problems};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Terminal tables.
    Table,
    /// Markdown for documents and pull requests.
    Markdown,
    /// Versioned JSON (docs/json-report.md).
    Json,
    /// A self-contained HTML page for a client or for print.
    Html,
}

impl From<ReportFormat> for Format {
    fn from(f: ReportFormat) -> Format {
        match f {
            ReportFormat::Table => Format::Table,
            ReportFormat::Markdown => Format::Markdown,
            ReportFormat::Json => Format::Json,
            ReportFormat::Html => Format::Html,
        }
    }
}

impl From<config::ReportFormat> for Format {
    fn from(f: config::ReportFormat) -> Format {
        match f {
            config::ReportFormat::Table => Format::Table,
            config::ReportFormat::Markdown => Format::Markdown,
            config::ReportFormat::Json => Format::Json,
            config::ReportFormat::Html => Format::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Terminal tables.
    Table,
    /// Markdown for documents and pull requests.
    Markdown,
    /// Versioned JSON (docs/check.md).
    Json,
}

impl From<DiffFormat> for Format {
    fn from(f: DiffFormat) -> Format {
        match f {
            DiffFormat::Table => Format::Table,
            DiffFormat::Markdown => Format::Markdown,
            DiffFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Text for the terminal.
    Table,
    /// Markdown for documents and pull requests.
    Markdown,
    /// Versioned JSON (docs/explain.md).
    Json,
}

impl From<ExplainFormat> for Format {
    fn from(f: ExplainFormat) -> Format {
        match f {
            ExplainFormat::Table => Format::Table,
            ExplainFormat::Markdown => Format::Markdown,
            ExplainFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormatArg {
    /// One line per file, details under those that warn or fail (`text` is an old name for it).
    #[value(alias = "text")]
    Table,
    /// One JSON document (docs/check.md).
    Json,
    /// JUnit XML: one test suite per answers file, one test case per assertion.
    Junit,
    /// A short summary for a CI job summary or a pull-request comment.
    Markdown,
    /// GitHub Actions annotations for what warns or fails, then the totals.
    Github,
}

impl From<CheckFormatArg> for CheckFormat {
    fn from(f: CheckFormatArg) -> CheckFormat {
        match f {
            CheckFormatArg::Table => CheckFormat::Table,
            CheckFormatArg::Json => CheckFormat::Json,
            CheckFormatArg::Junit => CheckFormat::Junit,
            CheckFormatArg::Markdown => CheckFormat::Markdown,
            CheckFormatArg::Github => CheckFormat::Github,
        }
    }
}

/// How `validate` and `test` print what they found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProblemFormat {
    /// A line per file on standard output; each problem, located, on standard error.
    Table,
    /// One versioned JSON document (docs/validation.md, docs/testing.md).
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…::…`), then the usual lines.
    Github,
}

impl From<ProblemFormat> for Problems {
    fn from(f: ProblemFormat) -> Problems {
        match f {
            ProblemFormat::Table => Problems::Table,
            ProblemFormat::Json => Problems::Json,
            ProblemFormat::Github => Problems::Github,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    Table,
    Json,
}

/// The formats with a JSON Schema; each is also committed under `schemas/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaSubject {
    /// A questionnaire file (assessments/*.yaml).
    Questionnaire,
    /// An answers file.
    Answers,
    /// The project file ecodiag.toml.
    Config,
    /// A test-case file for `ecodiag test` (assessments/*.tests.yaml).
    Cases,
    /// The JSON report of `score --format json`.
    Report,
    /// What `validate --format json` prints.
    Validation,
    /// What `test --format json` prints.
    TestResults,
}

impl From<SchemaSubject> for crate::schema::Subject {
    fn from(s: SchemaSubject) -> Self {
        use crate::schema::Subject;
        match s {
            SchemaSubject::Questionnaire => Subject::Questionnaire,
            SchemaSubject::Answers => Subject::Answers,
            SchemaSubject::Config => Subject::Config,
            SchemaSubject::Cases => Subject::Cases,
            SchemaSubject::Report => Subject::Report,
            SchemaSubject::Validation => Subject::Validation,
            SchemaSubject::TestResults => Subject::TestResults,
        }
    }
}
