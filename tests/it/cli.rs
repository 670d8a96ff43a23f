//! End to end: the binary on the examples and on bad input, exit code and
//! output snapshotted.

use insta_cmd::assert_cmd_snapshot;

use crate::support::ecodiag;

#[test]
fn help() {
    assert_cmd_snapshot!(ecodiag().arg("--help"));
}

#[test]
fn score_help() {
    assert_cmd_snapshot!(ecodiag().args(["score", "--help"]));
}

#[test]
fn diff_help() {
    assert_cmd_snapshot!(ecodiag().args(["diff", "--help"]));
}

#[test]
fn help_of_test() {
    assert_cmd_snapshot!(ecodiag().args(["test", "--help"]));
}

#[test]
fn check_help() {
    assert_cmd_snapshot!(ecodiag().args(["check", "--help"]));
}

#[test]
fn list() {
    assert_cmd_snapshot!(ecodiag().arg("list"));
}

#[test]
fn score_healthy() {
    assert_cmd_snapshot!(ecodiag().args(["score", "examples/healthy-saas.yaml"]));
}

#[test]
fn score_broken_ecosystem() {
    assert_cmd_snapshot!(ecodiag().args(["score", "examples/broken-ecosystem.yaml"]));
}

#[test]
fn score_macro_culprits() {
    assert_cmd_snapshot!(ecodiag().args(["score", "examples/macro-culprits.yaml"]));
}

#[test]
fn score_markdown() {
    assert_cmd_snapshot!(ecodiag().args(["score", "examples/macro-culprits.yaml", "--format", "markdown"]));
}

#[test]
fn score_json() {
    assert_cmd_snapshot!(ecodiag().args(["score", "examples/macro-culprits.yaml", "--format", "json"]));
}

#[test]
fn score_html_is_a_complete_page() {
    let out = ecodiag()
        .args(["score", "examples/broken-ecosystem.yaml", "--format", "html"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).expect("utf-8");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("Harbor Industrial Supply") && html.contains("No repeatable sales process"));
}

#[test]
fn score_against_a_questionnaire_file() {
    assert_cmd_snapshot!(ecodiag().args([
        "score",
        "tests/fixtures/mini-answers.yaml",
        "--assessment",
        "tests/fixtures/mini.yaml",
        "--format",
        "markdown"
    ]));
}

#[test]
fn score_writes_the_output_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.json");
    let status = ecodiag()
        .args(["score", "examples/healthy-saas.yaml", "--format", "json", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(status.status.success());
    assert!(status.stdout.is_empty(), "report goes to the file, not stdout");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("json");
    assert_eq!(json["verdict"]["stage"], "individuals");
}

#[test]
fn colour_is_forced_by_the_flag_only() {
    let plain = ecodiag()
        .args(["score", "examples/healthy-saas.yaml"])
        .output()
        .expect("runs");
    assert!(!plain.stdout.contains(&0x1b));
    let forced = ecodiag()
        .args(["score", "examples/healthy-saas.yaml", "--color", "always"])
        .output()
        .expect("runs");
    assert!(forced.stdout.contains(&0x1b));
}

#[test]
fn score_is_deterministic() {
    for format in ["table", "markdown", "json", "html"] {
        let run = || {
            ecodiag()
                .args(["score", "examples/broken-ecosystem.yaml", "--format", format])
                .output()
                .expect("runs")
                .stdout
        };
        assert_eq!(run(), run(), "{format}");
    }
}

#[test]
fn show_outline() {
    assert_cmd_snapshot!(ecodiag().args(["show", "tests/fixtures/mini.yaml"]));
}

#[test]
fn show_json_is_complete_enough_to_answer() {
    let out = ecodiag()
        .args(["show", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let outline: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let questions = outline["questions"].as_array().expect("questions");
    assert!(questions.len() >= 45);
    for q in questions {
        assert!(q["id"].is_string() && q["type"].is_string() && q["text"].is_string());
        match q["type"].as_str() {
            Some("choice" | "multi") => assert!(q["options"].as_array().is_some_and(|o| o.len() >= 2)),
            Some("scale") => assert!(q["scale"].as_array().is_some_and(|o| o.len() >= 2)),
            _ => {}
        }
    }
    assert_eq!(outline["buckets"].as_array().map(Vec::len), Some(5));
    assert!(outline["rules"][0]["when"].is_object());
}

// ── Bad input: a located message and exit code 2 ─────────────────────────

#[test]
fn bad_answers_syntax_error() {
    assert_cmd_snapshot!(ecodiag().args(["score", "tests/fixtures/invalid/answers-syntax-error.yaml"]));
}

#[test]
fn bad_answers_unknown_question() {
    assert_cmd_snapshot!(ecodiag().args(["score", "tests/fixtures/invalid/answers-unknown-question.yaml"]));
}

#[test]
fn bad_answers_out_of_range() {
    assert_cmd_snapshot!(ecodiag().args(["score", "tests/fixtures/invalid/answers-out-of-range.yaml"]));
}

#[test]
fn bad_answers_unknown_assessment() {
    assert_cmd_snapshot!(ecodiag().args(["score", "tests/fixtures/invalid/answers-unknown-assessment.yaml"]));
}

#[test]
fn bad_questionnaire_rule_names_missing_question() {
    assert_cmd_snapshot!(ecodiag().args([
        "score",
        "tests/fixtures/mini-answers.yaml",
        "--assessment",
        "tests/fixtures/invalid/questionnaire-rule-missing-question.yaml"
    ]));
}

#[test]
fn bad_questionnaire_duplicate_ids() {
    assert_cmd_snapshot!(ecodiag().args(["show", "tests/fixtures/invalid/questionnaire-duplicate-id.yaml"]));
}

#[test]
fn missing_file() {
    assert_cmd_snapshot!(ecodiag().args(["score", "examples/no-such-file.yaml"]));
}

#[test]
fn directory_instead_of_file() {
    assert_cmd_snapshot!(ecodiag().args(["score", "examples"]));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = ecodiag().args(["score", "--frobnicate"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}
