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
    /// Most alias references (`*name`) in one document.
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
    let file = fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    file.take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Error::TooLarge {
            path: name,
            limit: limits.max_bytes,
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
        .map_err(|err| Box::new(problem_from_yaml(&err, source)))
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
        .map_err(|err| Box::new(problem_from_yaml(&err, source)))
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

fn problem_from_yaml(err: &serde_saphyr::Error, source: &SourceFile) -> Problem {
    let report = serde_saphyr::miette::to_miette_report(err, source.text(), source.name());
    let raw = report.to_string();
    let (message, help) = explain(&raw);
    let mut problem = Problem::error("input::yaml", message);
    if let Some(label) = report.labels().and_then(|mut labels| labels.next()) {
        let text = label.label().map(str::to_owned).unwrap_or_default();
        let text = explain(&text).0;
        problem = problem.at(*label.inner(), text);
    }
    if let Some(help) = help {
        problem = problem.help(help);
    }
    problem
}

/// Rewrites the parser's wording into what an editor of the file needs to read,
/// and adds a hint where the usual fix is known.
fn explain(raw: &str) -> (String, Option<String>) {
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            format!("the key `{key}` appears twice in the same mapping"),
            Some(format!("keep one `{key}:` entry and delete the other")),
        );
    }
    if raw.starts_with("budget") || raw.contains("budget breached") || raw.contains("Budget") {
        return (
            format!("the file is larger or more deeply nested than ecodiag accepts ({raw})"),
            Some(
                "a questionnaire or answers file never needs this much nesting or this many aliases; \
                 check the file was not generated by mistake"
                    .to_owned(),
            ),
        );
    }
    if raw.contains("tabs disallowed") {
        return (
            raw.to_owned(),
            Some("YAML indents with spaces only; replace the tab with spaces".to_owned()),
        );
    }
    if raw.contains("invalid boolean") {
        return (raw.to_owned(), Some("write `true` or `false`".to_owned()));
    }
    if raw.starts_with("unknown field") {
        return (raw.to_owned(), suggest_field(raw));
    }
    (raw.to_owned(), None)
}

/// Turns serde's "unknown field `x`, expected one of a, b" into a "did you mean".
fn suggest_field(raw: &str) -> Option<String> {
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
        None => Some(format!("the fields allowed here are: {}", candidates.join(", "))),
    }
}
