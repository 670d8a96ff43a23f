//! Renderers: each formats a finished [`Report`] into a writer and computes
//! nothing. One file per format; [`render`] is the only dispatch point.

mod casetest;
mod casetest_json;
mod check;
mod check_json;
mod diff;
mod explain;
pub mod github;
mod html;
mod json;
mod junit;
mod markdown;
mod maturity;
mod outline;
pub mod svg;
mod table;
mod validation;
mod words;

use std::borrow::Cow;
use std::io::{self, Write};

use crate::output::{self, Terminal};
use crate::report::Report;

pub use casetest::{render as test_text, render_quiet as test_text_quiet};
pub use casetest_json::{JsonTestRun, TEST_SCHEMA_VERSION, render as test_json};
pub use check::{MarkdownSink as CheckMarkdown, TextSink as CheckText};
pub use check_json::{CHECK_SCHEMA_VERSION, JsonSink as CheckJson};
pub use diff::{
    DIFF_SCHEMA_VERSION, render_json as diff_json, render_markdown as diff_markdown,
    render_table as diff_table,
};
pub use explain::EXPLAIN_SCHEMA_VERSION;
pub use github::CheckSink as CheckGithub;
pub use json::{JsonReport, SCHEMA_VERSION, to_json};
pub use junit::JunitSink as CheckJunit;
pub use outline::{condition_value, list_json, list_table, outline_json, outline_table, outline_value};
pub use validation::{JsonValidation, VALIDATION_SCHEMA_VERSION, render as validation_json};

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

/// How `validate` and `test` print what they found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemFormat {
    /// Lines for people on standard output; the problems, located, on standard error.
    Table,
    /// One versioned JSON document holding the problems too.
    Json,
    /// GitHub Actions annotations, then the lines for people.
    Github,
}

/// How to render for the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// ANSI colour; only ever true for a terminal or `--color always`.
    pub color: bool,
    /// Line width for tables; a fixed default when not writing to a terminal.
    pub width: u16,
    /// Never break a word across lines: a column is at least as wide as its
    /// longest word. Off only on a terminal, where a line wider than the
    /// screen would wrap and break the whole table.
    pub keep_words: bool,
}

/// Line width when nothing says otherwise.
pub const DEFAULT_WIDTH: u16 = 100;

impl Default for Options {
    fn default() -> Self {
        Options {
            color: false,
            width: DEFAULT_WIDTH,
            keep_words: true,
        }
    }
}

impl Options {
    /// For standard output: colour as `--color` says, else as the terminal
    /// allows; its width.
    pub fn for_terminal(terminal: &Terminal, color: Option<bool>) -> Options {
        Options {
            color: color.unwrap_or(terminal.stdout_color),
            width: terminal.width.unwrap_or(DEFAULT_WIDTH),
            keep_words: !terminal.tty,
        }
    }

    /// For a file: no colour unless asked for, the fixed width, so the file
    /// is the same whatever terminal it was written from.
    pub fn for_file(color: Option<bool>) -> Options {
        Options {
            color: color.unwrap_or(false),
            ..Options::default()
        }
    }
}

/// Renders a report. Text from the files is made safe on the way out: the
/// people's formats never hold a raw control character (colour codes aside,
/// when asked for), and JSON escapes those its grammar allows raw.
pub fn render(report: &Report, format: Format, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let mut bytes = Vec::new();
    match format {
        Format::Table => table::render(report, options, &mut bytes),
        Format::Markdown => markdown::render(report, &mut bytes),
        Format::Json => json::render(report, &mut bytes),
        Format::Html => html::render(report, &mut bytes),
    }?;
    out.write_all(&safe(bytes, format, options.color))
}

/// Renders `ecodiag explain`, made safe like a report; HTML has no page of
/// its own and prints the text.
pub fn render_explain(
    e: &crate::report::explain::Explanation,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut bytes = Vec::new();
    match format {
        Format::Table | Format::Html => explain::text(e, &mut bytes),
        Format::Markdown => explain::markdown(e, &mut bytes),
        Format::Json => explain::json(e, &mut bytes),
    }?;
    let format = if format == Format::Html {
        Format::Table
    } else {
        format
    };
    out.write_all(&safe(bytes, format, false))
}

/// Rendered bytes made safe for their format (see [`render`]); returned as
/// they are when they already are.
pub(crate) fn safe(bytes: Vec<u8>, format: Format, color: bool) -> Vec<u8> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    };
    let safe = match format {
        Format::Json => output::json_text(&text),
        Format::Table => output::terminal_output(&text, color),
        Format::Markdown | Format::Html => output::terminal_text(&text),
    };
    match safe {
        Cow::Borrowed(_) => text.into_bytes(),
        Cow::Owned(safe) => safe.into_bytes(),
    }
}

/// The table as printed. When `options` keep words whole, a column whose
/// longest word would be broken across lines is widened to that word, until
/// none is; columns that break no word keep the layout they had. The table
/// is laid out once when nothing needs widening.
pub(crate) fn laid_out(mut table: comfy_table::Table, options: &Options) -> String {
    use comfy_table::{ColumnConstraint as C, Width};
    if !options.keep_words {
        return table.to_string();
    }
    let needed: Vec<usize> = table
        .column_iter()
        .enumerate()
        .map(|(i, column)| {
            let word = table
                .column_cells_with_header_iter(i)
                .flatten()
                .flat_map(|cell| {
                    cell.content()
                        .split_whitespace()
                        .map(unicode_width::UnicodeWidthStr::width)
                        .max()
                })
                .max()
                .unwrap_or(0);
            word + usize::from(column.padding_width())
        })
        .collect();
    for _ in 0..=needed.len() {
        let lines: Vec<String> = table.lines().collect();
        let mut widened = false;
        for ((column, need), width) in table.column_iter_mut().zip(&needed).zip(column_widths(&lines)) {
            if width >= *need {
                continue;
            }
            let fixed = Width::Fixed(u16::try_from(*need).unwrap_or(u16::MAX));
            column.set_constraint(match column.constraint() {
                // A column held narrow keeps no more than its longest word.
                Some(C::UpperBoundary(_) | C::Boundaries { .. } | C::Absolute(_)) => C::Absolute(fixed),
                _ => C::LowerBoundary(fixed),
            });
            widened = true;
        }
        if !widened {
            return lines.join("\n");
        }
    }
    table.to_string()
}

/// The width of each column as laid out, padding included, read off the
/// table's top border (`┌───┬──┐`).
fn column_widths(lines: &[String]) -> Vec<usize> {
    let Some(top) = lines.first() else {
        return Vec::new();
    };
    let inner: String = top.chars().skip(1).collect();
    inner
        .trim_end_matches(|c: char| !matches!(c, '─' | '━' | '═' | '-'))
        .split(|c: char| !matches!(c, '─' | '━' | '═' | '-'))
        .map(|segment| segment.chars().count())
        .collect()
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
