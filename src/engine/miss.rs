//! Minimal change sets: the fewest answers that would have to change, and to
//! what, for a condition to hold (a rule's nearest miss) or to fail (what
//! would remove a cause). Plans are built over the condition tree — each leaf
//! names the values that make it hold or fail, combinators merge or choose —
//! and the cheapest are checked by scoring the changed answers again, so a
//! plan shown is one that works.

use std::collections::BTreeMap;

use super::whatif::{Change, candidates, current, with_changes};
use super::{Evaluation, Status, Truth, score::question_score};
use crate::answers::{Answers, Value};
use crate::questionnaire::{AnswerTest, CauseIx, Condition, QuestionIx, Questionnaire, ScoreSubject};

/// How many cheapest plans each node keeps; enough alternatives to survive
/// the conflicts a merge finds, few enough to stay instant.
const BEAM: usize = 12;

/// Questions and the values each may take.
#[derive(Debug, Clone, PartialEq)]
struct Plan {
    need: BTreeMap<QuestionIx, Vec<Value>>,
    cost: usize,
}

struct Ctx<'a> {
    q: &'a Questionnaire,
    answers: &'a Answers,
    eval: &'a Evaluation,
}

impl Ctx<'_> {
    /// Whether the question's current answer is one of `allowed` (a hidden
    /// question's plan also asks for what makes it asked).
    fn keeps(&self, ix: QuestionIx, allowed: &[Value]) -> bool {
        allowed.contains(&current(self.answers, ix))
    }

    fn cost(&self, need: &BTreeMap<QuestionIx, Vec<Value>>) -> usize {
        need.iter()
            .filter(|(ix, allowed)| !self.keeps(**ix, allowed))
            .count()
    }

    fn plan(&self, need: BTreeMap<QuestionIx, Vec<Value>>) -> Plan {
        Plan {
            cost: self.cost(&need),
            need,
        }
    }
}

/// The truth of an answer test on a value, as the engine would judge it.
fn test_on(question: &crate::questionnaire::Question, test: &AnswerTest, v: &Value) -> Truth {
    let b = |x: bool| if x { Truth::True } else { Truth::False };
    match (test, v) {
        (AnswerTest::Answered(want), _) => b(v.is_answer() == *want),
        (AnswerTest::Unknown(want), _) => b(matches!(v, Value::Unknown) == *want),
        (AnswerTest::NotApplicable(want), _) => b(matches!(v, Value::NotApplicable) == *want),
        (_, Value::Unknown | Value::NotApplicable) => Truth::Unknown,
        (AnswerTest::IsBool(want), Value::Bool(x)) => b(x == want),
        (AnswerTest::IsOption(set), Value::Choice(x)) => b(set.contains(x)),
        (AnswerTest::Includes(set), Value::Multi(xs)) => b(xs.iter().any(|x| set.contains(x))),
        (AnswerTest::IsNumber(set), Value::Scale(p)) => b(set.contains(&(*p as f64))),
        (AnswerTest::IsNumber(set), Value::Number(x)) => b(set.contains(x)),
        (AnswerTest::Compare(cmps), Value::Scale(p)) => b(cmps.iter().all(|c| c.holds(*p as f64))),
        (AnswerTest::Compare(cmps), Value::Number(x)) => b(cmps.iter().all(|c| c.holds(*x))),
        _ => {
            let _ = question;
            Truth::Unknown
        }
    }
}

fn want(target: bool) -> Truth {
    if target { Truth::True } else { Truth::False }
}

/// Keeps the cheapest plans, dropping repeats.
fn prune(mut plans: Vec<Plan>) -> Vec<Plan> {
    plans.sort_by_key(|p| (p.cost, p.need.len()));
    let mut out: Vec<Plan> = Vec::with_capacity(BEAM);
    for p in plans {
        if !out.iter().any(|o| o.need == p.need) {
            out.push(p);
            if out.len() == BEAM {
                break;
            }
        }
    }
    out
}

/// Two plans at once; `None` when they ask one question for disjoint values.
fn merge(ctx: &Ctx<'_>, a: &Plan, b: &Plan) -> Option<Plan> {
    let mut need = a.need.clone();
    for (ix, allowed) in &b.need {
        match need.get_mut(ix) {
            Some(mine) => {
                mine.retain(|v| allowed.contains(v));
                if mine.is_empty() {
                    return None;
                }
            }
            None => {
                need.insert(*ix, allowed.clone());
            }
        }
    }
    Some(ctx.plan(need))
}

fn product(ctx: &Ctx<'_>, lists: &[Vec<Plan>]) -> Vec<Plan> {
    let mut acc = vec![ctx.plan(BTreeMap::new())];
    for list in lists {
        let mut next = Vec::new();
        for a in &acc {
            for b in list {
                next.extend(merge(ctx, a, b));
            }
        }
        acc = prune(next);
        if acc.is_empty() {
            break;
        }
    }
    acc
}

/// Plans for `cond` to be `target` (true: hold; false: plainly fail).
fn plans(ctx: &Ctx<'_>, cond: &Condition, target: bool) -> Vec<Plan> {
    match cond {
        Condition::Not(inner) => plans(ctx, inner, !target),
        Condition::All(cs) | Condition::Any(cs) => {
            let every = matches!(cond, Condition::All(_)) == target;
            let lists: Vec<Vec<Plan>> = cs.iter().map(|c| plans(ctx, c, target)).collect();
            if every {
                product(ctx, &lists)
            } else {
                prune(lists.into_iter().flatten().collect())
            }
        }
        Condition::AtLeast(n, cs) => {
            // Holding needs n parts true; failing needs len − n + 1 parts false.
            let k = if target { *n } else { cs.len() + 1 - *n };
            let mut lists: Vec<Vec<Plan>> = cs.iter().map(|c| plans(ctx, c, target)).collect();
            lists.retain(|l| !l.is_empty());
            lists.sort_by_key(|l| l.first().map_or(usize::MAX, |p| p.cost));
            if lists.len() < k {
                return Vec::new();
            }
            // The k cheapest parts, and each way of swapping one for the next.
            let mut out = product(ctx, &lists[..k]);
            for swap in 0..k {
                if let Some(extra) = lists.get(k) {
                    let mut pick: Vec<Vec<Plan>> = lists[..k].to_vec();
                    pick[swap] = extra.clone();
                    out.extend(product(ctx, &pick));
                }
            }
            prune(out)
        }
        Condition::Answer(ix, test) => {
            let question = &ctx.q.questions[*ix];
            let allowed: Vec<Value> = candidates(ctx.q, *ix)
                .into_iter()
                .filter(|v| test_on(question, test, v) == want(target))
                .collect();
            leaf(ctx, *ix, allowed)
        }
        Condition::Score(ScoreSubject::Question(ix), cmps) => {
            let question = &ctx.q.questions[*ix];
            let allowed: Vec<Value> = candidates(ctx.q, *ix)
                .into_iter()
                .filter(|v| {
                    question_score(question, v).is_some_and(|s| cmps.iter().all(|c| c.holds(s)) == target)
                })
                .collect();
            leaf(ctx, *ix, allowed)
        }
        Condition::Score(ScoreSubject::UnknownKeyMetrics, cmps) => key_metrics(ctx, cmps, target),
        Condition::Score(subject, cmps) => area(ctx, *subject, cmps, target),
    }
}

/// A leaf on one question: the values that give the wanted truth, plus
/// whatever makes the question asked when its `show_if` hides it.
fn leaf(ctx: &Ctx<'_>, ix: QuestionIx, allowed: Vec<Value>) -> Vec<Plan> {
    if allowed.is_empty() {
        return Vec::new();
    }
    let own = ctx.plan(BTreeMap::from([(ix, allowed)]));
    match &ctx.q.questions[ix].show_if {
        Some(gate) if ctx.eval.questions[ix].status == Status::Hidden => {
            product(ctx, &[vec![own], plans(ctx, gate, true)])
        }
        _ => vec![own],
    }
}

/// The share of key metrics unknown: answer unknown ones (to lower it) or
/// forget answered ones (to raise it), one at a time, until it is where
/// the comparison wants it.
fn key_metrics(ctx: &Ctx<'_>, cmps: &[crate::questionnaire::Comparison], target: bool) -> Vec<Plan> {
    let km = &ctx.eval.key_metrics;
    let total = km.applicable.len();
    if total == 0 {
        return Vec::new();
    }
    let ok = |unknown: usize| {
        cmps.iter()
            .all(|c| c.holds(100.0 * unknown as f64 / total as f64))
            == target
    };
    let mut unknown = km.unknown.len();
    let mut need = BTreeMap::new();
    if ok(unknown) {
        return vec![ctx.plan(need)];
    }
    let known: Vec<QuestionIx> = km
        .applicable
        .iter()
        .copied()
        .filter(|x| !km.unknown.contains(x))
        .collect();
    let raise = (0..=total).any(|u| u > unknown && ok(u));
    let movers: Vec<QuestionIx> = if raise { known } else { km.unknown.clone() };
    for ix in movers {
        let values: Vec<Value> = if raise {
            vec![Value::Unknown]
        } else {
            candidates(ctx.q, ix)
                .into_iter()
                .filter(Value::is_answer)
                .collect()
        };
        need.insert(ix, values);
        unknown = if raise { unknown + 1 } else { unknown - 1 };
        if ok(unknown) {
            return vec![ctx.plan(need)];
        }
    }
    Vec::new()
}

/// An element, bucket or ecosystem score: move the answers that weigh most
/// to their best (or worst) until the score crosses the line.
fn area(
    ctx: &Ctx<'_>,
    subject: ScoreSubject,
    cmps: &[crate::questionnaire::Comparison],
    target: bool,
) -> Vec<Plan> {
    let q = ctx.q;
    let in_area = |ix: QuestionIx| match subject {
        ScoreSubject::Element(e) => q.questions[ix].element == e,
        ScoreSubject::Group(g) => q.questions[ix].group == g,
        _ => q.groups[q.questions[ix].group].kind == crate::questionnaire::GroupKind::Bucket,
    };
    let members: Vec<QuestionIx> = (0..q.questions.len())
        .filter(|&ix| q.questions[ix].scored && ctx.eval.questions[ix].applicable() && in_area(ix))
        .collect();
    let mut scores: BTreeMap<QuestionIx, f64> = members
        .iter()
        .filter_map(|&ix| ctx.eval.questions[ix].score.map(|s| (ix, s)))
        .collect();
    let value_of = |scores: &BTreeMap<QuestionIx, f64>| area_score(q, subject, &members, scores);
    let holds = |s: Option<f64>| s.is_some_and(|s| cmps.iter().all(|c| c.holds(s)) == target);
    if holds(value_of(&scores)) {
        return vec![ctx.plan(BTreeMap::new())];
    }
    // Which way to push: up if the wanted side is above the current value.
    let up = (0..=100)
        .map(f64::from)
        .any(|s| holds(Some(s)) && value_of(&scores).is_none_or(|now| s > now));
    let mut movers: Vec<(f64, QuestionIx, Value, f64)> = members
        .iter()
        .filter_map(|&ix| {
            let (best, worst) = super::whatif::extremes(q, ix)?;
            let v = if up { best } else { worst };
            let s = question_score(&q.questions[ix], &v)?;
            let now = scores.get(&ix).copied().unwrap_or(if up { 0.0 } else { 100.0 });
            let gain = q.questions[ix].weight * (s - now).abs();
            (gain > 0.0).then_some((gain, ix, v, s))
        })
        .collect();
    movers.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut need = BTreeMap::new();
    for (_, ix, v, s) in movers {
        need.insert(ix, vec![v]);
        scores.insert(ix, s);
        if holds(value_of(&scores)) {
            return vec![ctx.plan(need)];
        }
    }
    Vec::new()
}

fn area_score(
    q: &Questionnaire,
    subject: ScoreSubject,
    members: &[QuestionIx],
    scores: &BTreeMap<QuestionIx, f64>,
) -> Option<f64> {
    let mean = |ixs: &mut dyn Iterator<Item = QuestionIx>| -> Option<f64> {
        let (mut sum, mut w) = (0.0, 0.0);
        for ix in ixs {
            if let Some(s) = scores.get(&ix) {
                sum += q.questions[ix].weight * s;
                w += q.questions[ix].weight;
            }
        }
        (w > 0.0).then(|| sum / w)
    };
    match subject {
        ScoreSubject::Ecosystem => {
            let buckets: Vec<f64> = q
                .buckets()
                .filter_map(|(g, _)| {
                    mean(&mut members.iter().copied().filter(|&ix| q.questions[ix].group == g))
                })
                .collect();
            (!buckets.is_empty()).then(|| buckets.iter().sum::<f64>() / buckets.len() as f64)
        }
        _ => mean(&mut members.iter().copied()),
    }
}

/// A verified change set.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub changes: Vec<Change>,
}

/// Concrete changes for a plan: each question keeps its answer when allowed,
/// else takes the allowed value whose score is nearest its current one.
fn changes_for(ctx: &Ctx<'_>, plan: &Plan) -> Vec<Change> {
    plan.need
        .iter()
        .filter(|(ix, allowed)| !ctx.keeps(**ix, allowed))
        .filter_map(|(&ix, allowed)| {
            let question = &ctx.q.questions[ix];
            let now_score = ctx.eval.questions[ix].score;
            let pick = allowed
                .iter()
                .min_by(|a, b| {
                    let d = |v: &Value| match (question_score(question, v), now_score) {
                        (Some(s), Some(n)) => (s - n).abs(),
                        (Some(_), None) => 0.0,
                        (None, _) => f64::INFINITY,
                    };
                    d(a).total_cmp(&d(b))
                })
                .cloned()?;
            Some(Change {
                question: ix,
                to: pick,
            })
        })
        .collect()
}

/// The cheapest plan, among those built, whose changes pass `check`.
fn first_that_works(
    ctx: &Ctx<'_>,
    plans: Vec<Plan>,
    check: impl Fn(&Answers, &Evaluation) -> bool,
) -> Option<Miss> {
    for plan in prune(plans) {
        let changes = changes_for(ctx, &plan);
        if changes.is_empty() {
            continue;
        }
        let changed = with_changes(ctx.answers, &changes);
        let eval = super::evaluate(ctx.q, &changed);
        if check(&changed, &eval) {
            return Some(Miss { changes });
        }
    }
    None
}

/// The fewest answer changes that make a rule fire, checked.
pub fn to_fire(q: &Questionnaire, answers: &Answers, eval: &Evaluation, rule: usize) -> Option<Miss> {
    let ctx = Ctx { q, answers, eval };
    let plans = plans(&ctx, &q.rules[rule].when, true);
    first_that_works(&ctx, plans, |_, e| e.firings.iter().any(|f| f.rule == rule))
}

/// The fewest answer changes that make some rule of a cause fire, checked.
pub fn to_find(
    q: &Questionnaire,
    answers: &Answers,
    eval: &Evaluation,
    cause: CauseIx,
) -> Option<(usize, Miss)> {
    let ctx = Ctx { q, answers, eval };
    let mut tried: Vec<(usize, Plan)> = Vec::new();
    for (r, rule) in q.rules.iter().enumerate().filter(|(_, r)| r.cause == cause) {
        tried.extend(plans(&ctx, &rule.when, true).into_iter().map(|p| (r, p)));
    }
    tried.sort_by_key(|(r, p)| (p.cost, p.need.len(), *r));
    for (r, plan) in tried.into_iter().take(BEAM * 2) {
        if let Some(miss) = first_that_works(&ctx, vec![plan], |_, e| {
            e.firings.iter().any(|f| q.rules[f.rule].cause == cause)
        }) {
            return Some((r, miss));
        }
    }
    None
}

/// The fewest answer changes after which no rule of a cause fires, checked.
/// The rules that fire must fail; those that plainly fail must keep
/// failing; those that cannot be judged (an answer unknown) are left so.
pub fn to_remove(q: &Questionnaire, answers: &Answers, eval: &Evaluation, cause: CauseIx) -> Option<Miss> {
    let ctx = Ctx { q, answers, eval };
    let mut any_fired = false;
    let mut lists: Vec<Vec<Plan>> = Vec::new();
    for rule in q.rules.iter().filter(|r| r.cause == cause) {
        match super::truth(&rule.when, answers, eval) {
            Truth::True => any_fired = true,
            Truth::False => {}
            Truth::Unknown => continue,
        }
        lists.push(plans(&ctx, &rule.when, false));
    }
    if !any_fired {
        return None;
    }
    first_that_works(&ctx, product(&ctx, &lists), |_, e| {
        !e.firings.iter().any(|f| q.rules[f.rule].cause == cause)
    })
}
