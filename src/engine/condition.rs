//! Evaluates compiled conditions in three-valued logic: a test on an answer
//! nobody knows is neither true nor false, so `not` cannot turn ignorance into
//! evidence. Only conditions that are plainly true fire a rule.

use super::{Evaluation, Status};
use crate::answers::{Answers, Value};
use crate::questionnaire::{AnswerTest, Comparison, Condition, QuestionIx, ScoreSubject};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    fn from_bool(b: bool) -> Self {
        if b { Truth::True } else { Truth::False }
    }

    fn not(self) -> Self {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

pub(super) struct Context<'a> {
    pub answers: &'a Answers,
    /// Question states so far (all of them once scoring is done).
    pub eval: &'a Evaluation,
}

impl Context<'_> {
    fn status(&self, q: QuestionIx) -> Status {
        self.eval
            .questions
            .get(q)
            .map_or(Status::Unanswered, |s| s.status)
    }
}

/// What made a condition hold: the questions whose answers did, and for each
/// part that held how far towards the worst end it sits (see [`degree`]).
#[derive(Debug, Default)]
pub(super) struct Found {
    /// Questions, in the order they were found (may repeat).
    pub questions: Vec<QuestionIx>,
    /// One entry per true leaf: the question it read (if one), and its degree 0–1.
    pub degrees: Vec<(Option<QuestionIx>, f64)>,
}

impl Found {
    fn extend(&mut self, other: Found) {
        self.questions.extend(other.questions);
        self.degrees.extend(other.degrees);
    }

    fn question(&mut self, q: QuestionIx, ctx: &Context<'_>) {
        self.questions.push(q);
        self.degrees.push((Some(q), question_degree(q, ctx)));
    }

    /// The mean degree of the parts that held, each question counted once;
    /// 1 when nothing was read (a fact such as "not answered").
    pub fn extremity(&self) -> f64 {
        let mut seen: Vec<QuestionIx> = Vec::with_capacity(self.degrees.len());
        let (mut sum, mut n) = (0.0, 0usize);
        for (q, d) in &self.degrees {
            if let Some(q) = q {
                if seen.contains(q) {
                    continue;
                }
                seen.push(*q);
            }
            sum += d;
            n += 1;
        }
        if n == 0 { 1.0 } else { sum / n as f64 }
    }
}

/// How far an answer sits towards the worst end: `0.5 + 0.5 × deficit` of
/// its score (see [`super::rank::EXTREMITY_FLOOR`]), so a worst-case answer
/// counts 1 and a best-case one 0.5; a fact without a score (an unscored
/// answer, "don't know") counts 1.
fn question_degree(q: QuestionIx, ctx: &Context<'_>) -> f64 {
    ctx.eval
        .questions
        .get(q)
        .and_then(|s| s.score)
        .map_or(1.0, score_degree)
}

fn score_degree(score: f64) -> f64 {
    use super::rank::EXTREMITY_FLOOR;
    EXTREMITY_FLOOR + (1.0 - EXTREMITY_FLOOR) * (100.0 - score.clamp(0.0, 100.0)) / 100.0
}

/// Evaluates `cond`; when it holds, `found` receives the questions whose
/// answers made it hold and how extreme each part was.
pub(super) fn eval(cond: &Condition, ctx: &Context<'_>, found: &mut Found) -> Truth {
    match cond {
        Condition::All(children) => {
            let mut mine = Found::default();
            let mut result = Truth::True;
            for child in children {
                match eval(child, ctx, &mut mine) {
                    Truth::False => return Truth::False,
                    Truth::Unknown => result = Truth::Unknown,
                    Truth::True => {}
                }
            }
            if result == Truth::True {
                found.extend(mine);
            }
            result
        }
        Condition::Any(children) => {
            let mut mine = Found::default();
            let mut result = Truth::False;
            for child in children {
                match eval(child, ctx, &mut mine) {
                    Truth::True => result = Truth::True,
                    Truth::Unknown if result == Truth::False => result = Truth::Unknown,
                    _ => {}
                }
            }
            if result == Truth::True {
                found.extend(mine);
            }
            result
        }
        Condition::AtLeast(n, children) => {
            let mut mine = Found::default();
            let (mut yes, mut maybe) = (0, 0);
            for child in children {
                match eval(child, ctx, &mut mine) {
                    Truth::True => yes += 1,
                    Truth::Unknown => maybe += 1,
                    Truth::False => {}
                }
            }
            if yes >= *n {
                found.extend(mine);
                Truth::True
            } else if yes + maybe >= *n {
                Truth::Unknown
            } else {
                Truth::False
            }
        }
        Condition::Not(inner) => {
            let result = eval(inner, ctx, &mut Found::default()).not();
            if result == Truth::True {
                let mut read = Vec::new();
                inner.questions(&mut read);
                for q in read {
                    found.question(q, ctx);
                }
            }
            result
        }
        Condition::Answer(q, test) => {
            let result = answer_test(*q, test, ctx);
            if result == Truth::True {
                found.question(*q, ctx);
            }
            result
        }
        Condition::Score(subject, cmps) => {
            let value = match subject {
                ScoreSubject::Question(q) => ctx.eval.questions.get(*q).and_then(|s| s.score),
                ScoreSubject::Element(e) => ctx.eval.elements.get(*e).and_then(|a| a.score),
                ScoreSubject::Group(g) => ctx.eval.groups.get(*g).and_then(|a| a.score),
                ScoreSubject::Ecosystem => ctx.eval.ecosystem.score,
                ScoreSubject::UnknownKeyMetrics => Some(ctx.eval.key_metrics.unknown_percent()),
            };
            let result = value.map_or(Truth::Unknown, |s| Truth::from_bool(all_hold(cmps, s)));
            if result == Truth::True {
                match subject {
                    ScoreSubject::Question(q) => found.question(*q, ctx),
                    // The share is its own degree: the more metrics unknown,
                    // the stronger the finding, from nothing to decisive.
                    ScoreSubject::UnknownKeyMetrics => {
                        found
                            .questions
                            .extend(ctx.eval.key_metrics.unknown.iter().copied());
                        found
                            .degrees
                            .push((None, ctx.eval.key_metrics.unknown_percent() / 100.0));
                    }
                    _ => found.degrees.push((None, value.map_or(1.0, score_degree))),
                }
            }
            result
        }
    }
}

fn all_hold(cmps: &[Comparison], x: f64) -> bool {
    cmps.iter().all(|c| c.holds(x))
}

fn answer_test(q: QuestionIx, test: &AnswerTest, ctx: &Context<'_>) -> Truth {
    let status = ctx.status(q);
    match test {
        AnswerTest::Answered(want) => return Truth::from_bool((status == Status::Answered) == *want),
        AnswerTest::Unknown(want) => {
            let unknown = matches!(status, Status::Unknown | Status::Unanswered);
            return Truth::from_bool(unknown == *want);
        }
        AnswerTest::NotApplicable(want) => {
            let na = matches!(status, Status::NotApplicable | Status::Hidden);
            return Truth::from_bool(na == *want);
        }
        _ => {}
    }
    if status != Status::Answered {
        return Truth::Unknown;
    }
    let Some(value) = ctx.answers.value(q) else {
        return Truth::Unknown;
    };
    let holds = match (test, value) {
        (AnswerTest::IsBool(want), Value::Bool(b)) => b == want,
        (AnswerTest::IsOption(set), Value::Choice(ix)) => set.contains(ix),
        (AnswerTest::Includes(set), Value::Multi(selected)) => selected.iter().any(|s| set.contains(s)),
        (AnswerTest::IsNumber(set), Value::Scale(p)) => set.contains(&(*p as f64)),
        (AnswerTest::IsNumber(set), Value::Number(x)) => set.contains(x),
        (AnswerTest::Compare(cmps), Value::Scale(p)) => all_hold(cmps, *p as f64),
        (AnswerTest::Compare(cmps), Value::Number(x)) => all_hold(cmps, *x),
        // A value of another type cannot reach here: answers and conditions
        // are both typed against the same question when loaded.
        _ => return Truth::Unknown,
    };
    Truth::from_bool(holds)
}
