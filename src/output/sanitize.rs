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
    first_hostile(text).is_some()
}

/// The byte offset of the first character [`is_hostile`] finds, scanning
/// bytes: every report passes through here, and most hold none.
fn first_hostile(text: &str) -> Option<usize> {
    const CHUNK: usize = 32;
    let bytes = text.as_bytes();
    let mut start = 0;
    // Text is skipped a chunk at a time (no early exit, so the compiler can
    // test a whole chunk at once).
    while start < bytes.len() {
        let end = (start + CHUNK).min(bytes.len());
        // Each byte beside the one after it: only a control byte, C2 (C1
        // controls) or E2 80/E2 81 (bidi controls, but also dashes and
        // quotes) sends the chunk to the exact test; box drawing (E2 94 …)
        // and other text does not.
        let suspect = end == bytes.len() || {
            let (here, next) = (&bytes[start..end], &bytes[start + 1..end + 1]);
            here.iter().zip(next).fold(false, |any, (&b, &next)| {
                any | ((b < 0x20) & (b != b'\n') & (b != b'\t'))
                    | (b == 0x7f)
                    | (b == 0xc2)
                    | ((b == 0xe2) & ((next | 1) == 0x81))
            })
        };
        if suspect && let Some(at) = hostile_in(bytes, start, end) {
            return Some(at);
        }
        start = end;
    }
    None
}

/// The first hostile character starting in `bytes[start..end]`.
fn hostile_in(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    (start..end).find(|&i| match bytes[i] {
        b'\n' | b'\t' => false,
        0x00..=0x1f | 0x7f => true,
        // C1 controls: U+0080–U+009F are C2 80–C2 9F.
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        // U+202A–U+202E are E2 80 AA–AE; U+2066–U+2069 are E2 81 A6–A9.
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// `text` with every character a terminal would obey written as a visible
/// escape (`\u{1b}`), borrowed unchanged when there is none.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    escape_with(text, visible)
}

/// Writes `c` as the visible escape `\u{1b}`.
fn visible(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// Like [`terminal_text`], but the colour codes ecodiag paints with — SGR
/// sequences, `ESC [` digits and `;` then `m` — are kept when `colour` is on,
/// so styled text keeps its colours while anything else a terminal would
/// obey (cursor moves, screen clears, titles, hyperlinks) is escaped. Text
/// from files is escaped before it is styled, so the only SGR sequences left
/// are ecodiag's own.
pub fn terminal_output(text: &str, colour: bool) -> Cow<'_, str> {
    if !colour {
        return terminal_text(text);
    }
    let Some(first) = first_hostile(text) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(at) = first_hostile(rest) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let sgr = sgr_len(rest);
        if sgr > 0 {
            out.push_str(&rest[..sgr]);
            rest = &rest[sgr..];
        } else {
            let c = rest.chars().next().unwrap_or_default();
            visible(&mut out, c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Length in bytes of the SGR sequence `text` starts with, or 0.
fn sgr_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !bytes.starts_with(b"\x1b[") {
        return 0;
    }
    let params = bytes[2..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b';' || **b == b':')
        .count();
    // A colour code is short; a long run of digits is not one of ours.
    if params <= 32 && bytes.get(2 + params) == Some(&b'm') {
        3 + params
    } else {
        0
    }
}

/// JSON text with every character [`terminal_text`] would escape written as
/// a JSON escape (`\u009b`): the same data for a parser, nothing for a
/// terminal to obey. JSON's grammar already escapes C0 controls; this adds
/// DEL, the C1 controls and bidi overrides, which it allows raw. Only valid
/// on serialised JSON, where such characters can only sit inside strings.
pub fn json_text(json: &str) -> Cow<'_, str> {
    escape_with(json, |out, c| {
        let _ = write!(out, "\\u{:04x}", c as u32);
    })
}

/// XML text with every character [`terminal_text`] would escape written as
/// a character reference (`&#x9b;`), the same data for a parser. The C0
/// controls XML 1.0 cannot hold in any form (all but tab, newline and
/// carriage return) become the visible escape `\u{1b}` instead. Only valid on
/// serialised XML, where such characters sit in text or attribute values.
pub fn xml_text(xml: &str) -> Cow<'_, str> {
    escape_with(xml, |out, c| {
        if c < ' ' && c != '\r' {
            visible(out, c);
        } else {
            let _ = write!(out, "&#x{:x};", c as u32);
        }
    })
}

fn escape_with(text: &str, escape: impl Fn(&mut String, char)) -> Cow<'_, str> {
    let Some(first) = first_hostile(text) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if is_hostile(c) {
            escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Where byte `offset` of `text` lands in `terminal_text(text)`: each
/// escaped character before it widens the text. Lets a located problem keep
/// pointing at the same spot once its file's text is made safe to show.
pub fn escaped_offset(text: &str, offset: usize) -> usize {
    let mut extra = 0;
    for (at, c) in text.char_indices() {
        if at >= offset {
            break;
        }
        if is_hostile(c) {
            let mut shown = String::new();
            visible(&mut shown, c);
            extra += shown.len() - c.len_utf8();
        }
    }
    offset + extra
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
    fn colour_codes_are_kept_only_when_colour_is_on() {
        let styled = "\u{1b}[1;31mGATED\u{1b}[0m \u{1b}[2J \u{1b}]8;;x\u{7}";
        assert_eq!(
            terminal_output(styled, true),
            "\u{1b}[1;31mGATED\u{1b}[0m \\u{1b}[2J \\u{1b}]8;;x\\u{7}"
        );
        assert_eq!(terminal_output(styled, false), terminal_text(styled));
        assert!(matches!(terminal_output("plain", true), Cow::Borrowed(_)));
    }

    #[test]
    fn json_and_xml_keep_the_data_in_their_own_escapes() {
        let json = "{\"c\":\"a\\u001b \u{9b}x \u{202e}y \u{7f}\"}";
        assert_eq!(json_text(json), "{\"c\":\"a\\u001b \\u009bx \\u202ey \\u007f\"}");
        let parsed: serde_json::Value = serde_json::from_str(&json_text(json)).expect("still JSON");
        assert_eq!(parsed["c"], "a\u{1b} \u{9b}x \u{202e}y \u{7f}");
        assert_eq!(
            xml_text("<a n=\"\u{9b}\">\u{1b}[2J\r</a>"),
            "<a n=\"&#x9b;\">\\u{1b}[2J&#xd;</a>"
        );
    }

    #[test]
    fn offsets_follow_the_escapes() {
        let text = "a\u{1b}b\u{9b}c";
        let safe = terminal_text(text);
        for (at, c) in text.char_indices() {
            let moved = escaped_offset(text, at);
            if !is_hostile(c) {
                assert_eq!(safe[moved..].chars().next(), Some(c), "{at}");
            }
        }
        assert_eq!(escaped_offset(text, text.len()), safe.len());
    }

    #[test]
    fn the_byte_scan_finds_what_the_character_test_finds() {
        for c in ('\u{0}'..='\u{2fff}').chain(['\u{feff}', '\u{1f600}']) {
            let text = format!("ab—{c}│");
            let expected = text.char_indices().find(|(_, c)| is_hostile(*c)).map(|(i, _)| i);
            assert_eq!(first_hostile(&text), expected, "{:x}", c as u32);
        }
    }

    #[test]
    fn layout_and_marks_are_kept() {
        assert_eq!(terminal_text("a\tb\nc\u{200f}"), "a\tb\nc\u{200f}");
    }
}
