//! Answers stage, the way back out: checked answers written as an answers file
//! that reads like a hand-written one and parses back to the same answers.
//! YAML is emitted by hand so the layout (grouped by bucket, with comments) is
//! ours and byte-stable; every string that could be misread is double-quoted.

use std::fmt::Write as _;

use super::{Answers, Given, Value};
use crate::engine::{self, Status};
use crate::questionnaire::{GroupIx, Question, Questionnaire};

/// The answers as a complete answers file: header, then the given answers
/// grouped under a comment per bucket, in questionnaire order. Questions with
/// no answer are left out.
pub fn to_yaml(q: &Questionnaire, answers: &Answers) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Answers to {} ({} {}).",
        comment_text(&q.title),
        q.id,
        q.version
    );
    out.push_str("# Saved by `ecodiag assess` after every answer; edit them in any editor,\n");
    out.push_str("# score them with `ecodiag score FILE`.\n");
    header(&mut out, answers);
    let statuses = engine::evaluate(q, answers).questions;
    let mut body = String::new();
    let mut group: Option<GroupIx> = None;
    for (ix, question) in q.questions.iter().enumerate() {
        let Some(given) = answers.values.get(ix).and_then(Option::as_ref) else {
            continue;
        };
        if group != Some(question.group) {
            group = Some(question.group);
            let _ = writeln!(body, "  {}", group_comment(q, question.group));
        }
        let _ = write!(body, "  {}: {}", key(&question.id), given_text(question, given));
        if statuses.get(ix).is_some_and(|s| s.status == Status::Hidden) {
            body.push_str("  ");
            body.push_str(HIDDEN_MARK);
        }
        body.push('\n');
    }
    if body.is_empty() {
        out.push_str("answers: {}\n");
    } else {
        out.push_str("answers:\n");
        out.push_str(&body);
    }
    out
}

/// The comment after an answer whose question an earlier answer hides.
pub const HIDDEN_MARK: &str = "# not asked: an earlier answer hides this question";

/// The comment a bucket's answers are grouped under.
pub(super) fn group_comment(q: &Questionnaire, group: GroupIx) -> String {
    format!("# {}", comment_text(&q.groups[group].title))
}

/// `assessment`, `version`, `client`, `respondent` and `date`, as the answers
/// file's header.
pub(super) fn header(out: &mut String, answers: &Answers) {
    let _ = writeln!(out, "assessment: {}", scalar(&answers.assessment));
    if let Some(version) = &answers.version {
        // Always quoted: `1.0` unquoted would read back as a number.
        let _ = writeln!(out, "version: {}", quoted(version));
    }
    let _ = writeln!(out, "client: {}", scalar(&answers.client));
    let r = &answers.respondent;
    if r.name.is_some() || r.role.is_some() {
        out.push_str("respondent:\n");
        if let Some(name) = &r.name {
            let _ = writeln!(out, "  name: {}", scalar(name));
        }
        if let Some(role) = r.role {
            let _ = writeln!(out, "  role: {role}");
        }
    }
    if let Some(date) = answers.date {
        let _ = writeln!(out, "date: {date}");
    }
}

/// One answer as written after `question-id: `.
pub fn given_text(question: &Question, given: &Given) -> String {
    let value = value_text(question, &given.value);
    match &given.note {
        Some(note) => format!("{{ value: {value}, note: {} }}", quoted(note)),
        None => value,
    }
}

/// A value in the form `answers::check` reads back.
pub fn value_text(question: &Question, value: &Value) -> String {
    let option = |ix: usize| {
        question
            .kind
            .options()
            .get(ix)
            .map_or_else(|| "unknown".to_owned(), |o| scalar(&o.id))
    };
    match value {
        Value::Unknown => "unknown".to_owned(),
        Value::NotApplicable => "n/a".to_owned(),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::Scale(p) => p.to_string(),
        Value::Choice(ix) => option(*ix),
        Value::Multi(ixs) => format!(
            "[{}]",
            ixs.iter().map(|ix| option(*ix)).collect::<Vec<_>>().join(", ")
        ),
        Value::Number(x) => number_text(*x),
    }
}

/// The stem of a default answers file name: the client's name as lowercase
/// words joined by hyphens, then the date (`acme-ltd-2026-03-14`).
pub fn file_stem(client: Option<&str>, date: jiff::civil::Date) -> String {
    let mut slug = String::new();
    for c in client.unwrap_or_default().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    // Long names make unwieldy files; forty characters keep them recognisable.
    let slug: String = slug.chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("answers-{date}")
    } else {
        format!("{slug}-{date}")
    }
}

/// A number that reads back as exactly the same `f64`: whole numbers without
/// a decimal point, others in Rust's shortest round-trip form (`0.1`, `1e-7`).
pub fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x:?}")
    }
}

/// A mapping key: plain when it is a safe id, quoted otherwise.
pub(super) fn key(id: &str) -> String {
    scalar(id)
}

/// A string as a YAML scalar: plain when nothing could misread it, otherwise
/// double-quoted.
pub fn scalar(s: &str) -> String {
    if is_plain_safe(s) { s.to_owned() } else { quoted(s) }
}

/// A double-quoted YAML scalar: quotes, backslashes and every character a
/// YAML parser may refuse or read as a line break are escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}') =>
            {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Words YAML (1.1 or 1.2, any parser) might read as something other than a
/// string.
const RESERVED: &[&str] = &[
    "null",
    "~",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "unknown",
    "n/a",
    "not-applicable",
];

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let lower = s.to_ascii_lowercase();
    if RESERVED.contains(&lower.as_str()) || s.parse::<f64>().is_ok() {
        return false;
    }
    // A leading digit may still read as a number or a date (`2026-03-14`).
    if !first.is_alphabetic() {
        return false;
    }
    if s.ends_with(' ') || s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    s.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/' | '(' | ')' | '&' | '+'))
}

/// Collapses line breaks and runs of spaces, for text placed on one line.
pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text from a questionnaire made fit for a YAML comment line: on one line,
/// with every character a YAML reader refuses (control characters, a byte
/// order mark, non-characters) or a terminal would obey written as a visible
/// escape such as `\u{1b}`. A file with such a comment still reads back.
pub fn comment_text(s: &str) -> String {
    comment_safe(&one_line(s))
}

/// Like [`comment_text`] for text already on one line: only the escapes.
pub(super) fn comment_safe(s: &str) -> String {
    let shown = crate::output::terminal_text(s);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        if matches!(
            c,
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        ) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_safe() {
        for plain in [
            "Acme Ltd",
            "sales-ecosystem",
            "Jane Doe",
            "Société Générale",
            "R&D (EMEA)",
        ] {
            assert_eq!(scalar(plain), plain, "{plain}");
        }
        for risky in [
            "",
            "yes",
            "No",
            "null",
            "~",
            "1.0",
            "42",
            "2026-03-14",
            "a: b",
            "a #b",
            "- x",
            "'x'",
            "\"x\"",
            "x ",
            " x",
            "[x]",
            "{x}",
            "*x",
            "&x",
            "!x",
            "%x",
            "@x",
            "`x`",
            "a\nb",
            "unknown",
            "n/a",
            "x:",
            "|",
            ">",
        ] {
            assert!(scalar(risky).starts_with('"'), "{risky:?} must be quoted");
        }
    }

    #[test]
    fn file_stems_are_tidy() {
        let date = jiff::civil::date(2026, 3, 14);
        assert_eq!(file_stem(Some("Acme Ltd."), date), "acme-ltd-2026-03-14");
        assert_eq!(file_stem(Some("  R&D / EMEA  "), date), "r-d-emea-2026-03-14");
        assert_eq!(
            file_stem(Some("Société Générale"), date),
            "société-générale-2026-03-14"
        );
        assert_eq!(file_stem(Some("../../etc"), date), "etc-2026-03-14");
        assert_eq!(file_stem(Some("!!!"), date), "answers-2026-03-14");
        assert_eq!(file_stem(None, date), "answers-2026-03-14");
    }

    #[test]
    fn quoting_escapes_what_yaml_needs() {
        assert_eq!(quoted("say \"hi\"\n"), r#""say \"hi\"\n""#);
        assert_eq!(quoted("back\\slash"), r#""back\\slash""#);
        assert_eq!(
            quoted("bell\u{7} del\u{7f} nel\u{85} ls\u{2028}"),
            r#""bell\u0007 del\u007F nel\u0085 ls\u2028""#
        );
    }
}
