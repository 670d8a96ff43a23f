//! Engine stage: pure functions from a questionnaire and answers to scores,
//! fired rules, ranked root causes and a verdict. No I/O.

mod condition;
mod diagnose;
mod score;

pub use condition::Truth;
pub use diagnose::{Diagnosis, Finding, Stage, Verdict, diagnose, impact};
pub use score::{Aggregate, Level, QuestionState, Status, level_of, question_score};

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
    /// Rules whose condition held, in questionnaire order.
    pub firings: Vec<Firing>,
}

/// A rule that fired, with the questions whose answers made it hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Firing {
    pub rule: usize,
    pub evidence: Vec<QuestionIx>,
}

/// Scores the answers and runs every rule once.
pub fn evaluate(q: &Questionnaire, answers: &Answers) -> Evaluation {
    let mut eval = score::score(q, answers);
    eval.firings = q
        .rules
        .iter()
        .enumerate()
        .filter_map(|(ix, rule)| {
            let mut evidence = Vec::new();
            let ctx = condition::Context { answers, eval: &eval };
            (condition::eval(&rule.when, &ctx, &mut evidence) == Truth::True).then(|| Firing {
                rule: ix,
                evidence: first_of_each(evidence),
            })
        })
        .collect();
    eval
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
    let ctx = condition::Context { answers, eval };
    condition::eval(cond, &ctx, &mut Vec::new()) == Truth::True
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
