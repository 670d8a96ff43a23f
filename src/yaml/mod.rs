//! Input stage, the one door in: every file ecodiag reads is opened by
//! [`read_source`] (regular files only, within the limits) and every YAML
//! document decoded here, with the same options and the same budget, so the
//! parser could be swapped in one place. It builds on [`crate::diagnostic`]
//! and nothing above it.

mod limits;
mod read;

use miette::SourceSpan;
use serde::de::DeserializeOwned;

use crate::diagnostic::{Problem, SourceFile};

pub use limits::{LIMITS_ENV, Limit, Limits, STACK_BYTES, size_text};
pub use read::{FileKind, ReadError, is_regular, open_regular, read_limited, read_source, source_from_bytes};
pub use serde_saphyr::Spanned;

/// Decodes one YAML document into `T`, under the given limits.
///
/// Syntax errors, type errors and budget breaches all come back as one located
/// [`Problem`]; so does a file with nothing in it but comments.
pub fn from_source<T: DeserializeOwned>(source: &SourceFile, limits: &Limits) -> Result<T, Box<Problem>> {
    if let Some(problem) = blank(source) {
        return Err(Box::new(problem));
    }
    serde_saphyr::from_str_with_options(source.text(), options(limits))
        .map_err(|err| Box::new(problem_from_yaml(&err, source, limits)))
}

/// What each kind of file starts with, for a file that holds none of it.
pub const START_HINT: &str = "an answers file starts with `assessment:` and `client:`, then `answers:`; \
                              a questionnaire with `id:`, `version:`, `title:`, then `buckets:`, `macro:`, \
                              `questions:`, `causes:` and `rules:`; a test-case file has `assessment:` and `cases:`";

/// The problem with a file that holds nothing but blank lines, comments and
/// document markers: the parser would only say the input ended.
pub fn blank(source: &SourceFile) -> Option<Problem> {
    let text = source.text();
    let blank = text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    });
    if !blank {
        return None;
    }
    let what = if text.trim().is_empty() {
        "the file is empty"
    } else {
        "the file holds only comments"
    };
    Some(
        Problem::error("input::empty", what)
            .at(SourceSpan::new(0.into(), 0), "nothing to read")
            .help(format!(
                "{START_HINT}; `ecodiag show --format json` lists every question"
            )),
    )
}

/// Like [`from_source`], but a key repeated in a mapping reaches `T`'s
/// deserializer instead of being refused by the parser, and a merge key (`<<`)
/// is an error: together they spare the parser remembering every key of every
/// mapping, about a tenth of the cost of reading an answers file. Only for
/// types that refuse repeats themselves (derived structs do; a hand-written
/// map visitor must), and for callers that fall back to [`from_source`] on any
/// error — the batch fast path.
pub fn from_source_repeats_to_visitor<T: DeserializeOwned>(
    source: &SourceFile,
    limits: &Limits,
) -> Result<T, Box<Problem>> {
    let mut options = options(limits);
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options.merge_keys = serde_saphyr::MergeKeyPolicy::Error;
    serde_saphyr::from_str_with_options(source.text(), options)
        .map_err(|err| Box::new(problem_from_yaml(&err, source, limits)))
}

/// The options and budget every YAML load uses.
fn options(limits: &Limits) -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: limits.max_depth,
            max_nodes: limits.max_nodes,
            max_aliases: limits.max_aliases,
            max_total_scalar_bytes: usize::try_from(limits.max_bytes).unwrap_or(usize::MAX),
            // Copying what anchors hold is charged to the aliases: a real file
            // reuses a few small lists, while a YAML bomb stops here, early.
            max_recorded_anchor_events: limits.max_aliases.saturating_mul(10),
            // `[[[…` is nesting too, counted by the scanner before the depth budget sees it.
            flow_nesting_limit: limits.max_depth,
        },
    }
}

/// The byte span of a spanned value, for pointing diagnostics at it.
pub fn span_of<T>(value: &Spanned<T>) -> SourceSpan {
    let span = value.referenced.span();
    let offset = span.byte_offset().unwrap_or(0);
    let len = span.byte_len().unwrap_or(0);
    SourceSpan::new(
        usize::try_from(offset).unwrap_or(0).into(),
        usize::try_from(len).unwrap_or(0),
    )
}

fn problem_from_yaml(err: &serde_saphyr::Error, source: &SourceFile, limits: &Limits) -> Problem {
    let report = serde_saphyr::miette::to_miette_report(err, source.text(), source.name());
    let raw = short_strings(&report.to_string());
    let located = report.labels().and_then(|mut labels| labels.next()).map(|label| {
        let span = *label.inner();
        (span, label.label().map(str::to_owned).unwrap_or_default())
    });
    let token = located.as_ref().map(|(span, _)| token_at(source.text(), *span));
    let said = match budget_breach(err, limits) {
        // The parser labels a breach met outside an alias with its own
        // debugging text (`Nodes { nodes: 250001 }`); say it plainly.
        Some((message, help)) if !via_alias(err) => {
            Said::new(message).label("the limit is reached here").help(help)
        }
        Some((message, help)) => Said::new(message).help(help),
        None if raw.contains("recursion limit exceeded") => {
            let (message, help) = too_deep(limits);
            Said::new(message).label("the limit is reached here").help(help)
        }
        None => explain(&raw, token.unwrap_or_default()),
    };
    let mut problem = Problem::error("input::yaml", said.message);
    if let Some((span, raw_label)) = located {
        problem = problem.at(span, said.label.unwrap_or(raw_label));
    }
    if let Some(help) = said.help {
        problem = problem.help(help);
    }
    problem
}

/// The parser's message with every `"…"` it quotes from the file (serde's
/// `invalid type: string "…"`) cut to a readable length.
fn short_strings(raw: &str) -> String {
    const MAX: usize = 60;
    if raw.len() <= MAX {
        return raw.to_owned();
    }
    let parts: Vec<&str> = raw.split('"').collect();
    let last = parts.len() - 1;
    let mut out = String::with_capacity(raw.len().min(4_096));
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('"');
        }
        let quoted = i % 2 == 1 && i < last;
        match part.char_indices().nth(MAX) {
            Some((at, _)) if quoted => {
                out.push_str(&part[..at]);
                out.push('…');
            }
            _ => out.push_str(part),
        }
    }
    out
}

/// The text a span covers, cut to one short line, for quoting in a message.
fn token_at(text: &str, span: SourceSpan) -> &str {
    let start = span.offset().min(text.len());
    let end = (start + span.len().max(1)).min(text.len());
    let (start, end) = (floor_boundary(text, start), floor_boundary(text, end));
    let token = text[start..end].lines().next().unwrap_or_default().trim();
    if token.len() > 40 { "" } else { token }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A parser message rewritten for the person editing the file.
struct Said {
    message: String,
    label: Option<String>,
    help: Option<String>,
}

impl Said {
    fn new(message: impl Into<String>) -> Self {
        Said {
            message: message.into(),
            label: None,
            help: None,
        }
    }

    fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Whether the error arose while copying what an anchor holds, where the
/// parser's label (the alias) already says something useful.
fn via_alias(err: &serde_saphyr::Error) -> bool {
    let mut inner = err;
    while let serde_saphyr::Error::WithSnippet { error, .. } = inner {
        inner = error;
    }
    matches!(inner, serde_saphyr::Error::AliasError { .. })
}

/// Names the limit a budget breach hit and how to raise it.
fn budget_breach(err: &serde_saphyr::Error, limits: &Limits) -> Option<(String, String)> {
    use serde_saphyr::budget::BudgetBreach as B;
    let mut inner = err;
    // Budget errors arrive wrapped in the alias or snippet that led to them.
    while let serde_saphyr::Error::AliasError { error, .. } | serde_saphyr::Error::WithSnippet { error, .. } =
        inner
    {
        inner = error;
    }
    let serde_saphyr::Error::Budget { breach, .. } = inner else {
        return None;
    };
    let limit = match breach {
        B::Depth { .. } => Limit::Depth,
        B::Aliases { .. } | B::RecordedAnchorEvents { .. } | B::RecordedAnchorBytes { .. } => Limit::Aliases,
        B::ScalarBytes { .. } | B::InputBytes { .. } => Limit::Bytes,
        // Anchor replays and raw events are bounded with the nodes.
        _ => Limit::Nodes,
    };
    if limit == Limit::Depth {
        return Some(too_deep(limits));
    }
    let current = limit.of(limits);
    let what = match breach {
        B::RecordedAnchorEvents { .. } | B::RecordedAnchorBytes { .. } | B::AliasAnchorRatio { .. } => {
            " once its anchors and aliases are expanded (a \"YAML bomb\" looks like this)"
        }
        _ => "",
    };
    let message = format!(
        "the file exceeds the {} limit of {current}{what}; ecodiag stopped reading it",
        limit.meaning()
    );
    let help = format!(
        "questionnaires and answer files stay far below this; if this file is legitimate, raise the limit with {}",
        limit.how_to_raise(current.saturating_mul(4))
    );
    Some((message, help))
}

fn too_deep(limits: &Limits) -> (String, String) {
    let message = format!(
        "the file is nested more than {} levels deep, the depth limit; ecodiag stopped reading it",
        limits.max_depth
    );
    let check = "questionnaires and answer files nest a few levels; check for unclosed `[` or `{`";
    // Never propose more than the depth the reading stack is sized for.
    let raised = limits.max_depth.saturating_mul(2).min(Limits::MAX_DEPTH);
    let help = if raised > limits.max_depth {
        format!(
            "{check}. If this file is legitimate, raise the limit with {}",
            Limit::Depth.how_to_raise(raised as u64)
        )
    } else {
        format!(
            "{check}. The depth limit cannot be raised past {}: write the deepest parts as separate, flatter entries",
            Limits::MAX_DEPTH
        )
    };
    (message, help)
}

/// Rewrites the parser's wording into what an editor of the file needs to read,
/// and adds a hint where the usual fix is known. `token` is the text the
/// parser pointed at, when short.
fn explain(raw: &str, token: &str) -> Said {
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return Said::new(format!("the key `{key}` appears twice in the same mapping"))
            .label("second time")
            .help(format!("keep one `{key}:` entry and delete the other"));
    }
    if raw.contains("tabs disallowed") {
        return Said::new("a tab is used for indentation")
            .label("tab")
            .help("YAML indents with spaces only; replace the tab with spaces");
    }
    if raw.contains("invalid boolean") {
        return Said::new(format!("`{token}` is not true or false")).help("write `true` or `false`");
    }
    if raw.starts_with("unknown field") {
        let help = suggest(raw).unwrap_or_default();
        return Said::new(raw).label("unknown field").help(help);
    }
    if raw.starts_with("unknown variant") {
        let help = suggest(raw).unwrap_or_default();
        return Said::new(format!("`{token}` is not one of the values allowed here"))
            .label("unknown value")
            .help(help);
    }
    if let Some(field) = raw.strip_prefix("missing field ") {
        let field = field.trim().trim_matches('`');
        return Said::new(format!("the required field `{field}` is missing"))
            .label(format!("`{field}:` is missing in this mapping"))
            .help(format!(
                "add `{field}: …` to this mapping; the schemas in schemas/ and the docs list every field"
            ));
    }
    if raw.starts_with("non-finite float") {
        return Said::new(format!(
            "`{token}` is infinite or not a number, which cannot be used here"
        ))
        .label("not a finite number")
        .help("write a plain number such as `45`; for an answer nobody knows, write `unknown`");
    }
    if raw.starts_with("invalid floating point") || raw.starts_with("invalid integer") {
        return Said::new(format!("`{token}` is not a number"))
            .label("a number is expected here")
            .help("write a plain number such as `2` or `0.5`, without units");
    }
    if raw.starts_with("cannot deserialize null") {
        return Said::new("this value is empty (null), but text is required here")
            .label("text expected")
            .help("write the text after the colon, e.g. `title: Sales Ecosystem Diagnostic`");
    }
    if raw.starts_with("expected mapping start") {
        return Said::new("a mapping of `key: value` lines is expected here")
            .label("not a mapping")
            .help(
                "write `key: value` lines indented under the parent key, not a `- ` list or a single value",
            );
    }
    if raw.starts_with("expected sequence start") {
        return Said::new("a list is expected here")
            .label("not a list")
            .help("write the items as `- item` lines, or `[a, b]`");
    }
    if raw.starts_with("multiple YAML documents") {
        return Said::new(
            "the file holds several YAML documents separated by `---`; ecodiag reads one per file",
        )
        .label("a second document starts here")
        .help("split the documents into separate files, or delete the `---` line");
    }
    if raw.starts_with("mapping values are not allowed") {
        return Said::new("unexpected `:` here: the indentation or the quoting is off")
            .label("unexpected `:`")
            .help("keys of one mapping start in the same column; a value that contains `: ` must be quoted");
    }
    if raw.starts_with("unclosed bracket") {
        return Said::new(raw).label("opened here").help(
            "close it with the matching `]` or `}`, or write the list or mapping as indented lines instead",
        );
    }
    if raw.contains("unclosed quote") || raw.contains("unterminated quoted") {
        return Said::new(raw).help("end the text with the same quote it starts with");
    }
    if raw.starts_with("invalid type") {
        return Said::new(raw).help("see the schemas in schemas/ or docs/ for what this field takes");
    }
    Said::new(raw)
}

/// Turns serde's "unknown field `x`, expected one of a, b" (or "unknown
/// variant") into a "did you mean".
fn suggest(raw: &str) -> Option<String> {
    let field = raw.split('`').nth(1)?;
    let expected = raw
        .split("expected one of")
        .nth(1)
        .or_else(|| raw.split("expected").nth(1))?;
    let candidates: Vec<&str> = expected
        .split(',')
        .map(|c| c.trim().trim_matches('`'))
        .filter(|c| !c.is_empty())
        .collect();
    match crate::diagnostic::did_you_mean(field, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!("the names allowed here are: {}", candidates.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_string_in_a_parser_message_is_cut() {
        let raw = format!(
            "invalid type: string \"{}\", expected a number",
            "x".repeat(100_000)
        );
        let said = short_strings(&raw);
        assert!(said.len() < 200, "{said}");
        assert!(said.ends_with("xxx…\", expected a number"), "{said}");
    }

    #[test]
    fn the_depth_hint_never_proposes_more_than_the_maximum() {
        for (depth, proposed) in [(64, Some(128)), (600, Some(1000)), (1000, None)] {
            let (_, help) = too_deep(&Limits {
                max_depth: depth,
                ..Limits::DEFAULT
            });
            match proposed {
                Some(n) => assert!(help.contains(&format!("--limit depth={n}`")), "{help}"),
                None => assert!(
                    help.contains("cannot be raised past 1000") && !help.contains("--limit"),
                    "{help}"
                ),
            }
        }
    }

    #[test]
    fn a_breach_is_labelled_in_words() {
        let limits = Limits {
            max_nodes: 50,
            ..Limits::DEFAULT
        };
        let text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        let problem =
            from_source::<serde_json::Value>(&SourceFile::new("n.yaml", text), &limits).unwrap_err();
        assert_eq!(problem.label.as_deref(), Some("the limit is reached here"));
        assert!(
            problem.message.contains("number of YAML nodes limit of 50"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn an_empty_file_is_told_apart_from_broken_yaml() {
        for text in ["", "\n\n", "# only a comment\n---\n"] {
            let problem =
                from_source::<serde_json::Value>(&SourceFile::new("e.yaml", text), &Limits::DEFAULT)
                    .unwrap_err();
            assert_eq!(problem.code, "input::empty");
            assert!(problem.help.as_deref().is_some_and(|h| h.contains("assessment:")));
        }
    }

    #[test]
    fn a_breach_names_its_limit_and_the_way_to_raise_it() {
        let limits = Limits {
            max_depth: 4,
            ..Limits::DEFAULT
        };
        let source = SourceFile::new("deep.yaml", "a: [[[[[1]]]]]\n");
        let problem = from_source::<serde_json::Value>(&source, &limits).unwrap_err();
        assert!(problem.message.contains("4 levels"), "{}", problem.message);
        assert!(
            problem
                .help
                .as_deref()
                .is_some_and(|h| h.contains("--limit depth=8"))
        );
        assert!(problem.span.is_some());
    }
}
