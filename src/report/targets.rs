//! Report stage: targets as written (`ecodiag.toml`, `--target`) checked
//! against a questionnaire — the area exists, the level is one of its scale
//! — and resolved to areas and goals.

use super::maturity::{Goal, ResolvedTarget};
use crate::config::{GoalSpec, Origin, TargetSpec};
use crate::diagnostic::{Problem, hint_for};
use crate::questionnaire::{AreaRef, MACRO_ID, Questionnaire};

/// The id that names the ecosystem as a whole in targets.
pub const ECOSYSTEM: &str = "ecosystem";

/// A target that cannot be resolved: where it was written and why.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetProblem {
    pub origin: Origin,
    pub message: String,
    pub help: String,
}

impl TargetProblem {
    /// As a located problem in `ecodiag.toml`, or without a place when the
    /// target was typed.
    pub fn to_problem(&self) -> Problem {
        let problem = Problem::error("config::unknown-target", self.message.clone()).help(self.help.clone());
        match self.origin {
            Origin::Config(span) => problem.at(span, "this target"),
            Origin::Argument(_) => problem,
        }
    }
}

/// The area an id names: `ecosystem`, a bucket or `macro`, an element or a
/// culprit.
pub fn area(q: &Questionnaire, id: &str) -> Option<AreaRef> {
    if id == ECOSYSTEM {
        return Some(AreaRef::Ecosystem);
    }
    if let Some(g) = q.groups.iter().position(|g| g.id == id) {
        return Some(AreaRef::Group(g));
    }
    q.elements.iter().position(|e| e.id == id).map(AreaRef::Element)
}

/// Every id a target may name in this questionnaire.
pub fn area_ids(q: &Questionnaire) -> Vec<&str> {
    std::iter::once(ECOSYSTEM)
        .chain(q.groups.iter().map(|g| g.id.as_str()))
        .chain(q.elements.iter().map(|e| e.id.as_str()))
        .collect()
}

/// Resolves targets against the questionnaire scored. A target naming an
/// area of one of `others` (another assessment the same configuration
/// serves) is left out without a word; any other unknown area, or a level
/// the scale does not have, is a problem.
pub fn resolve(
    q: &Questionnaire,
    specs: &[TargetSpec],
    others: &[&Questionnaire],
) -> (Vec<ResolvedTarget>, Vec<TargetProblem>) {
    let mut resolved = Vec::new();
    let mut problems = Vec::new();
    for spec in specs {
        let Some(area) = area(q, &spec.area) else {
            if others.iter().any(|o| area(o, &spec.area).is_some()) {
                continue;
            }
            problems.push(unknown_area(spec, &area_ids(q), &q.id));
            continue;
        };
        match goal(q, spec) {
            Ok(goal) => resolved.push(ResolvedTarget { area, goal }),
            Err(problem) => problems.push(problem),
        }
    }
    (resolved, problems)
}

/// The problems of targets that fit none of the questionnaires (for `check`
/// and `validate`, which serve several).
pub fn check_all(specs: &[TargetSpec], all: &[&Questionnaire]) -> Vec<TargetProblem> {
    let mut problems = Vec::new();
    for spec in specs {
        let homes: Vec<&&Questionnaire> = all.iter().filter(|q| area(q, &spec.area).is_some()).collect();
        if homes.is_empty() {
            let mut ids: Vec<&str> = all.iter().flat_map(|q| area_ids(q)).collect();
            ids.sort_unstable();
            ids.dedup();
            let names = all.iter().map(|q| q.id.as_str()).collect::<Vec<_>>().join(", ");
            problems.push(unknown_area(spec, &ids, &names));
        } else if homes.iter().all(|q| goal(q, spec).is_err())
            && let Some(Err(problem)) = homes.first().map(|q| goal(q, spec))
        {
            problems.push(problem);
        }
    }
    problems
}

fn unknown_area(spec: &TargetSpec, known: &[&str], assessment: &str) -> TargetProblem {
    TargetProblem {
        origin: spec.origin.clone(),
        message: format!("{}`{}` is not an area of {assessment}", written(spec), spec.area),
        help: then(
            &hint_for(&spec.area, known, "area ids"),
            &format!("a target names a bucket, element or culprit id, `{MACRO_ID}` or `{ECOSYSTEM}`"),
        ),
    }
}

fn goal(q: &Questionnaire, spec: &TargetSpec) -> Result<Goal, TargetProblem> {
    match &spec.goal {
        GoalSpec::Score(s) => Ok(Goal::Score(*s)),
        GoalSpec::Level(text) => {
            let Some(model) = &q.maturity else {
                return Err(TargetProblem {
                    origin: spec.origin.clone(),
                    message: format!(
                        "{}`{}` asks for level `{text}`, but `{}` defines no maturity levels",
                        written(spec),
                        spec.area,
                        q.id
                    ),
                    help:
                        "give a score from 0 to 100 instead, or add a `maturity:` block to the questionnaire"
                            .to_owned(),
                });
            };
            model.find(text).map(Goal::Level).ok_or_else(|| {
                let names = model.names();
                TargetProblem {
                    origin: spec.origin.clone(),
                    message: format!("{}`{text}` is not a maturity level of `{}`", written(spec), q.id),
                    help: then(
                        &hint_for(text, &names, "levels"),
                        "a level may also be given by number, `L1` to `L5`",
                    ),
                }
            })
        }
    }
}

/// Two hints as sentences: "did you mean `x`? A target names …".
fn then(first: &str, second: &str) -> String {
    let mut second = second.to_owned();
    if let Some(c) = second.get(..1) {
        second.replace_range(..1, &c.to_uppercase());
    }
    if first.ends_with(['?', '.']) {
        format!("{first} {second}")
    } else {
        format!("{first}. {second}")
    }
}

fn written(spec: &TargetSpec) -> String {
    match &spec.origin {
        Origin::Argument(text) => format!("--target {text}: "),
        Origin::Config(_) => String::new(),
    }
}
