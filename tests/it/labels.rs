//! The questionnaire's `labels:`: the words for the whole, the buckets and
//! the causes reach every format, and are checked like any text.

use std::path::Path;

use crate::support::{ecodiag, root};

/// The tutorial's starter questionnaire with `labels:` added, in `dir`.
fn labelled(dir: &Path, labels: &str) -> std::path::PathBuf {
    let starter = std::fs::read_to_string(root().join("docs/tutorial/starter.yaml")).expect("starter");
    let text = starter.replacen("\nbuckets:\n", &format!("\n{labels}\nbuckets:\n"), 1);
    let path = dir.join("starter.yaml");
    std::fs::write(&path, text).expect("write");
    path
}

fn report(questionnaire: &Path, answers: &Path, format: &str) -> String {
    let out = ecodiag()
        .args(["score", "--format", format, "--assessment"])
        .arg(questionnaire)
        .arg(answers)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

const LABELS: &str = "labels:\n  ecosystem: Sales engine\n  bucket: pillar\n  buckets: pillars\n  root_cause: Breakdown\n  root_causes: Breakdowns\n";

#[test]
fn every_format_speaks_the_questionnaires_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = labelled(dir.path(), LABELS);
    let answers = root().join("docs/tutorial/acme.yaml");
    let table = report(&q, &answers, "table");
    assert!(table.contains("Sales engine (mean of the pillars)"), "{table}");
    assert!(table.contains("Breakdowns, ranked by impact"), "{table}");
    assert!(
        table.contains("Fix the sales engine before judging the reps"),
        "{table}"
    );
    assert!(table.contains("The breakdown to fix first is"), "{table}");
    assert!(
        !table.contains("cosystem") && !table.contains("Root cause"),
        "{table}"
    );
    let markdown = report(&q, &answers, "markdown");
    assert!(
        markdown.contains("| **Sales engine (mean of the pillars)** |"),
        "{markdown}"
    );
    assert!(markdown.contains("## Breakdowns, ranked by impact"), "{markdown}");
    let html = report(&q, &answers, "html");
    assert!(html.contains("<h2>Breakdowns, ranked by impact</h2>"), "{html}");
    assert!(
        html.contains("Sales engine (mean of the pillars)") && html.contains("Scores by pillar"),
        "{html}"
    );
    let json: serde_json::Value = serde_json::from_str(&report(&q, &answers, "json")).expect("json");
    assert_eq!(json["labels"]["ecosystem"], "Sales engine");
    assert_eq!(json["labels"]["root_causes"], "Breakdowns");
    assert_eq!(
        json["verdict"]["headline"],
        "Fix the sales engine before judging the reps"
    );
    // No cause found: said in the questionnaire's words.
    let sound = dir.path().join("sound.yaml");
    let acme = std::fs::read_to_string(&answers).expect("answers");
    std::fs::write(
        &sound,
        acme.replace("process-written: no", "process-written: yes")
            .replace("process-followed: 1", "process-followed: 4")
            .replace("coaching-hours: 2", "coaching-hours: 6")
            .replace("crm-usage: 40", "crm-usage: 95"),
    )
    .expect("write");
    let table = report(&q, &sound, "table");
    assert!(table.contains("No rule fired: no breakdown found."), "{table}");
    assert!(
        table.contains("Sales engine sound: now it is fair to assess individuals"),
        "{table}"
    );
    assert!(
        table.contains("No pillar scores red and no serious breakdown"),
        "{table}"
    );
}

#[test]
fn the_defaults_hold_where_no_label_is_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = labelled(dir.path(), "labels:\n  buckets: pillars\n");
    let table = report(&q, &root().join("docs/tutorial/acme.yaml"), "table");
    assert!(table.contains("Ecosystem (mean of the pillars)"), "{table}");
    assert!(table.contains("Root causes, ranked by impact"), "{table}");
}

#[test]
fn the_bundled_sales_process_check_names_its_own_whole() {
    let out = ecodiag()
        .args([
            "score",
            "examples/sales-process-bolted-on.yaml",
            "--format",
            "markdown",
        ])
        .output()
        .expect("runs");
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(md.contains("**Sales process (mean of the areas)**"), "{md}");
    assert!(!md.contains("cosystem"), "{md}");
}

#[test]
fn an_empty_or_broken_label_is_located() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = labelled(
        dir.path(),
        "labels:\n  ecosystem: \"\"\n  buckets: \"two\\nlines\"\n  bucket: x\n",
    );
    let out = ecodiag().arg("validate").arg(&q).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("questionnaire::empty-text") && stderr.contains("ecosystem label is empty"),
        "{stderr}"
    );
    assert!(stderr.contains("questionnaire::bad-label"), "{stderr}");
    let q = labelled(dir.path(), "labels:\n  ecosytem: Sales engine\n");
    let out = ecodiag().arg("validate").arg(&q).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("ecosystem"),
        "did you mean"
    );
}
