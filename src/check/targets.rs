//! The `targets-met` assertion of `[check]`: every area named in
//! `[targets]` reaches its target, one assertion per target, in the order of
//! `[targets]` (by area id). Targets that name no area of the file's
//! questionnaire are left to the configuration's own check.

use super::assert::{Assertion, Status};
use crate::answers::format_number;
use crate::config::{AssertLevel, TargetSpec};
use crate::engine::Evaluation;
use crate::questionnaire::{AreaRef, Questionnaire};
use crate::report::maturity::{Goal, Target, progress};
use crate::report::{round1, targets};

/// One assertion per target this questionnaire has the area for.
pub fn assertions(
    level: AssertLevel,
    specs: &[TargetSpec],
    q: &Questionnaire,
    eval: &Evaluation,
) -> Vec<Assertion> {
    if level == AssertLevel::Off || specs.is_empty() {
        return Vec::new();
    }
    let (resolved, _) = targets::resolve(q, specs, &[]);
    resolved
        .iter()
        .map(|t| {
            let (id, title, score) = match t.area {
                AreaRef::Ecosystem => (targets::ECOSYSTEM, "The ecosystem", eval.ecosystem.score),
                AreaRef::Group(g) => (
                    q.groups[g].id.as_str(),
                    q.groups[g].title.as_str(),
                    eval.groups[g].score,
                ),
                AreaRef::Element(e) => (
                    q.elements[e].id.as_str(),
                    q.elements[e].title.as_str(),
                    eval.elements[e].score,
                ),
            };
            let score = score.map(round1);
            let p = progress(q.maturity.as_ref(), t.goal, score);
            let ok = p.met == Some(true);
            Assertion {
                rule: "targets-met",
                subject: id.to_owned(),
                level,
                status: match (ok, level) {
                    (true, _) => Status::Passed,
                    (false, AssertLevel::Error) => Status::Gated,
                    (false, _) => Status::Warned,
                },
                message: message(title, q, score, &p),
                evidence: Vec::new(),
            }
        })
        .collect()
}

fn message(title: &str, q: &Questionnaire, score: Option<f64>, p: &Target) -> String {
    let wanted = match (p.goal, &p.level_name) {
        (Goal::Level(n), Some(name)) => format!("L{n} {name} (from {})", format_number(p.score)),
        (Goal::Level(n), None) => format!("L{n}"),
        (Goal::Score(s), _) => format_number(s),
    };
    let Some(score) = score else {
        return format!(
            "{title} has no score (nothing in it answered), so it cannot meet its target of {wanted}"
        );
    };
    let now = match &q.maturity {
        Some(m) => {
            let l = m.level_for(score);
            format!("L{} {} ({score:.1})", l.number, l.name)
        }
        None => format!("{score:.1}"),
    };
    match (p.met, p.points_to_go) {
        (Some(true), _) => format!("{title} is at {now}, meeting its target of {wanted}"),
        (_, Some(points)) => format!(
            "{title} is at {now}, short of its target of {wanted}: {} points to go",
            format_number(points)
        ),
        _ => format!("{title} is at {now}, short of its target of {wanted}"),
    }
}
