//! `ecodiag explain` end to end, in every format, on the causal fixture: a
//! cause found (and nested), a cause not found with its nearest miss, one
//! rule, everything, and an unknown id.

use insta_cmd::assert_cmd_snapshot;

use crate::support::ecodiag;

const ANSWERS: &str = "tests/fixtures/causal-answers.yaml";
const ASSESSMENT: &str = "tests/fixtures/causal.yaml";

fn explain(args: &[&str]) -> std::process::Command {
    let mut cmd = ecodiag();
    cmd.args(["explain", ANSWERS]).args(args).args(["-a", ASSESSMENT]);
    cmd
}

#[test]
fn a_consequence_found_in_a_table() {
    assert_cmd_snapshot!(explain(&["weak-value"]));
}

#[test]
fn a_cause_not_found_in_markdown() {
    assert_cmd_snapshot!(explain(&["no-process", "--format", "markdown"]));
}

#[test]
fn one_rule_in_json() {
    assert_cmd_snapshot!(explain(&["coaching.none", "--format", "json"]));
}

#[test]
fn everything_found_and_the_nearest_misses() {
    assert_cmd_snapshot!(explain(&[]));
}

#[test]
fn everything_in_markdown_and_json() {
    assert_cmd_snapshot!("everything_markdown", explain(&["--format", "markdown"]));
    assert_cmd_snapshot!("everything_json", explain(&["--format", "json"]));
}

#[test]
fn an_unknown_id_is_refused_with_the_nearest() {
    assert_cmd_snapshot!(explain(&["weak-valu"]));
}

/// Every nearest miss shown is one that works: answering as it says fires the cause.
#[test]
fn nearest_misses_are_checked() {
    let out = explain(&["--format", "json"]).output().expect("runs");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let misses = doc["nearest_misses"].as_array().expect("misses");
    assert!(!misses.is_empty());
    let q = crate::support::load_questionnaire(
        "causal.yaml",
        &std::fs::read_to_string(crate::support::fixture("causal.yaml")).expect("fixture"),
    );
    let text = std::fs::read_to_string(crate::support::fixture("causal-answers.yaml")).expect("answers");
    for m in misses {
        let mut edited = text.clone();
        for c in m["changes"].as_array().expect("changes") {
            let id = c["question"].as_str().expect("id");
            let value = match &c["value"] {
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            let line = edited
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{id}:")))
                .map(str::to_owned);
            match line {
                Some(line) => edited = edited.replace(&line, &format!("  {id}: {value}")),
                None => edited.push_str(&format!("  {id}: {value}\n")),
            }
        }
        let a = crate::support::answers_for(&q, "edited.yaml", &edited);
        let r = ecodiag::report::build_with(&q, &a, false);
        let cause = m["cause"].as_str().expect("cause");
        let found = r
            .root_causes
            .iter()
            .flat_map(|c| std::iter::once(c).chain(&c.consequences))
            .any(|c| c.id == cause);
        assert!(found, "{cause}: the miss {m} does not fire it");
    }
}
