//! A case's expectations, checked against the questionnaire when loaded (every
//! id must exist) and then against a diagnosis, yielding one expected-against-
//! actual line per expectation that is not met.

use super::raw::{RawExpect, RawRange, RawStage};
use crate::diagnostic::Problem;
use crate::diagnostic::hint_for;
use crate::engine::{Diagnosis, Evaluation, Stage};
use crate::questionnaire::{MACRO_ID, Questionnaire};
use crate::report::round1;
use crate::yaml::span_of;

/// The area a score range is about.
#[derive(Debug, Clone, PartialEq)]
enum Area {
    Ecosystem,
    Group(usize),
}

/// A checked `expect:` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    stage: Option<Stage>,
    top: Option<usize>,
    in_top: Vec<usize>,
    not_in_top: Vec<usize>,
    fired: Vec<usize>,
    not_fired: Vec<usize>,
    scores: Vec<(String, Area, RawRange)>,
}

fn stage(s: RawStage) -> Stage {
    match s {
        RawStage::InsufficientData => Stage::InsufficientData,
        RawStage::Ecosystem => Stage::Ecosystem,
        RawStage::Macro => Stage::Macro,
        RawStage::Individuals => Stage::Individuals,
    }
}

fn range_text(r: &RawRange) -> String {
    let num = crate::answers::format_number;
    let mut parts = Vec::new();
    if let Some(x) = r.above {
        parts.push(format!("above {}", num(x)));
    }
    if let Some(x) = r.at_least {
        parts.push(format!("at least {}", num(x)));
    }
    if let Some(x) = r.below {
        parts.push(format!("below {}", num(x)));
    }
    if let Some(x) = r.at_most {
        parts.push(format!("at most {}", num(x)));
    }
    parts.join(" and ")
}

fn in_range(r: &RawRange, x: f64) -> bool {
    r.above.is_none_or(|b| x > b)
        && r.at_least.is_none_or(|b| x >= b)
        && r.below.is_none_or(|b| x < b)
        && r.at_most.is_none_or(|b| x <= b)
}

impl Expectation {
    /// Resolves every id against the questionnaire; `None` (with the problems
    /// pushed) when one does not exist.
    pub fn build(raw: &RawExpect, q: &Questionnaire, problems: &mut Vec<Problem>) -> Option<Expectation> {
        let before = problems.len();
        let cause_ids: Vec<&str> = q.causes.iter().map(|c| c.id.as_str()).collect();
        let rule_ids: Vec<&str> = q.rules.iter().map(|r| r.id.as_str()).collect();
        let causes = |list: &[crate::yaml::Spanned<String>], problems: &mut Vec<Problem>| -> Vec<usize> {
            list.iter()
                .filter_map(|id| {
                    let found = q.causes.iter().position(|c| c.id == id.value);
                    if found.is_none() {
                        problems.push(
                            Problem::error(
                                "test::unknown-cause",
                                format!("`{}` is not a root cause of `{}`", id.value, q.id),
                            )
                            .at(span_of(id), "unknown root cause")
                            .help(hint_for(
                                &id.value,
                                &cause_ids,
                                "root-cause ids",
                            )),
                        );
                    }
                    found
                })
                .collect()
        };
        let rules = |list: &[crate::yaml::Spanned<String>], problems: &mut Vec<Problem>| -> Vec<usize> {
            list.iter()
                .filter_map(|id| {
                    let found = q.rules.iter().position(|r| r.id == id.value);
                    if found.is_none() {
                        problems.push(
                            Problem::error(
                                "test::unknown-rule",
                                format!("`{}` is not a rule of `{}`", id.value, q.id),
                            )
                            .at(span_of(id), "unknown rule")
                            .help(hint_for(&id.value, &rule_ids, "rule ids")),
                        );
                    }
                    found
                })
                .collect()
        };
        let in_top = causes(&raw.in_top, problems);
        let not_in_top = causes(&raw.not_in_top, problems);
        let fired = rules(&raw.fired, problems);
        let not_fired = rules(&raw.not_fired, problems);
        if let Some(top) = &raw.top
            && top.value == 0
        {
            problems.push(
                Problem::error("test::top", "`top` must be at least 1")
                    .at(span_of(top), "zero")
                    .help("leave `top` out to look at every cause found"),
            );
        }
        let mut areas: Vec<&str> = q.groups.iter().map(|g| g.id.as_str()).collect();
        areas.push("ecosystem");
        let mut scores = Vec::new();
        for (id, range) in &raw.scores {
            let area = if id == "ecosystem" {
                Some(Area::Ecosystem)
            } else {
                q.groups.iter().position(|g| g.id == *id).map(Area::Group)
            };
            let r = range.value;
            if r.above.is_none() && r.at_least.is_none() && r.below.is_none() && r.at_most.is_none() {
                problems.push(
                    Problem::error("test::empty-range", format!("the range for `{id}` has no bound"))
                        .at(span_of(range), "empty range")
                        .help("give `above`, `at_least`, `below` or `at_most`, e.g. `{ below: 50 }`"),
                );
            }
            match area {
                Some(area) => scores.push((id.clone(), area, r)),
                None => problems.push(
                    Problem::error(
                        "test::unknown-area",
                        format!(
                            "`{id}` is not a bucket of `{}`, `{MACRO_ID}` or `ecosystem`",
                            q.id
                        ),
                    )
                    .at(span_of(range), "range for an unknown area")
                    .help(hint_for(id, &areas, "areas")),
                ),
            }
        }
        (problems.len() == before).then(|| Expectation {
            stage: raw.stage.as_ref().map(|s| stage(s.value)),
            top: raw.top.as_ref().map(|t| t.value),
            in_top,
            not_in_top,
            fired,
            not_fired,
            scores,
        })
    }

    /// One line per expectation that does not hold, in the order written.
    pub fn check(&self, q: &Questionnaire, eval: &Evaluation, d: &Diagnosis) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(want) = self.stage
            && want != d.verdict.stage
        {
            out.push(format!(
                "stage: expected {}, got {}",
                want.as_str(),
                d.verdict.stage.as_str()
            ));
        }
        let rank = |cause: usize| d.findings.iter().position(|f| f.cause == cause).map(|i| i + 1);
        let n = self.top.unwrap_or(d.findings.len());
        let top_list = || {
            let ids: Vec<&str> = d
                .findings
                .iter()
                .take(n)
                .map(|f| q.causes[f.cause].id.as_str())
                .collect();
            if ids.is_empty() {
                "no cause was found".to_owned()
            } else {
                format!("the top {} are: {}", ids.len(), ids.join(", "))
            }
        };
        let label = match self.top {
            Some(n) => format!(" (top {n})"),
            None => String::new(),
        };
        for &c in &self.in_top {
            let id = &q.causes[c].id;
            match rank(c) {
                Some(r) if r <= n => {}
                Some(r) => out.push(format!(
                    "in_top{label}: expected {id} in the top {n}, it ranks #{r}; {}",
                    top_list()
                )),
                None => out.push(format!(
                    "in_top{label}: expected {id}, it was not found; {}",
                    top_list()
                )),
            }
        }
        for &c in &self.not_in_top {
            let id = &q.causes[c].id;
            if let Some(r) = rank(c).filter(|r| *r <= n) {
                out.push(match self.top {
                    Some(_) => format!("not_in_top{label}: expected {id} outside the top {n}, it ranks #{r}"),
                    None => format!("not_in_top: expected {id} not to be found, it ranks #{r}"),
                });
            }
        }
        let fired = |rule: usize| eval.firings.iter().any(|f| f.rule == rule);
        for &r in &self.fired {
            if !fired(r) {
                out.push(format!(
                    "fired: expected rule {} to fire, it did not",
                    q.rules[r].id
                ));
            }
        }
        for &r in &self.not_fired {
            if fired(r) {
                out.push(format!(
                    "not_fired: expected rule {} not to fire, it fired",
                    q.rules[r].id
                ));
            }
        }
        for (id, area, range) in &self.scores {
            let score = match area {
                Area::Ecosystem => eval.ecosystem.score,
                Area::Group(g) => eval.groups[*g].score,
            }
            .map(round1);
            match score {
                Some(s) if in_range(range, s) => {}
                Some(s) => out.push(format!("scores.{id}: expected {}, got {s:.1}", range_text(range))),
                None => out.push(format!(
                    "scores.{id}: expected {}, got no score",
                    range_text(range)
                )),
            }
        }
        out
    }
}
