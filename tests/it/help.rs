//! The command line's own documentation: every `--help` snapshotted, every
//! example in them run as a user would run it, completion scripts and man
//! pages generated from the same definitions.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::CommandFactory;
use ecodiag::cli::Cli;

use crate::support::ecodiag;

/// Every command's name, the root first (as an empty name).
fn commands() -> Vec<String> {
    std::iter::once(String::new())
        .chain(Cli::command().get_subcommands().map(|s| s.get_name().to_owned()))
        .collect()
}

fn help(command: &str) -> String {
    let mut cmd = ecodiag();
    if !command.is_empty() {
        cmd.arg(command);
    }
    let out = cmd.arg("--help").output().expect("runs");
    assert!(out.status.success(), "`ecodiag {command} --help` fails");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn every_help_is_snapshotted() {
    for command in commands() {
        let name = if command.is_empty() {
            "root".to_owned()
        } else {
            command.clone()
        };
        insta::assert_snapshot!(format!("help_{name}"), help(&command));
    }
}

/// The lines of the `Examples:` block at the end of a help text.
fn examples(help: &str) -> Vec<String> {
    let Some((_, block)) = help.rsplit_once("\nExamples:\n") else {
        return Vec::new();
    };
    block
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_owned())
        .collect()
}

/// A user's folder: answers kept under `answers/`, last quarter's answers,
/// a saved report; and a home with the folders completions and man pages go to.
fn sandbox(root: &Path) -> (PathBuf, PathBuf) {
    let home = root.join("home");
    for dir in [
        ".local/share/bash-completion/completions",
        ".zfunc",
        ".local/share/man/man1",
    ] {
        std::fs::create_dir_all(home.join(dir)).expect("home folder");
    }
    let work = root.join("work");
    std::fs::create_dir_all(work.join("answers")).expect("answers folder");
    std::fs::create_dir_all(work.join("reports")).expect("reports folder");
    let demo = ecodiag().args(["demo", "--answers"]).output().expect("runs");
    assert!(demo.status.success());
    let answers = String::from_utf8(demo.stdout).expect("utf-8");
    std::fs::write(work.join("answers/acme.yaml"), &answers).expect("write");
    let earlier = answers.replace("date: 2026-10-02", "date: 2026-07-01");
    assert_ne!(earlier, answers, "the demo's date moved; update the sandbox");
    std::fs::write(work.join("last-quarter.yaml"), earlier).expect("write");
    let report = ecodiag()
        .args(["score", "--format", "json", "-o"])
        .arg(work.join("reports/acme.json"))
        .arg(work.join("answers/acme.yaml"))
        .output()
        .expect("runs");
    assert!(report.status.success());
    (home, work)
}

#[test]
fn every_example_in_the_help_runs_from_an_installed_binary() {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_ecodiag"));
    let path = std::env::join_paths(
        std::iter::once(binary.parent().expect("bin folder").to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .expect("PATH");
    let mut ran = 0;
    for command in commands() {
        // `assess` needs a terminal; tests/it/pty.rs drives it for real.
        if command == "assess" {
            continue;
        }
        let found = examples(&help(&command));
        assert!(!found.is_empty(), "`ecodiag {command} --help` has no example");
        let dir = tempfile::tempdir().expect("temp dir");
        let (home, work) = sandbox(dir.path());
        for example in found {
            let out = Command::new("bash")
                .args(["-o", "pipefail", "-c", &example])
                .current_dir(&work)
                .env("PATH", &path)
                .env("HOME", &home)
                .env("NO_COLOR", "1")
                .env_remove("ECODIAG_CONFIG")
                .env_remove("ECODIAG_LIMITS")
                .output()
                .expect("bash runs");
            assert!(
                out.status.success(),
                "`{example}` (from `ecodiag {command} --help`) exits {:?}:\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 20, "only {ran} examples ran");
}

#[test]
fn the_bash_completion_script_is_snapshotted_and_parses() {
    let out = ecodiag().args(["completions", "bash"]).output().expect("runs");
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).expect("utf-8");
    for command in commands().iter().filter(|c| !c.is_empty()) {
        assert!(script.contains(command.as_str()), "{command} is not completed");
    }
    assert!(script.contains("--min-coverage") && script.contains("github"));
    insta::assert_snapshot!("completions_bash", script);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("ecodiag.bash");
    std::fs::write(&file, &script).expect("write");
    let parsed = Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .expect("bash runs");
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    // Sourced in a shell, it registers the completion.
    let sourced = Command::new("bash")
        .arg("-c")
        .arg(format!(". {} && complete -p ecodiag", file.display()))
        .output()
        .expect("bash runs");
    assert!(
        String::from_utf8_lossy(&sourced.stdout).contains("_ecodiag"),
        "{}",
        String::from_utf8_lossy(&sourced.stderr)
    );
}

/// Says plainly what a test could not check on this machine.
fn skipped(what: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "skipped: {what}");
}

/// A shell's syntax check, when the shell is installed.
fn shell_accepts(shell: &str, args: &[&str], script: &Path) -> Option<bool> {
    let out = Command::new(shell).args(args).arg(script).output().ok()?;
    Some(out.status.success())
}

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    for (shell, check) in [
        ("zsh", Some(("zsh", &["-n"][..]))),
        ("fish", Some(("fish", &["--no-execute"][..]))),
        ("powershell", None),
        ("elvish", None),
    ] {
        let out = ecodiag().args(["completions", shell]).output().expect("runs");
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).expect("utf-8");
        for command in ["demo", "score", "validate", "completions", "man"] {
            assert!(script.contains(command), "{shell} script lacks {command}");
        }
        if let Some((program, args)) = check {
            let dir = tempfile::tempdir().expect("temp dir");
            let file = dir.path().join("script");
            std::fs::write(&file, &script).expect("write");
            match shell_accepts(program, args, &file) {
                Some(ok) => assert!(ok, "{program} refuses the script"),
                None => skipped(&format!(
                    "{program} is not installed: its script's syntax is not checked"
                )),
            }
        }
    }
    let bad = ecodiag().args(["completions", "tcsh"]).output().expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_man_page_head_is_snapshotted_and_every_command_has_a_page() {
    let out = ecodiag().arg("man").output().expect("runs");
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).expect("utf-8");
    let head: Vec<&str> = page.lines().take(30).collect();
    insta::assert_snapshot!("man_head", head.join("\n"));
    for section in [
        ".SH SYNOPSIS",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
        ".SH ENVIRONMENT",
        ".SH FILES",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for command in commands().iter().filter(|c| !c.is_empty()) {
        assert!(
            page.contains(&format!("ecodiag\\-{command}(1)")),
            "{command} not listed"
        );
        let sub = ecodiag().args(["man", command]).output().expect("runs");
        assert!(sub.status.success(), "{command}");
        let sub = String::from_utf8(sub.stdout).expect("utf-8");
        assert!(sub.contains(&format!(".TH ecodiag-{command} 1")), "{command}");
    }
    let unknown = ecodiag().args(["man", "frobnicate"]).output().expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("not an ecodiag command"));
}

#[test]
fn the_man_page_typesets_without_warnings() {
    let out = ecodiag().arg("man").output().expect("runs");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("ecodiag.1");
    std::fs::write(&file, &out.stdout).expect("write");
    match Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&file)
        .output()
    {
        Ok(run) => assert!(
            run.status.success() && run.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        ),
        Err(_) => skipped("groff is not installed: the man page is not typeset"),
    }
}
