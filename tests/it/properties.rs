//! Properties of the bundled assessments: scores move the right way, the
//! extremes reach the right verdicts, and every rule can fire.

use std::collections::BTreeMap;
use std::sync::Arc;

use ecodiag::answers::{Answers, Given, Value};
use ecodiag::engine::{self, Stage, question_score};
use ecodiag::questionnaire::{
    self, AnswerTest, CmpOp, Condition, Loaded, Question, Questionnaire, ScoreSubject,
};
use proptest::prelude::*;

fn bundled() -> Vec<Arc<Loaded>> {
    questionnaire::BUNDLED
        .iter()
        .map(|b| questionnaire::bundled(b.id).expect("bundled loads"))
        .collect()
}

/// Values worth trying for a question: every option, point and answer, and
/// numbers on both sides of every band edge and every threshold conditions use.
fn candidates(q: &Questionnaire, ix: usize) -> Vec<Value> {
    engine::whatif::candidates(q, ix)
}

fn answers_from(q: &Questionnaire, values: Vec<Option<Value>>) -> Answers {
    let mut a = Answers::empty(q, "Property Co");
    a.values = values
        .into_iter()
        .map(|v| v.map(|value| Given { value, note: None }))
        .collect();
    a
}

fn score_of(question: &Question, v: &Value) -> Option<f64> {
    question_score(question, v)
}

/// For every question: the candidate values, for generated answer sets.
fn all_candidates(q: &Questionnaire) -> Vec<Vec<Value>> {
    (0..q.questions.len()).map(|ix| candidates(q, ix)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Improving any single answer never lowers its bucket's score.
    #[test]
    fn improving_one_answer_never_lowers_its_bucket(
        which in 0usize..2,
        picks in proptest::collection::vec(any::<proptest::sample::Index>(), 80),
        target in any::<proptest::sample::Index>(),
        better in any::<proptest::sample::Index>(),
    ) {
        let loaded = &bundled()[which % questionnaire::BUNDLED.len()];
        let q = &loaded.questionnaire;
        let cands = all_candidates(q);
        let values: Vec<Option<Value>> = cands.iter().zip(&picks).map(|(c, pick)| Some(pick.get(c).clone())).collect();
        let t = target.index(q.questions.len());
        let question = &q.questions[t];
        prop_assume!(question.scored);
        let Some(before_value) = values[t].clone() else { return Ok(()); };
        let Some(before_q) = score_of(question, &before_value) else { return Ok(()); };
        let improvements: Vec<&Value> = cands[t].iter().filter(|v| score_of(question, v).is_some_and(|s| s >= before_q)).collect();
        let improved = (*better.get(&improvements)).clone();
        let mut after_values = values.clone();
        after_values[t] = Some(improved);
        let before = engine::evaluate(q, &answers_from(q, values));
        let after = engine::evaluate(q, &answers_from(q, after_values));
        // Only meaningful when the question was asked in both cases.
        prop_assume!(before.questions[t].score.is_some() && after.questions[t].score.is_some());
        let g = question.group;
        let (b, a) = (before.groups[g].score.expect("answered"), after.groups[g].score.expect("answered"));
        prop_assert!(a >= b - 1e-9, "{}: bucket {} went from {b} to {a}", question.id, q.groups[g].id);
    }
}

/// The value with the highest (or lowest) score for each scored question;
/// unscored questions stay unanswered.
fn extreme(q: &Questionnaire, best: bool) -> Answers {
    let values = (0..q.questions.len())
        .map(|ix| {
            let question = &q.questions[ix];
            if !question.scored {
                return None;
            }
            let mut scored: Vec<(f64, Value)> = candidates(q, ix)
                .into_iter()
                .filter_map(|v| score_of(question, &v).map(|s| (s, v)))
                .collect();
            scored.sort_by(|a, b| a.0.total_cmp(&b.0));
            let pick = if best { scored.last() } else { scored.first() };
            pick.map(|(_, v)| v.clone())
        })
        .collect();
    answers_from(q, values)
}

#[test]
fn all_best_answers_clear_the_ecosystem() {
    for loaded in bundled() {
        let q = &loaded.questionnaire;
        let eval = engine::evaluate(q, &extreme(q, true));
        let d = engine::diagnose(q, &eval);
        let high: Vec<&str> = d
            .findings
            .iter()
            .filter(|f| f.severity == questionnaire::Severity::High)
            .map(|f| q.causes[f.cause].id.as_str())
            .collect();
        assert!(
            high.is_empty(),
            "{}: high-severity causes on best answers: {high:?}",
            q.id
        );
        assert_eq!(d.verdict.stage, Stage::Individuals, "{}", q.id);
    }
}

#[test]
fn all_worst_answers_put_the_ecosystem_first() {
    for loaded in bundled() {
        let q = &loaded.questionnaire;
        let d = engine::diagnose(q, &engine::evaluate(q, &extreme(q, false)));
        assert_eq!(d.verdict.stage, Stage::Ecosystem, "{}", q.id);
        assert!(!d.findings.is_empty());
    }
}

#[test]
fn all_unknown_answers_conclude_nothing_strong() {
    for loaded in bundled() {
        let q = &loaded.questionnaire;
        let a = answers_from(q, vec![Some(Value::Unknown); q.questions.len()]);
        let eval = engine::evaluate(q, &a);
        let d = engine::diagnose(q, &eval);
        assert_eq!(d.verdict.stage, Stage::InsufficientData, "{}", q.id);
        assert_eq!(eval.confidence, 0.0);
        // The only thing an all-unknown file can show is that nothing is measured.
        for f in &d.findings {
            let id = q.causes[f.cause].id.as_str();
            assert!(
                id.contains("measure") || id.contains("unmeasured"),
                "{}: {id} found on all-unknown",
                q.id
            );
        }
    }
}

#[test]
fn every_cause_has_a_rule() {
    for loaded in bundled() {
        let q = &loaded.questionnaire;
        for (c, cause) in q.causes.iter().enumerate() {
            assert!(
                q.rules.iter().any(|r| r.cause == c),
                "{}: no rule supports `{}`",
                q.id,
                cause.id
            );
        }
    }
}

/// Finds answers that make `cond` hold, extending `chosen`; false if it cannot.
fn satisfy(
    q: &Questionnaire,
    cond: &Condition,
    want: bool,
    chosen: &mut BTreeMap<usize, Value>,
    cands: &[Vec<Value>],
) -> bool {
    let pick = |ix: usize, chosen: &mut BTreeMap<usize, Value>, ok: &dyn Fn(&Value) -> bool| -> bool {
        if let Some(v) = chosen.get(&ix) {
            return ok(v);
        }
        match cands[ix].iter().find(|v| ok(v)) {
            Some(v) => {
                chosen.insert(ix, v.clone());
                true
            }
            None => false,
        }
    };
    match cond {
        Condition::All(cs) if want => cs.iter().all(|c| satisfy(q, c, true, chosen, cands)),
        Condition::Any(cs) if !want => cs.iter().all(|c| satisfy(q, c, false, chosen, cands)),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(|c| {
            let mut trial = chosen.clone();
            let ok = satisfy(q, c, want, &mut trial, cands);
            if ok {
                *chosen = trial;
            }
            ok
        }),
        Condition::Not(c) => satisfy(q, c, !want, chosen, cands),
        Condition::AtLeast(n, cs) => {
            let target = if want { *n } else { cs.len() - *n + 1 };
            let mut done = 0;
            for c in cs {
                let mut trial = chosen.clone();
                if satisfy(q, c, want, &mut trial, cands) {
                    *chosen = trial;
                    done += 1;
                    if done == target {
                        return true;
                    }
                }
            }
            false
        }
        Condition::Answer(ix, test) => {
            let holds = |v: &Value| -> Option<bool> {
                let answered = v.is_answer();
                Some(match (test, v) {
                    (AnswerTest::Answered(b), _) => answered == *b,
                    (AnswerTest::Unknown(b), _) => matches!(v, Value::Unknown) == *b,
                    (AnswerTest::NotApplicable(b), _) => matches!(v, Value::NotApplicable) == *b,
                    (_, _) if !answered => return None,
                    (AnswerTest::IsBool(b), Value::Bool(x)) => x == b,
                    (AnswerTest::IsOption(set), Value::Choice(x)) => set.contains(x),
                    (AnswerTest::Includes(set), Value::Multi(xs)) => xs.iter().any(|x| set.contains(x)),
                    (AnswerTest::IsNumber(set), Value::Scale(p)) => set.contains(&(*p as f64)),
                    (AnswerTest::IsNumber(set), Value::Number(x)) => set.contains(x),
                    (AnswerTest::Compare(cmps), Value::Scale(p)) => cmps.iter().all(|c| c.holds(*p as f64)),
                    (AnswerTest::Compare(cmps), Value::Number(x)) => cmps.iter().all(|c| c.holds(*x)),
                    _ => return None,
                })
            };
            pick(*ix, chosen, &|v| holds(v) == Some(want))
        }
        Condition::Score(ScoreSubject::Question(ix), cmps) => {
            let question = &q.questions[*ix];
            pick(*ix, chosen, &|v| {
                score_of(question, v).is_some_and(|s| cmps.iter().all(|c| c.holds(s)) == want)
            })
        }
        Condition::Score(ScoreSubject::UnknownKeyMetrics, cmps) => {
            // Every key metric unknown, or every one answered, as the comparison needs.
            let wants_unknown = cmps.iter().all(|c| matches!(c.op, CmpOp::Above | CmpOp::AtLeast)) == want;
            for ix in (0..q.questions.len()).filter(|ix| q.questions[*ix].key) {
                let value = if wants_unknown {
                    Some(Value::Unknown)
                } else {
                    cands[ix].iter().find(|v| v.is_answer()).cloned()
                };
                if let Some(v) = value {
                    chosen.entry(ix).or_insert(v);
                }
            }
            true
        }
        Condition::Score(subject, cmps) => {
            // Drive a whole area to its best or worst, as the comparison needs.
            let wants_high = cmps.iter().all(|c| matches!(c.op, CmpOp::Above | CmpOp::AtLeast)) == want;
            let members: Vec<usize> = q
                .questions
                .iter()
                .enumerate()
                .filter(|(_, x)| {
                    // A question asked only under a condition is left out: the
                    // rest of the area is enough to drive its score.
                    x.scored
                        && x.show_if.is_none()
                        && match subject {
                            ScoreSubject::Element(e) => x.element == *e,
                            ScoreSubject::Group(g) => x.group == *g,
                            _ => q.groups[x.group].kind == questionnaire::GroupKind::Bucket,
                        }
                })
                .map(|(ix, _)| ix)
                .collect();
            for ix in members {
                let question = &q.questions[ix];
                let mut options: Vec<(f64, &Value)> = cands[ix]
                    .iter()
                    .filter_map(|v| score_of(question, v).map(|s| (s, v)))
                    .collect();
                options.sort_by(|a, b| a.0.total_cmp(&b.0));
                let v = if wants_high {
                    options.last()
                } else {
                    options.first()
                };
                if let Some((_, v)) = v {
                    chosen.entry(ix).or_insert_with(|| (*v).clone());
                }
            }
            true
        }
    }
}

/// Makes every chosen question visible by satisfying its `show_if` too.
fn reveal(q: &Questionnaire, chosen: &mut BTreeMap<usize, Value>, cands: &[Vec<Value>]) -> bool {
    for _ in 0..q.questions.len() {
        let gated: Vec<usize> = chosen
            .keys()
            .copied()
            .filter(|ix| q.questions[*ix].show_if.is_some())
            .collect();
        let before = chosen.len();
        for ix in gated {
            let show_if = q.questions[ix].show_if.as_ref().expect("filtered");
            if !satisfy(q, show_if, true, chosen, cands) {
                return false;
            }
        }
        if chosen.len() == before {
            return true;
        }
    }
    true
}

#[test]
fn every_rule_can_fire() {
    for loaded in bundled() {
        let q = &loaded.questionnaire;
        let cands = all_candidates(q);
        let mut silent = Vec::new();
        for (r, rule) in q.rules.iter().enumerate() {
            let mut chosen = BTreeMap::new();
            let fired =
                satisfy(q, &rule.when, true, &mut chosen, &cands) && reveal(q, &mut chosen, &cands) && {
                    let values = (0..q.questions.len())
                        .map(|ix| chosen.get(&ix).cloned())
                        .collect();
                    let eval = engine::evaluate(q, &answers_from(q, values));
                    eval.firings.iter().any(|f| f.rule == r)
                };
            if !fired {
                silent.push(rule.id.as_str());
            }
        }
        assert!(
            silent.is_empty(),
            "{}: no answer set found that fires {silent:?}",
            q.id
        );
    }
}

/// For each question of an area, one answer per distinct score it can give.
fn one_per_score(q: &Questionnaire, ix: usize, cands: &[Vec<Value>]) -> Vec<Value> {
    let question = &q.questions[ix];
    let mut seen: Vec<f64> = Vec::new();
    let mut out = Vec::new();
    for v in &cands[ix] {
        if let Some(s) = score_of(question, v)
            && !seen.contains(&s)
        {
            seen.push(s);
            out.push(v.clone());
        }
    }
    out
}

/// A red area is never left unexplained: for every element and macro culprit,
/// each way of answering its own questions that leaves it red (every other
/// answer at its best) fires a root cause on that area, or a cause of its
/// bucket that names no element.
#[test]
fn every_red_area_is_explained() {
    for loaded in bundled() {
        let q = &loaded.questionnaire;
        let cands = all_candidates(q);
        let best: Vec<Option<Value>> = extreme(q, true)
            .values
            .into_iter()
            .map(|g| g.map(|g| g.value))
            .collect();
        let mut unexplained = Vec::new();
        for (e, element) in q.elements.iter().enumerate() {
            let members: Vec<usize> = (0..q.questions.len())
                .filter(|&ix| q.questions[ix].scored && q.questions[ix].element == e)
                .collect();
            let choices: Vec<Vec<Value>> = members.iter().map(|&ix| one_per_score(q, ix, &cands)).collect();
            let mut combo = vec![0usize; members.len()];
            'combos: loop {
                let mut chosen: BTreeMap<usize, Value> = members
                    .iter()
                    .zip(&combo)
                    .zip(&choices)
                    .map(|((&ix, &pick), values)| (ix, values[pick].clone()))
                    .collect();
                if reveal(q, &mut chosen, &cands) {
                    let values = (0..q.questions.len())
                        .map(|ix| chosen.get(&ix).cloned().or_else(|| best[ix].clone()))
                        .collect();
                    let eval = engine::evaluate(q, &answers_from(q, values));
                    if eval.elements[e].score.is_some_and(|s| s < engine::RED_BELOW) {
                        let d = engine::diagnose(q, &eval);
                        let explained = d.findings.iter().any(|f| {
                            let cause = &q.causes[f.cause];
                            cause.element == Some(e)
                                || (cause.element.is_none() && cause.group == element.group)
                        });
                        if !explained {
                            let answers: Vec<String> = members
                                .iter()
                                .map(|&ix| format!("{}={:?}", q.questions[ix].id, chosen.get(&ix)))
                                .collect();
                            unexplained.push(format!(
                                "{} red with nothing found: {}",
                                element.id,
                                answers.join(", ")
                            ));
                            break 'combos;
                        }
                    }
                }
                // Next combination, odometer-style.
                for (digit, values) in combo.iter_mut().zip(&choices) {
                    *digit += 1;
                    if *digit < values.len() {
                        continue 'combos;
                    }
                    *digit = 0;
                }
                break;
            }
        }
        assert!(unexplained.is_empty(), "{}:\n{}", q.id, unexplained.join("\n"));
    }
}
