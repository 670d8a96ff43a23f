//! Report stage: the view model every renderer formats. Ranking, rounding,
//! wording of the verdict and quoting of answers all happen here, once.

pub mod maturity;
pub mod targets;

pub use maturity::{Goal, Maturity, ResolvedTarget, Scale, ScaleLevel, Target};

use crate::answers::{self, Answers, Value};
use crate::engine::{self, Diagnosis, Evaluation, Level, Stage, Status, level_of};
use crate::questionnaire::{AreaRef, GroupIx, Questionnaire, Severity, TemplatePart};

/// The version of the JSON report (docs/json-report.md), bumped on any change
/// a consumer could notice. Here rather than in the renderer, so reading a
/// report back (`compare`) needs no renderer.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub assessment: AssessmentInfo,
    pub client: String,
    pub respondents: Vec<RespondentInfo>,
    /// The date the answers were given, when the file says.
    pub date: Option<String>,
    /// Share of scored weight answered, 0–1, two decimals.
    pub confidence: f64,
    pub answered: usize,
    pub applicable: usize,
    pub ecosystem: Score,
    pub verdict: VerdictView,
    pub buckets: Vec<Area>,
    pub macro_group: Area,
    pub root_causes: Vec<RootCause>,
    pub unknowns: Vec<Unknown>,
    /// The questionnaire's maturity scale and the ecosystem's level; `None`
    /// when the questionnaire defines no maturity levels.
    pub maturity: Option<Scale>,
    /// The ecosystem's progress towards its target, when it has one.
    pub ecosystem_target: Option<Target>,
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
    pub rank: usize,
    pub id: String,
    pub title: String,
    /// Bucket id, or `macro`.
    pub area_id: String,
    pub area_title: String,
    pub element_id: Option<String>,
    pub element_title: Option<String>,
    pub impact: f64,
    pub severity: Severity,
    /// A macro culprit shown after the ecosystem causes while a bucket is red.
    pub contributing: bool,
    pub summary: String,
    pub not_the_reps: String,
    pub evidence: Vec<Evidence>,
    pub remediation: Vec<String>,
    pub sources: Vec<String>,
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

/// Scores, diagnoses and assembles the report for one answers file.
pub fn build(q: &Questionnaire, answers: &Answers) -> Report {
    let eval = engine::evaluate(q, answers);
    let diagnosis = engine::diagnose(q, &eval);
    assemble(q, answers, &eval, &diagnosis)
}

pub fn assemble(q: &Questionnaire, answers: &Answers, eval: &Evaluation, diagnosis: &Diagnosis) -> Report {
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
    let root_causes: Vec<RootCause> = diagnosis
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let cause = &q.causes[f.cause];
            RootCause {
                rank: i + 1,
                id: cause.id.clone(),
                title: cause.title.clone(),
                area_id: q.groups[cause.group].id.clone(),
                area_title: q.groups[cause.group].title.clone(),
                element_id: cause.element.map(|e| q.elements[e].id.clone()),
                element_title: cause.element.map(|e| q.elements[e].title.clone()),
                impact: f.impact,
                severity: f.severity,
                contributing: f.contributing,
                summary: cause.summary.clone(),
                not_the_reps: cause.not_the_reps.clone(),
                evidence: shown_firings(q, &f.firings, eval)
                    .map(|fi| evidence(q, answers, &eval.firings[fi]))
                    .collect(),
                remediation: engine::applicable_steps(q, f.cause, answers, eval)
                    .map(|s| s.text.clone())
                    .collect(),
                sources: cause.sources.clone(),
            }
        })
        .collect();
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
        confidence: round2(eval.confidence),
        answered,
        applicable,
        ecosystem: Score::new(eval.ecosystem.score),
        verdict: VerdictView {
            stage: diagnosis.verdict.stage,
            headline: String::new(),
            text: String::new(),
        },
        buckets: q.buckets().map(|(g, _)| area(g)).collect(),
        macro_group: area(q.macro_group()),
        root_causes,
        unknowns,
        maturity: maturity::scale(q, Score::new(eval.ecosystem.score).value),
        ecosystem_target: None,
    };
    report.verdict = verdict_text(q, eval, diagnosis, &report);
    report
}

/// The firings worth showing, strongest first. A firing whose questions are
/// all quoted by another firing of the same cause, at least as severe, adds
/// nothing a reader needs: it is folded into that one (of two that quote the
/// same questions, the first is kept).
fn shown_firings<'a>(
    q: &'a Questionnaire,
    firings: &'a [usize],
    eval: &'a Evaluation,
) -> impl Iterator<Item = usize> + 'a {
    let evidence = |fi: usize| eval.firings[fi].evidence.as_slice();
    let severity = |fi: usize| q.rules[eval.firings[fi].rule].severity;
    firings.iter().enumerate().filter_map(move |(pos, &a)| {
        let mine = evidence(a);
        let folded = !mine.is_empty()
            && firings.iter().enumerate().any(|(other_pos, &b)| {
                let theirs = evidence(b);
                b != a
                    && severity(b) >= severity(a)
                    && mine.iter().all(|x| theirs.contains(x))
                    && (theirs.len() > mine.len() || other_pos < pos)
            });
        (!folded).then_some(a)
    })
}

fn evidence(q: &Questionnaire, answers: &Answers, firing: &engine::Firing) -> Evidence {
    let rule = &q.rules[firing.rule];
    let text = rule
        .evidence
        .parts
        .iter()
        .map(|part| match part {
            TemplatePart::Text(t) => t.clone(),
            TemplatePart::Answer(ix) => answers::display(&q.questions[*ix], answers.value(*ix)),
        })
        .collect();
    let quoted = firing
        .evidence
        .iter()
        .map(|&ix| {
            let question = &q.questions[ix];
            let given = answers.values.get(ix).and_then(|g| g.as_ref());
            QuotedAnswer {
                question: question.id.clone(),
                question_text: question.text.clone(),
                answer: answers::display(question, given.map(|g| &g.value)),
                value: raw_value(question, given.map(|g| &g.value)),
                note: given.and_then(|g| g.note.clone()),
            }
        })
        .collect();
    Evidence {
        rule: rule.id.clone(),
        severity: rule.severity,
        text,
        answers: quoted,
    }
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

fn percent(x: f64) -> String {
    format!("{}%", (x * 100.0).round() as i64)
}

fn verdict_text(q: &Questionnaire, eval: &Evaluation, d: &Diagnosis, r: &Report) -> VerdictView {
    let v = &d.verdict;
    let titles =
        |groups: &[GroupIx]| -> Vec<String> { groups.iter().map(|g| q.groups[*g].title.clone()).collect() };
    let top = |indices: &[usize]| -> Option<String> {
        indices.first().map(|i| {
            let c = &r.root_causes[*i];
            format!("{} ({})", c.title, c.area_title)
        })
    };
    let (headline, text) = match v.stage {
        Stage::InsufficientData => {
            let unclear = titles(&v.unclear);
            let first = if eval.confidence < engine::MIN_CONFIDENCE {
                format!(
                    "Only {} of the assessment's weight was answered; at least {} is needed before the ecosystem can be judged.",
                    percent(eval.confidence),
                    percent(engine::MIN_CONFIDENCE)
                )
            } else {
                format!(
                    "No breakdown was found in what was answered, but too little is known about {} to call it sound.",
                    join_and(&unclear)
                )
            };
            let found = if r.root_causes.is_empty() {
                String::new()
            } else {
                format!(
                    " {} root cause{} found so far {} listed below; treat {} as provisional.",
                    r.root_causes.len(),
                    if r.root_causes.len() == 1 { "" } else { "s" },
                    if r.root_causes.len() == 1 { "is" } else { "are" },
                    if r.root_causes.len() == 1 { "it" } else { "them" },
                )
            };
            (
                "Too little is known to conclude".to_owned(),
                format!(
                    "{first} Not knowing is itself a finding: what doesn't get measured doesn't get managed. \
                     Find the answers to the unknowns listed below, then score again.{found}"
                ),
            )
        }
        Stage::Ecosystem => {
            let mut areas: Vec<GroupIx> = v.red_buckets.clone();
            for i in &v.ecosystem_findings {
                let g = q.causes[d.findings[*i].cause].group;
                if !areas.contains(&g) {
                    areas.push(g);
                }
            }
            areas.sort_unstable();
            let top_cause =
                top(&v.ecosystem_findings).or_else(|| top(&(0..r.root_causes.len()).collect::<Vec<_>>()));
            let lead = match top_cause {
                Some(t) => format!(" The highest-impact root cause is {t}."),
                None => String::new(),
            };
            (
                "Fix the ecosystem before judging the reps".to_owned(),
                format!(
                    "Breakdowns were found in {}.{lead} These sit in the system around the sales team, outside the reps' control: \
                     replacing, disciplining or micro-managing reps will not change results until they are repaired. \
                     Fix them first; then individual performance can be judged fairly.",
                    join_and(&titles(&areas))
                ),
            )
        }
        Stage::Macro => {
            // Name the causes found; add any weak culprit no cause explains.
            let mut names: Vec<String> = v
                .macro_findings
                .iter()
                .map(|i| r.root_causes[*i].title.to_lowercase())
                .collect();
            let explained: Vec<Option<usize>> = v
                .macro_findings
                .iter()
                .map(|i| q.causes[d.findings[*i].cause].element)
                .collect();
            for e in &v.red_culprits {
                if !explained.contains(&Some(*e)) {
                    let score = eval.elements[*e]
                        .score
                        .map_or(String::new(), |s| format!(" ({s:.0}/100)"));
                    names.push(format!(
                        "a weak score for {}{score}",
                        q.elements[*e].title.to_lowercase()
                    ));
                }
            }
            let pointed = if names.is_empty() {
                format!(
                    "the macro culprits score {}",
                    r.macro_group
                        .score
                        .value
                        .map_or("low".to_owned(), |s| format!("{s:.0}/100"))
                )
            } else {
                join_and(&names)
            };
            (
                "The ecosystem looks sound: look at the macro culprits".to_owned(),
                format!(
                    "No bucket scores red and no serious root cause was found in the ecosystem (ecosystem score {}). \
                     The evidence points beyond the sales team to {pointed}. These are the usual culprits once the ecosystem is sound; \
                     address them before assessing individual reps.",
                    r.ecosystem
                        .value
                        .map_or("n/a".to_owned(), |s| format!("{s:.0}/100"))
                ),
            )
        }
        Stage::Individuals => {
            let minor = if r.root_causes.is_empty() {
                String::new()
            } else {
                " The minor refinements listed below are worth doing but do not explain poor results."
                    .to_owned()
            };
            (
                "Ecosystem and macro culprits sound: now it is fair to assess individuals".to_owned(),
                format!(
                    "No bucket or macro culprit scores red and no serious root cause was found (ecosystem score {}, confidence {}). \
                     Remaining performance gaps can now fairly be looked at rep by rep: coach skill gaps first, then manage performance.{minor}",
                    r.ecosystem
                        .value
                        .map_or("n/a".to_owned(), |s| format!("{s:.0}/100")),
                    percent(r.confidence)
                ),
            )
        }
    };
    VerdictView {
        stage: v.stage,
        headline,
        text,
    }
}
