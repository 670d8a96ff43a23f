//! A test-case file exactly as written (`assessments/ID.tests.yaml`), every
//! value with its position so a wrong id points at its line.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::answers::AnswerMap;
use crate::yaml::Spanned;

/// A whole case file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CaseFile")]
pub struct RawCaseFile {
    /// The assessment the cases exercise: a bundled id, or a questionnaire
    /// file relative to this file.
    #[schemars(with = "String")]
    pub assessment: Spanned<String>,
    /// Named answer sets that cases can start from with `base:`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, AnswerMap>")]
    pub bases: BTreeMap<String, Spanned<AnswerMap>>,
    /// The cases, each with its answers and what the diagnosis must conclude.
    #[schemars(with = "Vec<RawCase>")]
    pub cases: Spanned<Vec<Spanned<RawCase>>>,
}

/// One case: answers in, expectations about the diagnosis out.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Case")]
pub struct RawCase {
    /// What the case is about, shown on its pass/fail line.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Start from this named answer set (see `bases:`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub base: Option<Spanned<String>>,
    /// Answers by question id, inline; on top of `base` when given.
    #[serde(default)]
    #[schemars(with = "Option<AnswerMap>")]
    pub answers: Option<Spanned<AnswerMap>>,
    /// An answers file instead, relative to this file.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub answers_file: Option<Spanned<String>>,
    /// What the diagnosis must conclude.
    #[schemars(with = "RawExpect")]
    pub expect: Spanned<RawExpect>,
}

/// What the diagnosis must look like.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Expectations")]
pub struct RawExpect {
    /// The verdict's stage.
    #[serde(default)]
    #[schemars(with = "Option<RawStage>")]
    pub stage: Option<Spanned<RawStage>>,
    /// How many of the ranked causes `in_top` and `not_in_top` look at
    /// (default: all that were found).
    #[serde(default)]
    #[schemars(with = "Option<usize>", range(min = 1))]
    pub top: Option<Spanned<usize>>,
    /// Causes that must rank within the top N.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub in_top: Vec<Spanned<String>>,
    /// Causes that must not rank within the top N (with no `top`: must not be
    /// found at all).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub not_in_top: Vec<Spanned<String>>,
    /// Rules that must fire.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub fired: Vec<Spanned<String>>,
    /// Rules that must not fire.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub not_fired: Vec<Spanned<String>>,
    /// Score ranges by bucket id, `macro`, or `ecosystem`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RawRange>")]
    pub scores: BTreeMap<String, Spanned<RawRange>>,
    /// Causes that must be found as roots (not nested under another cause).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub roots: Vec<Spanned<String>>,
    /// Causes that must be found as consequences, each of the root (or other
    /// upstream cause) named: `{ weak-value-proposition: icp-undefined }`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub consequences: BTreeMap<String, Spanned<String>>,
    /// The cause that must rank first among the roots.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub top_root: Option<Spanned<String>>,
    /// Whether the verdict must be provisional (caveats such as unknown key metrics).
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub provisional: Option<Spanned<bool>>,
    /// Questions that must be listed in probe-next.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub probe_next: Vec<Spanned<String>>,
    /// For each cause, the text the first remediation step shown must start
    /// with: `{ archaic-crm: "Move the pipeline" }`. The cause must be found.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub first_step: BTreeMap<String, Spanned<String>>,
    /// Elements or macro culprits that must be listed as red with no finding
    /// explaining them.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub unexplained: Vec<Spanned<String>>,
}

/// A verdict stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "Stage")]
pub enum RawStage {
    InsufficientData,
    Ecosystem,
    Macro,
    Individuals,
}

/// A score range: any of the four bounds, at least one.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Range")]
pub struct RawRange {
    /// The score is greater than this.
    #[serde(default)]
    pub above: Option<f64>,
    /// The score is at least this.
    #[serde(default)]
    pub at_least: Option<f64>,
    /// The score is less than this.
    #[serde(default)]
    pub below: Option<f64>,
    /// The score is at most this.
    #[serde(default)]
    pub at_most: Option<f64>,
}
