//! The lines of an answers file as [`super`] edits them: where a top-level
//! key sits, where a line's trailing comment starts, the "not asked" mark.

use super::super::write::HIDDEN_MARK;

/// Adds or removes the "not asked" mark at the end of a line.
pub(super) fn mark(line: String, hidden: bool) -> String {
    let has = line.ends_with(HIDDEN_MARK);
    match (hidden, has) {
        (true, false) => format!("{line}  {HIDDEN_MARK}"),
        (false, true) => line[..line.len() - HIDDEN_MARK.len()].trim_end().to_owned(),
        _ => line,
    }
}

/// A top-level key's name and the byte index just past it, for a line that
/// starts with one; `None` for anything else (a flow mapping, a sequence).
pub(super) fn top_key(line: &str) -> Option<(String, usize)> {
    let (name, end) = match line.as_bytes()[0] {
        q @ (b'"' | b'\'') => {
            let close = line[1..].find(q as char)? + 1;
            (line[1..close].to_owned(), close + 1)
        }
        b'{' | b'[' | b'-' | b'?' | b'&' | b'!' | b'*' | b'|' | b'>' | b'%' | b'@' | b'`' => return None,
        _ => {
            let colon = line
                .find(": ")
                .or_else(|| line.strip_suffix(':').map(|s| s.len()))?;
            let name = line[..colon].trim_end();
            (name.to_owned(), name.len())
        }
    };
    line[end..].trim_start().starts_with(':').then_some((name, end))
}

/// Where the comment at the end of a line starts (the spaces before its `#`),
/// scanning from `from`, past quoted text.
pub(super) fn comment_start(line: &str, from: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut at_start = true;
    let mut after_space = true;
    let mut i = from;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(b'"') if c == b'\\' => i += 1,
            Some(b'\'') if c == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'#' && after_space => {
                let mut start = i;
                while start > from && matches!(bytes[start - 1], b' ' | b'\t') {
                    start -= 1;
                }
                return Some(start);
            }
            None => {
                if at_start && (c == b'"' || c == b'\'') {
                    quote = Some(c);
                }
                at_start = matches!(c, b' ' | b'\t' | b'[' | b'{' | b',');
                after_space = matches!(c, b' ' | b'\t');
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
    fn comments_are_found_past_quotes_and_inside_words_are_not_comments() {
        let table = [
            ("k: formal # agreed", Some(9)),
            ("k: formal", None),
            ("k: a#b", None),
            ("k: \"a # b\" # c", Some(10)),
            ("k: 'it''s # x' # c", Some(14)),
            ("k: { value: 2, note: \"x # y\" }  # c", Some(30)),
            ("k: [a, b] #c", Some(9)),
            ("k:   # only a comment", Some(2)),
            ("k: don't # c", Some(8)),
        ];
        for (line, want) in table {
            assert_eq!(comment_start(line, 2), want, "{line}");
        }
    }

    #[test]
    fn top_level_keys_are_read_and_odd_lines_refused() {
        assert_eq!(top_key("client: Acme"), Some(("client".to_owned(), 6)));
        assert_eq!(top_key("answers:"), Some(("answers".to_owned(), 7)));
        assert_eq!(top_key("\"client\" : x"), Some(("client".to_owned(), 8)));
        assert_eq!(top_key("{ a: 1 }"), None);
        assert_eq!(top_key("- a"), None);
        assert_eq!(top_key("plain text"), None);
    }

    #[test]
    fn marks_are_added_and_removed() {
        assert_eq!(mark("  k: 1".to_owned(), true), format!("  k: 1  {HIDDEN_MARK}"));
        assert_eq!(mark(format!("  k: 1  {HIDDEN_MARK}"), false), "  k: 1");
        assert_eq!(mark("  k: 1 # mine".to_owned(), false), "  k: 1 # mine");
    }
}
