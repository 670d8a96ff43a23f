//! The `maturity:` block of a questionnaire and the per-area ladders, as
//! written. Checked in `build::maturity`; documented in docs/questionnaire.md.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use super::ScalePoint;
use crate::yaml::Spanned;

/// Maturity levels: five named rungs, each starting at a score, that turn
/// every area's score (0–100) into a level from 1 to 5.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Maturity")]
pub struct RawMaturity {
    /// What the levels are and where their names come from, shown with them.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// Exactly five levels, lowest first. The first starts at score 0; each
    /// later one starts above the one before; a level runs up to where the
    /// next starts, the last to 100.
    #[schemars(with = "Vec<RawLevel>", length(equal = 5))]
    pub levels: Spanned<Vec<Spanned<RawLevel>>>,
}

/// One maturity level.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "MaturityLevel")]
pub struct RawLevel {
    /// The level's name, e.g. `Formal`; targets may name a level by it.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// The lowest score (0–100) at this level.
    #[schemars(with = "f64", range(min = 0, max = 100))]
    pub from: Spanned<f64>,
    /// What this level looks like, in one line, for any area.
    #[schemars(with = "String")]
    pub description: Spanned<String>,
}

/// What each level looks like in one area (a bucket, an element, a macro
/// culprit or the macro group), by level number: `3: "Stages written down
/// and reviewed each quarter"`. Levels left out show the generic description.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct RawLadder(pub BTreeMap<ScalePoint, Spanned<String>>);

impl JsonSchema for RawLadder {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MaturityLadder".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "What each maturity level looks like in this area, by level number (1–5), e.g. `3: \"Stages written down and reviewed each quarter\"`. Levels left out show the generic description of `maturity.levels`.",
            "patternProperties": { "^[1-5]$": { "type": "string", "minLength": 1 } },
            "additionalProperties": false
        })
    }
}
