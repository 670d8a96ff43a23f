//! JSON Schemas of the files ecodiag reads and the report it writes, generated
//! from the Rust types (schemars), so a schema cannot drift from what is
//! accepted. Copies are committed under `schemas/`, where editors find them
//! through the `# yaml-language-server: $schema=…` line at the top of a file.

use schemars::{JsonSchema, Schema, generate::SchemaSettings};

use crate::answers::RawAnswers;
use crate::casetest::RawCaseFile;
use crate::config::RawConfig;
use crate::questionnaire::RawQuestionnaire;
use crate::render::{JsonReport, JsonTestRun, JsonValidation};

/// What a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Questionnaire,
    Answers,
    /// `ecodiag.toml` (a TOML file; editors such as Taplo read JSON Schemas).
    Config,
    /// Test-case files for `ecodiag test` (`*.tests.yaml`).
    Cases,
    Report,
    /// What `ecodiag validate --format json` prints.
    Validation,
    /// What `ecodiag test --format json` prints.
    TestResults,
}

impl Subject {
    /// Every subject, in the order `schemas/` lists them.
    pub const ALL: [Subject; 7] = [
        Subject::Questionnaire,
        Subject::Answers,
        Subject::Config,
        Subject::Cases,
        Subject::Report,
        Subject::Validation,
        Subject::TestResults,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Subject::Questionnaire => "questionnaire",
            Subject::Answers => "answers",
            Subject::Config => "config",
            Subject::Cases => "cases",
            Subject::Report => "report",
            Subject::Validation => "validation",
            Subject::TestResults => "test-results",
        }
    }

    /// The committed copy, relative to the repository root.
    pub fn path(self) -> String {
        format!("schemas/{}.schema.json", self.name())
    }

    fn title(self) -> &'static str {
        match self {
            Subject::Questionnaire => "ecodiag questionnaire",
            Subject::Answers => "ecodiag answers file",
            Subject::Config => "ecodiag.toml",
            Subject::Cases => "ecodiag test cases",
            Subject::Report => "ecodiag JSON report",
            Subject::Validation => "ecodiag validate JSON output",
            Subject::TestResults => "ecodiag test JSON output",
        }
    }
}

/// The schema of `subject`.
pub fn schema(subject: Subject) -> Schema {
    let mut schema = match subject {
        Subject::Questionnaire => of::<RawQuestionnaire>(),
        Subject::Answers => of::<RawAnswers>(),
        Subject::Config => of::<RawConfig>(),
        Subject::Cases => of::<RawCaseFile>(),
        Subject::Report => of::<JsonReport<'static>>(),
        Subject::Validation => of::<JsonValidation<'static>>(),
        Subject::TestResults => of::<JsonTestRun<'static>>(),
    };
    schema.insert("title".to_owned(), subject.title().into());
    schema
}

/// The schema of `subject` as pretty JSON with a final newline, exactly as
/// committed under `schemas/`.
pub fn generate(subject: Subject) -> String {
    let mut text = serde_json::to_string_pretty(&schema(subject)).unwrap_or_default();
    text.push('\n');
    text
}

fn of<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}
