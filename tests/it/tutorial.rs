//! The "first questionnaire" tutorial (docs/tutorial.md): its starter files
//! are valid, its answers score as the tutorial says, its cases pass; and a
//! questionnaire may leave out `macro:`.

use crate::support::{ecodiag, root};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_starter_files_validate_together() {
    let out = ecodiag()
        .args(["validate", "--deny-warnings"])
        .args([
            "docs/tutorial/starter.yaml",
            "docs/tutorial/acme.yaml",
            "docs/tutorial/starter.tests.yaml",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    assert!(stdout(&out).contains("3 files checked: all valid"));
}

#[test]
fn the_tutorial_answers_score_against_the_starter() {
    let out = ecodiag()
        .args([
            "score",
            "docs/tutorial/acme.yaml",
            "--assessment",
            "docs/tutorial/starter.yaml",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = stdout(&out);
    assert!(
        report.starts_with("Starter Sales Diagnostic — Acme Ltd"),
        "{report}"
    );
    assert!(
        report.contains("Fix the ecosystem before judging the reps"),
        "{report}"
    );
    assert!(
        report.contains("No repeatable sales") && report.contains("CRM not kept up to"),
        "{report}"
    );
    // No `macro:` section: no row for macro culprits.
    assert!(!report.contains("Macro culprits"), "{report}");
    // The tutorial's commands, quoted in it, are the ones tested here.
    let tutorial = std::fs::read_to_string(root().join("docs/tutorial.md")).expect("tutorial");
    for command in [
        "ecodiag validate docs/tutorial/starter.yaml",
        "ecodiag score docs/tutorial/acme.yaml --assessment docs/tutorial/starter.yaml",
        "ecodiag test docs/tutorial/",
    ] {
        assert!(tutorial.contains(command), "docs/tutorial.md lacks `{command}`");
    }
}

#[test]
fn the_starter_cases_pass_and_fire_every_rule() {
    let out = ecodiag()
        .args(["test", "docs/tutorial/", "--min-coverage", "100"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_cause_in_the_macro_group_needs_a_macro_section() {
    let starter = std::fs::read_to_string(root().join("docs/tutorial/starter.yaml")).expect("starter");
    let text = starter.replacen("bucket: sales-operations", "bucket: macro", 1);
    assert_ne!(text, starter);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("q.yaml");
    std::fs::write(&file, text).expect("write");
    let out = ecodiag().arg("validate").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("questionnaire::unknown-bucket") && stderr.contains("no `macro:` section"),
        "{stderr}"
    );
    // With one, it is accepted.
    let with_macro = std::fs::read_to_string(&file)
        .expect("read")
        .replacen(
            "questions:\n",
            "macro:\n  culprits:\n    - { id: culture, title: Culture }\n\nquestions:\n",
            1,
        )
        .replacen(
            "    element: crm\n    summary: The pipeline",
            "    summary: The pipeline",
            1,
        );
    std::fs::write(&file, with_macro).expect("write");
    let out = ecodiag().arg("validate").arg(&file).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_docs_index_lists_every_document() {
    let index = std::fs::read_to_string(root().join("docs/README.md")).expect("index");
    let mut docs: Vec<String> = std::fs::read_dir(root().join("docs"))
        .expect("docs")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "README.md")
        .collect();
    docs.sort();
    for doc in docs {
        assert!(
            index.contains(&format!("]({doc})")),
            "docs/README.md does not list {doc}"
        );
    }
}
