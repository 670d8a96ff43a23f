//! Hostile input, class by class: named pipes and devices, numbers at the
//! edge of what a file can hold, ids and values of a hundred thousand
//! characters, thousands of near-miss ids, and the messages each gets. Every
//! case finishes (a hang fails the test), exits 2 with a message naming the
//! file, or finishes a report whose every number is finite.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use insta_cmd::assert_cmd_snapshot;

use crate::support::{ecodiag, fixture, root};

/// Runs a command to the end, or kills it after `within` and fails: a hang
/// fails the test instead of stalling the suite. Output goes to files, so a
/// long message cannot block the command on a full pipe.
fn finishes(mut cmd: Command, within: Duration) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    cmd.stdin(Stdio::null())
        .stdout(fs::File::create(&out).expect("out"))
        .stderr(fs::File::create(&err).expect("err"));
    let mut child = cmd.spawn().expect("spawns");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if started.elapsed() > within {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{cmd:?} did not finish within {within:?}:\n{}",
                fs::read_to_string(&err).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: fs::read(&out).expect("stdout"),
        stderr: fs::read(&err).expect("stderr"),
    }
}

/// A debug build on a shared machine, with slack; release runs are measured
/// by `cargo bench --bench worst` (docs/validation.md).
const PROMPTLY: Duration = Duration::from_secs(20);

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mini_text() -> String {
    fs::read_to_string(fixture("mini.yaml")).expect("mini")
}

// ── Named pipes, sockets and devices ─────────────────────────────────────

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_given_as_any_input_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("pipe.yaml");
    mkfifo(&pipe);
    let json = dir.path().join("pipe.json");
    mkfifo(&json);
    let (pipe, json) = (pipe.display().to_string(), json.display().to_string());
    let example = "examples/healthy-saas.yaml";
    let cases: Vec<Vec<&str>> = vec![
        vec!["score", &pipe],
        vec!["validate", &pipe],
        vec!["diff", &pipe, example],
        vec!["init", "-a", &pipe, "-o", "-"],
        vec!["score", "--config", &pipe, example],
        vec!["score", "--assessment", &pipe, example],
        vec!["check", &pipe],
        vec!["check", example, "--baseline", &json],
        vec!["test", &pipe],
        vec!["migrate", &pipe],
    ];
    let mut table = String::new();
    for args in cases {
        let mut cmd = ecodiag();
        cmd.args(&args);
        let out = finishes(cmd, PROMPTLY);
        let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
        assert!(
            said.contains("is a named pipe (FIFO), not a regular file"),
            "{args:?}: {said}"
        );
        let shown = args
            .join(" ")
            .replace(&dir.path().display().to_string(), "[TEMP]");
        table.push_str(&format!("{shown}  →  exit {}\n", out.status.code().unwrap_or(-1)));
    }
    let mut cmd = ecodiag();
    cmd.args(["score", &pipe]);
    let out = finishes(cmd, PROMPTLY);
    let stderr = text(&out.stderr).replace(&dir.path().display().to_string(), "[TEMP]");
    insta::assert_snapshot!(format!("{table}\n{stderr}"));
}

#[cfg(unix)]
#[test]
fn check_and_test_skip_pipes_in_folders_and_count_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(
        root().join("examples/healthy-saas.yaml"),
        dir.path().join("healthy-saas.yaml"),
    )
    .expect("copy");
    fs::copy(
        root().join("assessments/sales-process.tests.yaml"),
        dir.path().join("sales-process.tests.yaml"),
    )
    .expect("copy");
    mkfifo(&dir.path().join("waiting.yaml"));
    mkfifo(&dir.path().join("waiting.tests.yaml"));
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).expect("reports");
    mkfifo(&reports.join("healthy-saas.json"));
    let temp = dir.path().display().to_string();

    let mut cmd = ecodiag();
    cmd.arg("check").arg(dir.path());
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary = text(&out.stdout).replace(&temp, "[TEMP]");
    assert!(
        summary.contains("2 paths skipped: not regular files"),
        "{summary}"
    );

    let mut cmd = ecodiag();
    cmd.arg("check")
        .arg(dir.path().join("healthy-saas.yaml"))
        .arg("--baseline")
        .arg(&reports)
        .args(["--format", "json"]);
    let out = finishes(cmd, PROMPTLY);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["summary"]["not_regular"], 1, "{json}");

    let mut cmd = ecodiag();
    cmd.arg("test").arg(dir.path());
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let total = text(&out.stdout);
    let total = total
        .lines()
        .find(|l| l.contains("cases:"))
        .expect("a total line");
    insta::assert_snapshot!(format!("{}\n{total}", summary.trim_end()));
}

#[cfg(unix)]
#[test]
fn a_device_is_not_read_for_ever() {
    let mut cmd = ecodiag();
    cmd.args(["validate", "/dev/zero"]);
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/dev/zero is a device, not a regular file"));
}

#[cfg(unix)]
#[test]
fn the_workshop_refuses_a_pipe_as_its_answers_file() {
    use expectrl::Expect;
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("answers.yaml");
    mkfifo(&pipe);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ecodiag"));
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .arg("assess")
        .arg("--answers")
        .arg(&pipe);
    let mut session = expectrl::Session::spawn(cmd).expect("spawns in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
        .expect("is a named pipe (FIFO), not a regular file")
        .expect("refused, not waited on");
    session.expect(expectrl::Eof).expect("ends");
}

// ── Numbers ──────────────────────────────────────────────────────────────

#[test]
fn an_answer_of_1e308_is_refused_where_no_maximum_would_catch_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    // `team-size` has a minimum and no maximum.
    fs::write(dir.path().join("mini.yaml"), mini_text()).expect("write");
    fs::write(
        dir.path().join("answers.yaml"),
        "assessment: mini\nclient: Mini Co\nanswers:\n  team-size: 1e308\n",
    )
    .expect("write");
    let mut cmd = ecodiag();
    cmd.current_dir(dir.path())
        .args(["validate", "mini.yaml", "answers.yaml"]);
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("00000000000000000000"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

// ── Ids and values of a hundred thousand characters ─────────────────────

#[test]
fn an_id_of_100_000_characters_gets_a_short_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long-id.yaml");
    let id = format!("sales-{}", "x".repeat(100_000));
    fs::write(&path, mini_text().replacen("id: mini", &format!("id: {id}"), 1)).expect("write");
    let mut cmd = ecodiag();
    cmd.arg("validate").arg(&path);
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    // Before, this message was 217 KB.
    assert!(stderr.len() < 4_000, "{} bytes", stderr.len());
    assert!(stderr.contains("(100,006"), "{stderr}");
    insta::assert_snapshot!(stderr.replace(&dir.path().display().to_string(), "[TEMP]"));
}

#[test]
fn a_line_of_7_mb_is_quoted_as_a_window_around_the_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long-line.yaml");
    let text_value = "x".repeat(7_000_000);
    fs::write(
        &path,
        format!("assessment: sales-ecosystem\nclient: Acme\nanswers:\n  win-rate: {text_value}\n"),
    )
    .expect("write");
    let mut cmd = ecodiag();
    cmd.arg("validate").arg(&path);
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    // Before, the whole line was echoed: 7 MB of standard error.
    assert!(stderr.len() < 4_000, "{} bytes", stderr.len());
    assert!(stderr.contains("long-line.yaml:4:13"), "{stderr}");
    insta::assert_snapshot!(stderr.replace(&dir.path().display().to_string(), "[TEMP]"));
}

/// A questionnaire with `count` questions whose ids are 64 characters, all
/// alike but for their last digits: the worst case for "did you mean".
fn long_ids_questionnaire(count: usize) -> String {
    let mut text = String::from(
        "id: long-ids\nversion: \"1.0.0\"\ntitle: Long ids\nbuckets:\n  - id: process\n    title: Process\n    \
         elements:\n      - { id: stages, title: Stages }\nmacro:\n  culprits:\n    - { id: culture, title: Culture }\n\
         questions:\n",
    );
    for i in 0..count {
        text.push_str(&format!(
            "  - {{ id: {}, element: stages, type: yes-no, text: Question {i}? }}\n",
            long_id(i)
        ));
    }
    text.push_str(
        "  - { id: blame, element: culture, type: yes-no, text: Blame? }\ncauses:\n  - id: no-process\n    \
         title: No process\n    bucket: process\n    summary: s\n    not_the_reps: n\n    remediation: [r]\n\
         rules:\n  - { id: r, cause: no-process, severity: high, when: { question: blame, equals: no }, evidence: e }\n",
    );
    text
}

fn long_id(i: usize) -> String {
    format!("q-{}-{i:06}", "a".repeat(55))
}

#[test]
fn thousands_of_near_miss_ids_finish_and_show_the_first_hundred() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("long-ids.yaml"), long_ids_questionnaire(1_000)).expect("write");
    let mut answers = String::from("assessment: long-ids\nclient: Acme\nanswers:\n");
    for i in 0..20_000 {
        // One letter changed: each is a near miss of every question.
        answers.push_str(&format!("  {}: yes\n", long_id(i).replacen('a', "b", 1)));
    }
    fs::write(dir.path().join("answers.yaml"), answers).expect("write");
    let mut cmd = ecodiag();
    cmd.current_dir(dir.path())
        .args(["validate", "long-ids.yaml", "answers.yaml"]);
    // Before, comparing every id with every question took minutes.
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("answers::unknown-question").count(), 100);
    assert!(
        stderr.contains("answers.yaml: 19,900 more problems not shown"),
        "{}",
        &stderr[stderr.len() - 300..]
    );
    assert!(stderr.contains("did you mean"));
    assert!(
        text(&out.stdout).contains("20000 errors"),
        "{}",
        text(&out.stdout)
    );
}

// ── Messages ─────────────────────────────────────────────────────────────

#[test]
fn the_depth_hint_stays_within_the_maximum() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("deep.yaml");
    let nested = format!("{}{}", "[".repeat(1_100), "]".repeat(1_100));
    fs::write(
        &path,
        format!("assessment: sales-ecosystem\nclient: Acme\nanswers:\n  q: {nested}\n"),
    )
    .expect("write");
    let mut cmd = ecodiag();
    cmd.args(["validate", "--limit", "depth=1000"]).arg(&path);
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("depth=2000"), "{stderr}");
    insta::assert_snapshot!(stderr.replace(&dir.path().display().to_string(), "[TEMP]"));
}

#[test]
fn the_node_limit_is_labelled_in_words() {
    let cmd = || {
        let mut cmd = ecodiag();
        cmd.args([
            "validate",
            "--limit",
            "nodes=40",
            "examples/broken-ecosystem.yaml",
        ]);
        cmd
    };
    let out = finishes(cmd(), PROMPTLY);
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("Nodes {"), "{stderr}");
    assert_cmd_snapshot!(cmd());
}

#[test]
fn a_report_of_an_unknown_schema_version_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.json");
    fs::write(&path, "{\"schema_version\": 9}\n").expect("write");
    let mut cmd = ecodiag();
    cmd.current_dir(dir.path())
        .args(["diff", "old.json"])
        .arg(root().join("examples/healthy-saas.yaml"));
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("old.json"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_report_with_numbers_ecodiag_never_writes_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = ecodiag()
        .args(["score", "examples/broken-ecosystem.yaml", "--format", "json"])
        .output()
        .expect("runs");
    let mut json: serde_json::Value = serde_json::from_slice(&report.stdout).expect("JSON");
    json["buckets"][0]["score"] = serde_json::json!(1e308);
    let path = dir.path().join("edited.json");
    fs::write(&path, json.to_string()).expect("write");
    let mut cmd = ecodiag();
    cmd.current_dir(dir.path())
        .args(["diff", "edited.json"])
        .arg(root().join("examples/broken-ecosystem.yaml"));
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(text(&out.stderr));
}

#[test]
fn a_missing_config_file_is_hinted_as_one() {
    let cmd = || {
        let mut cmd = ecodiag();
        cmd.args(["score", "--config", "missing.toml", "examples/healthy-saas.yaml"]);
        cmd
    };
    let out = finishes(cmd(), PROMPTLY);
    assert!(!text(&out.stderr).contains("ecodiag list"));
    assert_cmd_snapshot!(cmd());
}

#[test]
fn a_folder_given_as_config_asks_for_a_toml_file() {
    let cmd = || {
        let mut cmd = ecodiag();
        cmd.args(["score", "--config", ".", "examples/healthy-saas.yaml"]);
        cmd
    };
    let out = finishes(cmd(), PROMPTLY);
    assert!(!text(&out.stderr).contains("YAML"));
    assert_cmd_snapshot!(cmd());
}

#[test]
fn an_empty_file_gets_the_same_hint_from_score_as_from_validate() {
    let mut score = ecodiag();
    score.args(["score", "tests/fixtures/invalid/empty.yaml"]);
    let out = finishes(score, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("input::empty") && stderr.contains("assessment:"),
        "{stderr}"
    );
    let mut score = ecodiag();
    score.args(["score", "tests/fixtures/invalid/empty.yaml"]);
    assert_cmd_snapshot!(score);
}

#[test]
fn a_file_of_many_path_like_answers_is_not_read_again_per_problem() {
    // 30,000 problems in a 600 KB file: positions come from a line index, so
    // this is linear, not 30,000 reads of the file.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("many.yaml");
    let mut answers = String::from("assessment: sales-ecosystem\nclient: Acme\nanswers:\n");
    for i in 0..30_000 {
        answers.push_str(&format!("  zz{i}: yes\n"));
    }
    fs::write(&path, answers).expect("write");
    let mut cmd = ecodiag();
    cmd.arg("check").arg(&path).args(["--format", "json"]);
    let out = finishes(cmd, PROMPTLY);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let problems = json["files"][0]["problems"].as_array().expect("problems").len();
    assert!(problems <= 101, "{problems} problems listed");
}
