//! `ecodiag explain`: why a cause was found or not — every rule's condition
//! with the value of each part and the answer it read — and, for a cause
//! that did not fire, the fewest answers that would have to change, and to
//! what (checked by scoring the changed answers again).

use super::{Change, causes};
use crate::answers::{self, Answers};
use crate::engine::{self, Diagnosis, Evaluation, Truth, explain::Node};
use crate::error::Error;
use crate::questionnaire::{CauseIx, Condition, Questionnaire, ScoreSubject, Severity};

/// How many nearest misses an explanation of everything lists.
pub const MISSES_SHOWN: usize = 10;

/// What was asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Everything,
    Cause(CauseIx),
    Rule(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub assessment: String,
    pub client: String,
    /// The causes explained: the one asked about, the cause of the rule
    /// asked about, or every found cause.
    pub causes: Vec<CauseExplanation>,
    /// Without a subject: the causes not found that the fewest answer
    /// changes would bring about, nearest first.
    pub nearest_misses: Vec<NearMiss>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CauseExplanation {
    pub id: String,
    pub title: String,
    /// Where it stands in the report, when found.
    pub finding: Option<FindingView>,
    /// For a cause not found: why, in a sentence.
    pub why_not: Option<String>,
    pub rules: Vec<RuleExplanation>,
    /// For a cause (or rule) that did not fire: the nearest miss.
    pub nearest_miss: Option<NearMiss>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FindingView {
    pub rank: usize,
    pub impact: f64,
    pub severity: Severity,
    /// The root it is listed under, when it is a consequence.
    pub nested_under: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleExplanation {
    pub id: String,
    pub severity: Severity,
    /// `true`, `false` or `unknown`; a rule fires only when `true`.
    pub truth: Truth,
    /// Its strength in the ranking when it fired (docs/scoring.md).
    pub strength: Option<f64>,
    pub condition: ExplainNode,
}

/// One node of a rule's condition with its value over the answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainNode {
    /// `all of`, `any of`, `at least 2 of`, `not`, or the test in words.
    pub label: String,
    pub truth: Truth,
    /// For a leaf: the question it read, if one.
    pub question: Option<String>,
    /// For a leaf: what it read, as shown (the answer, a score, a share).
    pub read: Option<String>,
    pub children: Vec<ExplainNode>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    pub cause: String,
    pub title: String,
    /// The rule that would fire.
    pub rule: String,
    pub changes: Vec<Change>,
}

pub fn truth_str(t: Truth) -> &'static str {
    match t {
        Truth::True => "true",
        Truth::False => "false",
        Truth::Unknown => "unknown",
    }
}

/// The subject an id names: a root cause, else a rule; an unknown id is an
/// error with the nearest id as a hint.
pub fn subject(q: &Questionnaire, id: Option<&str>) -> Result<Subject, Error> {
    let Some(id) = id.map(str::trim) else {
        return Ok(Subject::Everything);
    };
    if let Some(c) = q.causes.iter().position(|c| c.id == id) {
        return Ok(Subject::Cause(c));
    }
    if let Some(r) = q.rules.iter().position(|r| r.id == id) {
        return Ok(Subject::Rule(r));
    }
    let ids = q
        .causes
        .iter()
        .map(|c| c.id.as_str())
        .chain(q.rules.iter().map(|r| r.id.as_str()));
    Err(Error::UnknownId {
        id: id.to_owned(),
        assessment: q.id.clone(),
        suggestion: crate::diagnostic::did_you_mean(id, ids).map(str::to_owned),
    })
}

/// Explains a subject over one company's answers.
pub fn explain(q: &Questionnaire, answers: &Answers, subject: Subject) -> Explanation {
    let eval = engine::evaluate(q, answers);
    let d = engine::diagnose(q, &eval);
    let ctx = Ctx {
        q,
        answers,
        eval: &eval,
        d: &d,
    };
    let (causes, nearest_misses) = match subject {
        Subject::Cause(c) => (vec![ctx.cause(c, None)], Vec::new()),
        Subject::Rule(r) => (vec![ctx.cause(q.rules[r].cause, Some(r))], Vec::new()),
        Subject::Everything => {
            let found: Vec<CauseExplanation> = d.findings.iter().map(|f| ctx.cause(f.cause, None)).collect();
            let mut misses: Vec<NearMiss> = (0..q.causes.len())
                .filter(|c| d.find(*c).is_none())
                .filter_map(|c| ctx.miss_for_cause(c))
                .collect();
            misses.sort_by(|a, b| {
                a.changes
                    .len()
                    .cmp(&b.changes.len())
                    .then_with(|| a.cause.cmp(&b.cause))
            });
            misses.truncate(MISSES_SHOWN);
            (found, misses)
        }
    };
    Explanation {
        assessment: q.id.clone(),
        client: answers.client.clone(),
        causes,
        nearest_misses,
    }
}

struct Ctx<'a> {
    q: &'a Questionnaire,
    answers: &'a Answers,
    eval: &'a Evaluation,
    d: &'a Diagnosis,
}

impl Ctx<'_> {
    /// A cause with all its rules, or only `only`.
    fn cause(&self, c: CauseIx, only: Option<usize>) -> CauseExplanation {
        let q = self.q;
        let finding = self.d.find(c).map(|f| FindingView {
            rank: f.rank,
            impact: f.impact,
            severity: f.severity,
            nested_under: f
                .nested_under
                .map(|i| q.causes[self.d.findings[i].cause].id.clone()),
        });
        let rules: Vec<RuleExplanation> = q
            .rules
            .iter()
            .enumerate()
            .filter(|(r, rule)| rule.cause == c && only.is_none_or(|o| o == *r))
            .map(|(r, rule)| {
                let node = engine::explain::tree(&rule.when, self.answers, self.eval);
                RuleExplanation {
                    id: rule.id.clone(),
                    severity: rule.severity,
                    truth: node.truth,
                    strength: self.strength(r),
                    condition: self.node(&node),
                }
            })
            .collect();
        let nearest_miss = match only {
            Some(r) if rules.iter().all(|x| x.truth != Truth::True) => {
                engine::miss::to_fire(q, self.answers, self.eval, r).map(|m| NearMiss {
                    cause: q.causes[c].id.clone(),
                    title: q.causes[c].title.clone(),
                    rule: q.rules[r].id.clone(),
                    changes: causes::changes(q, self.answers, &m.changes),
                })
            }
            None if finding.is_none() => self.miss_for_cause(c),
            _ => None,
        };
        let why_not = (finding.is_none() && only.is_none()).then(|| why_not(&rules));
        CauseExplanation {
            id: q.causes[c].id.clone(),
            title: q.causes[c].title.clone(),
            finding,
            why_not,
            rules,
            nearest_miss,
        }
    }

    fn strength(&self, rule: usize) -> Option<f64> {
        let fi = self.eval.firings.iter().position(|f| f.rule == rule)?;
        let f = self.d.findings.iter().find(|f| f.firings.contains(&fi))?;
        let at = f.firings.iter().position(|x| *x == fi)?;
        f.strengths.get(at).map(|s| (s * 100.0).round() / 100.0)
    }

    fn miss_for_cause(&self, c: CauseIx) -> Option<NearMiss> {
        let (rule, m) = engine::miss::to_find(self.q, self.answers, self.eval, c)?;
        Some(NearMiss {
            cause: self.q.causes[c].id.clone(),
            title: self.q.causes[c].title.clone(),
            rule: self.q.rules[rule].id.clone(),
            changes: causes::changes(self.q, self.answers, &m.changes),
        })
    }

    fn node(&self, n: &Node<'_>) -> ExplainNode {
        let q = self.q;
        let (label, question, read) = match n.condition {
            Condition::All(_) => ("all of".to_owned(), None, None),
            Condition::Any(_) => ("any of".to_owned(), None, None),
            Condition::Not(_) => ("not".to_owned(), None, None),
            Condition::AtLeast(k, cs) => (format!("at least {k} of {}", cs.len()), None, None),
            leaf => {
                let label = answers::template::condition_text(q, leaf);
                let (question, read) = self.read(leaf);
                (label, question, Some(read))
            }
        };
        ExplainNode {
            label,
            truth: n.truth,
            question,
            read,
            children: n.children.iter().map(|c| self.node(c)).collect(),
        }
    }

    /// What a leaf read: the question and its answer as shown, or the score.
    fn read(&self, leaf: &Condition) -> (Option<String>, String) {
        let q = self.q;
        let eval = self.eval;
        let score = |s: Option<f64>| {
            s.map_or("no score".to_owned(), |s| {
                format!("score {}", answers::format_number(super::round1(s)))
            })
        };
        match leaf {
            Condition::Answer(ix, _) | Condition::Score(ScoreSubject::Question(ix), _) => {
                let shown = match eval.questions[*ix].status {
                    engine::Status::Hidden => "not asked".to_owned(),
                    _ => answers::display(&q.questions[*ix], self.answers.value(*ix)),
                };
                let shown = match (leaf, eval.questions[*ix].score) {
                    (Condition::Score(..), s) => format!("{shown} ({})", score(s)),
                    _ => shown,
                };
                (Some(q.questions[*ix].id.clone()), shown)
            }
            Condition::Score(ScoreSubject::Element(e), _) => (None, score(eval.elements[*e].score)),
            Condition::Score(ScoreSubject::Group(g), _) => (None, score(eval.groups[*g].score)),
            Condition::Score(ScoreSubject::Ecosystem, _) => (None, score(eval.ecosystem.score)),
            Condition::Score(ScoreSubject::UnknownKeyMetrics, _) => {
                let km = &eval.key_metrics;
                (
                    None,
                    format!(
                        "{}% unknown ({} of {})",
                        answers::format_number(super::round1(km.unknown_percent())),
                        km.unknown.len(),
                        km.applicable.len()
                    ),
                )
            }
            _ => (None, String::new()),
        }
    }
}

/// Why no rule of a cause fired, in a sentence.
fn why_not(rules: &[RuleExplanation]) -> String {
    let false_n = rules.iter().filter(|r| r.truth == Truth::False).count();
    let unknown_n = rules.iter().filter(|r| r.truth == Truth::Unknown).count();
    let count = |n: usize| {
        if n == 1 {
            "1 rule".to_owned()
        } else {
            format!("{n} rules")
        }
    };
    match (false_n, unknown_n) {
        (_, 0) => format!(
            "No rule holds: the answers contradict all {} of them.",
            rules.len()
        ),
        (0, _) => format!(
            "No rule holds, but none is contradicted either: {} cannot be judged because an answer {} reads is unknown.",
            count(unknown_n),
            if unknown_n == 1 { "it" } else { "they" }
        ),
        _ => format!(
            "No rule holds: the answers contradict {}, and {} cannot be judged because an answer {} reads is unknown.",
            count(false_n),
            count(unknown_n),
            if unknown_n == 1 { "it" } else { "they" }
        ),
    }
}
