//! `ecodiag validate` and `ecodiag schema` end to end: what passes, what warns,
//! how warnings can be made to fail, and how answers find their questionnaire.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{ecodiag, root};

#[test]
fn with_no_argument_the_bundled_assessments_are_valid() {
    assert_cmd_snapshot!(ecodiag().arg("validate"));
}

#[test]
fn the_examples_are_valid() {
    let out = ecodiag()
        .args([
            "validate",
            "examples/broken-ecosystem.yaml",
            "examples/healthy-saas.yaml",
        ])
        .arg("examples/macro-culprits.yaml")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn warnings_pass_unless_denied() {
    let files = [
        "tests/fixtures/warnings/answers-old-version-hidden.yaml",
        "tests/fixtures/warnings/questionnaire-unsupported-cause.yaml",
    ];
    assert_cmd_snapshot!(ecodiag().arg("validate").args(files));
    let denied = ecodiag()
        .args(["validate", "--deny-warnings"])
        .args(files)
        .output()
        .expect("runs");
    assert_eq!(denied.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&denied.stdout);
    assert!(stdout.contains("denied by --deny-warnings"), "{stdout}");
}

#[test]
fn score_warns_about_answers_that_are_not_asked() {
    let out = ecodiag()
        .args(["score", "tests/fixtures/warnings/answers-old-version-hidden.yaml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("answers::hidden-question"), "{stderr}");
    assert!(stderr.contains("answers::version-mismatch"), "{stderr}");
}

#[test]
fn answers_are_checked_against_a_questionnaire_given_alongside() {
    let alone = ecodiag()
        .args(["validate", "tests/fixtures/mini-answers.yaml"])
        .output()
        .expect("runs");
    assert_eq!(alone.status.code(), Some(2), "`mini` is not bundled");
    let together = ecodiag()
        .args([
            "validate",
            "tests/fixtures/mini-answers.yaml",
            "tests/fixtures/mini.yaml",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        together.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&together.stderr)
    );
    let forced = ecodiag()
        .args([
            "validate",
            "--assessment",
            "tests/fixtures/mini.yaml",
            "tests/fixtures/mini-answers.yaml",
        ])
        .output()
        .expect("runs");
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn answers_to_a_broken_questionnaire_are_not_checked() {
    assert_cmd_snapshot!(ecodiag().args([
        "validate",
        "tests/fixtures/invalid/questionnaire-rule-missing-question.yaml",
        "tests/fixtures/mini-answers.yaml",
    ]));
}

#[test]
fn schema_prints_the_committed_schemas() {
    for subject in ["questionnaire", "answers", "report"] {
        let out = ecodiag().args(["schema", subject]).output().expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let committed = std::fs::read(root().join(format!("schemas/{subject}.schema.json"))).expect("file");
        assert_eq!(out.stdout, committed, "{subject}");
    }
    let unknown = ecodiag().args(["schema", "questionaire"]).output().expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn validate_is_deterministic() {
    let run = || {
        ecodiag()
            .args(["validate", "tests/fixtures/invalid/questionnaire-duplicates.yaml"])
            .arg("tests/fixtures/invalid/answers-out-of-range.yaml")
            .output()
            .expect("runs")
    };
    let (a, b) = (run(), run());
    assert_eq!((a.stdout, a.stderr), (b.stdout, b.stderr));
}

#[test]
fn the_project_file_and_case_files_are_validated_too() {
    let good = ecodiag()
        .args([
            "validate",
            "examples/ecodiag.toml",
            "assessments/sales-ecosystem.tests.yaml",
            "assessments/sales-process.tests.yaml",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&good.stdout);
    assert_eq!(good.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("examples/ecodiag.toml: ok — project file"),
        "{stdout}"
    );
    assert!(
        stdout.contains("sales-process.tests.yaml: ok — test cases: 20 cases"),
        "{stdout}"
    );
    let bad = ecodiag()
        .args(["validate", "tests/fixtures/check/unknown-ids.toml"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("config::unknown-cause") && stderr.contains("did you mean `archaic-crm`?"),
        "{stderr}"
    );
}
