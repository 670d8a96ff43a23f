//! End to end: the binary on the examples and on bad input, exit code and
//! output snapshotted.

use insta_cmd::assert_cmd_snapshot;

use crate::support::ecodiag;

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

// ── The demo bundled in the binary ─────────────────────────────────────────

#[test]
fn the_demo_is_the_broken_ecosystem_example_in_every_format() {
    for format in ["table", "markdown", "json", "html"] {
        let demo = ecodiag()
            .args(["demo", "--format", format])
            .output()
            .expect("runs");
        let example = ecodiag()
            .args(["score", "examples/broken-ecosystem.yaml", "--format", format])
            .output()
            .expect("runs");
        assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
        assert!(demo.stderr.is_empty());
        assert_eq!(demo.stdout, example.stdout, "{format}");
    }
}

#[test]
fn the_demo_answers_are_a_valid_start_that_scores_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("acme.yaml");
    let out = ecodiag()
        .args(["demo", "--answers", "-o"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(
        text.starts_with("# The demo company of `ecodiag demo`."),
        "{text}"
    );
    assert!(!text.contains("yaml-language-server"), "{text}");
    let validated = ecodiag().arg("validate").arg(&file).output().expect("runs");
    assert!(validated.status.success() && validated.stderr.is_empty());
    let scored = ecodiag().arg("score").arg(&file).output().expect("runs");
    let demo = ecodiag().arg("demo").output().expect("runs");
    assert_eq!(scored.stdout, demo.stdout);
    // The answers are YAML, not a report: no report format applies.
    let both = ecodiag()
        .args(["demo", "--answers", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn the_demo_writes_the_format_its_file_name_asks_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("demo.html");
    let out = ecodiag().args(["demo", "-o"]).arg(&page).output().expect("runs");
    assert!(out.status.success() && out.stdout.is_empty());
    let html = std::fs::read_to_string(&page).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Harbor Industrial Supply"));
    // It reads no project file: a broken one does not stop it.
    std::fs::write(dir.path().join("ecodiag.toml"), "nonsense = 1\n").expect("write");
    let out = ecodiag()
        .current_dir(dir.path())
        .arg("demo")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
