//! Report stage: the view model every renderer formats. Ranking, rounding,
//! wording of the verdict and quoting of answers all happen here, once.

mod causes;
pub mod explain;
pub mod maturity;
pub mod targets;
mod verdict;

pub use maturity::{Goal, Maturity, ResolvedTarget, Scale, ScaleLevel, Target};

use crate::answers::{Answers, Value};
use crate::engine::{self, Diagnosis, Evaluation, Level, Stage, Status, level_of};
use crate::questionnaire::{AreaRef, GroupIx, Labels, Owner, Questionnaire, Severity};

/// The version of the JSON report (docs/json-report.md), bumped on any change
/// a consumer could notice. Here rather than in the renderer, so reading a
/// report back (`compare`) needs no renderer. Version 2 nests consequences
/// under their roots, adds per-cause confidence and causal links, steps with
/// owners, the provisional verdict, probe-next and the red areas no finding
/// explains.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub assessment: AssessmentInfo,
    pub client: String,
    pub respondents: Vec<RespondentInfo>,
    /// The date the answers were given, when the file says.
    pub date: Option<String>,
    /// The confidence the report leads with, 0–1, two decimals: the answered
    /// share of the scored weight, capped by the known share of the key
    /// metrics (see `engine::headline_confidence`).
    pub confidence: f64,
    /// The answered share of all scored weight, 0–1, two decimals.
    pub answered_weight: f64,
    pub answered: usize,
    pub applicable: usize,
    /// The key metrics that apply, and the ids of those unknown.
    pub key_metrics: KeyMetricsView,
    pub ecosystem: Score,
    pub verdict: VerdictView,
    pub buckets: Vec<Area>,
    pub macro_group: Area,
    /// The roots, ranked: ecosystem roots, then the contributing macro ones;
    /// each carries the consequences nested under it.
    pub root_causes: Vec<RootCause>,
    /// Unknown answers worth finding next, most decisive first; `None` when
    /// the report was built without them (`score --no-probe`).
    pub probe_next: Option<Vec<ProbeView>>,
    /// Red elements and culprits that no finding explains.
    pub unexplained: Vec<UnexplainedArea>,
    pub unknowns: Vec<Unknown>,
    /// The questionnaire's maturity scale and the ecosystem's level; `None`
    /// when the questionnaire defines no maturity levels.
    pub maturity: Option<Scale>,
    /// The ecosystem's progress towards its target, when it has one.
    pub ecosystem_target: Option<Target>,
    /// The questionnaire's words for the whole, the buckets and the causes.
    pub labels: Labels,
    /// The ecosystem's row in a table of scores: "Ecosystem (mean of the buckets)".
    pub ecosystem_title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMetricsView {
    /// Key metrics that apply (asked, not `n/a`).
    pub applicable: usize,
    /// Ids of those answered "don't know" or not at all.
    pub unknown: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentInfo {
    pub id: String,
    pub version: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RespondentInfo {
    pub name: Option<String>,
    pub role: Option<String>,
    pub date: Option<String>,
}

/// A score 0–100 (one decimal) and its traffic-light level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub value: Option<f64>,
    pub level: Option<Level>,
}

impl Score {
    fn new(value: Option<f64>) -> Self {
        let value = value.map(round1);
        Score {
            value,
            level: value.map(level_of),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VerdictView {
    pub stage: Stage,
    pub headline: String,
    pub text: String,
    /// The verdict stands only once the caveats are cleared.
    pub provisional: bool,
    /// One sentence each: unknown key metrics, areas too little answered,
    /// red areas no finding explains.
    pub caveats: Vec<String>,
}

/// A bucket, or the macro group; its parts are elements or culprits.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub id: String,
    pub title: String,
    pub score: Score,
    pub confidence: f64,
    pub parts: Vec<Part>,
    /// `None` when the questionnaire defines no maturity levels.
    pub maturity: Option<Maturity>,
    /// Progress towards the area's target, when it has one.
    pub target: Option<Target>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub id: String,
    pub title: String,
    pub score: Score,
    pub confidence: f64,
    /// `None` when the questionnaire defines no maturity levels.
    pub maturity: Option<Maturity>,
    /// Progress towards the part's target, when it has one.
    pub target: Option<Target>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RootCause {
    /// 1 for the first root; a consequence has its root's rank.
    pub rank: usize,
    pub id: String,
    pub title: String,
    /// Bucket id, or `macro`.
    pub area_id: String,
    pub area_title: String,
    pub element_id: Option<String>,
    pub element_title: Option<String>,
    /// The number it is ranked by: for a root, its own impact combined with
    /// its consequences'; for a consequence, its own.
    pub impact: f64,
    /// Its impact from its own evidence alone.
    pub own_impact: f64,
    /// The severity its impact earns (docs/scoring.md).
    pub severity: Severity,
    /// The highest severity among the rules that fired for it.
    pub evidence_severity: Severity,
    /// The answered share of the questions its rules test, 0–1.
    pub confidence: f64,
    /// A macro culprit listed in its own section while a bucket is red.
    pub contributing: bool,
    pub summary: String,
    pub not_the_reps: String,
    pub evidence: Vec<Evidence>,
    /// The steps that fit this company, first step first.
    pub remediation: Vec<Step>,
    pub sources: Vec<String>,
    /// Ids of the found causes it explains (downstream along `leads_to`).
    pub explains: Vec<String>,
    /// Ids of the found causes that explain it (upstream).
    pub explained_by: Vec<String>,
    /// For a consequence: the found causes that lead to it directly (or,
    /// when the chain runs through causes not found, the root it is listed
    /// under) — what a reader is told it follows from.
    pub led_by: Vec<CauseRef>,
    /// For a root: consequences it explains that are listed under another,
    /// higher-ranked root.
    pub also_explains: Vec<CauseRef>,
    /// For a root: the consequences listed under it, highest impact first.
    pub consequences: Vec<RootCause>,
    /// For the first root: the fewest answer changes that would remove it.
    pub flip: Option<Vec<Change>>,
}

/// A cause named elsewhere in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CauseRef {
    pub id: String,
    pub title: String,
    /// The rank it is listed under.
    pub rank: usize,
}

/// A remediation step that fits this company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub text: String,
    pub owner: Option<Owner>,
}

/// One answer changed, as a reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub question: String,
    pub question_text: String,
    /// The answer now, as shown.
    pub from: String,
    /// The answer it would take, as shown.
    pub to: String,
    /// That answer as it would be written in the answers file.
    pub value: AnswerValue,
}

/// A question worth answering next.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeView {
    pub question: String,
    pub text: String,
    /// Marked `key: true`.
    pub key: bool,
    /// See `engine::probe::Outcome::weight`.
    pub decisiveness: usize,
    /// What its best or worst answer would change.
    pub could_change: Vec<ProbeChange>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProbeChange {
    /// `best` or `worst`.
    pub end: &'static str,
    /// The answer tried, as shown.
    pub answer: String,
    pub value: AnswerValue,
    /// The verdict it would reach, when different.
    pub stage: Option<Stage>,
    /// Causes that would enter, and leave, the top three roots.
    pub enters: Vec<CauseRef>,
    pub leaves: Vec<CauseRef>,
}

/// A red element or culprit no finding explains.
#[derive(Debug, Clone, PartialEq)]
pub struct UnexplainedArea {
    pub element_id: String,
    pub element_title: String,
    /// Bucket id, or `macro`.
    pub area_id: String,
    pub area_title: String,
    pub score: f64,
}

/// One fired rule and the answers it read.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub rule: String,
    pub severity: Severity,
    pub text: String,
    pub answers: Vec<QuotedAnswer>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuotedAnswer {
    pub question: String,
    pub question_text: String,
    /// As a reader sees it: the option label, the number with its unit.
    pub answer: String,
    /// As written in the answers file.
    pub value: AnswerValue,
    pub note: Option<String>,
}

/// An answer's raw value, for machine-readable formats.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue {
    None,
    Unknown,
    NotApplicable,
    Bool(bool),
    Number(f64),
    Option(String),
    Options(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub question: String,
    pub text: String,
    pub area_id: String,
    pub area_title: String,
    pub element_id: String,
    pub element_title: String,
    /// True when answered "don't know"; false when left unanswered.
    pub said_unknown: bool,
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Scores, diagnoses and assembles the report for one answers file, with
/// probe-next and the flip of the first root.
pub fn build(q: &Questionnaire, answers: &Answers) -> Report {
    build_with(q, answers, true)
}

/// [`build`], with or without probe-next and the flip of the first root,
/// which re-score the answers once per unknown question and per change tried.
pub fn build_with(q: &Questionnaire, answers: &Answers, probe: bool) -> Report {
    let eval = engine::evaluate(q, answers);
    let diagnosis = engine::diagnose(q, &eval);
    assemble_with(q, answers, &eval, &diagnosis, probe)
}

pub fn assemble(q: &Questionnaire, answers: &Answers, eval: &Evaluation, diagnosis: &Diagnosis) -> Report {
    assemble_with(q, answers, eval, diagnosis, true)
}

fn assemble_with(
    q: &Questionnaire,
    answers: &Answers,
    eval: &Evaluation,
    diagnosis: &Diagnosis,
    probe: bool,
) -> Report {
    let area = |g: GroupIx| {
        let score = Score::new(eval.groups[g].score);
        Area {
            id: q.groups[g].id.clone(),
            title: q.groups[g].title.clone(),
            score,
            confidence: round2(eval.groups[g].confidence()),
            parts: q
                .elements_of(g)
                .map(|(e, element)| {
                    let score = Score::new(eval.elements[e].score);
                    Part {
                        id: element.id.clone(),
                        title: element.title.clone(),
                        score,
                        confidence: round2(eval.elements[e].confidence()),
                        maturity: maturity::maturity_of(q, AreaRef::Element(e), score.value),
                        target: None,
                    }
                })
                .collect(),
            maturity: maturity::maturity_of(q, AreaRef::Group(g), score.value),
            target: None,
        }
    };
    let mut root_causes = causes::root_causes(q, answers, eval, diagnosis);
    if probe
        && let Some(first) = root_causes.first_mut()
        && let Some(f) = diagnosis.findings.first()
    {
        first.flip = engine::miss::to_remove(q, answers, eval, f.cause)
            .map(|m| causes::changes(q, answers, &m.changes));
    }
    let unknowns = q
        .questions
        .iter()
        .zip(&eval.questions)
        .filter(|(_, s)| matches!(s.status, Status::Unknown | Status::Unanswered))
        .map(|(question, s)| Unknown {
            question: question.id.clone(),
            text: question.text.clone(),
            area_id: q.groups[question.group].id.clone(),
            area_title: q.groups[question.group].title.clone(),
            element_id: q.elements[question.element].id.clone(),
            element_title: q.elements[question.element].title.clone(),
            said_unknown: s.status == Status::Unknown,
        })
        .collect();
    let applicable = eval.questions.iter().filter(|s| s.applicable()).count();
    let answered = eval
        .questions
        .iter()
        .filter(|s| s.status == Status::Answered)
        .count();
    let mut report = Report {
        assessment: AssessmentInfo {
            id: q.id.clone(),
            version: q.version.clone(),
            title: q.title.clone(),
        },
        client: answers.client.clone(),
        respondents: vec![RespondentInfo {
            name: answers.respondent.name.clone(),
            role: answers.respondent.role.map(|r| r.as_str().to_owned()),
            date: answers.date.map(|d| d.to_string()),
        }],
        date: answers.date.map(|d| d.to_string()),
        confidence: round2(engine::headline_confidence(eval)),
        answered_weight: round2(eval.confidence),
        answered,
        applicable,
        key_metrics: KeyMetricsView {
            applicable: eval.key_metrics.applicable.len(),
            unknown: eval
                .key_metrics
                .unknown
                .iter()
                .map(|&ix| q.questions[ix].id.clone())
                .collect(),
        },
        ecosystem: Score::new(eval.ecosystem.score),
        verdict: VerdictView {
            stage: diagnosis.verdict.stage,
            headline: String::new(),
            text: String::new(),
            provisional: diagnosis.verdict.provisional(),
            caveats: Vec::new(),
        },
        buckets: q.buckets().map(|(g, _)| area(g)).collect(),
        macro_group: area(q.macro_group()),
        root_causes,
        probe_next: probe.then(|| probe_next(q, answers, eval, diagnosis)),
        unexplained: diagnosis
            .verdict
            .unexplained
            .iter()
            .map(|&e| UnexplainedArea {
                element_id: q.elements[e].id.clone(),
                element_title: q.elements[e].title.clone(),
                area_id: q.groups[q.elements[e].group].id.clone(),
                area_title: q.groups[q.elements[e].group].title.clone(),
                score: round1(eval.elements[e].score.unwrap_or(0.0)),
            })
            .collect(),
        unknowns,
        maturity: maturity::scale(q, Score::new(eval.ecosystem.score).value),
        ecosystem_target: None,
        labels: q.labels.clone(),
        ecosystem_title: q.labels.ecosystem_row(),
    };
    report.verdict = verdict::verdict_text(q, eval, diagnosis, &report);
    report
}

fn probe_next(q: &Questionnaire, answers: &Answers, eval: &Evaluation, d: &Diagnosis) -> Vec<ProbeView> {
    let cause_ref = |c: crate::questionnaire::CauseIx| CauseRef {
        id: q.causes[c].id.clone(),
        title: q.causes[c].title.clone(),
        rank: d.find(c).map_or(0, |f| f.rank),
    };
    engine::probe::probe_next(q, answers, eval, d)
        .into_iter()
        .map(|p| {
            let question = &q.questions[p.question];
            ProbeView {
                question: question.id.clone(),
                text: question.text.clone(),
                key: question.key,
                decisiveness: p.decisiveness,
                could_change: p
                    .outcomes
                    .iter()
                    .map(|o| ProbeChange {
                        end: o.end.as_str(),
                        answer: crate::answers::display(question, Some(&o.value)),
                        value: raw_value(question, Some(&o.value)),
                        stage: o.stage,
                        enters: o.enters.iter().map(|&c| cause_ref(c)).collect(),
                        leaves: o.leaves.iter().map(|&c| cause_ref(c)).collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn raw_value(question: &crate::questionnaire::Question, value: Option<&Value>) -> AnswerValue {
    let option = |ix: usize| {
        question
            .kind
            .options()
            .get(ix)
            .map(|o| o.id.clone())
            .unwrap_or_default()
    };
    match value {
        None => AnswerValue::None,
        Some(Value::Unknown) => AnswerValue::Unknown,
        Some(Value::NotApplicable) => AnswerValue::NotApplicable,
        Some(Value::Bool(b)) => AnswerValue::Bool(*b),
        Some(Value::Scale(p)) => AnswerValue::Number(*p as f64),
        Some(Value::Number(x)) => AnswerValue::Number(*x),
        Some(Value::Choice(ix)) => AnswerValue::Option(option(*ix)),
        Some(Value::Multi(ixs)) => AnswerValue::Options(ixs.iter().map(|ix| option(*ix)).collect()),
    }
}

/// "A, B and C".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
