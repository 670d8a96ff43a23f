//! Input stage, the one door to YAML: every file ecodiag reads is decoded here,
//! with the same options and the same budget, so the parser could be swapped in
//! one place.

use std::fs;
use std::io::Read;
use std::path::Path;

use miette::SourceSpan;
use serde::de::DeserializeOwned;

use crate::diagnostic::{Problem, SourceFile};
use crate::error::Error;

pub use serde_saphyr::Spanned;

/// Stack for a thread that reads input. Reading nested YAML recurses once per
/// level, so the stack must hold the deepest nesting `--limit depth` allows;
/// the memory is only committed as it is used.
pub const STACK_BYTES: usize = 256 << 20;

/// Bounds on what a single YAML file may cost to read.
///
/// They keep a hostile or accidental input (a YAML bomb, a 50 MB paste, nesting
/// ten thousand levels deep) from exhausting time or memory. Real questionnaires
/// and answer files are far below every one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most YAML nodes in one document.
    pub max_nodes: usize,
    /// Most alias references (`*name`) in one document; what anchors hold may
    /// be copied at most ten times this many nodes.
    pub max_aliases: usize,
}

impl Limits {
    /// The limits every command applies unless told otherwise.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 8 * 1024 * 1024,
        max_depth: 64,
        max_nodes: 250_000,
        max_aliases: 1_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The environment variable that raises or lowers the limits, as
/// `bytes=64M,depth=128`; `--limit NAME=N` on the command line does the same.
pub const LIMITS_ENV: &str = "ECODIAG_LIMITS";

/// One limit, by the name users type in `--limit NAME=N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Bytes,
    Depth,
    Nodes,
    Aliases,
}

impl Limit {
    pub const ALL: [Limit; 4] = [Limit::Bytes, Limit::Depth, Limit::Nodes, Limit::Aliases];

    pub fn name(self) -> &'static str {
        match self {
            Limit::Bytes => "bytes",
            Limit::Depth => "depth",
            Limit::Nodes => "nodes",
            Limit::Aliases => "aliases",
        }
    }

    /// What the limit bounds, for messages.
    pub fn meaning(self) -> &'static str {
        match self {
            Limit::Bytes => "file size in bytes",
            Limit::Depth => "nesting depth",
            Limit::Nodes => "number of YAML nodes",
            Limit::Aliases => "number of aliases (`*name`)",
        }
    }

    /// The value of this limit in `limits`.
    pub fn of(self, limits: &Limits) -> u64 {
        match self {
            Limit::Bytes => limits.max_bytes,
            Limit::Depth => limits.max_depth as u64,
            Limit::Nodes => limits.max_nodes as u64,
            Limit::Aliases => limits.max_aliases as u64,
        }
    }

    /// How to raise this limit to `value`, for hints.
    pub fn how_to_raise(self, value: u64) -> String {
        let name = self.name();
        let value = match self {
            Limit::Bytes => size_text(value),
            _ => value.to_string(),
        };
        format!("`--limit {name}={value}` or the environment variable `{LIMITS_ENV}={name}={value}`")
    }
}

impl Limits {
    /// The deepest nesting `--limit depth` may allow: reading recurses once per
    /// level, and the command's stack is sized for this many.
    pub const MAX_DEPTH: usize = 1_000;

    /// Applies overrides such as `bytes=64M` or `depth=128`; sizes take the
    /// suffixes K, M and G (powers of 1024).
    pub fn with_override(mut self, text: &str) -> Result<Limits, String> {
        let names = || Limit::ALL.map(Limit::name).join(", ");
        let Some((name, value)) = text.split_once('=') else {
            return Err(format!("`{text}` is not NAME=N; the limits are: {}", names()));
        };
        let name = name.trim();
        let limit = Limit::ALL
            .into_iter()
            .find(|l| l.name() == name)
            .ok_or_else(|| format!("there is no limit named `{name}`; the limits are: {}", names()))?;
        let value = parse_size(value.trim()).filter(|v| *v > 0).ok_or_else(|| {
            format!(
                "`{}` is not a positive whole number (K, M and G suffixes are allowed)",
                value.trim()
            )
        })?;
        let small = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        match limit {
            Limit::Bytes => self.max_bytes = value,
            Limit::Depth if small(value) > Limits::MAX_DEPTH => {
                return Err(format!(
                    "the depth limit can be raised to {} at most",
                    Limits::MAX_DEPTH
                ));
            }
            Limit::Depth => self.max_depth = small(value),
            Limit::Nodes => self.max_nodes = small(value),
            Limit::Aliases => self.max_aliases = small(value),
        }
        Ok(self)
    }
}

/// A byte count as `--limit` takes it: `32M`, `512K`, or plain bytes.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{}G", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{}M", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{}K", b >> 10),
        b => b.to_string(),
    }
}

fn parse_size(text: &str) -> Option<u64> {
    let (digits, factor) = match text.char_indices().last()? {
        (at, 'k' | 'K') => (&text[..at], 1u64 << 10),
        (at, 'm' | 'M') => (&text[..at], 1 << 20),
        (at, 'g' | 'G') => (&text[..at], 1 << 30),
        _ => (text, 1),
    };
    digits
        .trim()
        .replace('_', "")
        .parse::<u64>()
        .ok()?
        .checked_mul(factor)
}

/// Reads a file as UTF-8 text within the byte limit.
///
/// A leading byte-order mark is dropped; invalid UTF-8 is reported with the
/// line and column of the first bad byte.
pub fn read_source(path: &Path, limits: &Limits) -> Result<SourceFile, Error> {
    let name = path.display().to_string();
    let io_error = |source: std::io::Error| Error::Read {
        path: name.clone(),
        source,
    };
    let meta = fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(Error::NotAFile {
            path: name,
            what: "a directory",
        });
    }
    // Refused before reading a byte: a huge file costs no time or memory.
    if meta.is_file() && meta.len() > limits.max_bytes {
        return Err(Error::TooLarge {
            path: name,
            limit: limits.max_bytes,
            size: meta.len(),
        });
    }
    let file = fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    file.take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Error::TooLarge {
            path: name,
            limit: limits.max_bytes,
            size: bytes.len() as u64,
        });
    }
    source_from_bytes(name, bytes)
}

/// Turns raw bytes into a [`SourceFile`], checking they are UTF-8.
pub fn source_from_bytes(name: String, mut bytes: Vec<u8>) -> Result<SourceFile, Error> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            // Show the file up to the bad byte so the location has context.
            let shown = String::from_utf8_lossy(&bytes).into_owned();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let offset = prefix.len();
            let file = SourceFile::new(name, shown);
            let problem = Problem::error("input::not-utf8", "the file is not valid UTF-8 text")
                .at(SourceSpan::new(offset.into(), 1), "this byte is not UTF-8")
                .help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")");
            Err(Error::invalid(file, vec![problem]))
        }
    }
}

/// Decodes one YAML document into `T`, under the given limits.
///
/// Syntax errors, type errors and budget breaches all come back as one located
/// [`Problem`].
pub fn from_source<T: DeserializeOwned>(source: &SourceFile, limits: &Limits) -> Result<T, Box<Problem>> {
    serde_saphyr::from_str_with_options(source.text(), options(limits))
        .map_err(|err| Box::new(problem_from_yaml(&err, source, limits)))
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
    let raw = report.to_string();
    let located = report.labels().and_then(|mut labels| labels.next()).map(|label| {
        let span = *label.inner();
        (span, label.label().map(str::to_owned).unwrap_or_default())
    });
    let token = located.as_ref().map(|(span, _)| token_at(source.text(), *span));
    let said = match budget_breach(err, limits) {
        Some((message, help)) => Said::new(message).help(help),
        None if raw.contains("recursion limit exceeded") => {
            let (message, help) = too_deep(limits);
            Said::new(message).help(help)
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
    (
        format!(
            "the file is nested more than {} levels deep, the depth limit; ecodiag stopped reading it",
            limits.max_depth
        ),
        format!(
            "questionnaires and answer files nest a few levels; check for unclosed `[` or `{{`. \
             If this file is legitimate, raise the limit with {}",
            Limit::Depth.how_to_raise(limits.max_depth.saturating_mul(2) as u64)
        ),
    )
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
    fn overrides_raise_each_limit() {
        let limits = Limits::DEFAULT
            .with_override("bytes=32M")
            .and_then(|l| l.with_override("depth = 128"))
            .and_then(|l| l.with_override("nodes=1_000_000"))
            .and_then(|l| l.with_override("aliases=2k"))
            .expect("valid overrides");
        assert_eq!(limits.max_bytes, 32 << 20);
        assert_eq!(limits.max_depth, 128);
        assert_eq!(limits.max_nodes, 1_000_000);
        assert_eq!(limits.max_aliases, 2048);
    }

    #[test]
    fn bad_overrides_say_what_is_allowed() {
        let err = |text: &str| Limits::DEFAULT.with_override(text).unwrap_err();
        assert!(err("depth").contains("NAME=N"));
        assert!(err("dpth=3").contains("bytes, depth, nodes, aliases"));
        assert!(err("nodes=0").contains("positive"));
        assert!(err("nodes=-1").contains("positive"));
        assert!(err("bytes=99999999999G").contains("positive"));
        assert!(err("depth=5000").contains("1000 at most"));
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
