//! `ecodiag init`: a template to fill in with an editor, which scores as it
//! is (low confidence, no crash) and once edited.

use insta_cmd::assert_cmd_snapshot;

use ecodiag::answers;
use ecodiag::yaml::Limits;

use crate::support::{ecodiag, fixture};

#[test]
fn the_template_lists_every_question_with_what_it_accepts() {
    assert_cmd_snapshot!(ecodiag().args([
        "init",
        "--assessment",
        "tests/fixtures/mini.yaml",
        "--client",
        "Mini Co",
        "--date",
        "2026-03-14",
        "-o",
        "-"
    ]));
}

#[test]
fn the_bundled_template_checks_with_every_question_unknown() {
    let out = ecodiag()
        .args([
            "init",
            "--client",
            "Acme: \"R&D\" #1",
            "--respondent",
            "Jane Doe",
            "--date",
            "2026-03-14",
            "-o",
            "-",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let bundled = ecodiag::questionnaire::bundled("sales-ecosystem").expect("bundled");
    let q = &bundled.questionnaire;
    let parsed = answers::parse(
        ecodiag::diagnostic::SourceFile::new("template.yaml", text.clone()),
        &Limits::DEFAULT,
    )
    .expect("parses");
    let (checked, warnings) = answers::check(&parsed, q).expect("checks");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(checked.client, "Acme: \"R&D\" #1");
    assert_eq!(checked.respondent.name.as_deref(), Some("Jane Doe"));
    assert_eq!(checked.values.len(), q.questions.len());
    // Every question is `unknown`, but those only an earlier answer brings up:
    // they are left empty, since with every answer unknown they are not asked.
    let hidden = ecodiag::engine::evaluate(q, &checked).questions;
    let mut empty = Vec::new();
    for (ix, value) in checked.values.iter().enumerate() {
        if hidden[ix].status == ecodiag::engine::Status::Hidden {
            assert!(value.is_none(), "{} is left empty", q.questions[ix].id);
            assert!(text.contains(&format!("\n  {}:\n", q.questions[ix].id)));
            empty.push(q.questions[ix].id.as_str());
        } else {
            assert!(
                value.as_ref().is_some_and(|g| g.value == answers::Value::Unknown),
                "{} is `unknown`",
                q.questions[ix].id
            );
        }
    }
    assert!(empty.contains(&"quota-miss-pattern"), "{empty:?}");
    for id in &empty {
        let ix = q.question(id).expect("question");
        assert!(
            q.questions[ix].show_if.is_some(),
            "{id} is empty only for its show_if"
        );
    }
    for group in &q.groups {
        assert!(
            text.contains(&format!("# ── {}", group.title)),
            "grouped by bucket: {}",
            group.title
        );
    }
}

#[test]
fn the_untouched_template_scores_with_too_little_known() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("answers.yaml");
    let init = ecodiag()
        .args(["init", "--date", "2026-03-14", "-o"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(init.status.success());
    let out = ecodiag()
        .arg("score")
        .arg(&file)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["verdict"]["stage"], "insufficient-data");
    assert_eq!(report["verdict"]["headline"], "Too little is known to conclude");
    assert_eq!(report["confidence"], 0.0);
    assert_eq!(report["client"], "Your company");
}

#[test]
fn an_edited_template_scores_its_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("mini.yaml");
    let init = ecodiag()
        .args([
            "init",
            "-a",
            "tests/fixtures/mini.yaml",
            "--client",
            "Mini Co",
            "--date",
            "2026-03-14",
            "-o",
        ])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(init.status.success());
    let text = std::fs::read_to_string(&file).expect("written");
    let edited = text
        .replace("  maturity: unknown", "  maturity: random")
        .replace("  written: unknown", "  written: no")
        .replace("  hours: unknown", "  hours: 0");
    std::fs::write(&file, edited).expect("edit");
    let out = ecodiag()
        .arg("score")
        .arg(&file)
        .args(["-a", "tests/fixtures/mini.yaml", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut causes: Vec<&str> = report["root_causes"]
        .as_array()
        .expect("causes")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    // Both rest on a worst-case answer in a red area, so both rank at 100.
    causes.sort_unstable();
    assert_eq!(causes, ["no-coaching", "no-process"]);
}

#[test]
fn init_names_the_file_after_the_client_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |extra: &[&str]| {
        ecodiag()
            .current_dir(dir.path())
            .args(["init", "--client", "Acme Ltd", "--date", "2026-03-14"])
            .args(extra)
            .output()
            .expect("runs")
    };
    let first = run(&[]);
    assert!(first.status.success());
    assert!(first.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&first.stderr),
        "Wrote acme-ltd-2026-03-14.yaml: 78 questions, each `unknown` until answered. Edit it in any editor, \
         then run: ecodiag score acme-ltd-2026-03-14.yaml\n"
    );
    let file = dir.path().join("acme-ltd-2026-03-14.yaml");
    std::fs::write(&file, "edited").expect("edit");
    let second = run(&[]);
    assert_eq!(second.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&second.stderr)
            .contains("cannot write acme-ltd-2026-03-14.yaml: it already exists")
    );
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "edited");
    let forced = run(&["--force"]);
    assert!(forced.status.success());
    assert_ne!(std::fs::read_to_string(&file).expect("replaced"), "edited");
}

#[test]
fn a_template_for_a_questionnaire_file_says_how_to_score_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ecodiag()
        .args(["init", "-a"])
        .arg(fixture("mini.yaml"))
        .current_dir(dir.path())
        .args(["--date", "2026-03-14"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("ecodiag score answers-2026-03-14.yaml --assessment "),
        "{message}"
    );
    let file = dir.path().join("answers-2026-03-14.yaml");
    let score = ecodiag()
        .arg("score")
        .arg(&file)
        .arg("--assessment")
        .arg(fixture("mini.yaml"))
        .output()
        .expect("runs");
    assert!(score.status.success(), "the command it prints works");
}

#[test]
fn a_bad_date_is_a_usage_error() {
    assert_cmd_snapshot!(ecodiag().args(["init", "--date", "14/03/2026", "-o", "-"]));
}

#[test]
fn a_file_in_a_missing_folder_is_refused_before_anything_is_asked() {
    for args in [["init", "-o"], ["assess", "--answers"]] {
        let out = ecodiag()
            .args(args)
            .arg("no-such-folder/answers.yaml")
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("the folder no-such-folder does not exist"),
            "{stderr}"
        );
    }
}

#[test]
fn a_template_inside_the_repository_names_the_schema_for_editors() {
    // Written into examples/ (removed afterwards): the schema is one folder up.
    let dir = tempfile::tempdir_in(crate::support::root().join("examples")).expect("temp dir");
    let path = dir.path().join("acme.yaml");
    let out = ecodiag()
        .args(["init", "--client", "Acme", "--date", "2026-03-14", "-o"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&path).expect("written");
    let first = text.lines().next().expect("a first line");
    assert_eq!(
        first,
        "# yaml-language-server: $schema=../../schemas/answers.schema.json"
    );
    assert!(dir.path().join("../../schemas/answers.schema.json").is_file());
}

#[test]
fn a_template_elsewhere_says_how_to_get_the_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ecodiag()
        .current_dir(dir.path())
        .args(["init", "--client", "Acme", "--date", "2026-03-14", "-o", "-"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.starts_with("# To have an editor check and complete this file"),
        "{text}"
    );
    assert!(text.contains("ecodiag schema answers > answers.schema.json"));
}

#[test]
fn a_fresh_template_passes_validate_with_warnings_denied() {
    let dir = tempfile::tempdir().expect("temp dir");
    for b in ecodiag::questionnaire::BUNDLED {
        let file = dir.path().join(format!("{}.yaml", b.id));
        let init = ecodiag()
            .current_dir(dir.path())
            .args(["init", "--assessment", b.id, "--date", "2026-03-14", "-o"])
            .arg(&file)
            .output()
            .expect("runs");
        assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
        let text = std::fs::read_to_string(&file).expect("written");
        // Far from a checkout, the header says how to get the schema, with
        // no stray indentation.
        assert!(
            text.starts_with(
                "# To have an editor check and complete this file, save the schema beside it with\n\
                 # `ecodiag schema answers > answers.schema.json` and make this line one:\n\
                 # # yaml-language-server: $schema=answers.schema.json\n"
            ),
            "{text}"
        );
        assert!(!text.lines().any(|l| l != l.trim_end()), "no trailing spaces");
        let out = ecodiag()
            .args(["validate", "--deny-warnings"])
            .arg(&file)
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}{}",
            b.id,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
