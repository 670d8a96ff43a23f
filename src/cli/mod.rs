//! The command line as typed (clap derive types); `request` turns it into
//! the checked requests the library runs. The only library module that knows
//! clap.

mod request;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use request::{run, run_to};

use crate::answers::Role;
use crate::config::{self, CheckFormat};
use crate::render::Format;

const EXIT_CODES: &str = "\
Exit codes:
  0    success
  1    a check or threshold failed
  2    usage or input error (the message names the file, line and column)
  130  `assess` stopped with Ctrl-C (every answer given so far is saved)

Run `ecodiag score examples/healthy-saas.yaml` to see a report.";

/// Diagnose a company's sales ecosystem: score answers with declarative rules
/// and print a ranked root-cause report that points at the system, not the people.
#[derive(Debug, Parser)]
#[command(name = "ecodiag", version, after_help = EXIT_CODES, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour the output: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Raise (or lower) a limit on input files: bytes (default 8M), depth (64),
    /// nodes (250000) or aliases (1000). Repeatable, or comma-separated.
    #[arg(
        long = "limit",
        global = true,
        value_name = "NAME=N",
        env = "ECODIAG_LIMITS",
        hide_env_values = true,
        value_delimiter = ',',
        help_heading = "Input limits"
    )]
    pub limits: Vec<String>,

    /// Project configuration (docs/config.md). [default: ecodiag.toml in the current directory, if
    /// there is one]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score an answers file and print the verdict, scores and ranked root causes.
    Score(ScoreArgs),
    /// List the bundled assessments.
    List(ListArgs),
    /// Show an assessment's outline: buckets, elements, questions, root causes and rules.
    Show(ShowArgs),
    /// Ask the questions on the terminal, saving every answer as it is given; then print the report.
    Assess(AssessArgs),
    /// Write an answers file to fill in with any editor: every question, answered `unknown`.
    Init(InitArgs),
    /// Check questionnaires and answer files and report every problem, located, with a hint.
    Validate(ValidateArgs),
    /// Print the JSON Schema of a file format, for editors and scripts.
    Schema(SchemaArgs),
    /// Score many answers files and fail on a regression: for CI.
    Check(CheckArgs),
    /// Compare two answers files or JSON reports of the same client, e.g. this quarter and the last.
    Diff(DiffArgs),
    /// Run an assessment's test cases: do its rules still conclude what they should?
    Test(TestArgs),
    /// Carry answers files over to a new version of their questionnaire, keeping comments and notes.
    Migrate(MigrateArgs),
}

const MIGRATE_HELP: &str = "\
Each file is rewritten in place, atomically, by the questionnaire's `migrations:`: questions
renamed, options renamed or merged, scales re-anchored. An answer that cannot be carried over
becomes `unknown` with a note saying why; an answer to a removed question stays in the file as
a comment. Every change is reported. A file open in an `ecodiag assess` session is left alone.

Exit codes:
  0  every file was migrated, or was already at the questionnaire's version
  2  a file could not be read or migrated (each is reported; the others were still migrated)";

#[derive(Debug, Args)]
#[command(after_help = MIGRATE_HELP)]
pub struct MigrateArgs {
    /// Answers files (YAML) to carry over.
    #[arg(value_name = "ANSWERS", required = true)]
    pub files: Vec<PathBuf>,

    /// The questionnaire to migrate to: a bundled id or a questionnaire file. [default:
    /// `assessment` in ecodiag.toml, else the bundled one each file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// The version to migrate to; refused unless it is the questionnaire's version.
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,

    /// Report every change without writing any file.
    #[arg(long)]
    pub dry_run: bool,

    /// Rewrite a file even if it is read-only.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Questionnaires and answer files (YAML); the kind is recognised from the
    /// content. [default: the bundled assessments]
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Check answer files against this assessment (a bundled id or a
    /// questionnaire file). [default: a questionnaire given alongside with the
    /// id the answers name, else the bundled one]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// Treat warnings as errors (exit code 2).
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which format to describe.
    #[arg(value_enum, value_name = "SUBJECT")]
    pub subject: SchemaSubject,
}

/// The formats with a JSON Schema; each is also committed under `schemas/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaSubject {
    /// A questionnaire file (assessments/*.yaml).
    Questionnaire,
    /// An answers file (examples/*.yaml).
    Answers,
    /// The project file ecodiag.toml.
    Config,
    /// A test-case file for `ecodiag test` (assessments/*.tests.yaml).
    Cases,
    /// The JSON report of `score --format json`.
    Report,
}

impl From<SchemaSubject> for crate::schema::Subject {
    fn from(s: SchemaSubject) -> Self {
        match s {
            SchemaSubject::Questionnaire => crate::schema::Subject::Questionnaire,
            SchemaSubject::Answers => crate::schema::Subject::Answers,
            SchemaSubject::Config => crate::schema::Subject::Config,
            SchemaSubject::Cases => crate::schema::Subject::Cases,
            SchemaSubject::Report => crate::schema::Subject::Report,
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

const TEST_HELP: &str = "\
Exit codes:
  0  every case passed, and coverage is at least --min-coverage
  1  a case failed, or coverage is below --min-coverage
  2  a case file has problems (each is located; the other cases still ran)";

#[derive(Debug, Args)]
#[command(after_help = TEST_HELP)]
pub struct TestArgs {
    /// Case files (`*.tests.yaml`, docs/testing.md), or folders searched for them. [default: the
    /// cases bundled with the bundled assessments]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// List the rules that fired in no case and the questions no rule reads, with percentages.
    #[arg(long)]
    pub coverage: bool,

    /// Fail when fewer than N percent of an assessment's rules fire in some case (implies
    /// --coverage).
    #[arg(long, value_name = "N")]
    pub min_coverage: Option<f64>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier answers file (YAML) or JSON report (`ecodiag score --format json`); `-` reads
    /// standard input.
    #[arg(value_name = "BEFORE")]
    pub before: PathBuf,

    /// The later answers file or JSON report.
    #[arg(value_name = "AFTER")]
    pub after: PathBuf,

    /// Score answers files against this assessment: a bundled id or a questionnaire file.
    /// [default: `assessment` in ecodiag.toml, else the one each file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// Output format. [default: as the -o file name says (.md, .json), else `format` in
    /// ecodiag.toml, else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<DiffFormat>,

    /// Write the diff to FILE instead of standard output (`-` is standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE even if it is read-only.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub width: WidthArg,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The answers file (YAML) to score; `-` reads standard input.
    #[arg(value_name = "ANSWERS")]
    pub answers: PathBuf,

    /// Score against this assessment: a bundled id or a questionnaire file.
    /// [default: the assessment the answers file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// Report format. [default: as the -o file name says (.md, .json, .html), else `format`
    /// in ecodiag.toml, else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormat>,

    /// Write the report to FILE instead of standard output (`-` is standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE even if it is read-only.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub width: WidthArg,

    /// A target for an area (a bucket, element or culprit id, `macro` or `ecosystem`): a
    /// maturity level (`L3`, or the level's name) or a score (a number above 5). The report
    /// shows where the area stands against it. Repeatable; wins over `[targets]` in
    /// ecodiag.toml.
    #[arg(long = "target", value_name = "AREA=LEVEL|SCORE")]
    pub targets: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = CHECK_HELP)]
pub struct CheckArgs {
    /// Answers files, or folders searched recursively for them (YAML files with a top-level
    /// `assessment:` key).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// A JSON report (`ecodiag score --format json`) or a folder of them to compare with; a
    /// report matches an answers file by relative path (acme/q3.yaml ↔ acme/q3.json) when it is
    /// of the same client, else by client; never another client's.
    #[arg(long, value_name = "FILE|DIR")]
    pub baseline: Option<PathBuf>,

    /// Score against this assessment: a bundled id or a questionnaire file. [default:
    /// `assessment` in ecodiag.toml, else the one each answers file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// Output format. [default: as the -o file name says (.md, .json, .xml), else
    /// `check.format` in ecodiag.toml, else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<CheckFormatArg>,

    /// Write the results to FILE instead of standard output (`-` is standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE, and saved reports, even if they are read-only.
    #[arg(long)]
    pub force: bool,

    /// The date waivers are judged against. [default: today's date in UTC]
    #[arg(long, value_name = "YYYY-MM-DD", env = "ECODIAG_TODAY")]
    pub today: Option<String>,

    /// How many files to check at once. [default: one per core]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Also write each file's JSON report into DIR at the same relative path (acme/q3.yaml →
    /// DIR/acme/q3.json): the baseline for a later run. Two files that would share a report are
    /// refused.
    #[arg(long, value_name = "DIR")]
    pub save_reports: Option<PathBuf>,
}

const CHECK_HELP: &str = "\
Exit codes:
  0  no error-level assertion failed (warnings are allowed)
  1  an error-level assertion failed: the build should fail
  2  a file or the configuration could not be read; the other files were still checked

The assertions, their levels and the waivers live in the [check] section of ecodiag.toml
(docs/config.md).";

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
}

impl From<CheckFormatArg> for CheckFormat {
    fn from(f: CheckFormatArg) -> CheckFormat {
        match f {
            CheckFormatArg::Table => CheckFormat::Table,
            CheckFormatArg::Json => CheckFormat::Json,
            CheckFormatArg::Junit => CheckFormat::Junit,
            CheckFormatArg::Markdown => CheckFormat::Markdown,
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

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutlineFormat::Table)]
    pub format: OutlineFormat,

    #[command(flatten)]
    pub width: WidthArg,
}

/// `--width`, where tables are printed.
#[derive(Debug, Clone, Copy, Args)]
pub struct WidthArg {
    /// Width of tables on standard output, in columns (at least 20). [default: COLUMNS, else the
    /// terminal's, else 100]
    #[arg(long = "width", value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub columns: Option<u16>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A bundled assessment id or a questionnaire file. [default: `assessment` in ecodiag.toml,
    /// else sales-ecosystem]
    #[arg(value_name = "ASSESSMENT")]
    pub assessment: Option<String>,

    /// Output format; `json` is complete enough to generate answer files from.
    #[arg(long, short = 'f', value_enum, default_value_t = OutlineFormat::Table)]
    pub format: OutlineFormat,

    #[command(flatten)]
    pub width: WidthArg,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The assessment to ask: a bundled id or a questionnaire file.
    /// [default: sales-ecosystem, or the one the answers file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// The answers file: resumed when it exists, created otherwise.
    /// [default: CLIENT-DATE.yaml in the current directory]
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// The company the answers describe. [default: asked]
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,

    /// Who answers: a person, or the room. [default: asked]
    #[arg(long, value_name = "NAME")]
    pub respondent: Option<String>,

    /// The respondent's role. [default: asked]
    #[arg(long, value_name = "ROLE", value_parser = role_parser())]
    pub role: Option<Role>,

    /// The date the answers are given, for a new file. [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,

    /// Walk through every answer already given, to change any of them.
    #[arg(long)]
    pub review: bool,

    /// A time box for the session, in minutes, shared among the buckets by their
    /// number of questions; the screen says when a bucket runs over.
    #[arg(long, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub minutes: Option<u32>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The assessment whose questions to write: a bundled id or a questionnaire file.
    /// [default: sales-ecosystem]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// Write to FILE (`-` for standard output). [default: CLIENT-DATE.yaml in the current directory]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The company the answers describe. [default: a placeholder to edit]
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,

    /// Who answers.
    #[arg(long, value_name = "NAME")]
    pub respondent: Option<String>,

    /// The respondent's role. [default: ceo]
    #[arg(long, value_name = "ROLE", value_parser = role_parser())]
    pub role: Option<Role>,

    /// The date written into the file. [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,

    /// Replace FILE if it exists, even if it is read-only.
    #[arg(long)]
    pub force: bool,
}

fn role_parser() -> impl clap::builder::TypedValueParser<Value = Role> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(Role::ALL.map(Role::as_str))
        .map(|s| s.parse::<Role>().unwrap_or(Role::Other))
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| format!("`{s}` is not a calendar date; write it as YYYY-MM-DD, e.g. 2026-03-14"))
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    Table,
    Json,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
