//! `ecodiag test` end to end, and the bundled assessments' own cases: CI runs
//! them with a coverage floor, so a rule change that breaks a case, or a rule
//! no case exercises, fails the build.

use insta_cmd::assert_cmd_snapshot;

use crate::support::{ecodiag, root};

/// Every rule of every bundled assessment must fire in some case.
const MIN_COVERAGE: &str = "95";

#[test]
fn the_bundled_cases_pass_with_high_coverage() {
    let out = ecodiag()
        .args(["test", "--coverage", "--min-coverage", MIN_COVERAGE])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains(" 0 failed"), "{text}");
    assert!(text.contains("Coverage of sales-ecosystem:"), "{text}");
}

#[test]
fn the_case_files_on_disk_are_the_bundled_ones() {
    for (path, text) in ecodiag::casetest::BUNDLED_CASES {
        let on_disk = std::fs::read_to_string(root().join(path)).expect("case file on disk");
        assert_eq!(&on_disk, text, "{path}");
    }
    let out = ecodiag()
        .args(["test", "assessments", "--min-coverage", MIN_COVERAGE])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn every_bundled_assessment_ships_cases_that_run_anywhere() {
    for b in ecodiag::questionnaire::BUNDLED {
        let name = format!("assessments/{}.tests.yaml", b.id);
        assert!(
            ecodiag::casetest::BUNDLED_CASES
                .iter()
                .any(|(path, _)| *path == name),
            "{} has no {name}",
            b.id
        );
    }
    // Bundled cases give their answers inline, so they run from any directory.
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ecodiag()
        .current_dir(dir.path())
        .arg("test")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn failing_cases_show_expected_against_actual() {
    assert_cmd_snapshot!(ecodiag().args([
        "test",
        "tests/fixtures/casetest/failing.tests.yaml",
        "--coverage"
    ]));
}

#[test]
fn coverage_below_the_minimum_fails() {
    let out = ecodiag()
        .args([
            "test",
            "tests/fixtures/casetest/failing.tests.yaml",
            "--min-coverage",
            "80",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Coverage of mini is 60.0%, below the minimum of 80%"),
        "{text}"
    );
}

#[test]
fn problems_in_case_files_are_located() {
    assert_cmd_snapshot!(ecodiag().args(["test", "tests/fixtures/casetest/invalid.tests.yaml"]));
}

#[test]
fn a_folder_is_searched_for_case_files() {
    let out = ecodiag()
        .args(["test", "tests/fixtures/casetest"])
        .output()
        .expect("runs");
    // One file fails, the other has problems: problems win.
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("failing.tests.yaml (mini): 3 cases"), "{text}");
    assert!(text.contains("invalid.tests.yaml (mini): 4 cases"), "{text}");
}

/// Roots and consequences, the first root, provisional verdicts, probe-next,
/// the first step and unexplained red areas, met and unmet; coverage lists
/// the red areas no finding explained.
#[test]
fn cases_pin_roots_advice_and_unknowns() {
    assert_cmd_snapshot!(ecodiag().args(["test", "tests/fixtures/casetest/causal.tests.yaml", "--coverage"]));
}
