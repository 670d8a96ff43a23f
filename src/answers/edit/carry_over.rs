//! The answers editor, for an answers file carried over to another version
//! of its questionnaire (`ecodiag migrate`): a renamed question gets its new
//! key on its own line; a changed answer is rewritten on its key's line (the
//! comment after it stays, comments inside a multi-line answer move under
//! it); an answer that cannot be carried is commented out under a line
//! saying why; `version:` gets the new version. Every other line stays as
//! it was. The file is not checked against any questionnaire here: its
//! answers belong to the old version, the edits to the new.

use super::super::RawAnswers;
use super::Doc;
use super::scan::comment_start;
use crate::yaml::span_of;

/// What to do with one answer's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Keep,
    /// Only the key changes (YAML text).
    Rename(String),
    /// The key (possibly the same) with a new value, both as YAML text.
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

/// The file's text with `edits` made (one per answer, in file order) and
/// `version:` set to `version` (YAML text).
pub fn carry_over(
    text: &str,
    raw: &RawAnswers,
    edits: &[Edit],
    version: &str,
) -> Result<String, NotEditable> {
    let refuse = |why: &str| NotEditable(why.to_owned());
    if text.replace("\r\n", "").contains('\r') {
        return Err(refuse("it uses lone carriage returns as line breaks"));
    }
    let mut doc = Doc::new(text);
    let top = doc
        .top_level()
        .ok_or_else(|| refuse("its top level is not a plain block mapping"))?;
    let entry = |name: &str| top.iter().find(|(n, _)| n == name).map(|(_, e)| *e);
    let version_at = entry("version").ok_or_else(|| refuse("its `version:` is not a line of its own"))?;
    let line = doc.keyed_line(&version_at, version);
    doc.replace.push((version_at.start, version_at.end, vec![line]));
    let keys = match (&raw.answers, entry("answers")) {
        (None, _) => Vec::new(),
        (Some(_), None) => return Err(refuse("its `answers:` is not a line of its own")),
        (Some(map), Some(block)) => {
            let mut keys: Vec<(usize, usize, usize)> = Vec::with_capacity(map.value.0.len());
            for answer in &map.value.0 {
                let span = span_of(&answer.question);
                let line = doc.line_of(span.offset());
                let col = span.offset() - doc.starts[line];
                let one_per_line = line > block.start
                    && line < block.end
                    && doc.lines[line][..col].chars().all(|c| c == ' ')
                    && keys.last().is_none_or(|&(l, _, _)| l < line);
                if !one_per_line {
                    return Err(refuse(
                        "its answers are not one per line in block style (`question: answer`)",
                    ));
                }
                keys.push((line, col, col + span.len()));
            }
            // The last answer runs to the end of the block.
            keys.push((block.end, 0, 0));
            keys
        }
    };
    if keys.len().saturating_sub(1) != edits.len() {
        return Err(refuse("its answers could not be matched to their lines"));
    }
    for (n, edit) in edits.iter().enumerate() {
        let (start, key_start, key_end) = keys[n];
        let e = doc.entry(start, key_end, keys[n + 1].0);
        let first = doc.lines[e.start];
        let indent = &first[..key_start];
        let lines = match edit {
            Edit::Keep => continue,
            Edit::Rename(key) => vec![format!("{indent}{key}{}", &first[key_end..])],
            Edit::Replace { key, value } => {
                let mut lines = vec![format!("{indent}{key}: {value}{}", doc.trailing_comment(&e))];
                for inner in &doc.lines[e.start + 1..e.end] {
                    if let Some(at) = comment_start(inner, 0) {
                        lines.push(format!("{indent}{}", inner[at..].trim_start()));
                    }
                }
                lines
            }
            Edit::Comment(why) => {
                let mut lines = vec![format!("{indent}# {}", comment_text(why))];
                for inner in &doc.lines[e.start..e.end] {
                    let rest = inner.strip_prefix(indent).unwrap_or(inner.trim_start());
                    lines.push(format!("{indent}# {rest}"));
                }
                lines
            }
        };
        doc.replace.push((e.start, e.end, lines));
    }
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Ok(doc.render(nl))
}

/// Text safe on one comment line: line breaks and controls become spaces.
fn comment_text(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::yaml::Limits;

    fn raw(text: &str) -> RawAnswers {
        crate::answers::parse(SourceFile::new("a.yaml", text), &Limits::DEFAULT)
            .expect("parses")
            .raw
    }

    #[test]
    fn each_edit_touches_its_own_lines_only() {
        let text = "# top\nassessment: mini\nversion: \"1.0.0\"  # old\nclient: C\nanswers:\n  \
                    a: 1   # one\n  b:\n    - x   # why x\n    - y\n  # between\n  c: yes\n  d: 2\n";
        let edits = [
            Edit::Rename("a2".to_owned()),
            Edit::Replace {
                key: "b".to_owned(),
                value: "[x, z]".to_owned(),
            },
            Edit::Comment("removed:\nasked elsewhere".to_owned()),
            Edit::Keep,
        ];
        let out = carry_over(text, &raw(text), &edits, "\"2.0.0\"").expect("editable");
        assert_eq!(
            out,
            "# top\nassessment: mini\nversion: \"2.0.0\"  # old\nclient: C\nanswers:\n  \
             a2: 1   # one\n  b: [x, z]\n  # why x\n  # between\n  \
             # removed: asked elsewhere\n  # c: yes\n  d: 2\n"
        );
    }

    #[test]
    fn a_flow_mapping_is_refused() {
        let text = "assessment: mini\nversion: \"1.0.0\"\nclient: C\nanswers: { a: 1 }\n";
        assert!(carry_over(text, &raw(text), &[Edit::Keep], "\"2.0.0\"").is_err());
    }

    #[test]
    fn comment_text_stays_on_one_line() {
        assert_eq!(comment_text("a\nb\u{2028}c\u{85}d  e"), "a b c d e");
    }
}
