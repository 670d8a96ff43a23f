//! Input stage: `-` in place of a file name reads standard input, within the
//! same byte limit as a file, under the name `<stdin>`, through the same
//! reading as files ([`yaml::read_limited`]).

use std::io::Read;
use std::path::Path;

use crate::diagnostic::SourceFile;
use crate::error::Error;
use crate::yaml::{self, FileKind, Limits};

/// The name problems in standard input are reported under.
pub const NAME: &str = "<stdin>";

/// Whether a path argument means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads `path` (a regular file, what the command wants as `kind`), or
/// standard input when it is `-`.
pub fn read_source(path: &Path, kind: FileKind, limits: &Limits) -> Result<SourceFile, Error> {
    if !is_stdin(path) {
        return Ok(yaml::read_source(path, kind, limits)?);
    }
    read_from(std::io::stdin().lock(), kind, limits)
}

/// Reads a whole stream as a source named `<stdin>`.
pub fn read_from(stream: impl Read, kind: FileKind, limits: &Limits) -> Result<SourceFile, Error> {
    Ok(yaml::read_limited(stream, NAME.to_owned(), kind, limits)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_named_stdin_and_kept_within_the_limit() {
        let source = read_from(&b"client: x\n"[..], FileKind::Answers, &Limits::DEFAULT).expect("reads");
        assert_eq!(source.name(), NAME);
        assert_eq!(source.text(), "client: x\n");
        let small = Limits {
            max_bytes: 4,
            ..Limits::DEFAULT
        };
        assert!(matches!(
            read_from(&b"client: x\n"[..], FileKind::Answers, &small),
            Err(Error::Input(yaml::ReadError::TooLarge { .. }))
        ));
    }
}
