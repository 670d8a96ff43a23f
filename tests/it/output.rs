//! What `-o` does with what is already there: regular files, links, devices,
//! FIFOs, read-only files, other users' files, missing folders and the
//! command's own inputs; `-o -`, format from the file name, `-` as input,
//! and the width of tables.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::{ecodiag, fixture, root};

/// A scratch folder with an answers file `a.yaml`, a second one `b.yaml`, a
/// questionnaire `q.yaml` with answers `m.yaml`, a project file, and a
/// folder of answers with a baseline report.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    let copy = |from: PathBuf, to: &str| {
        std::fs::copy(from, p.join(to)).expect("copy");
    };
    copy(root().join("examples/healthy-saas.yaml"), "a.yaml");
    copy(root().join("examples/broken-ecosystem.yaml"), "b.yaml");
    copy(fixture("mini.yaml"), "q.yaml");
    copy(fixture("mini-answers.yaml"), "m.yaml");
    std::fs::write(p.join("ecodiag.toml"), "format = \"table\"\n").expect("config");
    std::fs::create_dir_all(p.join("answers")).expect("mkdir");
    std::fs::create_dir_all(p.join("reports")).expect("mkdir");
    std::fs::create_dir_all(p.join("folder")).expect("mkdir");
    copy(root().join("examples/healthy-saas.yaml"), "answers/acme.yaml");
    copy(root().join("examples/broken-ecosystem.yaml"), "folder/acme.yaml");
    let out = at(p, &["score", "a.yaml", "-f", "json", "-o", "reports/acme.json"]);
    assert_eq!(out.status.code(), Some(0));
    dir
}

fn at(dir: &Path, args: &[&str]) -> Output {
    ecodiag().current_dir(dir).args(args).output().expect("runs")
}

fn with_stdin(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = ecodiag()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("writes");
    child.wait_with_output().expect("runs")
}

/// Every entry under `dir`: content, mode and link target, to prove a
/// refused command touched nothing.
fn state(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read_dir") {
            let path = entry.expect("entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("meta");
            let what = if meta.file_type().is_symlink() {
                format!("link to {}", std::fs::read_link(&path).expect("link").display())
            } else if meta.is_dir() {
                stack.push(path.clone());
                "folder".to_owned()
            } else {
                let bytes = std::fs::read(&path).expect("read");
                format!(
                    "{:o} {} bytes, inode {}, {:x}",
                    meta.permissions().mode() & 0o777,
                    bytes.len(),
                    meta.ino(),
                    bytes
                        .iter()
                        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)))
                )
            };
            all.insert(path.strip_prefix(dir).expect("inside").to_path_buf(), what);
        }
    }
    all
}

/// Refusals, each with exit code 2, a message that says what to do, and
/// nothing written. The table is snapshotted.
#[test]
fn refused_outputs_write_nothing() {
    let dir = scratch();
    let p = dir.path();
    std::fs::write(p.join("ro.md"), "keep me").expect("write");
    std::fs::set_permissions(p.join("ro.md"), std::fs::Permissions::from_mode(0o444)).expect("chmod");
    symlink("a.yaml", p.join("alias.yaml")).expect("link");
    std::fs::hard_link(p.join("a.yaml"), p.join("hard.yaml")).expect("hard link");
    std::fs::write(p.join("existing.yaml"), "edited answers").expect("write");
    let cases: &[(&str, &[&str], Option<&str>)] = &[
        ("a name ending in /", &["score", "a.yaml", "-o", "nodir/"], None),
        (
            "a missing folder",
            &["score", "a.yaml", "-o", "missing/report.md"],
            None,
        ),
        ("a folder", &["score", "a.yaml", "-o", "folder"], None),
        ("a read-only file", &["score", "a.yaml", "-o", "ro.md"], None),
        ("the answers file", &["score", "a.yaml", "-o", "a.yaml"], None),
        (
            "the answers file, spelt otherwise",
            &["score", "a.yaml", "-o", "./folder/../a.yaml"],
            None,
        ),
        (
            "the answers file, through a link",
            &["score", "a.yaml", "-o", "alias.yaml"],
            None,
        ),
        (
            "the answers file, by a hard link",
            &["score", "a.yaml", "-o", "hard.yaml"],
            None,
        ),
        (
            "the questionnaire",
            &["score", "m.yaml", "-a", "q.yaml", "-o", "q.yaml"],
            None,
        ),
        (
            "the project file",
            &[
                "score",
                "a.yaml",
                "--config",
                "ecodiag.toml",
                "-o",
                "ecodiag.toml",
            ],
            None,
        ),
        (
            "a side of a diff",
            &["diff", "a.yaml", "b.yaml", "-o", "b.yaml"],
            None,
        ),
        (
            "a file check walks",
            &["check", "answers/", "-o", "answers/acme.yaml"],
            None,
        ),
        (
            "a baseline report",
            &[
                "check",
                "answers/",
                "--baseline",
                "reports/",
                "-o",
                "reports/acme.json",
            ],
            None,
        ),
        (
            "the questionnaire, even with --force",
            &["init", "-a", "q.yaml", "-o", "q.yaml", "--force"],
            None,
        ),
        ("existing answers", &["init", "-o", "existing.yaml"], None),
        (
            "a format the name contradicts",
            &["score", "a.yaml", "-f", "json", "-o", "r.md"],
            None,
        ),
        (
            "a format the command lacks",
            &["score", "a.yaml", "-o", "r.xml"],
            None,
        ),
        ("standard input twice", &["diff", "-", "-"], Some("")),
        (
            "reports that would collide",
            &[
                "check",
                "a.yaml",
                "answers/acme.yaml",
                "folder/acme.yaml",
                "--save-reports",
                "saved/",
            ],
            None,
        ),
        (
            "bad answers on standard input",
            &["score", "-"],
            Some("assessment: sales-ecosystem\nclient: [\n"),
        ),
    ];
    let before = state(p);
    let mut table = String::new();
    for (name, args, input) in cases {
        let out = match input {
            Some(text) => with_stdin(p, args, text),
            None => at(p, args),
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}");
        assert_eq!(state(p), before, "{name}: nothing is written");
        let _ = write!(table, "## {name}\n$ ecodiag {}\n{stderr}\n", args.join(" "));
    }
    insta::assert_snapshot!(table);
}

/// A regular file is replaced by rename (a new inode) and keeps its mode.
#[test]
fn a_regular_file_is_replaced_whole_keeping_its_mode() {
    let dir = scratch();
    let out = dir.path().join("report.txt");
    std::fs::write(&out, "old").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let inode = std::fs::metadata(&out).expect("meta").ino();
    assert_eq!(
        at(dir.path(), &["score", "a.yaml", "-o", "report.txt"])
            .status
            .code(),
        Some(0)
    );
    let meta = std::fs::metadata(&out).expect("meta");
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    assert_ne!(meta.ino(), inode, "replaced by rename, never half-written");
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .contains("Northwind Analytics")
    );
}

/// `--force` replaces a read-only file, which stays read-only.
#[test]
fn force_replaces_a_read_only_file_and_keeps_it_read_only() {
    let dir = scratch();
    let out = dir.path().join("ro.md");
    std::fs::write(&out, "old").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = at(dir.path(), &["score", "a.yaml", "-o", "ro.md", "--force"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .starts_with("# Sales Ecosystem")
    );
    assert_eq!(
        std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777,
        0o444
    );
}

/// A link is written through: it stays a link, its target gets the report.
#[test]
fn a_link_is_written_through_to_its_target() {
    let dir = scratch();
    let p = dir.path();
    std::fs::write(p.join("real.md"), "old").expect("write");
    std::fs::set_permissions(p.join("real.md"), std::fs::Permissions::from_mode(0o600)).expect("chmod");
    symlink("real.md", p.join("link.md")).expect("link");
    symlink("made.md", p.join("dangling.md")).expect("link");
    for (args, target) in [
        (&["score", "a.yaml", "-o", "link.md"][..], "real.md"),
        (&["check", "answers/", "-o", "link.md"][..], "real.md"),
        (&["score", "a.yaml", "-o", "dangling.md"][..], "made.md"),
    ] {
        let out = at(p, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            std::fs::symlink_metadata(p.join(args[args.len() - 1]))
                .expect("meta")
                .file_type()
                .is_symlink(),
            "{args:?}: the link stays a link"
        );
        assert!(
            std::fs::read_to_string(p.join(target)).expect("read").len() > 100,
            "{args:?}"
        );
    }
    assert_eq!(
        std::fs::metadata(p.join("real.md"))
            .expect("meta")
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
}

/// A device is written in place, never replaced: `/dev/null` through a link.
#[test]
fn a_device_is_written_in_place() {
    let dir = scratch();
    let p = dir.path();
    symlink("/dev/null", p.join("null")).expect("link");
    for args in [
        &["score", "a.yaml", "-o", "null"][..],
        &["check", "answers/", "-o", "null"][..],
        &["init", "-o", "null"][..],
    ] {
        let out = at(p, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::symlink_metadata(p.join("null"))
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::metadata("/dev/null")
                .expect("meta")
                .file_type()
                .is_char_device()
        );
    }
}

/// A FIFO's reader gets the bytes; the FIFO stays a FIFO.
#[test]
fn a_fifo_reader_gets_the_report() {
    let dir = scratch();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        let _ = writeln!(std::io::stderr(), "skipped: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(&fifo)
                .expect("opens")
                .read_to_string(&mut text)
                .expect("reads");
            text
        })
    };
    let out = at(dir.path(), &["score", "a.yaml", "-f", "markdown", "-o", "pipe"]);
    assert_eq!(out.status.code(), Some(0));
    let text = reader.join().expect("reader");
    assert!(text.starts_with("# Sales Ecosystem Diagnostic"), "{text}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo()
    );
}

/// `-o -`, `-o /dev/stdout`: standard output, and no file named `-`.
#[test]
fn a_dash_and_dev_stdout_are_standard_output() {
    let dir = scratch();
    let p = dir.path();
    for args in [
        &["score", "a.yaml", "-o", "-"][..],
        &["score", "a.yaml", "-o", "/dev/stdout"][..],
        &["check", "answers/", "-o", "-"][..],
        &["diff", "a.yaml", "b.yaml", "-o", "-"][..],
        &["init", "-o", "-"][..],
    ] {
        let out = at(p, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stdout.len() > 100, "{args:?}");
    }
    assert!(!p.join("-").exists());
}

/// Without `--format`, the `-o` file's extension names the format.
#[test]
fn the_file_name_chooses_the_format() {
    let dir = scratch();
    let p = dir.path();
    let read = |name: &str| std::fs::read_to_string(p.join(name)).expect("written");
    for (args, file, start) in [
        (
            &["score", "a.yaml", "-o", "r.html"][..],
            "r.html",
            "<!DOCTYPE html>",
        ),
        (
            &["score", "a.yaml", "-o", "r.md"][..],
            "r.md",
            "# Sales Ecosystem",
        ),
        (&["score", "a.yaml", "-o", "r.json"][..], "r.json", "{"),
        (
            &["score", "a.yaml", "-o", "r.txt"][..],
            "r.txt",
            "Sales Ecosystem",
        ),
        (&["diff", "a.yaml", "b.yaml", "-o", "d.md"][..], "d.md", "# "),
        (&["diff", "a.yaml", "b.yaml", "-o", "d.json"][..], "d.json", "{"),
        (&["check", "answers/", "-o", "c.xml"][..], "c.xml", "<?xml"),
        (
            &["check", "answers/", "-o", "c.json"][..],
            "c.json",
            "{\"schema_version\"",
        ),
        (&["check", "answers/", "-o", "c.md"][..], "c.md", "## "),
        // An explicit format that agrees, in capitals.
        (
            &["score", "a.yaml", "-f", "html", "-o", "R.HTML"][..],
            "R.HTML",
            "<!DOCTYPE html>",
        ),
    ] {
        let out = at(p, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(read(file).starts_with(start), "{args:?}: {}", read(file));
    }
}

/// `-` reads the answers from standard input; problems name `<stdin>`.
#[test]
fn a_dash_reads_standard_input() {
    let dir = scratch();
    let text = std::fs::read_to_string(dir.path().join("a.yaml")).expect("read");
    let out = with_stdin(dir.path(), &["score", "-", "-f", "json"], &text);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Northwind Analytics"));
    let out = with_stdin(dir.path(), &["diff", "b.yaml", "-"], &text);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("after:  <stdin>"));
    let out = with_stdin(dir.path(), &["score", "-"], "client: [\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[<stdin>:1:9]"));
}

/// Tables follow `COLUMNS` and `--width`; off a terminal no word is broken.
#[test]
fn tables_follow_the_width_and_keep_words_whole() {
    // The widest table line (prose lines are wrapped on their own terms).
    let width = |out: &Output| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '╞', '├', '└']))
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
    };
    let columns = |n: &str| {
        ecodiag()
            .args(["score", "examples/macro-culprits.yaml"])
            .env("COLUMNS", n)
            .output()
            .expect("runs")
    };
    let (narrow, default) = (columns("70"), columns("100"));
    // A column never gets narrower than its longest word, so a narrow table
    // may run a little past the width rather than break one.
    assert!(
        width(&narrow) <= 75 && width(&default) > 90,
        "COLUMNS=70 gives {}, 100 gives {}",
        width(&narrow),
        width(&default)
    );
    let typed = ecodiag()
        .args(["score", "examples/macro-culprits.yaml", "--width", "120"])
        .env("COLUMNS", "80")
        .output()
        .expect("runs");
    assert!(
        width(&typed) > 100 && width(&typed) <= 120,
        "--width 120 gives {}",
        width(&typed)
    );
    let show = ecodiag().args(["show"]).output().expect("runs");
    let text = String::from_utf8_lossy(&show.stdout);
    for id in [
        "value-proposition.inconsistent",
        "value-proposition.no-decision-and-discounts",
    ] {
        assert!(text.contains(id), "{id} is broken across lines");
    }
    let out = ecodiag().args(["show", "--width", "10"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

/// Run as another user (root only, with `setpriv`): a file that user may
/// not write is refused; a file of ours they may write is written in place,
/// so it keeps its owner.
#[test]
fn another_users_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    std::fs::copy(root().join("examples/healthy-saas.yaml"), p.join("a.yaml")).expect("copy");
    std::fs::write(p.join("theirs.md"), "keep").expect("write");
    std::fs::write(p.join("shared.md"), "old").expect("write");
    std::fs::set_permissions(p.join("shared.md"), std::fs::Permissions::from_mode(0o666)).expect("chmod");
    let as_nobody = |output: &str| {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_ecodiag"))
            .args(["score", "a.yaml", "-o", output])
            .current_dir(p)
            .env("NO_COLOR", "1")
            .output()
    };
    let owner = std::fs::metadata(p.join("theirs.md")).expect("meta").uid();
    let runs = match as_nobody("theirs.md") {
        Ok(out) if owner == 0 && out.status.code() != Some(127) => out,
        _ => {
            let _ = writeln!(
                std::io::stderr(),
                "skipped: needs root and setpriv to act as another user"
            );
            return;
        }
    };
    assert_eq!(
        runs.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&runs.stderr)
    );
    assert!(String::from_utf8_lossy(&runs.stderr).contains("this user may not write it"));
    assert_eq!(
        std::fs::read_to_string(p.join("theirs.md")).expect("read"),
        "keep"
    );
    let shared = as_nobody("shared.md").expect("runs");
    assert_eq!(
        shared.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&shared.stderr)
    );
    let meta = std::fs::metadata(p.join("shared.md")).expect("meta");
    assert_eq!(meta.uid(), 0, "written in place, it keeps its owner");
    assert_eq!(meta.permissions().mode() & 0o777, 0o666);
    assert!(
        std::fs::read_to_string(p.join("shared.md"))
            .expect("read")
            .contains("Northwind")
    );
}
