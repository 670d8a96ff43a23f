//! `validate`, `test` and `check` for machines and CI: `--format json`
//! (checked against its committed schema by an independent validator),
//! `--format github` (annotations the Actions runner reads), and `--quiet`.

use std::process::Output;

use ecodiag::schema::{self, Subject};
use serde_json::Value;

use crate::support::ecodiag;

fn run(args: &[&str]) -> Output {
    ecodiag().args(args).output().expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The JSON on standard output, after checking it against `subject`'s schema.
fn json(out: &Output, subject: Subject) -> Value {
    let value: Value = serde_json::from_slice(&out.stdout).expect("standard output is JSON");
    let schema: Value = serde_json::from_str(&schema::generate(subject)).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    value
}

const MIXED: [&str; 3] = [
    "examples/healthy-saas.yaml",
    "tests/fixtures/invalid/answers-unknown-question.yaml",
    "tests/fixtures/warnings/answers-old-version-hidden.yaml",
];

#[test]
fn validate_json_locates_every_problem_and_keeps_standard_error_clean() {
    let out = run(&[&["validate", "--format", "json"][..], &MIXED].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let doc = json(&out, Subject::Validation);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["valid"], false);
    let files = doc["files"].as_array().expect("files");
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["status"], "valid");
    assert_eq!(files[0]["kind"], "answers");
    assert_eq!(files[1]["status"], "invalid");
    let problem = &files[1]["problems"][0];
    assert_eq!(problem["level"], "error");
    assert_eq!(problem["code"], "answers::unknown-question");
    assert!(problem["line"].as_u64().is_some_and(|l| l > 1), "{problem}");
    assert!(
        problem["column"].as_u64().is_some() && problem["help"].is_string(),
        "{problem}"
    );
    assert_eq!(files[2]["status"], "valid");
    assert!(files[2]["warnings"].as_u64().is_some_and(|w| w > 0));
    assert_eq!(doc["summary"]["invalid"], 1);
    // Denied warnings make the third file invalid too.
    let denied = run(&[&["validate", "--format", "json", "--deny-warnings"][..], &MIXED].concat());
    assert_eq!(json(&denied, Subject::Validation)["summary"]["invalid"], 2);
}

#[test]
fn validate_github_annotates_each_problem_where_it_is() {
    let out = run(&[&["validate", "--format", "github"][..], &MIXED].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    insta::assert_snapshot!(stdout);
    let errors: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 2, "{stdout}");
    assert!(
        errors[0].starts_with("::error file=tests/fixtures/invalid/answers-unknown-question.yaml,line=")
            && errors[0].contains(",title=answers%3A%3Aunknown-question::"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::warning file=tests/fixtures/warnings/"))
    );
    // The lines for people follow; quiet leaves only the annotations.
    assert!(stdout.contains("3 files checked"));
    let quiet = text(&run(&[&["validate", "--format", "github", "-q"][..], &MIXED].concat()).stdout);
    assert!(quiet.lines().all(|l| l.starts_with("::")), "{quiet}");
}

#[test]
fn validate_quiet_prints_only_problems() {
    let clean = run(&["validate", "--quiet", "examples/healthy-saas.yaml"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stdout.is_empty() && clean.stderr.is_empty());
    let loud = run(&["validate", "examples/healthy-saas.yaml"]);
    assert!(text(&loud.stdout).contains("1 file checked: all valid"));
    let bad = run(&[&["validate", "-q"][..], &MIXED].concat());
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
    assert!(text(&bad.stderr).contains("answers::unknown-question"));
    assert!(text(&bad.stderr).contains("answers::version-mismatch"));
}

#[test]
fn cases_as_json_hold_failures_coverage_and_problems() {
    let out = run(&[
        "test",
        "tests/fixtures/casetest/failing.tests.yaml",
        "--format",
        "json",
        "--min-coverage",
        "100",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let doc = json(&out, Subject::TestResults);
    assert_eq!(doc["result"], "failed");
    let cases = doc["files"][0]["cases"].as_array().expect("cases");
    let failed: Vec<&Value> = cases.iter().filter(|c| c["status"] == "failed").collect();
    assert!(!failed.is_empty());
    assert!(
        failed[0]["failures"][0]
            .as_str()
            .is_some_and(|f| f.contains("expected"))
    );
    assert!(failed[0]["line"].as_u64().is_some_and(|l| l > 1));
    assert_eq!(doc["min_coverage"], 100.0);
    assert!(doc["coverage"][0]["percent"].is_number());

    let invalid = run(&[
        "test",
        "tests/fixtures/casetest/invalid.tests.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(invalid.status.code(), Some(2));
    let doc = json(&invalid, Subject::TestResults);
    assert_eq!(doc["result"], "error");
    let problem = &doc["problems"][0]["problems"][0];
    assert!(
        problem["code"].is_string() && problem["line"].is_u64(),
        "{problem}"
    );

    let passing = run(&["test", "--format", "json"]);
    assert_eq!(passing.status.code(), Some(0));
    assert_eq!(json(&passing, Subject::TestResults)["result"], "passed");
}

#[test]
fn cases_for_github_annotate_failures_and_low_coverage() {
    let out = run(&[
        "test",
        "tests/fixtures/casetest/failing.tests.yaml",
        "--format",
        "github",
        "--min-coverage",
        "100",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    insta::assert_snapshot!(stdout);
    assert!(stdout.lines().all(|l| l.starts_with("::error ")), "{stdout}");
    assert!(stdout.contains("::error file=tests/fixtures/casetest/failing.tests.yaml,line="));
    assert!(stdout.contains("title=ecodiag test coverage::coverage of "));
}

#[test]
fn cases_run_quietly_print_only_what_fails() {
    let clean = run(&["test", "--quiet"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stdout.is_empty(), "{}", text(&clean.stdout));
    let failing = run(&["test", "-q", "tests/fixtures/casetest/failing.tests.yaml"]);
    assert_eq!(failing.status.code(), Some(1));
    let stdout = text(&failing.stdout);
    assert!(
        stdout.contains("  FAIL  ") && !stdout.contains("  PASS  "),
        "{stdout}"
    );
    assert!(!stdout.contains("Result:"), "{stdout}");
}

const CHECK: [&str; 4] = [
    "check",
    "tests/fixtures/check",
    "--config",
    "tests/fixtures/check/ecodiag.toml",
];

#[test]
fn check_github_annotates_what_gates_and_warns() {
    let out = run(&[&CHECK[..], &["--format", "github", "--today", "2026-06-01"]].concat());
    let table = run(&[&CHECK[..], &["--today", "2026-06-01"]].concat());
    assert_eq!(out.status.code(), table.status.code());
    let stdout = text(&out.stdout);
    insta::assert_snapshot!(stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::error file=tests/fixtures/check/"))
    );
    assert!(stdout.contains("title=ecodiag check%3A "), "{stdout}");
    // The totals of the table format close it.
    let totals = text(&table.stdout);
    let last = totals.lines().last().expect("a result line");
    assert_eq!(stdout.lines().last(), Some(last));
}

#[test]
fn check_quiet_leaves_out_the_files_that_passed_and_the_totals() {
    let loud = text(&run(&[&CHECK[..], &["--today", "2026-06-01"]].concat()).stdout);
    let quiet = run(&[&CHECK[..], &["--today", "2026-06-01", "--quiet"]].concat());
    let stdout = text(&quiet.stdout);
    assert!(loud.contains("PASS ") && !stdout.contains("PASS "), "{stdout}");
    assert!(
        !stdout.contains("Result:") && !stdout.contains("Assertions:"),
        "{stdout}"
    );
    for line in loud
        .lines()
        .filter(|l| l.starts_with("GATED") || l.starts_with("WARN"))
    {
        assert!(stdout.contains(line), "{line} is missing from\n{stdout}");
    }
    // Machine formats are documents: written whole.
    let json = run(&[
        &CHECK[..],
        &["--today", "2026-06-01", "--quiet", "--format", "json"],
    ]
    .concat());
    let doc: Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(doc["files"].as_array().is_some_and(|f| f.len() == 3));
}
