//! Workshop stage: saving, and what happens when a save fails (a read-only
//! folder, a full disk, a file-size limit, a hand edit that no longer reads).
//! The answer stays in memory; the screen says what failed and offers to try
//! again or to save to another file, which then becomes the session's file
//! (and is locked). Ctrl-C still stops: the unsaved answers are then printed,
//! to copy by hand.

use std::path::PathBuf;

use super::lock::Lock;
use super::prompt::{ChooseAsk, Exit, Prompter, Shown, TextAsk};
use super::session::Session;
use super::store;
use crate::error::Error;
use crate::error::render_error;
use crate::questionnaire::QuestionIx;

/// Saves, and on failure asks what to do until a save succeeds or the
/// person stops. Anything the save merged is shown.
pub(super) fn save(
    session: &mut Session,
    p: &mut dyn Prompter,
    asked: Option<QuestionIx>,
) -> Result<(), Exit> {
    let mut moved = false;
    loop {
        match session.save(asked) {
            Ok(saved) => {
                let mut notes = saved.notes;
                if moved {
                    notes.push(format!(
                        "Saved to {}: the session goes on in that file.",
                        session.path().display()
                    ));
                }
                if !notes.is_empty() {
                    p.show(Shown::Notice, &notes.join("\n"))?;
                }
                return Ok(());
            }
            Err(err) => {
                let why = reason(&err);
                let unsaved = session.unsaved().len();
                let kept = match unsaved {
                    0 => "Nothing is lost: the answers are in memory.".to_owned(),
                    1 => "The answer just given is kept in memory: nothing is lost yet.".to_owned(),
                    n => format!("{n} answers not saved yet are kept in memory: nothing is lost yet."),
                };
                p.show(
                    Shown::Notice,
                    &format!("Could not save to {}.\n{why}\n{kept}", session.path().display()),
                )?;
                let items = ["Try again".to_owned(), "Save to another file…".to_owned()];
                let choice = p.choose(&ChooseAsk {
                    label: "What now?",
                    items: &items,
                    start: 0,
                    help: "Esc tries again · Ctrl-C stops and prints the unsaved answers",
                })?;
                if choice == Some(1) {
                    moved |= elsewhere(session, p)?;
                }
            }
        }
    }
}

/// What failed, in a line; a file that no longer reads is shown where.
fn reason(err: &Error) -> String {
    match err {
        Error::Invalid(_) => render_error(err, false).trim_end().to_owned(),
        other => other.to_string(),
    }
}

/// Asks for another file to save to, until one can be locked; Esc or an
/// empty answer goes back to the choice. Whether the session moved.
fn elsewhere(session: &mut Session, p: &mut dyn Prompter) -> Result<bool, Exit> {
    loop {
        let Some(typed) = p.text(&TextAsk {
            label: "Save the answers to which file?",
            help: "a new file, e.g. on another disk; Enter alone goes back",
            required: false,
        })?
        else {
            return Ok(false);
        };
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(false);
        }
        let path = PathBuf::from(typed);
        let problem = if path.is_dir() {
            Some(format!("{} is a folder; give a file name in it", path.display()))
        } else if path.exists() || std::fs::symlink_metadata(&path).is_ok() {
            Some(format!(
                "{} already exists, and answers are never written over another file; give a new name",
                path.display()
            ))
        } else if path
            .parent()
            .is_some_and(|d| !d.as_os_str().is_empty() && !d.is_dir())
        {
            Some(format!(
                "there is no folder {}",
                path.parent().unwrap_or(&path).display()
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            p.show(Shown::Notice, &problem)?;
            continue;
        }
        match Lock::acquire(&store::target(&path)) {
            Ok(lock) => {
                session.move_to(path, lock);
                return Ok(true);
            }
            Err(err) => p.show(Shown::Notice, render_error(&err, false).trim_end())?,
        }
    }
}
