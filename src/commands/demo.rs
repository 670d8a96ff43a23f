//! `ecodiag demo`: the report of a demo company compiled into the binary, so
//! an installed binary shows what it does with no file around it; or the
//! demo's answers file, a start for one's own.

use std::path::PathBuf;

use super::{Outcome, Shown, deliver, report_outcome, target};
use crate::answers;
use crate::config::Targets;
use crate::diagnostic::SourceFile;
use crate::error::Error;
use crate::output::Terminal;
use crate::questionnaire;
use crate::render::Format;
use crate::yaml::Limits;

/// The demo company's answers: `examples/broken-ecosystem.yaml`, a
/// distributor whose ecosystem is broken in several places.
pub const DEMO_ANSWERS: &str = include_str!("../../examples/broken-ecosystem.yaml");

/// The name problems in the demo would be reported under.
const NAME: &str = "demo.yaml";

/// What `--answers` prints above the answers, in place of the example's
/// editor line (its relative path to the schema would not hold elsewhere).
const HEADER: &str = "\
# The demo company of `ecodiag demo`. Change the client and the answers to
# your own company's, then run `ecodiag score FILE`. `ecodiag init` writes a
# file with every question and what it accepts.
";

/// `ecodiag demo`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoRequest {
    /// Print the answers file instead of the report.
    pub answers_only: bool,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub force: bool,
}

/// The demo's answers file as `--answers` prints it.
pub fn demo_answers() -> String {
    let body = DEMO_ANSWERS
        .lines()
        .skip_while(|l| l.starts_with("# yaml-language-server:"))
        .collect::<Vec<_>>()
        .join("\n");
    format!("{HEADER}{body}\n")
}

pub fn demo(
    r: &DemoRequest,
    terminal: &Terminal,
    color: Option<bool>,
    limits: &Limits,
) -> Result<Outcome, Error> {
    let target = target(r.output.as_deref(), r.force)?;
    if r.answers_only {
        let mut outcome = Outcome::default();
        deliver(&target, demo_answers().into_bytes(), &mut outcome)?;
        return Ok(outcome);
    }
    let parsed = answers::parse(SourceFile::from_static(NAME, DEMO_ANSWERS), limits)?;
    let loaded = questionnaire::resolve(parsed.assessment(), limits)?;
    let shown = Shown {
        format: r.format,
        targets: &Targets::default(),
        probe: true,
    };
    report_outcome(&parsed, &loaded, &shown, &target, terminal, color)
}
