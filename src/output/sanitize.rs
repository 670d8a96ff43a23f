//! Text from files (client names, questionnaire wording, file names) shown on
//! a terminal: control characters that a terminal would obey — escape
//! sequences, C1 controls, a bell, a carriage return, bidi overrides that
//! reorder what is read — are replaced by a visible escape such as `\u{1b}`,
//! so the reader sees what the file holds and the terminal obeys nothing.
//! Newlines and tabs are kept: they only lay text out.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character must not reach a terminal raw.
fn is_hostile(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        // C0 controls (ESC, BEL, CR, backspace …), DEL and the C1 controls,
        // which some terminals read as ESC sequences of their own.
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidi embeddings, overrides and isolates: they reorder the text a
        // reader sees ("Trojan Source"). The plain marks U+200E/U+200F do not.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// Whether `text` holds a character [`terminal_text`] would escape.
pub fn has_controls(text: &str) -> bool {
    text.chars().any(is_hostile)
}

/// `text` with every character a terminal would obey written as a visible
/// escape (`\u{1b}`), borrowed unchanged when there is none.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    if !has_controls(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hostile(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            terminal_text("Acme Ltd — Zürich\tQ4\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn every_hostile_class_is_escaped() {
        let cases = [
            ("X\u{1b}]0;pwned\u{7}", "X\\u{1b}]0;pwned\\u{7}"),
            ("\u{1b}[2J", "\\u{1b}[2J"),
            ("\u{1b}c", "\\u{1b}c"),
            ("a\u{9b}31m", "a\\u{9b}31m"),
            ("over\rwrite", "over\\u{d}write"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
            ("del\u{7f}", "del\\u{7f}"),
            ("nul\u{0}", "nul\\u{0}"),
        ];
        for (raw, want) in cases {
            assert_eq!(terminal_text(raw), want, "{raw:?}");
            assert!(!has_controls(&terminal_text(raw)));
        }
    }

    #[test]
    fn layout_and_marks_are_kept() {
        assert_eq!(terminal_text("a\tb\nc\u{200f}"), "a\tb\nc\u{200f}");
    }
}
