//! Per-question scores (0–100) and their weighted means per element, bucket
//! and macro group, with the share of weight answered as confidence.
//!
//! Every number here is finite: question scores are clamped to 0–100, and
//! the questionnaire's bounds (`questionnaire::bounds`) keep weights within
//! 0.001–1000, so no sum of weights or weighted scores can overflow and no
//! division is by zero. Means and confidence are clamped to their ranges as
//! well, so rounding can never show 100.00001 or a confidence above 100%.

use super::{Evaluation, GREEN_FROM, RED_BELOW, condition};
use crate::answers::{Answers, Value};
use crate::questionnaire::{GroupKind, Question, QuestionKind, Questionnaire};

/// Where a question stands for this respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Answered with a real value.
    Answered,
    /// Answered "don't know".
    Unknown,
    /// Not answered at all.
    Unanswered,
    /// Answered "not applicable".
    NotApplicable,
    /// Not asked: its `show_if` does not hold.
    Hidden,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuestionState {
    pub status: Status,
    /// 0–100 for answered, scored questions.
    pub score: Option<f64>,
}

impl QuestionState {
    /// Counts towards confidence: asked and applicable.
    pub fn applicable(&self) -> bool {
        matches!(
            self.status,
            Status::Answered | Status::Unknown | Status::Unanswered
        )
    }
}

/// A weighted mean with how much of its weight was answered.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Aggregate {
    pub score: Option<f64>,
    pub answered_weight: f64,
    pub applicable_weight: f64,
}

impl Aggregate {
    /// Share of the applicable weight that was answered, 0–1. An area where
    /// nothing applies is fully known.
    pub fn confidence(&self) -> f64 {
        if self.applicable_weight > 0.0 {
            (self.answered_weight / self.applicable_weight).clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// Counts one question in; returns its weighted score for the caller's sum.
    fn add(&mut self, weight: f64, state: &QuestionState) -> f64 {
        if state.applicable() {
            self.applicable_weight += weight;
        }
        match state.score {
            Some(s) => {
                self.answered_weight += weight;
                weight * s
            }
            None => 0.0,
        }
    }
}

/// Traffic-light level of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Red,
    Amber,
    Green,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Red => "red",
            Level::Amber => "amber",
            Level::Green => "green",
        }
    }
}

pub fn level_of(score: f64) -> Level {
    if score < RED_BELOW {
        Level::Red
    } else if score < GREEN_FROM {
        Level::Amber
    } else {
        Level::Green
    }
}

/// A question's score for a value, 0–100; `None` for unknown or not applicable.
pub fn question_score(question: &Question, value: &Value) -> Option<f64> {
    let score = match (&question.kind, value) {
        (QuestionKind::Scale { min, labels }, Value::Scale(p)) => {
            let span = (labels.len().max(2) - 1) as f64;
            p.saturating_sub(*min) as f64 / span * 100.0
        }
        (QuestionKind::YesNo { healthy }, Value::Bool(b)) => {
            if b == healthy {
                100.0
            } else {
                0.0
            }
        }
        (QuestionKind::Choice { options }, Value::Choice(ix)) => options.get(*ix)?.score,
        (QuestionKind::Multi { options, base }, Value::Multi(ixs)) => {
            let points: f64 = ixs
                .iter()
                .filter_map(|ix| options.get(*ix))
                .map(|o| o.score)
                .sum();
            base + points
        }
        (QuestionKind::Number(spec) | QuestionKind::Percent(spec), Value::Number(x)) => spec.band(*x)?.score,
        _ => return None,
    };
    Some(score.clamp(0.0, 100.0)).filter(|s| s.is_finite())
}

pub(super) fn score(q: &Questionnaire, answers: &Answers) -> Evaluation {
    let mut eval = Evaluation {
        questions: Vec::with_capacity(q.questions.len()),
        elements: vec![Aggregate::default(); q.elements.len()],
        groups: vec![Aggregate::default(); q.groups.len()],
        ecosystem: Aggregate::default(),
        confidence: 0.0,
        key_metrics: super::KeyMetrics::default(),
        firings: Vec::new(),
    };
    // Question states in order, since `show_if` reads earlier answers.
    for (ix, question) in q.questions.iter().enumerate() {
        let visible = question.show_if.as_ref().is_none_or(|cond| {
            let ctx = condition::Context { answers, eval: &eval };
            condition::eval(cond, &ctx, &mut condition::Found::default()) == condition::Truth::True
        });
        let state = if !visible {
            QuestionState {
                status: Status::Hidden,
                score: None,
            }
        } else {
            match answers.value(ix) {
                None => QuestionState {
                    status: Status::Unanswered,
                    score: None,
                },
                Some(Value::Unknown) => QuestionState {
                    status: Status::Unknown,
                    score: None,
                },
                Some(Value::NotApplicable) => QuestionState {
                    status: Status::NotApplicable,
                    score: None,
                },
                Some(v) => QuestionState {
                    status: Status::Answered,
                    score: if question.scored {
                        question_score(question, v)
                    } else {
                        None
                    },
                },
            }
        };
        eval.questions.push(state);
    }
    let mut element_sums = vec![0.0; q.elements.len()];
    let mut group_sums = vec![0.0; q.groups.len()];
    let mut all = Aggregate::default();
    let mut eco = Aggregate::default();
    for (ix, question) in q.scored_questions() {
        let state = &eval.questions[ix];
        let w = question.weight;
        element_sums[question.element] += eval.elements[question.element].add(w, state);
        group_sums[question.group] += eval.groups[question.group].add(w, state);
        all.add(w, state);
        if q.groups[question.group].kind == GroupKind::Bucket {
            eco.add(w, state);
        }
    }
    let mean = |agg: &mut Aggregate, sum: f64| {
        if agg.answered_weight > 0.0 {
            agg.score = Some((sum / agg.answered_weight).clamp(0.0, 100.0));
        }
    };
    for (agg, sum) in eval.elements.iter_mut().zip(element_sums) {
        mean(agg, sum);
    }
    for (agg, sum) in eval.groups.iter_mut().zip(group_sums) {
        mean(agg, sum);
    }
    // Each bucket is necessary to a rep's success whatever its number of
    // questions, so the ecosystem score weighs buckets equally.
    let bucket_scores: Vec<f64> = q.buckets().filter_map(|(g, _)| eval.groups[g].score).collect();
    if !bucket_scores.is_empty() {
        eco.score = Some((bucket_scores.iter().sum::<f64>() / bucket_scores.len() as f64).clamp(0.0, 100.0));
    }
    eval.ecosystem = eco;
    eval.confidence = all.confidence();
    for (ix, question) in q.questions.iter().enumerate() {
        let state = &eval.questions[ix];
        if question.key && state.applicable() {
            eval.key_metrics.applicable.push(ix);
            if state.status != Status::Answered {
                eval.key_metrics.unknown.push(ix);
            }
        }
    }
    eval
}
