//! The one door out: everything ecodiag writes passes through here.
//!
//! - [`sanitize`]: text from files made safe to show on a terminal, and
//!   escaped for JSON and XML so their data stays exact.
//! - [`stream`]: standard output and standard error, guarded line by line.
//! - [`file`]: output files, checked before any work and written safely.
//! - [`terminal`]: colour and width of standard output.

pub mod file;
pub mod sanitize;
pub mod stream;
pub mod terminal;

pub use file::{FileWriter, Input, InputSet, Rules, Target};
pub use sanitize::{has_controls, json_text, terminal_output, terminal_text, xml_text};
pub use stream::{Guarded, QuietPipe};
pub use terminal::Terminal;
