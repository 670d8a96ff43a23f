//! Files ecodiag writes (`-o`, `init`, `check --save-reports`). Each is
//! looked at before any work starts and written so that nothing the user did
//! not ask to replace is touched:
//!
//! - a regular file is replaced atomically (a temporary file, then a rename),
//!   keeping its mode — or, when a rename would give it another owner, written
//!   in place;
//! - a symbolic link is followed: the link stays, its target gets the bytes;
//! - a device, a FIFO and anything under `/dev` or `/proc` (`/dev/stdout`,
//!   `/dev/fd/3`) is opened and written directly, never renamed over; a path
//!   that is ecodiag's own standard output is written there;
//! - a read-only file, or one this user cannot write, is refused unless
//!   `--force`;
//! - a missing folder, a folder, or a name ending in `/` is refused;
//! - an input of the command is refused whatever the spelling or link that
//!   leads to it (device and inode compared with `same-file`).

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use same_file::Handle;

use crate::error::Error;

/// A checked place to write to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The path as typed, for messages.
    shown: String,
    how: How,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum How {
    /// `-`, or a path that is ecodiag's own standard output.
    Stdout,
    /// A device, a FIFO, or a path under `/dev` or `/proc`.
    Direct { path: PathBuf, truncate: bool },
    /// A regular file that exists: temporary file and rename.
    Replace(PathBuf),
    /// A regular file another user owns: a rename would change its owner.
    InPlace(PathBuf),
    /// A file to create (the folder exists).
    Create(PathBuf),
}

/// How `check` treats a file that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Write even a read-only file, or one this user may not write (`--force`).
    pub force: bool,
    /// An existing file is refused unless `force` (`init`: it holds answers).
    pub keep_existing: bool,
}

/// One input of a command, to refuse writing over.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub path: &'a Path,
    /// What it is to the command: "the answers file", "the baseline".
    pub role: &'a str,
}

/// Links followed before giving up, as the kernel does.
const MAX_LINKS: usize = 40;

impl Target {
    /// Standard output.
    pub const STDOUT: Target = Target {
        shown: String::new(),
        how: How::Stdout,
    };

    /// Looks at `path` (`-` is standard output) and decides how to write it,
    /// or refuses with a message that says what to do instead.
    pub fn check(path: &Path, rules: Rules) -> Result<Target, Error> {
        let shown = path.display().to_string();
        if path.as_os_str() == "-" {
            return Ok(Target::STDOUT);
        }
        let refuse = |problem: String, hint: &str| {
            Err(Error::Output {
                path: shown.clone(),
                problem,
                hint: hint.to_owned(),
            })
        };
        if shown.ends_with('/') || shown.ends_with(std::path::MAIN_SEPARATOR) || path.file_name().is_none() {
            let folder = shown.trim_end_matches(['/', std::path::MAIN_SEPARATOR]);
            return refuse(
                "that names a folder, not a file".to_owned(),
                &format!("give a file name, such as {folder}/report.md"),
            );
        }
        let real = follow_links(path).map_err(|source| Error::Write {
            path: shown.clone(),
            source,
        })?;
        let linked = if real == path {
            String::new()
        } else {
            format!(" (the link leads to {})", real.display())
        };
        if is_system_path(path) || is_system_path(&real) {
            let truncate = fs::metadata(&real).is_ok_and(|m| m.is_file());
            let how = if is_stdout(&real) {
                How::Stdout
            } else {
                How::Direct { path: real, truncate }
            };
            return Ok(Target { shown, how });
        }
        let how = match fs::symlink_metadata(&real) {
            Ok(meta) if meta.is_dir() => {
                return refuse(
                    format!("it is a folder{linked}"),
                    "give the name of a file inside it",
                );
            }
            Ok(meta) if meta.is_file() => {
                if rules.keep_existing && !rules.force {
                    return refuse(
                        format!("it already exists{linked}"),
                        "give another file with -o, or add --force to replace it",
                    );
                }
                match existing_file(real, &meta, rules.force) {
                    Ok(how) => how,
                    Err(why) => return refuse(format!("{why}{linked}"), "add --force to replace it anyway"),
                }
            }
            Ok(_) => How::Direct {
                path: real,
                truncate: false,
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let folder = match real.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                match fs::metadata(&folder) {
                    Ok(m) if m.is_dir() => How::Create(real),
                    Ok(_) => {
                        return refuse(
                            format!("{} is not a folder{linked}", folder.display()),
                            "give a path inside an existing folder",
                        );
                    }
                    Err(_) => {
                        return refuse(
                            format!("the folder {} does not exist{linked}", folder.display()),
                            "create the folder first, or write into an existing one",
                        );
                    }
                }
            }
            Err(source) => return Err(Error::Write { path: shown, source }),
        };
        Ok(Target { shown, how })
    }

    /// Whether the bytes go to standard output.
    pub fn is_stdout(&self) -> bool {
        self.how == How::Stdout
    }

    /// The path as typed.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Refuses a target that is one of `inputs`, however it is spelt or
    /// linked: writing it would destroy what the command reads. A file that
    /// does not exist yet, a device and a FIFO cannot be one.
    pub fn refuse_inputs<'a>(&self, inputs: impl IntoIterator<Item = Input<'a>>) -> Result<(), Error> {
        let (How::Replace(path) | How::InPlace(path)) = &self.how else {
            return Ok(());
        };
        // An output this user cannot read cannot have been read as an input.
        let Ok(out) = Handle::from_path(path) else {
            return Ok(());
        };
        let size = out.as_file().metadata().map_or(0, |m| m.len());
        for input in inputs {
            if is_same(&out, size, input.path) {
                return Err(Error::Output {
                    path: self.shown.clone(),
                    problem: format!(
                        "it is {} this command reads ({}); writing it would destroy it",
                        input.role,
                        input.path.display()
                    ),
                    hint: "give another file name; --force never writes over an input".to_owned(),
                });
            }
        }
        Ok(())
    }

    /// Writes `bytes` whole. Not for standard output, which the caller owns.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Error> {
        let mut file = self.create()?;
        file.write_all(bytes).map_err(|e| self.error(e))?;
        file.commit()
    }

    /// Opens the file for streaming; nothing replaces the old file until
    /// [`FileWriter::commit`].
    pub fn create(&self) -> Result<FileWriter, Error> {
        let inner = match &self.how {
            How::Stdout => {
                return Err(self.error(io::Error::other("standard output is written by the caller")));
            }
            How::Replace(path) | How::Create(path) => {
                Inner::Atomic(atomic_write_file::AtomicWriteFile::open(path).map_err(|e| self.error(e))?)
            }
            // Held until commit: the old content stays whole if the run fails.
            How::InPlace(path) => Inner::InPlace {
                path: path.clone(),
                bytes: Vec::new(),
            },
            How::Direct { path, truncate } => Inner::Direct(
                OpenOptions::new()
                    .write(true)
                    .truncate(*truncate)
                    .open(path)
                    .map_err(|e| self.error(e))?,
            ),
        };
        Ok(FileWriter {
            inner: io::BufWriter::new(inner),
            shown: self.shown.clone(),
        })
    }

    fn error(&self, source: io::Error) -> Error {
        Error::Write {
            path: self.shown.clone(),
            source,
        }
    }
}

/// A file being written: bytes are buffered; [`FileWriter::commit`] puts
/// them in place (dropping it without committing leaves the old file).
#[derive(Debug)]
pub struct FileWriter {
    inner: io::BufWriter<Inner>,
    shown: String,
}

#[derive(Debug)]
enum Inner {
    Atomic(atomic_write_file::AtomicWriteFile),
    Direct(File),
    InPlace { path: PathBuf, bytes: Vec<u8> },
}

impl Write for Inner {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Inner::Atomic(f) => f.write(buf),
            Inner::Direct(f) => f.write(buf),
            Inner::InPlace { bytes, .. } => bytes.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Inner::Atomic(f) => f.flush(),
            Inner::Direct(f) => f.flush(),
            Inner::InPlace { .. } => Ok(()),
        }
    }
}

impl Write for FileWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl FileWriter {
    /// Flushes and puts the file in place.
    pub fn commit(self) -> Result<(), Error> {
        let shown = self.shown;
        let error = |source: io::Error| Error::Write {
            path: shown.clone(),
            source,
        };
        match self.inner.into_inner().map_err(|e| error(e.into_error()))? {
            Inner::Atomic(file) => file.commit().map_err(error),
            Inner::Direct(mut file) => file.flush().map_err(error),
            Inner::InPlace { path, bytes } => OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(path)
                .and_then(|mut file| file.write_all(&bytes).and_then(|()| file.sync_all()))
                .map_err(error),
        }
    }
}

/// How to write an existing regular file, or why not.
fn existing_file(path: PathBuf, meta: &Metadata, force: bool) -> Result<How, String> {
    if meta.permissions().readonly() && !force {
        return Err(format!("it is read-only{}", mode_text(meta)));
    }
    if let Err(e) = OpenOptions::new().write(true).open(&path)
        && e.kind() == io::ErrorKind::PermissionDenied
        && !force
    {
        return Err(format!("this user may not write it{}", mode_text(meta)));
    }
    Ok(if rename_keeps_owner(&path, meta) {
        How::Replace(path)
    } else {
        How::InPlace(path)
    })
}

#[cfg(unix)]
fn mode_text(meta: &Metadata) -> String {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    format!(
        " (mode {:o}, owner uid {})",
        meta.permissions().mode() & 0o7777,
        meta.uid()
    )
}

#[cfg(not(unix))]
fn mode_text(_: &Metadata) -> String {
    String::new()
}

/// Whether a file put in place by rename would have the owner the old one
/// had: the temporary file tries to take it over, which only works for the
/// owner (or root).
#[cfg(unix)]
fn rename_keeps_owner(path: &Path, meta: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(probe) = atomic_write_file::AtomicWriteFile::open(path) else {
        // The folder may not take a new file; the write will say why.
        return true;
    };
    let same = probe.as_file().metadata().is_ok_and(|m| m.uid() == meta.uid());
    let _ = probe.discard();
    same
}

#[cfg(not(unix))]
fn rename_keeps_owner(_: &Path, _: &Metadata) -> bool {
    true
}

/// `path` with every symbolic link on its last component followed, even a
/// link whose target does not exist yet. Stops at `/dev` and `/proc`, whose
/// links (`/dev/stdout` → `/proc/self/fd/1` → `pipe:[…]`) only the kernel
/// can follow.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_system_path(&current) {
            return Ok(current);
        }
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(folder) if target.is_relative() => folder.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// `/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1` and the like: written as
/// they are, never replaced.
fn is_system_path(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// Whether `path` is the file, pipe or terminal standard output writes to.
#[cfg(unix)]
fn is_stdout(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (Handle::stdout(), fs::metadata(path)) {
        (Ok(out), Ok(meta)) => (out.dev(), out.ino()) == (meta.dev(), meta.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_stdout(path: &Path) -> bool {
    path == Path::new("/dev/stdout")
}

/// Whether `input` is the file `out` (of `size` bytes) is. Only a regular
/// file of the same size is opened to compare: a FIFO would block, a device
/// is never replaced, and a batch of thousands of inputs costs one `stat`
/// each.
fn is_same(out: &Handle, size: u64, input: &Path) -> bool {
    fs::metadata(input).is_ok_and(|m| m.is_file() && m.len() == size)
        && Handle::from_path(input).is_ok_and(|h| h == *out)
}

/// The inputs of a large batch (`check`), to test many output files
/// against without opening every input for each: device and inode of each
/// (on Unix; elsewhere the resolved path).
#[derive(Debug, Default)]
pub struct InputSet {
    ids: std::collections::HashSet<FileId>,
}

#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<FileId> {
    fs::canonicalize(path).ok()
}

impl InputSet {
    pub fn new<'a>(inputs: impl IntoIterator<Item = &'a Path>) -> InputSet {
        InputSet {
            ids: inputs.into_iter().filter_map(file_id).collect(),
        }
    }

    /// Whether `path` exists and is one of the inputs.
    pub fn contains(&self, path: &Path) -> bool {
        file_id(path).is_some_and(|id| self.ids.contains(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: Rules = Rules {
        force: false,
        keep_existing: false,
    };

    fn usage(result: Result<Target, Error>) -> String {
        match result {
            Err(Error::Output { problem, hint, .. }) => format!("{problem}; {hint}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_dash_is_standard_output() {
        assert!(Target::check(Path::new("-"), RULES).expect("ok").is_stdout());
    }

    #[test]
    fn folders_and_missing_folders_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let message = usage(Target::check(&dir.path().join("nodir/"), RULES));
        assert!(message.contains("names a folder, not a file"), "{message}");
        let message = usage(Target::check(&dir.path().join("nodir/report.md"), RULES));
        assert!(message.contains("does not exist"), "{message}");
        let message = usage(Target::check(dir.path(), RULES));
        assert!(
            message.contains("names a folder") || message.contains("is a folder"),
            "{message}"
        );
        assert!(!dir.path().join("nodir").exists());
    }

    #[test]
    fn a_link_is_written_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&real, "old").expect("write");
        std::os::unix::fs::symlink("real.md", &link).expect("link");
        Target::check(&link, RULES)
            .expect("ok")
            .write(b"new")
            .expect("writes");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
    }

    #[test]
    fn a_dangling_link_creates_its_target() {
        let dir = tempfile::tempdir().expect("tempdir");
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("made.md", &link).expect("link");
        Target::check(&link, RULES)
            .expect("ok")
            .write(b"new")
            .expect("writes");
        assert_eq!(
            fs::read_to_string(dir.path().join("made.md")).expect("read"),
            "new"
        );
    }

    #[test]
    fn the_dev_folder_is_never_renamed_over() {
        let target = Target::check(Path::new("/dev/null"), RULES).expect("ok");
        assert!(matches!(target.how, How::Direct { .. }), "{target:?}");
        target.write(b"gone").expect("writes");
        assert!(!fs::metadata("/dev/null").expect("meta").file_type().is_file());
    }

    #[test]
    fn the_same_file_by_another_name_is_an_input() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.yaml");
        fs::write(&file, "x").expect("write");
        let link = dir.path().join("b.yaml");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        let dotted = dir.path().join(".").join("a.yaml");
        let target = Target::check(&dotted, RULES).expect("ok");
        let input = Input {
            path: &link,
            role: "the answers file",
        };
        let message = match target.refuse_inputs([input]) {
            Err(Error::Output { problem, .. }) => problem,
            other => panic!("{other:?}"),
        };
        assert!(message.contains("the answers file"), "{message}");
        let fresh = Target::check(&dir.path().join("new.md"), RULES).expect("ok");
        assert!(fresh.refuse_inputs([input]).is_ok());
    }

    #[test]
    fn an_input_set_knows_its_files_by_identity() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.yaml");
        fs::write(&file, "x").expect("write");
        let link = dir.path().join("l.json");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        let set = InputSet::new([file.as_path()]);
        assert!(set.contains(&link));
        assert!(!set.contains(&dir.path().join("other.json")));
    }
}
