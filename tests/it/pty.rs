//! The real binary in a pseudo-terminal: keys typed as a user types them,
//! `kill -9` in the middle of a session, and a restart that resumes with
//! every earlier answer intact.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::{Eof, Expect, Session};

use crate::support::{fixture, root};

const ENTER: &str = "\r";

fn assess(answers: &Path) -> expectrl::session::OsSession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ecodiag"));
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("CLICOLOR_FORCE")
        .arg("assess")
        .arg("--assessment")
        .arg(fixture("mini.yaml"))
        .arg("--answers")
        .arg(answers)
        .args([
            "--client",
            "Pty Co",
            "--respondent",
            "Ann",
            "--role",
            "team",
            "--date",
            "2026-03-14",
        ]);
    let mut session = Session::spawn(cmd).expect("spawns in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
}

fn expect(p: &mut expectrl::session::OsSession, text: &str) {
    if let Err(e) = p.expect(text) {
        panic!("did not see {text:?}: {e}");
    }
}

fn answers_in(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("the answers file exists");
    text.split_once("answers:")
        .map(|(_, a)| a.to_owned())
        .unwrap_or_default()
}

#[test]
fn a_killed_session_resumes_with_every_answer_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("pty.yaml");

    let mut p = assess(&file);
    expect(&mut p, "[1/7] Process");
    // One key answers a list.
    p.send("2").expect("type");
    expect(&mut p, "[2/7] Process");
    p.send("y").expect("type");
    // `kit` appears now that `written` is yes: a multiple choice, where a key
    // marks its line and Enter confirms.
    expect(&mut p, "[3/8] Process");
    p.send("1").expect("type");
    expect(&mut p, "[x]  1  Templates");
    p.send(ENTER).expect("enter");
    expect(&mut p, "[4/8] Process");
    p.send("abc").expect("type");
    p.send(ENTER).expect("enter");
    expect(&mut p, "is not a number");
    p.send("\u{7f}\u{7f}\u{7f}3").expect("retype");
    p.send(ENTER).expect("enter");
    expect(&mut p, "[5/8] Tools");

    p.get_process_mut().kill(Signal::SIGKILL).expect("kill -9");
    let status = p.get_process().wait().expect("waits");
    assert!(
        matches!(status, WaitStatus::Signaled(_, Signal::SIGKILL, _)),
        "{status:?}"
    );
    assert_eq!(
        answers_in(&file),
        "\n  # Process\n  maturity: formal\n  written: yes\n  kit: [templates]\n  hours: 3\n"
    );

    let mut p = assess(&file);
    expect(&mut p, "Resuming");
    expect(&mut p, "4 of 8 questions answered");
    expect(&mut p, "[5/8] Tools");
    p.send("80").expect("type");
    p.send(ENTER).expect("enter");
    expect(&mut p, "[6/8] Tools");
    // Esc goes back, with the earlier answer ready to keep.
    p.send("\u{1b}").expect("esc");
    expect(&mut p, "[5/8] Tools");
    p.send(ENTER).expect("keep");
    expect(&mut p, "[6/8] Tools");
    p.send("3").expect("type");
    expect(&mut p, "[7/8] Macro culprits");
    p.send("d").expect("don't know");
    expect(&mut p, "[8/8] Process");
    p.send("5").expect("type");
    p.send(ENTER).expect("enter");
    // One "don't know" is left: the end menu offers to revisit it.
    expect(&mut p, "Finish and show the report");
    p.send("Finish").expect("filter");
    p.send(ENTER).expect("enter");
    expect(&mut p, "Pty Co");
    expect(&mut p, "Answers saved to");
    p.expect(Eof).expect("ends");
    let status = p.get_process().wait().expect("waits");
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    assert_eq!(
        answers_in(&file),
        "\n  # Process\n  maturity: formal\n  written: yes\n  kit: [templates]\n  hours: 3\n  # Tools\n  \
         adoption: 80\n  trust: 3\n  # Macro culprits\n  blame: unknown\n  # Process\n  team-size: 5\n"
    );
}

#[test]
fn ctrl_c_stops_cleanly_and_says_how_to_resume() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("stop.yaml");
    let mut p = assess(&file);
    expect(&mut p, "[1/7] Process");
    p.send("3").expect("type");
    expect(&mut p, "[2/7] Process");
    p.send("\u{3}").expect("ctrl-c");
    expect(&mut p, "Stopped: saved 1 of 7 answers to");
    expect(&mut p, "resume with: ecodiag assess --answers");
    p.expect(Eof).expect("ends");
    let status = p.get_process().wait().expect("waits");
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");
    assert_eq!(answers_in(&file), "\n  # Process\n  maturity: dynamic\n");
}

#[test]
fn dont_know_is_one_key_everywhere_and_a_habitual_enter_answers_nothing_more() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("keys.yaml");
    let mut p = assess(&file);
    expect(&mut p, "[1/7] Process");
    // The key and an Enter out of habit, in one write: the Enter is not taken
    // as an answer to the next question.
    p.send("3\r").expect("type");
    expect(&mut p, "[2/7] Process");
    p.send("y").expect("type");
    expect(&mut p, "[3/8] Process");
    // "Don't know" on a multiple choice, then on a number: one key each.
    p.send("d").expect("don't know");
    expect(&mut p, "[4/8] Process");
    p.send("d").expect("don't know");
    expect(&mut p, "[5/8] Tools");
    p.send("\u{3}").expect("ctrl-c");
    expect(&mut p, "Stopped: saved 4 of 8 answers to");
    p.expect(Eof).expect("ends");
    let status = p.get_process().wait().expect("waits");
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");
    assert_eq!(
        answers_in(&file),
        "\n  # Process\n  maturity: dynamic\n  written: yes\n  kit: unknown\n  hours: unknown\n"
    );
}
