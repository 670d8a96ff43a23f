//! The questionnaire exactly as written in YAML: a serde mirror that rejects
//! unknown fields and keeps the position of every value, so validation can point
//! at the line a problem sits on.
//!
//! The doc comments on these types are the descriptions in
//! `schemas/questionnaire.schema.json`: editors show them while a file is edited.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::yaml::Spanned;

mod maturity;
mod migration;

pub use maturity::{RawLadder, RawLevel, RawMaturity};
pub use migration::{RawChange, RawMigration};

/// An ecodiag questionnaire: buckets and elements, macro culprits, questions,
/// a root-cause catalogue and the rules that point at those causes.
/// See docs/questionnaire.md.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Questionnaire")]
pub struct RawQuestionnaire {
    /// The assessment's id, in kebab-case (e.g. `sales-ecosystem`). Answer files
    /// name it in `assessment:`.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<String>,
    /// The questionnaire's version, quoted so YAML keeps it text (e.g. `"1.0.0"`).
    /// Answer files record the version they answered.
    #[schemars(with = "String")]
    pub version: Spanned<String>,
    /// The title shown at the top of reports.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// What the assessment covers and how long it takes.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// The words reports use for the whole, the buckets and the causes, when
    /// the defaults ("Ecosystem", "bucket", "buckets", "Root cause", "Root causes") do
    /// not fit what this questionnaire diagnoses.
    #[serde(default)]
    #[schemars(with = "Option<RawLabels>")]
    pub labels: Option<Spanned<RawLabels>>,
    /// The ecosystem buckets, each with its elements.
    #[schemars(with = "Vec<RawBucket>")]
    pub buckets: Spanned<Vec<Spanned<RawBucket>>>,
    /// The macro culprits: the usual causes once the ecosystem is sound.
    /// Optional: an assessment without them has no macro stage, and its
    /// verdict goes from the buckets straight to the individuals.
    #[serde(rename = "macro", default)]
    #[schemars(with = "Option<RawMacro>")]
    pub macro_group: Option<Spanned<RawMacro>>,
    /// The questions, in the order they are asked.
    #[schemars(with = "Vec<RawQuestion>")]
    pub questions: Spanned<Vec<Spanned<Box<RawQuestion>>>>,
    /// The root-cause catalogue the rules point at.
    #[schemars(with = "Vec<RawCause>")]
    pub causes: Spanned<Vec<Spanned<Box<RawCause>>>>,
    /// Rules: a condition over answers and scores that, when it holds, is
    /// evidence for a root cause.
    #[schemars(with = "Vec<RawRule>")]
    pub rules: Spanned<Vec<Spanned<Box<RawRule>>>>,
    /// Maturity levels: five named rungs with the scores they start at, which
    /// give every area a level from 1 to 5 (docs/questionnaire.md).
    #[serde(default)]
    #[schemars(with = "Option<RawMaturity>")]
    pub maturity: Option<Spanned<RawMaturity>>,
    /// How answers given to earlier major versions carry over to this one,
    /// one step per major version (`ecodiag migrate`).
    #[serde(default)]
    #[schemars(with = "Vec<RawMigration>")]
    pub migrations: Option<Spanned<Vec<Spanned<RawMigration>>>>,
}

/// The words reports use; every one optional, with its default.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Labels")]
pub struct RawLabels {
    /// The whole the buckets make up, capitalised as a heading (default
    /// "Ecosystem"), e.g. "Sales process": "Fix the sales process before
    /// judging the reps".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ecosystem: Option<Spanned<String>>,
    /// One bucket, inside a sentence (default "bucket"), as in "No bucket
    /// scores red".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub bucket: Option<Spanned<String>>,
    /// The buckets, plural, inside a sentence (default "buckets"), as in
    /// "Ecosystem (mean of the buckets)".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub buckets: Option<Spanned<String>>,
    /// One root cause, as a column heading (default "Root cause").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub root_cause: Option<Spanned<String>>,
    /// The ranked causes, as a heading (default "Root causes").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub root_causes: Option<Spanned<String>>,
}

/// A bucket of the sales ecosystem, such as Sales Operations.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Bucket")]
pub struct RawBucket {
    /// The bucket's id, in kebab-case (e.g. `sales-operations`); `macro` is reserved.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<String>,
    /// The bucket's display title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// What the bucket covers.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// The bucket's elements; questions name one of them in `element:`.
    #[schemars(with = "Vec<RawElement>")]
    pub elements: Spanned<Vec<Spanned<RawElement>>>,
    /// What each maturity level looks like here, by level number (1–5).
    #[serde(default)]
    #[schemars(with = "Option<RawLadder>")]
    pub maturity: Option<Spanned<RawLadder>>,
}

/// An element of a bucket, or a macro culprit.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Element")]
pub struct RawElement {
    /// The id, in kebab-case (e.g. `crm`); unique among elements and culprits.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<String>,
    /// The display title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// What it covers.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// What each maturity level looks like here, by level number (1–5).
    #[serde(default)]
    #[schemars(with = "Option<RawLadder>")]
    pub maturity: Option<Spanned<RawLadder>>,
}

/// The macro culprits group.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Macro")]
pub struct RawMacro {
    /// The group's display title (default "Macro culprits").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
    /// What the group covers.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// The culprits; questions and causes name them like elements.
    #[schemars(with = "Vec<RawElement>")]
    pub culprits: Spanned<Vec<Spanned<RawElement>>>,
    /// What each maturity level looks like here, by level number (1–5).
    #[serde(default)]
    #[schemars(with = "Option<RawLadder>")]
    pub maturity: Option<Spanned<RawLadder>>,
}

/// How a question is answered, and so how it scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "QuestionType")]
pub enum RawKind {
    /// A point on a scale; needs `scale:` with a label for every point.
    Scale,
    /// `yes` or `no`; optional `healthy:` says which answer is healthy.
    YesNo,
    /// One option; needs `options:` with a score (0–100) for each.
    Choice,
    /// Any number of options; needs `options:` with points (−100 to 100), optional `base:`.
    Multi,
    /// A number scored through `bands:`; optional `unit`, `min`, `max`, `integer`.
    Number,
    /// A percentage from 0 to 100, scored through `bands:`.
    Percent,
}

/// A yes/no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "YesNo")]
pub enum RawYesNo {
    Yes,
    No,
}

/// A question. Which fields it takes depends on its `type`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Question")]
pub struct RawQuestion {
    /// The question's id: kebab-case words, optionally joined by dots
    /// (e.g. `process-maturity`). Answer files use it as the key.
    #[schemars(
        with = "String",
        regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$")
    )]
    pub id: Spanned<String>,
    /// The element or macro culprit the question scores.
    #[schemars(with = "String")]
    pub element: Spanned<String>,
    /// The question as asked.
    #[schemars(with = "String")]
    pub text: Spanned<String>,
    /// Guidance shown with the question: what to count, where the bands come from.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub help: Option<Spanned<String>>,
    /// How the question is answered and scored.
    #[serde(rename = "type")]
    #[schemars(with = "RawKind")]
    pub kind: Spanned<RawKind>,
    /// Weight in its element's score; a positive number (default 1).
    #[serde(default)]
    #[schemars(with = "Option<f64>", extend("exclusiveMinimum" = 0))]
    pub weight: Option<Spanned<f64>>,
    /// `false`: asked and read by rules, but counted in no score (default true).
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub scored: Option<Spanned<bool>>,
    /// `true`: an outcome metric a healthy company knows (win rate, quota
    /// attainment, ramp …). When a key metric is unknown the verdict is
    /// provisional and names it.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub key: Option<Spanned<bool>>,
    /// For `scale`: a label for every whole point from the lowest to the
    /// highest, e.g. `1: "No written process"`.
    #[serde(default)]
    #[schemars(schema_with = "scale_schema")]
    pub scale: Option<Spanned<BTreeMap<ScalePoint, Spanned<String>>>>,
    /// For `yes-no`: the healthy answer, which scores 100 (default `yes`).
    #[serde(default)]
    #[schemars(with = "Option<RawYesNo>")]
    pub healthy: Option<Spanned<RawYesNo>>,
    /// For `choice` and `multi`: the options, at least two.
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawOption>>")]
    pub options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    /// For `multi`: the score before any option's points are added (default 0).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub base: Option<Spanned<f64>>,
    /// For `number`: the unit shown after the answer. A word in the plural
    /// (`months`, `hours a month`), whose first word loses its `s` after
    /// exactly 1 (`1 month`), or both forms: `{ one: person, other: people }`.
    #[serde(default)]
    #[schemars(with = "Option<RawUnit>")]
    pub unit: Option<Spanned<RawUnit>>,
    /// For `number`: the smallest answer accepted.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    /// For `number`: the largest answer accepted.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    /// For `number`: only whole numbers are accepted.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub integer: Option<Spanned<bool>>,
    /// For `number` and `percent`: scoring bands, from the lowest values up,
    /// each starting where the previous one stops.
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawBand>>")]
    pub bands: Option<Spanned<Vec<Spanned<RawBand>>>>,
    /// Allows the answer `n/a`; the text says when the question does not apply.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub not_applicable: Option<Spanned<String>>,
    /// Ask the question only when this condition on earlier answers holds.
    #[serde(default)]
    #[schemars(with = "Option<RawCondition>")]
    pub show_if: Option<Spanned<Box<RawCondition>>>,
}

/// An option of a `choice` or `multi` question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Option")]
pub struct RawOption {
    /// The option's id, in kebab-case; answers and rules use it.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<String>,
    /// The option as shown to the people answering.
    #[schemars(with = "String")]
    pub label: Spanned<String>,
    /// `choice`: the question's score when chosen, 0–100. `multi`: points
    /// added to the score when selected, −100 to 100.
    #[schemars(with = "f64", range(min = -100, max = 100))]
    pub score: Spanned<f64>,
    /// For `multi`: this option cannot be selected with any other (e.g. "none").
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub exclusive: Option<Spanned<bool>>,
}

/// A scoring band: a range of numbers and the score they get. At most one
/// lower bound (`above` or `at_least`) and one upper bound (`below` or `at_most`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Band")]
pub struct RawBand {
    /// Lower bound, exclusive.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub above: Option<Spanned<f64>>,
    /// Lower bound, inclusive.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub at_least: Option<Spanned<f64>>,
    /// Upper bound, exclusive.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub below: Option<Spanned<f64>>,
    /// Upper bound, inclusive.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub at_most: Option<Spanned<f64>>,
    /// The question's score for a value in this band, 0–100.
    #[schemars(with = "f64", range(min = 0, max = 100))]
    pub score: Spanned<f64>,
    /// A word for the band shown in reports (e.g. `typical`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub label: Option<Spanned<String>>,
}

/// A root cause in the catalogue: what is broken in the ecosystem, why it is
/// not the reps' fault, and how to fix it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Cause")]
pub struct RawCause {
    /// The cause's stable id, in kebab-case (e.g. `archaic-crm`).
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: Spanned<String>,
    /// The cause's display title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The bucket the cause sits in, or `macro` for a macro culprit.
    #[schemars(with = "String")]
    pub bucket: Spanned<String>,
    /// An element of that bucket (or a culprit), when the cause belongs to one.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub element: Option<Spanned<String>>,
    /// What the cause is, in a sentence or two.
    #[schemars(with = "String")]
    pub summary: Spanned<String>,
    /// Why it is not the reps' fault.
    #[schemars(with = "String")]
    pub not_the_reps: Spanned<String>,
    /// Remediation steps, first step first. A step is a sentence, or
    /// `{ step, when, owner }`: a step with `when:` applies only to a company
    /// whose answers make the condition hold, so the first step shown fits it.
    #[schemars(with = "Vec<RawStep>")]
    pub remediation: Spanned<Vec<Spanned<RawStep>>>,
    /// Root causes this one brings about (their ids): when both are found, the
    /// other is reported as a consequence nested under this one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub leads_to: Vec<Spanned<String>>,
    /// Source tags behind the cause (e.g. `S09`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Spanned<String>>,
}

/// The unit of a number: one form, or a singular and a plural form.
#[derive(Debug, Clone, PartialEq, Eq, JsonSchema)]
#[schemars(rename = "Unit", untagged)]
pub enum RawUnit {
    /// The plural form; the singular drops the first word's final `s`.
    Plural(String),
    /// Both forms.
    Forms(RawUnitForms),
}

/// A unit's singular and plural forms.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "UnitForms")]
pub struct RawUnitForms {
    /// After exactly 1: `hour`, `person`.
    pub one: String,
    /// After any other number: `hours`, `people`.
    pub other: String,
}

impl<'de> Deserialize<'de> for RawUnit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // "String or map" by hand, as for steps, so positions survive.
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawUnit;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a unit: a word such as `months`, or `{ one: month, other: months }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawUnit, E> {
                Ok(RawUnit::Plural(v.to_owned()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawUnit, A::Error> {
                RawUnitForms::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawUnit::Forms)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A remediation step: a sentence, or a sentence with the condition under
/// which it applies and the role that owns it.
#[derive(Debug, JsonSchema)]
#[schemars(rename = "Step", untagged)]
pub enum RawStep {
    /// A step that applies to every company where the cause is found.
    Text(String),
    /// A step with its condition and owner.
    Detailed(RawStepDetail),
}

/// A remediation step with its condition and owner.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StepDetail")]
pub struct RawStepDetail {
    /// What to do, as an imperative sentence.
    #[schemars(with = "String")]
    pub step: Spanned<String>,
    /// The step applies only when this condition over the answers plainly
    /// holds (the rule condition language). Without it, it always applies.
    #[serde(default)]
    #[schemars(with = "Option<RawCondition>")]
    pub when: Option<Spanned<Box<RawCondition>>>,
    /// The role that owns the step in a plan.
    #[serde(default)]
    #[schemars(with = "Option<RawOwner>")]
    pub owner: Option<Spanned<RawOwner>>,
}

/// Who owns a remediation step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "Owner")]
pub enum RawOwner {
    Ceo,
    SalesLeader,
    SalesManager,
    SalesOps,
    Marketing,
    Hr,
    Finance,
    Product,
    Operations,
    CustomerSuccess,
}

impl<'de> Deserialize<'de> for RawStep {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A hand-written "string or map" visitor rather than an untagged enum:
        // an untagged enum buffers the value and loses the positions inside it.
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawStep;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a step: a sentence, or a map with `step`, `when` and `owner`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawStep, E> {
                Ok(RawStep::Text(v.to_owned()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawStep, A::Error> {
                RawStepDetail::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawStep::Detailed)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// How strongly a rule's firing points at its cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "Severity")]
pub enum RawSeverity {
    /// Weight 0.3; never decides the verdict alone.
    Low,
    /// Weight 0.6.
    Medium,
    /// Weight 1.0.
    High,
}

/// A rule: when its condition holds, it is evidence for its root cause.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Rule")]
pub struct RawRule {
    /// The rule's stable id: kebab-case words, optionally joined by dots
    /// (e.g. `crm.serves-reporting`).
    #[schemars(
        with = "String",
        regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$")
    )]
    pub id: Spanned<String>,
    /// The root cause (from `causes:`) this rule supports.
    #[schemars(with = "String")]
    pub cause: Spanned<String>,
    /// How strongly the rule points at the cause.
    #[schemars(with = "RawSeverity")]
    pub severity: Spanned<RawSeverity>,
    /// The condition over answers and scores under which the rule fires.
    #[schemars(with = "RawCondition")]
    pub when: Spanned<Box<RawCondition>>,
    /// The sentence shown as evidence; `{question-id}` quotes that answer,
    /// `{{` and `}}` are literal braces.
    #[schemars(with = "String")]
    pub evidence: Spanned<String>,
}

/// One node of a condition tree. Exactly one combinator (`all`, `any`, `not`,
/// `of`) or one subject (`question`, `score`, `element`, `bucket`, `overall`)
/// is expected; the checks in `build` say so when a node has neither or both.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Condition")]
pub struct RawCondition {
    /// Holds when every part holds.
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub all: Option<Spanned<Vec<Spanned<Box<RawCondition>>>>>,
    /// Holds when at least one part holds.
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub any: Option<Spanned<Vec<Spanned<Box<RawCondition>>>>>,
    /// Holds when the part does not.
    #[serde(default)]
    #[schemars(with = "Option<RawCondition>")]
    pub not: Option<Spanned<Box<RawCondition>>>,
    /// With `at_least: N`: holds when at least N of these parts hold.
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawCondition>>")]
    pub of: Option<Spanned<Vec<Spanned<Box<RawCondition>>>>>,
    /// Tests a question's answer (with `equals`, `in`, `includes`, comparisons,
    /// `answered`, `unknown` or `not_applicable`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub question: Option<Spanned<String>>,
    /// Compares a question's score (0–100).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub score: Option<Spanned<String>>,
    /// Compares an element's or a macro culprit's score (0–100).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub element: Option<Spanned<String>>,
    /// Compares a bucket's score (0–100); `macro` is the macro group.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub bucket: Option<Spanned<String>>,
    /// Compares the ecosystem score (0–100); the only value is `ecosystem`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub overall: Option<Spanned<String>>,
    /// The answer is this: `yes`/`no`, an option id, a scale point or a number.
    #[serde(default)]
    #[schemars(with = "Option<RawScalar>")]
    pub equals: Option<Spanned<RawScalar>>,
    /// The answer is one of these.
    #[serde(default, rename = "in")]
    #[schemars(with = "Option<Vec<RawScalar>>")]
    pub one_of: Option<Spanned<Vec<Spanned<RawScalar>>>>,
    /// For `multi` questions: any of these options is selected.
    #[serde(default)]
    #[schemars(with = "Option<OneOrMany>")]
    pub includes: Option<Spanned<OneOrMany>>,
    /// Greater than this. With `of:`, how many parts must hold.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub above: Option<Spanned<f64>>,
    /// At least this (inclusive). With `of:`, how many parts must hold.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub at_least: Option<Spanned<f64>>,
    /// Less than this.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub below: Option<Spanned<f64>>,
    /// At most this (inclusive).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub at_most: Option<Spanned<f64>>,
    /// `true`: the question has a real answer (not `unknown`, not `n/a`).
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub answered: Option<Spanned<bool>>,
    /// `true`: the question was answered `unknown`.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub unknown: Option<Spanned<bool>>,
    /// `true`: the question was answered `n/a`.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
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
            RawScalar::Float(x) => f.write_str(&crate::diagnostic::number(*x)),
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

fn scale_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "description": "For `scale`: a label for every whole point from the lowest to the highest, e.g. `1: \"No written process\"`.",
        "patternProperties": { "^-?[0-9]+$": { "type": "string", "minLength": 1 } },
        "additionalProperties": false,
        "minProperties": 2
    })
}

impl JsonSchema for RawScalar {
    fn schema_name() -> Cow<'static, str> {
        "Literal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A single value: `yes`/`no`, a number or an option id.",
            "type": ["boolean", "number", "string"]
        })
    }
}

impl JsonSchema for OneOrMany {
    fn schema_name() -> Cow<'static, str> {
        "OptionIds".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An option id, or a list of option ids.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}
