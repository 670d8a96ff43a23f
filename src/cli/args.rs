//! Each subcommand's arguments, as typed. Help text is the `///` comments;
//! the text after it (exit codes, examples) is in [`super::help`].

use std::path::PathBuf;

use clap::{Args, ValueHint};

use super::formats::{
    CheckFormatArg, DiffFormat, ExplainFormat, OutlineFormat, ProblemFormat, ReportFormat, SchemaSubject,
};
use crate::answers::Role;

/// `--width`, where tables are printed.
#[derive(Debug, Clone, Copy, Args)]
pub struct WidthArg {
    /// Width of tables on standard output, in columns (at least 20). [default: COLUMNS, else the
    /// terminal's, else 100]
    #[arg(long = "width", value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub columns: Option<u16>,
}

/// `-o FILE` and `--force`, where a command writes a report.
#[derive(Debug, Clone, Args)]
pub struct OutputArg {
    /// Write to FILE instead of standard output (`-` is standard output).
    #[arg(long, short = 'o', value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,

    /// Replace FILE even if it is read-only.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print the demo company's answers file (YAML) instead of its report: a start for your own.
    #[arg(long, conflicts_with_all = ["format", "columns"])]
    pub answers: bool,

    /// Report format. [default: as the -o file name says (.md, .json, .html), else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormat>,

    #[command(flatten)]
    pub output: OutputArg,

    #[command(flatten)]
    pub width: WidthArg,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The answers file (YAML) to score; `-` reads standard input.
    #[arg(value_name = "ANSWERS", value_hint = ValueHint::FilePath)]
    pub answers: PathBuf,

    /// Score against this assessment: a bundled id or a questionnaire file.
    /// [default: `assessment` in the project file, else the assessment the answers file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH", value_hint = ValueHint::FilePath)]
    pub assessment: Option<String>,

    /// Report format. [default: as the -o file name says (.md, .json, .html), else `format`
    /// in the project file, else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormat>,

    #[command(flatten)]
    pub output: OutputArg,

    #[command(flatten)]
    pub width: WidthArg,

    /// A target for an area (a bucket, element or culprit id, `macro` or `ecosystem`): a
    /// maturity level (`L3`, or the level's name) or a score (a number above 5). The report
    /// shows where the area stands against it. Repeatable; wins over `[targets]` in
    /// the project file.
    #[arg(long = "target", value_name = "AREA=LEVEL|SCORE")]
    pub targets: Vec<String>,

    /// Leave out probe-next and what would remove the first root cause: both score the answers
    /// again for every unknown question and every change tried.
    #[arg(long)]
    pub no_probe: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The answers file (YAML) to explain; `-` reads standard input.
    #[arg(value_name = "ANSWERS", value_hint = ValueHint::FilePath)]
    pub answers: PathBuf,

    /// A root-cause id or a rule id. [default: every cause found, and the nearest misses]
    #[arg(value_name = "CAUSE|RULE")]
    pub id: Option<String>,

    /// Score against this assessment: a bundled id or a questionnaire file.
    /// [default: `assessment` in the project file, else the assessment the answers file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH", value_hint = ValueHint::FilePath)]
    pub assessment: Option<String>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExplainFormat::Table)]
    pub format: ExplainFormat,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutlineFormat::Table)]
    pub format: OutlineFormat,

    #[command(flatten)]
    pub width: WidthArg,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A bundled assessment id or a questionnaire file. [default: `assessment` in the project
    /// file, else sales-ecosystem]
    #[arg(value_name = "ASSESSMENT", value_hint = ValueHint::FilePath)]
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
    #[arg(long, short = 'a', value_name = "NAME|PATH", value_hint = ValueHint::FilePath)]
    pub assessment: Option<String>,

    /// The answers file: resumed when it exists, created otherwise.
    /// [default: CLIENT-DATE.yaml in the current directory]
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
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
    /// [default: `assessment` in the project file, else sales-ecosystem]
    #[arg(long, short = 'a', value_name = "NAME|PATH", value_hint = ValueHint::FilePath)]
    pub assessment: Option<String>,

    /// Write to FILE (`-` for standard output). [default: CLIENT-DATE.yaml in the current directory]
    #[arg(long, short = 'o', value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,

    /// The company the answers describe. [default: `client` in the project file, else a
    /// placeholder to edit]
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

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Questionnaires, answer files, test-case files and ecodiag.toml; the kind is recognised
    /// from the content. [default: the bundled assessments]
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub files: Vec<PathBuf>,

    /// Check answer files against this assessment (a bundled id or a
    /// questionnaire file). [default: a questionnaire given alongside with the
    /// id the answers name, else the bundled one]
    #[arg(long, short = 'a', value_name = "NAME|PATH", value_hint = ValueHint::FilePath)]
    pub assessment: Option<String>,

    /// Treat warnings as errors (exit code 2).
    #[arg(long)]
    pub deny_warnings: bool,

    /// Output format; with json or github the problems are in the output, not on standard error.
    #[arg(long, short = 'f', value_enum, default_value_t = ProblemFormat::Table)]
    pub format: ProblemFormat,

    /// Print only the problems: no line for each valid file, no total.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which format to describe.
    #[arg(value_enum, value_name = "SUBJECT")]
    pub subject: SchemaSubject,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Answers files, or folders searched recursively for them (YAML files with a top-level
    /// `assessment:` key).
    #[arg(value_name = "PATH", required = true, value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,

    /// A JSON report (`ecodiag score --format json`) or a folder of them to compare with; a
    /// report matches an answers file by relative path (acme/q3.yaml ↔ acme/q3.json) when it is
    /// of the same client, else by client; never another client's.
    #[arg(long, value_name = "FILE|DIR", value_hint = ValueHint::AnyPath)]
    pub baseline: Option<PathBuf>,

    /// Score against this assessment: a bundled id or a questionnaire file. [default:
    /// `assessment` in the project file, else the one each answers file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH", value_hint = ValueHint::FilePath)]
    pub assessment: Option<String>,

    /// Output format. [default: as the -o file name says (.md, .json, .xml), else
    /// `check.format` in the project file, else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<CheckFormatArg>,

    /// Write the results to FILE instead of standard output (`-` is standard output).
    #[arg(long, short = 'o', value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,

    /// Replace FILE, and saved reports, even if they are read-only.
    #[arg(long)]
    pub force: bool,

    /// Print only the files that warn, fail or cannot be read: no line for a file that passed,
    /// no waiver list, no total (table format; the others are written whole).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// The date waivers are judged against. [default: today's date in UTC]
    #[arg(long, value_name = "YYYY-MM-DD", env = "ECODIAG_TODAY")]
    pub today: Option<String>,

    /// How many files to check at once. [default: one per core]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Also write each file's JSON report into DIR at the same relative path (acme/q3.yaml →
    /// DIR/acme/q3.json): the baseline for a later run. Two files that would share a report are
    /// refused.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub save_reports: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier answers file (YAML) or JSON report (`ecodiag score --format json`); `-` reads
    /// standard input.
    #[arg(value_name = "BEFORE", value_hint = ValueHint::FilePath)]
    pub before: PathBuf,

    /// The later answers file or JSON report.
    #[arg(value_name = "AFTER", value_hint = ValueHint::FilePath)]
    pub after: PathBuf,

    /// Score answers files against this assessment: a bundled id or a questionnaire file.
    /// [default: `assessment` in the project file, else the one each file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH", value_hint = ValueHint::FilePath)]
    pub assessment: Option<String>,

    /// Output format. [default: as the -o file name says (.md, .json), else `format` in
    /// the project file, else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<DiffFormat>,

    #[command(flatten)]
    pub output: OutputArg,

    #[command(flatten)]
    pub width: WidthArg,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Case files (`*.tests.yaml`, docs/testing.md), or folders searched for them. [default: the
    /// cases bundled with the bundled assessments]
    #[arg(value_name = "PATH", value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,

    /// List the rules that fired in no case and the questions no rule reads, with percentages.
    #[arg(long)]
    pub coverage: bool,

    /// Fail when fewer than N percent of an assessment's rules fire in some case (implies
    /// --coverage).
    #[arg(long, value_name = "N")]
    pub min_coverage: Option<f64>,

    /// Output format; with json or github the problems are in the output, not on standard error.
    #[arg(long, short = 'f', value_enum, default_value_t = ProblemFormat::Table)]
    pub format: ProblemFormat,

    /// Print only the cases that fail or have problems, and a coverage below the minimum.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Answers files (YAML) to carry over.
    #[arg(value_name = "ANSWERS", required = true, value_hint = ValueHint::FilePath)]
    pub files: Vec<PathBuf>,

    /// The questionnaire to migrate to: a bundled id or a questionnaire file. [default:
    /// `assessment` in the project file, else the bundled one each file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH", value_hint = ValueHint::FilePath)]
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
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command to print the page of (`ecodiag-score(1)`, …). [default: the page of ecodiag
    /// itself, which lists every command]
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
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
