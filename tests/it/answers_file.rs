//! Answer files written by ecodiag read back as the same answers, whatever
//! the names, notes and values: what `assess` saves, `score` reads.

use proptest::prelude::*;

use ecodiag::answers::{self, Answers, Given, Respondent, Role, Value};
use ecodiag::diagnostic::SourceFile;
use ecodiag::questionnaire::{QuestionKind, Questionnaire};
use ecodiag::yaml::Limits;

use crate::support::mini;

/// Any text, as a person might type it into a name or a note: trimmed, since
/// the reader trims, and not empty.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 :#'\"&*!|>%@`,\\[\\]{}-]{1,30}",
        Just("yes".to_owned()),
        Just("null".to_owned()),
        Just("2026-03-14".to_owned()),
        Just("1.0".to_owned()),
        Just("Société Générale".to_owned()),
    ]
    .prop_map(|s| s.trim().to_owned())
    .prop_filter("not empty", |s| !s.is_empty())
}

fn value_for(q: &Questionnaire, ix: usize) -> BoxedStrategy<Value> {
    let question = &q.questions[ix];
    let specific: BoxedStrategy<Value> = match &question.kind {
        QuestionKind::YesNo { .. } => any::<bool>().prop_map(Value::Bool).boxed(),
        QuestionKind::Scale { min, labels } => {
            let (lo, hi) = (*min, min + labels.len() as i64 - 1);
            (lo..=hi).prop_map(Value::Scale).boxed()
        }
        QuestionKind::Choice { options } => (0..options.len()).prop_map(Value::Choice).boxed(),
        QuestionKind::Multi { options, .. } => {
            let plain: Vec<usize> = (0..options.len()).filter(|&i| !options[i].exclusive).collect();
            let alone: Vec<usize> = (0..options.len()).filter(|&i| options[i].exclusive).collect();
            prop_oneof![
                proptest::sample::subsequence(plain.clone(), 0..=plain.len()).prop_map(Value::Multi),
                proptest::sample::select(alone).prop_map(|i| Value::Multi(vec![i])),
            ]
            .boxed()
        }
        QuestionKind::Number(spec) | QuestionKind::Percent(spec) => {
            let lo = spec.min.unwrap_or(-1e9);
            let hi = spec.max.unwrap_or(1e9);
            if spec.integer {
                ((lo as i64)..=(hi as i64))
                    .prop_map(|n| Value::Number(n as f64))
                    .boxed()
            } else {
                (lo..=hi).prop_map(Value::Number).boxed()
            }
        }
    };
    if question.not_applicable.is_some() {
        prop_oneof![3 => specific, 1 => Just(Value::Unknown), 1 => Just(Value::NotApplicable)].boxed()
    } else {
        prop_oneof![4 => specific, 1 => Just(Value::Unknown)].boxed()
    }
}

pub fn answers_for(q: Questionnaire) -> impl Strategy<Value = Answers> {
    let values: Vec<BoxedStrategy<Option<Given>>> = (0..q.questions.len())
        .map(|ix| {
            proptest::option::of((value_for(&q, ix), proptest::option::of(text())))
                .prop_map(|g| g.map(|(value, note)| Given { value, note }))
                .boxed()
        })
        .collect();
    (
        text(),
        proptest::option::of(text()),
        proptest::option::of(proptest::sample::select(Role::ALL.to_vec())),
        proptest::option::of((2000i16..2100, 1i8..=12, 1i8..=28)),
        values,
    )
        .prop_map(move |(client, name, role, date, values)| Answers {
            assessment: q.id.clone(),
            version: Some(q.version.clone()),
            client,
            respondent: Respondent { name, role },
            date: date.map(|(y, m, d)| jiff::civil::date(y, m, d)),
            values,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn written_answers_read_back_unchanged(a in answers_for(mini())) {
        let q = mini();
        let text = answers::write::to_yaml(&q, &a);
        let parsed = answers::parse(SourceFile::new("saved.yaml", text.clone()), &Limits::DEFAULT)
            .map_err(|e| TestCaseError::fail(format!("{}\n{text}", ecodiag::error::render_error(&e, false))))?;
        let (back, warnings) = answers::check(&parsed, &q)
            .map_err(|e| TestCaseError::fail(format!("{}\n{text}", ecodiag::error::render_error(&e, false))))?;
        prop_assert!(warnings.is_empty(), "{warnings:?}");
        prop_assert_eq!(back, a, "{}", text);
    }
}

#[test]
fn every_example_survives_a_round_trip() {
    let bundled = ecodiag::questionnaire::bundled("sales-ecosystem").expect("bundled");
    let q = &bundled.questionnaire;
    for name in ["healthy-saas", "broken-ecosystem", "macro-culprits"] {
        let path = crate::support::root().join(format!("examples/{name}.yaml"));
        let parsed = answers::read(&path, &Limits::DEFAULT).expect("example parses");
        let (a, _) = answers::check(&parsed, q).expect("example checks");
        let text = answers::write::to_yaml(q, &a);
        let again = answers::parse(SourceFile::new(name, text), &Limits::DEFAULT).expect("parses");
        let (b, _) = answers::check(&again, q).expect("checks");
        assert_eq!(a, b, "{name}");
    }
}
