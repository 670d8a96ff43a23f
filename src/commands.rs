//! The use cases behind each subcommand: load, check, score, render. Output is
//! returned as bytes for standard output, or written to the file asked for
//! through [`crate::output`]; nothing here touches the terminal, except
//! `assess`, which hands the terminal to the workshop.

mod assess;
mod check;
mod demo;
mod init;
mod migrate;
mod targets;
mod test;
mod validate;

use std::path::{Path, PathBuf};

use crate::diagnostic::FileProblems;
use crate::error::Error;
use crate::output::{Input, Rules, Target};
use crate::questionnaire::{self, BUNDLED, Loaded};
use crate::render::{self, Format};
use crate::yaml::Limits;
use crate::{answers, report};

pub use crate::output::Terminal;
pub use crate::validate::ValidateRequest;
pub use assess::{assess, assess_with};
pub use check::{CheckCommand, check, check_to};
pub use demo::{DEMO_ANSWERS, DemoRequest, demo};
pub use init::{InitRequest, PLACEHOLDER_CLIENT, init};
pub use migrate::{MigrateRequest, migrate};
pub use test::{TestCommand, test};
pub use validate::{ValidateCommand, validate};

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRequest {
    /// The answers file; `-` reads standard input.
    pub answers: PathBuf,
    pub assessment: Option<String>,
    pub format: Format,
    /// `-o`: a file, or `-` for standard output.
    pub output: Option<PathBuf>,
    /// Replace a read-only output file.
    pub force: bool,
    /// The project file read, an input the output must not replace.
    pub config: Option<PathBuf>,
    /// Targets from `ecodiag.toml` and `--target`, shown against each area.
    pub targets: crate::config::Targets,
    /// Include probe-next and the flip of the first root.
    pub probe: bool,
}

/// `ecodiag explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainRequest {
    /// The answers file; `-` reads standard input.
    pub answers: PathBuf,
    /// A cause or rule id; `None` for everything found.
    pub id: Option<String>,
    pub assessment: Option<String>,
    pub format: Format,
}

/// `ecodiag diff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRequest {
    pub before: PathBuf,
    pub after: PathBuf,
    pub assessment: Option<String>,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub config: Option<PathBuf>,
}

/// A checked command.
#[derive(Debug, Clone)]
pub enum Request {
    Score(ScoreRequest),
    Explain(ExplainRequest),
    Demo(DemoRequest),
    Check(Box<CheckCommand>),
    Diff(DiffRequest),
    Test(TestCommand),
    List { json: bool },
    Show { assessment: Option<String>, json: bool },
    Assess(crate::workshop::Setup),
    Init(InitRequest),
    Validate(ValidateCommand),
    Schema(crate::schema::Subject),
    Migrate(MigrateRequest),
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
        Request::Explain(r) => explain(r, limits),
        Request::Demo(r) => demo(r, terminal, color, limits),
        Request::Check(c) => check(c, color.unwrap_or(false), limits),
        Request::Diff(r) => diff(r, terminal, color, limits),
        Request::Test(r) => test(r, limits),
        Request::List { json } => list(*json, terminal),
        Request::Show { assessment, json } => show(assessment.as_deref(), *json, terminal, limits),
        Request::Assess(setup) => assess(setup, terminal, color),
        Request::Init(r) => init(r),
        Request::Validate(c) => validate(c, limits),
        Request::Migrate(r) => migrate(r, limits),
        Request::Schema(subject) => Ok(Outcome {
            stdout: crate::schema::generate(*subject).into_bytes(),
            ..Outcome::default()
        }),
    }
}

/// Where `-o` points, checked before any input is read; standard output
/// without one.
fn target(output: Option<&Path>, force: bool) -> Result<Target, Error> {
    match output {
        Some(path) => Target::check(
            path,
            Rules {
                force,
                keep_existing: false,
            },
        ),
        None => Ok(Target::STDOUT),
    }
}

/// The inputs a questionnaire argument may name: a file, unless it is a
/// bundled id.
fn questionnaire_input(name: Option<&str>) -> Option<Input<'_>> {
    name.filter(|n| !BUNDLED.iter().any(|b| b.id == *n))
        .map(|n| Input {
            path: Path::new(n),
            role: "the questionnaire",
        })
}

fn config_input(config: Option<&Path>) -> Option<Input<'_>> {
    config.map(|path| Input {
        path,
        role: "the project file",
    })
}

fn options_for(target: &Target, terminal: &Terminal, color: Option<bool>) -> render::Options {
    if target.is_stdout() {
        render::Options::for_terminal(terminal, color)
    } else {
        render::Options::for_file(color)
    }
}

/// Renders into memory, made safe for `format` (see [`render::render`]); a
/// failure names what was being written.
fn render_bytes(
    what: &str,
    format: Format,
    color: bool,
    render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    render(&mut bytes).map_err(|source| Error::Write {
        path: what.to_owned(),
        source,
    })?;
    Ok(render::safe(bytes, format, color))
}

/// Finished output goes to the `-o` file or to standard output.
fn deliver(target: &Target, bytes: Vec<u8>, outcome: &mut Outcome) -> Result<(), Error> {
    if target.is_stdout() {
        outcome.stdout = bytes;
        Ok(())
    } else {
        target.write(&bytes)
    }
}

fn push_warnings(out: &mut Vec<FileProblems>, loaded_or_file: FileProblems) {
    if !loaded_or_file.problems.is_empty() {
        out.push(loaded_or_file);
    }
}

/// The questionnaire answers are scored against, and the name it was found
/// by: the one named (`--assessment`), else the one the file names.
fn questionnaire_for(
    parsed: &answers::Parsed,
    assessment: Option<&str>,
    limits: &Limits,
) -> Result<(std::sync::Arc<Loaded>, String), Error> {
    let name = assessment.unwrap_or_else(|| parsed.assessment()).to_owned();
    let loaded = match questionnaire::resolve(&name, limits) {
        Err(err @ Error::UnknownAssessment { .. }) if assessment.is_none() => {
            return Err(crate::reading::unknown_assessment(parsed, &err));
        }
        other => other?,
    };
    Ok((loaded, name))
}

/// Loads the questionnaire and answers, scores, renders.
pub fn score(
    r: &ScoreRequest,
    terminal: &Terminal,
    color: Option<bool>,
    limits: &Limits,
) -> Result<Outcome, Error> {
    let target = target(r.output.as_deref(), r.force)?;
    let parsed = answers::parse(
        crate::stdin::read_source(&r.answers, crate::yaml::FileKind::Answers, limits)?,
        limits,
    )?;
    let (loaded, name) = questionnaire_for(&parsed, r.assessment.as_deref(), limits)?;
    target.refuse_inputs(
        [Input {
            path: &r.answers,
            role: "the answers file",
        }]
        .into_iter()
        .chain(questionnaire_input(Some(&name)))
        .chain(config_input(r.config.as_deref())),
    )?;
    let shown = Shown {
        format: r.format,
        targets: &r.targets,
        probe: r.probe,
    };
    report_outcome(&parsed, &loaded, &shown, &target, terminal, color)
}

/// What a report shows besides the diagnosis.
pub(crate) struct Shown<'a> {
    pub format: Format,
    /// Targets shown against each area.
    pub targets: &'a crate::config::Targets,
    /// Probe-next and the flip of the first root.
    pub probe: bool,
}

/// Explains why causes were found or not, with their nearest misses.
pub fn explain(r: &ExplainRequest, limits: &Limits) -> Result<Outcome, Error> {
    let parsed = answers::parse(
        crate::stdin::read_source(&r.answers, crate::yaml::FileKind::Answers, limits)?,
        limits,
    )?;
    let (loaded, _) = questionnaire_for(&parsed, r.assessment.as_deref(), limits)?;
    let mut outcome = Outcome::default();
    let answers = checked_answers(&parsed, &loaded, &mut outcome)?;
    let q = &loaded.questionnaire;
    let subject = report::explain::subject(q, r.id.as_deref())?;
    let explanation = report::explain::explain(q, &answers, subject);
    let mut bytes = Vec::new();
    render::render_explain(&explanation, r.format, &mut bytes).map_err(|source| Error::Write {
        path: "standard output".to_owned(),
        source,
    })?;
    outcome.stdout = bytes;
    Ok(outcome)
}

/// Parsed answers checked against their questionnaire; warnings in either
/// file go to the outcome.
fn checked_answers(
    parsed: &answers::Parsed,
    loaded: &Loaded,
    outcome: &mut Outcome,
) -> Result<answers::Answers, Error> {
    push_warnings(
        &mut outcome.warnings,
        FileProblems {
            file: loaded.source.clone(),
            problems: loaded.warnings.clone(),
        },
    );
    let (answers, warnings) = crate::reading::checked(parsed, &loaded.questionnaire)?;
    push_warnings(
        &mut outcome.warnings,
        FileProblems {
            file: parsed.source.clone(),
            problems: warnings,
        },
    );
    Ok(answers)
}

/// Checks parsed answers against their questionnaire, then builds and
/// renders the report to `target`; warnings in either file come back with it.
fn report_outcome(
    parsed: &answers::Parsed,
    loaded: &Loaded,
    shown: &Shown<'_>,
    target: &Target,
    terminal: &Terminal,
    color: Option<bool>,
) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();
    let answers = checked_answers(parsed, loaded, &mut outcome)?;
    let mut report = report::build_with(&loaded.questionnaire, &answers, shown.probe);
    targets::apply(&mut report, &loaded.questionnaire, shown.targets)?;
    let options = options_for(target, terminal, color);
    // `render` makes its output safe itself.
    let mut bytes = Vec::new();
    render::render(&report, shown.format, &options, &mut bytes).map_err(|source| Error::Write {
        path: "the report".to_owned(),
        source,
    })?;
    deliver(target, bytes, &mut outcome)?;
    Ok(outcome)
}

/// Compares two answers files or reports and renders the comparison.
pub fn diff(
    r: &DiffRequest,
    terminal: &Terminal,
    color: Option<bool>,
    limits: &Limits,
) -> Result<Outcome, Error> {
    let target = target(r.output.as_deref(), r.force)?;
    if crate::stdin::is_stdin(&r.before) && crate::stdin::is_stdin(&r.after) {
        return Err(Error::Usage(
            "both sides are `-`: standard input can be read only once; give one side as a file".to_owned(),
        ));
    }
    let (diff, warnings) = crate::diff::diff(&r.before, &r.after, r.assessment.as_deref(), limits)?;
    target.refuse_inputs(
        [
            Input {
                path: &r.before,
                role: "the BEFORE side",
            },
            Input {
                path: &r.after,
                role: "the AFTER side",
            },
        ]
        .into_iter()
        .chain(questionnaire_input(r.assessment.as_deref()))
        .chain(config_input(r.config.as_deref())),
    )?;
    let options = options_for(&target, terminal, color);
    let bytes = render_bytes("the diff", r.format, options.color, |out| match r.format {
        // A diff has no page of its own: `html` (from ecodiag.toml) prints the table.
        Format::Table | Format::Html => render::diff_table(&diff, &options, out),
        Format::Markdown => render::diff_markdown(&diff, out),
        Format::Json => render::diff_json(&diff, out),
    })?;
    let mut outcome = Outcome {
        warnings,
        ..Outcome::default()
    };
    deliver(&target, bytes, &mut outcome)?;
    Ok(outcome)
}

fn bundled_all() -> Result<Vec<std::sync::Arc<Loaded>>, Error> {
    BUNDLED.iter().map(|b| questionnaire::bundled(b.id)).collect()
}

fn list(json: bool, terminal: &Terminal) -> Result<Outcome, Error> {
    let all = bundled_all()?;
    let refs: Vec<&questionnaire::Questionnaire> = all.iter().map(|l| &l.questionnaire).collect();
    let format = if json { Format::Json } else { Format::Table };
    let out = render_bytes("standard output", format, false, |out| {
        if json {
            render::list_json(&refs, out)
        } else {
            render::list_table(&refs, &render::Options::for_terminal(terminal, Some(false)), out)
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
    let format = if json { Format::Json } else { Format::Table };
    let out = render_bytes("standard output", format, false, |out| {
        if json {
            render::outline_json(&loaded.questionnaire, out)
        } else {
            render::outline_table(
                &loaded.questionnaire,
                &render::Options::for_terminal(terminal, Some(false)),
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
