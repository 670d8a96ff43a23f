//! The workshop's answers file under pressure: edited by hand while a session
//! runs, unwritable mid-session, reached through a link, resumed by someone
//! else; and the room's clock. Driven by the scripted prompter; the real
//! processes are in `pty.rs`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ecodiag::answers::{Role, Value};
use ecodiag::commands::{Terminal, assess_with};
use ecodiag::workshop::{Lock, Setup};

use crate::support::mini;
use crate::workshop::{
    Interrupt, Meanwhile, Pick, Q, Scripted, Text, answer, play, saved, setup, tidy, value,
};

/// Replaces text in a file, as a person editing it would.
fn hand_edit(path: &Path, from: &'static str, to: &'static str) -> Box<dyn FnOnce()> {
    let path = path.to_path_buf();
    Box::new(move || {
        let text = fs::read_to_string(&path).expect("the file is there");
        assert!(text.contains(from), "{from:?} in:\n{text}");
        fs::write(&path, text.replacen(from, to, 1)).expect("hand edit");
    })
}

fn leak(path: &Path) -> &'static str {
    Box::leak(path.display().to_string().into_boxed_str())
}

#[test]
fn a_hand_edit_made_during_a_session_is_merged_not_reverted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let file = setup.answers.clone().expect("path");
    let (_, transcript) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(1))),
            // While the room discusses `written`, someone adds a note, an
            // answer with a comment, a comment of their own, and fixes the
            // client's name.
            Meanwhile(hand_edit(
                &file,
                "  maturity: formal\n",
                "  maturity: { value: formal, note: agreed in the room }\n  adoption: 40  # from the CRM export\n",
            )),
            Meanwhile(hand_edit(
                &file,
                "client: Mini Co\n",
                "# Reviewed by Ann.\nclient: Mini Company Ltd\n",
            )),
            Q("written", answer(Value::Bool(true))),
            Q("kit", answer(Value::Multi(vec![0]))),
            // `adoption` is answered now: the walk passes it by.
            Q("hours", answer(Value::Number(2.0))),
            Q("trust", Reply::Skip),
            Interrupt,
        ],
    );
    insta::assert_snapshot!(transcript);
    let text = fs::read_to_string(&file).expect("file");
    assert!(text.contains("# Reviewed by Ann.\n"), "{text}");
    assert!(text.contains("  adoption: 40  # from the CRM export\n"), "{text}");
    let a = saved(&file);
    assert_eq!(a.client, "Mini Company Ltd");
    let q = mini();
    let maturity = a.values[q.question("maturity").expect("id")]
        .clone()
        .expect("given");
    assert_eq!(maturity.note.as_deref(), Some("agreed in the room"));
    assert_eq!(value(&a, "adoption"), Some(Value::Number(40.0)));
    assert_eq!(value(&a, "written"), Some(Value::Bool(true)));
    assert_eq!(value(&a, "kit"), Some(Value::Multi(vec![0])));
    assert_eq!(value(&a, "hours"), Some(Value::Number(2.0)));
}

use ecodiag::workshop::Reply;

#[test]
fn the_answer_just_given_wins_over_the_same_answer_changed_by_hand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let file = setup.answers.clone().expect("path");
    let (_, transcript) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(1))),
            Q("written", answer(Value::Bool(true))),
            Q("kit", Reply::Back),
            // Asked again, `written` is changed on screen and by hand at once.
            Meanwhile(hand_edit(
                &file,
                "  written: yes\n",
                "  written: yes\n  hours: 7\n",
            )),
            Meanwhile(hand_edit(
                &file,
                "  written: yes\n",
                "  written: no # only in heads\n",
            )),
            Q("written", answer(Value::Bool(true))),
            Q("kit", answer(Value::Multi(vec![1]))),
            Interrupt,
        ],
    );
    assert!(
        transcript.contains(
            "Changed on both sides: `written`: kept this session's answer (yes) over the file's (no)."
        ),
        "{transcript}"
    );
    let text = fs::read_to_string(&file).expect("file");
    assert!(text.contains("  written: yes # only in heads\n"), "{text}");
    let a = saved(&file);
    assert_eq!(
        value(&a, "hours"),
        Some(Value::Number(7.0)),
        "the file's own addition stays"
    );
}

/// A session whose answers file sits in `dir/sub`.
fn in_sub(dir: &Path) -> (Setup, PathBuf) {
    fs::create_dir(dir.join("sub")).expect("sub");
    let file = dir.join("sub/mini.yaml");
    (
        Setup {
            answers: Some(file.clone()),
            ..setup(dir)
        },
        file,
    )
}

/// Takes the folder away (a file stands in its place): every save fails,
/// for root too.
fn break_folder(dir: &Path) -> Box<dyn FnOnce()> {
    let dir = dir.to_path_buf();
    Box::new(move || {
        fs::rename(dir.join("sub"), dir.join("sub.away")).expect("move away");
        fs::write(dir.join("sub"), "not a folder").expect("stand-in");
    })
}

fn mend_folder(dir: &Path) -> Box<dyn FnOnce()> {
    let dir = dir.to_path_buf();
    Box::new(move || {
        fs::remove_file(dir.join("sub")).expect("stand-in gone");
        fs::rename(dir.join("sub.away"), dir.join("sub")).expect("moved back");
    })
}

#[test]
fn a_failed_save_keeps_the_answer_and_tries_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (setup, file) = in_sub(dir.path());
    let (_, transcript) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(1))),
            Meanwhile(break_folder(dir.path())),
            Q("written", answer(Value::Bool(true))),
            Pick(Some("Try again")),
            Meanwhile(mend_folder(dir.path())),
            Pick(Some("Try again")),
            Q("kit", answer(Value::Multi(vec![0]))),
            Interrupt,
        ],
    );
    insta::assert_snapshot!(transcript);
    let a = saved(&file);
    assert_eq!(value(&a, "written"), Some(Value::Bool(true)));
    assert_eq!(value(&a, "kit"), Some(Value::Multi(vec![0])));
}

#[test]
fn a_failed_save_can_go_to_another_file_which_becomes_the_sessions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (setup, _) = in_sub(dir.path());
    let taken = dir.path().join("taken.yaml");
    fs::write(&taken, "someone else's file").expect("write");
    let elsewhere = dir.path().join("elsewhere.yaml");
    let lock_file = dir.path().join(".elsewhere.yaml.lock");
    let lock_seen = lock_file.clone();
    let (outcome, transcript) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(1))),
            Meanwhile(break_folder(dir.path())),
            Q("written", answer(Value::Bool(true))),
            Pick(Some("another file")),
            Text(Some(leak(&taken))),
            Text(Some(leak(&elsewhere))),
            Meanwhile(Box::new(move || {
                assert!(lock_seen.exists(), "the new file is locked")
            })),
            Q("kit", answer(Value::Multi(vec![0]))),
            Interrupt,
        ],
    );
    let transcript = tidy(&transcript, dir.path());
    assert!(
        transcript
            .contains("<dir>/taken.yaml already exists, and answers are never written over another file"),
        "{transcript}"
    );
    assert!(
        transcript.contains("Saved to <dir>/elsewhere.yaml: the session goes on in that file."),
        "{transcript}"
    );
    assert_eq!(fs::read_to_string(&taken).expect("file"), "someone else's file");
    let a = saved(&elsewhere);
    assert_eq!(value(&a, "maturity"), Some(Value::Choice(1)));
    assert_eq!(value(&a, "written"), Some(Value::Bool(true)));
    assert_eq!(value(&a, "kit"), Some(Value::Multi(vec![0])));
    let stopped = tidy(&outcome.messages.join("\n"), dir.path());
    assert!(
        stopped.contains("saved 3 of 8 answers to <dir>/elsewhere.yaml"),
        "{stopped}"
    );
    assert!(!lock_file.exists(), "released at the end");
}

#[test]
fn stopping_with_answers_unsaved_prints_them_to_copy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (setup, _) = in_sub(dir.path());
    let (outcome, _) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(1))),
            Meanwhile(break_folder(dir.path())),
            Q("written", answer(Value::Bool(true))),
            Interrupt,
        ],
    );
    assert_eq!(outcome.exit_code(), 130);
    let stopped = tidy(&outcome.messages.join("\n"), dir.path());
    assert!(
        stopped.starts_with(
            "Stopped: 1 of the answers given could not be saved to <dir>/sub/mini.yaml. \
             Copy them under `answers:` in that file, as they are here:\n  written: yes\n"
        ),
        "{stopped}"
    );
}

#[cfg(unix)]
#[test]
fn an_answers_file_reached_through_a_link_is_written_through_with_its_mode() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("shared")).expect("dir");
    let real = dir.path().join("shared/mini.yaml");
    fs::write(
        &real,
        "assessment: mini\nclient: Mini Co\nanswers:\n  maturity: formal # agreed\n",
    )
    .expect("write");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).expect("chmod");
    let link = dir.path().join("mini.yaml");
    symlink("shared/mini.yaml", &link).expect("link");
    let setup = Setup {
        client: None,
        respondent: None,
        role: None,
        ..setup(dir.path())
    };
    let real_again = real.clone();
    play(
        &setup,
        vec![
            // The lock is on the link's target: a session on the file itself
            // is refused too.
            Meanwhile(Box::new(move || {
                let err = Lock::acquire(&real_again).expect_err("already locked");
                assert!(
                    err.to_string()
                        .contains(&format!("process {}", std::process::id())),
                    "{err}"
                );
            })),
            Q("written", answer(Value::Bool(false))),
            Interrupt,
        ],
    );
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "still a link"
    );
    let text = fs::read_to_string(&real).expect("target");
    assert!(
        text.contains("  maturity: formal # agreed\n  written: no\n"),
        "{text}"
    );
    let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_read_only_answers_file_is_not_replaced_and_the_answer_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = Setup {
        client: None,
        respondent: None,
        role: None,
        ..setup(dir.path())
    };
    let file = setup.answers.clone().expect("path");
    let text = "assessment: mini\nclient: Mini Co\nanswers:\n  maturity: formal\n";
    fs::write(&file, text).expect("write");
    let mut ro = fs::metadata(&file).expect("meta").permissions();
    ro.set_readonly(true);
    fs::set_permissions(&file, ro).expect("read-only");
    let (outcome, transcript) = play(
        &setup,
        vec![Q("written", answer(Value::Bool(true))), Pick(None), Interrupt],
    );
    assert!(transcript.contains("the file is read-only"), "{transcript}");
    assert_eq!(fs::read_to_string(&file).expect("file"), text);
    assert!(
        outcome.messages[0].contains("  written: yes"),
        "{:?}",
        outcome.messages
    );
}

/// A file answered by Jo Lee, a team.
fn jos_file(dir: &Path) -> (Setup, PathBuf, &'static str) {
    let setup = setup(dir);
    let file = setup.answers.clone().expect("path");
    let text = "assessment: mini\nclient: Mini Co\nrespondent: { name: Jo Lee, role: team }\nanswers:\n  maturity: formal\n";
    fs::write(&file, text).expect("write");
    (
        Setup {
            respondent: Some("Sam".to_owned()),
            role: Some(Role::Ceo),
            ..setup
        },
        file,
        text,
    )
}

#[test]
fn resuming_as_someone_else_asks_before_rewriting_who_answered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (setup, file, text) = jos_file(dir.path());
    let (_, transcript) = play(&setup, vec![Pick(Some("Keep")), Interrupt]);
    assert!(
        transcript.contains(
            "<dir>/mini.yaml was answered by Jo Lee (team), and this session was started for Sam (ceo)"
        ),
        "{transcript}"
    );
    assert_eq!(
        fs::read_to_string(&file).expect("file"),
        text,
        "Keep leaves the file alone"
    );

    play(&setup, vec![Pick(Some("Record")), Interrupt]);
    let a = saved(&file);
    assert_eq!(a.respondent.name.as_deref(), Some("Sam"));
    assert_eq!(a.respondent.role, Some(Role::Ceo));
}

#[test]
fn resuming_fills_in_a_respondent_the_file_lacks_without_asking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let file = setup.answers.clone().expect("path");
    fs::write(
        &file,
        "assessment: mini\nclient: Mini Co\nanswers:\n  maturity: formal\n",
    )
    .expect("write");
    play(&setup, vec![Interrupt]);
    let a = saved(&file);
    assert_eq!(a.respondent.name.as_deref(), Some("Jo Lee"));
    assert_eq!(a.respondent.role, Some(Role::Team));
}

#[test]
fn the_time_box_is_shared_by_the_buckets_and_an_overrun_is_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Eight questions in eight minutes: Process has five, Tools two, the
    // macro culprits one. Each question here takes three minutes.
    let setup = Setup {
        minutes: Some(8),
        ..setup(dir.path())
    };
    let mut p = Scripted::new(vec![
        Q("maturity", answer(Value::Choice(1))),
        Q("written", answer(Value::Bool(false))),
        Q("hours", answer(Value::Number(2.0))),
        Q("adoption", answer(Value::Number(80.0))),
        Interrupt,
    ]);
    p.tick = Duration::from_secs(180);
    assess_with(&setup, &mut p, &Terminal::PLAIN, Some(false)).expect("runs");
    insta::assert_snapshot!(tidy(&p.transcript, dir.path()));
}

#[test]
fn the_start_of_a_session_and_show_give_the_same_duration() {
    let dir = tempfile::tempdir().expect("temp dir");
    for b in ecodiag::questionnaire::BUNDLED {
        let loaded = ecodiag::questionnaire::bundled(b.id).expect("bundled");
        let said = ecodiag::questionnaire::duration_text(&loaded.questionnaire);
        let show = crate::support::ecodiag()
            .args(["show", b.id])
            .output()
            .expect("runs");
        let outline = String::from_utf8_lossy(&show.stdout);
        assert!(outline.contains(&said), "{outline}");
        let setup = Setup {
            assessment: Some(b.id.to_owned()),
            answers: Some(dir.path().join(format!("{}.yaml", b.id))),
            ..setup(dir.path())
        };
        let (_, transcript) = play(&setup, vec![Interrupt]);
        assert!(
            transcript.contains(&format!("[Text] {said} Stop at any time")),
            "{transcript}"
        );
    }
}
