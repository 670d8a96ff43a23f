//! A workshop session: the questionnaire, the answers so far, and the file
//! they are saved to after every change. Which questions are visible follows
//! the answers, since `show_if` reads earlier ones.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::lock::Lock;
use super::merge;
use super::store;
use crate::answers::{self, Answers, Given, Value};
use crate::engine::{self, Status};
use crate::error::Error;
use crate::questionnaire::{GroupIx, Loaded, QuestionIx, Questionnaire};

#[derive(Debug)]
pub struct Session {
    loaded: Arc<Loaded>,
    answers: Answers,
    /// The answers file as named on the command line (or chosen).
    path: PathBuf,
    /// Where saves go: `path`, or the file its links lead to.
    target: PathBuf,
    /// This session's claim on the file; released when the session ends.
    lock: Lock,
    /// The answers as the file held them when this session last read or wrote
    /// it; `None` while the file has not been written yet.
    base: Option<Answers>,
    /// That file's text: to notice a change on disk, and the layout kept.
    text: Option<String>,
    /// Per question: its `show_if` holds (or it has none).
    visible: Vec<bool>,
    /// How the questionnaire was named on the command line, when it was a
    /// file rather than a bundled id: a resumed session needs it again.
    pub assessment_arg: Option<String>,
}

/// What a save did besides writing the file, in words for the screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    pub notes: Vec<String>,
}

impl Session {
    /// A session on `path`, whose lock the caller holds. `on_disk` is the
    /// file's text when it exists, and `answers` what it holds.
    pub fn new(
        loaded: Arc<Loaded>,
        answers: Answers,
        path: PathBuf,
        lock: Lock,
        on_disk: Option<String>,
    ) -> Self {
        let mut session = Session {
            visible: Vec::new(),
            base: on_disk.is_some().then(|| answers.clone()),
            text: on_disk,
            target: store::target(&path),
            loaded,
            answers,
            path,
            lock,
            assessment_arg: None,
        };
        session.refresh();
        session
    }

    pub fn questionnaire(&self) -> &Questionnaire {
        &self.loaded.questionnaire
    }

    pub fn loaded(&self) -> &Arc<Loaded> {
        &self.loaded
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Changes the answers in memory; they are saved by the next [`save`].
    ///
    /// [`save`]: Session::save
    pub fn answers_mut(&mut self) -> &mut Answers {
        &mut self.answers
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn lock(&self) -> &Lock {
        &self.lock
    }

    pub fn is_visible(&self, ix: QuestionIx) -> bool {
        self.visible.get(ix).copied().unwrap_or(false)
    }

    pub fn value(&self, ix: QuestionIx) -> Option<&Value> {
        self.answers.value(ix)
    }

    /// Records an answer in memory (keeping any note it had) and updates
    /// which questions are visible.
    pub fn record(&mut self, ix: QuestionIx, value: Value) {
        let slot = &mut self.answers.values[ix];
        match slot {
            Some(given) => given.value = value,
            None => *slot = Some(Given { value, note: None }),
        }
        self.refresh();
    }

    /// Records an answer and saves it.
    pub fn set(&mut self, ix: QuestionIx, value: Value) -> Result<Saved, Error> {
        self.record(ix, value);
        self.save(Some(ix))
    }

    /// Saves the answers: the file is read again first, and what changed
    /// there since this session last read or wrote it is merged in (see
    /// [`merge`]); then it is written whole and atomically, its comments and
    /// layout kept where they can be. `asked` is the question just answered.
    /// On failure nothing changes: the answers stay in memory, to save again
    /// or elsewhere.
    pub fn save(&mut self, asked: Option<QuestionIx>) -> Result<Saved, Error> {
        let q = &self.loaded.questionnaire;
        let mut notes = Vec::new();
        let disk = store::read(&self.path)?;
        let unchanged = self.base.is_some() && disk.as_ref().map(|s| s.text()) == self.text.as_deref();
        let merged = match (&disk, &self.base) {
            _ if unchanged => self.answers.clone(),
            (Some(source), base) => {
                let theirs = self.read_theirs(source)?;
                let base = base.clone().unwrap_or_else(|| Answers {
                    values: vec![None; q.questions.len()],
                    ..self.answers.clone()
                });
                let merged = merge::merge(q, &base, &self.answers, &theirs, asked);
                if !merged.notes.is_empty() {
                    notes.push(format!(
                        "{} was changed outside this session; both are merged.",
                        self.path.display()
                    ));
                }
                notes.extend(merged.notes);
                merged.answers
            }
            (None, Some(_)) => {
                notes.push(format!(
                    "{} was removed outside this session; it is written again with every answer.",
                    self.path.display()
                ));
                self.answers.clone()
            }
            (None, None) => self.answers.clone(),
        };
        let layout = disk.as_ref().map(|s| s.text()).or(self.text.as_deref());
        let text = match layout {
            Some(layout) => {
                let updated = answers::edit::update(q, layout, &merged);
                if !updated.kept {
                    notes.push(format!(
                        "{}'s own layout could not be kept; it is now written in ecodiag's layout.",
                        self.path.display()
                    ));
                }
                updated.text
            }
            None => answers::write::to_yaml(q, &merged),
        };
        store::write(&self.target, &self.path, &text)?;
        self.answers = merged.clone();
        self.base = Some(merged);
        self.text = Some(text);
        self.refresh();
        Ok(Saved { notes })
    }

    /// The file as it is now on disk, checked against this questionnaire.
    fn read_theirs(&self, source: &crate::diagnostic::SourceFile) -> Result<Answers, Error> {
        let parsed = answers::parse(source.clone(), &crate::yaml::Limits::DEFAULT)?;
        let q = &self.loaded.questionnaire;
        if parsed.assessment() != q.id {
            return Err(Error::Usage(format!(
                "{} now answers the assessment `{}`, not `{}`",
                self.path.display(),
                parsed.assessment(),
                q.id
            )));
        }
        answers::check(&parsed, q).map(|(answers, _)| answers)
    }

    /// Moves the session to another file (after a failed save): its lock is
    /// taken over, and the answers are written there whole at the next save.
    /// The file must not exist yet.
    pub fn move_to(&mut self, path: PathBuf, lock: Lock) {
        self.target = store::target(&path);
        self.path = path;
        self.lock = lock;
        self.base = None;
    }

    /// Questions whose answer in memory is not yet in the file.
    pub fn unsaved(&self) -> Vec<QuestionIx> {
        (0..self.answers.values.len())
            .filter(|&ix| {
                let saved = self.base.as_ref().and_then(|b| b.values[ix].as_ref());
                self.answers.values[ix].as_ref() != saved
            })
            .collect()
    }

    /// The unsaved answers as lines of an answers file, to copy by hand.
    pub fn unsaved_lines(&self) -> Vec<String> {
        let q = self.questionnaire();
        self.unsaved()
            .into_iter()
            .filter_map(|ix| {
                let given = self.answers.values[ix].as_ref()?;
                let question = &q.questions[ix];
                Some(format!(
                    "  {}: {}",
                    answers::write::scalar(&question.id),
                    answers::write::given_text(question, given)
                ))
            })
            .collect()
    }

    fn refresh(&mut self) {
        let eval = engine::evaluate(self.questionnaire(), &self.answers);
        self.visible = eval
            .questions
            .iter()
            .map(|s| s.status != Status::Hidden)
            .collect();
    }

    /// Visible questions, in questionnaire order.
    pub fn visible(&self) -> impl Iterator<Item = QuestionIx> + '_ {
        (0..self.visible.len()).filter(|&ix| self.visible[ix])
    }

    /// Visible questions with any recorded answer, "don't know" included.
    pub fn given_count(&self) -> usize {
        self.visible().filter(|&ix| self.value(ix).is_some()).count()
    }

    /// Visible questions answered "don't know".
    pub fn unknown_count(&self) -> usize {
        self.visible()
            .filter(|&ix| self.value(ix) == Some(&Value::Unknown))
            .count()
    }

    /// Visible questions with no answer yet.
    pub fn open_count(&self) -> usize {
        self.visible().filter(|&ix| self.value(ix).is_none()).count()
    }

    /// 1-based position of a question among the visible ones, and their number.
    pub fn position(&self, ix: QuestionIx) -> (usize, usize) {
        let before = self.visible().filter(|&v| v < ix).count();
        (before + 1, self.visible().count())
    }

    /// Visible questions of one group, and how many of them have an answer.
    pub fn group_progress(&self, group: GroupIx) -> (usize, usize) {
        let q = self.questionnaire();
        let mine: Vec<QuestionIx> = self
            .visible()
            .filter(|&ix| q.questions[ix].group == group)
            .collect();
        let given = mine.iter().filter(|&&ix| self.value(ix).is_some()).count();
        (given, mine.len())
    }

    /// The `ecodiag assess` command line that picks this session up again.
    pub fn resume_command(&self) -> String {
        let mut cmd = format!(
            "ecodiag assess --answers {}",
            shell_word(&self.path.display().to_string())
        );
        if let Some(arg) = &self.assessment_arg {
            cmd.push_str(" --assessment ");
            cmd.push_str(&shell_word(arg));
        }
        cmd
    }
}

/// A word a POSIX shell reads back unchanged: bare when it is plain, else in
/// single quotes.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '+' | '=' | ','));
    if plain {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Where a session stood when it ended, for the closing message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub given: usize,
    pub visible: usize,
    pub unknown: usize,
    pub open: usize,
}

impl Session {
    pub fn tally(&self) -> Tally {
        Tally {
            given: self.given_count(),
            visible: self.visible().count(),
            unknown: self.unknown_count(),
            open: self.open_count(),
        }
    }

    /// Where one bucket stands: its visible questions, how many have an
    /// answer, how many "don't know", and its score so far.
    pub fn group_recap(&self, group: GroupIx) -> (Tally, Option<f64>) {
        let q = self.questionnaire();
        let mine: Vec<QuestionIx> = self
            .visible()
            .filter(|&ix| q.questions[ix].group == group)
            .collect();
        let count = |f: &dyn Fn(Option<&Value>) -> bool| mine.iter().filter(|&&ix| f(self.value(ix))).count();
        let tally = Tally {
            given: count(&|v| v.is_some()),
            visible: mine.len(),
            unknown: count(&|v| v == Some(&Value::Unknown)),
            open: count(&|v| v.is_none()),
        };
        let score = engine::evaluate(q, &self.answers)
            .groups
            .get(group)
            .and_then(|g| g.score);
        (tally, score)
    }
}

impl Tally {
    /// Where a set of answers stands, without a session.
    pub fn of(q: &Questionnaire, answers: &Answers) -> Tally {
        let statuses = engine::evaluate(q, answers).questions;
        let visible: Vec<QuestionIx> = (0..q.questions.len())
            .filter(|&ix| statuses.get(ix).is_some_and(|s| s.status != Status::Hidden))
            .collect();
        let count =
            |f: &dyn Fn(Option<&Value>) -> bool| visible.iter().filter(|&&ix| f(answers.value(ix))).count();
        Tally {
            given: count(&|v| v.is_some()),
            visible: visible.len(),
            unknown: count(&|v| v == Some(&Value::Unknown)),
            open: count(&|v| v.is_none()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn shell_words_survive_a_shell() {
        assert_eq!(shell_word("acme-2026-03-14.yaml"), "acme-2026-03-14.yaml");
        assert_eq!(shell_word("my answers.yaml"), "'my answers.yaml'");
        assert_eq!(shell_word("it's.yaml"), r"'it'\''s.yaml'");
        assert_eq!(shell_word(""), "''");
    }
}
