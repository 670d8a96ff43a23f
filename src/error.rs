//! The library's error type. Every variant is a user-facing failure with exit
//! code 2; a failed check (exit 1) is an outcome, not an error.

use crate::diagnostic::{FileProblems, Problem, SourceFile};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{path} is {what}, not a file")]
    NotAFile { path: String, what: &'static str },

    #[error("{path} is larger than the {} limit for input files ({limit} bytes)", crate::yaml::size_text(*.limit))]
    TooLarge {
        path: String,
        limit: u64,
        /// The file's size, as far as it was read.
        size: u64,
    },

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
            Error::Read { source, .. } => Some(match source.kind() {
                std::io::ErrorKind::NotFound => "check the path; run `ecodiag list` to see the bundled assessments and `ls examples/` for sample answer files".to_owned(),
                std::io::ErrorKind::PermissionDenied => "the file exists but cannot be read by this user; check its permissions (chmod u+r)".to_owned(),
                _ => return None,
            }),
            Error::NotAFile { .. } => Some("give the path of a YAML file".to_owned()),
            Error::TooLarge { limit, size, .. } => {
                // Enough for this file: its size rounded up to whole megabytes.
                let enough = (*size).max(*limit).saturating_add(1).div_ceil(1 << 20) << 20;
                Some(format!(
                    "answer files and questionnaires are a few kilobytes; check this is the right file. \
                     If it is, raise the limit with {}",
                    crate::yaml::Limit::Bytes.how_to_raise(enough)
                ))
            }
            Error::UnknownAssessment { name, known } => {
                let list = known.join(", ");
                Some(match crate::diagnostic::did_you_mean(name, known.iter().map(String::as_str)) {
                    Some(best) => format!("did you mean `{best}`? Bundled assessments: {list}; or give the path of a questionnaire file"),
                    None => format!("bundled assessments: {list}; or give the path of a questionnaire file"),
                })
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
}
