//! Workshop stage: the interactive questionnaire behind `ecodiag assess`.
//! Questions are asked bucket by bucket and every answer is saved at once,
//! so a session can stop at any moment and be resumed.
//!
//! - [`setup`]: find, resume or create the answers file; the header fields.
//! - [`flow`]: the loop — next question, back, skip, revisit, finish.
//! - [`session`]: the answers so far, visibility, atomic saves.
//! - [`prompt`]: the [`Prompter`] trait the loop talks to.
//! - [`terminal`]: that trait on a real terminal (the only terminal I/O):
//!   [`onekey`] prompts for questions, inquire for menus and text.
//! - [`input`]: what typed text means, as pure functions.
//! - [`onekey`]: what each key does at a question prompt, as pure state.

pub mod flow;
pub mod input;
pub mod onekey;
pub mod prompt;
pub mod session;
pub mod setup;
pub mod terminal;

pub use flow::{Ending, Filter, Walk, run};
pub use prompt::{Ask, ChooseAsk, Prompter, Reply, Shown, Stop, TextAsk};
pub use session::{Session, Tally};
pub use setup::{Opened, Setup, open};
pub use terminal::Terminal;
