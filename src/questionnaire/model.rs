//! The validated questionnaire: every reference resolved to an index, every
//! rule compiled once into a condition tree the engine walks without looking
//! anything up by name.

use std::collections::HashMap;

/// Index of a group (a bucket or the macro group) in [`Questionnaire::groups`].
pub type GroupIx = usize;
/// Index of an element or macro culprit in [`Questionnaire::elements`].
pub type ElementIx = usize;
/// Index of a question in [`Questionnaire::questions`].
pub type QuestionIx = usize;
/// Index of a root cause in [`Questionnaire::causes`].
pub type CauseIx = usize;
/// Index of an option within its question.
pub type OptionIx = usize;

/// The id that names the macro group in conditions (`bucket: macro`) and in
/// a cause's `bucket:` field.
pub const MACRO_ID: &str = "macro";

#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: String,
    pub description: String,
    /// The buckets in file order, then the macro group last.
    pub groups: Vec<Group>,
    pub elements: Vec<Element>,
    pub questions: Vec<Question>,
    pub causes: Vec<Cause>,
    pub rules: Vec<Rule>,
    /// The maturity levels, when the questionnaire defines them.
    pub maturity: Option<super::MaturityModel>,
    /// Steps from earlier major versions, oldest first, chaining up to this one.
    pub migrations: Vec<super::Migration>,
    /// The words reports use for the whole, the buckets and the causes.
    pub labels: Labels,
    pub(crate) question_ix: HashMap<String, QuestionIx>,
}

/// The words a report uses for what this questionnaire diagnoses, so an
/// assessment of something other than a sales ecosystem reads right in every
/// format. The macro group's name is its `macro: title:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// The whole the buckets make up: "Ecosystem".
    pub ecosystem: String,
    /// One bucket, inside a sentence: "bucket" ("No bucket scores red").
    pub bucket: String,
    /// The buckets, plural, as in "the mean of the buckets": "buckets".
    pub buckets: String,
    /// One root cause, as a column heading: "Root cause".
    pub root_cause: String,
    /// The ranked causes, as a heading: "Root causes".
    pub root_causes: String,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            ecosystem: "Ecosystem".to_owned(),
            bucket: "bucket".to_owned(),
            buckets: "buckets".to_owned(),
            root_cause: "Root cause".to_owned(),
            root_causes: "Root causes".to_owned(),
        }
    }
}

impl Labels {
    /// The row or line for the ecosystem score: "Ecosystem (mean of the buckets)".
    pub fn ecosystem_row(&self) -> String {
        format!("{} (mean of the {})", self.ecosystem, self.buckets)
    }

    /// The heading of the ranked causes: "Root causes, ranked by impact".
    pub fn causes_heading(&self) -> String {
        format!("{}, ranked by impact", self.root_causes)
    }

    /// What is said when no cause was found: "No rule fired: no root cause found."
    pub fn no_causes(&self) -> String {
        format!("No rule fired: no {} found.", lower_first(&self.root_cause))
    }
}

/// `text` with its first letter in lower case, for a label inside a sentence
/// ("Ecosystem" → "ecosystem"); words after the first keep their case.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` with its first letter in upper case, to start a sentence.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Questionnaire {
    pub fn question(&self, id: &str) -> Option<QuestionIx> {
        self.question_ix.get(id).copied()
    }

    /// The buckets, without the macro group.
    pub fn buckets(&self) -> impl Iterator<Item = (GroupIx, &Group)> {
        self.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.kind == GroupKind::Bucket)
    }

    /// The macro group's index (always the last group).
    pub fn macro_group(&self) -> GroupIx {
        self.groups.len() - 1
    }

    /// Elements of one group, in file order.
    pub fn elements_of(&self, group: GroupIx) -> impl Iterator<Item = (ElementIx, &Element)> {
        self.elements
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.group == group)
    }

    /// Questions counted in scores and confidence.
    pub fn scored_questions(&self) -> impl Iterator<Item = (QuestionIx, &Question)> {
        self.questions.iter().enumerate().filter(|(_, q)| q.scored)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// One of the ecosystem buckets.
    Bucket,
    /// The macro culprits, looked at once the ecosystem is sound.
    Macro,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub description: String,
    pub kind: GroupKind,
}

#[derive(Debug, Clone)]
pub struct Element {
    pub id: String,
    pub title: String,
    pub description: String,
    pub group: GroupIx,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub element: ElementIx,
    pub group: GroupIx,
    pub text: String,
    pub help: Option<String>,
    pub weight: f64,
    /// Unscored questions are asked and read by rules but count in no score.
    pub scored: bool,
    /// An outcome metric a healthy company knows; unknown, it makes the
    /// verdict provisional.
    pub key: bool,
    pub kind: QuestionKind,
    /// Why the question may not apply, when it may be answered "not applicable".
    pub not_applicable: Option<String>,
    /// Asked only when this holds over earlier answers.
    pub show_if: Option<Condition>,
}

#[derive(Debug, Clone)]
pub enum QuestionKind {
    /// Integer points `min..=max`, each with its label; scored linearly.
    Scale { min: i64, labels: Vec<String> },
    /// Yes or no; the healthy answer scores 100, the other 0.
    YesNo { healthy: bool },
    /// One option; each option carries its score.
    Choice { options: Vec<ChoiceOption> },
    /// Any number of options; score = base + the selected options' points, clamped to 0–100.
    Multi { options: Vec<ChoiceOption>, base: f64 },
    /// A number scored through bands.
    Number(NumberSpec),
    /// A percentage 0–100 scored through bands.
    Percent(NumberSpec),
}

impl QuestionKind {
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Scale { .. } => "scale",
            QuestionKind::YesNo { .. } => "yes-no",
            QuestionKind::Choice { .. } => "choice",
            QuestionKind::Multi { .. } => "multi",
            QuestionKind::Number(_) => "number",
            QuestionKind::Percent(_) => "percent",
        }
    }

    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            QuestionKind::Choice { options } | QuestionKind::Multi { options, .. } => options,
            _ => &[],
        }
    }

    pub fn option(&self, id: &str) -> Option<OptionIx> {
        self.options().iter().position(|o| o.id == id)
    }

    pub fn number_spec(&self) -> Option<&NumberSpec> {
        match self {
            QuestionKind::Number(spec) | QuestionKind::Percent(spec) => Some(spec),
            _ => None,
        }
    }

    /// The highest scale point, for scale questions.
    pub fn scale_max(&self) -> Option<i64> {
        match self {
            QuestionKind::Scale { min, labels } => Some(min + labels.len() as i64 - 1),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
    pub score: f64,
    /// Selecting it excludes every other option (e.g. "none of these").
    pub exclusive: bool,
}

#[derive(Debug, Clone)]
pub struct NumberSpec {
    /// The unit as written after most numbers (`hours`, `hours a month`).
    pub unit: Option<String>,
    /// The unit after exactly 1 (`hour`, `hour a month`); see [`NumberSpec::unit_for`].
    pub unit_one: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub integer: bool,
    /// Ordered from the lowest values up; together they cover `min..=max`.
    pub bands: Vec<Band>,
}

impl NumberSpec {
    /// The unit that agrees with `x`: the singular form after exactly 1 (or
    /// −1), the plural form otherwise.
    pub fn unit_for(&self, x: f64) -> Option<&str> {
        if x.abs() == 1.0 {
            self.unit_one.as_deref().or(self.unit.as_deref())
        } else {
            self.unit.as_deref()
        }
    }

    /// The band a value falls in, if any.
    pub fn band(&self, value: f64) -> Option<&Band> {
        self.bands.iter().find(|b| b.contains(value))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Open,
    Inclusive(f64),
    Exclusive(f64),
}

#[derive(Debug, Clone)]
pub struct Band {
    pub lower: Bound,
    pub upper: Bound,
    pub score: f64,
    pub label: Option<String>,
}

impl Band {
    pub fn contains(&self, value: f64) -> bool {
        let above_lower = match self.lower {
            Bound::Open => true,
            Bound::Inclusive(b) => value >= b,
            Bound::Exclusive(b) => value > b,
        };
        let below_upper = match self.upper {
            Bound::Open => true,
            Bound::Inclusive(b) => value <= b,
            Bound::Exclusive(b) => value < b,
        };
        above_lower && below_upper
    }

    /// Human wording of the band's range, such as "≤ 3" or "50 – < 75".
    pub fn range_text(&self) -> String {
        let num = |x: f64| crate::answers::format_number(x);
        match (self.lower, self.upper) {
            (Bound::Open, Bound::Open) => "any".to_owned(),
            (Bound::Open, Bound::Inclusive(b)) => format!("≤ {}", num(b)),
            (Bound::Open, Bound::Exclusive(b)) => format!("< {}", num(b)),
            (Bound::Inclusive(a), Bound::Open) => format!("≥ {}", num(a)),
            (Bound::Exclusive(a), Bound::Open) => format!("> {}", num(a)),
            (lo, hi) => {
                let lo = match lo {
                    Bound::Inclusive(a) => num(a),
                    Bound::Exclusive(a) => format!("> {}", num(a)),
                    Bound::Open => String::new(),
                };
                let hi = match hi {
                    Bound::Inclusive(b) => num(b),
                    Bound::Exclusive(b) => format!("< {}", num(b)),
                    Bound::Open => String::new(),
                };
                format!("{lo} – {hi}")
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Cause {
    pub id: String,
    pub title: String,
    /// The bucket it sits in, or the macro group.
    pub group: GroupIx,
    /// A finer area whose score measures the deficit, when given.
    pub element: Option<ElementIx>,
    pub summary: String,
    pub not_the_reps: String,
    /// First step first.
    pub remediation: Vec<Step>,
    /// Causes this one brings about: when both are found, they are reported
    /// as its consequences. Acyclic (checked at load).
    pub leads_to: Vec<CauseIx>,
    pub sources: Vec<String>,
}

/// A remediation step.
#[derive(Debug, Clone)]
pub struct Step {
    pub text: String,
    /// The step applies only where this plainly holds; always when `None`.
    pub when: Option<Condition>,
    pub owner: Option<Owner>,
}

/// The role that owns a remediation step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
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

impl Owner {
    pub const ALL: [Owner; 10] = [
        Owner::Ceo,
        Owner::SalesLeader,
        Owner::SalesManager,
        Owner::SalesOps,
        Owner::Marketing,
        Owner::Hr,
        Owner::Finance,
        Owner::Product,
        Owner::Operations,
        Owner::CustomerSuccess,
    ];

    /// The id written in questionnaires and plans (`sales-leader`).
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Ceo => "ceo",
            Owner::SalesLeader => "sales-leader",
            Owner::SalesManager => "sales-manager",
            Owner::SalesOps => "sales-ops",
            Owner::Marketing => "marketing",
            Owner::Hr => "hr",
            Owner::Finance => "finance",
            Owner::Product => "product",
            Owner::Operations => "operations",
            Owner::CustomerSuccess => "customer-success",
        }
    }

    /// As a reader sees it (`Sales leader`).
    pub fn title(self) -> &'static str {
        match self {
            Owner::Ceo => "CEO",
            Owner::SalesLeader => "Sales leader",
            Owner::SalesManager => "Sales manager",
            Owner::SalesOps => "Sales operations",
            Owner::Marketing => "Marketing",
            Owner::Hr => "HR",
            Owner::Finance => "Finance",
            Owner::Product => "Product",
            Owner::Operations => "Operations",
            Owner::CustomerSuccess => "Customer success",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub cause: CauseIx,
    pub severity: Severity,
    pub when: Condition,
    pub evidence: Template,
    /// Every question the condition reads, sorted, without repeats.
    pub reads: Vec<QuestionIx>,
}

/// A compiled condition: ids resolved, literals typed against their question.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// At least `n` of the conditions hold.
    AtLeast(usize, Vec<Condition>),
    Answer(QuestionIx, AnswerTest),
    Score(ScoreSubject, Vec<Comparison>),
}

impl Condition {
    /// Collects every question the condition reads (answers and scores).
    pub fn questions(&self, into: &mut Vec<QuestionIx>) {
        match self {
            Condition::All(cs) | Condition::Any(cs) | Condition::AtLeast(_, cs) => {
                cs.iter().for_each(|c| c.questions(into));
            }
            Condition::Not(c) => c.questions(into),
            Condition::Answer(q, _) | Condition::Score(ScoreSubject::Question(q), _) => into.push(*q),
            Condition::Score(_, _) => {}
        }
    }

    /// Whether the condition reads the share of unknown key metrics
    /// (`overall: unknown-key-metrics`), and so every key question.
    pub fn reads_key_metrics(&self) -> bool {
        match self {
            Condition::All(cs) | Condition::Any(cs) | Condition::AtLeast(_, cs) => {
                cs.iter().any(Condition::reads_key_metrics)
            }
            Condition::Not(c) => c.reads_key_metrics(),
            Condition::Score(ScoreSubject::UnknownKeyMetrics, _) => true,
            Condition::Answer(..) | Condition::Score(..) => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreSubject {
    Question(QuestionIx),
    Element(ElementIx),
    Group(GroupIx),
    /// The overall ecosystem score (mean of the buckets).
    Ecosystem,
    /// The share (0–100) of the key metrics that apply but were answered
    /// "don't know" or not at all (`overall: unknown-key-metrics`). Unlike a
    /// score, higher is worse.
    UnknownKeyMetrics,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AnswerTest {
    /// A yes/no answer is this.
    IsBool(bool),
    /// A choice answer is one of these options.
    IsOption(Vec<OptionIx>),
    /// A multi answer includes at least one of these options.
    Includes(Vec<OptionIx>),
    /// A numeric answer (scale, number, percent) is one of these values.
    IsNumber(Vec<f64>),
    /// A numeric answer satisfies every comparison.
    Compare(Vec<Comparison>),
    /// A real answer was given (not "don't know", not "not applicable").
    Answered(bool),
    /// "Don't know", or no answer at all, to a question that was asked.
    Unknown(bool),
    /// Answered "not applicable", or not asked because of `show_if`.
    NotApplicable(bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Above,
    AtLeast,
    Below,
    AtMost,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    pub op: CmpOp,
    pub value: f64,
}

impl Comparison {
    pub fn holds(&self, x: f64) -> bool {
        match self.op {
            CmpOp::Above => x > self.value,
            CmpOp::AtLeast => x >= self.value,
            CmpOp::Below => x < self.value,
            CmpOp::AtMost => x <= self.value,
        }
    }
}

/// An evidence sentence with `{question-id}` placeholders resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub source: String,
    pub parts: Vec<TemplatePart>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Text(String),
    Answer(QuestionIx),
    /// `{unknown_key_metrics}`: how many of the key metrics are unknown, and which.
    UnknownKeyMetrics,
}
