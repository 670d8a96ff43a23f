//! `ecodiag diff` end to end: answers against answers, a report against
//! answers, and a warning when the clients differ.

use insta_cmd::assert_cmd_snapshot;

use crate::support::ecodiag;

const BEFORE: &str = "examples/macro-culprits.yaml";
const AFTER: &str = "tests/fixtures/diff/macro-culprits-later.yaml";

#[test]
fn table_shows_deltas_causes_and_answers() {
    assert_cmd_snapshot!(ecodiag().args(["diff", BEFORE, AFTER]));
}

#[test]
fn markdown() {
    assert_cmd_snapshot!(ecodiag().args(["diff", BEFORE, AFTER, "--format", "markdown"]));
}

#[test]
fn json_from_a_report_and_an_answers_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("q3.json");
    let status = ecodiag()
        .args(["score", BEFORE, "--format", "json", "-o"])
        .arg(&report)
        .status()
        .expect("runs");
    assert!(status.success());
    let out = ecodiag()
        .arg("diff")
        .arg(&report)
        .args([AFTER, "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["before"]["kind"], "report");
    assert_eq!(doc["after"]["kind"], "answers");
    // A report does not carry every answer, so answers are not compared.
    assert_eq!(doc["answers"], serde_json::Value::Null);
    assert_eq!(doc["stage_before"], "macro");
    assert_eq!(doc["stage_after"], "ecosystem");
    let causes = doc["root_causes"].as_array().expect("causes");
    let status = |id: &str| {
        causes
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["status"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(status("no-sales-process").as_deref(), Some("appeared"));
    assert_eq!(status("coaching-absent").as_deref(), Some("worsened"));
    let sales_force = doc["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .find(|a| a["id"] == "sales-force")
        .expect("sales-force");
    assert_eq!(sales_force["direction"], "down");
    // The same comparison from the two answers files agrees with the report's.
    let both = ecodiag()
        .args(["diff", BEFORE, AFTER, "--format", "json"])
        .output()
        .expect("runs");
    let both: serde_json::Value = serde_json::from_slice(&both.stdout).expect("json");
    assert_eq!(both["areas"], doc["areas"]);
    assert_eq!(both["root_causes"], doc["root_causes"]);
    assert_eq!(both["answers"].as_array().map(Vec::len), Some(3));
}

#[test]
fn different_clients_are_compared_with_a_warning() {
    let out = ecodiag()
        .args([
            "diff",
            "examples/healthy-saas.yaml",
            "examples/broken-ecosystem.yaml",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the two sides describe different clients"), "{err}");
}

#[test]
fn a_broken_side_is_an_input_error() {
    let out = ecodiag()
        .args(["diff", BEFORE, "tests/fixtures/invalid/answers-syntax-error.yaml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("answers-syntax-error.yaml:2:9"));
}

/// A report written before consequences were nested (schema version 1)
/// still reads as a baseline: every cause it listed is compared.
#[test]
fn a_report_of_the_previous_schema_version_is_read() {
    let out = ecodiag()
        .args([
            "diff",
            "tests/fixtures/diff/macro-culprits-v1.json",
            BEFORE,
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["before"]["kind"], "report");
    let ids: Vec<&str> = doc["root_causes"]
        .as_array()
        .expect("causes")
        .iter()
        .filter(|c| c["status"] != "appeared")
        .filter_map(|c| c["id"].as_str())
        .collect();
    for id in [
        "handoff-breakdowns",
        "wrong-sales-leader",
        "reps-doing-non-sales-work",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}

/// A report of a schema version this ecodiag does not know is refused with
/// a message naming the file and the versions it reads.
#[test]
fn a_report_of_an_unknown_schema_version_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("future.json");
    std::fs::write(&report, "{\"schema_version\": 9}").expect("write");
    let out = ecodiag()
        .arg("diff")
        .arg(&report)
        .arg(BEFORE)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("future.json"), "{err}");
    assert!(err.contains("reads versions 1 and 2"), "{err}");
}
