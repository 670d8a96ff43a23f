//! The held-out company scenarios of `tests/fixtures/scenarios/README.md`:
//! each case states what a consultant concluded before the company was
//! scored. Cases whose roots only lead once consequences are nested under them
//! are listed as pending; the test fails when any other case fails, and when a
//! pending case starts to pass, so the list stays true.

use ecodiag::casetest::{self, CaseStatus, TestRequest};
use ecodiag::questionnaire;
use ecodiag::report::{self, Report};
use ecodiag::yaml::Limits;

use crate::support::root;

/// Cases expected to fail until a mechanism they need exists; none since
/// consequences are nested under the causes that bring them about.
const PENDING: &[&str] = &[];

#[test]
fn scenarios_conclude_what_a_consultant_would() {
    let request = TestRequest {
        paths: vec![root().join("tests/fixtures/scenarios")],
        coverage: false,
        min_coverage: None,
    };
    let (run, problems) = casetest::run(&request, &Limits::DEFAULT).expect("the scenarios load");
    assert!(problems.is_empty(), "{problems:?}");
    let mut failing = Vec::new();
    let mut passing_pending = Vec::new();
    for case in run.files.iter().flat_map(|f| &f.cases) {
        let pending = PENDING.contains(&case.name.as_str());
        match (&case.status, pending) {
            (CaseStatus::Passed, true) => passing_pending.push(case.name.clone()),
            (CaseStatus::Passed, false) | (CaseStatus::Failed(_), true) => {}
            (status, _) => failing.push(format!("{} ({}): {status:?}", case.name, case.position)),
        }
    }
    assert!(failing.is_empty(), "scenarios that fail:\n{}", failing.join("\n"));
    assert!(
        passing_pending.is_empty(),
        "pending scenarios that now pass; take them off PENDING: {passing_pending:?}"
    );
    let count = run.files.iter().map(|f| f.cases.len()).sum::<usize>();
    assert!(count >= 20, "only {count} scenario cases ran");
}

fn report_for(file: &str) -> Report {
    let path = root().join("tests/fixtures/scenarios").join(file);
    let parsed = ecodiag::answers::read(&path, &Limits::DEFAULT).expect("scenario parses");
    let loaded = questionnaire::bundled(parsed.assessment()).expect("bundled assessment");
    let (answers, warnings) =
        ecodiag::answers::check(&parsed, &loaded.questionnaire).expect("scenario checks");
    assert!(warnings.is_empty(), "{file} has warnings: {warnings:?}");
    report::build(&loaded.questionnaire, &answers)
}

fn steps(report: &Report, cause: &str) -> Vec<String> {
    report
        .root_causes
        .iter()
        .flat_map(|c| std::iter::once(c).chain(&c.consequences))
        .find(|c| c.id == cause)
        .unwrap_or_else(|| panic!("{cause} is not found for {}", report.client))
        .remediation
        .iter()
        .map(|s| s.text.clone())
        .collect()
}

/// The first step shown for a cause is the right first move for this company.
#[test]
fn the_first_step_fits_the_company() {
    let expectations = [
        (
            "founder-led.yaml",
            "wrong-sales-leader",
            "management rhythms the CEO will keep",
        ),
        (
            "super-rep-manager.yaml",
            "wrong-sales-leader",
            "Phase out the manager's personal quota",
        ),
        (
            "leader-unrelated-sale.yaml",
            "wrong-sales-leader",
            "mentor who has run a team in this kind of sale",
        ),
        (
            "crm-bought-unused.yaml",
            "archaic-crm",
            "move the pipeline and the forecast into it",
        ),
        ("comp-churn.yaml", "comp-misaligned", "Freeze the plan"),
        ("discount-comp.yaml", "comp-misaligned", "gross margin"),
        (
            "discount-comp.yaml",
            "no-discount-governance",
            "discount authority limits by role",
        ),
        ("span-too-wide.yaml", "span-of-control", "team-lead layer"),
        (
            "ceo-no-process.yaml",
            "no-sales-process",
            "Document how your best",
        ),
        (
            "process-bolted-on.yaml",
            "process-bolted-on",
            "Re-open the ready-made process",
        ),
    ];
    for (file, cause, first) in expectations {
        let report = report_for(file);
        let steps = steps(&report, cause);
        assert!(
            steps.first().is_some_and(|s| s.contains(first)),
            "{file}: the first step for {cause} should contain {first:?}; the steps are {steps:#?}"
        );
    }
}

/// Advice that does not fit the situation is not given at all.
#[test]
fn no_step_contradicts_the_company() {
    // A founder who barely sells is not told to drop a personal quota.
    let founder = steps(&report_for("founder-led.yaml"), "wrong-sales-leader");
    assert!(
        !founder.iter().any(|s| s.contains("personal quota")),
        "{founder:#?}"
    );
    // A one-measure plan is not told to cut to three measures.
    let one_measure = steps(&report_for("discount-comp.yaml"), "comp-misaligned");
    assert!(
        !one_measure.iter().any(|s| s.contains("three measures")),
        "{one_measure:#?}"
    );
    // A CRM that is current but unused is not to be replaced.
    let unused = steps(&report_for("crm-bought-unused.yaml"), "archaic-crm");
    assert!(
        !unused.iter().any(|s| s.contains("Replace or modernise")),
        "{unused:#?}"
    );
}
