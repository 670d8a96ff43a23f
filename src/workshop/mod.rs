//! Workshop stage: the interactive questionnaire behind `ecodiag assess`.
//! Questions are asked bucket by bucket and every answer is saved at once,
//! so a session can stop at any moment and be resumed.
//!
//! - [`setup`]: find, resume or create the answers file; the header fields.
//! - [`flow`]: the loop — next question, back, skip, revisit, finish.
//! - [`session`]: the answers so far, visibility, saves.
//! - [`lock`]: one session per answers file.
//! - [`store`]: the file on disk — links written through, atomic writes.
//! - [`merge`]: changes made to the file meanwhile, merged into a save.
//! - [`recover`]: a failed save — try again, or save elsewhere.
//! - [`timer`]: time spent and left, and the optional time box.
//! - [`prompt`]: the [`Prompter`] trait the loop talks to.
//! - [`terminal`]: that trait on a real terminal (the only terminal I/O):
//!   [`onekey`] prompts for questions and menus, inquire for text.
//! - [`input`]: what typed text means, as pure functions.
//! - [`onekey`]: what each key does at a prompt, as pure state.

pub mod flow;
pub mod input;
pub mod lock;
pub mod merge;
pub mod onekey;
pub mod prompt;
pub mod recover;
pub mod session;
pub mod setup;
pub mod store;
pub mod terminal;
pub mod timer;

pub use flow::{Ending, Filter, Walk, run};
pub use lock::{Holder, Lock};
pub use prompt::{Ask, ChooseAsk, Prompter, Reply, Shown, Stop, TextAsk};
pub use session::{Saved, Session, Tally};
pub use setup::{Opened, Setup, open};
pub use terminal::Terminal;
