//! The command line as typed (clap derive types) and its conversion into the
//! checked requests the library runs. The only library file that knows clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::answers::Role;
use crate::commands::{self, InitRequest, Outcome, Request, Terminal};
use crate::config::{self, CheckFormat};
use crate::error::Error;
use crate::render::{self, Format};
use crate::workshop::Setup;
use crate::yaml::Limits;

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
    /// The earlier answers file (YAML) or JSON report (`ecodiag score --format json`).
    #[arg(value_name = "BEFORE")]
    pub before: PathBuf,

    /// The later answers file or JSON report.
    #[arg(value_name = "AFTER")]
    pub after: PathBuf,

    /// Score answers files against this assessment: a bundled id or a questionnaire file.
    /// [default: `assessment` in ecodiag.toml, else the one each file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// Output format. [default: `format` in ecodiag.toml, else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<DiffFormat>,

    /// Write the diff to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The answers file (YAML) to score.
    #[arg(value_name = "ANSWERS")]
    pub answers: PathBuf,

    /// Score against this assessment: a bundled id or a questionnaire file.
    /// [default: the assessment the answers file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// Report format. [default: `format` in ecodiag.toml, else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormat>,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = CHECK_HELP)]
pub struct CheckArgs {
    /// Answers files, or folders searched recursively for them (YAML files with a top-level
    /// `assessment:` key).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// A JSON report (`ecodiag score --format json`) or a folder of them to compare with; a
    /// report matches an answers file by relative path (acme/q3.yaml ↔ acme/q3.json), else by
    /// client.
    #[arg(long, value_name = "FILE|DIR")]
    pub baseline: Option<PathBuf>,

    /// Score against this assessment: a bundled id or a questionnaire file. [default:
    /// `assessment` in ecodiag.toml, else the one each answers file names]
    #[arg(long, short = 'a', value_name = "NAME|PATH")]
    pub assessment: Option<String>,

    /// Output format. [default: `check.format` in ecodiag.toml, else text]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<CheckFormatArg>,

    /// Write the results to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The date waivers are judged against. [default: today's date in UTC]
    #[arg(long, value_name = "YYYY-MM-DD", env = "ECODIAG_TODAY")]
    pub today: Option<String>,

    /// How many files to check at once. [default: one per core]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Also write each file's JSON report into DIR at the same relative path (acme/q3.yaml →
    /// DIR/acme/q3.json): the baseline for a later run.
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
    /// One line per file, details under those that warn or fail.
    Text,
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
            CheckFormatArg::Text => CheckFormat::Text,
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

/// Refuses an output path that is a directory.
fn output_file(output: Option<&PathBuf>) -> Result<(), Error> {
    match output {
        Some(out) if out.is_dir() => Err(Error::Usage(format!(
            "--output {} is a directory; give a file name such as {}/report.md",
            out.display(),
            out.display()
        ))),
        _ => Ok(()),
    }
}

/// The date waivers are judged against: as given, or today's.
fn check_date(given: Option<&str>) -> Result<jiff::civil::Date, Error> {
    match given {
        Some(text) => text
            .trim()
            .parse::<jiff::civil::Date>()
            .map_err(|_| Error::Usage(format!("--today `{text}` is not a date; write it as YYYY-MM-DD"))),
        None => Ok(today()),
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutlineFormat::Table)]
    pub format: OutlineFormat,
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

    /// Replace FILE if it exists.
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

/// Today's date where ecodiag runs.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
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

impl Cli {
    /// Checks what was typed and turns it into a request.
    pub fn request(self) -> Result<Request, Error> {
        let config = || config::discover(self.config.as_deref(), &Limits::DEFAULT);
        Ok(match self.command {
            Command::Score(a) => {
                output_file(a.output.as_ref())?;
                let config = config()?;
                Request::Score(commands::ScoreRequest {
                    answers: a.answers,
                    assessment: a.assessment.or(config.assessment),
                    format: a
                        .format
                        .map(Format::from)
                        .or(config.format.map(Format::from))
                        .unwrap_or(Format::Table),
                    output: a.output,
                })
            }
            Command::Check(a) => {
                output_file(a.output.as_ref())?;
                if a.jobs == Some(0) {
                    return Err(Error::Usage("--jobs must be at least 1".to_owned()));
                }
                let config = config()?;
                Request::Check(Box::new(commands::CheckCommand {
                    request: crate::check::CheckRequest {
                        paths: a.paths,
                        baseline: a.baseline,
                        assessment: a.assessment.or_else(|| config.assessment.clone()),
                        today: check_date(a.today.as_deref())?,
                        jobs: a.jobs,
                        save_reports: a.save_reports,
                    },
                    format: a
                        .format
                        .map(CheckFormat::from)
                        .or(config.check.format)
                        .unwrap_or(CheckFormat::Text),
                    output: a.output,
                    config,
                }))
            }
            Command::Diff(a) => {
                output_file(a.output.as_ref())?;
                let config = config()?;
                Request::Diff(commands::DiffRequest {
                    before: a.before,
                    after: a.after,
                    assessment: a.assessment.or(config.assessment),
                    format: a
                        .format
                        .map(Format::from)
                        .or(config.format.map(Format::from))
                        .unwrap_or(Format::Table),
                    output: a.output,
                })
            }
            Command::Test(a) => {
                if let Some(n) = a.min_coverage
                    && !(0.0..=100.0).contains(&n)
                {
                    return Err(Error::Usage(format!(
                        "--min-coverage is a percentage from 0 to 100, not {n}"
                    )));
                }
                Request::Test(crate::casetest::TestRequest {
                    paths: a.paths,
                    coverage: a.coverage || a.min_coverage.is_some(),
                    min_coverage: a.min_coverage,
                })
            }
            Command::List(a) => Request::List {
                json: a.format == OutlineFormat::Json,
            },
            Command::Show(a) => Request::Show {
                assessment: match a.assessment {
                    Some(name) => Some(name),
                    None => config()?.assessment,
                },
                json: a.format == OutlineFormat::Json,
            },
            Command::Assess(a) => {
                if let Some(path) = &a.answers
                    && path.is_dir()
                {
                    return Err(Error::Usage(format!(
                        "--answers {} is a directory; give a file name such as {}/answers.yaml",
                        path.display(),
                        path.display()
                    )));
                }
                if let Some(path) = &a.answers {
                    existing_folder("--answers", path)?;
                }
                Request::Assess(Setup {
                    assessment: a.assessment,
                    answers: a.answers,
                    client: a.client.filter(|c| !c.trim().is_empty()),
                    respondent: a.respondent,
                    role: a.role,
                    date: a.date.unwrap_or_else(today),
                    review: a.review,
                    minutes: a.minutes,
                    dir: PathBuf::new(),
                })
            }
            Command::Init(a) => {
                if let Some(path) = &a.output {
                    existing_folder("--output", path)?;
                }
                Request::Init(InitRequest {
                    assessment: a.assessment,
                    output: a.output,
                    client: a.client,
                    respondent: a.respondent,
                    role: a.role,
                    date: a.date.unwrap_or_else(today),
                    force: a.force,
                    dir: PathBuf::new(),
                })
            }
            Command::Validate(a) => Request::Validate(commands::ValidateRequest {
                files: a.files,
                assessment: a.assessment,
                deny_warnings: a.deny_warnings,
            }),
            Command::Schema(a) => Request::Schema(a.subject.into()),
        })
    }

    /// The input limits: the defaults with `--limit` (or `ECODIAG_LIMITS`) applied.
    pub fn input_limits(&self) -> Result<Limits, Error> {
        self.limits
            .iter()
            .filter(|l| !l.trim().is_empty())
            .try_fold(Limits::DEFAULT, |limits, text| {
                limits
                    .with_override(text)
                    .map_err(|e| Error::Usage(format!("--limit {text}: {e}")))
            })
    }
}

/// Refuses a file to be written in a folder that does not exist, before any
/// question is asked.
fn existing_folder(flag: &str, path: &std::path::Path) -> Result<(), Error> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => Err(Error::Usage(format!(
            "{flag} {}: the folder {} does not exist; create it first, or give a file in an existing folder",
            path.display(),
            parent.display()
        ))),
        _ => Ok(()),
    }
}

/// Parses nothing: runs an already parsed command line.
pub fn run(cli: Cli, terminal: &Terminal) -> Result<Outcome, Error> {
    let color = match cli.color {
        ColorWhen::Always => Some(true),
        ColorWhen::Never => Some(false),
        ColorWhen::Auto => None,
    };
    let limits = cli.input_limits()?;
    let request = cli.request()?;
    run_request(request, terminal, color, limits)
}

/// Runs a request on a thread whose stack holds the deepest nesting the input
/// limits allow.
fn run_request(
    request: Request,
    terminal: &Terminal,
    color: Option<bool>,
    limits: Limits,
) -> Result<Outcome, Error> {
    let terminal = *terminal;
    let worker = std::thread::Builder::new()
        .name("ecodiag".to_owned())
        .stack_size(crate::yaml::STACK_BYTES)
        .spawn(move || commands::run_with_limits(&request, &terminal, color, &limits));
    match worker {
        Ok(handle) => handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        Err(e) => Err(Error::Usage(format!("cannot start a thread: {e}"))),
    }
}

/// Like [`run`], but a command that streams (`check`) writes to `stdout` and
/// hands located problems to `on_problem` as it goes, instead of returning
/// them.
pub fn run_to(
    cli: Cli,
    terminal: &Terminal,
    stdout: &mut dyn std::io::Write,
    on_problem: &mut dyn FnMut(crate::diagnostic::FileProblems),
) -> Result<Outcome, Error> {
    let color = match cli.color {
        ColorWhen::Always => Some(true),
        ColorWhen::Never => Some(false),
        ColorWhen::Auto => None,
    };
    let limits = cli.input_limits()?;
    match cli.request()? {
        // Its files are read on worker threads with a stack as deep as `run`'s.
        Request::Check(c) => {
            let color = stdout_options(terminal, color).color;
            commands::check_to(&c, color, &limits, stdout, on_problem)
        }
        request => run_request(request, terminal, color, limits),
    }
}

/// Render options for standard output.
pub fn stdout_options(terminal: &Terminal, color: Option<bool>) -> render::Options {
    render::Options {
        color: color.unwrap_or(terminal.stdout_color),
        width: terminal.width.unwrap_or(100),
    }
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
