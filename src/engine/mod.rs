//! Engine stage: pure functions from a questionnaire and answers to scores,
//! fired rules, ranked root causes and a verdict. No I/O.

mod condition;
mod diagnose;
pub mod explain;
pub mod miss;
pub mod probe;
pub mod rank;
mod score;
mod verdict;
pub mod whatif;

pub use condition::Truth;
pub use diagnose::{CREDIBLE_FROM, Diagnosis, Finding, Prepared, diagnose, diagnose_with};
pub use score::{Aggregate, Level, QuestionState, Status, level_of, question_score};
pub use verdict::{Caveat, Stage, Verdict, unexplained};

use crate::answers::Answers;
use crate::questionnaire::{QuestionIx, Questionnaire};

/// Scores below this are a breakdown (red); the seed's "broken" buckets.
pub const RED_BELOW: f64 = 50.0;
/// Scores from this up are healthy (green).
pub const GREEN_FROM: f64 = 75.0;
/// Below this share of answered weight, an area cannot be judged.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// Everything computed from one answers file.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Per question, in questionnaire order.
    pub questions: Vec<QuestionState>,
    /// Per element or macro culprit.
    pub elements: Vec<Aggregate>,
    /// Per bucket, then the macro group.
    pub groups: Vec<Aggregate>,
    /// The five buckets together: score is the mean of the bucket scores.
    pub ecosystem: Aggregate,
    /// Share of all scored weight (buckets and macro) that was answered.
    pub confidence: f64,
    /// The key metrics (`key: true`) that apply, and which of them are unknown.
    pub key_metrics: KeyMetrics,
    /// Rules whose condition held, in questionnaire order.
    pub firings: Vec<Firing>,
}

/// The questions marked `key: true` that apply to this company (asked, not
/// `n/a`), and those of them answered "don't know" or not at all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyMetrics {
    pub applicable: Vec<QuestionIx>,
    /// In questionnaire order.
    pub unknown: Vec<QuestionIx>,
}

impl KeyMetrics {
    /// The share of the applicable key metrics that are unknown, 0–100; 0
    /// when none applies.
    pub fn unknown_percent(&self) -> f64 {
        if self.applicable.is_empty() {
            0.0
        } else {
            100.0 * self.unknown.len() as f64 / self.applicable.len() as f64
        }
    }

    /// The share of the applicable key metrics that are known, 0–1; 1 when
    /// none applies.
    pub fn known_share(&self) -> f64 {
        1.0 - self.unknown_percent() / 100.0
    }
}

/// A rule that fired, with the questions whose answers made it hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Firing {
    pub rule: usize,
    pub evidence: Vec<QuestionIx>,
    /// How far towards the worst end the parts that held sit, 0–1: the mean
    /// of `0.5 + 0.5 × deficit` over the answers and scores read (1 for a
    /// fact without a score; the share itself for `unknown-key-metrics`).
    pub extremity: f64,
}

/// Scores the answers and runs every rule once.
pub fn evaluate(q: &Questionnaire, answers: &Answers) -> Evaluation {
    let mut eval = score::score(q, answers);
    eval.firings = fire(q, answers, &eval, 0..q.rules.len());
    eval
}

/// Runs the given rules over scored answers; the ones that hold, in order.
pub(crate) fn fire(
    q: &Questionnaire,
    answers: &Answers,
    eval: &Evaluation,
    rules: impl Iterator<Item = usize>,
) -> Vec<Firing> {
    let ctx = condition::Context { answers, eval };
    rules
        .filter_map(|ix| {
            let mut found = condition::Found::default();
            (condition::eval(&q.rules[ix].when, &ctx, &mut found) == Truth::True).then(|| {
                let extremity = found.extremity();
                Firing {
                    rule: ix,
                    evidence: first_of_each(found.questions),
                    extremity,
                }
            })
        })
        .collect()
}

/// The truth of a condition over these answers, in three-valued logic.
pub fn truth(cond: &crate::questionnaire::Condition, answers: &Answers, eval: &Evaluation) -> Truth {
    let ctx = condition::Context { answers, eval };
    condition::eval(cond, &ctx, &mut condition::Found::default())
}

/// Each question once, in the order first met. A rule reading thousands of
/// questions is deduplicated through a set, not by rescanning the list.
fn first_of_each(evidence: Vec<QuestionIx>) -> Vec<QuestionIx> {
    if evidence.len() <= 32 {
        let mut seen = Vec::with_capacity(evidence.len());
        for e in evidence {
            if !seen.contains(&e) {
                seen.push(e);
            }
        }
        return seen;
    }
    let mut met = std::collections::HashSet::with_capacity(evidence.len());
    evidence.into_iter().filter(|e| met.insert(*e)).collect()
}

/// Whether `cond` plainly holds over these answers and their evaluation
/// (unknown is not enough), as a rule's condition must to fire.
pub fn holds(cond: &crate::questionnaire::Condition, answers: &Answers, eval: &Evaluation) -> bool {
    truth(cond, answers, eval) == Truth::True
}

/// The confidence a report leads with, 0–1: the answered share of the
/// scored weight, but never more than the known share of the key metrics —
/// a diagnosis is no surer than the outcome numbers it could read.
pub fn headline_confidence(eval: &Evaluation) -> f64 {
    eval.confidence.min(eval.key_metrics.known_share())
}

/// The remediation steps of a cause that fit this company, first step first:
/// a step with a `when:` is kept only where its condition plainly holds.
pub fn applicable_steps<'q>(
    q: &'q Questionnaire,
    cause: crate::questionnaire::CauseIx,
    answers: &Answers,
    eval: &Evaluation,
) -> impl Iterator<Item = &'q crate::questionnaire::Step> {
    q.causes[cause]
        .remediation
        .iter()
        .filter(move |s| s.when.as_ref().is_none_or(|c| holds(c, answers, eval)))
}

#[cfg(test)]
mod tests;
