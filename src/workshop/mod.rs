//! Workshop stage: the interactive questionnaire behind `ecodiag assess`.
//! Questions are asked bucket by bucket and every answer is saved at once,
//! so a session can stop at any moment and be resumed.
//!
//! - [`setup`]: find, resume or create the answers file; the header fields.
//! - [`flow`]: the loop — next question, back, skip, revisit, finish.
//! - [`session`]: the answers so far, visibility, atomic saves.
//! - [`prompt`]: the [`Prompter`] trait the loop talks to.
//! - [`terminal`]: that trait over inquire prompts (the only terminal I/O).
//! - [`input`]: what typed text means, as pure functions.

pub mod flow;
pub mod input;
pub mod prompt;
pub mod session;
pub mod setup;
pub mod terminal;

pub use flow::{Ending, Filter, Walk, run};
pub use prompt::{Ask, ChooseAsk, Prompter, Reply, Shown, Stop, TextAsk};
pub use session::{Session, Tally};
pub use setup::{Opened, Setup, open};
pub use terminal::Terminal;
