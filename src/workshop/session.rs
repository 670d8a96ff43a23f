//! A workshop session: the questionnaire, the answers so far, and the file
//! they are saved to after every change. Which questions are visible follows
//! the answers, since `show_if` reads earlier ones.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::answers::{self, Answers, Given, Value};
use crate::engine::{self, Status};
use crate::error::Error;
use crate::questionnaire::{GroupIx, Loaded, QuestionIx, Questionnaire};

#[derive(Debug)]
pub struct Session {
    loaded: Arc<Loaded>,
    answers: Answers,
    path: PathBuf,
    /// Per question: its `show_if` holds (or it has none).
    visible: Vec<bool>,
    /// How the questionnaire was named on the command line, when it was a
    /// file rather than a bundled id: a resumed session needs it again.
    pub assessment_arg: Option<String>,
}

impl Session {
    pub fn new(loaded: Arc<Loaded>, answers: Answers, path: PathBuf) -> Self {
        let mut session = Session {
            visible: Vec::new(),
            loaded,
            answers,
            path,
            assessment_arg: None,
        };
        session.refresh();
        session
    }

    pub fn questionnaire(&self) -> &Questionnaire {
        &self.loaded.questionnaire
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn answers_mut(&mut self) -> &mut Answers {
        &mut self.answers
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_visible(&self, ix: QuestionIx) -> bool {
        self.visible.get(ix).copied().unwrap_or(false)
    }

    pub fn value(&self, ix: QuestionIx) -> Option<&Value> {
        self.answers.value(ix)
    }

    /// Records an answer (keeping any note it had), saves the file, and
    /// updates which questions are visible.
    pub fn set(&mut self, ix: QuestionIx, value: Value) -> Result<(), Error> {
        let slot = &mut self.answers.values[ix];
        match slot {
            Some(given) => given.value = value,
            None => *slot = Some(Given { value, note: None }),
        }
        self.refresh();
        self.save()
    }

    /// Writes the whole file atomically: a crash leaves the previous save or
    /// this one, never half of either.
    pub fn save(&self) -> Result<(), Error> {
        let text = answers::write::to_yaml(self.questionnaire(), &self.answers);
        let error = |source: std::io::Error| Error::Write {
            path: self.path.display().to_string(),
            source,
        };
        let mut file = atomic_write_file::AtomicWriteFile::open(&self.path).map_err(error)?;
        file.write_all(text.as_bytes()).map_err(error)?;
        file.commit().map_err(error)
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
