//! The questionnaire exactly as written in YAML: a serde mirror that rejects
//! unknown fields and keeps the position of every value, so validation can point
//! at the line a problem sits on.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::yaml::Spanned;

/// A whole questionnaire file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    pub id: Spanned<String>,
    pub version: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    pub buckets: Spanned<Vec<Spanned<RawBucket>>>,
    #[serde(rename = "macro")]
    pub macro_group: Spanned<RawMacro>,
    pub questions: Spanned<Vec<Spanned<Box<RawQuestion>>>>,
    pub causes: Spanned<Vec<Spanned<Box<RawCause>>>>,
    pub rules: Spanned<Vec<Spanned<Box<RawRule>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBucket {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    pub elements: Spanned<Vec<Spanned<RawElement>>>,
}

/// An element of a bucket, or a macro culprit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawElement {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMacro {
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    pub culprits: Spanned<Vec<Spanned<RawElement>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawKind {
    Scale,
    YesNo,
    Choice,
    Multi,
    Number,
    Percent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawYesNo {
    Yes,
    No,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub element: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub help: Option<Spanned<String>>,
    #[serde(rename = "type")]
    pub kind: Spanned<RawKind>,
    #[serde(default)]
    pub weight: Option<Spanned<f64>>,
    #[serde(default)]
    pub scored: Option<Spanned<bool>>,
    #[serde(default)]
    pub scale: Option<Spanned<BTreeMap<ScalePoint, Spanned<String>>>>,
    #[serde(default)]
    pub healthy: Option<Spanned<RawYesNo>>,
    #[serde(default)]
    pub options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    #[serde(default)]
    pub base: Option<Spanned<f64>>,
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    #[serde(default)]
    pub min: Option<Spanned<f64>>,
    #[serde(default)]
    pub max: Option<Spanned<f64>>,
    #[serde(default)]
    pub integer: Option<Spanned<bool>>,
    #[serde(default)]
    pub bands: Option<Spanned<Vec<Spanned<RawBand>>>>,
    #[serde(default)]
    pub not_applicable: Option<Spanned<String>>,
    #[serde(default)]
    pub show_if: Option<Spanned<Box<RawCondition>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    pub score: Spanned<f64>,
    #[serde(default)]
    pub exclusive: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    #[serde(default)]
    pub above: Option<Spanned<f64>>,
    #[serde(default)]
    pub at_least: Option<Spanned<f64>>,
    #[serde(default)]
    pub below: Option<Spanned<f64>>,
    #[serde(default)]
    pub at_most: Option<Spanned<f64>>,
    pub score: Spanned<f64>,
    #[serde(default)]
    pub label: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCause {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub bucket: Spanned<String>,
    #[serde(default)]
    pub element: Option<Spanned<String>>,
    pub summary: Spanned<String>,
    pub not_the_reps: Spanned<String>,
    pub remediation: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawSeverity {
    Low,
    Medium,
    High,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Spanned<String>,
    pub cause: Spanned<String>,
    pub severity: Spanned<RawSeverity>,
    pub when: Spanned<Box<RawCondition>>,
    pub evidence: Spanned<String>,
}

/// One node of a condition tree. Exactly one combinator (`all`, `any`, `not`,
/// `of`) or one subject (`question`, `score`, `element`, `bucket`, `overall`)
/// is expected; the checks in `build` say so when a node has neither or both.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    #[serde(default)]
    pub all: Option<Spanned<Vec<Spanned<Box<RawCondition>>>>>,
    #[serde(default)]
    pub any: Option<Spanned<Vec<Spanned<Box<RawCondition>>>>>,
    #[serde(default)]
    pub not: Option<Spanned<Box<RawCondition>>>,
    #[serde(default)]
    pub of: Option<Spanned<Vec<Spanned<Box<RawCondition>>>>>,
    #[serde(default)]
    pub question: Option<Spanned<String>>,
    #[serde(default)]
    pub score: Option<Spanned<String>>,
    #[serde(default)]
    pub element: Option<Spanned<String>>,
    #[serde(default)]
    pub bucket: Option<Spanned<String>>,
    #[serde(default)]
    pub overall: Option<Spanned<String>>,
    #[serde(default)]
    pub equals: Option<Spanned<RawScalar>>,
    #[serde(default, rename = "in")]
    pub one_of: Option<Spanned<Vec<Spanned<RawScalar>>>>,
    #[serde(default)]
    pub includes: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub above: Option<Spanned<f64>>,
    #[serde(default)]
    pub at_least: Option<Spanned<f64>>,
    #[serde(default)]
    pub below: Option<Spanned<f64>>,
    #[serde(default)]
    pub at_most: Option<Spanned<f64>>,
    #[serde(default)]
    pub answered: Option<Spanned<bool>>,
    #[serde(default)]
    pub unknown: Option<Spanned<bool>>,
    #[serde(default)]
    pub not_applicable: Option<Spanned<bool>>,
}

/// A literal in a condition: `yes`, `3`, `42.5`, `formal`.
#[derive(Debug, Clone, PartialEq)]
pub enum RawScalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

impl fmt::Display for RawScalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawScalar::Bool(b) => write!(f, "{b}"),
            RawScalar::Int(i) => write!(f, "{i}"),
            RawScalar::Float(x) => write!(f, "{x}"),
            RawScalar::Text(s) => f.write_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for RawScalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = RawScalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a single value: yes/no, a number or an option id")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawScalar, E> {
        Ok(RawScalar::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawScalar, E> {
        Ok(RawScalar::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawScalar, E> {
        i64::try_from(v)
            .map(RawScalar::Int)
            .map_err(|_| E::custom("number too large"))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawScalar, E> {
        Ok(RawScalar::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawScalar, E> {
        Ok(RawScalar::Text(v.to_owned()))
    }
}

/// A point on a scale: `3:` in YAML, `"3"` in the JSON copy of a bundled file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScalePoint(pub i64);

impl<'de> Deserialize<'de> for ScalePoint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ScalePoint;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number (a point on the scale)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ScalePoint, E> {
                Ok(ScalePoint(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ScalePoint, E> {
                i64::try_from(v)
                    .map(ScalePoint)
                    .map_err(|_| E::custom("scale point too large"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScalePoint, E> {
                v.trim()
                    .parse()
                    .map(ScalePoint)
                    .map_err(|_| E::custom(format!("`{v}` is not a whole number (a point on the scale)")))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// `includes: a` or `includes: [a, b]`.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an option id or a list of option ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_owned()]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
        }
        deserializer.deserialize_any(V)
    }
}
