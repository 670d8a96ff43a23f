//! The library's error type. Every variant is a user-facing failure with exit
//! code 2; a failed check (exit 1) is an outcome, not an error. It builds on
//! the input layer below it (`diagnostic`, `yaml`), which never imports it.

use crate::diagnostic::{FileProblems, Problem, SourceFile};
use crate::yaml::ReadError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file that could not be opened or read as a whole.
    #[error(transparent)]
    Input(ReadError),

    /// A folder (or another path that is not an input file) could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{path} is {what}, not a file")]
    NotAFile { path: String, what: &'static str },

    /// One file with one or more located problems.
    #[error("{} has {} problem{}", .0.file.name(), .0.problems.len(), if .0.problems.len() == 1 { "" } else { "s" })]
    Invalid(Box<FileProblems>),

    #[error("no assessment named `{name}`")]
    UnknownAssessment {
        name: String,
        /// Ids of the bundled assessments, for the hint.
        known: Vec<String>,
    },

    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("`{id}` is neither a root cause nor a rule of `{assessment}`")]
    UnknownId {
        id: String,
        assessment: String,
        /// The nearest cause or rule id, for the hint.
        suggestion: Option<String>,
    },

    /// An output file refused before anything is written.
    #[error("cannot write {path}: {problem}")]
    Output {
        path: String,
        problem: String,
        /// What to do instead.
        hint: String,
    },

    #[error("{0}")]
    Usage(String),

    #[error("ecodiag assess asks questions on a terminal, and {stream} is not one")]
    NotATerminal { stream: &'static str },
}

/// Bytes that are not UTF-8 are a located problem like any other, so every
/// caller that reports located problems reports them too.
impl From<ReadError> for Error {
    fn from(err: ReadError) -> Self {
        match err {
            ReadError::NotUtf8(file) => Error::Invalid(file),
            other => Error::Input(other),
        }
    }
}

impl Error {
    pub fn invalid(file: SourceFile, problems: Vec<Problem>) -> Self {
        Error::Invalid(Box::new(FileProblems { file, problems }))
    }

    /// The process exit code this error maps to.
    pub fn exit_code(&self) -> u8 {
        2
    }

    /// What to do about it, where the message alone does not say.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Input(err) => err.hint(),
            Error::Read { source, .. } => match source.kind() {
                std::io::ErrorKind::NotFound => Some("check the path".to_owned()),
                std::io::ErrorKind::PermissionDenied => Some(
                    "it exists but cannot be read by this user; check its permissions (chmod u+rx)"
                        .to_owned(),
                ),
                _ => None,
            },
            Error::NotAFile { .. } => Some("give the path of a YAML file".to_owned()),
            Error::UnknownAssessment { name, known } => {
                let list = known.join(", ");
                Some(
                    match crate::diagnostic::did_you_mean(name, known.iter().map(String::as_str)) {
                        Some(best) => format!(
                            "did you mean `{best}`? Bundled assessments: {list}; or give the path of a questionnaire file"
                        ),
                        None => {
                            format!("bundled assessments: {list}; or give the path of a questionnaire file")
                        }
                    },
                )
            }
            Error::UnknownId {
                assessment,
                suggestion,
                ..
            } => Some(match suggestion {
                Some(best) => format!(
                    "did you mean `{best}`? `ecodiag show {assessment}` lists the root causes and rules"
                ),
                None => format!("`ecodiag show {assessment}` lists the root causes and rules"),
            }),
            Error::Output { hint, .. } => Some(hint.clone()),
            Error::NotATerminal { .. } => Some(
                "to answer without prompts, write a file to fill in with `ecodiag init -o answers.yaml`, \
                 edit it, then run `ecodiag score answers.yaml`"
                    .to_owned(),
            ),
            _ => None,
        }
    }

    /// The stable code `validate` shows above the message of an error that
    /// is about a whole file.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Input(err) => err.code(),
            Error::Read { .. } => "input::read",
            Error::NotAFile { .. } => "input::not-a-file",
            Error::UnknownAssessment { .. } => "answers::unknown-assessment",
            _ => "input::error",
        }
    }
}

/// Renders an error with its hint, for standard error; located problems are
/// drawn with their snippets.
pub fn render_error(err: &Error, color: bool) -> String {
    use crate::diagnostic::{bounded, handler, render_problems};
    if let Error::Invalid(file) = err {
        return render_problems(file, color);
    }
    // Bounded, and made safe for a terminal: a path or name may hold anything.
    let safe = |text: String| crate::output::terminal_text(&bounded(text)).into_owned();
    let mut diagnostic = miette::MietteDiagnostic::new(safe(err.to_string()));
    if let Some(hint) = err.hint() {
        diagnostic = diagnostic.with_help(safe(hint));
    }
    let mut out = String::new();
    if handler(color).render_report(&mut out, &diagnostic).is_err() {
        out = format!("error: {}\n", safe(err.to_string()));
    }
    out
}
