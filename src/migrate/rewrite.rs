//! The answers file edited in place: a renamed question gets its new key on
//! the same line, a changed answer is rewritten on its key's line (the
//! comment after it stays, comments inside it move under it), an answer that
//! cannot be carried is commented out under a line saying why, and the
//! `version:` line gets the new version. Every other byte stays as it was.
//! Values are written by the answers writer (`answers::write`), so there is
//! one YAML emitter.

use crate::answers::RawAnswers;
use crate::yaml::span_of;

/// What to do with one answer's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Keep,
    /// Only the key changes.
    Rename(String),
    /// The key (possibly the same) with a new value, as YAML text.
    Replace {
        key: String,
        value: String,
    },
    /// The lines become comments, under a comment line with this text.
    Comment(String),
}

/// Why a file cannot be edited in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotEditable(pub String);

/// The file's text with `edits` made (one per answer, in file order) and the
/// `version:` line set to `version` (already YAML text).
pub fn rewrite(text: &str, raw: &RawAnswers, edits: &[Edit], version: &str) -> Result<String, NotEditable> {
    if text.replace("\r\n", "").contains('\r') {
        return Err(NotEditable(
            "it uses lone carriage returns as line breaks".to_owned(),
        ));
    }
    let doc = Doc::new(text);
    let mut out: Vec<Option<Vec<String>>> = vec![None; doc.lines.len()];
    let version_line = doc
        .lines
        .iter()
        .position(|l| l.starts_with("version:"))
        .ok_or_else(|| NotEditable("its `version:` is not a plain line of its own".to_owned()))?;
    out[version_line] = Some(vec![format!(
        "version: {version}{}",
        trailing_comment(doc.lines[version_line], "version:".len())
    )]);
    let entries = doc.entries(raw)?;
    if entries.len() != edits.len() {
        return Err(NotEditable(
            "its answers could not be matched to their lines".to_owned(),
        ));
    }
    for (e, edit) in entries.iter().zip(edits) {
        let first = doc.lines[e.start];
        let replaced = match edit {
            Edit::Keep => continue,
            Edit::Rename(key) => vec![format!("{}{key}{}", &first[..e.key_start], &first[e.key_end..])],
            Edit::Replace { key, value } => {
                let mut lines = vec![format!(
                    "{}{key}: {value}{}",
                    &first[..e.key_start],
                    trailing_comment(first, e.key_end)
                )];
                // Comments written inside a multi-line answer stay, under it.
                for line in &doc.lines[e.start + 1..e.end] {
                    if let Some(at) = comment_start(line, 0) {
                        let comment = line[at..].trim_start();
                        lines.push(format!("{}{comment}", &first[..e.key_start]));
                    }
                }
                lines
            }
            Edit::Comment(why) => {
                let indent = &first[..e.key_start];
                let mut lines = vec![format!("{indent}# {}", comment_text(why))];
                for line in &doc.lines[e.start..e.end] {
                    let rest = line.strip_prefix(indent).unwrap_or(line.trim_start());
                    lines.push(format!("{indent}# {rest}"));
                }
                lines
            }
        };
        out[e.start] = Some(replaced);
        for slot in &mut out[e.start + 1..e.end] {
            *slot = Some(Vec::new());
        }
    }
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut result = String::with_capacity(text.len() + 256);
    for (line, new) in doc.lines.iter().zip(out) {
        match new {
            None => {
                result.push_str(line);
                result.push_str(nl);
            }
            Some(lines) => {
                for l in lines {
                    result.push_str(&l);
                    result.push_str(nl);
                }
            }
        }
    }
    if !text.ends_with('\n') && result.ends_with(nl) {
        result.truncate(result.len() - nl.len());
    }
    Ok(result)
}

/// Text safe on one comment line: line breaks and controls become spaces.
pub fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

struct Doc<'t> {
    lines: Vec<&'t str>,
    starts: Vec<usize>,
}

/// One answer's lines: `start..end`, trailing blank and comment lines left
/// to what follows; the key's byte range in its line.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: usize,
    end: usize,
    key_start: usize,
    key_end: usize,
}

impl<'t> Doc<'t> {
    fn new(text: &'t str) -> Self {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            starts.push(at);
            at += line.len();
            let line = line.strip_suffix('\n').unwrap_or(line);
            lines.push(line.strip_suffix('\r').unwrap_or(line));
        }
        Doc { lines, starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    fn is_gap(&self, line: usize) -> bool {
        let t = self.lines[line].trim_start();
        t.is_empty() || t.starts_with('#')
    }

    /// The lines of every answer, in file order. Only a block mapping with
    /// one answer per line, below `answers:`, can be edited this way.
    fn entries(&self, raw: &RawAnswers) -> Result<Vec<Entry>, NotEditable> {
        let Some(map) = &raw.answers else {
            return Ok(Vec::new());
        };
        let block = self
            .lines
            .iter()
            .position(|l| l.starts_with("answers:"))
            .ok_or_else(|| NotEditable("its `answers:` is not a plain line of its own".to_owned()))?;
        let block_end = (block + 1..self.lines.len())
            .find(|&i| {
                let l = self.lines[i];
                !l.is_empty() && !l.starts_with([' ', '\t', '#'])
            })
            .unwrap_or(self.lines.len());
        let mut keys = Vec::with_capacity(map.value.0.len());
        for entry in &map.value.0 {
            let span = span_of(&entry.question);
            let line = self.line_of(span.offset());
            let col = span.offset() - self.starts[line];
            let text = self.lines[line];
            let one_per_line = line > block
                && line < block_end
                && text[..col].chars().all(|c| c == ' ')
                && keys.last().is_none_or(|&(l, _)| l < line);
            let key_end = one_per_line.then(|| key_end(text, col)).flatten();
            let Some(key_end) = key_end else {
                return Err(NotEditable(
                    "its answers are not one per line in block style (`question: answer`)".to_owned(),
                ));
            };
            keys.push((line, (col, key_end)));
        }
        Ok(keys
            .iter()
            .enumerate()
            .map(|(n, &(start, (key_start, key_end)))| {
                let limit = keys.get(n + 1).map_or(block_end, |&(l, _)| l);
                let mut end = limit.max(start + 1);
                while end > start + 1 && self.is_gap(end - 1) {
                    end -= 1;
                }
                Entry {
                    start,
                    end,
                    key_start,
                    key_end,
                }
            })
            .collect())
    }
}

/// The byte just past a key that starts at `col`: past its closing quote,
/// or where `: ` (or a final `:`) follows a plain key.
fn key_end(line: &str, col: usize) -> Option<usize> {
    let rest = &line[col..];
    let end = match rest.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let close = rest[1..].find(*q as char)? + 1;
            col + close + 1
        }
        _ => {
            let colon = rest
                .find(": ")
                .or_else(|| rest.strip_suffix(':').map(str::len))
                .or_else(|| rest.find(":\t"))?;
            col + rest[..colon].trim_end().len()
        }
    };
    line[end..].trim_start().starts_with(':').then_some(end)
}

/// The comment at the end of a line, from the spaces before its `#`, looking
/// past byte `from`; empty when there is none.
fn trailing_comment(line: &str, from: usize) -> &str {
    comment_start(line, from).map_or("", |at| &line[at..])
}

/// Where a comment starts in a line (the spaces before its `#`), scanning
/// from `from` and skipping quoted text.
pub fn comment_start(line: &str, from: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut token_start = true;
    let mut i = from;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(b'"') if c == b'\\' => i += 1,
            Some(b'\'') if c == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')) => {
                let mut start = i;
                while start > from && matches!(bytes[start - 1], b' ' | b'\t') {
                    start -= 1;
                }
                return Some(start);
            }
            None => {
                if token_start && (c == b'"' || c == b'\'') {
                    quote = Some(c);
                }
                token_start = matches!(c, b' ' | b'\t' | b'[' | b'{' | b',' | b':');
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_past_quotes_but_not_inside_words() {
        for (line, want) in [
            ("  k: formal # agreed", Some(11)),
            ("  k: formal", None),
            ("  k: a#b", None),
            ("  k: \"a # b\" # c", Some(12)),
            ("  k: 'it''s # x' # c", Some(16)),
            ("  k: { value: 2, note: \"x # y\" }  # c", Some(32)),
            ("  k: [a, b] #c", Some(11)),
            ("  k:   # only a comment", Some(4)),
            ("  # a comment line", Some(0)),
        ] {
            assert_eq!(comment_start(line, 0), want, "{line}");
        }
    }

    #[test]
    fn keys_end_before_their_colon() {
        assert_eq!(key_end("  crm-use: 3", 2), Some(9));
        assert_eq!(key_end("  crm-use:", 2), Some(9));
        assert_eq!(key_end("  \"crm-use\": 3", 2), Some(11));
        assert_eq!(key_end("  'a b' : 3", 2), Some(7));
        assert_eq!(key_end("  - a", 2), None);
    }

    #[test]
    fn comment_text_stays_on_one_line() {
        assert_eq!(comment_text("a\nb\u{2028}c\u{85}d  e"), "a b c d e");
    }
}
