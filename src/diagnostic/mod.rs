//! Input stage, the lowest: located problems in a file, collected rather than
//! thrown, so a user sees every mistake in one run. It imports nothing else of
//! ecodiag; `yaml` reads files into it and `error` builds on both.

mod excerpt;
mod text;

use std::fmt;
use std::sync::{Arc, OnceLock};

use miette::{Diagnostic, LabeledSpan, SourceCode, SourceSpan};

pub use excerpt::{Excerpt, MAX_SHOWN_LINE};
pub use text::{
    MAX_COMPARED_CHARS, MAX_ID_CHARS, MAX_MESSAGE_CHARS, MAX_QUOTE_CHARS, MAX_SUGGEST_CANDIDATES,
    MAX_SUGGESTIONS, Suggester, bounded, did_you_mean, hint_for, number, thousands,
};

/// A file's name (as the user typed it) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: Arc<str>,
    text: Text,
    /// Where each line starts, found once when a position is first asked for.
    lines: Arc<OnceLock<Vec<usize>>>,
}

/// File text: read at run time, or compiled into the binary (never copied).
#[derive(Debug, Clone)]
enum Text {
    Shared(Arc<str>),
    Static(&'static str),
}

impl Text {
    fn as_str(&self) -> &str {
        match self {
            Text::Shared(text) => text,
            Text::Static(text) => text,
        }
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: Arc::from(name.into()),
            text: Text::Shared(Arc::from(text.into())),
            lines: Arc::default(),
        }
    }

    /// A file compiled into the binary.
    pub fn from_static(name: &'static str, text: &'static str) -> Self {
        Self {
            name: Arc::from(name),
            text: Text::Static(text),
            lines: Arc::default(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// Byte offsets where each line starts; the first is 0.
    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            let text = self.text();
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset. The lines
    /// are indexed once, so a file with thousands of problems is not read
    /// again for each.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset);
        let column = text[starts[line - 1]..offset].chars().count() + 1;
        (line, column)
    }

    /// The lines around a span, for a snippet.
    pub fn excerpt(&self, span: SourceSpan) -> Excerpt {
        Excerpt::new(Arc::clone(&self.name), self.text(), self.line_starts(), span)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Warning,
    Error,
}

/// One thing wrong in a file: what, where, and what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub level: Level,
    /// A stable code such as `answers::unknown-question`, for searching the docs.
    pub code: &'static str,
    pub message: String,
    pub span: Option<SourceSpan>,
    pub label: Option<String>,
    pub help: Option<String>,
}

impl Problem {
    /// An error. The message, like the label and the hint, is kept to a
    /// readable size whatever it quotes (see [`bounded`]).
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            level: Level::Error,
            code,
            message: bounded(message.into()),
            span: None,
            label: None,
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            level: Level::Warning,
            ..Self::error(code, message)
        }
    }

    /// Points the problem at a span of the file, with a short label.
    pub fn at(mut self, span: SourceSpan, label: impl Into<String>) -> Self {
        self.span = Some(span);
        self.label = Some(bounded(label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(bounded(help.into()));
        self
    }
}

/// All the problems found in one file.
#[derive(Debug, Clone)]
pub struct FileProblems {
    pub file: SourceFile,
    pub problems: Vec<Problem>,
}

impl FileProblems {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.level == Level::Error)
    }

    /// Each problem as a renderable diagnostic bound to the file's text.
    pub fn diagnostics(&self) -> impl Iterator<Item = Located<'_>> {
        self.problems
            .iter()
            .map(|problem| Located::new(&self.file, problem))
    }
}

/// A problem together with the file it points into; what miette renders.
#[derive(Debug)]
pub struct Located<'a> {
    pub file: &'a SourceFile,
    pub problem: &'a Problem,
    /// The lines around the problem, when it has a place in a file with text.
    excerpt: Option<Excerpt>,
    message: String,
    label: Option<String>,
    help: Option<String>,
}

impl<'a> Located<'a> {
    fn new(file: &'a SourceFile, problem: &'a Problem) -> Self {
        let excerpt = problem
            .span
            .filter(|_| !file.text().is_empty())
            .map(|span| file.excerpt(span));
        // Bounded again: a problem's fields may have been set directly.
        Located {
            file,
            problem,
            excerpt,
            message: bounded(problem.message.clone()),
            label: problem.label.clone().map(bounded),
            help: problem.help.clone().map(bounded),
        }
    }

    /// `file:line:column` of the problem (or just the file when it has no span).
    pub fn position(&self) -> String {
        match self.problem.span {
            Some(span) => {
                let (line, col) = self.file.line_col(span.offset());
                format!("{}:{line}:{col}", self.file.name())
            }
            None => self.file.name().to_owned(),
        }
    }

    /// The message, kept to a readable size.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        match (self.problem.span, &self.excerpt) {
            // No snippet to show where: say it in words.
            (Some(_), None) => write!(f, "\n  at {}", self.position()),
            // Nowhere in particular, but the file is named.
            (None, _) if !self.message.contains(self.file.name()) => write!(f, "\n  in {}", self.file.name()),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for Located<'_> {}

impl Diagnostic for Located<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.problem.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.problem.level {
            Level::Error => miette::Severity::Error,
            Level::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|e| e as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.excerpt.as_ref()?;
        let label = LabeledSpan::new_with_span(self.label.clone(), excerpt.span);
        Some(Box::new(std::iter::once(label)))
    }
}

/// Problems shown for one file; the rest are counted. A file with a hundred
/// thousand mistakes is usually one mistake repeated, and printing each would
/// cost minutes and megabytes.
pub const MAX_SHOWN_PROBLEMS: usize = 100;

/// The handler that draws problems, with or without colour.
pub fn handler(color: bool) -> miette::GraphicalReportHandler {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    miette::GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_context_lines(1)
}

/// The file's name, text and problems with every control character made
/// visible (see [`crate::output::sanitize::terminal_text`]), each span moved
/// to cover the same text: what a terminal is shown of a file never commands
/// it. Columns on a line that holds such a character count its visible
/// escape. (`output::sanitize` imports nothing, so this stays the lowest
/// module but for that leaf.)
fn terminal_safe(file: &FileProblems) -> std::borrow::Cow<'_, FileProblems> {
    use crate::output::sanitize::{escaped_offset, has_controls, terminal_text};
    let text = file.file.text();
    let dirty = has_controls(file.file.name())
        || has_controls(text)
        || file.problems.iter().any(|p| {
            has_controls(&p.message)
                || p.label.as_deref().is_some_and(has_controls)
                || p.help.as_deref().is_some_and(has_controls)
        });
    if !dirty {
        return std::borrow::Cow::Borrowed(file);
    }
    let clean = |s: &str| terminal_text(s).into_owned();
    let problems = file
        .problems
        .iter()
        .map(|p| Problem {
            message: clean(&p.message),
            label: p.label.as_deref().map(clean),
            help: p.help.as_deref().map(clean),
            span: p.span.map(|span| {
                let start = escaped_offset(text, span.offset());
                let end = escaped_offset(text, span.offset() + span.len());
                SourceSpan::new(start.into(), end - start)
            }),
            ..p.clone()
        })
        .collect();
    std::borrow::Cow::Owned(FileProblems {
        file: SourceFile::new(clean(file.file.name()), clean(text)),
        problems,
    })
}

/// Renders the problems of a file for a terminal (or plain text) — the
/// first [`MAX_SHOWN_PROBLEMS`], then how many more there are — followed by a
/// one-line summary when there are several. Text from the file is made safe
/// to show first, so colour codes are the only escapes in the result.
pub fn render_problems(file: &FileProblems, color: bool) -> String {
    let file = terminal_safe(file);
    let file = file.as_ref();
    let handler = handler(color);
    let mut out = String::new();
    for diagnostic in file.diagnostics().take(MAX_SHOWN_PROBLEMS) {
        let mut one = String::new();
        if handler.render_report(&mut one, &diagnostic).is_err() {
            one = format!("{}: {}\n", diagnostic.position(), diagnostic.message());
        }
        out.push_str(&one);
    }
    let errors = file.problems.iter().filter(|p| p.level == Level::Error).count();
    let warnings = file.problems.len() - errors;
    let plural = |n: usize, word: &str| format!("{} {word}{}", thousands(n), if n == 1 { "" } else { "s" });
    if let Some(more) = file
        .problems
        .len()
        .checked_sub(MAX_SHOWN_PROBLEMS)
        .filter(|n| *n > 0)
    {
        out.push_str(&format!(
            "{}: {} not shown; fix the ones above and run again\n",
            file.file.name(),
            plural(more, "more problem")
        ));
    }
    if file.problems.len() > 1 {
        let summary = match (errors, warnings) {
            (0, w) => plural(w, "warning"),
            (e, 0) => plural(e, "error"),
            (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
        };
        out.push_str(&format!("{}: {summary}\n", file.file.name()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("f", "ab\ndé x\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        // "é" is two bytes; "x" sits at byte 7, character column 4.
        assert_eq!(file.line_col(7), (2, 4));
    }

    #[test]
    fn positions_are_found_in_a_large_file_without_rereading_it() {
        let text = "a: 1\n".repeat(100_000);
        let file = SourceFile::new("big.yaml", text.clone());
        assert_eq!(file.line_col(text.len() - 2), (100_000, 4));
        assert_eq!(file.line_col(text.len()), (100_001, 1));
    }

    #[test]
    fn only_the_first_problems_of_a_file_are_drawn() {
        let text = "a: 1\n".repeat(1_000);
        let problems = (0..1_000)
            .map(|i| {
                Problem::error("t::x", format!("problem {i}")).at(SourceSpan::new((i * 5).into(), 1), "here")
            })
            .collect();
        let shown = render_problems(
            &FileProblems {
                file: SourceFile::new("f.yaml", text),
                problems,
            },
            false,
        );
        assert_eq!(shown.matches("t::x").count(), MAX_SHOWN_PROBLEMS);
        assert!(shown.contains("f.yaml: 900 more problems not shown"), "{shown}");
        assert!(shown.contains("f.yaml: 1,000 errors"), "{shown}");
    }

    #[test]
    fn a_problem_nowhere_in_particular_names_its_file() {
        let file = SourceFile::new("old.json", "{}");
        let problem = Problem::error("report::x", "this report is too old");
        let shown = render_problems(
            &FileProblems {
                file,
                problems: vec![problem],
            },
            false,
        );
        assert!(shown.contains("in old.json"), "{shown}");
    }
}
