//! `ecodiag check`: stream one result per file to standard output or to the
//! `-o` file, and the problems to the caller as they are found.

use std::io::Write;
use std::path::PathBuf;

use super::{Outcome, config_input, questionnaire_input, target};
use crate::check;
use crate::config::{CheckFormat, Config};
use crate::diagnostic::FileProblems;
use crate::error::Error;
use crate::output::{Guarded, Input, QuietPipe};
use crate::render;
use crate::yaml::Limits;

/// `ecodiag check`, with its configuration already read.
#[derive(Debug, Clone)]
pub struct CheckCommand {
    pub request: check::CheckRequest,
    pub config: Config,
    pub format: CheckFormat,
    /// `-o`: a file, or `-` for standard output.
    pub output: Option<PathBuf>,
    /// Only what warns, fails or cannot be read (table and github formats).
    pub quiet: bool,
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
/// still tells the result. `color` paints the table format's labels (never a
/// file's).
pub fn check_to(
    c: &CheckCommand,
    color: bool,
    limits: &Limits,
    stdout: &mut dyn Write,
    on_problem: &mut dyn FnMut(FileProblems),
) -> Result<Outcome, Error> {
    let target = target(c.output.as_deref(), c.request.force)?;
    let config_path = c.config.source.as_ref().map(|s| PathBuf::from(s.name()));
    let mut refuse_inputs = |inputs: &[Input<'_>]| {
        target.refuse_inputs(
            inputs
                .iter()
                .copied()
                .chain(questionnaire_input(c.request.assessment.as_deref()))
                .chain(config_input(config_path.as_deref())),
        )
    };
    if target.is_stdout() {
        return stream_check(
            c,
            color,
            limits,
            &mut QuietPipe::new(stdout),
            on_problem,
            &mut refuse_inputs,
        );
    }
    let mut file = target.create()?;
    let outcome = stream_check(c, false, limits, &mut file, on_problem, &mut refuse_inputs)?;
    file.commit()?;
    Ok(outcome)
}

fn stream_check(
    c: &CheckCommand,
    color: bool,
    limits: &Limits,
    out: &mut dyn Write,
    on_problem: &mut dyn FnMut(FileProblems),
    refuse_inputs: &mut check::InputCheck<'_>,
) -> Result<Outcome, Error> {
    let baseline = c.request.baseline.as_ref().map(|p| p.display().to_string());
    let today = c.request.today.to_string();
    let write_error = |source| Error::Write {
        path: "check report".to_owned(),
        source,
    };
    // The people's formats are guarded line by line: a file name or a
    // client from a file cannot reach a terminal, or a file, raw.
    let mut guarded;
    let out: &mut dyn Write = match c.format {
        CheckFormat::Table | CheckFormat::Markdown | CheckFormat::Github => {
            guarded = Guarded::new(out, color);
            &mut guarded
        }
        CheckFormat::Json | CheckFormat::Junit => out,
    };
    let mut sink: Box<dyn check::Sink + '_> = match c.format {
        CheckFormat::Table => Box::new(render::CheckText::new(out, color).quiet(c.quiet)),
        CheckFormat::Github => Box::new(render::CheckGithub::new(out, c.quiet)),
        CheckFormat::Markdown => Box::new(render::CheckMarkdown::new(out)),
        CheckFormat::Junit => Box::new(render::CheckJunit::new(out)),
        CheckFormat::Json => {
            Box::new(render::CheckJson::new(out, &today, baseline.as_deref()).map_err(write_error)?)
        }
    };
    let report_json = |report: &crate::report::Report| {
        let mut bytes = Vec::new();
        render::render(
            report,
            render::Format::Json,
            &render::Options::default(),
            &mut bytes,
        )
        .map(|()| bytes)
    };
    let hooks = check::Hooks {
        inputs: refuse_inputs,
        report_json: &report_json,
    };
    let run = check::run(&c.request, &c.config, limits, sink.as_mut(), on_problem, hooks)?;
    drop(sink);
    out.flush().map_err(write_error)?;
    Ok(Outcome {
        failed: run.failed,
        invalid: run.invalid,
        ..Outcome::default()
    })
}
