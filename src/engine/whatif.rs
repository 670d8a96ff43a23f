//! What-if: the answers worth trying for a question, the best and worst of
//! them, and answers with some changed — the ground under `explain`'s
//! nearest misses, the report's flip of the first root, and probe-next.

use super::{Evaluation, score::question_score};
use crate::answers::{Answers, Given, Value};
use crate::questionnaire::{AnswerTest, Bound, Condition, QuestionIx, QuestionKind, Questionnaire};

/// One answer changed: the question and its new value.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub question: QuestionIx,
    pub to: Value,
}

/// Every answer worth trying for a question: "don't know", `n/a` where it
/// is allowed, every option, point and yes/no, a few sets of a multi
/// question, and for numbers the values on both sides of every band edge and
/// every threshold a condition compares it with, within its range.
pub fn candidates(q: &Questionnaire, ix: QuestionIx) -> Vec<Value> {
    let question = &q.questions[ix];
    let mut out = vec![Value::Unknown];
    if question.not_applicable.is_some() {
        out.push(Value::NotApplicable);
    }
    match &question.kind {
        QuestionKind::YesNo { .. } => out.extend([Value::Bool(true), Value::Bool(false)]),
        QuestionKind::Scale { min, labels } => {
            out.extend((0..labels.len()).map(|i| Value::Scale(min + i as i64)))
        }
        QuestionKind::Choice { options } => out.extend((0..options.len()).map(Value::Choice)),
        QuestionKind::Multi { options, .. } => {
            let plain: Vec<usize> = (0..options.len()).filter(|i| !options[*i].exclusive).collect();
            out.push(Value::Multi(Vec::new()));
            out.extend((0..options.len()).map(|i| Value::Multi(vec![i])));
            let best: Vec<usize> = plain
                .iter()
                .copied()
                .filter(|i| options[*i].score > 0.0)
                .collect();
            let worst: Vec<usize> = plain
                .iter()
                .copied()
                .filter(|i| options[*i].score < 0.0)
                .collect();
            for set in [plain, best, worst] {
                if set.len() > 1 && !out.contains(&Value::Multi(set.clone())) {
                    out.push(Value::Multi(set));
                }
            }
        }
        QuestionKind::Number(spec) | QuestionKind::Percent(spec) => {
            let mut edges: Vec<f64> = Vec::new();
            for band in &spec.bands {
                for bound in [band.lower, band.upper] {
                    if let Bound::Inclusive(x) | Bound::Exclusive(x) = bound {
                        edges.push(x);
                    }
                }
            }
            for rule in &q.rules {
                thresholds(&rule.when, ix, &mut edges);
            }
            for other in &q.questions {
                if let Some(c) = &other.show_if {
                    thresholds(c, ix, &mut edges);
                }
            }
            edges.extend(spec.min);
            edges.extend(spec.max);
            let mut numbers: Vec<f64> = edges.iter().flat_map(|x| [x - 1.0, *x, x + 1.0]).collect();
            numbers.retain(|x| {
                x.is_finite()
                    && spec.min.is_none_or(|m| *x >= m)
                    && spec.max.is_none_or(|m| *x <= m)
                    && (!spec.integer || x.fract() == 0.0)
            });
            numbers.sort_by(f64::total_cmp);
            numbers.dedup();
            if numbers.is_empty() {
                numbers.push(spec.min.unwrap_or(0.0));
            }
            out.extend(numbers.into_iter().map(Value::Number));
        }
    }
    out
}

fn thresholds(c: &Condition, ix: QuestionIx, into: &mut Vec<f64>) {
    match c {
        Condition::All(cs) | Condition::Any(cs) | Condition::AtLeast(_, cs) => {
            cs.iter().for_each(|c| thresholds(c, ix, into));
        }
        Condition::Not(c) => thresholds(c, ix, into),
        Condition::Answer(q, AnswerTest::Compare(cmps)) if *q == ix => {
            into.extend(cmps.iter().map(|c| c.value))
        }
        Condition::Answer(q, AnswerTest::IsNumber(xs)) if *q == ix => into.extend(xs),
        _ => {}
    }
}

/// The best- and worst-scoring real answers of a scored question, in that
/// order; `None` for a question without a score. Among equal scores, the
/// value furthest from the other end is taken (the largest of the best
/// numbers when high is good), so the answer is plainly at its extreme.
pub fn extremes(q: &Questionnaire, ix: QuestionIx) -> Option<(Value, Value)> {
    let question = &q.questions[ix];
    if !question.scored {
        return None;
    }
    let scored: Vec<(f64, Value)> = candidates(q, ix)
        .into_iter()
        .filter_map(|v| question_score(question, &v).map(|s| (s, v)))
        .collect();
    let best = scored.iter().map(|(s, _)| *s).fold(f64::NEG_INFINITY, f64::max);
    let worst = scored.iter().map(|(s, _)| *s).fold(f64::INFINITY, f64::min);
    if !best.is_finite() || best == worst {
        return None;
    }
    let pick = |target: f64, from_end: bool| -> Option<Value> {
        let mut at: Vec<&Value> = scored
            .iter()
            .filter(|(s, _)| *s == target)
            .map(|(_, v)| v)
            .collect();
        if from_end {
            at.reverse();
        }
        at.first().map(|v| (*v).clone())
    };
    // For numbers, candidates are sorted: whether high is good decides
    // which end of each extreme band to take.
    let high_is_good = {
        let first = scored.first().map(|(s, _)| *s);
        let last = scored.last().map(|(s, _)| *s);
        matches!((first, last), (Some(a), Some(b)) if b > a)
    };
    Some((pick(best, high_is_good)?, pick(worst, !high_is_good)?))
}

/// The answers with the changes applied.
pub fn with_changes(answers: &Answers, changes: &[Change]) -> Answers {
    let mut out = answers.clone();
    for c in changes {
        if let Some(slot) = out.values.get_mut(c.question) {
            *slot = Some(Given {
                value: c.to.clone(),
                note: None,
            });
        }
    }
    out
}

/// The current answer as the conditions see it: unanswered reads as
/// "don't know".
pub fn current(answers: &Answers, ix: QuestionIx) -> Value {
    answers.value(ix).cloned().unwrap_or(Value::Unknown)
}

/// Evaluates answers that differ from `base` in one question, re-running
/// only what that question can reach: its state, the aggregates, and the
/// rules that read it, an area score it counts in, or the key metrics. A
/// question other questions' `show_if` read is re-scored from scratch.
pub(crate) struct Reeval<'q> {
    q: &'q Questionnaire,
    /// Per question, whether some `show_if` reads it.
    gates: Vec<bool>,
    /// Per question, the rules to re-run when it changes.
    reach: Vec<Vec<usize>>,
}

impl<'q> Reeval<'q> {
    pub fn new(q: &'q Questionnaire) -> Self {
        let mut gates = vec![false; q.questions.len()];
        for question in &q.questions {
            if let Some(c) = &question.show_if {
                let mut read = Vec::new();
                c.questions(&mut read);
                read.into_iter().for_each(|ix| gates[ix] = true);
            }
        }
        let reads_area: Vec<bool> = q.rules.iter().map(|r| reads_area(&r.when)).collect();
        let reach = (0..q.questions.len())
            .map(|ix| {
                let key = q.questions[ix].key;
                q.rules
                    .iter()
                    .enumerate()
                    .filter(|(r, rule)| {
                        rule.reads.binary_search(&ix).is_ok()
                            || reads_area[*r]
                            || (key && rule.when.reads_key_metrics())
                    })
                    .map(|(r, _)| r)
                    .collect()
            })
            .collect();
        Reeval { q, gates, reach }
    }

    /// The evaluation of `answers`, which differ from those behind `base`
    /// only in question `changed`.
    pub fn evaluate(&self, base: &Evaluation, answers: &Answers, changed: QuestionIx) -> Evaluation {
        if self.gates[changed] {
            return super::evaluate(self.q, answers);
        }
        let mut eval = super::score::score(self.q, answers);
        let rerun = &self.reach[changed];
        let fresh = super::fire(self.q, answers, &eval, rerun.iter().copied());
        let mut firings: Vec<super::Firing> = base
            .firings
            .iter()
            .filter(|f| rerun.binary_search(&f.rule).is_err())
            .cloned()
            .chain(fresh)
            .collect();
        firings.sort_by_key(|f| f.rule);
        eval.firings = firings;
        eval
    }
}

/// Whether a condition reads an element, bucket or ecosystem score, which
/// any answer in that area moves.
fn reads_area(c: &Condition) -> bool {
    use crate::questionnaire::ScoreSubject;
    match c {
        Condition::All(cs) | Condition::Any(cs) | Condition::AtLeast(_, cs) => cs.iter().any(reads_area),
        Condition::Not(c) => reads_area(c),
        Condition::Score(ScoreSubject::Element(_) | ScoreSubject::Group(_) | ScoreSubject::Ecosystem, _) => {
            true
        }
        Condition::Score(..) | Condition::Answer(..) => false,
    }
}
