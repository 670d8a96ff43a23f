//! A test-case file exactly as written (`assessments/ID.tests.yaml`), every
//! value with its position so a wrong id points at its line.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::answers::AnswerMap;
use crate::yaml::Spanned;

/// A whole case file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCaseFile {
    /// The assessment the cases exercise: a bundled id, or a questionnaire
    /// file relative to this file.
    pub assessment: Spanned<String>,
    /// Named answer sets that cases can start from with `base:`.
    #[serde(default)]
    pub bases: BTreeMap<String, Spanned<AnswerMap>>,
    pub cases: Spanned<Vec<Spanned<RawCase>>>,
}

/// One case: answers in, expectations about the diagnosis out.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    /// What the case is about, shown on its pass/fail line.
    pub name: Spanned<String>,
    /// Start from this named answer set (see `bases:`).
    #[serde(default)]
    pub base: Option<Spanned<String>>,
    /// Answers by question id, inline; on top of `base` when given.
    #[serde(default)]
    pub answers: Option<Spanned<AnswerMap>>,
    /// An answers file instead, relative to this file.
    #[serde(default)]
    pub answers_file: Option<Spanned<String>>,
    pub expect: Spanned<RawExpect>,
}

/// What the diagnosis must look like.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    /// The verdict's stage.
    #[serde(default)]
    pub stage: Option<Spanned<RawStage>>,
    /// How many of the ranked causes `in_top` and `not_in_top` look at
    /// (default: all that were found).
    #[serde(default)]
    pub top: Option<Spanned<usize>>,
    /// Causes that must rank within the top N.
    #[serde(default)]
    pub in_top: Vec<Spanned<String>>,
    /// Causes that must not rank within the top N (with no `top`: must not be
    /// found at all).
    #[serde(default)]
    pub not_in_top: Vec<Spanned<String>>,
    /// Rules that must fire.
    #[serde(default)]
    pub fired: Vec<Spanned<String>>,
    /// Rules that must not fire.
    #[serde(default)]
    pub not_fired: Vec<Spanned<String>>,
    /// Score ranges by bucket id, `macro`, or `ecosystem`.
    #[serde(default)]
    pub scores: BTreeMap<String, Spanned<RawRange>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawStage {
    InsufficientData,
    Ecosystem,
    Macro,
    Individuals,
}

/// A score range: any of the four bounds, at least one.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    #[serde(default)]
    pub above: Option<f64>,
    #[serde(default)]
    pub at_least: Option<f64>,
    #[serde(default)]
    pub below: Option<f64>,
    #[serde(default)]
    pub at_most: Option<f64>,
}
