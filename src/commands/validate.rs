//! `ecodiag validate`: every problem in the files given, for people (a line
//! per file, the problems on standard error), as JSON, or as GitHub
//! annotations.

use super::{Outcome, render_bytes};
use crate::error::Error;
use crate::render::{self, Format, ProblemFormat};
use crate::validate::{self, ValidateRequest};
use crate::yaml::Limits;

/// `ecodiag validate`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidateCommand {
    pub request: ValidateRequest,
    pub format: ProblemFormat,
    /// Only the problems: no line per file, no total.
    pub quiet: bool,
}

pub fn validate(c: &ValidateCommand, limits: &Limits) -> Result<Outcome, Error> {
    let run = validate::run(&c.request, limits);
    let summary = |quiet: bool| if quiet { "" } else { run.summary.as_str() };
    let (stdout, warnings) = match c.format {
        ProblemFormat::Table => (
            render_bytes("standard output", Format::Table, false, |out| {
                out.extend_from_slice(summary(c.quiet).as_bytes());
                Ok(())
            })?,
            run.problems,
        ),
        ProblemFormat::Json => (
            render_bytes("standard output", Format::Json, false, |out| {
                render::validation_json(&run.checked, c.request.deny_warnings, out)
            })?,
            Vec::new(),
        ),
        ProblemFormat::Github => (
            render_bytes("standard output", Format::Table, false, |out| {
                render::github::problems(&run.problems, out)?;
                out.extend_from_slice(summary(c.quiet).as_bytes());
                Ok(())
            })?,
            Vec::new(),
        ),
    };
    Ok(Outcome {
        stdout,
        warnings,
        invalid: run.invalid,
        ..Outcome::default()
    })
}
