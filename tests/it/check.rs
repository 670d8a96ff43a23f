//! `ecodiag check` end to end: exit codes, every output format (JUnit parsed
//! back with an independent XML reader), baselines, waivers, broken files.

use std::path::Path;

use insta_cmd::assert_cmd_snapshot;

use crate::support::{ecodiag, root, run};

const CONFIG: &str = "tests/fixtures/check/ecodiag.toml";

fn check(args: &[&str]) -> std::process::Command {
    check_on("2026-11-27", args)
}

fn check_on(today: &str, args: &[&str]) -> std::process::Command {
    let mut cmd = ecodiag();
    cmd.args(["check", "--config", CONFIG, "--today", today])
        .args(args);
    cmd
}

#[test]
fn text_says_what_passed_warned_and_gated() {
    assert_cmd_snapshot!(check(&["tests/fixtures/check"]));
}

#[test]
fn passing_files_exit_zero() {
    let (code, out, _) = run(&mut check(&["tests/fixtures/check/healthy-saas.yaml"]));
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("PASS   tests/fixtures/check/healthy-saas.yaml"),
        "{out}"
    );
    assert!(
        out.ends_with("Result: passed with warnings — 1 waiver expired\n"),
        "{out}"
    );
}

#[test]
fn without_a_config_nothing_is_asserted_but_every_file_is_scored() {
    let (code, out, _) = run(ecodiag().args(["check", "tests/fixtures/check"]));
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("3 files: 3 passed"), "{out}");
}

#[test]
fn a_broken_file_exits_two_and_the_others_are_still_checked() {
    let mut cmd = check(&[
        "tests/fixtures/check/healthy-saas.yaml",
        "tests/fixtures/invalid/answers-syntax-error.yaml",
        "tests/fixtures/check/no-such-file.yaml",
        "tests/fixtures/check/broken-ecosystem.yaml",
    ]);
    assert_cmd_snapshot!(cmd);
}

#[test]
fn folders_skip_questionnaires_and_case_files() {
    // tests/fixtures holds questionnaires (mini.yaml), case files and answers.
    let (code, out, _) = run(&mut check(&["tests/fixtures"]));
    assert_eq!(code, Some(2), "the fixtures include broken answers: {out}");
    assert!(
        !out.contains("mini.yaml:"),
        "a questionnaire is not an answers file: {out}"
    );
    assert!(
        !out.contains("failing.tests.yaml"),
        "a case file is not an answers file: {out}"
    );
    assert!(out.contains("other YAML files skipped"), "{out}");
    let (code, _, err) = run(&mut check(&["assessments"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("no answers files found in assessments"), "{err}");
}

#[test]
fn output_is_deterministic_whatever_the_number_of_workers() {
    for format in ["text", "json", "junit", "markdown"] {
        let once = |jobs: &str| {
            check(&[
                "tests/fixtures/check",
                "tests/fixtures/invalid",
                "--format",
                format,
                "--jobs",
                jobs,
            ])
            .output()
            .expect("runs")
            .stdout
        };
        let one = once("1");
        assert_eq!(one, once("2"), "{format}");
        assert_eq!(one, once("2"), "{format}");
    }
}

#[test]
fn markdown_is_a_short_summary() {
    assert_cmd_snapshot!(check(&["tests/fixtures/check", "--format", "markdown"]));
}

#[test]
fn json_carries_every_assertion() {
    let (code, out, _) = run(&mut check(&["tests/fixtures/check", "--format", "json"]));
    assert_eq!(code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["today"], "2026-11-27");
    let files = doc["files"].as_array().expect("files");
    assert_eq!(files.len(), 3);
    let broken = &files[0];
    assert_eq!(broken["path"], "tests/fixtures/check/broken-ecosystem.yaml");
    assert_eq!(broken["status"], "gated");
    let severity = broken["assertions"]
        .as_array()
        .expect("assertions")
        .iter()
        .find(|a| a["rule"] == "max-severity")
        .expect("max-severity evaluated");
    assert_eq!(severity["status"], "gated");
    assert!(severity["evidence"].as_array().is_some_and(|e| !e.is_empty()));
    assert_eq!(doc["summary"]["result"], "failed");
    assert_eq!(doc["summary"]["gated"], 2);
    assert_eq!(doc["summary"]["expired_waivers"], "warned");
    let waived = &files[2]["waived"][0];
    assert_eq!(waived["cause"], "handoff-breakdowns");
}

/// The JUnit document, read back with roxmltree: suites, cases, failures.
#[test]
fn junit_parses_back_as_one_suite_per_file_and_one_case_per_assertion() {
    let (code, out, _) = run(&mut check(&[
        "tests/fixtures/check",
        "tests/fixtures/invalid/answers-syntax-error.yaml",
        "--format",
        "junit",
    ]));
    assert_eq!(code, Some(2));
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    let names: Vec<&str> = suites.iter().filter_map(|s| s.attribute("name")).collect();
    assert_eq!(
        names,
        [
            "tests/fixtures/check/broken-ecosystem.yaml",
            "tests/fixtures/check/healthy-saas.yaml",
            "tests/fixtures/check/macro-culprits.yaml",
            "tests/fixtures/invalid/answers-syntax-error.yaml",
            "ecodiag.toml waivers"
        ]
    );
    let cases = |suite: &roxmltree::Node<'_, '_>| -> Vec<(String, Option<String>)> {
        suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .map(|c| {
                let outcome = c
                    .children()
                    .find(|n| n.is_element() && n.tag_name().name() != "system-out")
                    .map(|n| n.tag_name().name().to_owned());
                (c.attribute("name").unwrap_or_default().to_owned(), outcome)
            })
            .collect()
    };
    let broken = cases(&suites[0]);
    assert_eq!(broken[0], ("scored".to_owned(), None));
    assert!(broken.contains(&("min-score[ecosystem]".to_owned(), Some("failure".to_owned()))));
    assert!(broken.contains(&("max-severity[causes]".to_owned(), Some("failure".to_owned()))));
    // Warnings pass, with a note.
    assert!(broken.contains(&("min-bucket-score[target-market]".to_owned(), None)));
    let healthy = cases(&suites[1]);
    assert!(healthy.iter().all(|(_, o)| o.is_none()), "{healthy:?}");
    assert_eq!(
        suites[1].attribute("tests"),
        Some(healthy.len().to_string().as_str())
    );
    assert_eq!(suites[1].attribute("failures"), Some("0"));
    assert_eq!(
        cases(&suites[3]),
        [("scored".to_owned(), Some("error".to_owned()))]
    );
    let failure = suites[0]
        .descendants()
        .find(|n| n.has_tag_name("failure") && n.attribute("type") == Some("max-severity"))
        .expect("a max-severity failure");
    assert!(
        failure
            .attribute("message")
            .is_some_and(|m| m.contains("above medium severity"))
    );
    assert!(
        failure.text().is_some_and(|t| t.contains("no-sales-process")),
        "evidence in the body"
    );
    assert_eq!(root.attribute("failures"), Some("3"));
    assert_eq!(root.attribute("errors"), Some("1"));
}

#[test]
fn waivers_expire_by_the_date_given() {
    // Before its expiry, the hand-off waiver keeps macro-culprits' high causes
    // from gating … except the ones it does not cover.
    let (_, before, _) = run(&mut check_on(
        "2026-12-31",
        &["tests/fixtures/check/macro-culprits.yaml"],
    ));
    assert!(
        before.contains("waived handoff-breakdowns (high) until 2026-12-31"),
        "{before}"
    );
    let (_, after, _) = run(&mut check_on(
        "2027-01-01",
        &["tests/fixtures/check/macro-culprits.yaml"],
    ));
    assert!(!after.contains("waived handoff-breakdowns"), "{after}");
    assert!(
        after.contains("handoff-breakdowns EXPIRED on 2026-12-31"),
        "{after}"
    );
    assert!(
        after.contains("handoff-breakdowns (high"),
        "the cause counts again: {after}"
    );
    // The date can come from the environment too.
    let (_, env, _) = run(ecodiag()
        .args([
            "check",
            "--config",
            CONFIG,
            "tests/fixtures/check/macro-culprits.yaml",
        ])
        .env("ECODIAG_TODAY", "2027-01-01"));
    assert_eq!(env, after);
}

#[test]
fn an_expired_waiver_at_level_error_gates_the_build() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("ecodiag.toml");
    std::fs::write(
        &config,
        "[check]\nexpired-waivers = \"error\"\n[[check.waivers]]\ncause = \"archaic-crm\"\n\
         reason = \"old\"\nexpires = 2026-01-31\n",
    )
    .expect("write");
    let (code, out, _) = run(ecodiag()
        .args([
            "check",
            "tests/fixtures/check/healthy-saas.yaml",
            "--today",
            "2026-11-27",
            "--config",
        ])
        .arg(&config));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("Result: FAILED — 1 waiver expired"), "{out}");
}

fn write_reports(dir: &Path, answers: &[&str]) {
    for a in answers {
        let name = Path::new(a)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let status = ecodiag()
            .args(["score", a, "--format", "json", "-o"])
            .arg(dir.join(format!("{name}.json")))
            .status()
            .expect("runs");
        assert!(status.success());
    }
}

#[test]
fn a_baseline_folder_gates_on_drops_and_lists_what_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reports = dir.path().join("reports");
    let answers = dir.path().join("answers");
    std::fs::create_dir_all(&reports).expect("mkdir");
    std::fs::create_dir_all(&answers).expect("mkdir");
    write_reports(
        &reports,
        &[
            "tests/fixtures/check/macro-culprits.yaml",
            "tests/fixtures/check/healthy-saas.yaml",
        ],
    );
    // This quarter: macro-culprits slipped (the same client, a later file), healthy unchanged.
    std::fs::copy(
        root().join("tests/fixtures/diff/macro-culprits-later.yaml"),
        answers.join("macro-culprits.yaml"),
    )
    .expect("copy");
    std::fs::copy(
        root().join("tests/fixtures/check/healthy-saas.yaml"),
        answers.join("healthy-saas.yaml"),
    )
    .expect("copy");
    let (code, out, _) = run(check(&["--baseline"]).arg(&reports).arg(&answers));
    assert_eq!(code, Some(1), "{out}");
    let text = out.replace(&dir.path().display().to_string(), "TMP");
    insta::assert_snapshot!(text);
}

#[test]
fn a_single_baseline_report_matches_by_client() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_reports(dir.path(), &["tests/fixtures/check/macro-culprits.yaml"]);
    let report = dir.path().join("macro-culprits.json");
    let (code, out, _) =
        run(check(&["tests/fixtures/diff/macro-culprits-later.yaml", "--baseline"]).arg(&report));
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("max-drop[sales-force]: Sales Force Effectiveness 70.4 → "),
        "{out}"
    );
    assert!(out.contains("appeared: no-sales-process"), "{out}");
    // A file with no matching report is not compared: the drop check is skipped.
    let (code, out, _) = run(check(&["tests/fixtures/check/healthy-saas.yaml", "--baseline"]).arg(&report));
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("1 skipped"), "{out}");
}

#[test]
fn a_broken_baseline_report_is_located() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("old.json");
    std::fs::write(&report, "{\n  \"schema_version\": 1,\n  \"client\": oops\n}\n").expect("write");
    let (code, _, err) = run(check(&["tests/fixtures/check/healthy-saas.yaml", "--baseline"]).arg(&report));
    assert_eq!(code, Some(2));
    assert!(err.contains("old.json:3:13"), "{err}");
    std::fs::write(&report, "{\"schema_version\": 7}").expect("write");
    let (code, _, err) = run(check(&["tests/fixtures/check/healthy-saas.yaml", "--baseline"]).arg(&report));
    assert_eq!(code, Some(2));
    assert!(err.contains("schema version 7"), "{err}");
}

#[test]
fn a_bad_config_is_located() {
    assert_cmd_snapshot!(ecodiag().args([
        "check",
        "tests/fixtures/check",
        "--config",
        "tests/fixtures/check/invalid.toml"
    ]));
}

#[test]
fn config_ids_are_checked_against_the_assessments_used() {
    let (code, _, err) = run(ecodiag().args([
        "check",
        "tests/fixtures/check/healthy-saas.yaml",
        "--config",
        "tests/fixtures/check/unknown-ids.toml",
    ]));
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean `sales-force`?"), "{err}");
    assert!(err.contains("did you mean `archaic-crm`?"), "{err}");
    assert!(err.contains("unknown-ids.toml:2:"), "{err}");
}

#[test]
fn the_config_in_the_current_directory_is_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("ecodiag.toml"),
        "format = \"markdown\"\n[check]\nformat = \"json\"\nmin-score = { level = \"error\", score = 99 }\n",
    )
    .expect("write");
    let examples = root().join("tests/fixtures/check");
    let out = ecodiag()
        .current_dir(dir.path())
        .args(["check", "--today", "2026-11-27"])
        .arg(examples.join("healthy-saas.yaml"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.starts_with(b"{\"schema_version\":1"),
        "check.format is honoured"
    );
    let out = ecodiag()
        .current_dir(dir.path())
        .arg("score")
        .arg(examples.join("healthy-saas.yaml"))
        .output()
        .expect("runs");
    assert!(
        out.stdout.starts_with(b"# Sales Ecosystem Diagnostic"),
        "score honours format"
    );
}

#[test]
fn output_file_gets_the_results() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("junit.xml");
    let (code, out, _) = run(check(&["tests/fixtures/check", "--format", "junit", "-o"]).arg(&file));
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    let xml = std::fs::read_to_string(&file).expect("written");
    roxmltree::Document::parse(&xml).expect("well-formed");
}

#[test]
fn score_and_show_honour_the_config_defaults() {
    let config = "tests/fixtures/check/mini.toml";
    // The questionnaire path is relative to the config file.
    let out = ecodiag()
        .args(["score", "tests/fixtures/mini-answers.yaml", "--config", config])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("format = json");
    assert_eq!(report["assessment"]["id"], "mini");
    // A typed flag wins over the file.
    let out = ecodiag()
        .args([
            "score",
            "tests/fixtures/mini-answers.yaml",
            "--config",
            config,
            "-f",
            "markdown",
        ])
        .output()
        .expect("runs");
    assert!(out.stdout.starts_with(b"# Mini Diagnostic"));
    let out = ecodiag()
        .args(["show", "--config", config])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mini Diagnostic"));
}

#[test]
fn nothing_to_check_writes_no_half_document() {
    let out = check(&["assessments", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// The span-less fast path must agree with the located path on every file:
/// the same answers when the file is clean, and a fall-back (`None`) whenever
/// the located path has anything to say. Checked on generated files with
/// every kind of answer, notes, "don't know", "n/a", repeated keys and some
/// mistakes.
#[test]
fn the_fast_path_agrees_with_the_located_path() {
    use ecodiag::answers;
    use ecodiag::check::fast;
    use ecodiag::diagnostic::SourceFile;
    use ecodiag::questionnaire::QuestionKind;
    use ecodiag::yaml::Limits;

    let loaded = ecodiag::questionnaire::bundled("sales-ecosystem").expect("bundled");
    let q = &loaded.questionnaire;
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut roll = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let (mut clean, mut fell_back) = (0, 0);
    for n in 0..300 {
        let mut text = format!("assessment: sales-ecosystem\nclient: Client {n}\nanswers:\n");
        if roll(20) == 0 {
            text = text.replace("client:", "version: \"0.1\"\nclient:");
        }
        for question in &q.questions {
            let value = match (roll(25), &question.kind) {
                (0, _) => "unknown".to_owned(),
                (1, _) if question.not_applicable.is_some() => "n/a".to_owned(),
                (2, _) => "{ value: unknown, note: \"ask finance\" }".to_owned(),
                (3, _) if roll(20) == 0 => "not-an-answer".to_owned(),
                (_, QuestionKind::Scale { min, labels }) => {
                    (min + roll(labels.len() as u64) as i64).to_string()
                }
                (_, QuestionKind::YesNo { .. }) => ["yes", "no"][roll(2) as usize].to_owned(),
                (_, QuestionKind::Choice { options }) => {
                    options[roll(options.len() as u64) as usize].id.clone()
                }
                (_, QuestionKind::Multi { options, .. }) => format!(
                    "[{}]",
                    options
                        .iter()
                        .filter(|o| !o.exclusive && roll(2) == 0)
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                (_, QuestionKind::Number(spec) | QuestionKind::Percent(spec)) => {
                    let lo = spec.min.unwrap_or(0.0);
                    let hi = spec.max.unwrap_or(lo + 100.0).min(lo + 150.0);
                    let mut x = lo + roll((hi - lo) as u64 + 1) as f64;
                    if !spec.integer && x + 0.5 <= hi && roll(2) == 0 {
                        x += 0.5;
                    }
                    format!("{{ value: {x}, note: \"from the CRM\" }}")
                }
            };
            if roll(15) != 0 {
                text.push_str(&format!("  {}: {value}\n", question.id));
                // Now and then the same question twice, which the parser is
                // not asked to catch on the fast path.
                if roll(150) == 0 {
                    text.push_str(&format!("  {}: {value}\n", question.id));
                }
            }
        }
        let source = SourceFile::new(format!("gen-{n}.yaml"), text);
        let fast = fast::parse(&source, &Limits::DEFAULT).and_then(|raw| fast::resolve(&raw, q));
        let located = answers::parse(source, &Limits::DEFAULT)
            .and_then(|parsed| answers::check(&parsed, q))
            .ok()
            .filter(|(_, warnings)| warnings.is_empty())
            .map(|(answers, _)| answers);
        assert_eq!(fast, located, "file {n}");
        if fast.is_some() {
            clean += 1;
        } else {
            fell_back += 1;
        }
    }
    assert!(
        clean > 50 && fell_back > 50,
        "both paths exercised: {clean} clean, {fell_back} fell back"
    );
}

#[test]
fn saved_reports_are_the_score_reports_and_serve_as_the_next_baseline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reports = dir.path().join("reports");
    let (code, _, _) = run(check(&["tests/fixtures/check", "--save-reports"]).arg(&reports));
    assert_eq!(code, Some(1), "the assertions still apply");
    let saved = std::fs::read(reports.join("macro-culprits.json")).expect("saved at the relative path");
    let scored = ecodiag()
        .args([
            "score",
            "tests/fixtures/check/macro-culprits.yaml",
            "--format",
            "json",
        ])
        .output()
        .expect("runs")
        .stdout;
    assert_eq!(saved, scored, "the same bytes as `score --format json`");
    // Checked against its own reports, nothing dropped.
    let (_, out, _) = run(check(&["tests/fixtures/check", "--format", "json", "--baseline"]).arg(&reports));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let files = doc["files"].as_array().expect("files");
    assert_eq!(files.len(), 3);
    for file in files {
        let drops: Vec<&serde_json::Value> = file["assertions"]
            .as_array()
            .expect("assertions")
            .iter()
            .filter(|a| a["rule"] == "max-drop")
            .collect();
        assert_eq!(drops.len(), 7, "ecosystem, five buckets and macro: {file}");
        assert!(drops.iter().all(|a| a["status"] == "passed"), "{file}");
        assert_eq!(file["baseline"]["ecosystem"]["direction"], "same");
    }
}

#[test]
fn text_is_coloured_only_when_asked() {
    let (_, plain, _) = run(&mut check(&["tests/fixtures/check"]));
    assert!(!plain.contains('\u{1b}'), "no colour when piped");
    let (_, forced, _) = run(&mut check(&["tests/fixtures/check", "--color", "always"]));
    assert!(forced.contains("\u{1b}[31mGATED"), "{forced}");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("out.txt");
    run(check(&["tests/fixtures/check", "--color", "always", "-o"]).arg(&file));
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(!written.contains('\u{1b}'), "never colour in a file");
    assert_eq!(written, plain);
}

#[test]
fn every_example_checks_against_the_sample_config() {
    let examples = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .count();
    let (code, out, _) = run(&mut check(&["examples", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(doc["files"].as_array().map(Vec::len), Some(examples));
    assert_eq!(
        code,
        Some(1),
        "the broken examples are gated by the sample config"
    );
}

/// Two answers files that would share a report (`x.yaml` and `x.yml`) are
/// refused before anything is written.
#[test]
fn saved_reports_never_overwrite_one_another() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("answers");
    std::fs::create_dir_all(&answers).expect("mkdir");
    std::fs::copy(
        root().join("tests/fixtures/check/healthy-saas.yaml"),
        answers.join("acme.yaml"),
    )
    .expect("copy");
    std::fs::copy(
        root().join("tests/fixtures/check/macro-culprits.yaml"),
        answers.join("acme.yml"),
    )
    .expect("copy");
    let reports = dir.path().join("reports");
    let (code, out, err) = run(check(&["--save-reports"]).arg(&reports).arg(&answers));
    assert_eq!(code, Some(2), "{out}");
    let err = err.replace("\n  │ ", " ");
    assert!(err.contains("acme.yml there, one over the other"), "{err}");
    assert!(!reports.exists(), "nothing is written");
}

/// A report at the answers file's path but of another client is never
/// compared with: the file says so, and the same client's report elsewhere
/// is used instead when there is exactly one.
#[test]
fn a_baseline_of_another_client_is_never_compared() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(&reports).expect("mkdir");
    // reports/acme.json holds another client's report.
    let other = ecodiag()
        .args(["score", "tests/fixtures/check/macro-culprits.yaml", "-o"])
        .arg(reports.join("acme.json"))
        .status()
        .expect("runs");
    assert!(other.success());
    let answers = dir.path().join("answers");
    std::fs::create_dir_all(&answers).expect("mkdir");
    std::fs::copy(
        root().join("tests/fixtures/check/healthy-saas.yaml"),
        answers.join("acme.yaml"),
    )
    .expect("copy");
    let (code, out, err) = run(check(&["--format", "json", "--baseline"])
        .arg(&reports)
        .arg(&answers));
    assert_eq!(code, Some(0), "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(doc["files"][0]["baseline"].is_null(), "not compared: {out}");
    let err = err.replace("\n  │ ", " ");
    assert!(err.contains("check::baseline-other-client"), "{err}");
    assert!(
        err.contains("is of `Cobalt Fleet Software` (sales-ecosystem), not `Northwind Analytics`"),
        "{err}"
    );
    // The client's own report, at another name, is found by client.
    let own = ecodiag()
        .args(["score", "tests/fixtures/check/healthy-saas.yaml", "-o"])
        .arg(reports.join("northwind-q3.json"))
        .status()
        .expect("runs");
    assert!(own.success());
    let (_, out, err) = run(check(&["--format", "json", "--baseline"])
        .arg(&reports)
        .arg(&answers));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(
        doc["files"][0]["baseline"]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("northwind-q3.json")),
        "{out}"
    );
    assert!(!err.contains("baseline-other-client"), "{err}");
}

/// The baselines can be refreshed in place: they are read whole before any
/// report is written.
#[test]
fn the_baseline_folder_can_be_refreshed_in_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(&reports).expect("mkdir");
    write_reports(&reports, &["tests/fixtures/check/macro-culprits.yaml"]);
    let later = dir.path().join("answers");
    std::fs::create_dir_all(&later).expect("mkdir");
    std::fs::copy(
        root().join("tests/fixtures/diff/macro-culprits-later.yaml"),
        later.join("macro-culprits.yaml"),
    )
    .expect("copy");
    let (code, out, err) = run(check(&["--baseline"])
        .arg(&reports)
        .arg("--save-reports")
        .arg(&reports)
        .arg(&later));
    assert_eq!(code, Some(1), "compared with the old report: {out}{err}");
    assert!(out.contains("appeared: no-sales-process"), "{out}");
    let (_, out, _) = run(check(&["--baseline"]).arg(&reports).arg(&later));
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("baseline ") && l.contains(" (0.0)")),
        "the new report is now the baseline: {out}"
    );
}

/// `table` is the human format's name everywhere; `text` still works.
#[test]
fn text_is_an_old_name_for_table() {
    let (_, table, _) = run(&mut check(&["tests/fixtures/check", "-f", "table"]));
    let (_, text, _) = run(&mut check(&["tests/fixtures/check", "-f", "text"]));
    assert_eq!(table, text);
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("ecodiag.toml");
    std::fs::write(&config, "[check]\nformat = \"text\"\n").expect("write");
    let out = ecodiag()
        .args(["check", "tests/fixtures/check/healthy-saas.yaml", "--config"])
        .arg(&config)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("PASS"));
}
