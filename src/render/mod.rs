//! Renderers: each formats a finished [`Report`] into a writer and computes
//! nothing. One file per format; [`render`] is the only dispatch point.

mod casetest;
mod check;
mod check_json;
mod diff;
mod html;
mod json;
mod junit;
mod markdown;
mod maturity;
mod outline;
pub mod svg;
mod table;

use std::io::{self, Write};

use crate::report::Report;

pub use casetest::render as test_text;
pub use check::{MarkdownSink as CheckMarkdown, TextSink as CheckText};
pub use check_json::{CHECK_SCHEMA_VERSION, JsonSink as CheckJson};
pub use diff::{
    DIFF_SCHEMA_VERSION, render_json as diff_json, render_markdown as diff_markdown,
    render_table as diff_table,
};
pub use json::{JsonReport, SCHEMA_VERSION, to_json};
pub use junit::JunitSink as CheckJunit;
pub use outline::{condition_value, list_json, list_table, outline_json, outline_table, outline_value};

/// Output formats for a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Terminal tables (comfy-table), colour when allowed.
    Table,
    /// Markdown for pasting into a client document.
    Markdown,
    /// The versioned JSON report (docs/json-report.md).
    Json,
    /// A self-contained HTML page for a client or for print.
    Html,
}

/// How to render for the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// ANSI colour; only ever true for a terminal or `--color always`.
    pub color: bool,
    /// Line width for tables; a fixed default when not writing to a terminal.
    pub width: u16,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            color: false,
            width: 100,
        }
    }
}

pub fn render(report: &Report, format: Format, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::render(report, options, out),
        Format::Markdown => markdown::render(report, out),
        Format::Json => json::render(report, out),
        Format::Html => html::render(report, out),
    }
}

/// A writer that streaming renderers hold; `Debug` so they can derive it.
pub(crate) struct Out<'a>(pub &'a mut dyn Write);

impl std::fmt::Debug for Out<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Out")
    }
}

impl Write for Out<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Rounded score for display, or an en dash when there is none.
pub(crate) fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "–".to_owned(), |s| format!("{s:.0}"))
}

pub(crate) fn percent_text(x: f64) -> String {
    format!("{}%", (x * 100.0).round() as i64)
}

/// The width of the terminal standard output is attached to, if any.
pub fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}
