//! The fast path for batch checks: an answers file read without positions.
//!
//! Keeping the position of every value costs about as much as the rest of the
//! parse, and a batch of saved answers is almost always valid. So a file is
//! first read into a span-less mirror and checked with the same rules as
//! [`crate::answers::check`]; at the first sign of trouble — any problem,
//! warning or error — [`resolve`] gives up and the caller re-reads the file
//! with positions, so every message stays located.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::answers::{Answers, Given, RawValue, Respondent, Role, Value, typed};
use crate::diagnostic::SourceFile;
use crate::questionnaire::Questionnaire;
use crate::yaml::{self, Limits};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FastAnswers {
    pub assessment: String,
    #[serde(default)]
    version: Option<String>,
    client: String,
    #[serde(default)]
    respondent: Option<FastRespondent>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    answers: Option<FastMap>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FastRespondent {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    role: Option<String>,
}

#[derive(Debug, Default)]
struct FastMap(Vec<(String, FastAnswer)>);

#[derive(Debug)]
enum FastAnswer {
    Bare(RawValue),
    Full {
        value: Option<RawValue>,
        note: Option<String>,
    },
}

impl<'de> Deserialize<'de> for FastMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FastMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of question ids to answers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FastMap, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(80));
                while let Some(question) = map.next_key::<String>()? {
                    entries.push((question, map.next_value::<FastAnswer>()?));
                }
                Ok(FastMap(entries))
            }
        }
        deserializer.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for FastAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FastAnswer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an answer, or a mapping with `value` and `note`")
            }
            fn visit_unit<E: de::Error>(self) -> Result<FastAnswer, E> {
                Ok(FastAnswer::Bare(RawValue::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<FastAnswer, E> {
                Ok(FastAnswer::Bare(RawValue::Null))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<FastAnswer, E> {
                Ok(FastAnswer::Bare(RawValue::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FastAnswer, E> {
                Ok(FastAnswer::Bare(RawValue::Int(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FastAnswer, E> {
                Ok(FastAnswer::Bare(
                    i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int),
                ))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FastAnswer, E> {
                Ok(FastAnswer::Bare(RawValue::Float(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FastAnswer, E> {
                Ok(FastAnswer::Bare(RawValue::Text(v.to_owned())))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<FastAnswer, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(FastAnswer::Bare(RawValue::List(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FastAnswer, A::Error> {
                let mut value = None;
                let mut note = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "value" if value.is_none() => value = Some(map.next_value::<RawValue>()?),
                        "note" if note.is_none() => note = Some(map.next_value::<String>()?),
                        // Anything unusual: let the located path explain it.
                        _ => return Err(de::Error::custom("unexpected key in an answer")),
                    }
                }
                Ok(FastAnswer::Full { value, note })
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Parses answers text without positions; `None` on any error (the located
/// path then explains it, or reads what this one refuses, such as a merge
/// key). Repeated keys reach the visitors here, and every visitor refuses
/// them: derived structs reject a repeated field, and the maps below a
/// repeated answer or `value`/`note`.
pub fn parse(source: &SourceFile, limits: &Limits) -> Option<FastAnswers> {
    yaml::from_source_repeats_to_visitor::<FastAnswers>(source, limits).ok()
}

/// Checks span-less answers against a questionnaire. `None` whenever the
/// located path would report anything at all, warnings included.
pub fn resolve(raw: &FastAnswers, q: &Questionnaire) -> Option<Answers> {
    let version_said = raw
        .version
        .as_ref()
        .is_some_and(|v| !crate::questionnaire::version::compat(v, &q.version).is_silent());
    if raw.assessment != q.id || version_said {
        return None;
    }
    let client = raw.client.trim();
    if client.is_empty() {
        return None;
    }
    let respondent = match &raw.respondent {
        None => Respondent::default(),
        Some(r) => Respondent {
            name: r
                .name
                .as_ref()
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
            role: match &r.role {
                None => None,
                Some(role) => Some(role.parse::<Role>().ok()?),
            },
        },
    };
    let date = match &raw.date {
        None => None,
        Some(d) => Some(jiff::civil::Date::from_str(d.trim()).ok()?),
    };
    let mut values: Vec<Option<Given>> = vec![None; q.questions.len()];
    // Files are usually written in questionnaire order: try the next question
    // before looking the id up.
    let mut expected = 0;
    for (id, answer) in raw.answers.iter().flat_map(|m| &m.0) {
        let ix = match q.questions.get(expected) {
            Some(next) if next.id == *id => expected,
            _ => q.question(id)?,
        };
        expected = ix + 1;
        if values[ix].is_some() {
            return None;
        }
        let (value, note) = match answer {
            FastAnswer::Bare(v) => (v, None),
            FastAnswer::Full { value, note } => (value.as_ref().unwrap_or(&RawValue::Null), note.as_ref()),
        };
        let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        let question = &q.questions[ix];
        values[ix] = match value {
            RawValue::Null => note.map(|note| Given {
                value: Value::Unknown,
                note: Some(note),
            }),
            RawValue::Text(t) if t == "unknown" => Some(Given {
                value: Value::Unknown,
                note,
            }),
            RawValue::Text(t) if t == "n/a" || t == "not-applicable" => {
                question.not_applicable.as_ref()?;
                Some(Given {
                    value: Value::NotApplicable,
                    note,
                })
            }
            other => Some(Given {
                value: typed(question, other).ok()?,
                note,
            }),
        };
    }
    Some(Answers {
        assessment: raw.assessment.clone(),
        version: raw.version.clone(),
        client: client.to_owned(),
        respondent,
        date,
        values,
    })
}
