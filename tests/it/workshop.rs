//! The workshop flow, driven by a scripted prompter: answering, going back,
//! skipping, "don't know", `show_if`, the menu, resuming a partial file,
//! reviewing, and stopping with Ctrl-C. Every step is saved, so the tests
//! read the file back as `score` would.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ecodiag::answers::{self, Answers, Role, Value};
use ecodiag::commands::{Outcome, Terminal, assess_with};
use ecodiag::questionnaire::QuestionIx;
use ecodiag::workshop::{Ask, ChooseAsk, Prompter, Reply, Setup, Shown, Stop, TextAsk};
use ecodiag::yaml::Limits;

use insta_cmd::assert_cmd_snapshot;

use crate::support::{ecodiag, fixture, mini, root};

/// One expected prompt and what the "user" does at it.
pub enum Step {
    /// A question with this id is asked; reply so.
    Q(&'static str, Reply),
    /// A text prompt; type this (`None`: leave it empty).
    Text(Option<&'static str>),
    /// A list; pick the item containing this text (`None`: Esc).
    Pick(Option<&'static str>),
    /// Ctrl-C at the next prompt, whatever it is.
    Interrupt,
    /// Something done meanwhile (a hand edit of the file), before the next
    /// prompt is answered.
    Meanwhile(Box<dyn FnOnce()>),
}

impl std::fmt::Debug for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Q(id, reply) => write!(f, "Q({id:?}, {reply:?})"),
            Text(t) => write!(f, "Text({t:?})"),
            Pick(p) => write!(f, "Pick({p:?})"),
            Interrupt => f.write_str("Interrupt"),
            Meanwhile(_) => f.write_str("Meanwhile(..)"),
        }
    }
}

pub use Step::{Interrupt, Meanwhile, Pick, Q, Text};

/// Plays a script and writes down everything it was shown and asked. Its
/// clock moves on `tick` at every question.
pub struct Scripted {
    steps: VecDeque<Step>,
    pub transcript: String,
    start: Instant,
    pub tick: Duration,
    questions: u32,
}

impl Scripted {
    pub fn new(steps: Vec<Step>) -> Self {
        Scripted {
            steps: steps.into(),
            transcript: String::new(),
            start: Instant::now(),
            tick: Duration::ZERO,
            questions: 0,
        }
    }

    fn next(&mut self, what: &str) -> Step {
        loop {
            match self.steps.pop_front() {
                Some(Meanwhile(act)) => act(),
                Some(step) => return step,
                None => panic!(
                    "the script ran out at {what}; transcript so far:\n{}",
                    self.transcript
                ),
            }
        }
    }
}

impl Prompter for Scripted {
    fn now(&self) -> Instant {
        self.start + self.tick * self.questions
    }

    fn show(&mut self, kind: Shown, text: &str) -> Result<(), Stop> {
        for line in text.lines() {
            self.transcript.push_str(&format!("  [{kind:?}] {line}\n"));
        }
        Ok(())
    }

    fn question(&mut self, ask: &Ask<'_>) -> Result<Reply, Stop> {
        if self.tick > Duration::ZERO {
            self.transcript
                .push_str(&format!("  (time) {}\n", (ask.timing)(self.now())));
        }
        self.questions += 1;
        let id = ask.question.id.as_str();
        let now = ask
            .current
            .map_or_else(|| "—".to_owned(), |v| answers::display(ask.question, Some(v)));
        match self.next(id) {
            Q(want, reply) => {
                assert_eq!(
                    id, want,
                    "asked the wrong question; transcript:\n{}",
                    self.transcript
                );
                self.transcript
                    .push_str(&format!("? {} | {id} (now: {now}) -> {reply:?}\n", ask.progress));
                Ok(reply)
            }
            Interrupt => {
                self.transcript
                    .push_str(&format!("? {} | {id} -> Ctrl-C\n", ask.progress));
                Err(Stop::Interrupted)
            }
            other => panic!(
                "expected {other:?}, but {id} was asked; transcript:\n{}",
                self.transcript
            ),
        }
    }

    fn text(&mut self, ask: &TextAsk<'_>) -> Result<Option<String>, Stop> {
        match self.next(ask.label) {
            Text(typed) => {
                self.transcript
                    .push_str(&format!("? {} -> {typed:?}\n", ask.label));
                Ok(typed.map(str::to_owned))
            }
            Interrupt => {
                self.transcript.push_str(&format!("? {} -> Ctrl-C\n", ask.label));
                Err(Stop::Interrupted)
            }
            other => panic!("expected {other:?}, but was asked {:?}", ask.label),
        }
    }

    fn choose(&mut self, ask: &ChooseAsk<'_>) -> Result<Option<usize>, Stop> {
        match self.next(ask.label) {
            Pick(None) => {
                self.transcript
                    .push_str(&format!("? {} {:?} -> Esc\n", ask.label, ask.items));
                Ok(None)
            }
            Pick(Some(want)) => {
                let Some(ix) = ask.items.iter().position(|item| item.contains(want)) else {
                    panic!(
                        "no item {want:?} in {:?}; transcript:\n{}",
                        ask.items, self.transcript
                    );
                };
                self.transcript
                    .push_str(&format!("? {} {:?} -> {}\n", ask.label, ask.items, ask.items[ix]));
                Ok(Some(ix))
            }
            Interrupt => Err(Stop::Interrupted),
            other => panic!("expected {other:?}, but was asked to choose {:?}", ask.label),
        }
    }
}

pub fn setup(dir: &Path) -> Setup {
    Setup {
        assessment: Some(fixture("mini.yaml").display().to_string()),
        answers: Some(dir.join("mini.yaml")),
        client: Some("Mini Co".to_owned()),
        respondent: Some("Jo Lee".to_owned()),
        role: Some(Role::Team),
        date: jiff::civil::date(2026, 3, 14),
        review: false,
        minutes: None,
        dir: dir.to_path_buf(),
    }
}

/// Runs the script to its end; fails if any step is left over.
pub fn play(setup: &Setup, steps: Vec<Step>) -> (Outcome, String) {
    let mut p = Scripted::new(steps);
    let outcome = match assess_with(setup, &mut p, &Terminal::PLAIN, Some(false)) {
        Ok(outcome) => outcome,
        Err(e) => panic!(
            "assess failed: {}\ntranscript:\n{}",
            ecodiag::error::render_error(&e, false),
            p.transcript
        ),
    };
    assert!(
        p.steps.is_empty(),
        "steps left over: {:?}\ntranscript:\n{}",
        p.steps,
        p.transcript
    );
    let transcript = tidy(&p.transcript, &setup.dir);
    (outcome, transcript)
}

/// Paths that differ between machines, replaced by names.
pub fn tidy(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "<dir>")
        .replace(&root().display().to_string(), "<root>")
}

/// The file as `score` reads it.
pub fn saved(path: &Path) -> Answers {
    let parsed = answers::read(path, &Limits::DEFAULT).expect("the saved file parses");
    let (answers, warnings) = answers::check(&parsed, &mini()).expect("the saved file checks");
    assert!(warnings.is_empty(), "{warnings:?}");
    answers
}

pub fn value(a: &Answers, id: &str) -> Option<Value> {
    let ix: QuestionIx = mini().question(id).expect("question");
    a.value(ix).cloned()
}

pub fn answer(v: Value) -> Reply {
    Reply::Answer(v)
}

#[test]
fn a_first_pass_saves_every_answer_and_ends_with_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let file = setup.answers.clone().expect("path");
    let (outcome, transcript) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(1))),
            Q("written", answer(Value::Bool(true))),
            // `kit` appears: its show_if (`written` is yes) now holds.
            Q("kit", answer(Value::Multi(vec![0, 1]))),
            Q("hours", answer(Value::Number(2.0))),
            Q("adoption", answer(Value::NotApplicable)),
            Q("trust", answer(Value::Scale(3))),
            Q("blame", answer(Value::Unknown)),
            Q("team-size", answer(Value::Number(12.0))),
            // A "don't know" is left: the end menu offers to revisit it.
            Pick(Some("Finish")),
        ],
    );
    insta::assert_snapshot!(transcript);
    let a = saved(&file);
    assert_eq!(a.client, "Mini Co");
    assert_eq!(a.respondent.name.as_deref(), Some("Jo Lee"));
    assert_eq!(a.respondent.role, Some(Role::Team));
    assert_eq!(a.date, Some(jiff::civil::date(2026, 3, 14)));
    assert_eq!(value(&a, "kit"), Some(Value::Multi(vec![0, 1])));
    assert_eq!(value(&a, "adoption"), Some(Value::NotApplicable));
    assert_eq!(value(&a, "blame"), Some(Value::Unknown));
    assert_eq!(value(&a, "team-size"), Some(Value::Number(12.0)));
    assert_eq!(outcome.exit_code(), 0);
    let report = String::from_utf8(outcome.stdout).expect("utf-8");
    assert!(report.contains("Mini Co"), "the report is printed:\n{report}");
    let scored = ecodiag::commands::score(
        &ecodiag::commands::ScoreRequest {
            answers: file.clone(),
            assessment: setup.assessment.clone(),
            format: ecodiag::render::Format::Table,
            output: None,
            force: false,
            config: None,
            targets: Default::default(),
            probe: true,
        },
        &Terminal::PLAIN,
        Some(false),
        &Limits::DEFAULT,
    )
    .expect("scores");
    assert_eq!(
        report.as_bytes(),
        scored.stdout,
        "the report is the one `score` prints"
    );
    insta::assert_snapshot!(tidy(&outcome.messages.join("\n"), dir.path()));
}

#[test]
fn each_answer_is_on_disk_before_the_next_question() {
    // A prompter that reads the file whenever it is asked something.
    struct Peeking {
        file: PathBuf,
        seen: Vec<usize>,
        replies: VecDeque<Reply>,
    }
    impl Prompter for Peeking {
        fn show(&mut self, _: Shown, _: &str) -> Result<(), Stop> {
            Ok(())
        }
        fn question(&mut self, _: &Ask<'_>) -> Result<Reply, Stop> {
            let given = saved(&self.file).values.iter().flatten().count();
            self.seen.push(given);
            self.replies.pop_front().ok_or(Stop::Interrupted)
        }
        fn text(&mut self, _: &TextAsk<'_>) -> Result<Option<String>, Stop> {
            unreachable!("every header field is given")
        }
        fn choose(&mut self, _: &ChooseAsk<'_>) -> Result<Option<usize>, Stop> {
            unreachable!("no menu is reached")
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let mut p = Peeking {
        file: setup.answers.clone().expect("path"),
        seen: Vec::new(),
        replies: [
            answer(Value::Choice(0)),
            answer(Value::Bool(false)),
            answer(Value::Number(0.5)),
            answer(Value::Unknown),
        ]
        .into(),
    };
    let outcome = assess_with(&setup, &mut p, &Terminal::PLAIN, Some(false)).expect("runs");
    assert!(outcome.interrupted);
    assert_eq!(
        p.seen,
        vec![0, 1, 2, 3, 4],
        "one more answer on disk at every prompt"
    );
}

#[test]
fn back_goes_to_the_last_question_and_show_if_follows_the_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let (_, transcript) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(2))),
            Q("written", answer(Value::Bool(true))),
            Q("kit", answer(Value::Multi(vec![0]))),
            Q("hours", Reply::Back),
            Q("kit", Reply::Back),
            // Changing `written` to no hides `kit`: the next question is `hours`.
            Q("written", answer(Value::Bool(false))),
            Q("hours", Reply::Back),
            Q("written", Reply::Back),
            Q("maturity", Reply::Back),
            // Back from the first question stays there.
            Q("maturity", Reply::Skip),
            Q("hours", answer(Value::Number(4.0))),
            Interrupt,
        ],
    );
    insta::assert_snapshot!(transcript);
    let a = saved(setup.answers.as_deref().expect("path"));
    assert_eq!(value(&a, "written"), Some(Value::Bool(false)));
    // The answer to the hidden question is kept (it counts in no score) and
    // comes back if `written` turns yes again.
    assert_eq!(value(&a, "kit"), Some(Value::Multi(vec![0])));
    let text = std::fs::read_to_string(setup.answers.as_deref().expect("path")).expect("file");
    assert!(text.contains("kit: [templates]  # not asked: an earlier answer hides this question"));
}

#[test]
fn skipped_questions_come_back_from_the_end_menu() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let (outcome, transcript) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(1))),
            Q("written", Reply::Skip),
            Q("hours", answer(Value::Number(3.0))),
            Q("adoption", Reply::Skip),
            Q("trust", answer(Value::Scale(2))),
            Q("blame", answer(Value::Scale(3))),
            Q("team-size", answer(Value::Number(8.0))),
            Pick(Some("Answer 2 open questions")),
            Q("written", answer(Value::Bool(false))),
            Q("adoption", answer(Value::Number(95.0))),
        ],
    );
    insta::assert_snapshot!(transcript);
    // Nothing left open and no "don't know": it finishes on its own.
    assert!(!outcome.stdout.is_empty());
    let a = saved(setup.answers.as_deref().expect("path"));
    assert_eq!(value(&a, "adoption"), Some(Value::Number(95.0)));
}

#[test]
fn help_is_shown_on_request_and_the_question_asked_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let (_, transcript) = play(
        &setup,
        vec![
            Q("maturity", Reply::Help),
            Q("maturity", answer(Value::Choice(0))),
            Q("written", answer(Value::Bool(true))),
            Q("kit", Reply::Help),
            Interrupt,
        ],
    );
    assert!(
        transcript.contains("[Help] This question has no further help."),
        "{transcript}"
    );
    assert!(
        transcript.contains("[Help] Asked because `written` is yes."),
        "{transcript}"
    );
}

#[test]
fn an_answer_the_question_cannot_take_is_refused_and_asked_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let (_, transcript) = play(
        &setup,
        vec![
            // `maturity` has no "not applicable".
            Q("maturity", answer(Value::NotApplicable)),
            Q("maturity", answer(Value::Scale(2))),
            Q("maturity", answer(Value::Choice(1))),
            Q("written", answer(Value::Bool(true))),
            // `none` excludes the other options.
            Q("kit", answer(Value::Multi(vec![0, 2]))),
            Q("kit", answer(Value::Multi(vec![2]))),
            Q("hours", answer(Value::Number(1000.0))),
            Q("hours", answer(Value::Number(10.0))),
            Interrupt,
        ],
    );
    insta::assert_snapshot!(transcript);
    let a = saved(setup.answers.as_deref().expect("path"));
    assert_eq!(value(&a, "kit"), Some(Value::Multi(vec![2])));
    assert_eq!(value(&a, "hours"), Some(Value::Number(10.0)));
}

#[test]
fn the_menu_revisits_a_bucket_with_its_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let (outcome, transcript) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(1))),
            Q("written", answer(Value::Bool(false))),
            Q("hours", answer(Value::Number(3.0))),
            Q("adoption", answer(Value::Number(80.0))),
            Q("trust", Reply::Menu),
            Pick(Some("Process")),
            Q("maturity", Reply::Skip),
            Q("written", answer(Value::Bool(true))),
            Q("kit", answer(Value::Multi(vec![1]))),
            Q("hours", Reply::Skip),
            Q("team-size", Reply::Skip),
            // The end of the bucket: three questions are still open.
            Pick(Some("Answer 3 open questions")),
            Q("trust", Reply::Menu),
            Pick(Some("Finish now")),
        ],
    );
    insta::assert_snapshot!(transcript);
    assert!(
        !outcome.stdout.is_empty(),
        "finishing early still shows the report"
    );
    assert!(
        outcome.messages[0].contains("5 of 8 questions answered, 3 left open"),
        "{:?}",
        outcome.messages
    );
}

#[test]
fn dont_know_answers_can_be_revisited() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let (_, transcript) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Unknown)),
            Q("written", answer(Value::Bool(false))),
            Q("hours", answer(Value::Unknown)),
            Q("adoption", answer(Value::Number(50.0))),
            Q("trust", answer(Value::Scale(1))),
            Q("blame", answer(Value::Scale(2))),
            Q("team-size", answer(Value::Number(3.0))),
            Pick(Some("Revisit 2")),
            Q("maturity", answer(Value::Choice(0))),
            Q("hours", answer(Value::Unknown)),
            Pick(Some("Finish")),
        ],
    );
    assert!(transcript.contains("(now: don't know)"), "{transcript}");
}

#[test]
fn ctrl_c_stops_with_where_the_answers_are_and_how_to_resume() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let (outcome, _) = play(
        &setup,
        vec![
            Q("maturity", answer(Value::Choice(1))),
            Q("written", answer(Value::Bool(true))),
            Interrupt,
        ],
    );
    assert_eq!(outcome.exit_code(), 130);
    assert!(outcome.stdout.is_empty());
    insta::assert_snapshot!(tidy(&outcome.messages.join("\n"), dir.path()));
    let a = saved(setup.answers.as_deref().expect("path"));
    assert_eq!(a.values.iter().flatten().count(), 2);
}

#[test]
fn ctrl_c_before_the_first_answer_saves_nothing_when_nothing_was_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = Setup {
        client: None,
        answers: None,
        ..setup(dir.path())
    };
    let (outcome, _) = play(&setup, vec![Interrupt]);
    assert_eq!(outcome.exit_code(), 130);
    assert_eq!(
        outcome.messages,
        ["Stopped before any answer; nothing was saved."]
    );
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn resuming_a_partial_file_starts_at_the_first_open_question() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let file = setup.answers.clone().expect("path");
    std::fs::write(
        &file,
        "assessment: mini\nclient: Mini Co\nrespondent: { name: Jo Lee, role: team }\ndate: 2026-03-01\n\
         answers:\n  maturity: formal\n  written: no\n  hours: { value: 2, note: from the diary }\n  trust: 2\n",
    )
    .expect("write");
    let resumed = Setup {
        client: None,
        respondent: None,
        role: None,
        ..setup.clone()
    };
    let (_, transcript) = play(
        &resumed,
        vec![
            Q("adoption", answer(Value::Number(75.0))),
            // Answered before, so the walk passes it by.
            Q("blame", answer(Value::Scale(2))),
            Q("team-size", Reply::Back),
            Q("blame", Reply::Back),
            Q("adoption", Reply::Back),
            // Before the resumed point, back walks the questionnaire's order.
            Q("hours", answer(Value::Number(3.0))),
            // The next open question is `team-size`.
            Interrupt,
        ],
    );
    insta::assert_snapshot!(transcript);
    let a = saved(&file);
    assert_eq!(
        a.date,
        Some(jiff::civil::date(2026, 3, 1)),
        "a resumed file keeps its date"
    );
    let hours = a.values[mini().question("hours").expect("hours")]
        .clone()
        .expect("given");
    assert_eq!(hours.value, Value::Number(3.0));
    assert_eq!(
        hours.note.as_deref(),
        Some("from the diary"),
        "a changed answer keeps its note"
    );
}

#[test]
fn review_walks_every_answer_and_enter_keeps_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let file = setup.answers.clone().expect("path");
    let text = "assessment: mini\nclient: Mini Co\nanswers:\n  maturity: formal\n  written: no\n  hours: 2\n  \
                adoption: n/a\n  trust: 2\n  blame: 3\n  team-size: 4\n";
    std::fs::write(&file, text).expect("write");
    let review = Setup {
        review: true,
        client: None,
        respondent: None,
        role: None,
        ..setup.clone()
    };
    let (outcome, transcript) = play(
        &review,
        vec![
            Q("maturity", Reply::Skip),
            Q("written", Reply::Skip),
            Q("hours", answer(Value::Number(5.0))),
            Q("adoption", Reply::Skip),
            Q("trust", Reply::Skip),
            Q("blame", Reply::Skip),
            Q("team-size", Reply::Skip),
        ],
    );
    insta::assert_snapshot!(transcript);
    assert!(!outcome.stdout.is_empty());
    let a = saved(&file);
    assert_eq!(value(&a, "hours"), Some(Value::Number(5.0)));
    assert_eq!(value(&a, "adoption"), Some(Value::NotApplicable));
    assert_eq!(a.respondent.role, None, "nothing given is invented");
}

#[test]
fn a_complete_file_goes_straight_to_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let file = setup.answers.clone().expect("path");
    std::fs::write(
        &file,
        "assessment: mini\nclient: Mini Co\nanswers:\n  maturity: formal\n  written: no\n  hours: 2\n  \
         adoption: 80\n  trust: 2\n  blame: 3\n  team-size: 4\n",
    )
    .expect("write");
    let (outcome, _) = play(
        &Setup {
            client: None,
            ..setup
        },
        vec![],
    );
    assert_eq!(outcome.exit_code(), 0);
    assert!(!outcome.stdout.is_empty());
}

#[test]
fn the_default_file_is_named_after_the_client_and_never_takes_another_clients() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = Setup {
        answers: None,
        client: None,
        respondent: None,
        role: None,
        ..setup(dir.path())
    };
    // A first session names the file after the client and the date.
    let (_, first) = play(
        &base,
        vec![
            Text(Some("  ")),
            Text(Some("Acme Ltd")),
            Text(None),
            Pick(Some("ceo")),
            Q("maturity", answer(Value::Choice(0))),
            Interrupt,
        ],
    );
    assert!(first.contains("A client name is needed"), "{first}");
    let acme = dir.path().join("acme-ltd-2026-03-14.yaml");
    let before = std::fs::read_to_string(&acme).expect("acme's file");
    assert!(
        before.contains("client: Acme Ltd") && before.contains("role: ceo"),
        "{before}"
    );

    // Another client whose name makes the same file name gets the next one.
    let (_, second) = play(
        &base,
        vec![
            Text(Some("ACME, Ltd")),
            Text(Some("Sam")),
            Pick(None),
            Q("maturity", answer(Value::Choice(2))),
            Interrupt,
        ],
    );
    insta::assert_snapshot!(second);
    assert_eq!(
        std::fs::read_to_string(&acme).expect("acme's file"),
        before,
        "left alone"
    );
    let other = saved(&dir.path().join("acme-ltd-2026-03-14-2.yaml"));
    assert_eq!(other.client, "ACME, Ltd");
    assert_eq!(
        other.respondent.role,
        Some(Role::Team),
        "Esc keeps the default role"
    );

    // The same client again resumes its own file.
    let (_, third) = play(
        &Setup {
            client: Some("Acme Ltd".to_owned()),
            ..base.clone()
        },
        vec![Interrupt],
    );
    assert!(
        third.contains("Resuming <dir>/acme-ltd-2026-03-14.yaml: 1 of 7"),
        "{third}"
    );
}

#[test]
fn another_clients_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    std::fs::write(
        setup.answers.as_deref().expect("path"),
        "assessment: mini\nclient: Other Co\n",
    )
    .expect("write");
    let mut p = Scripted::new(vec![]);
    let err = assess_with(&setup, &mut p, &Terminal::PLAIN, Some(false)).expect_err("refused");
    assert_eq!(err.exit_code(), 2);
    let text = tidy(&err.to_string(), dir.path());
    assert_eq!(
        text,
        "<dir>/mini.yaml holds the answers of Other Co, not Mini Co; give another --answers file, or leave out --client to resume it"
    );
}

#[test]
fn a_broken_file_is_reported_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = setup(dir.path());
    let file = setup.answers.clone().expect("path");
    let text = "assessment: mini\nclient: Mini Co\nanswers:\n  maturity: fromal\n";
    std::fs::write(&file, text).expect("write");
    let mut p = Scripted::new(vec![]);
    let err = assess_with(&setup, &mut p, &Terminal::PLAIN, Some(false)).expect_err("refused");
    let shown = ecodiag::error::render_error(&err, false);
    assert!(shown.contains("did you mean `formal`?"), "{shown}");
    assert_eq!(std::fs::read_to_string(&file).expect("file"), text);
}

#[test]
fn an_earlier_days_file_is_offered_before_starting_a_new_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let earlier = dir.path().join("mini-co-2026-03-01.yaml");
    std::fs::write(
        &earlier,
        "assessment: mini\nclient: Mini Co\ndate: 2026-03-01\nanswers:\n  maturity: formal\n",
    )
    .expect("write");
    // Another client's file with a similar name is not offered.
    std::fs::write(
        dir.path().join("mini-co-2026-03-02.yaml"),
        "assessment: mini\nclient: Mini Corp\n",
    )
    .expect("write");
    let base = Setup {
        answers: None,
        ..setup(dir.path())
    };
    let (_, continued) = play(&base, vec![Pick(Some("Continue")), Interrupt]);
    insta::assert_snapshot!(continued);
    assert!(!dir.path().join("mini-co-2026-03-14.yaml").exists());

    let (_, fresh) = play(&base, vec![Pick(Some("Start a new file")), Interrupt]);
    assert!(
        fresh.contains("Saving to <dir>/mini-co-2026-03-14.yaml"),
        "{fresh}"
    );
    assert!(dir.path().join("mini-co-2026-03-14.yaml").exists());
    assert_eq!(
        saved(&earlier).values.iter().flatten().count(),
        1,
        "the earlier file is untouched"
    );
}

// ── The command line ──────────────────────────────────────────────────────

#[test]
fn assess_needs_a_terminal() {
    // Standard input and output are pipes here.
    assert_cmd_snapshot!(
        ecodiag()
            .args(["assess", "--client", "Acme"])
            .stdin(std::process::Stdio::piped())
    );
}

#[test]
fn resuming_leaves_the_file_as_it_is_until_something_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let setup = Setup {
        client: None,
        respondent: None,
        role: None,
        ..setup(dir.path())
    };
    let file = setup.answers.clone().expect("path");
    let text =
        "# Filled in by hand.\nassessment: mini\nclient: Mini Co\nanswers:\n  maturity: formal # agreed\n";
    std::fs::write(&file, text).expect("write");
    let (outcome, _) = play(&setup, vec![Interrupt]);
    assert!(outcome.interrupted);
    assert_eq!(std::fs::read_to_string(&file).expect("file"), text);
}
