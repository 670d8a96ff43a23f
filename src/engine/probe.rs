//! Probe next: the unknown answers that would change the conclusion. Each
//! question that applies but has no answer is tried at its best and at its
//! worst answer; those that would change the verdict or the top three roots
//! are listed, most decisive first.

use super::whatif::{Reeval, extremes};
use super::{Diagnosis, Evaluation, Stage, Status};
use crate::answers::{Answers, Given, Value};
use crate::questionnaire::{CauseIx, QuestionIx, Questionnaire};

/// How many questions a report lists.
pub const PROBE_LIMIT: usize = 5;

/// How many roots the comparison looks at: the two or three a reader acts on.
pub const TOP_ROOTS: usize = 3;

/// A changed verdict counts as much as the whole top three changing: it is
/// the conclusion itself.
pub const STAGE_WEIGHT: usize = TOP_ROOTS;

/// Which end of the scale an answer was tried at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Best,
    Worst,
}

impl End {
    pub fn as_str(self) -> &'static str {
        match self {
            End::Best => "best",
            End::Worst => "worst",
        }
    }
}

/// What one extreme answer would change.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub end: End,
    pub value: Value,
    /// The verdict's new stage, when it would change.
    pub stage: Option<Stage>,
    /// Causes that would enter the top three roots, and leave it.
    pub enters: Vec<CauseIx>,
    pub leaves: Vec<CauseIx>,
}

impl Outcome {
    /// `STAGE_WEIGHT` for a changed verdict, plus one per root replaced in
    /// the top three.
    pub fn weight(&self) -> usize {
        STAGE_WEIGHT * usize::from(self.stage.is_some()) + self.enters.len().max(self.leaves.len())
    }
}

/// A question worth answering next.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub question: QuestionIx,
    /// The sum of its outcomes' weights; see [`Outcome::weight`].
    pub decisiveness: usize,
    /// One per extreme that changes something.
    pub outcomes: Vec<Outcome>,
}

fn top_roots(d: &Diagnosis) -> Vec<CauseIx> {
    d.roots().take(TOP_ROOTS).map(|(_, f)| f.cause).collect()
}

/// Up to [`PROBE_LIMIT`] unknown or unanswered questions whose best or worst
/// answer would change the verdict's stage or the set of the top three
/// roots; most decisive first, then key metrics, heavier questions, and
/// questionnaire order. Questions without a score (no best or worst) and
/// questions not asked (`show_if`) are not tried.
pub fn probe_next(q: &Questionnaire, answers: &Answers, eval: &Evaluation, d: &Diagnosis) -> Vec<Probe> {
    let reeval = Reeval::new(q);
    let prepared = super::Prepared::new(q);
    let base_top = top_roots(d);
    // One copy of the answers, one slot changed at a time.
    let mut trial = answers.clone();
    let mut probes: Vec<Probe> = Vec::new();
    for (ix, state) in eval.questions.iter().enumerate() {
        if !matches!(state.status, Status::Unknown | Status::Unanswered) {
            continue;
        }
        let Some((best, worst)) = extremes(q, ix) else {
            continue;
        };
        let outcomes: Vec<Outcome> = [(End::Best, best), (End::Worst, worst)]
            .into_iter()
            .filter_map(|(end, value)| {
                trial.values[ix] = Some(Given {
                    value: value.clone(),
                    note: None,
                });
                let e = reeval.evaluate(eval, &trial, ix);
                let after = super::diagnose_with(q, &e, &prepared);
                let top = top_roots(&after);
                let outcome = Outcome {
                    end,
                    value,
                    stage: (after.verdict.stage != d.verdict.stage).then_some(after.verdict.stage),
                    enters: top.iter().copied().filter(|c| !base_top.contains(c)).collect(),
                    leaves: base_top.iter().copied().filter(|c| !top.contains(c)).collect(),
                };
                (outcome.weight() > 0).then_some(outcome)
            })
            .collect();
        trial.values[ix] = answers.values[ix].clone();
        if !outcomes.is_empty() {
            probes.push(Probe {
                question: ix,
                decisiveness: outcomes.iter().map(Outcome::weight).sum(),
                outcomes,
            });
        }
    }
    let key = |p: &Probe| {
        let question = &q.questions[p.question];
        (
            std::cmp::Reverse(p.decisiveness),
            !question.key,
            std::cmp::Reverse(ordered(question.weight)),
            p.question,
        )
    };
    probes.sort_by_key(key);
    probes.truncate(PROBE_LIMIT);
    probes
}

/// A weight as an integer key for sorting (weights are positive and finite).
fn ordered(w: f64) -> u64 {
    (w * 1000.0).round().max(0.0) as u64
}
