//! Property: for any answers to mini 1.0.0, migrating the file to 2.0.0 and
//! scoring it gives the same report as scoring the file a person would write
//! by hand from the migration's rules — which this test writes itself,
//! independently of `ecodiag::migrate`. Notes aside: a migration adds notes
//! to the answers it could not carry, and says so.

use proptest::prelude::*;

use ecodiag::answers::{self, Answers};
use ecodiag::diagnostic::SourceFile;
use ecodiag::migrate::{self, Outcome};
use ecodiag::questionnaire::Questionnaire;
use ecodiag::report;
use ecodiag::yaml::Limits;

use crate::support::{fixture, load_questionnaire};

fn v2() -> Questionnaire {
    let path = fixture("migrate/mini-2.0.0.yaml");
    load_questionnaire(
        "mini-2.0.0.yaml",
        &std::fs::read_to_string(path).expect("fixture"),
    )
}

/// One answer to a 1.0.0 question: its value as YAML, a note, and whether
/// a list is written in block style.
#[derive(Debug, Clone)]
struct Answer {
    question: &'static str,
    value: Value,
    note: Option<String>,
    comment: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Word(&'static str),
    Number(i64),
    List(Vec<&'static str>, bool),
}

fn value() -> impl Strategy<Value = (&'static str, Value)> {
    let word = |q: &'static str, words: &'static [&'static str]| {
        proptest::sample::select(words).prop_map(move |w| (q, Value::Word(w)))
    };
    let number = |q: &'static str, lo: i64, hi: i64| (lo..=hi).prop_map(move |n| (q, Value::Number(n)));
    prop_oneof![
        word(
            "process-maturity",
            &["random", "ad-hoc", "formal", "dynamic", "unknown"]
        ),
        word("written", &["yes", "no", "unknown"]),
        (
            proptest::sample::subsequence(vec!["templates", "case-studies", "scripts"], 0..=3),
            any::<bool>()
        )
            .prop_map(|(items, block)| ("kit", Value::List(items, block))),
        word("kit", &["unknown"]).prop_map(|(q, _)| (q, Value::List(vec!["none"], false))),
        number("hours", 0, 100),
        number("adoption", 0, 100),
        word("adoption", &["n/a", "unknown"]),
        number("trust", 1, 5),
        word("trust", &["unknown"]),
        number("blame", 1, 3),
        word("social-selling", &["yes", "no"]),
        number("team-size", 1, 40),
    ]
}

fn answers() -> impl Strategy<Value = Vec<Answer>> {
    proptest::collection::vec(
        (value(), proptest::option::of("[a-z ]{1,12}"), any::<bool>()),
        0..12,
    )
    .prop_map(|items| {
        let mut seen = Vec::new();
        items
            .into_iter()
            .filter(|((q, _), _, _)| {
                let first = !seen.contains(q);
                seen.push(*q);
                first
            })
            .map(|((question, value), note, comment)| Answer {
                question,
                value,
                note: note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
                comment,
            })
            .collect()
    })
}

fn yaml_value(v: &Value) -> String {
    match v {
        Value::Word(w) => (*w).to_owned(),
        Value::Number(n) => n.to_string(),
        Value::List(items, _) => format!("[{}]", items.join(", ")),
    }
}

/// An answers file as a person might write it: comments, block lists.
fn file(version: &str, answers: &[Answer]) -> String {
    let mut out = format!(
        "# written by hand\nassessment: mini\nversion: \"{version}\"  # as answered\nclient: Prop Co\nanswers:\n"
    );
    for a in answers {
        if a.comment {
            out.push_str("  # a comment above\n");
        }
        match (&a.value, &a.note) {
            (Value::List(items, true), None) if !items.is_empty() => {
                out.push_str(&format!("  {}:\n", a.question));
                for item in items {
                    out.push_str(&format!("    - {item}   # item\n"));
                }
            }
            (v, Some(note)) => out.push_str(&format!(
                "  {}: {{ value: {}, note: \"{note}\" }}\n",
                a.question,
                yaml_value(v)
            )),
            (v, None) => out.push_str(&format!("  {}: {}   # trailing\n", a.question, yaml_value(v))),
        }
    }
    out
}

/// The same answers rewritten for 2.0.0 by hand, from the migration's rules.
fn by_hand(answers: &[Answer]) -> String {
    let mut rewritten = Vec::new();
    for a in answers {
        let (question, value) = match (a.question, &a.value) {
            ("social-selling", _) => continue,
            ("process-maturity", Value::Word("ad-hoc")) => ("maturity", Value::Word("random")),
            ("process-maturity", v) => ("maturity", v.clone()),
            ("kit", Value::List(items, _)) if items.contains(&"scripts") => ("kit", Value::Word("unknown")),
            ("kit", Value::List(items, block)) => (
                "kit",
                Value::List(
                    items
                        .iter()
                        .map(|i| if *i == "case-studies" { "cases" } else { i })
                        .collect(),
                    *block,
                ),
            ),
            ("trust", Value::Number(p)) => ("trust", Value::Number([1, 1, 2, 3, 3][(*p - 1) as usize])),
            (q, v) => (q, v.clone()),
        };
        rewritten.push(Answer {
            question,
            value,
            note: a.note.clone(),
            comment: false,
        });
    }
    file("2.0.0", &rewritten)
}

fn checked(q: &Questionnaire, text: &str) -> Answers {
    let parsed = answers::parse(SourceFile::new("answers.yaml", text), &Limits::DEFAULT).expect("parses");
    answers::check(&parsed, q)
        .unwrap_or_else(|e| panic!("{}\n{text}", ecodiag::error::render_error(&e, false)))
        .0
}

fn without_notes(mut a: Answers) -> Answers {
    for given in a.values.iter_mut().flatten() {
        given.note = None;
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn migrating_then_scoring_equals_scoring_the_file_rewritten_by_hand(answers in answers()) {
        let q = v2();
        let old = file("1.0.0", &answers);
        let parsed = answers::parse(SourceFile::new("old.yaml", old.as_str()), &Limits::DEFAULT).expect("parses");
        let migrated = match migrate::migrate(&parsed, &q) {
            Ok(Outcome::Migrated(m)) => m,
            other => panic!("{other:?}\n{old}"),
        };
        let ours = checked(&q, &migrated.text);
        prop_assert_eq!(&ours, &migrated.answers);
        let theirs = checked(&q, &by_hand(&answers));
        let ours = without_notes(ours);
        let theirs = without_notes(theirs);
        prop_assert_eq!(report::build(&q, &ours), report::build(&q, &theirs));
        // Every comment of the old file is still there.
        let comments = |t: &str| t.matches("# a comment above").count() + t.matches("# item").count()
            + t.matches("# trailing").count() + t.matches("# written by hand").count();
        prop_assert!(comments(&migrated.text) >= comments(&old), "comments lost:\n{}", migrated.text);
        // An answer that could not be carried says why.
        if answers.iter().any(|a| a.question == "kit" && matches!(&a.value, Value::List(i, _) if i.contains(&"scripts"))) {
            prop_assert!(migrated.text.contains("the option `scripts` has no counterpart"), "{}", migrated.text);
        }
    }
}
