//! `ecodiag test`: pass, fail and coverage, for people, as JSON, or as
//! GitHub annotations.

use super::{Outcome, render_bytes};
use crate::casetest::{self, TestRequest};
use crate::diagnostic::FileProblems;
use crate::error::Error;
use crate::render::{self, Format, ProblemFormat};
use crate::yaml::Limits;

/// `ecodiag test`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCommand {
    pub request: TestRequest,
    pub format: ProblemFormat,
    /// Only the cases that fail or have problems.
    pub quiet: bool,
}

/// Runs test cases and reports pass, fail and coverage.
pub fn test(c: &TestCommand, limits: &Limits) -> Result<Outcome, Error> {
    let (run, problems) = casetest::run(&c.request, limits)?;
    let text = |out: &mut Vec<u8>| {
        if c.quiet {
            render::test_text_quiet(&run, out)
        } else {
            render::test_text(&run, out)
        }
    };
    let invalid = problems.iter().any(FileProblems::has_errors);
    let (stdout, warnings) = match c.format {
        ProblemFormat::Table => (
            render_bytes("standard output", Format::Table, false, text)?,
            problems,
        ),
        ProblemFormat::Json => (
            render_bytes("standard output", Format::Json, false, |out| {
                render::test_json(&run, &problems, out)
            })?,
            Vec::new(),
        ),
        ProblemFormat::Github => (
            render_bytes("standard output", Format::Table, false, |out| {
                render::github::problems(&problems, out)?;
                render::github::test_run(&run, out)?;
                if c.quiet {
                    Ok(())
                } else {
                    render::test_text(&run, out)
                }
            })?,
            Vec::new(),
        ),
    };
    Ok(Outcome {
        stdout,
        warnings,
        failed: run.failed(),
        invalid,
        ..Outcome::default()
    })
}
