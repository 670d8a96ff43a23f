//! Versions and migrations end to end: the version policy in every command
//! that reads answers, and `ecodiag migrate` on a real second version of a
//! questionnaire (tests/fixtures/migrate/mini-1.0.0.yaml → mini-2.0.0.yaml:
//! a rename, an option merge, options renamed and dropped, a re-anchored
//! scale, a removal).

use std::fs;
use std::path::{Path, PathBuf};

use insta_cmd::assert_cmd_snapshot;

use crate::support::{ecodiag, fixture, root, run};

const V2: &str = "tests/fixtures/migrate/mini-2.0.0.yaml";

/// The questionnaire, as named from inside a [`workspace`].
fn v2() -> String {
    "mini-2.0.0.yaml".to_owned()
}

/// The migration fixtures copied into a fresh folder, which tests run in.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["acme-1.0.0.yaml", "beta-1.0.0.yaml", "mini-2.0.0.yaml"] {
        fs::copy(fixture("migrate").join(name), dir.path().join(name)).expect("copy");
    }
    dir
}

fn in_dir(dir: &Path) -> std::process::Command {
    let mut cmd = ecodiag();
    cmd.current_dir(dir);
    cmd
}

fn read(path: PathBuf) -> String {
    fs::read_to_string(path).expect("readable")
}

#[test]
fn a_dry_run_reports_every_change_and_writes_nothing() {
    let dir = workspace();
    let before = read(dir.path().join("acme-1.0.0.yaml"));
    assert_cmd_snapshot!(in_dir(dir.path()).args([
        "migrate",
        "--dry-run",
        "acme-1.0.0.yaml",
        "beta-1.0.0.yaml",
        "--assessment",
        &v2()
    ]));
    assert_eq!(read(dir.path().join("acme-1.0.0.yaml")), before);
}

#[test]
fn a_migrated_file_keeps_its_comments_notes_and_layout() {
    let dir = workspace();
    let (code, out, err) =
        run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "beta-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(err, "");
    assert!(
        out.contains("acme-1.0.0.yaml: version 1.0.0 → 2.0.0 (written)"),
        "{out}"
    );
    insta::assert_snapshot!("acme_migrated", read(dir.path().join("acme-1.0.0.yaml")));
    insta::assert_snapshot!("beta_migrated", read(dir.path().join("beta-1.0.0.yaml")));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no lock or temporary file is left: {leftovers:?}"
    );
    // The migrated files score cleanly against the new version.
    for name in ["acme-1.0.0.yaml", "beta-1.0.0.yaml"] {
        let (code, _, err) = run(in_dir(dir.path()).args(["score", name, "-a", &v2()]));
        assert_eq!((code, err.as_str()), (Some(0), ""), "{name}");
    }
}

#[test]
fn migrating_again_changes_nothing() {
    let dir = workspace();
    let first = run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(first.0, Some(0));
    let after = read(dir.path().join("acme-1.0.0.yaml"));
    let (code, out, _) = run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(code, Some(0));
    assert_eq!(out, "acme-1.0.0.yaml: already at version 2.0.0; nothing to do\n");
    assert_eq!(read(dir.path().join("acme-1.0.0.yaml")), after);
}

#[test]
fn answers_to_an_earlier_major_version_are_refused_with_the_way_to_migrate() {
    assert_cmd_snapshot!(ecodiag().args(["score", "tests/fixtures/migrate/acme-1.0.0.yaml", "-a", V2]));
}

#[test]
fn every_command_that_reads_answers_applies_the_version_policy() {
    let old = "tests/fixtures/migrate/acme-1.0.0.yaml";
    let (code, _, err) = run(ecodiag().args(["validate", old, "-a", V2]));
    assert_eq!(code, Some(2));
    assert!(err.contains("answers::major-version"), "validate: {err}");
    let (code, out, _) = run(ecodiag().args(["check", old, "-a", V2]));
    assert_eq!(code, Some(2));
    assert!(
        out.contains("version 2.0.0 renamed, removed or re-anchored"),
        "check: {out}"
    );
    let (code, _, err) =
        run(ecodiag().args(["diff", old, "tests/fixtures/migrate/beta-1.0.0.yaml", "-a", V2]));
    assert_eq!(code, Some(2));
    assert!(err.contains("answers::major-version"), "diff: {err}");

    let dir = tempfile::tempdir().expect("temp dir");
    let cases = dir.path().join("mini.tests.yaml");
    fs::write(
        &cases,
        format!(
            "assessment: {}\ncases:\n  - name: an old file\n    answers_file: {}\n    expect: {{ stage: ecosystem }}\n",
            root().join(V2).display(),
            root().join(old).display()
        ),
    )
    .expect("write");
    let (code, out, err) = run(ecodiag().arg("test").arg(&cases));
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(err.contains("answers::major-version"), "test: {err}");
}

/// A prompter for a session that must be refused before anything is asked.
struct NoPrompts;

impl ecodiag::workshop::Prompter for NoPrompts {
    fn show(&mut self, _: ecodiag::workshop::Shown, _: &str) -> Result<(), ecodiag::workshop::Stop> {
        Err(ecodiag::workshop::Stop::Interrupted)
    }
    fn question(
        &mut self,
        _: &ecodiag::workshop::Ask<'_>,
    ) -> Result<ecodiag::workshop::Reply, ecodiag::workshop::Stop> {
        Err(ecodiag::workshop::Stop::Interrupted)
    }
    fn text(
        &mut self,
        _: &ecodiag::workshop::TextAsk<'_>,
    ) -> Result<Option<String>, ecodiag::workshop::Stop> {
        Err(ecodiag::workshop::Stop::Interrupted)
    }
    fn choose(
        &mut self,
        _: &ecodiag::workshop::ChooseAsk<'_>,
    ) -> Result<Option<usize>, ecodiag::workshop::Stop> {
        Err(ecodiag::workshop::Stop::Interrupted)
    }
}

#[test]
fn a_workshop_does_not_resume_answers_of_an_earlier_major_version() {
    let dir = workspace();
    let file = dir.path().join("acme-1.0.0.yaml");
    let before = read(file.clone());
    let setup = ecodiag::workshop::Setup {
        assessment: Some(dir.path().join(v2()).display().to_string()),
        answers: Some(file.clone()),
        client: None,
        respondent: None,
        role: None,
        date: jiff::civil::date(2026, 3, 14),
        review: false,
        minutes: None,
        dir: dir.path().to_path_buf(),
    };
    let err = ecodiag::commands::assess_with(
        &setup,
        &mut NoPrompts,
        &ecodiag::commands::Terminal::PLAIN,
        Some(false),
    )
    .expect_err("refused");
    let shown = ecodiag::error::render_error(&err, false);
    assert!(
        shown.contains("answers::major-version") && shown.contains("ecodiag migrate"),
        "{shown}"
    );
    assert_eq!(read(file), before, "the file is left as it was");
}

#[test]
fn a_minor_version_apart_warns_and_a_patch_apart_is_silent() {
    let dir = workspace();
    let migrated = run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(migrated.0, Some(0));
    let text = read(dir.path().join("acme-1.0.0.yaml"));
    for (version, warned) in [("2.0.3", false), ("2", false), ("2.1.0", true)] {
        let file = dir.path().join(format!("acme-{version}.yaml"));
        fs::write(
            &file,
            text.replace("version: \"2.0.0\"", &format!("version: \"{version}\"")),
        )
        .expect("write");
        let (code, _, err) = run(in_dir(dir.path()).arg("score").arg(&file).args(["-a", &v2()]));
        assert_eq!(code, Some(0), "{version}: {err}");
        assert_eq!(
            err.contains("answers::version-mismatch"),
            warned,
            "{version}: {err}"
        );
    }
}

#[test]
fn a_file_an_assess_session_holds_is_left_alone() {
    let dir = workspace();
    let file = dir.path().join("acme-1.0.0.yaml");
    let before = read(file.clone());
    // The lock a running `ecodiag assess` session holds on the file.
    let session = ecodiag::workshop::Lock::acquire(&file).expect("session lock");
    let (code, out, err) = run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(code, Some(2), "{out}");
    let pid = std::process::id();
    assert!(
        err.contains(&format!("is open in an `ecodiag assess` session (process {pid}"))
            && err.contains("migrate again"),
        "{err}"
    );
    assert_eq!(read(file.clone()), before, "nothing was written");
    drop(session);
    let (code, _, err) = run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(code, Some(0), "{err}");
    assert_ne!(read(file), before);
    assert!(
        !dir.path().join(".acme-1.0.0.yaml.lock").exists(),
        "the lock is released, and its file removed, once the file is written"
    );
}

#[test]
fn to_names_the_version_migrated_to() {
    let dir = workspace();
    let (code, _, err) =
        run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2(), "--to", "3.0.0"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("--to 3.0.0: the questionnaire `mini`"), "{err}");
    assert!(err.contains("is version 2.0.0"), "{err}");
    let (code, _, err) =
        run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2(), "--to", "2.0.0"]));
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn one_file_that_cannot_be_migrated_does_not_stop_the_others() {
    let dir = workspace();
    fs::write(
        dir.path().join("gamma.yaml"),
        "assessment: mini\nclient: Gamma\nanswers: {}\n",
    )
    .expect("write");
    let (code, out, err) =
        run(in_dir(dir.path()).args(["migrate", "gamma.yaml", "acme-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(code, Some(2));
    assert!(err.contains("migrate::no-version"), "{err}");
    assert!(
        out.contains("acme-1.0.0.yaml: version 1.0.0 → 2.0.0 (written)"),
        "{out}"
    );
}

#[test]
fn a_file_in_flow_style_is_refused_rather_than_rewritten_whole() {
    let dir = workspace();
    let file = dir.path().join("flow.yaml");
    let text = "assessment: mini\nversion: \"1.0.0\"\nclient: Flow\nanswers: { process-maturity: ad-hoc, trust: 4 }\n";
    fs::write(&file, text).expect("write");
    let (code, _, err) = run(in_dir(dir.path()).args(["migrate", "flow.yaml", "-a", &v2()]));
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot be edited in place"), "{err}");
    assert_eq!(read(file), text);
}

#[cfg(unix)]
#[test]
fn a_link_is_followed_and_stays_a_link() {
    let dir = workspace();
    let link = dir.path().join("current.yaml");
    std::os::unix::fs::symlink("acme-1.0.0.yaml", &link).expect("link");
    let (code, _, err) = run(in_dir(dir.path()).args(["migrate", "current.yaml", "-a", &v2()]));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert!(read(dir.path().join("acme-1.0.0.yaml")).contains("version: \"2.0.0\""));
}

/// mini 3.0.0: 2.0.0 with `maturity` renamed `process-level`, and a second
/// step that says so.
fn mini_v3() -> ecodiag::questionnaire::Questionnaire {
    let v2 = read(fixture("migrate/mini-2.0.0.yaml"));
    let text = v2
        .replace("version: \"2.0.0\"", "version: \"3.0.0\"")
        .replace("  - id: maturity\n", "  - id: process-level\n")
        .replace("{ question: maturity,", "{ question: process-level,")
        .replace("{maturity}", "{process-level}")
        + "  - from: \"2.0.0\"\n    to: \"3.0.0\"\n    changes:\n      - { question: maturity, rename: process-level }\n";
    crate::support::load_questionnaire("mini-3.0.0.yaml", &text)
}

fn migrated(q: &ecodiag::questionnaire::Questionnaire, name: &str, text: &str) -> ecodiag::migrate::Migrated {
    let source = ecodiag::diagnostic::SourceFile::new(name, text);
    let parsed = ecodiag::answers::parse(source, &ecodiag::yaml::Limits::DEFAULT).expect("parses");
    match ecodiag::migrate::migrate(&parsed, q) {
        Ok(ecodiag::migrate::Outcome::Migrated(m)) => *m,
        other => panic!("{other:?}"),
    }
}

#[test]
fn steps_chain_from_any_earlier_major_version() {
    let q = mini_v3();
    // From 1.0.0, through both steps: renamed twice, the option merged on the way.
    let from_one = migrated(&q, "acme.yaml", &read(fixture("migrate/acme-1.0.0.yaml")));
    assert!(
        from_one
            .text
            .contains("  process-level: random   # argued about: some said random\n"),
        "{}",
        from_one.text
    );
    assert!(
        from_one
            .text
            .contains("version: \"3.0.0\"   # the questionnaire of March")
    );
    assert!(from_one.changes.contains(&ecodiag::migrate::Change::Renamed {
        from: "process-maturity".to_owned(),
        to: "process-level".to_owned()
    }));
    // From 2.0.0, only the second step.
    let dir = workspace();
    let done = run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(done.0, Some(0));
    let from_two = migrated(&q, "acme.yaml", &read(dir.path().join("acme-1.0.0.yaml")));
    assert_eq!(
        from_two.changes,
        [ecodiag::migrate::Change::Renamed {
            from: "maturity".to_owned(),
            to: "process-level".to_owned()
        }]
    );
    assert_eq!(from_one.answers.values, from_two.answers.values);
}

#[test]
fn an_answer_no_step_accounts_for_is_kept_as_a_comment_not_lost() {
    let q = crate::support::load_questionnaire("mini-2.0.0.yaml", &read(fixture("migrate/mini-2.0.0.yaml")));
    let text = "assessment: mini\nversion: \"1.0.0\"\nclient: Gamma\nanswers:\n  \
                process-maturity: formal\n  forecast: 3   # from the board pack\n  \
                maturity: random\n";
    let m = migrated(&q, "gamma.yaml", text);
    assert_eq!(
        m.text,
        "assessment: mini\nversion: \"2.0.0\"\nclient: Gamma\nanswers:\n  \
         maturity: formal\n  \
         # not carried over to version 2.0.0: `forecast` is not a question of version 2.0.0\n  \
         # forecast: 3   # from the board pack\n  \
         # not carried over to version 2.0.0: `maturity` is answered already, by `process-maturity` in this file\n  \
         # maturity: random\n"
    );
    let kinds: Vec<&str> = m
        .changes
        .iter()
        .map(|c| match c {
            ecodiag::migrate::Change::Renamed { .. } => "renamed",
            ecodiag::migrate::Change::Dropped { .. } => "dropped",
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(kinds, ["renamed", "dropped", "dropped"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_rewritten_only_with_force() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    let file = dir.path().join("acme-1.0.0.yaml");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = read(file.clone());
    let (code, _, err) = run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(file.clone()), before);
    let (code, _, err) = run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2(), "--force"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(read(file.clone()).contains("version: \"2.0.0\""));
    let mode = fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "the file stays read-only");
}

#[test]
fn within_a_major_version_only_the_version_is_recorded() {
    let text = read(fixture("migrate/mini-2.0.0.yaml"));
    let q = crate::support::load_questionnaire(
        "mini-2.1.0.yaml",
        &text.replace("version: \"2.0.0\"", "version: \"2.1.0\""),
    );
    let dir = workspace();
    let done = run(in_dir(dir.path()).args(["migrate", "acme-1.0.0.yaml", "-a", &v2()]));
    assert_eq!(done.0, Some(0));
    let at_two = read(dir.path().join("acme-1.0.0.yaml"));
    let m = migrated(&q, "acme.yaml", &at_two);
    assert!(m.changes.is_empty(), "{:?}", m.changes);
    assert_eq!(
        m.text,
        at_two.replace("version: \"2.0.0\"", "version: \"2.1.0\""),
        "only the version line changes"
    );
}
