//! The one door out: everything ecodiag writes for a person passes through
//! here. [`sanitize`] makes text from files safe to show on a terminal.

pub mod sanitize;

pub use sanitize::{has_controls, terminal_text};
