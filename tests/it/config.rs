//! Finding the project file as cargo and just do: `--config`, else
//! `ECODIAG_CONFIG`, else the nearest `ecodiag.toml` in the current folder
//! or above it, up to the repository's root; paths inside it are relative to
//! its own folder.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{ecodiag, fixture};

/// root/ecodiag.toml naming a questionnaire by a path relative to itself,
/// root/q/mini.yaml, and an answers file two folders down, in root/a/b.
fn project(config: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("q")).expect("q");
    std::fs::create_dir_all(root.join("a/b")).expect("a/b");
    std::fs::copy(fixture("mini.yaml"), root.join("q/mini.yaml")).expect("copy");
    std::fs::copy(fixture("mini-answers.yaml"), root.join("a/b/answers.yaml")).expect("copy");
    std::fs::write(root.join("ecodiag.toml"), config).expect("write");
    let deep = root.join("a/b");
    (dir, deep)
}

fn run(dir: &Path, args: &[&str], env: Option<&Path>) -> Output {
    let mut cmd = ecodiag();
    cmd.current_dir(dir).args(args);
    if let Some(path) = env {
        cmd.env("ECODIAG_CONFIG", path);
    }
    cmd.output().expect("runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const CONFIG: &str = "assessment = \"q/mini.yaml\"\nformat = \"markdown\"\nclient = \"Acme Ltd\"\n";

#[test]
fn a_project_file_two_folders_up_is_found_and_its_paths_start_from_it() {
    let (_dir, deep) = project(CONFIG);
    let out = run(&deep, &["score", "answers.yaml"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Markdown, from the file; scored against q/mini.yaml, relative to it.
    assert!(
        stdout(&out).starts_with("# Mini Diagnostic — Mini Co"),
        "{}",
        stdout(&out)
    );
    // `init` starts a file with its client and assessment.
    let init = run(&deep, &["init", "-o", "new.yaml"], None);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    let written = std::fs::read_to_string(deep.join("new.yaml")).expect("written");
    assert!(
        written.contains("client: Acme Ltd") && written.contains("assessment: mini"),
        "{written}"
    );
}

#[test]
fn a_problem_in_a_found_file_is_located_by_its_path_from_here() {
    let (_dir, deep) = project("asessment = \"q/mini.yaml\"\n");
    let out = run(&deep, &["score", "answers.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("../../ecodiag.toml:1:1"),
        "{}",
        stderr(&out)
    );
    // --no-config reads none, so the broken file is not read.
    let out = run(
        &deep,
        &["score", "answers.yaml", "--no-config", "-a", "../../q/mini.yaml"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Mini Diagnostic — Mini Co"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_environment_beats_the_search_and_the_flag_beats_both() {
    let (dir, deep) = project(CONFIG);
    let json = dir.path().join("json.toml");
    std::fs::write(&json, "assessment = \"q/mini.yaml\"\nformat = \"json\"\n").expect("write");
    let html = dir.path().join("html.toml");
    std::fs::write(&html, "assessment = \"q/mini.yaml\"\nformat = \"html\"\n").expect("write");
    let out = run(&deep, &["score", "answers.yaml"], Some(&json));
    assert!(stdout(&out).starts_with('{'), "{}", stderr(&out));
    let flag = html.to_str().expect("utf-8 path");
    let out = run(&deep, &["score", "answers.yaml", "--config", flag], Some(&json));
    assert!(stdout(&out).starts_with("<!DOCTYPE html>"), "{}", stderr(&out));
    // An empty variable is as good as none.
    let out = run(&deep, &["score", "answers.yaml"], Some(Path::new("")));
    assert!(stdout(&out).starts_with("# Mini"), "{}", stderr(&out));
    // A variable naming nothing is an error, not a silent fallback.
    let out = run(
        &deep,
        &["score", "answers.yaml"],
        Some(&dir.path().join("missing.toml")),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ECODIAG_CONFIG names"), "{}", stderr(&out));
}

#[test]
fn the_search_stops_at_the_root_of_the_git_repository() {
    let (dir, deep) = project(CONFIG);
    std::fs::create_dir(dir.path().join("a/.git")).expect(".git");
    // The file above the repository is not read: `mini` is no bundled assessment.
    let out = run(&deep, &["score", "answers.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mini"), "{}", stderr(&out));
    // One at the repository's root is.
    std::fs::write(
        dir.path().join("a/ecodiag.toml"),
        "assessment = \"../q/mini.yaml\"\n",
    )
    .expect("write");
    let out = run(&deep, &["score", "answers.yaml"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Mini Diagnostic"), "{}", stdout(&out));
}
