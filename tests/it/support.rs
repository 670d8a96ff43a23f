//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use ecodiag::answers::{self, Answers};
use ecodiag::diagnostic::SourceFile;
use ecodiag::questionnaire::{self, Questionnaire};
use ecodiag::yaml::Limits;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The binary, run from the repository root with a clean, colourless environment.
pub fn ecodiag() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ecodiag"));
    cmd.current_dir(root())
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("ECODIAG_LIMITS")
        .env_remove("ECODIAG_CONFIG")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

pub fn load_questionnaire(name: &str, text: &str) -> Questionnaire {
    match questionnaire::from_source(SourceFile::new(name, text), &Limits::DEFAULT) {
        Ok(loaded) => loaded.questionnaire,
        Err(err) => panic!(
            "{name} does not load: {}",
            ecodiag::error::render_error(&err, false)
        ),
    }
}

pub fn mini() -> Questionnaire {
    load_questionnaire(
        "mini.yaml",
        &std::fs::read_to_string(fixture("mini.yaml")).expect("fixture"),
    )
}

pub fn answers_for(q: &Questionnaire, name: &str, text: &str) -> Answers {
    let parsed = answers::parse(SourceFile::new(name, text), &Limits::DEFAULT).expect("answers parse");
    match answers::check(&parsed, q) {
        Ok((answers, _)) => answers,
        Err(err) => panic!(
            "{name} does not check: {}",
            ecodiag::error::render_error(&err, false)
        ),
    }
}

/// Runs a command: its exit code, standard output and standard error.
pub fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}
