//! From what was typed to what runs: the clap types of [`super`] checked and
//! turned into a [`Request`] — the format an `-o` file name asks for, the
//! configuration's defaults, the date waivers are judged against — then run
//! on a thread with a stack as deep as the input limits allow.

use std::path::{Path, PathBuf};

use super::{Cli, ColorWhen, Command, OutlineFormat};
use crate::commands::{self, DemoRequest, InitRequest, Outcome, Request, Terminal};
use crate::config::{self, CheckFormat};
use crate::error::Error;
use crate::render::Format;
use crate::workshop::Setup;
use crate::yaml::Limits;

impl Cli {
    /// Checks what was typed and turns it into a request.
    pub fn request(self) -> Result<Request, Error> {
        let lookup = config::Lookup {
            explicit: self.config.clone(),
            env: std::env::var_os(config::ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            disabled: self.no_config,
            start: PathBuf::new(),
        };
        let config = || config::discover(&lookup, &Limits::DEFAULT);
        let config_path = |config: &config::Config| config.source.as_ref().map(|s| PathBuf::from(s.name()));
        Ok(match self.command {
            Command::Score(a) => {
                let config = config()?;
                let typed = a.format.map(Format::from);
                let named = report_named(a.output.output.as_deref(), "score", typed)?;
                let mut specs = config.targets.clone();
                for text in &a.targets {
                    specs.push(
                        config::targets::from_argument(text)
                            .map_err(|e| Error::Usage(format!("{}; {}", e.message, e.help)))?,
                    );
                }
                Request::Score(commands::ScoreRequest {
                    answers: a.answers,
                    assessment: a.assessment.or(config.assessment.clone()),
                    format: report_format(typed, named, &config),
                    output: a.output.output,
                    force: a.output.force,
                    config: config_path(&config),
                    targets: config::Targets {
                        specs,
                        file: config.source.clone(),
                    },
                    probe: !a.no_probe,
                })
            }
            Command::Explain(a) => Request::Explain(commands::ExplainRequest {
                answers: a.answers,
                id: a.id,
                assessment: match a.assessment {
                    Some(name) => Some(name),
                    None => config()?.assessment,
                },
                format: a.format.into(),
            }),
            Command::Demo(a) => {
                let typed = a.format.map(Format::from);
                let named = if a.answers {
                    None
                } else {
                    report_named(a.output.output.as_deref(), "demo", typed)?
                };
                Request::Demo(DemoRequest {
                    answers_only: a.answers,
                    format: typed.or(named).unwrap_or(Format::Table),
                    output: a.output.output,
                    force: a.output.force,
                })
            }
            Command::Check(a) => {
                if a.jobs == Some(0) {
                    return Err(Error::Usage("--jobs must be at least 1".to_owned()));
                }
                let config = config()?;
                let typed = a.format.map(CheckFormat::from);
                let named = named_format(
                    a.output.as_deref(),
                    ("check", ".md, .json or .xml (JUnit)", "table"),
                    typed,
                    |n| match n {
                        Named::Markdown => Some(CheckFormat::Markdown),
                        Named::Json => Some(CheckFormat::Json),
                        Named::Xml => Some(CheckFormat::Junit),
                        Named::Html => None,
                    },
                )?;
                Request::Check(Box::new(commands::CheckCommand {
                    request: crate::check::CheckRequest {
                        paths: a.paths,
                        baseline: a.baseline,
                        assessment: a.assessment.or_else(|| config.assessment.clone()),
                        today: check_date(a.today.as_deref())?,
                        jobs: a.jobs,
                        save_reports: a.save_reports,
                        force: a.force,
                    },
                    quiet: a.quiet,
                    format: typed
                        .or(named)
                        .or(config.check.format)
                        .unwrap_or(CheckFormat::Table),
                    output: a.output,
                    config,
                }))
            }
            Command::Diff(a) => {
                let config = config()?;
                let typed = a.format.map(Format::from);
                let named = named_format(
                    a.output.output.as_deref(),
                    ("diff", ".md or .json", "table"),
                    typed,
                    |n| match n {
                        Named::Markdown => Some(Format::Markdown),
                        Named::Json => Some(Format::Json),
                        Named::Html | Named::Xml => None,
                    },
                )?;
                Request::Diff(commands::DiffRequest {
                    before: a.before,
                    after: a.after,
                    assessment: a.assessment.or(config.assessment.clone()),
                    format: report_format(typed, named, &config),
                    output: a.output.output,
                    force: a.output.force,
                    config: config_path(&config),
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
                Request::Test(commands::TestCommand {
                    request: crate::casetest::TestRequest {
                        paths: a.paths,
                        coverage: a.coverage || a.min_coverage.is_some(),
                        min_coverage: a.min_coverage,
                    },
                    format: a.format.into(),
                    quiet: a.quiet,
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
                let config = config()?;
                Request::Init(InitRequest {
                    assessment: a.assessment.or(config.assessment),
                    output: a.output,
                    client: a.client.or(config.client),
                    respondent: a.respondent,
                    role: a.role,
                    date: a.date.unwrap_or_else(today),
                    force: a.force,
                    dir: PathBuf::new(),
                })
            }
            Command::Validate(a) => Request::Validate(commands::ValidateCommand {
                request: crate::validate::ValidateRequest {
                    files: a.files,
                    assessment: a.assessment,
                    deny_warnings: a.deny_warnings,
                },
                format: a.format.into(),
                quiet: a.quiet,
            }),
            Command::Schema(a) => Request::Schema(a.subject.into()),
            Command::Migrate(a) => {
                let assessment = match a.assessment {
                    Some(name) => Some(name),
                    None => config()?.assessment,
                };
                Request::Migrate(commands::MigrateRequest {
                    files: a.files,
                    assessment,
                    to: a.to,
                    dry_run: a.dry_run,
                    force: a.force,
                })
            }
            Command::Completions(_) | Command::Man(_) => {
                return Err(Error::Usage(
                    "completions and man pages are printed, not run as a request".to_owned(),
                ));
            }
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

/// `--format`, else the `-o` file's name, else the project's default, else
/// a table.
fn report_format(typed: Option<Format>, named: Option<Format>, config: &config::Config) -> Format {
    typed
        .or(named)
        .or(config.format.map(Format::from))
        .unwrap_or(Format::Table)
}

/// The report format an `-o` file name asks for, for `score` and `demo`.
fn report_named(
    output: Option<&Path>,
    command: &str,
    typed: Option<Format>,
) -> Result<Option<Format>, Error> {
    named_format(
        output,
        (command, ".md, .json or .html", "table"),
        typed,
        |n| match n {
            Named::Markdown => Some(Format::Markdown),
            Named::Json => Some(Format::Json),
            Named::Html => Some(Format::Html),
            Named::Xml => None,
        },
    )
}

/// A format a file name asks for by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Markdown,
    Json,
    Html,
    Xml,
}

impl Named {
    fn of(path: &Path) -> Option<Named> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Named::Markdown,
            "json" => Named::Json,
            "html" | "htm" => Named::Html,
            "xml" => Named::Xml,
            _ => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            Named::Markdown => "Markdown",
            Named::Json => "JSON",
            Named::Html => "HTML",
            Named::Xml => "XML",
        }
    }
}

/// The format the `-o` file's extension names, if it names one: checked
/// against a `--format` typed beside it, and against what `command` can write.
fn named_format<F: Copy + PartialEq + std::fmt::Debug>(
    output: Option<&Path>,
    (command, extensions, default): (&str, &str, &str),
    typed: Option<F>,
    supported: impl Fn(Named) -> Option<F>,
) -> Result<Option<F>, Error> {
    let Some(path) = output else { return Ok(None) };
    let Some(named) = Named::of(path) else {
        return Ok(None);
    };
    let refuse = |problem: String, hint: String| {
        Err(Error::Output {
            path: path.display().to_string(),
            problem,
            hint,
        })
    };
    match (supported(named), typed) {
        (None, None) => refuse(
            format!("`ecodiag {command}` does not write {}", named.as_str()),
            format!("name the file {extensions}, or give it another extension for the {default} format"),
        ),
        (Some(by_name), Some(typed)) if by_name != typed => refuse(
            format!(
                "--format {} does not match the file name, which asks for {}",
                format_name(typed),
                named.as_str()
            ),
            format!(
                "drop --format to write {}, or name the file for {}",
                named.as_str(),
                format_name(typed)
            ),
        ),
        (None, Some(typed)) => refuse(
            format!(
                "--format {} does not match the file name, which asks for {}",
                format_name(typed),
                named.as_str()
            ),
            format!("name the file for {}", format_name(typed)),
        ),
        (by_name, _) => Ok(by_name),
    }
}

/// A format's name as typed after `--format`.
fn format_name(format: impl std::fmt::Debug) -> String {
    format!("{format:?}").to_ascii_lowercase()
}

impl Command {
    /// `--width`, for the commands that print tables.
    fn width(&self) -> Option<u16> {
        match self {
            Command::Score(a) => a.width.columns,
            Command::Demo(a) => a.width.columns,
            Command::Diff(a) => a.width.columns,
            Command::List(a) => a.width.columns,
            Command::Show(a) => a.width.columns,
            _ => None,
        }
    }
}

fn color_choice(cli: &Cli) -> Option<bool> {
    match cli.color {
        ColorWhen::Always => Some(true),
        ColorWhen::Never => Some(false),
        ColorWhen::Auto => None,
    }
}

/// What `completions` and `man` print: made from the command line's own
/// definitions, with no input to read.
fn generated(command: &Command) -> Result<Option<Vec<u8>>, Error> {
    Ok(match command {
        Command::Completions(a) => Some(super::generate::completions(a.shell)),
        Command::Man(a) => Some(super::generate::man_page(a.command.as_deref())?),
        _ => None,
    })
}

/// Parses nothing: runs an already parsed command line.
pub fn run(cli: Cli, terminal: &Terminal) -> Result<Outcome, Error> {
    if let Some(stdout) = generated(&cli.command)? {
        return Ok(Outcome {
            stdout,
            ..Outcome::default()
        });
    }
    let color = color_choice(&cli);
    let terminal = terminal.with_width(cli.command.width());
    let limits = cli.input_limits()?;
    let request = cli.request()?;
    run_request(request, &terminal, color, limits)
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
    if let Some(stdout) = generated(&cli.command)? {
        return Ok(Outcome {
            stdout,
            ..Outcome::default()
        });
    }
    let color = color_choice(&cli);
    let terminal = terminal.with_width(cli.command.width());
    let limits = cli.input_limits()?;
    match cli.request()? {
        // Its files are read on worker threads with a stack as deep as `run`'s.
        Request::Check(c) => {
            let color = color.unwrap_or(terminal.stdout_color);
            commands::check_to(&c, color, &limits, stdout, on_problem)
        }
        request => run_request(request, &terminal, color, limits),
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

/// Today's date where ecodiag runs.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}
