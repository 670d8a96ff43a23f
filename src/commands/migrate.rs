//! `ecodiag migrate`: each answers file carried over to the questionnaire's
//! version and written back atomically — unless `--dry-run` — while no
//! `ecodiag assess` session holds it. Every change, and every answer that
//! could not be carried, is reported; a file that cannot be migrated is
//! reported and the others still are.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Outcome, questionnaire_for};
use crate::diagnostic::{FileProblems, Problem, SourceFile};
use crate::error::Error;
use crate::migrate::{self, Change, Migrated};
use crate::output::{Rules, Target, terminal_text};
use crate::questionnaire::Loaded;
use crate::workshop::{Holder, Lock, store};
use crate::yaml::{self, Limits};

/// `ecodiag migrate`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateRequest {
    pub files: Vec<PathBuf>,
    /// Migrate to this questionnaire instead of the bundled one each file names.
    pub assessment: Option<String>,
    /// The version expected of that questionnaire.
    pub to: Option<String>,
    /// Report what would change; write nothing.
    pub dry_run: bool,
    /// Rewrite a file even if it is read-only.
    pub force: bool,
}

pub fn migrate(r: &MigrateRequest, limits: &Limits) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();
    let mut report = String::new();
    for path in &r.files {
        match one(r, path, limits) {
            Ok(text) => report.push_str(&text),
            Err(err) => {
                outcome.invalid = true;
                outcome.warnings.push(as_problems(path, err));
            }
        }
    }
    outcome.stdout = report.into_bytes();
    Ok(outcome)
}

fn one(r: &MigrateRequest, path: &Path, limits: &Limits) -> Result<String, Error> {
    let parsed = crate::answers::read(path, limits)?;
    let (loaded, _) = questionnaire_for(&parsed, r.assessment.as_deref(), limits)?;
    expect_version(r, &loaded)?;
    let shown = terminal_text(&path.display().to_string()).into_owned();
    let migrated = match migrate::migrate(&parsed, &loaded.questionnaire)? {
        migrate::Outcome::UpToDate { version } => {
            return Ok(format!("{shown}: already at version {version}; nothing to do\n"));
        }
        migrate::Outcome::Migrated(m) => m,
    };
    if !r.dry_run {
        save(path, parsed.source.text(), &migrated.text, r.force, limits)?;
    }
    Ok(describe(&shown, &migrated, r.dry_run))
}

/// `--to` names the version of the questionnaire migrated to.
fn expect_version(r: &MigrateRequest, loaded: &Loaded) -> Result<(), Error> {
    let q = &loaded.questionnaire;
    match &r.to {
        Some(to) if to.trim() != q.version => Err(Error::Usage(format!(
            "--to {to}: the questionnaire `{}` ({}) is version {}; give the {to} questionnaire with \
             --assessment PATH, or leave out --to",
            q.id,
            loaded.source.name(),
            q.version
        ))),
        _ => Ok(()),
    }
}

/// The report for one file: what it was, what it is, every change.
fn describe(shown: &str, m: &Migrated, dry_run: bool) -> String {
    let mut out = String::new();
    let done = if dry_run {
        "dry run, nothing written"
    } else {
        "written"
    };
    let _ = writeln!(out, "{shown}: version {} → {} ({done})", m.from, m.to);
    for change in &m.changes {
        let (what, text) = match change {
            Change::Renamed { from, to } => ("renamed", format!("{from} → {to}")),
            Change::Mapped {
                question,
                from,
                to,
                how,
            } => ("mapped", format!("{question}: {from} → {to} ({how})")),
            Change::Removed {
                question,
                value,
                reason,
            } => (
                "removed",
                format!("{question}: {value} is kept as a comment; {reason}"),
            ),
            Change::Dropped { question, value, why } => (
                "not carried",
                format!("{question}: {value} is kept as a comment; {why}"),
            ),
            Change::Unknown { question, value, why } => (
                "unknown",
                format!("{question}: was {value}, now `unknown` with a note; {why}"),
            ),
        };
        let _ = writeln!(out, "  {what:<12} {}", terminal_text(&text));
    }
    if m.changes.is_empty() {
        let _ = writeln!(out, "  no answer changed");
    }
    out
}

/// Writes the new text over the file through the output door (atomically, a
/// link's target rather than the link, a read-only file only with `--force`)
/// while holding the workshop's lock on it; refuses when a session holds it
/// or the file changed since it was read.
fn save(path: &Path, before: &str, text: &str, force: bool, limits: &Limits) -> Result<(), Error> {
    let target = Target::check(
        path,
        Rules {
            force,
            keep_existing: false,
        },
    )?;
    if target.is_stdout() {
        return Err(Error::Usage(format!(
            "{} is not a file that can be rewritten; migrate answers files",
            terminal_text(&path.display().to_string())
        )));
    }
    // The workshop's lock, beside the file a link leads to: no session
    // starts while the file is rewritten, and none may be running.
    let real = store::target(path);
    let _lock = Lock::acquire_for(&real, Holder::Migrate)?;
    // Through the door: a pipe put in its place meanwhile is refused, not
    // waited on.
    let now = yaml::read_source(&real, yaml::FileKind::Answers, limits)?;
    let now = now.text();
    if now.strip_prefix('\u{feff}').unwrap_or(now) != before {
        return Err(Error::Usage(format!(
            "{} changed while it was being migrated; nothing was written. Run ecodiag migrate again",
            terminal_text(&path.display().to_string())
        )));
    }
    target.write(text.as_bytes())
}

/// Any error as the problems of one file, for standard error.
fn as_problems(path: &Path, err: Error) -> FileProblems {
    match err {
        Error::Invalid(file) => *file,
        other => {
            let mut problem = Problem::error("migrate::file", other.to_string());
            if let Some(hint) = other.hint() {
                problem = problem.help(hint);
            }
            FileProblems {
                file: SourceFile::new(path.display().to_string(), String::new()),
                problems: vec![problem],
            }
        }
    }
}
