//! The use cases behind each subcommand: load, check, score, render. Output is
//! returned as bytes (or written to the file asked for); nothing here touches
//! the terminal, except `assess`, which hands the terminal to the workshop.

mod assess;
mod init;

use std::io::Write;
use std::path::PathBuf;

use crate::check;
use crate::config::{CheckFormat, Config};
use crate::diagnostic::FileProblems;
use crate::error::Error;
use crate::questionnaire::{self, BUNDLED, Loaded};
use crate::render::{self, Format};
use crate::yaml::Limits;
use crate::{answers, report};

pub use assess::{assess, assess_with};
pub use init::{InitRequest, PLACEHOLDER_CLIENT, init};

/// What the binary knows about where output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// Standard output is a terminal that accepts colour (NO_COLOR unset, …).
    pub stdout_color: bool,
    /// Width of the terminal, when standard output is one.
    pub width: Option<u16>,
}

impl Terminal {
    /// Output that is not a terminal: no colour, the default width.
    pub const PLAIN: Terminal = Terminal {
        stdout_color: false,
        width: None,
    };
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRequest {
    pub answers: PathBuf,
    pub assessment: Option<String>,
    pub format: Format,
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidateRequest {
    /// Files to check; none means the bundled assessments.
    pub files: Vec<PathBuf>,
    /// Check answer files against this assessment rather than the one they name.
    pub assessment: Option<String>,
    /// Warnings count as errors.
    pub deny_warnings: bool,
}

/// `ecodiag diff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRequest {
    pub before: PathBuf,
    pub after: PathBuf,
    pub assessment: Option<String>,
    pub format: Format,
    pub output: Option<PathBuf>,
}

/// `ecodiag check`, with its configuration already read.
#[derive(Debug, Clone)]
pub struct CheckCommand {
    pub request: check::CheckRequest,
    pub config: Config,
    pub format: CheckFormat,
    pub output: Option<PathBuf>,
}

/// A checked command.
#[derive(Debug, Clone)]
pub enum Request {
    Score(ScoreRequest),
    Check(Box<CheckCommand>),
    Diff(DiffRequest),
    Test(crate::casetest::TestRequest),
    List { json: bool },
    Show { assessment: Option<String>, json: bool },
    Assess(crate::workshop::Setup),
    Init(InitRequest),
    Validate(ValidateRequest),
    Schema(crate::schema::Subject),
}

/// What a command produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Bytes for standard output.
    pub stdout: Vec<u8>,
    /// Warnings found in input files, for standard error.
    pub warnings: Vec<FileProblems>,
    /// A check failed (exit code 1).
    pub failed: bool,
    /// Lines for standard error after the output: where answers were saved,
    /// how to resume.
    pub messages: Vec<String>,
    /// The user stopped the command with Ctrl-C (exit code 130).
    pub interrupted: bool,
    /// Some input had errors, all of them in `warnings` or the output; the
    /// command went on with the rest (exit code 2).
    pub invalid: bool,
}

impl Outcome {
    /// Exit code 130 after Ctrl-C, as shells report a SIGINT.
    pub const INTERRUPTED: u8 = 130;

    pub fn exit_code(&self) -> u8 {
        if self.interrupted {
            Self::INTERRUPTED
        } else if self.invalid {
            2
        } else {
            u8::from(self.failed)
        }
    }
}

pub fn run(request: &Request, terminal: &Terminal, color: Option<bool>) -> Result<Outcome, Error> {
    run_with_limits(request, terminal, color, &Limits::DEFAULT)
}

/// Runs a request, reading every input file within `limits`.
pub fn run_with_limits(
    request: &Request,
    terminal: &Terminal,
    color: Option<bool>,
    limits: &Limits,
) -> Result<Outcome, Error> {
    match request {
        Request::Score(r) => score(r, terminal, color, limits),
        Request::Check(c) => check(c, color.unwrap_or(false), limits),
        Request::Diff(r) => diff(r, terminal, color, limits),
        Request::Test(r) => test(r, limits),
        Request::List { json } => list(*json, terminal),
        Request::Show { assessment, json } => show(assessment.as_deref(), *json, terminal, limits),
        Request::Assess(setup) => assess(setup, terminal, color),
        Request::Init(r) => init(r),
        Request::Validate(r) => Ok(crate::validate::run(r, limits)),
        Request::Schema(subject) => Ok(Outcome {
            stdout: crate::schema::generate(*subject).into_bytes(),
            ..Outcome::default()
        }),
    }
}

fn options_for(output: Option<&PathBuf>, terminal: &Terminal, color: Option<bool>) -> render::Options {
    match output {
        // A file gets no colour unless asked for, and the fixed width.
        Some(_) => render::Options {
            color: color.unwrap_or(false),
            width: 100,
        },
        None => crate::cli::stdout_options(terminal, color),
    }
}

/// Renders into memory; a failure names what was being written.
fn render_bytes(
    what: &str,
    render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    render(&mut bytes).map_err(|source| Error::Write {
        path: what.to_owned(),
        source,
    })?;
    Ok(bytes)
}

/// Finished output goes to the `-o` file, written atomically, or to standard output.
fn deliver(output: Option<&PathBuf>, bytes: Vec<u8>, outcome: &mut Outcome) -> Result<(), Error> {
    match output {
        Some(path) => write_file(path, &bytes),
        None => {
            outcome.stdout = bytes;
            Ok(())
        }
    }
}

fn push_warnings(out: &mut Vec<FileProblems>, loaded_or_file: FileProblems) {
    if !loaded_or_file.problems.is_empty() {
        out.push(loaded_or_file);
    }
}

/// Loads the questionnaire and answers, scores, renders.
pub fn score(
    r: &ScoreRequest,
    terminal: &Terminal,
    color: Option<bool>,
    limits: &Limits,
) -> Result<Outcome, Error> {
    let parsed = answers::read(&r.answers, limits)?;
    let name = r
        .assessment
        .clone()
        .unwrap_or_else(|| parsed.assessment().to_owned());
    let loaded = match questionnaire::resolve(&name, limits) {
        Err(err @ Error::UnknownAssessment { .. }) if r.assessment.is_none() => {
            return Err(crate::reading::unknown_assessment(&parsed, &err));
        }
        other => other?,
    };
    let mut outcome = Outcome::default();
    push_warnings(
        &mut outcome.warnings,
        FileProblems {
            file: loaded.source.clone(),
            problems: loaded.warnings.clone(),
        },
    );
    let (answers, warnings) = crate::reading::checked(&parsed, &loaded.questionnaire)?;
    push_warnings(
        &mut outcome.warnings,
        FileProblems {
            file: parsed.source.clone(),
            problems: warnings,
        },
    );
    let report = report::build(&loaded.questionnaire, &answers);
    let options = options_for(r.output.as_ref(), terminal, color);
    let bytes = render_bytes("the report", |out| {
        render::render(&report, r.format, &options, out)
    })?;
    deliver(r.output.as_ref(), bytes, &mut outcome)?;
    Ok(outcome)
}

/// Runs test cases and reports pass, fail and coverage.
pub fn test(r: &crate::casetest::TestRequest, limits: &Limits) -> Result<Outcome, Error> {
    let (run, problems) = crate::casetest::run(r, limits)?;
    let stdout = render_bytes("standard output", |out| render::test_text(&run, out))?;
    let invalid = problems.iter().any(FileProblems::has_errors);
    Ok(Outcome {
        stdout,
        warnings: problems,
        failed: run.failed(),
        invalid,
        ..Outcome::default()
    })
}

/// Compares two answers files or reports and renders the comparison.
pub fn diff(
    r: &DiffRequest,
    terminal: &Terminal,
    color: Option<bool>,
    limits: &Limits,
) -> Result<Outcome, Error> {
    let (diff, warnings) = crate::diff::diff(&r.before, &r.after, r.assessment.as_deref(), limits)?;
    let options = options_for(r.output.as_ref(), terminal, color);
    let bytes = render_bytes("the diff", |out| match r.format {
        // A diff has no page of its own: `html` (from ecodiag.toml) prints the table.
        Format::Table | Format::Html => render::diff_table(&diff, &options, out),
        Format::Markdown => render::diff_markdown(&diff, out),
        Format::Json => render::diff_json(&diff, out),
    })?;
    let mut outcome = Outcome {
        warnings,
        ..Outcome::default()
    };
    deliver(r.output.as_ref(), bytes, &mut outcome)?;
    Ok(outcome)
}

/// Checks every answers file under the paths; the results come back in
/// [`Outcome::stdout`] (or go to the `-o` file) and the problems in
/// [`Outcome::warnings`].
pub fn check(c: &CheckCommand, color: bool, limits: &Limits) -> Result<Outcome, Error> {
    let mut bytes = Vec::new();
    let mut problems = Vec::new();
    let mut outcome = check_to(c, color, limits, &mut bytes, &mut |p| problems.push(p))?;
    outcome.stdout = bytes;
    outcome.warnings = problems;
    Ok(outcome)
}

/// Checks every answers file under the paths, writing the results to `stdout`
/// (or to the `-o` file, which appears whole or not at all) and handing each
/// located problem to `on_problem` as they come, so memory does not grow with
/// the number of files. A closed pipe ends the output quietly; the exit code
/// still tells the result. `color` paints the text format's labels (never a
/// file's).
pub fn check_to(
    c: &CheckCommand,
    color: bool,
    limits: &Limits,
    stdout: &mut dyn Write,
    on_problem: &mut dyn FnMut(FileProblems),
) -> Result<Outcome, Error> {
    match &c.output {
        Some(path) => {
            let error = |source: std::io::Error| Error::Write {
                path: path.display().to_string(),
                source,
            };
            let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(error)?;
            let outcome = {
                let mut out = std::io::BufWriter::new(&mut file);
                let outcome = stream_check(c, false, limits, &mut out, on_problem)?;
                out.flush().map_err(error)?;
                outcome
            };
            file.commit().map_err(error)?;
            Ok(outcome)
        }
        None => stream_check(
            c,
            color,
            limits,
            &mut QuietPipe {
                out: stdout,
                closed: false,
            },
            on_problem,
        ),
    }
}

fn stream_check(
    c: &CheckCommand,
    color: bool,
    limits: &Limits,
    out: &mut dyn Write,
    on_problem: &mut dyn FnMut(FileProblems),
) -> Result<Outcome, Error> {
    let baseline = c.request.baseline.as_ref().map(|p| p.display().to_string());
    let today = c.request.today.to_string();
    let write_error = |source| Error::Write {
        path: "check report".to_owned(),
        source,
    };
    let mut sink: Box<dyn check::Sink + '_> = match c.format {
        CheckFormat::Text => Box::new(render::CheckText::new(out, color)),
        CheckFormat::Markdown => Box::new(render::CheckMarkdown::new(out)),
        CheckFormat::Junit => Box::new(render::CheckJunit::new(out)),
        CheckFormat::Json => {
            Box::new(render::CheckJson::new(out, &today, baseline.as_deref()).map_err(write_error)?)
        }
    };
    let run = check::run(&c.request, &c.config, limits, sink.as_mut(), on_problem)?;
    Ok(Outcome {
        failed: run.failed,
        invalid: run.invalid,
        ..Outcome::default()
    })
}

/// A writer that stops writing, without an error, once the reader has gone.
struct QuietPipe<'a> {
    out: &'a mut dyn Write,
    closed: bool,
}

impl Write for QuietPipe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.out.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// Writes a whole file atomically: the old content or the new, never half.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    let error = |source: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(error)?;
    file.write_all(bytes).map_err(error)?;
    file.commit().map_err(error)
}

fn bundled_all() -> Result<Vec<std::sync::Arc<Loaded>>, Error> {
    BUNDLED.iter().map(|b| questionnaire::bundled(b.id)).collect()
}

fn list(json: bool, terminal: &Terminal) -> Result<Outcome, Error> {
    let all = bundled_all()?;
    let refs: Vec<&questionnaire::Questionnaire> = all.iter().map(|l| &l.questionnaire).collect();
    let out = render_bytes("standard output", |out| {
        if json {
            render::list_json(&refs, out)
        } else {
            render::list_table(&refs, &crate::cli::stdout_options(terminal, Some(false)), out)
        }
    })?;
    Ok(Outcome {
        stdout: out,
        ..Outcome::default()
    })
}

fn show(
    assessment: Option<&str>,
    json: bool,
    terminal: &Terminal,
    limits: &Limits,
) -> Result<Outcome, Error> {
    let loaded = questionnaire::resolve(assessment.unwrap_or(questionnaire::default_id()), limits)?;
    let out = render_bytes("standard output", |out| {
        if json {
            render::outline_json(&loaded.questionnaire, out)
        } else {
            render::outline_table(
                &loaded.questionnaire,
                &crate::cli::stdout_options(terminal, Some(false)),
                out,
            )
        }
    })?;
    let mut outcome = Outcome {
        stdout: out,
        ..Outcome::default()
    };
    push_warnings(
        &mut outcome.warnings,
        FileProblems {
            file: loaded.source.clone(),
            problems: loaded.warnings.clone(),
        },
    );
    Ok(outcome)
}
