//! Workshop stage: the answers file on disk. Where a save really goes (through
//! a symbolic link, to its target, so the link stays a link), reading the file
//! back before each save, and writing it whole and atomically with its mode
//! kept.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::SourceFile;
use crate::error::Error;
use crate::yaml::{self, Limits};

/// The file a save to `path` writes: `path` itself, or the file its links
/// lead to (also one that does not exist yet). Relative link targets are read
/// from the link's folder.
pub fn target(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    // Links to links, but not forever: a loop ends at the last one tried.
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => match fs::read_link(&at) {
                Ok(next) => {
                    at = match at.parent() {
                        Some(folder) if next.is_relative() => folder.join(next),
                        _ => next,
                    };
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    at
}

/// The file's text (through any link), or `None` when there is no file.
pub fn read(path: &Path) -> Result<Option<SourceFile>, Error> {
    match yaml::read_source(path, yaml::FileKind::Answers, &Limits::DEFAULT) {
        Ok(source) => Ok(Some(source)),
        Err(yaml::ReadError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Writes `text` to `target` whole: a temporary file beside it, flushed to
/// disk, renamed over it. The file keeps its permissions; a read-only file is
/// refused rather than replaced. `shown` names the file in errors.
pub fn write(target: &Path, shown: &Path, text: &str) -> Result<(), Error> {
    let error = |source: io::Error| Error::Write {
        path: shown.display().to_string(),
        source,
    };
    if let Ok(meta) = fs::metadata(target)
        && meta.permissions().readonly()
    {
        return Err(error(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only (make it writable, or save elsewhere)",
        )));
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(target).map_err(error)?;
    // On failure the temporary file is removed as `file` is dropped.
    file.write_all(text.as_bytes()).map_err(error)?;
    file.commit().map_err(error)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    #[test]
    fn a_link_is_written_through_and_the_mode_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.yaml");
        fs::write(&real, "old").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.path().join("link.yaml");
        symlink("real.yaml", &link).expect("link");
        let to = target(&link);
        assert_eq!(to, dir.path().join("real.yaml"));
        write(&to, &link, "new").expect("writes");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_dangling_link_leads_to_the_file_it_names_and_a_loop_ends() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("link.yaml");
        symlink("sub/new.yaml", &link).expect("link");
        assert_eq!(target(&link), dir.path().join("sub/new.yaml"));
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        symlink(&b, &a).expect("link");
        symlink(&a, &b).expect("link");
        let _ = target(&a);
    }

    #[test]
    fn a_read_only_file_is_refused_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("ro.yaml");
        fs::write(&file, "kept").expect("write");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).expect("chmod");
        let err = write(&file, &file, "new").expect_err("refused");
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(fs::read_to_string(&file).expect("read"), "kept");
    }
}
