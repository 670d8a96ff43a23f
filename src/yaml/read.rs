//! Input stage, the door itself: every file ecodiag reads — YAML, TOML or
//! JSON — is opened here, only when it is a regular file, and read within the
//! byte limit. A named pipe, a socket or a device would make a read wait for
//! ever (or never end), so it is refused before it is opened.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use miette::SourceSpan;

use super::limits::{Limit, Limits, size_text};
use crate::diagnostic::{FileProblems, Problem, SourceFile};

/// What an input file is to the command reading it, for messages and hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An answers file (`score`, `check`, `assess --answers`).
    Answers,
    /// A questionnaire (`--assessment PATH`).
    Questionnaire,
    /// A test-case file (`ecodiag test`).
    Cases,
    /// The project file (`--config`, `ecodiag.toml`).
    Config,
    /// A JSON report (`check --baseline`).
    Report,
    /// An answers file or a JSON report (`diff`).
    AnswersOrReport,
    /// Any file `validate` is given.
    Any,
}

impl FileKind {
    /// "the path of …", for hints.
    fn wanted(self) -> &'static str {
        match self {
            FileKind::Answers => {
                "an answers file (YAML); to check every answers file in a folder, run `ecodiag check FOLDER`"
            }
            FileKind::Questionnaire => {
                "a questionnaire file (YAML), or the id of a bundled assessment (`ecodiag list` shows them)"
            }
            FileKind::Cases => "a test-case file (`*.tests.yaml`), or a folder of them",
            FileKind::Config => "a TOML file such as `ecodiag.toml`",
            FileKind::Report => "a JSON report, or a folder of them",
            FileKind::AnswersOrReport => "an answers file (YAML) or a JSON report",
            FileKind::Any => "a questionnaire, answers, test-case or `ecodiag.toml` file",
        }
    }

    fn not_found(self) -> &'static str {
        match self {
            FileKind::Answers => {
                "check the path; `ls examples/` lists sample answer files, and `ecodiag init -o FILE` writes one to fill in"
            }
            FileKind::Questionnaire => {
                "check the path; `ecodiag list` shows the bundled assessments, which are named by id (e.g. `--assessment sales-ecosystem`)"
            }
            FileKind::Cases => "check the path; test-case files are named `*.tests.yaml` (docs/testing.md)",
            FileKind::Config => {
                "check the path; without `--config`, ecodiag reads `ecodiag.toml` in the current folder when there is one (docs/config.md)"
            }
            FileKind::Report => {
                "check the path; `ecodiag score ANSWERS --format json -o FILE.json` writes a report, and `ecodiag check FOLDER --save-reports REPORTS` a folder of them"
            }
            FileKind::AnswersOrReport => {
                "check the path; `ecodiag diff` compares two answers files, or two JSON reports written by `ecodiag score --format json`"
            }
            FileKind::Any => {
                "check the path; run `ecodiag list` to see the bundled assessments and `ls examples/` for sample answer files"
            }
        }
    }
}

/// Why a file could not be read. Everything but [`ReadError::NotUtf8`] is
/// about the file as a whole, so it has no line to point at.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        kind: FileKind,
        #[source]
        source: io::Error,
    },

    #[error("{path} is {what}, not a regular file")]
    NotAFile {
        path: String,
        kind: FileKind,
        what: &'static str,
    },

    #[error("{path} is larger than the {} limit for input files ({limit} bytes)", size_text(*.limit))]
    TooLarge {
        path: String,
        limit: u64,
        /// The file's size, as far as it was read.
        size: u64,
    },

    /// The bytes are not UTF-8; located at the first bad byte.
    #[error("{} is not valid UTF-8 text", .0.file.name())]
    NotUtf8(Box<FileProblems>),
}

impl ReadError {
    /// The stable code `validate` shows above the message.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "input::read",
            ReadError::NotAFile { .. } => "input::not-a-file",
            ReadError::TooLarge { .. } => "input::too-large",
            ReadError::NotUtf8(_) => "input::not-utf8",
        }
    }

    /// What to do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            ReadError::Io { source, kind, .. } => match source.kind() {
                io::ErrorKind::NotFound => Some(kind.not_found().to_owned()),
                io::ErrorKind::PermissionDenied => Some(
                    "the file exists but cannot be read by this user; check its permissions (chmod u+r)"
                        .to_owned(),
                ),
                _ => None,
            },
            ReadError::NotAFile {
                kind,
                what: DIRECTORY,
                ..
            } => Some(format!("give the path of {}", kind.wanted())),
            ReadError::NotAFile { kind, .. } => Some(format!(
                "ecodiag reads regular files only, so that it never waits on a pipe or a device; \
                 save the content to a file and give the path of {}",
                kind.wanted()
            )),
            ReadError::TooLarge { limit, size, .. } => {
                // Enough for this file: its size rounded up to whole megabytes.
                let enough = (*size).max(*limit).saturating_add(1).div_ceil(1 << 20) << 20;
                Some(format!(
                    "answer files and questionnaires are a few kilobytes; check this is the right file. \
                     If it is, raise the limit with {}",
                    Limit::Bytes.how_to_raise(enough)
                ))
            }
            ReadError::NotUtf8(_) => None,
        }
    }
}

const DIRECTORY: &str = "a directory";

/// What a file that is not a regular file is, in words.
fn what_is(file_type: &fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return DIRECTORY;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    "not a file"
}

/// Whether a path names a regular file (following links), without opening
/// it: what a folder walk reads, and what it skips and counts.
pub fn is_regular(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Opens a regular file for reading, refusing anything else by its type
/// first: opening a named pipe blocks until a writer comes. The file is
/// opened without blocking and checked again, so a pipe put in its place
/// between the two looks is refused too, not waited on.
pub fn open_regular(path: &Path, kind: FileKind) -> Result<(fs::File, fs::Metadata), ReadError> {
    let name = || path.display().to_string();
    let io_error = |source: io::Error| ReadError::Io {
        path: name(),
        kind,
        source,
    };
    let not_a_file = |meta: &fs::Metadata| ReadError::NotAFile {
        path: name(),
        kind,
        what: what_is(&meta.file_type()),
    };
    let meta = fs::metadata(path).map_err(io_error)?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    let file = open_without_blocking(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    Ok((file, meta))
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Reading a regular file never blocks, so the flag changes nothing for
    // the files that are read; it only keeps `open` from waiting on a pipe.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

/// Reads a file as UTF-8 text within the byte limit. Only regular files are
/// read ([`open_regular`]); a file larger than the limit is refused before a
/// byte is read.
///
/// A leading byte-order mark is dropped; invalid UTF-8 is reported with the
/// line and column of the first bad byte.
pub fn read_source(path: &Path, kind: FileKind, limits: &Limits) -> Result<SourceFile, ReadError> {
    let name = path.display().to_string();
    let (file, meta) = open_regular(path, kind)?;
    if meta.len() > limits.max_bytes {
        return Err(ReadError::TooLarge {
            path: name,
            limit: limits.max_bytes,
            size: meta.len(),
        });
    }
    read_limited(file, name, kind, limits)
}

/// Reads everything from `reader` — a file, or standard input — as UTF-8
/// text named `name`, refusing more than the byte limit without holding it.
pub fn read_limited(
    reader: impl Read,
    name: String,
    kind: FileKind,
    limits: &Limits,
) -> Result<SourceFile, ReadError> {
    let mut bytes = Vec::new();
    let read = reader
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes);
    if let Err(source) = read {
        return Err(ReadError::Io {
            path: name,
            kind,
            source,
        });
    }
    if bytes.len() as u64 > limits.max_bytes {
        return Err(ReadError::TooLarge {
            path: name,
            limit: limits.max_bytes,
            size: bytes.len() as u64,
        });
    }
    source_from_bytes(name, bytes)
}

/// Turns raw bytes into a [`SourceFile`], checking they are UTF-8.
pub fn source_from_bytes(name: String, mut bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            // Show the file up to the bad byte so the location has context.
            let shown = String::from_utf8_lossy(&bytes).into_owned();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let offset = prefix.len();
            let file = SourceFile::new(name, shown);
            let problem = Problem::error("input::not-utf8", "the file is not valid UTF-8 text")
                .at(SourceSpan::new(offset.into(), 1), "this byte is not UTF-8")
                .help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")");
            Err(ReadError::NotUtf8(Box::new(FileProblems {
                file,
                problems: vec![problem],
            })))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("answers.yaml");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let err = read_source(&path, FileKind::Answers, &Limits::DEFAULT).unwrap_err();
        assert!(
            err.to_string()
                .contains("is a named pipe (FIFO), not a regular file"),
            "{err}"
        );
        assert_eq!(err.code(), "input::not-a-file");
        assert!(err.hint().is_some_and(|h| h.contains("regular files only")));
        assert!(!is_regular(&path));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_and_so_is_a_link_to_one() {
        let err = read_source(Path::new("/dev/zero"), FileKind::Config, &Limits::DEFAULT).unwrap_err();
        assert!(err.to_string().contains("is a device"), "{err}");
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("ecodiag.toml");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("link");
        let err = read_source(&link, FileKind::Config, &Limits::DEFAULT).unwrap_err();
        assert!(err.to_string().contains("is a device"), "{err}");
    }

    #[test]
    fn hints_speak_of_the_file_the_command_wanted() {
        let missing = |kind| {
            read_source(Path::new("no/such/file"), kind, &Limits::DEFAULT)
                .unwrap_err()
                .hint()
                .unwrap_or_default()
        };
        assert!(missing(FileKind::Config).contains("ecodiag.toml"));
        assert!(!missing(FileKind::Config).contains("ecodiag list"));
        assert!(missing(FileKind::Questionnaire).contains("ecodiag list"));
        let dir = tempfile::tempdir().expect("temp dir");
        let err = read_source(dir.path(), FileKind::Config, &Limits::DEFAULT).unwrap_err();
        assert!(
            err.to_string().ends_with("is a directory, not a regular file"),
            "{err}"
        );
        assert!(err.hint().is_some_and(|h| h.contains("TOML")), "{:?}", err.hint());
    }

    #[test]
    fn standard_input_can_be_read_through_the_same_limit() {
        let limits = Limits {
            max_bytes: 4,
            ..Limits::DEFAULT
        };
        let source = read_limited(&b"a: 1"[..], "-".into(), FileKind::Answers, &limits).expect("fits");
        assert_eq!(source.text(), "a: 1");
        let err = read_limited(&b"a: 12"[..], "-".into(), FileKind::Answers, &limits).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { size: 5, .. }), "{err}");
    }
}
