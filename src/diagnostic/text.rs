//! Input stage: the words of a message kept to a readable size. Values quoted
//! from a file are shortened, numbers are written as people write them (never
//! hundreds of digits), and "did you mean" searches within a fixed cost.

use std::fmt::Write as _;

/// Longest value a message quotes in full, in characters: every legitimate
/// id (at most 64 characters, `MAX_ID_CHARS`) and every command a hint
/// spells out with a path in it, but not a value pasted by the megabyte.
pub const MAX_QUOTE_CHARS: usize = 240;
/// How much of a longer value is quoted before the ellipsis.
const QUOTE_HEAD_CHARS: usize = 64;
/// Longest run of text between two quotes. The wording of a message, even a
/// hint listing every point of a scale, stays below it; a value quoted
/// without backticks would not.
const MAX_RUN_CHARS: usize = 1_000;
/// Longest message, label or hint, in characters: a list of a thousand
/// options helps nobody.
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// The longest id a questionnaire may give a bucket, element, question,
/// option, root cause or rule. The bundled ids stay under 40 characters; the
/// bound keeps every comparison of ids, and every message quoting one, short.
pub const MAX_ID_CHARS: usize = 64;

/// Keeps a message readable whatever the file held: every backtick-quoted
/// value longer than [`MAX_QUOTE_CHARS`] is cut to its first characters and an
/// ellipsis, followed by its length; any other run of text is cut at
/// [`MAX_RUN_CHARS`], and the whole at [`MAX_MESSAGE_CHARS`].
pub fn bounded(text: String) -> String {
    // Nearly every message is short in every part: keep it as it is.
    let fits = text.len() <= MAX_MESSAGE_CHARS
        && text.split('`').enumerate().all(|(i, part)| {
            part.len()
                <= if i % 2 == 1 {
                    MAX_QUOTE_CHARS
                } else {
                    MAX_RUN_CHARS
                }
        });
    if fits {
        return text;
    }
    let mut out = String::with_capacity(text.len().min(MAX_MESSAGE_CHARS * 4));
    let mut note: Option<usize> = None;
    let parts: Vec<&str> = text.split('`').collect();
    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        if let Some(chars) = note.take() {
            let _ = write!(out, " ({} characters)", thousands(chars));
        }
        // A quote opens at an odd index; one never closed is not a quote.
        let quoted = i % 2 == 1 && i < last;
        let limit = if quoted { MAX_QUOTE_CHARS } else { MAX_RUN_CHARS };
        match cut(part, limit, if quoted { QUOTE_HEAD_CHARS } else { MAX_RUN_CHARS }) {
            Some((head, chars)) => {
                out.push_str(head);
                out.push('…');
                if quoted {
                    note = Some(chars);
                }
            }
            None => out.push_str(part),
        }
    }
    match cut(&out, MAX_MESSAGE_CHARS, MAX_MESSAGE_CHARS) {
        Some((head, _)) => format!("{head}…"),
        None => out,
    }
}

/// `Some((first head characters, total characters))` when `text` is longer
/// than `limit` characters.
fn cut(text: &str, limit: usize, head: usize) -> Option<(&str, usize)> {
    // Fewer bytes than the limit: fewer characters too.
    if text.len() <= limit {
        return None;
    }
    let mut chars = text.char_indices();
    let end = chars.nth(head).map_or(text.len(), |(at, _)| at);
    let total = head + 1 + chars.count();
    (total > limit).then(|| (&text[..end], total))
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number as people write it: `45`, `2.5`, `-0.25`; very large and very
/// small magnitudes in scientific notation (`1e308`, `5e-324`), so a message
/// never prints the 309 digits of `1e308`.
pub fn number(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "infinity" } else { "-infinity" }.to_owned();
    }
    let magnitude = x.abs();
    if magnitude != 0.0 && !(1e-6..1e15).contains(&magnitude) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// Candidates a "did you mean" compares at most. A questionnaire with more
/// questions than this suggests among the first ones only.
pub const MAX_SUGGEST_CANDIDATES: usize = 1_000;
/// Longest word a "did you mean" compares, in characters: a few typos past
/// the longest id. Comparing costs the product of the two lengths.
pub const MAX_COMPARED_CHARS: usize = MAX_ID_CHARS + 16;
/// "Did you mean" searches made for one file; later problems of the same
/// file list what exists instead.
pub const MAX_SUGGESTIONS: usize = 20;

/// The closest candidate to a misspelt word, if one is close enough to be a
/// likely typo. The cost is bounded: at most [`MAX_SUGGEST_CANDIDATES`]
/// candidates of at most [`MAX_COMPARED_CHARS`] characters are compared.
pub fn did_you_mean<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if !short(typed) {
        return None;
    }
    candidates
        .into_iter()
        .take(MAX_SUGGEST_CANDIDATES)
        .filter(|c| short(c))
        .map(|c| (strsim::jaro_winkler(typed, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

fn short_id(id: &str) -> bool {
    id.len() <= MAX_ID_CHARS || id.chars().count() <= MAX_ID_CHARS
}

fn short(word: &str) -> bool {
    word.len() <= MAX_COMPARED_CHARS || word.chars().count() <= MAX_COMPARED_CHARS
}

/// "Did you mean" for one file: at most [`MAX_SUGGESTIONS`] searches, so a
/// file of a hundred thousand misspelt ids costs no more than one of twenty.
#[derive(Debug, Default)]
pub struct Suggester {
    made: usize,
}

impl Suggester {
    /// Like [`did_you_mean`], while this file's budget lasts.
    pub fn did_you_mean<'a>(
        &mut self,
        typed: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        if self.made >= MAX_SUGGESTIONS {
            return None;
        }
        self.made += 1;
        did_you_mean(typed, candidates)
    }

    /// "did you mean `x`?", or what exists when nothing is close (or the
    /// budget is spent): the list itself when it is short, else where to
    /// find it. `count` is the number of `known` ids, so a long list is not
    /// even gathered once the budget is spent; give them in a stable order.
    pub fn hint<'a>(
        &mut self,
        typed: &str,
        what: &str,
        count: usize,
        known: impl IntoIterator<Item = &'a str>,
    ) -> String {
        if count <= 12 {
            // An id past the limit is reported where it is defined already.
            let mut list: Vec<&str> = known.into_iter().filter(|id| short_id(id)).collect();
            if let Some(best) = self.did_you_mean(typed, list.iter().copied()) {
                return format!("did you mean `{best}`?");
            }
            list.sort_unstable();
            list.dedup();
            return format!("the {what} are: {}", list.join(", "));
        }
        match self.did_you_mean(typed, known) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("run `ecodiag show` to list the {what}"),
        }
    }
}

/// [`Suggester::hint`] for one problem on its own: for short, fixed lists
/// (roles, bundled assessments), where no file can make it costly.
pub fn hint_for(typed: &str, known: &[&str], what: &str) -> String {
    Suggester::default().hint(typed, what, known.len(), known.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_with_their_length() {
        let id = "q".repeat(100_000);
        let message = bounded(format!("the question id `{id}` is not kebab-case"));
        assert!(message.len() < 200, "{message}");
        assert!(
            message.contains("qqq…` (100,000 characters) is not kebab-case"),
            "{message}"
        );
        let short = format!("the id `{}` is fine", "a".repeat(MAX_ID_CHARS));
        assert_eq!(bounded(short.clone()), short);
    }

    #[test]
    fn long_unquoted_runs_and_whole_messages_are_cut() {
        let message = bounded(format!("invalid value: {}", "x".repeat(7_000_000)));
        assert!(message.chars().count() <= MAX_RUN_CHARS + 1, "{}", message.len());
        assert!(message.ends_with('…'));
        let list = (0..5_000)
            .map(|i| format!("`o{i}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = bounded(format!("the options are: {list}"));
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn an_unclosed_backtick_is_not_a_quote() {
        let text = format!("a `b` c `{}", "d".repeat(300));
        assert_eq!(bounded(text.clone()), text);
    }

    #[test]
    fn cuts_respect_characters() {
        let message = bounded(format!("`{}`", "é".repeat(1_000)));
        assert!(message.starts_with(&format!("`{}…`", "é".repeat(QUOTE_HEAD_CHARS))));
    }

    #[test]
    fn numbers_stay_short() {
        assert_eq!(number(45.0), "45");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(-0.25), "-0.25");
        assert_eq!(number(1e308), "1e308");
        assert_eq!(number(-1.5e20), "-1.5e20");
        assert_eq!(number(5e-324), "5e-324");
        assert_eq!(number(f64::INFINITY), "infinity");
        assert_eq!(number(999_999_999_999_999.0), "999999999999999");
        assert_eq!(thousands(7_000_000), "7,000,000");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn did_you_mean_finds_near_misses_only() {
        let ids = ["sales-process", "coaching", "crm-adoption"];
        assert_eq!(did_you_mean("sales-proces", ids), Some("sales-process"));
        assert_eq!(did_you_mean("coachng", ids), Some("coaching"));
        assert_eq!(did_you_mean("zzz", ids), None);
        let long = "sales-process".repeat(1_000);
        assert_eq!(did_you_mean(&long, ids), None);
    }

    #[test]
    fn a_file_spends_a_bounded_number_of_searches() {
        let mut suggester = Suggester::default();
        let ids = ["coaching"];
        for _ in 0..MAX_SUGGESTIONS {
            assert_eq!(suggester.did_you_mean("coachng", ids), Some("coaching"));
        }
        assert_eq!(suggester.did_you_mean("coachng", ids), None);
        assert_eq!(suggester.hint("coachng", "ids", 1, ids), "the ids are: coaching");
        let many: Vec<String> = (0..20).map(|i| format!("id-{i}")).collect();
        assert_eq!(
            suggester.hint("id-1x", "ids", many.len(), many.iter().map(String::as_str)),
            "run `ecodiag show` to list the ids"
        );
        assert_eq!(hint_for("coachng", &ids, "ids"), "did you mean `coaching`?");
    }
}
