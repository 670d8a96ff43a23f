//! `check` reads answers files on a fast path without positions; `score` and
//! `validate` read them with positions. Both must come to the same answers,
//! warnings, errors, scores and findings: shown here over every bundled
//! example and generated files full of what the fast path gives up on.

use std::sync::Arc;

use ecodiag::answers::{self, Answers};
use ecodiag::diagnostic::{Problem, SourceFile};
use ecodiag::engine;
use ecodiag::error::{Error, render_error};
use ecodiag::questionnaire::{self, Loaded, QuestionKind, Questionnaire};
use ecodiag::yaml::Limits;
use proptest::prelude::*;

use crate::support::{ecodiag, root};

fn bundled(name: &str) -> Result<Arc<Loaded>, Error> {
    questionnaire::bundled(name)
}

/// A problem as two readings must agree on it: code, message and span.
type Said = (&'static str, String, Option<(usize, usize)>);

/// What a reading concluded, in a form two readings can be compared by.
#[derive(Debug, PartialEq)]
enum Outcome {
    Read { answers: Answers, warnings: Vec<Said> },
    Refused(String),
}

fn problems(list: &[Problem]) -> Vec<Said> {
    list.iter()
        .map(|p| (p.code, p.message.clone(), p.span.map(|s| (s.offset(), s.len()))))
        .collect()
}

/// The located reading, as `score` does it.
fn located(source: SourceFile) -> Outcome {
    let read = || -> Result<(Answers, Vec<Problem>), Error> {
        let parsed = answers::parse(source, &Limits::DEFAULT)?;
        let loaded = match bundled(parsed.assessment()) {
            Err(err @ Error::UnknownAssessment { .. }) => {
                return Err(ecodiag::reading::unknown_assessment(&parsed, &err));
            }
            other => other?,
        };
        ecodiag::reading::checked(&parsed, &loaded.questionnaire)
    };
    match read() {
        Ok((answers, warnings)) => Outcome::Read {
            answers,
            warnings: problems(&warnings),
        },
        Err(err) => Outcome::Refused(render_error(&err, false)),
    }
}

/// The batch reading, as `check` does it.
fn batch(source: SourceFile) -> (Outcome, Option<engine::Evaluation>) {
    match ecodiag::check::read(source, &Limits::DEFAULT, &bundled) {
        Ok(reading) => (
            Outcome::Read {
                answers: reading.answers,
                warnings: reading
                    .warnings
                    .map(|w| problems(&w.problems))
                    .unwrap_or_default(),
            },
            Some(reading.evaluation),
        ),
        Err(err) => (Outcome::Refused(render_error(&err, false)), None),
    }
}

/// Both readings agree, and so do the scores and findings built on them.
fn agree(name: &str, text: &str) -> Result<(), String> {
    let slow = located(SourceFile::new(name, text));
    let (fast, evaluation) = batch(SourceFile::new(name, text));
    if slow != fast {
        return Err(format!(
            "readings differ for\n{text}\nlocated: {slow:#?}\nbatch: {fast:#?}"
        ));
    }
    if let (Outcome::Read { answers, .. }, Some(evaluation)) = (&slow, evaluation) {
        let loaded = bundled(&answers.assessment).map_err(|e| e.to_string())?;
        let q = &loaded.questionnaire;
        let expected = engine::evaluate(q, answers);
        if format!("{expected:?}") != format!("{evaluation:?}") {
            return Err(format!("scores differ for\n{text}"));
        }
        let (a, b) = (engine::diagnose(q, &expected), engine::diagnose(q, &evaluation));
        if format!("{a:?}") != format!("{b:?}") {
            return Err(format!("findings differ for\n{text}"));
        }
    }
    Ok(())
}

#[test]
fn every_bundled_example_reads_the_same_both_ways() {
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("reads");
        agree(&path.display().to_string(), &text).unwrap_or_else(|e| panic!("{e}"));
        seen += 1;
    }
    assert!(seen >= 10, "{seen} examples");
}

#[test]
fn check_reports_the_warnings_score_reports() {
    // Answers to questions that are not asked: `score` has always said so;
    // `check` used to report no warning at all.
    let score = ecodiag()
        .args(["score", "examples/all-unknown.yaml"])
        .output()
        .expect("runs");
    let expected = String::from_utf8_lossy(&score.stderr)
        .matches("answers::hidden-question")
        .count();
    assert!(expected > 0);
    let out = ecodiag()
        .args(["check", "examples/all-unknown.yaml", "--format", "json"])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["files"][0]["warnings"], expected, "{json}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("answers::hidden-question").count(),
        expected,
        "{stderr}"
    );
}

/// A value for a question: valid ones of every kind, and the mistakes the
/// fast path must give up on.
fn value(q: &Questionnaire, ix: usize, pick: usize) -> String {
    let question = &q.questions[ix];
    let valid: Vec<String> = match &question.kind {
        QuestionKind::Scale { min, labels } => {
            (0..labels.len()).map(|i| (min + i as i64).to_string()).collect()
        }
        QuestionKind::YesNo { .. } => vec!["yes".into(), "no".into(), "true".into()],
        QuestionKind::Choice { options } => options.iter().map(|o| o.id.clone()).collect(),
        QuestionKind::Multi { options, .. } => {
            let mut out = vec!["[]".to_owned()];
            out.extend(options.iter().map(|o| format!("[{}]", o.id)));
            if options.len() >= 2 {
                out.push(format!("[{}, {}]", options[0].id, options[1].id));
            }
            out
        }
        QuestionKind::Number(spec) | QuestionKind::Percent(spec) => {
            let mut out = vec!["0".to_owned(), "45".to_owned(), "2.5".to_owned()];
            out.extend(spec.min.map(|m| m.to_string()));
            out.extend(spec.max.map(|m| m.to_string()));
            out
        }
    };
    let odd = [
        "unknown",
        "n/a",
        "",
        "zzz",
        "1e308",
        "-3",
        "[zzz]",
        "{ value: unknown, note: asked twice }",
        "{ note: only a note }",
        "{ value: 3, note: x, extra: 1 }",
    ];
    let all = valid.len() + odd.len();
    let pick = pick % (all + valid.len());
    if pick < all && pick >= valid.len() {
        return odd[pick - valid.len()].to_owned();
    }
    let v = &valid[pick % valid.len()];
    if pick >= all {
        format!("{{ value: {v}, note: \"from the CRM\" }}")
    } else {
        v.clone()
    }
}

#[derive(Debug, Clone)]
struct Made {
    header: usize,
    entries: Vec<(usize, usize)>,
    stray: Option<usize>,
}

fn made() -> impl Strategy<Value = Made> {
    (
        0usize..8,
        prop::collection::vec((0usize..200, 0usize..64), 0..40),
        prop::option::of(0usize..4),
    )
        .prop_map(|(header, entries, stray)| Made {
            header,
            entries,
            stray,
        })
}

fn text_of(q: &Questionnaire, m: &Made) -> String {
    let header = [
        "assessment: sales-ecosystem\nversion: \"1.0.0\"\nclient: Acme\n",
        "assessment: sales-ecosystem\nclient: Acme\n",
        "assessment: sales-ecosystem\nversion: \"0.9\"\nclient: Acme\n",
        "assessment: sales-ecosystem\nclient: Acme\nrespondent: { name: Ann, role: ceo }\ndate: 2026-03-14\n",
        "assessment: sales-ecosystem\nclient: Acme\nrespondent: { role: chief }\n",
        "assessment: sales-ecosystem\nclient: \"  \"\n",
        "assessment: sales-ecosytem\nclient: Acme\n",
        "assessment: sales-ecosystem\nclient: Acme\ndate: 2026-13-01\n",
    ][m.header];
    let mut text = format!("{header}answers:\n");
    let mut used = std::collections::BTreeSet::new();
    for (question, pick) in &m.entries {
        let ix = question % q.questions.len();
        // A repeated key is a parse error on both paths; keep them rare.
        if !used.insert(ix) && question % 7 != 0 {
            continue;
        }
        text.push_str(&format!("  {}: {}\n", q.questions[ix].id, value(q, ix, *pick)));
    }
    match m.stray {
        Some(0) => text.push_str("  no-such-question: 3\n"),
        Some(1) => text.push_str("  win-rate: 40\n  win-rate: 41\n"),
        Some(2) => text.push_str("stray: 1\n"),
        _ => {}
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_files_read_the_same_both_ways(m in made()) {
        let loaded = bundled("sales-ecosystem").expect("bundled");
        let text = text_of(&loaded.questionnaire, &m);
        agree("generated.yaml", &text).map_err(TestCaseError::fail)?;
    }
}
