//! Unit tables for scoring and conditions, over the small fixture questionnaire.

use super::*;
use crate::answers::{self, Answers};
use crate::diagnostic::SourceFile;
use crate::questionnaire::{self, Questionnaire};
use crate::yaml::Limits;

fn mini() -> Questionnaire {
    let source = SourceFile::new("mini.yaml", include_str!("../../tests/fixtures/mini.yaml"));
    questionnaire::from_source(source, &Limits::DEFAULT)
        .expect("fixture loads")
        .questionnaire
}

fn answers(q: &Questionnaire, body: &str) -> Answers {
    let text = format!("assessment: mini\nclient: Test\nanswers:\n{body}");
    let parsed = answers::parse(SourceFile::new("a.yaml", text), &Limits::DEFAULT).expect("parses");
    answers::check(&parsed, q).expect("valid answers").0
}

fn ix(q: &Questionnaire, id: &str) -> usize {
    q.question(id).expect("question exists")
}

#[test]
fn question_scores_by_type() {
    let q = mini();
    let cases: &[(&str, &str, Option<f64>)] = &[
        ("maturity", "random", Some(0.0)),
        ("maturity", "formal", Some(75.0)),
        ("written", "yes", Some(100.0)),
        ("written", "no", Some(0.0)),
        ("hours", "0.5", Some(0.0)),
        ("hours", "1", Some(50.0)),
        ("hours", "2.99", Some(50.0)),
        ("hours", "3", Some(100.0)),
        ("adoption", "69.9", Some(0.0)),
        ("adoption", "70", Some(50.0)),
        ("adoption", "90", Some(100.0)),
        ("adoption", "\"95%\"", Some(100.0)),
        ("adoption", "n/a", None),
        ("trust", "1", Some(0.0)),
        ("trust", "2", Some(50.0)),
        ("trust", "3", Some(100.0)),
        ("maturity", "unknown", None),
        ("team-size", "12", None),
    ];
    for (id, value, want) in cases {
        let a = answers(&q, &format!("  {id}: {value}\n"));
        let eval = evaluate(&q, &a);
        assert_eq!(eval.questions[ix(&q, id)].score, *want, "{id}: {value}");
    }
}

#[test]
fn multi_choice_adds_points_to_the_base() {
    let q = mini();
    for (value, want) in [
        ("[templates]", 50.0),
        ("[templates, cases]", 100.0),
        ("[none]", 0.0),
        ("[]", 0.0),
    ] {
        let a = answers(&q, &format!("  written: yes\n  kit: {value}\n"));
        let eval = evaluate(&q, &a);
        assert_eq!(eval.questions[ix(&q, "kit")].score, Some(want), "{value}");
    }
}

#[test]
fn show_if_hides_and_excludes_from_confidence() {
    let q = mini();
    let a = answers(&q, "  written: no\n  kit: [templates]\n");
    let eval = evaluate(&q, &a);
    assert_eq!(eval.questions[ix(&q, "kit")].status, Status::Hidden);
    assert_eq!(eval.questions[ix(&q, "kit")].score, None);
    // Unknown gate: the follow-up is not asked either.
    let a = answers(&q, "  written: unknown\n");
    let eval = evaluate(&q, &a);
    assert_eq!(eval.questions[ix(&q, "kit")].status, Status::Hidden);
}

#[test]
fn weighted_means_and_confidence() {
    let q = mini();
    // Process bucket: maturity (w2) 75, written (w1) 100, hours (w1) unknown; kit asked, unanswered.
    let a = answers(&q, "  maturity: formal\n  written: yes\n  hours: unknown\n");
    let eval = evaluate(&q, &a);
    let process = &eval.groups[0];
    assert_eq!(process.score, Some((2.0 * 75.0 + 100.0) / 3.0));
    assert_eq!(process.answered_weight, 3.0);
    assert_eq!(process.applicable_weight, 5.0);
    assert!((process.confidence() - 0.6).abs() < 1e-9);
    // Element scores follow the same rule.
    assert_eq!(eval.elements[1].score, None, "coaching has no answer");
    // Tools bucket: nothing answered.
    assert_eq!(eval.groups[1].score, None);
    assert_eq!(
        eval.ecosystem.score, eval.groups[0].score,
        "mean of the buckets that have a score"
    );
}

#[test]
fn not_applicable_leaves_confidence_alone() {
    let q = mini();
    let a = answers(&q, "  adoption: n/a\n  trust: 3\n");
    let eval = evaluate(&q, &a);
    let tools = &eval.groups[1];
    assert_eq!(tools.score, Some(100.0));
    assert_eq!(tools.confidence(), 1.0);
}

#[test]
fn ecosystem_weighs_buckets_equally() {
    let q = mini();
    let a = answers(
        &q,
        "  maturity: random\n  written: no\n  hours: 0\n  adoption: 95\n  trust: 3\n",
    );
    let eval = evaluate(&q, &a);
    assert_eq!(eval.groups[0].score, Some(0.0));
    assert_eq!(eval.groups[1].score, Some(100.0));
    assert_eq!(eval.ecosystem.score, Some(50.0));
}

/// Three-valued logic: unknown answers make comparisons unknown, never true,
/// and `not` keeps them unknown.
#[test]
fn conditions_in_three_valued_logic() {
    use crate::questionnaire::{AnswerTest, CmpOp, Comparison, Condition};
    let q = mini();
    let a = answers(&q, "  maturity: random\n  hours: unknown\n");
    let eval = evaluate(&q, &a);
    let ctx = condition::Context {
        answers: &a,
        eval: &eval,
    };
    let m = ix(&q, "maturity");
    let h = ix(&q, "hours");
    let random = Condition::Answer(m, AnswerTest::IsOption(vec![0]));
    let formal = Condition::Answer(m, AnswerTest::IsOption(vec![1]));
    let low_hours = Condition::Answer(
        h,
        AnswerTest::Compare(vec![Comparison {
            op: CmpOp::Below,
            value: 1.0,
        }]),
    );
    let eval_c = |c: &Condition| condition::eval(c, &ctx, &mut condition::Found::default());
    let t = Truth::True;
    let f = Truth::False;
    let u = Truth::Unknown;
    let table: Vec<(Condition, Truth)> = vec![
        (random.clone(), t),
        (formal.clone(), f),
        (low_hours.clone(), u),
        (Condition::Not(Box::new(low_hours.clone())), u),
        (Condition::Not(Box::new(formal.clone())), t),
        (Condition::All(vec![random.clone(), low_hours.clone()]), u),
        (Condition::All(vec![formal.clone(), low_hours.clone()]), f),
        (Condition::Any(vec![random.clone(), low_hours.clone()]), t),
        (Condition::Any(vec![formal.clone(), low_hours.clone()]), u),
        (Condition::AtLeast(1, vec![formal.clone(), low_hours.clone()]), u),
        (
            Condition::AtLeast(2, vec![random.clone(), formal.clone(), low_hours.clone()]),
            u,
        ),
        (
            Condition::AtLeast(2, vec![formal.clone(), formal.clone(), low_hours.clone()]),
            f,
        ),
        (Condition::AtLeast(1, vec![random.clone(), low_hours.clone()]), t),
        (Condition::Answer(h, AnswerTest::Unknown(true)), t),
        (Condition::Answer(h, AnswerTest::Answered(true)), f),
        (Condition::Answer(ix(&q, "trust"), AnswerTest::Unknown(true)), t),
        (
            Condition::Answer(ix(&q, "kit"), AnswerTest::NotApplicable(true)),
            t,
        ),
    ];
    for (i, (cond, want)) in table.iter().enumerate() {
        assert_eq!(eval_c(cond), *want, "row {i}: {cond:?}");
    }
}

#[test]
fn evidence_lists_the_questions_that_held() {
    use crate::questionnaire::{AnswerTest, CmpOp, Comparison, Condition};
    let q = mini();
    let a = answers(&q, "  maturity: random\n  hours: 5\n  trust: 1\n");
    let eval = evaluate(&q, &a);
    let ctx = condition::Context {
        answers: &a,
        eval: &eval,
    };
    let any = Condition::Any(vec![
        Condition::Answer(ix(&q, "maturity"), AnswerTest::IsOption(vec![0])),
        Condition::Answer(
            ix(&q, "hours"),
            AnswerTest::Compare(vec![Comparison {
                op: CmpOp::Below,
                value: 1.0,
            }]),
        ),
        Condition::Answer(ix(&q, "trust"), AnswerTest::IsNumber(vec![1.0])),
    ]);
    let mut found = condition::Found::default();
    assert_eq!(condition::eval(&any, &ctx, &mut found), Truth::True);
    assert_eq!(found.questions, vec![ix(&q, "maturity"), ix(&q, "trust")]);
    // Random scores 0 and trust 1 of 3 scores 0: both at the worst end.
    assert_eq!(found.extremity(), 1.0);
}

#[test]
fn verdict_stages() {
    let q = mini();
    let stage = |body: &str| diagnose(&q, &evaluate(&q, &answers(&q, body))).verdict.stage;
    let sound = "  maturity: dynamic\n  written: yes\n  kit: [templates, cases]\n  hours: 4\n  adoption: 95\n  trust: 3\n";
    assert_eq!(stage(&format!("{sound}  blame: 3\n")), Stage::Individuals);
    assert_eq!(stage(&format!("{sound}  blame: 1\n")), Stage::Macro);
    let broken = sound.replace("maturity: dynamic", "maturity: random");
    assert_eq!(stage(&format!("{broken}  blame: 3\n")), Stage::Ecosystem);
    assert_eq!(stage("  maturity: unknown\n"), Stage::InsufficientData);
    // Enough known overall, but the tools bucket is a blank: it cannot be called sound.
    assert_eq!(
        stage("  maturity: dynamic\n  written: yes\n  kit: [templates]\n  hours: 4\n  blame: 3\n"),
        Stage::InsufficientData
    );
}

#[test]
fn macro_causes_contribute_while_a_bucket_is_red() {
    let q = mini();
    let a = answers(
        &q,
        "  maturity: random\n  written: no\n  hours: 0\n  adoption: 95\n  trust: 3\n  blame: 1\n",
    );
    let d = diagnose(&q, &evaluate(&q, &a));
    let order: Vec<(&str, bool)> = d
        .findings
        .iter()
        .map(|f| (q.causes[f.cause].id.as_str(), f.contributing))
        .collect();
    assert_eq!(order.last(), Some(&("blame-culture", true)));
    assert!(order[..order.len() - 1].iter().all(|(_, c)| !c));
}

#[test]
fn evidence_keeps_each_question_once_in_the_order_met() {
    assert_eq!(super::first_of_each(vec![3, 1, 3, 2, 1]), vec![3, 1, 2]);
    let long: Vec<usize> = (0..10_000).chain(0..10_000).chain(5..7).collect();
    assert_eq!(super::first_of_each(long), (0..10_000).collect::<Vec<_>>());
}

/// The fixture with a causal link, a key metric and tailored steps.
fn mini_with_model() -> Questionnaire {
    let text = include_str!("../../tests/fixtures/mini.yaml")
        .replace(
            "    remediation: [Write the stages down with the team., Review deals against them weekly.]\n",
            "    remediation: [Write the stages down with the team., Review deals against them weekly.]\n    leads_to: [no-coaching]\n",
        )
        .replace(
            "    remediation: [Name an owner.]\n",
            "    remediation:\n      - step: Move the pipeline and the forecast into the CRM.\n        when: { question: adoption, below: 70 }\n        owner: sales-ops\n      - Name an owner.\n",
        )
        .replace(
            "    type: percent\n    weight: 3\n",
            "    type: percent\n    key: true\n    weight: 3\n",
        );
    let source = SourceFile::new("mini.yaml", text);
    questionnaire::from_source(source, &Limits::DEFAULT)
        .expect("fixture loads")
        .questionnaire
}

#[test]
fn causal_links_key_metrics_and_steps_are_loaded() {
    let q = mini_with_model();
    let cause = |id: &str| q.causes.iter().position(|c| c.id == id).expect("cause");
    assert_eq!(q.causes[cause("no-process")].leads_to, vec![cause("no-coaching")]);
    assert!(q.causes[cause("no-coaching")].leads_to.is_empty());
    assert!(q.questions[ix(&q, "adoption")].key);
    assert!(!q.questions[ix(&q, "trust")].key);
    let step = &q.causes[cause("bad-crm")].remediation[0];
    assert_eq!(step.owner, Some(crate::questionnaire::Owner::SalesOps));
    assert!(step.when.is_some());
}

#[test]
fn a_tailored_step_is_shown_only_where_its_condition_holds() {
    let q = mini_with_model();
    let crm = q.causes.iter().position(|c| c.id == "bad-crm").expect("cause");
    let steps = |body: &str| -> Vec<String> {
        let a = answers(&q, body);
        let eval = evaluate(&q, &a);
        applicable_steps(&q, crm, &a, &eval)
            .map(|s| s.text.clone())
            .collect()
    };
    assert_eq!(
        steps("  adoption: 40\n"),
        [
            "Move the pipeline and the forecast into the CRM.",
            "Name an owner."
        ]
    );
    assert_eq!(steps("  adoption: 95\n  trust: 1\n"), ["Name an owner."]);
    // An unknown answer is not enough to tailor the advice.
    assert_eq!(steps("  adoption: unknown\n  trust: 1\n"), ["Name an owner."]);
}
