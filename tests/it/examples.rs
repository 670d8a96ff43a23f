//! Golden tests: each example company's verdict and the causes that must and
//! must not rank in its top three, as `examples/README.md` describes them.

use ecodiag::engine::Stage;
use ecodiag::questionnaire;
use ecodiag::report::{self, Report};
use ecodiag::yaml::Limits;

use crate::support::root;

struct Expect {
    file: &'static str,
    stage: Stage,
    top3_has: &'static [&'static str],
    top3_lacks: &'static [&'static str],
    /// Causes that must be found, at any rank.
    found: &'static [&'static str],
}

const EXAMPLES: &[Expect] = &[
    Expect {
        file: "healthy-saas.yaml",
        stage: Stage::Individuals,
        top3_has: &[],
        top3_lacks: &[
            "no-sales-process",
            "archaic-crm",
            "comp-misaligned",
            "treating-the-symptom",
        ],
        found: &[],
    },
    Expect {
        file: "broken-ecosystem.yaml",
        stage: Stage::Ecosystem,
        top3_has: &["no-sales-process"],
        top3_lacks: &["wrong-sales-leader", "handoff-breakdowns", "ramp-expectation"],
        found: &[
            "archaic-crm",
            "comp-misaligned",
            "training-absent",
            "sales-marketing-misaligned",
            "treating-the-symptom",
            "belief-pay-them",
        ],
    },
    Expect {
        file: "macro-culprits.yaml",
        stage: Stage::Macro,
        top3_has: &[
            "handoff-breakdowns",
            "wrong-sales-leader",
            "reps-doing-non-sales-work",
        ],
        top3_lacks: &["no-sales-process", "archaic-crm", "comp-misaligned"],
        found: &[],
    },
    Expect {
        file: "broken-crm.yaml",
        stage: Stage::Ecosystem,
        top3_has: &["archaic-crm", "no-pipeline-analytics"],
        top3_lacks: &[
            "no-sales-process",
            "comp-misaligned",
            "sales-marketing-misaligned",
        ],
        found: &["tool-friction"],
    },
    Expect {
        file: "no-process-they-should-know.yaml",
        stage: Stage::Ecosystem,
        top3_has: &["no-sales-process", "best-practices-locked-in"],
        top3_lacks: &["archaic-crm", "comp-misaligned", "sales-marketing-misaligned"],
        found: &["belief-pay-them", "belief-struggling"],
    },
    Expect {
        file: "comp-misaligned.yaml",
        stage: Stage::Ecosystem,
        top3_has: &["comp-misaligned", "most-reps-miss"],
        top3_lacks: &[
            "no-sales-process",
            "archaic-crm",
            "onboarding-absent",
            "pricing-product-fit",
        ],
        found: &["quota-design"],
    },
    Expect {
        file: "marketing-disconnected.yaml",
        stage: Stage::Ecosystem,
        top3_has: &["sales-marketing-misaligned"],
        top3_lacks: &["no-sales-process", "archaic-crm", "comp-misaligned"],
        found: &["stale-collateral", "marketing-off-target"],
    },
    Expect {
        file: "rep-churn.yaml",
        stage: Stage::Ecosystem,
        top3_has: &["onboarding-absent"],
        top3_lacks: &["archaic-crm", "sales-marketing-misaligned", "comp-misaligned"],
        found: &["hiring-on-gut-feel", "treating-the-symptom"],
    },
    Expect {
        file: "all-unknown.yaml",
        stage: Stage::InsufficientData,
        top3_has: &["measurement-gap"],
        top3_lacks: &[],
        found: &[],
    },
    Expect {
        file: "sales-process-strong.yaml",
        stage: Stage::Individuals,
        top3_has: &[],
        top3_lacks: &["no-written-process", "process-bolted-on"],
        found: &[],
    },
    Expect {
        file: "sales-process-bolted-on.yaml",
        stage: Stage::Ecosystem,
        top3_has: &["process-bolted-on", "process-not-followed"],
        top3_lacks: &["no-written-process", "belief-pay-them"],
        found: &["scripts-not-toolkit", "rigid-process", "stale-process"],
    },
    Expect {
        file: "sales-process-ceo-beliefs.yaml",
        stage: Stage::Ecosystem,
        top3_has: &["no-written-process", "best-practices-not-captured"],
        top3_lacks: &["process-bolted-on", "rigid-process", "stale-process"],
        found: &["belief-pay-them", "belief-struggling", "belief-no-scripts"],
    },
];

fn report_for(file: &str) -> Report {
    let path = root().join("examples").join(file);
    let parsed = ecodiag::answers::read(&path, &Limits::DEFAULT).expect("example parses");
    let loaded = questionnaire::bundled(parsed.assessment()).expect("bundled assessment");
    let (answers, warnings) =
        ecodiag::answers::check(&parsed, &loaded.questionnaire).expect("example checks");
    assert!(warnings.is_empty(), "{file} has warnings: {warnings:?}");
    report::build(&loaded.questionnaire, &answers)
}

#[test]
fn every_example_is_covered() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut covered: Vec<&str> = EXAMPLES.iter().map(|e| e.file).collect();
    covered.sort_unstable();
    assert_eq!(files, covered);
}

#[test]
fn examples_reach_the_expected_diagnosis() {
    let mut failures = Vec::new();
    for e in EXAMPLES {
        let r = report_for(e.file);
        // The first three roots' entries: the roots and the consequences
        // listed under them. A cause `top3_has` names must be shown there; one
        // `top3_lacks` names must not be among those roots (a consequence
        // listed under one is not its peer). `found` looks at every cause.
        let roots: Vec<&str> = r.root_causes.iter().take(3).map(|c| c.id.as_str()).collect();
        let shown: Vec<&str> = r
            .root_causes
            .iter()
            .take(3)
            .flat_map(|c| std::iter::once(c).chain(&c.consequences))
            .map(|c| c.id.as_str())
            .collect();
        let ids: Vec<&str> = r
            .root_causes
            .iter()
            .flat_map(|c| std::iter::once(c).chain(&c.consequences))
            .map(|c| c.id.as_str())
            .collect();
        let top3 = &roots[..];
        if r.verdict.stage != e.stage {
            failures.push(format!(
                "{}: verdict {:?}, expected {:?}",
                e.file, r.verdict.stage, e.stage
            ));
        }
        for id in e.top3_has {
            if !shown.contains(id) {
                failures.push(format!("{}: `{id}` not in top three {top3:?}", e.file));
            }
        }
        for id in e.top3_lacks {
            if top3.contains(id) {
                failures.push(format!("{}: `{id}` should not be in top three {top3:?}", e.file));
            }
        }
        for id in e.found {
            if !ids.contains(id) {
                failures.push(format!("{}: `{id}` not found in {ids:?}", e.file));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_healthy_companies_have_no_serious_cause() {
    for file in ["healthy-saas.yaml", "sales-process-strong.yaml"] {
        let r = report_for(file);
        assert!(
            r.root_causes.is_empty(),
            "{file}: {:?}",
            r.root_causes.iter().map(|c| &c.id).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_unknown_company_concludes_nothing_but_the_gap() {
    let r = report_for("all-unknown.yaml");
    let ids: Vec<&str> = r.root_causes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["measurement-gap"]);
    assert_eq!(r.confidence, 0.0);
}

#[test]
fn every_ceo_rationale_held_is_answered_with_evidence() {
    for (file, beliefs) in [
        (
            "broken-ecosystem.yaml",
            &["belief-pay-them", "belief-personal-style"][..],
        ),
        (
            "no-process-they-should-know.yaml",
            &["belief-pay-them", "belief-struggling"][..],
        ),
        (
            "sales-process-ceo-beliefs.yaml",
            &["belief-pay-them", "belief-struggling", "belief-no-scripts"][..],
        ),
    ] {
        let r = report_for(file);
        for id in beliefs {
            let cause = r
                .root_causes
                .iter()
                .flat_map(|c| std::iter::once(c).chain(&c.consequences))
                .find(|c| c.id == *id)
                .unwrap_or_else(|| panic!("{file}: {id} missing"));
            assert!(!cause.evidence.is_empty(), "{file}: {id} has no evidence");
            assert!(!cause.not_the_reps.is_empty() && !cause.remediation.is_empty());
        }
    }
}
