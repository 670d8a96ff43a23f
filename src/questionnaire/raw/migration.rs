//! The `migrations:` of a questionnaire as written: how answers given to an
//! earlier major version carry over to this one. Checked in
//! `build::migrations`; documented in docs/questionnaire.md.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use super::ScalePoint;
use crate::yaml::Spanned;

/// One step from an earlier major version to a later one.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Migration")]
pub struct RawMigration {
    /// The version this step starts from (e.g. `"1.0.0"`); it applies to
    /// answers given to any version with the same major number.
    #[schemars(with = "String")]
    pub from: Spanned<String>,
    /// The version it leads to: a later major version. The last step leads
    /// to this questionnaire's major version.
    #[schemars(with = "String")]
    pub to: Spanned<String>,
    /// What changed, one entry per question. Questions not listed carry
    /// over as they are.
    #[schemars(with = "Vec<RawChange>")]
    pub changes: Spanned<Vec<Spanned<RawChange>>>,
}

/// What became of one question. `question` names it as it was in `from`;
/// then `remove`, or any of `rename` and one of `options` or `scale`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Change")]
pub struct RawChange {
    /// The question's id in the `from` version.
    #[schemars(with = "String")]
    pub question: Spanned<String>,
    /// Its id in the `to` version.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub rename: Option<Spanned<String>>,
    /// Options renamed or merged: old option id → new option id, or `null`
    /// when the old option has no counterpart (its answers become `unknown`
    /// with a note). Options not listed keep their id.
    #[serde(default)]
    #[schemars(schema_with = "options_schema")]
    pub options: Option<Spanned<BTreeMap<String, Spanned<Option<String>>>>>,
    /// A scale re-anchored: every old point → its new point, or `null` when
    /// it has no counterpart. A point not listed becomes `unknown` with a note.
    #[serde(default)]
    #[schemars(schema_with = "scale_map_schema")]
    pub scale: Option<Spanned<BTreeMap<ScalePoint, Spanned<Option<i64>>>>>,
    /// The question was removed; the text says why. Its answers are kept in
    /// the file as a comment.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub remove: Option<Spanned<String>>,
}

fn options_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "description": "Options renamed or merged: old option id → new option id, or null when the old option has no counterpart. Options not listed keep their id.",
        "additionalProperties": { "type": ["string", "null"] }
    })
}

fn scale_map_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "description": "A scale re-anchored: every old point → its new point, or null when it has no counterpart.",
        "patternProperties": { "^-?[0-9]+$": { "type": ["integer", "null"] } },
        "additionalProperties": false
    })
}
