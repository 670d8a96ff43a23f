//! A case's expectations, checked against the questionnaire when loaded (every
//! id must exist) and then against a diagnosis, yielding one expected-against-
//! actual line per expectation that is not met.

use super::raw::{RawExpect, RawRange, RawStage};
use std::cell::RefCell;
use std::collections::HashMap;

use crate::diagnostic::{Problem, Suggester};
use crate::engine::{Diagnosis, Evaluation, Stage};
use crate::questionnaire::{MACRO_ID, QuestionIx, Questionnaire};
use crate::report::{Report, round1};
use crate::yaml::{Spanned, span_of};

/// Resolves cause ids, pushing a located problem for each unknown one.
type CauseLookup<'a> = dyn Fn(&[Spanned<String>], &mut Vec<Problem>) -> Vec<usize> + 'a;

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
    roots: Vec<usize>,
    /// (consequence, the cause it must be explained by).
    consequences: Vec<(usize, usize)>,
    top_root: Option<usize>,
    provisional: Option<bool>,
    probe_next: Vec<QuestionIx>,
    /// (cause, the text its first step starts with).
    first_step: Vec<(usize, String)>,
    unexplained: Vec<usize>,
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
    /// "Did you mean" comes from the budget of the case file (`suggester`).
    pub fn build(
        raw: &RawExpect,
        q: &Questionnaire,
        problems: &mut Vec<Problem>,
        suggester: &mut Suggester,
    ) -> Option<Expectation> {
        let before = problems.len();
        // Looked up by id, so a long list of ids costs no more than its length.
        let cause_ix: HashMap<&str, usize> = q
            .causes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let rule_ix: HashMap<&str, usize> = q
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let suggester = RefCell::new(suggester);
        let hint = |typed: &str, what: &str, known: &mut dyn ExactSizeIterator<Item = &str>| {
            suggester.borrow_mut().hint(typed, what, known.len(), known)
        };
        let causes = |list: &[crate::yaml::Spanned<String>], problems: &mut Vec<Problem>| -> Vec<usize> {
            list.iter()
                .filter_map(|id| {
                    let found = cause_ix.get(id.value.as_str()).copied();
                    if found.is_none() {
                        problems.push(
                            Problem::error(
                                "test::unknown-cause",
                                format!("`{}` is not a root cause of `{}`", id.value, q.id),
                            )
                            .at(span_of(id), "unknown root cause")
                            .help(hint(
                                &id.value,
                                "root-cause ids",
                                &mut q.causes.iter().map(|c| c.id.as_str()),
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
                    let found = rule_ix.get(id.value.as_str()).copied();
                    if found.is_none() {
                        problems.push(
                            Problem::error(
                                "test::unknown-rule",
                                format!("`{}` is not a rule of `{}`", id.value, q.id),
                            )
                            .at(span_of(id), "unknown rule")
                            .help(hint(
                                &id.value,
                                "rule ids",
                                &mut q.rules.iter().map(|r| r.id.as_str()),
                            )),
                        );
                    }
                    found
                })
                .collect()
        };
        let roots = causes(&raw.roots, problems);
        let top_root = causes(raw.top_root.as_slice(), problems).first().copied();
        fn keyed<'m>(
            map: &'m std::collections::BTreeMap<String, Spanned<String>>,
            problems: &mut Vec<Problem>,
            causes: &CauseLookup<'_>,
        ) -> Vec<(usize, &'m Spanned<String>)> {
            map.iter()
                .filter_map(|(key, value)| {
                    let id = Spanned {
                        value: key.clone(),
                        referenced: value.referenced,
                        defined: value.defined,
                    };
                    causes(std::slice::from_ref(&id), problems)
                        .first()
                        .map(|c| (*c, value))
                })
                .collect()
        }
        let consequences: Vec<(usize, usize)> = keyed(&raw.consequences, problems, &causes)
            .into_iter()
            .filter_map(|(c, root)| {
                causes(std::slice::from_ref(root), problems)
                    .first()
                    .map(|r| (c, *r))
            })
            .collect();
        let first_step: Vec<(usize, String)> = keyed(&raw.first_step, problems, &causes)
            .into_iter()
            .map(|(c, text)| (c, text.value.trim().to_owned()))
            .collect();
        let probe_next: Vec<QuestionIx> = raw
            .probe_next
            .iter()
            .filter_map(|id| {
                let found = q.question(&id.value);
                if found.is_none() {
                    problems.push(
                        Problem::error(
                            "test::unknown-question",
                            format!("`{}` is not a question of `{}`", id.value, q.id),
                        )
                        .at(span_of(id), "unknown question")
                        .help(hint(
                            &id.value,
                            "questions",
                            &mut q.questions.iter().map(|x| x.id.as_str()),
                        )),
                    );
                }
                found
            })
            .collect();
        let element_ix: HashMap<&str, usize> = q
            .elements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let unexplained: Vec<usize> = raw
            .unexplained
            .iter()
            .filter_map(|id| {
                let found = element_ix.get(id.value.as_str()).copied();
                if found.is_none() {
                    problems.push(
                        Problem::error(
                            "test::unknown-element",
                            format!("`{}` is not an element or macro culprit of `{}`", id.value, q.id),
                        )
                        .at(span_of(id), "unknown element")
                        .help(hint(
                            &id.value,
                            "elements and culprits",
                            &mut q.elements.iter().map(|e| e.id.as_str()),
                        )),
                    );
                }
                found
            })
            .collect();
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
                    .help(hint(id, "areas", &mut areas.iter().copied())),
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
            roots,
            consequences,
            top_root,
            provisional: raw.provisional.as_ref().map(|p| p.value),
            probe_next,
            first_step,
            unexplained,
        })
    }

    /// One line per expectation that does not hold, in the order written.
    pub fn check(&self, q: &Questionnaire, eval: &Evaluation, d: &Diagnosis, report: &Report) -> Vec<String> {
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
        // The ranked list is the roots'. `in_top` asks that the first N
        // roots' entries show the cause, as a root or under one; `not_in_top`
        // forbids it as a root among the first N — a consequence listed under
        // a root is not its peer. Without `top`, only being found counts.
        let rank = |cause: usize| d.find(cause).filter(|f| f.is_root()).map(|f| f.rank);
        let found = |cause: usize| d.find(cause).is_some();
        let n = self.top.unwrap_or(d.findings.len());
        let top_list = || {
            let ids: Vec<&str> = d
                .roots()
                .take(n)
                .map(|(_, f)| q.causes[f.cause].id.as_str())
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
            match (rank(c), d.find(c)) {
                (Some(r), _) if r <= n => {}
                (_, Some(f)) if self.top.is_none() || f.rank <= n => {}
                (Some(r), _) => out.push(format!(
                    "in_top{label}: expected {id} in the top {n}, it ranks #{r}; {}",
                    top_list()
                )),
                (None, Some(f)) => out.push(format!(
                    "in_top{label}: expected {id} in the top {n}, it is a consequence of {}, listed under #{}; {}",
                    upstream(q, d, f),
                    f.rank,
                    top_list()
                )),
                (None, None) => out.push(format!(
                    "in_top{label}: expected {id}, it was not found; {}",
                    top_list()
                )),
            }
        }
        for &c in &self.not_in_top {
            let id = &q.causes[c].id;
            match self.top {
                Some(_) => {
                    if let Some(r) = rank(c).filter(|r| *r <= n) {
                        out.push(format!(
                            "not_in_top{label}: expected {id} outside the top {n}, it ranks #{r}"
                        ));
                    }
                }
                None if found(c) => out.push(format!(
                    "not_in_top: expected {id} not to be found, it is listed under #{}",
                    d.find(c).map_or(0, |f| f.rank)
                )),
                None => {}
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
        self.check_links(q, d, &mut out);
        self.check_report(q, report, &mut out);
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

impl Expectation {
    /// Roots, consequences and the first root.
    fn check_links(&self, q: &Questionnaire, d: &Diagnosis, out: &mut Vec<String>) {
        let id = |c: usize| q.causes[c].id.as_str();
        let roots: Vec<&str> = d.roots().map(|(_, f)| id(f.cause)).collect();
        let root_list = || {
            if roots.is_empty() {
                "no cause was found".to_owned()
            } else {
                format!("the roots are: {}", roots.join(", "))
            }
        };
        for &c in &self.roots {
            match d.find(c) {
                None => out.push(format!("roots: expected {} as a root, it was not found", id(c))),
                Some(f) if !f.is_root() => out.push(format!(
                    "roots: expected {} as a root, it is a consequence of {}",
                    id(c),
                    upstream(q, d, f)
                )),
                Some(_) => {}
            }
        }
        for &(c, root) in &self.consequences {
            match d.find(c) {
                None => out.push(format!(
                    "consequences: expected {} under {}, it was not found",
                    id(c),
                    id(root)
                )),
                Some(f) if f.is_root() => out.push(format!(
                    "consequences: expected {} under {}, it is a root; {}",
                    id(c),
                    id(root),
                    root_list()
                )),
                Some(f) if !f.explained_by.iter().any(|&i| d.findings[i].cause == root) => out.push(format!(
                    "consequences: expected {} under {}, it is explained by {}",
                    id(c),
                    id(root),
                    upstream(q, d, f)
                )),
                Some(_) => {}
            }
        }
        if let Some(want) = self.top_root {
            let first = d.roots().next().map(|(_, f)| f.cause);
            if first != Some(want) {
                out.push(format!(
                    "top_root: expected {}, got {}",
                    id(want),
                    first.map_or("no cause", id)
                ));
            }
        }
    }

    /// What only the finished report knows: caveats, probe-next, steps, gaps.
    fn check_report(&self, q: &Questionnaire, report: &Report, out: &mut Vec<String>) {
        if let Some(want) = self.provisional
            && want != report.verdict.provisional
        {
            out.push(if want {
                "provisional: expected a provisional verdict, it has no caveat".to_owned()
            } else {
                format!(
                    "provisional: expected a verdict without caveats, it has: {}",
                    report.verdict.caveats.join(" ")
                )
            });
        }
        let probed: Vec<&str> = report
            .probe_next
            .iter()
            .flatten()
            .map(|p| p.question.as_str())
            .collect();
        for &x in &self.probe_next {
            let wanted = q.questions[x].id.as_str();
            if !probed.contains(&wanted) {
                out.push(format!(
                    "probe_next: expected {wanted}, {}",
                    if probed.is_empty() {
                        "the list is empty".to_owned()
                    } else {
                        format!("the list is: {}", probed.join(", "))
                    }
                ));
            }
        }
        let all = || {
            report
                .root_causes
                .iter()
                .flat_map(|c| std::iter::once(c).chain(&c.consequences))
        };
        for (c, text) in &self.first_step {
            let id = &q.causes[*c].id;
            match all().find(|x| &x.id == id) {
                None => out.push(format!("first_step: expected {id} to be found, it was not")),
                Some(x) => {
                    let first = x.remediation.first().map_or("", |s| s.text.as_str());
                    if !first.starts_with(text.as_str()) {
                        out.push(format!(
                            "first_step: expected {id}'s first step to start with \"{text}\", it is \"{first}\""
                        ));
                    }
                }
            }
        }
        let listed: Vec<&str> = report.unexplained.iter().map(|u| u.element_id.as_str()).collect();
        for &e in &self.unexplained {
            let wanted = q.elements[e].id.as_str();
            if !listed.contains(&wanted) {
                out.push(format!(
                    "unexplained: expected {wanted}, {}",
                    if listed.is_empty() {
                        "no red area is unexplained".to_owned()
                    } else {
                        format!("the list is: {}", listed.join(", "))
                    }
                ));
            }
        }
    }
}

/// "a and b": the causes a finding is explained by.
fn upstream(q: &Questionnaire, d: &Diagnosis, f: &crate::engine::Finding) -> String {
    let ids: Vec<String> = f
        .explained_by
        .iter()
        .map(|&i| q.causes[d.findings[i].cause].id.clone())
        .collect();
    crate::report::join_and(&ids)
}
