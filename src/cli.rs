//! The command line as typed (clap derive types) and its conversion into the
//! checked requests the library runs. The only library file that knows clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::answers::Role;
use crate::commands::{self, InitRequest, Outcome, Request, Terminal};
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
    /// The JSON report of `score --format json`.
    Report,
}

impl From<SchemaSubject> for crate::schema::Subject {
    fn from(s: SchemaSubject) -> Self {
        match s {
            SchemaSubject::Questionnaire => crate::schema::Subject::Questionnaire,
            SchemaSubject::Answers => crate::schema::Subject::Answers,
            SchemaSubject::Report => crate::schema::Subject::Report,
        }
    }
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

    /// Report format.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutlineFormat::Table)]
    pub format: OutlineFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A bundled assessment id or a questionnaire file. [default: sales-ecosystem]
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
        Ok(match self.command {
            Command::Score(a) => {
                if let Some(out) = &a.output
                    && out.is_dir()
                {
                    return Err(Error::Usage(format!(
                        "--output {} is a directory; give a file name such as {}/report.md",
                        out.display(),
                        out.display()
                    )));
                }
                Request::Score(commands::ScoreRequest {
                    answers: a.answers,
                    assessment: a.assessment,
                    format: a.format.into(),
                    output: a.output,
                })
            }
            Command::List(a) => Request::List {
                json: a.format == OutlineFormat::Json,
            },
            Command::Show(a) => Request::Show {
                assessment: a.assessment,
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
/// Stack for running a command. Reading nested input recurses once per level,
/// so the stack must hold the deepest nesting `--limit depth` allows; the
/// memory is only committed as it is used.
const STACK_BYTES: usize = 256 << 20;

/// Parses nothing: runs an already parsed command line.
pub fn run(cli: Cli, terminal: &Terminal) -> Result<Outcome, Error> {
    let color = match cli.color {
        ColorWhen::Always => Some(true),
        ColorWhen::Never => Some(false),
        ColorWhen::Auto => None,
    };
    let limits = cli.input_limits()?;
    let request = cli.request()?;
    let terminal = *terminal;
    let worker = std::thread::Builder::new()
        .name("ecodiag".to_owned())
        .stack_size(STACK_BYTES)
        .spawn(move || commands::run_with_limits(&request, &terminal, color, &limits));
    match worker {
        Ok(handle) => handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        Err(e) => Err(Error::Usage(format!("cannot start a thread: {e}"))),
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
