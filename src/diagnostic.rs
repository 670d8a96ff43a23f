//! Input stage: located problems in a file, collected rather than thrown, so a
//! user sees every mistake in one run.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode, SourceSpan};

/// A file's name (as the user typed it) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: Arc<str>,
    text: Text,
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

impl SourceCode for Text {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        self.as_str()
            .read_span(span, context_lines_before, context_lines_after)
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: Arc::from(name.into()),
            text: Text::Shared(Arc::from(text.into())),
        }
    }

    /// A file compiled into the binary.
    pub fn from_static(name: &'static str, text: &'static str) -> Self {
        Self {
            name: Arc::from(name),
            text: Text::Static(text),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    fn named_source(&self) -> NamedSource<Text> {
        NamedSource::new(&self.name, self.text.clone()).with_language("yaml")
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
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            level: Level::Error,
            code,
            message: message.into(),
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
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
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
        self.problems.iter().map(|problem| Located {
            file: &self.file,
            source: self.file.named_source(),
            problem,
        })
    }
}

/// A problem together with the file it points into; what miette renders.
#[derive(Debug)]
pub struct Located<'a> {
    pub file: &'a SourceFile,
    source: NamedSource<Text>,
    pub problem: &'a Problem,
}

/// Lines longer than this are not quoted: a snippet of a 20,000-character line
/// helps nobody, so the message names the position instead.
const MAX_QUOTED_LINE: usize = 400;

impl Located<'_> {
    /// Whether the problem's line is short enough to quote.
    fn quotable(&self) -> bool {
        let Some(span) = self.problem.span else {
            return false;
        };
        let text = self.file.text();
        if text.is_empty() {
            return false;
        }
        let at = floor_char_boundary(text, span.offset().min(text.len()));
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        end - start <= MAX_QUOTED_LINE
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
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem.message)?;
        if self.problem.span.is_some() && !self.quotable() {
            write!(f, "\n  at {}", self.position())?;
        }
        Ok(())
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
        self.problem
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.quotable().then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if !self.quotable() {
            return None;
        }
        let span = self.problem.span?;
        let label = LabeledSpan::new_with_span(self.problem.label.clone(), span);
        Some(Box::new(std::iter::once(label)))
    }
}

/// The closest candidate to a misspelt word, if one is close enough to be a
/// likely typo.
pub fn did_you_mean<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(typed, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

fn handler(color: bool) -> miette::GraphicalReportHandler {
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
/// visible (see [`crate::output::terminal_text`]), each span moved to cover
/// the same text: what a terminal is shown of a file never commands it.
/// Columns on a line that holds such a character count its visible escape.
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

/// Renders every problem of a file for a terminal (or plain text), followed
/// by a one-line summary when there are several. Text from the file is made
/// safe to show first, so colour codes are the only escapes in the result.
pub fn render_problems(file: &FileProblems, color: bool) -> String {
    let file = terminal_safe(file);
    let file = file.as_ref();
    let handler = handler(color);
    let mut out = String::new();
    for diagnostic in file.diagnostics() {
        let mut one = String::new();
        if handler.render_report(&mut one, &diagnostic).is_err() {
            one = format!("{}: {}\n", diagnostic.position(), diagnostic.problem.message);
        }
        out.push_str(&one);
    }
    let errors = file.problems.iter().filter(|p| p.level == Level::Error).count();
    let warnings = file.problems.len() - errors;
    if file.problems.len() > 1 {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let summary = match (errors, warnings) {
            (0, w) => plural(w, "warning"),
            (e, 0) => plural(e, "error"),
            (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
        };
        out.push_str(&format!("{}: {summary}\n", file.file.name()));
    }
    out
}

/// Renders an error with its hint, for standard error.
pub fn render_error(err: &crate::error::Error, color: bool) -> String {
    if let crate::error::Error::Invalid(file) = err {
        return render_problems(file, color);
    }
    let safe = |text: String| crate::output::terminal_text(&text).into_owned();
    let mut diagnostic = miette::MietteDiagnostic::new(safe(err.to_string()));
    if let Some(hint) = err.hint() {
        diagnostic = diagnostic.with_help(safe(hint));
    }
    let mut out = String::new();
    if handler(color).render_report(&mut out, &diagnostic).is_err() {
        out = format!("error: {}\n", safe(err.to_string()));
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
    fn did_you_mean_finds_near_misses_only() {
        let ids = ["sales-process", "coaching", "crm-adoption"];
        assert_eq!(did_you_mean("sales-proces", ids), Some("sales-process"));
        assert_eq!(did_you_mean("coachng", ids), Some("coaching"));
        assert_eq!(did_you_mean("zzz", ids), None);
    }
}
