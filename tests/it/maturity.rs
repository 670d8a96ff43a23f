//! Maturity levels and targets end to end: every report format shows each
//! area's level and the gap to its target; targets come from `ecodiag.toml`
//! and `--target`, and a wrong one is a located error; `check` asserts them.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{ecodiag, run};

const Q: &str = "tests/fixtures/migrate/mini-2.0.0.yaml";
const ACME: &str = "tests/fixtures/maturity/acme.yaml";
const PARTIAL: &str = "tests/fixtures/maturity/partial.yaml";
const CONFIG: &str = "tests/fixtures/maturity/ecodiag.toml";

fn score(args: &[&str]) -> std::process::Command {
    let mut cmd = ecodiag();
    cmd.args(["score", "-a", Q]).args(args);
    cmd
}

const TARGETS: [&str; 8] = [
    "--target",
    "process=L4",
    "--target",
    "crm=formal",
    "--target",
    "ecosystem=72.5",
    "--target",
    "culture=L2",
];

#[test]
fn the_table_shows_levels_and_targets() {
    assert_cmd_snapshot!(score(&[ACME]).args(TARGETS));
}

#[test]
fn markdown_shows_levels_and_targets() {
    assert_cmd_snapshot!(score(&[ACME, "--format", "markdown"]).args(TARGETS));
}

#[test]
fn json_gives_every_area_its_level_and_target() {
    let (code, out, err) = run(score(&[ACME, "--format", "json"]).args(TARGETS));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let process = &v["buckets"][0];
    assert_eq!(process["maturity"]["level"], 3);
    assert_eq!(process["maturity"]["name"], "Formal");
    assert_eq!(
        process["maturity"]["description"],
        "Stages are written down and reviewed each quarter."
    );
    assert_eq!(process["target"]["kind"], "level");
    assert_eq!(process["target"]["level"], 4);
    assert_eq!(process["target"]["met"], false);
    assert_eq!(v["ecosystem"]["target"]["kind"], "score");
    assert_eq!(v["macro"]["elements"][0]["target"]["met"], true);
    assert_eq!(v["maturity_levels"]["levels"][4]["to"], 100.0);
    insta::assert_snapshot!(out);
}

#[test]
fn html_shows_levels_and_targets_escaped() {
    let (code, out, err) = run(score(&[ACME, "--format", "html"]).args(TARGETS));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("<h2>Maturity</h2>") && out.contains("<h2>Targets</h2>"),
        "{out}"
    );
    assert!(out.contains("Acme &#60;Ltd&#62;"), "client text is escaped");
    let start = out.find("<h2>Targets</h2>").expect("targets");
    let end = out[start..].find("</table>").expect("table end") + start;
    insta::assert_snapshot!(&out[start..end]);
}

#[test]
fn an_area_without_a_score_has_no_level_and_no_gap() {
    let (code, out, err) = run(&mut score(&[PARTIAL, "--target", "crm=L3", "--format", "json"]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let crm = &v["buckets"][1]["elements"][0];
    assert_eq!(crm["maturity"]["level"], serde_json::Value::Null);
    assert_eq!(crm["maturity"]["name"], "unknown");
    assert_eq!(crm["target"]["met"], serde_json::Value::Null);
    assert_eq!(crm["target"]["points_to_go"], serde_json::Value::Null);
    let (_, table, _) = run(&mut score(&[PARTIAL, "--target", "crm=L3"]));
    assert!(table.contains("unknown: no score yet"), "{table}");
    assert!(
        table.contains("│   CRM                          ┆ unknown"),
        "{table}"
    );
}

#[test]
fn targets_come_from_the_project_file_and_typed_ones_win() {
    let (code, out, err) = run(ecodiag().args([
        "score", "--config", CONFIG, ACME, "--target", "crm=20", "--format", "json",
    ]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["ecosystem"]["target"]["level"], 3, "from ecodiag.toml");
    assert_eq!(
        v["buckets"][0]["target"]["level_name"], "Formal",
        "a level by name"
    );
    assert_eq!(v["macro"]["target"]["level"], 2, "`level 2`");
    let crm = &v["buckets"][1]["elements"][0]["target"];
    assert_eq!(
        (crm["kind"].as_str(), crm["score"].as_f64()),
        (Some("score"), Some(20.0))
    );
    assert_eq!(crm["met"], true, "--target crm=20 wins over crm = 80");
}

#[test]
fn an_unknown_area_typed_is_located_with_a_suggestion() {
    assert_cmd_snapshot!(score(&[ACME, "--target", "procss=L3", "--target", "crm=Formal"]));
}

#[test]
fn an_unknown_area_in_the_project_file_is_located_there() {
    assert_cmd_snapshot!(ecodiag().args([
        "score",
        "--config",
        "tests/fixtures/maturity/unknown-target.toml",
        ACME
    ]));
}

#[test]
fn a_target_that_is_neither_a_level_nor_a_score_is_refused() {
    assert_cmd_snapshot!(ecodiag().args([
        "score",
        "--config",
        "tests/fixtures/maturity/bad-targets.toml",
        ACME
    ]));
    let (code, _, err) = run(&mut score(&[ACME, "--target", "crm"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("--target `crm` names no goal"), "{err}");
}

#[test]
fn a_level_needs_a_questionnaire_with_levels_but_a_score_does_not() {
    let mini = [
        "score",
        "tests/fixtures/mini-answers.yaml",
        "-a",
        "tests/fixtures/mini.yaml",
    ];
    let (code, _, err) = run(ecodiag().args(mini).args(["--target", "process=L3"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("`mini` defines no maturity levels"), "{err}");
    let (code, out, err) = run(ecodiag().args(mini).args(["--target", "process=60"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Targets") && !out.contains("Maturity"), "{out}");
}

#[test]
fn a_target_for_another_bundled_assessment_is_left_to_it() {
    // `in-place` is a bucket of sales-process, not of sales-ecosystem.
    let (code, out, err) = run(ecodiag().args([
        "score",
        "examples/broken-ecosystem.yaml",
        "--target",
        "in-place=L3",
        "--target",
        "sales-operations=formal",
    ]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("L3 Formal (from 50)"), "{out}");
    assert!(!out.contains("Process in place"), "{out}");
}

#[test]
fn check_asserts_targets_met() {
    let mut cmd = ecodiag();
    cmd.args([
        "check",
        "--config",
        CONFIG,
        "--today",
        "2026-07-01",
        ACME,
        PARTIAL,
    ]);
    assert_cmd_snapshot!(cmd);
}

#[test]
fn validate_checks_the_targets_of_the_project_file() {
    let (code, _, err) = run(ecodiag().args(["validate", "tests/fixtures/maturity/unknown-target.toml"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("`procss` is not an area of mini"), "{err}");
    assert!(err.contains("did you mean `process`?"), "{err}");
    assert!(
        err.contains("`excellent` is not a maturity level of `mini`"),
        "{err}"
    );
}
