//! Targets for `score`: those of `ecodiag.toml` and `--target`, resolved
//! against the questionnaire scored and set on the report. A target that
//! cannot be resolved stops the command with a located error: in
//! `ecodiag.toml`, at its key; on the command line, at the argument.

use std::sync::Arc;

use crate::config::{Origin, Targets};
use crate::diagnostic::{Problem, SourceFile};
use crate::error::Error;
use crate::questionnaire::{self, BUNDLED, Loaded, Questionnaire};
use crate::report::{self, Report};

/// Resolves the targets and sets each targeted area's progress.
pub fn apply(report: &mut Report, q: &Questionnaire, targets: &Targets) -> Result<(), Error> {
    if targets.is_empty() {
        return Ok(());
    }
    // A target for an area of another bundled assessment is meant for that one.
    let others: Vec<Arc<Loaded>> = BUNDLED
        .iter()
        .filter(|b| b.id != q.id)
        .filter_map(|b| questionnaire::bundled(b.id).ok())
        .collect();
    let others: Vec<&Questionnaire> = others.iter().map(|l| &l.questionnaire).collect();
    let (resolved, problems) = report::targets::resolve(q, &targets.specs, &others);
    if !problems.is_empty() {
        return Err(error(targets, &problems));
    }
    report::maturity::set_targets(report, q, &resolved);
    Ok(())
}

/// The problems of the configuration file, located there; else those of
/// the command line, located in the arguments as typed.
fn error(targets: &Targets, problems: &[report::targets::TargetProblem]) -> Error {
    let mut in_file: Vec<Problem> = problems
        .iter()
        .filter(|p| matches!(p.origin, Origin::Config(_)))
        .map(|p| p.to_problem())
        .collect();
    in_file.sort_by_key(|p| p.span.map(|s| s.offset()));
    if let (false, Some(file)) = (in_file.is_empty(), &targets.file) {
        return Error::invalid(file.clone(), in_file);
    }
    let mut line = String::new();
    let mut located = Vec::new();
    for spec in &targets.specs {
        let Origin::Argument(text) = &spec.origin else {
            continue;
        };
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str("--target ");
        let at = line.len();
        line.push_str(text);
        for p in problems.iter().filter(|p| p.origin == spec.origin) {
            located.push(p.to_problem().at((at, text.len()).into(), "this target"));
        }
    }
    if located.is_empty() {
        // Only possible for a configuration read from no file.
        let p = &problems[0];
        return Error::Usage(format!("{} ({})", p.message, p.help));
    }
    Error::invalid(SourceFile::new("command line", line), located)
}
