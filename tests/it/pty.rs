//! The real binary in a pseudo-terminal: keys typed as a user types them,
//! `kill -9` in the middle of a session, and a restart that resumes with
//! every earlier answer intact.

#![cfg(unix)]

use std::io::Write;
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
    expect(&mut p, "3  Finish and show the report");
    // A menu answers on one key, as a question does.
    p.send("3").expect("type");
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

/// Everything the session prints until it ends, as text.
fn rest(p: &mut expectrl::session::OsSession) -> String {
    let found = p.expect(Eof).expect("ends");
    let mut bytes = found.before().to_vec();
    for m in found.matches() {
        bytes.extend_from_slice(m);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Like [`expect`], returning what came before and the text itself.
fn seen(p: &mut expectrl::session::OsSession, text: &str) -> String {
    match p.expect(text) {
        Ok(found) => {
            let mut bytes = found.before().to_vec();
            for m in found.matches() {
                bytes.extend_from_slice(m);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Err(e) => panic!("did not see {text:?}: {e}"),
    }
}

/// `text` without the spaces and frame characters a wrapped message adds.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '│').collect()
}

#[test]
fn a_second_session_on_the_same_file_is_refused_and_names_the_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("shared.yaml");
    let mut first = assess(&file);
    expect(&mut first, "[1/7] Process");
    first.send("2").expect("type");
    expect(&mut first, "[2/7] Process");
    let pid = first.get_process().pid();

    let mut second = assess(&file);
    let said = squeezed(&rest(&mut second));
    let status = second.get_process().wait().expect("waits");
    assert!(matches!(status, WaitStatus::Exited(_, 2)), "{status:?}");
    assert!(
        said.contains(&squeezed(&format!(
            "is open in another `ecodiag assess` (process {pid}"
        ))),
        "{said}"
    );
    assert_eq!(
        answers_in(&file),
        "\n  # Process\n  maturity: formal\n",
        "the first session's answer is untouched"
    );

    // `kill -9` leaves the lock file behind, but the lock goes with the
    // process: the next session takes the file over.
    first.get_process_mut().kill(Signal::SIGKILL).expect("kill -9");
    first.get_process().wait().expect("waits");
    assert!(dir.path().join(".shared.yaml.lock").exists());
    let mut again = assess(&file);
    expect(&mut again, "Resuming");
    expect(&mut again, "[2/7] Process");
    again.send("y").expect("type");
    expect(&mut again, "[3/8] Process");
    again.send("\u{3}").expect("ctrl-c");
    rest(&mut again);
    let status = again.get_process().wait().expect("waits");
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");
    assert!(
        !dir.path().join(".shared.yaml.lock").exists(),
        "removed when the session ends"
    );
    assert_eq!(
        answers_in(&file),
        "\n  # Process\n  maturity: formal\n  written: yes\n"
    );
}

#[test]
fn a_file_size_limit_fails_the_save_without_killing_the_session_or_losing_the_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("limit.yaml");
    // Enough for the header and the first answer, not for the second: the
    // process may write no file larger than this (`ulimit -f`).
    let mut cmd = Command::new("prlimit");
    cmd.arg("--fsize=300").arg(env!("CARGO_BIN_EXE_ecodiag"));
    let Some(mut p) = spawn_assess(cmd, &file) else {
        return;
    };
    expect(&mut p, "[1/7] Process");
    p.send("2").expect("type");
    expect(&mut p, "[2/7] Process");
    let saved = std::fs::read_to_string(&file).expect("first answer saved");
    assert!(
        saved.len() <= 300 && saved.contains("maturity: formal"),
        "{saved}"
    );
    p.send("y").expect("type");
    expect(&mut p, "Could not save to");
    expect(&mut p, "File too large");
    expect(&mut p, "kept in memory");
    expect(&mut p, "2  Save to another file");
    p.send("1").expect("try again");
    expect(&mut p, "File too large");
    p.send("\u{3}").expect("ctrl-c");
    let said = rest(&mut p);
    let status = p.get_process().wait().expect("waits");
    assert!(
        matches!(status, WaitStatus::Exited(_, 130)),
        "not killed by SIGXFSZ: {status:?}"
    );
    assert!(said.contains("could not be saved"), "{said}");
    assert!(
        said.contains("  written: yes"),
        "the unsaved answer is printed: {said}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        saved,
        "the last save is intact"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["limit.yaml"], "no temporary file is left behind");
}

/// `assess` on the mini questionnaire under `cmd` (a wrapper such as
/// `prlimit`), or `None` when the wrapper is missing.
fn spawn_assess(mut cmd: Command, answers: &Path) -> Option<expectrl::session::OsSession> {
    if Command::new(cmd.get_program()).arg("--version").output().is_err() {
        // Said plainly, so a skipped test is not taken for a passed one.
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {:?} is not installed",
            cmd.get_program()
        );
        return None;
    }
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
    Some(session)
}

#[test]
fn text_from_files_reaches_the_screen_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ecodiag"));
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("CLICOLOR_FORCE")
        .arg("assess")
        .arg("--assessment")
        .arg(fixture("workshop-hostile.yaml"))
        .arg("--answers")
        .arg(dir.path().join("hostile.yaml"))
        .args([
            "--client",
            "Evil\u{1b}[5m Co",
            "--respondent",
            "Ann",
            "--role",
            "team",
        ]);
    let mut p = Session::spawn(cmd).expect("spawns in a pty");
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    let mut screen = seen(&mut p, "[1/7] Process");
    p.send("2").expect("type");
    screen.push_str(&seen(&mut p, "[2/7] Process"));
    p.send("\u{3}").expect("ctrl-c");
    screen.push_str(&rest(&mut p));
    for raw in [
        "\u{1b}]0;pwned",
        "\u{7}",
        "\u{1b}[2J",
        "\u{1b}[31m",
        "\u{202e}",
        "\rFAKE",
        "\u{1b}[5m",
    ] {
        assert!(
            !screen.contains(raw),
            "{raw:?} reached the terminal raw:\n{screen:?}"
        );
    }
    for shown in [
        "\\u{1b}]0;pwned\\u{7}",
        "Process \\u{1b}[2J",
        "\\u{1b}[31mis",
        "\\u{202e}process",
        "Formal\\u{d}FAKE",
    ] {
        assert!(screen.contains(shown), "{shown:?} is shown escaped:\n{screen}");
    }
}

#[test]
fn a_menu_answers_on_one_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("menu.yaml");
    let mut p = assess(&file);
    expect(&mut p, "[1/7] Process");
    p.send("m").expect("menu");
    expect(&mut p, "2  Tools");
    // `2` goes to the second bucket at once: no filter to type, no Enter.
    p.send("2").expect("type");
    expect(&mut p, "[4/7] Tools");
    p.send("\u{3}").expect("ctrl-c");
    rest(&mut p);
}
