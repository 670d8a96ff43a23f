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

/// Evaluates `cond`; when it holds, `evidence` receives the questions whose
/// answers made it hold.
pub(super) fn eval(cond: &Condition, ctx: &Context<'_>, evidence: &mut Vec<QuestionIx>) -> Truth {
    match cond {
        Condition::All(children) => {
            let mut found = Vec::new();
            let mut result = Truth::True;
            for child in children {
                match eval(child, ctx, &mut found) {
                    Truth::False => return Truth::False,
                    Truth::Unknown => result = Truth::Unknown,
                    Truth::True => {}
                }
            }
            if result == Truth::True {
                evidence.extend(found);
            }
            result
        }
        Condition::Any(children) => {
            let mut found = Vec::new();
            let mut result = Truth::False;
            for child in children {
                match eval(child, ctx, &mut found) {
                    Truth::True => result = Truth::True,
                    Truth::Unknown if result == Truth::False => result = Truth::Unknown,
                    _ => {}
                }
            }
            if result == Truth::True {
                evidence.extend(found);
            }
            result
        }
        Condition::AtLeast(n, children) => {
            let mut found = Vec::new();
            let (mut yes, mut maybe) = (0, 0);
            for child in children {
                match eval(child, ctx, &mut found) {
                    Truth::True => yes += 1,
                    Truth::Unknown => maybe += 1,
                    Truth::False => {}
                }
            }
            if yes >= *n {
                evidence.extend(found);
                Truth::True
            } else if yes + maybe >= *n {
                Truth::Unknown
            } else {
                Truth::False
            }
        }
        Condition::Not(inner) => {
            let result = eval(inner, ctx, &mut Vec::new()).not();
            if result == Truth::True {
                inner.questions(evidence);
            }
            result
        }
        Condition::Answer(q, test) => {
            let result = answer_test(*q, test, ctx);
            if result == Truth::True {
                evidence.push(*q);
            }
            result
        }
        Condition::Score(subject, cmps) => {
            let score = match subject {
                ScoreSubject::Question(q) => ctx.eval.questions.get(*q).and_then(|s| s.score),
                ScoreSubject::Element(e) => ctx.eval.elements.get(*e).and_then(|a| a.score),
                ScoreSubject::Group(g) => ctx.eval.groups.get(*g).and_then(|a| a.score),
                ScoreSubject::Ecosystem => ctx.eval.ecosystem.score,
            };
            let result = score.map_or(Truth::Unknown, |s| Truth::from_bool(all_hold(cmps, s)));
            if result == Truth::True
                && let ScoreSubject::Question(q) = subject
            {
                evidence.push(*q);
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
