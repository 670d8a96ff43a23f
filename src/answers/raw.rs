//! An answers file exactly as written: header fields and the answers map, each
//! value with its position. Answer values are read by hand-written visitors so
//! that a scalar, a list and a `{ value, note }` map all keep their spans.
//!
//! The doc comments on these types are the descriptions in
//! `schemas/answers.schema.json`: editors show them while a file is edited.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::yaml::Spanned;

/// One respondent's answers to an ecodiag assessment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Answers")]
pub struct RawAnswers {
    /// The id of the assessment answered (e.g. `sales-ecosystem`); `ecodiag list`
    /// shows the bundled ones.
    #[schemars(with = "String")]
    pub assessment: Spanned<String>,
    /// The version of the assessment answered, quoted (e.g. `"1.0.0"`); ecodiag
    /// warns when the questionnaire has changed since.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub version: Option<Spanned<String>>,
    /// The company the answers describe.
    #[schemars(with = "String")]
    pub client: Spanned<String>,
    /// Who answered.
    #[serde(default)]
    #[schemars(with = "Option<RawRespondent>")]
    pub respondent: Option<Spanned<RawRespondent>>,
    /// The day the answers were given, as YYYY-MM-DD.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Option<Spanned<String>>,
    /// The answers, by question id. Every question accepts `unknown`; some
    /// accept `n/a`. An empty value means not answered yet.
    #[serde(default)]
    #[schemars(with = "Option<AnswerMap>")]
    pub answers: Option<Spanned<AnswerMap>>,
}

/// The person (or room) who answered.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Respondent")]
pub struct RawRespondent {
    /// Their name.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub name: Option<Spanned<String>>,
    /// Their role.
    #[serde(default)]
    #[schemars(schema_with = "role_schema")]
    pub role: Option<Spanned<String>>,
}

fn role_schema(_: &mut SchemaGenerator) -> Schema {
    let roles: Vec<&str> = super::Role::ALL.iter().map(|r| r.as_str()).collect();
    json_schema!({
        "description": "Their role; `team` for a room answering together, as in a workshop.",
        "enum": roles
    })
}

/// The `answers:` mapping, in file order.
#[derive(Debug, Clone, Default)]
pub struct AnswerMap(pub Vec<RawEntry>);

#[derive(Debug, Clone)]
pub struct RawEntry {
    pub question: Spanned<String>,
    pub answer: Spanned<RawAnswer>,
}

/// One answer: a bare value, or `{ value: …, note: … }`.
#[derive(Debug, Clone)]
pub enum RawAnswer {
    Bare(RawValue),
    Full {
        value: Option<Spanned<RawValue>>,
        note: Option<Spanned<String>>,
    },
}

impl RawAnswer {
    /// The value and the note, whichever form was used.
    pub fn parts(
        &self,
    ) -> (
        Option<&RawValue>,
        Option<&Spanned<RawValue>>,
        Option<&Spanned<String>>,
    ) {
        match self {
            RawAnswer::Bare(v) => (Some(v), None, None),
            RawAnswer::Full { value, note } => {
                (value.as_ref().map(|v| &v.value), value.as_ref(), note.as_ref())
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    List(Vec<String>),
}

impl fmt::Display for RawValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawValue::Null => f.write_str("(empty)"),
            RawValue::Bool(b) => write!(f, "{b}"),
            RawValue::Int(i) => write!(f, "{i}"),
            RawValue::Float(x) => f.write_str(&crate::diagnostic::number(*x)),
            RawValue::Text(s) => f.write_str(s),
            RawValue::List(items) => write!(f, "[{}]", items.join(", ")),
        }
    }
}

impl<'de> Deserialize<'de> for AnswerMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AnswerMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of question ids to answers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnswerMap, A::Error> {
                let mut entries = Vec::new();
                while let Some(question) = map.next_key::<Spanned<String>>()? {
                    let answer = map.next_value::<Spanned<RawAnswer>>()?;
                    entries.push(RawEntry { question, answer });
                }
                Ok(AnswerMap(entries))
            }
        }
        deserializer.deserialize_map(V)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer: a number, yes/no, an option id, a list of option ids, `unknown` or `n/a`")
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(v).map_or(RawValue::Float(v as f64), RawValue::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Text(v.to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<String>()? {
            items.push(item);
        }
        Ok(RawValue::List(items))
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an answer, or a mapping with `value` and `note`")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Bare(RawValue::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Bare(RawValue::Null))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawAnswer, E> {
                ValueVisitor.visit_bool(v).map(RawAnswer::Bare)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawAnswer, E> {
                ValueVisitor.visit_i64(v).map(RawAnswer::Bare)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawAnswer, E> {
                ValueVisitor.visit_u64(v).map(RawAnswer::Bare)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawAnswer, E> {
                ValueVisitor.visit_f64(v).map(RawAnswer::Bare)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAnswer, E> {
                ValueVisitor.visit_str(v).map(RawAnswer::Bare)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawAnswer, A::Error> {
                ValueVisitor.visit_seq(seq).map(RawAnswer::Bare)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawAnswer, A::Error> {
                let mut value = None;
                let mut note = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "value" if value.is_none() => value = Some(map.next_value::<Spanned<RawValue>>()?),
                        "note" if note.is_none() => note = Some(map.next_value::<Spanned<String>>()?),
                        "value" | "note" => {
                            return Err(de::Error::duplicate_field(if key == "value" {
                                "value"
                            } else {
                                "note"
                            }));
                        }
                        other => return Err(de::Error::unknown_field(other, &["value", "note"])),
                    }
                }
                Ok(RawAnswer::Full { value, note })
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl JsonSchema for AnswerMap {
    fn schema_name() -> Cow<'static, str> {
        "AnswerMap".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let answer = generator.subschema_for::<RawAnswer>();
        json_schema!({
            "type": "object",
            "description": "The answers, by question id (`ecodiag show` lists the questions).",
            "propertyNames": { "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$" },
            "additionalProperties": answer
        })
    }
}

impl JsonSchema for RawAnswer {
    fn schema_name() -> Cow<'static, str> {
        "Answer".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<RawValue>();
        json_schema!({
            "description": "An answer, or `{ value: …, note: … }` to keep a note with it.",
            "anyOf": [
                value,
                {
                    "type": "object",
                    "properties": {
                        "value": value,
                        "note": { "type": "string", "description": "Where the answer comes from, or why it is what it is." }
                    },
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for RawValue {
    fn schema_name() -> Cow<'static, str> {
        "Value".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number, `yes`/`no`, an option id, a list of option ids, `unknown` or `n/a`; empty when not answered yet.",
            "anyOf": [
                { "type": "null" },
                { "type": "boolean" },
                { "type": "number" },
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}
