//! Input stage: `-` in place of a file name reads standard input, within the
//! same byte limit as a file, under the name `<stdin>`.

use std::io::Read;
use std::path::Path;

use crate::diagnostic::SourceFile;
use crate::error::Error;
use crate::yaml::{self, Limits};

/// The name problems in standard input are reported under.
pub const NAME: &str = "<stdin>";

/// Whether a path argument means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads `path`, or standard input when it is `-`.
pub fn read_source(path: &Path, limits: &Limits) -> Result<SourceFile, Error> {
    if !is_stdin(path) {
        return yaml::read_source(path, limits);
    }
    read_from(std::io::stdin().lock(), limits)
}

/// Reads a whole stream as a source named `<stdin>`.
pub fn read_from(stream: impl Read, limits: &Limits) -> Result<SourceFile, Error> {
    let mut bytes = Vec::new();
    stream
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: NAME.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Error::TooLarge {
            path: NAME.to_owned(),
            limit: limits.max_bytes,
            size: bytes.len() as u64,
        });
    }
    yaml::source_from_bytes(NAME.to_owned(), bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_named_stdin_and_kept_within_the_limit() {
        let source = read_from(&b"client: x\n"[..], &Limits::DEFAULT).expect("reads");
        assert_eq!(source.name(), NAME);
        assert_eq!(source.text(), "client: x\n");
        let small = Limits {
            max_bytes: 4,
            ..Limits::DEFAULT
        };
        assert!(matches!(
            read_from(&b"client: x\n"[..], &small),
            Err(Error::TooLarge { .. })
        ));
    }
}
