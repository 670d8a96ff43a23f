//! The seam between the questionnaire loop and a terminal: a small trait the
//! loop talks to, so the flow can be driven by a script in tests and by
//! inquire prompts for real.

use std::fmt;
use std::io;
use std::time::Instant;

use crate::answers::Value;
use crate::error::Error;
use crate::questionnaire::Question;

/// What the loop asks of whoever sits at the keyboard.
pub trait Prompter {
    /// Shows text between prompts: the intro, a bucket header, help, a notice.
    fn show(&mut self, kind: Shown, text: &str) -> Result<(), Stop>;

    /// Asks one question of the questionnaire.
    fn question(&mut self, ask: &Ask<'_>) -> Result<Reply, Stop>;

    /// Asks for a line of text; `None` when left empty or escaped.
    fn text(&mut self, ask: &TextAsk<'_>) -> Result<Option<String>, Stop>;

    /// Picks one item of a list; `None` when escaped.
    fn choose(&mut self, ask: &ChooseAsk<'_>) -> Result<Option<usize>, Stop>;

    /// The time now, for the session's clock; a script keeps its own.
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// The kinds of text shown between prompts, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The assessment's title, once at the start.
    Title,
    /// Plain text: the intro, a summary.
    Text,
    /// A bucket's header, on entering it.
    Heading,
    /// A question's help, on request.
    Help,
    /// Something the user should notice: a resumed file, a refused answer.
    Notice,
    /// Where a bucket stands as the session leaves it.
    Recap,
}

/// One question, as the loop presents it.
#[derive(Clone)]
pub struct Ask<'a> {
    /// `[12/64] Sales Operations · CRM systems`.
    pub progress: String,
    pub question: &'a Question,
    /// The answer given earlier, to start from (and keep with Enter).
    pub current: Option<&'a Value>,
    /// Time spent and left at a given moment (`12 min in · about 23 min to
    /// go`), so the screen can keep it current while the room talks.
    pub timing: &'a dyn Fn(Instant) -> String,
}

impl fmt::Debug for Ask<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ask")
            .field("progress", &self.progress)
            .field("question", &self.question.id)
            .field("current", &self.current)
            .finish_non_exhaustive()
    }
}

/// What came back from a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A value: a real answer, `Value::Unknown` or `Value::NotApplicable`.
    Answer(Value),
    /// Leave it as it is and go on.
    Skip,
    /// Go back to the previous question.
    Back,
    /// Show the question's help, then ask again.
    Help,
    /// Open the menu: jump to a bucket, or finish.
    Menu,
}

/// A line of text to ask for.
#[derive(Debug, Clone)]
pub struct TextAsk<'a> {
    pub label: &'a str,
    pub help: &'a str,
    /// Empty input is refused.
    pub required: bool,
}

/// A list to choose from.
#[derive(Debug, Clone)]
pub struct ChooseAsk<'a> {
    pub label: &'a str,
    pub items: &'a [String],
    /// Where the cursor starts.
    pub start: usize,
    pub help: &'a str,
}

/// Why a prompt ended without an answer.
#[derive(Debug)]
pub enum Stop {
    /// Ctrl-C: the user wants out.
    Interrupted,
    /// The terminal failed.
    Failed(io::Error),
}

/// How a step of the session ends early: the user stopped, or an error.
pub(super) enum Exit {
    Stop(Stop),
    Error(Error),
}

impl From<Stop> for Exit {
    fn from(s: Stop) -> Self {
        Exit::Stop(s)
    }
}

impl From<Error> for Exit {
    fn from(e: Error) -> Self {
        Exit::Error(e)
    }
}

impl Exit {
    /// `Ok` when the user pressed Ctrl-C; the error for a failed terminal or
    /// anything else.
    pub(super) fn interrupted(self) -> Result<(), Error> {
        match self {
            Exit::Stop(Stop::Interrupted) => Ok(()),
            Exit::Stop(Stop::Failed(source)) => Err(Error::Write {
                path: "the terminal".to_owned(),
                source,
            }),
            Exit::Error(e) => Err(e),
        }
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Interrupted => f.write_str("interrupted"),
            Stop::Failed(e) => write!(f, "{e}"),
        }
    }
}

/// The keys a question prompt understands besides the options themselves.
/// Shared by the terminal prompter and the docs, so they cannot drift.
pub mod keys {
    /// "Don't know".
    pub const UNKNOWN: &str = "d";
    /// "Not applicable", where the question allows it.
    pub const NOT_APPLICABLE: &str = "x";
    /// Leave the question for later.
    pub const SKIP: &str = "s";
    /// The question's help.
    pub const HELP: &str = "?";
    /// Jump to a bucket, or finish.
    pub const MENU: &str = "m";
    /// Yes and no, for yes/no questions.
    pub const YES: &str = "y";
    pub const NO: &str = "n";
}
