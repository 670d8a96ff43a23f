//! Input stage: the few lines a message shows around a problem, cut out of
//! the file. A snippet costs the same whatever the file's size, and a line of
//! a million characters shows a window around the column, with ellipses.

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Lines up to this many characters are shown whole.
pub const MAX_SHOWN_LINE: usize = 120;
/// A longer line shows this many of its characters…
const WINDOW_CHARS: usize = 100;
/// …starting this many before the column of the problem.
const WINDOW_LEAD: usize = 40;

/// The lines around one span of a file, each cut to a window, with the span
/// moved into the excerpt. It reports the file's real line numbers, and the
/// span's real column, so the header reads `file:line:column` as in the file.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: Arc<str>,
    text: String,
    /// Line number (0-based) of the first line of the excerpt.
    first_line: usize,
    /// The span within `text`.
    pub span: SourceSpan,
    /// Column (0-based, in characters) of the span in the file.
    column: usize,
}

impl Excerpt {
    /// The line above, the line of the span and the line below. A span
    /// running over several lines is cut at the end of its first.
    pub fn new(name: Arc<str>, text: &str, line_starts: &[usize], span: SourceSpan) -> Excerpt {
        let offset = super::floor_char_boundary(text, span.offset().min(text.len()));
        let line = line_starts.partition_point(|&start| start <= offset) - 1;
        let line_text = |ix: usize| {
            let start = line_starts[ix];
            let end = line_starts.get(ix + 1).map_or(text.len(), |&next| next - 1);
            let line = &text[start..end];
            line.strip_suffix('\r').unwrap_or(line)
        };
        let here = line_text(line);
        let column = text[line_starts[line]..offset].chars().count();
        let is_long = |line: &str| line.len() > MAX_SHOWN_LINE && line.chars().count() > MAX_SHOWN_LINE;
        let long = is_long(here);
        let skip = if long {
            column.saturating_sub(WINDOW_LEAD)
        } else {
            0
        };
        // Each long line shows the same columns, so the lines stay aligned.
        // A lone carriage return would start a new line in the snippet.
        let window = |text: &str| -> String {
            if !is_long(text) {
                return text.replace('\r', " ");
            }
            let mut chars = text.chars().skip(skip);
            let mut shown: String = if skip > 0 { "…".to_owned() } else { String::new() };
            shown.extend(
                chars
                    .by_ref()
                    .take(WINDOW_CHARS)
                    .map(|c| if c == '\r' { ' ' } else { c }),
            );
            if chars.next().is_some() {
                shown.push('…');
            }
            shown
        };
        let first_line = line.saturating_sub(1);
        let last_line = (line + 1).min(line_starts.len() - 1);
        let mut excerpt = String::new();
        let mut start = 0;
        for ix in first_line..=last_line {
            if ix > first_line {
                excerpt.push('\n');
            }
            if ix == line {
                start = excerpt.len();
            }
            excerpt.push_str(&window(line_text(ix)));
        }
        // The file goes on: end the last line as the file does, so an empty
        // line below the problem is still shown as one.
        if last_line + 1 < line_starts.len() {
            excerpt.push('\n');
        }
        // Where the span starts and ends in the shown line, in characters:
        // after the leading ellipsis, within the window.
        let lead = usize::from(skip > 0);
        let content = if long {
            (here.chars().count() - skip).min(WINDOW_CHARS)
        } else {
            here.chars().count()
        };
        let mut end = offset.saturating_add(span.len()).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let span_chars = text[offset..end]
            .chars()
            .take_while(|c| *c != '\n' && *c != '\r')
            .count();
        let from = lead + column - skip;
        let to = lead + (column - skip + span_chars).min(content);
        let shown_line = window(here);
        let byte_at = |chars: usize| {
            shown_line
                .char_indices()
                .nth(chars)
                .map_or(shown_line.len(), |(at, _)| at)
        };
        let (from, to) = (byte_at(from), byte_at(to));
        Excerpt {
            name,
            text: excerpt,
            first_line,
            span: SourceSpan::new((start + from).into(), to - from),
            column,
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .as_str()
            .read_span(span, context_lines_before, context_lines_after)?;
        // The span itself, read without context, is where the header points.
        let column = if context_lines_before == 0 && span.offset() == self.span.offset() {
            self.column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, offset: usize, len: usize) -> Excerpt {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Excerpt::new(
            Arc::from("f.yaml"),
            text,
            &starts,
            SourceSpan::new(offset.into(), len),
        )
    }

    fn spanned(e: &Excerpt) -> &str {
        &e.text[e.span.offset()..e.span.offset() + e.span.len()]
    }

    #[test]
    fn short_lines_are_kept_whole_with_their_neighbours() {
        let text = "a: 1\nb: 2\nc: 3\nd: 4\n";
        let e = excerpt(text, 13, 1);
        assert_eq!(e.text, "b: 2\nc: 3\nd: 4\n");
        assert_eq!(spanned(&e), "3");
        assert_eq!((e.first_line, e.column), (1, 3));
    }

    #[test]
    fn a_long_line_shows_a_window_around_the_column() {
        let text = format!("a: 1\nb: {}X{}\nc: 3\n", "x".repeat(5_000), "y".repeat(5_000));
        let at = 5 + 3 + 5_000;
        let e = excerpt(&text, at, 1);
        let lines: Vec<&str> = e.text.lines().collect();
        assert_eq!(lines[0], "a: 1");
        assert!(
            lines[1].starts_with('…') && lines[1].ends_with('…'),
            "{}",
            lines[1]
        );
        assert_eq!(lines[1].chars().count(), WINDOW_CHARS + 2);
        assert_eq!(spanned(&e), "X");
        assert_eq!(e.column, 5_003);
    }

    #[test]
    fn a_span_over_several_lines_stops_at_the_end_of_its_first() {
        let e = excerpt("k:\n  a: 1\n  b: 2\n", 0, 16);
        assert_eq!(spanned(&e), "k:");
    }

    #[test]
    fn a_span_ending_inside_a_character_takes_the_whole_character() {
        let e = excerpt("a: Mü\n", 4, 1);
        assert_eq!(spanned(&e), "ü");
    }

    #[test]
    fn a_span_at_the_end_of_the_file_is_shown() {
        let text = "a: [1, 2\n";
        let e = excerpt(text, text.len(), 0);
        assert_eq!(e.span.len(), 0);
        assert_eq!(e.text, "a: [1, 2\n");
    }
}
