//! Workshop stage: one `ecodiag assess` per answers file. Two sessions on one
//! file would each save their own answers over the other's, so the second is
//! refused, with who holds the file.
//!
//! The truth is an OS advisory lock (`File::try_lock`), released by the OS when
//! the process ends however it ends (`kill -9` included): no stale lock to
//! clear by hand. It is taken on a lock file beside the answers file,
//! `.NAME.lock`, because saving replaces the answers file with a new one (an
//! atomic rename), and a lock on the old file would guard nothing. The lock
//! file holds who took it (process, user, host, time), for the refusal. It is
//! removed when the session ends; whoever takes a lock checks that the file
//! they locked is still the one at that path, so removing it cannot let two
//! sessions in.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::terminal_text;

/// The lock on one answers file, held until dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    held: Option<File>,
    /// Why no lock could be taken (a read-only folder, a file system without
    /// locks): the session goes on, unguarded.
    unavailable: Option<String>,
}

/// The lock file of an answers file: `.NAME.lock` beside it.
pub fn lock_path(answers: &Path) -> PathBuf {
    let name = answers
        .file_name()
        .map_or_else(|| "answers".into(), |n| n.to_string_lossy());
    answers.with_file_name(format!(".{name}.lock"))
}

/// Who takes the lock: a workshop session for as long as it runs, or
/// `ecodiag migrate` for as long as it rewrites the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Assess,
    Migrate,
}

impl Holder {
    /// The command, as the lock file and the refusal name it.
    pub fn command(self) -> &'static str {
        match self {
            Holder::Assess => "ecodiag assess",
            Holder::Migrate => "ecodiag migrate",
        }
    }
}

impl Lock {
    /// Takes the lock on `answers` (the file saves go to: a link's target)
    /// for a workshop session. Another holder is an error that names it; a
    /// folder where no lock file can be made gives an unguarded lock.
    pub fn acquire(answers: &Path) -> Result<Lock, Error> {
        Lock::acquire_for(answers, Holder::Assess)
    }

    /// Takes the lock on `answers` for `by`.
    pub fn acquire_for(answers: &Path, by: Holder) -> Result<Lock, Error> {
        let path = lock_path(answers);
        let error = |source: io::Error| Error::Write {
            path: path.display().to_string(),
            source,
        };
        // A lock file removed by its holder between our open and our lock is
        // no longer the lock: try again with the one now at the path.
        for _ in 0..8 {
            let mut file = match OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
            {
                Ok(file) => file,
                Err(e) if unguardable(&e) => return Ok(Lock::unavailable(path, &e)),
                Err(e) => return Err(error(e)),
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(refusal(answers, &mut file, by)),
                Err(TryLockError::Error(e)) => return Ok(Lock::unavailable(path, &e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0).map_err(error)?;
            file.rewind().map_err(error)?;
            file.write_all(holder(by).as_bytes()).map_err(error)?;
            return Ok(Lock {
                path,
                held: Some(file),
                unavailable: None,
            });
        }
        Err(error(io::Error::other("the lock file keeps changing")))
    }

    fn unavailable(path: PathBuf, why: &io::Error) -> Lock {
        Lock {
            unavailable: Some(format!("cannot make the lock file {}: {why}", path.display())),
            path,
            held: None,
        }
    }

    /// Why this session runs without a lock, if it does.
    pub fn unavailable_reason(&self) -> Option<&str> {
        self.unavailable.as_deref()
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, and only if it is still ours.
        if let Some(file) = &self.held
            && same_file(file, &self.path)
        {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Errors that mean "no lock file can be made here", not "something broke".
fn unguardable(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

/// The refusal: the answers file, who holds it, and what to do.
fn refusal(answers: &Path, file: &mut File, by: Holder) -> Error {
    let mut text = String::new();
    let _ = file.read_to_string(&mut text);
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
            .map(|v| terminal_text(v.trim()).into_owned())
    };
    let who = match (field("pid"), field("user"), field("host"), field("since")) {
        (Some(pid), user, host, since) => {
            let mut who = format!("process {pid}");
            if let Some(user) = user {
                who.push_str(&format!(" of {user}"));
            }
            if let Some(host) = host {
                who.push_str(&format!(" on {host}"));
            }
            if let Some(since) = since {
                who.push_str(&format!(", since {since}"));
            }
            who
        }
        _ => "a process that has not said who it is yet".to_owned(),
    };
    let file = terminal_text(&answers.display().to_string()).into_owned();
    if text.starts_with(Holder::Migrate.command()) {
        return Error::Usage(format!(
            "{file} is being rewritten by `ecodiag migrate` ({who}); try again once it has finished"
        ));
    }
    match by {
        Holder::Assess => Error::Usage(format!(
            "{file} is open in another `ecodiag assess` ({who}). Only one session at a time may \
             write an answers file, or each would save over the other's answers: finish or stop \
             that session first (Ctrl-C there saves and stops), or give another --answers file"
        )),
        Holder::Migrate => Error::Usage(format!(
            "{file} is open in an `ecodiag assess` session ({who}), which would save over the \
             migrated file: finish or stop that session first (Ctrl-C there saves and stops), \
             then migrate again. Nothing was written"
        )),
    }
}

/// Who takes the lock, as written into the lock file.
fn holder(by: Holder) -> String {
    let since = jiff::Zoned::now().strftime("%Y-%m-%d %H:%M").to_string();
    let mut text = format!("{}\npid: {}\n", by.command(), std::process::id());
    if let Some(user) = user_name() {
        text.push_str(&format!("user: {user}\n"));
    }
    text.push_str(&format!("host: {}\nsince: {since}\n", host_name()));
    text
}

/// Who runs this process: the login name, else the user id.
fn user_name() -> Option<String> {
    let named = ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
    #[cfg(unix)]
    let named = named.or_else(|| {
        use std::os::unix::fs::MetadataExt;
        // Owned by the process's own user.
        fs::metadata("/proc/self")
            .ok()
            .map(|m| format!("user id {}", m.uid()))
    });
    named
}

fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| fs::read_to_string(p).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "this machine".to_owned())
}

/// Whether the open `file` is the one now at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed, so it stays the same file.
#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_file_is_refused_with_its_holder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let answers = dir.path().join("acme.yaml");
        let first = Lock::acquire(&answers).expect("first lock");
        assert!(first.unavailable_reason().is_none());
        let held = fs::read_to_string(lock_path(&answers)).expect("lock file");
        assert!(held.contains(&format!("pid: {}", std::process::id())), "{held}");
        // Another open file description conflicts even in the same process.
        let err = Lock::acquire(&answers).expect_err("refused");
        let text = err.to_string();
        assert!(
            text.contains(&format!("process {}", std::process::id())) && text.contains("acme.yaml"),
            "{text}"
        );
        drop(first);
        assert!(!lock_path(&answers).exists(), "removed when released");
        let again = Lock::acquire(&answers).expect("free again");
        drop(again);
    }

    #[test]
    fn a_stale_lock_file_locks_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let answers = dir.path().join("acme.yaml");
        fs::write(lock_path(&answers), "pid: 1\n").expect("stale file");
        let lock = Lock::acquire(&answers).expect("taken over");
        let held = fs::read_to_string(lock_path(&answers)).expect("lock file");
        assert!(!held.contains("pid: 1\n"), "rewritten: {held}");
        drop(lock);
    }

    #[test]
    fn a_migration_and_a_session_keep_out_of_each_other_and_say_why() {
        let dir = tempfile::tempdir().expect("temp dir");
        let answers = dir.path().join("acme.yaml");
        let session = Lock::acquire(&answers).expect("session");
        let err = Lock::acquire_for(&answers, Holder::Migrate).expect_err("refused");
        let text = err.to_string();
        assert!(
            text.contains("is open in an `ecodiag assess` session") && text.contains("migrate again"),
            "{text}"
        );
        drop(session);
        let migration = Lock::acquire_for(&answers, Holder::Migrate).expect("free");
        let held = fs::read_to_string(lock_path(&answers)).expect("lock file");
        assert!(held.starts_with("ecodiag migrate\n"), "{held}");
        let err = Lock::acquire(&answers).expect_err("refused");
        assert!(
            err.to_string()
                .contains("is being rewritten by `ecodiag migrate`"),
            "{err}"
        );
        drop(migration);
        assert!(!lock_path(&answers).exists(), "removed when released");
    }
}
