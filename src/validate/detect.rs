//! Which kind of file a path holds, told from its name and its top-level keys,
//! so `ecodiag validate` needs no flag to say what it is checking.

use std::fmt;
use std::path::Path;

use miette::SourceSpan;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::{Problem, SourceFile};
use crate::yaml::{self, Limits};

/// The kinds of input file ecodiag reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Questionnaire,
    Answers,
    /// The project file, `ecodiag.toml` (any `.toml` file).
    Config,
    /// Test cases for `ecodiag test` (a top-level `cases:`).
    Cases,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Questionnaire => "questionnaire",
            Kind::Answers => "answers",
            Kind::Config => "config",
            Kind::Cases => "test cases",
        }
    }
}

/// Keys only an answers file has at its top level.
const ANSWERS_KEYS: [&str; 4] = ["assessment", "client", "respondent", "answers"];
/// Keys only a questionnaire has at its top level.
const QUESTIONNAIRE_KEYS: [&str; 7] = ["id", "title", "buckets", "macro", "questions", "causes", "rules"];

/// Tells what `source` is. A file that cannot be read as a YAML mapping, or
/// whose keys fit neither kind, comes back as a located problem.
pub fn detect(source: &SourceFile, limits: &Limits) -> Result<Kind, Box<Problem>> {
    let extension = Path::new(source.name())
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if extension.as_deref() == Some("toml") {
        return Ok(Kind::Config);
    }
    if let Some(problem) = yaml::blank(source) {
        return Err(Box::new(problem));
    }
    // A block-style file names its top-level keys at the start of its lines:
    // read there, they spare a parse of the whole file, which the check that
    // follows parses anyway. Should that parse fail, [`by_parsing`] tells
    // the file's problem as if the guess had not been made.
    if let Some(kind) = keys_at_line_starts(source.text()).and_then(|keys| kind_of(&keys).ok()) {
        return Ok(kind);
    }
    by_parsing(source, limits)
}

/// [`detect`] without the guess from line starts: the whole file is parsed
/// for its top-level keys, so a syntax error, a budget breach or a YAML bomb
/// anywhere in it is what comes back.
pub fn by_parsing(source: &SourceFile, limits: &Limits) -> Result<Kind, Box<Problem>> {
    let keys: TopKeys = yaml::from_source(source, limits)?;
    let keys: Vec<&str> = keys.0.iter().map(String::as_str).collect();
    kind_of(&keys).map_err(|()| {
        Box::new(
            Problem::error(
                "input::unknown-kind",
                "this is neither a questionnaire nor an answers file: none of their keys is at the top level",
            )
            .at(
                SourceSpan::new(0.into(), first_line_len(source.text())),
                "unexpected content",
            )
            .help(yaml::START_HINT),
        )
    })
}

/// The kind top-level keys make; `Err` when they fit no kind.
fn kind_of(keys: &[&str]) -> Result<Kind, ()> {
    if keys.contains(&"cases") {
        return Ok(Kind::Cases);
    }
    let answers = keys.iter().filter(|k| ANSWERS_KEYS.contains(k)).count();
    let questionnaire = keys.iter().filter(|k| QUESTIONNAIRE_KEYS.contains(k)).count();
    match (answers, questionnaire) {
        (0, 0) => Err(()),
        (a, q) if a >= q => Ok(Kind::Answers),
        _ => Ok(Kind::Questionnaire),
    }
}

/// The top-level keys of a block-style YAML file, read from the start of its
/// lines: in block style they are exactly the lines that begin with `name:`
/// in the first column (what nests, continues or quotes is indented).
/// `None` when a line starts with anything else (a flow mapping, a quoted or
/// complex key, a directive): the file is then parsed to find them.
fn keys_at_line_starts(text: &str) -> Option<Vec<&str>> {
    let mut keys = Vec::new();
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first == ' ' || first == '\t' || first == '#' || line == "---" || line == "..." {
            continue;
        }
        let end = line.find(':')?;
        let (key, rest) = (&line[..end], &line[end + 1..]);
        let plain = key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !first.is_ascii_alphabetic() || !plain || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return None;
        }
        keys.push(key);
    }
    Some(keys)
}

fn first_line_len(text: &str) -> usize {
    text.lines().next().map_or(0, str::len)
}

/// The names of a mapping's keys; values are skipped unread.
struct TopKeys(Vec<String>);

impl<'de> Deserialize<'de> for TopKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TopKeys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a mapping of `key: value` lines (a questionnaire or an answers file), not a single value or a list",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<KeyName>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.extend(key.0);
                }
                Ok(TopKeys(keys))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// A key's text when it is a plain scalar; `None` for anything else.
struct KeyName(Option<String>);

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyName, E> {
                Ok(KeyName(Some(v.to_owned())))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<KeyName, E> {
                Ok(KeyName(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyName, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(KeyName(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyName, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(KeyName(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_at_line_starts_are_read_only_from_block_style() {
        let text = "# c\nassessment: x\nclient: y\nanswers:\n  a: 1\n  b: |\n    cases: no\n";
        assert_eq!(
            keys_at_line_starts(text),
            Some(vec!["assessment", "client", "answers"])
        );
        assert_eq!(keys_at_line_starts("{assessment: x}\n"), None);
        assert_eq!(keys_at_line_starts("\"assessment\": x\n"), None);
        assert_eq!(keys_at_line_starts("? assessment\n: x\n"), None);
        assert_eq!(keys_at_line_starts("- a\n"), None);
        assert_eq!(keys_at_line_starts("key:value\n"), None);
    }

    fn kind(text: &str) -> Result<Kind, Box<Problem>> {
        detect(&SourceFile::new("f.yaml", text), &Limits::DEFAULT)
    }

    #[test]
    fn tells_the_kinds_apart() {
        assert_eq!(kind("assessment: x\nclient: y\n").ok(), Some(Kind::Answers));
        assert_eq!(kind("assessment: x\ncases: []\n").ok(), Some(Kind::Cases));
        assert_eq!(
            detect(&SourceFile::new("ecodiag.toml", "[check]\n"), &Limits::DEFAULT).ok(),
            Some(Kind::Config)
        );
        assert_eq!(
            kind("id: x\nversion: '1'\nquestions: []\n").ok(),
            Some(Kind::Questionnaire)
        );
        // An answers file with a stray questionnaire key is still answers.
        assert_eq!(
            kind("assessment: x\nclient: y\nid: z\n").ok(),
            Some(Kind::Answers)
        );
    }

    #[test]
    fn refuses_what_is_neither() {
        assert_eq!(kind("").unwrap_err().code, "input::empty");
        assert_eq!(
            kind("# only\n# comments\n").unwrap_err().message,
            "the file holds only comments"
        );
        assert_eq!(kind("name: x\n").unwrap_err().code, "input::unknown-kind");
        assert_eq!(kind("- a\n- b\n").unwrap_err().code, "input::yaml");
    }
}
