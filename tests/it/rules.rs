//! Rule tests: a rules snippet and some answers in, the findings out.

use ecodiag::{engine, report};

use crate::support::{answers_for, fixture, load_questionnaire};

/// The mini questionnaire with its rules replaced by `rules`, scored on `answers`.
fn findings(rules: &str, answers: &str) -> String {
    let base = std::fs::read_to_string(fixture("mini.yaml")).expect("fixture");
    let head = &base[..base.find("\nrules:").expect("mini has rules") + 1];
    let q = load_questionnaire("rules.yaml", &format!("{head}rules:\n{rules}"));
    let a = answers_for(
        &q,
        "answers.yaml",
        &format!("assessment: mini\nclient: T\nanswers:\n{answers}"),
    );
    let r = report::build(&q, &a);
    let eval = engine::evaluate(&q, &a);
    let mut out = format!("stage: {}\n", r.verdict.stage.as_str());
    let fired: Vec<&str> = eval.firings.iter().map(|f| q.rules[f.rule].id.as_str()).collect();
    out.push_str(&format!("fired: {}\n", fired.join(", ")));
    for c in &r.root_causes {
        out.push_str(&format!(
            "{}. {} [{}{}] impact {:.1}\n",
            c.rank,
            c.id,
            c.severity.as_str(),
            if c.contributing { ", contributing" } else { "" },
            c.impact
        ));
        for e in &c.evidence {
            let quoted: Vec<String> = e
                .answers
                .iter()
                .map(|a| format!("{}={}", a.question, a.answer))
                .collect();
            out.push_str(&format!("   - {} ({}) {}\n", e.rule, quoted.join("; "), e.text));
        }
    }
    out
}

const RULES: &str = "
  - id: process.random
    cause: no-process
    severity: high
    when: { question: maturity, equals: random }
    evidence: \"Process: {maturity}.\"
  - id: process.random-and-unwritten
    cause: no-process
    severity: high
    when:
      all:
        - { question: maturity, in: [random, formal] }
        - { question: written, equals: no }
    evidence: \"{maturity}, written: {written}.\"
  - id: coaching.none
    cause: no-coaching
    severity: medium
    when: { question: hours, below: 1 }
    evidence: \"Reps get {hours} of coaching.\"
  - id: crm.weak
    cause: bad-crm
    severity: medium
    when:
      at_least: 2
      of:
        - { question: adoption, below: 70 }
        - { question: trust, at_most: 1 }
        - { score: hours, at_most: 50 }
    evidence: \"Adoption {adoption}, trust {trust}.\"
  - id: culture.blame
    cause: blame-culture
    severity: high
    when: { not: { question: blame, at_least: 2 } }
    evidence: \"{blame}.\"
";

#[test]
fn broken_process_ranks_first_and_folds_covered_evidence() {
    insta::assert_snapshot!(findings(
        RULES,
        "  maturity: random\n  written: no\n  hours: 0.5\n  adoption: 40\n  trust: 1\n  blame: 1\n"
    ));
}

#[test]
fn unknown_answers_fire_nothing_through_not() {
    insta::assert_snapshot!(findings(
        RULES,
        "  maturity: dynamic\n  written: yes\n  blame: unknown\n  hours: unknown\n"
    ));
}

#[test]
fn at_least_counts_scores_and_answers() {
    insta::assert_snapshot!(findings(
        RULES,
        "  maturity: formal\n  written: yes\n  kit: [templates, cases]\n  hours: 2\n  adoption: 60\n  trust: 3\n  blame: 3\n"
    ));
}

#[test]
fn sound_answers_fire_nothing() {
    insta::assert_snapshot!(findings(
        RULES,
        "  maturity: dynamic\n  written: yes\n  kit: [templates, cases]\n  hours: 4\n  adoption: 95\n  trust: 3\n  blame: 3\n"
    ));
}
