//! Answers stage: what one respondent said, checked against a questionnaire.
//! Several files for one client (one per respondent) stay separate values, so
//! they can later be combined.

pub mod edit;
mod raw;
pub mod template;
mod version;
pub mod write;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

pub use raw::{AnswerMap, RawAnswer, RawAnswers, RawEntry, RawValue};

use crate::diagnostic::{Problem, SourceFile, Suggester, hint_for};
use crate::error::Error;
use crate::questionnaire::{OptionIx, Question, QuestionKind, Questionnaire, bounds};
use crate::yaml::{self, Limits, span_of};

/// Who answered, in which role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Ceo,
    SalesLeader,
    SalesManager,
    Rep,
    Marketing,
    Operations,
    Finance,
    CustomerSuccess,
    Consultant,
    /// A room answering together, as in a workshop.
    Team,
    Other,
}

impl Role {
    pub const ALL: [Role; 11] = [
        Role::Ceo,
        Role::SalesLeader,
        Role::SalesManager,
        Role::Rep,
        Role::Marketing,
        Role::Operations,
        Role::Finance,
        Role::CustomerSuccess,
        Role::Consultant,
        Role::Team,
        Role::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Ceo => "ceo",
            Role::SalesLeader => "sales-leader",
            Role::SalesManager => "sales-manager",
            Role::Rep => "rep",
            Role::Marketing => "marketing",
            Role::Operations => "operations",
            Role::Finance => "finance",
            Role::CustomerSuccess => "customer-success",
            Role::Consultant => "consultant",
            Role::Team => "team",
            Role::Other => "other",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or(())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Respondent {
    pub name: Option<String>,
    pub role: Option<Role>,
}

/// One answer after checking.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// "Don't know": asked, but nobody could say.
    Unknown,
    /// The question does not apply to this company (where the question allows it).
    NotApplicable,
    Bool(bool),
    Scale(i64),
    Choice(OptionIx),
    /// Selected options, in option order.
    Multi(Vec<OptionIx>),
    Number(f64),
}

impl Value {
    /// True for a real answer: not unknown, not "not applicable".
    pub fn is_answer(&self) -> bool {
        !matches!(self, Value::Unknown | Value::NotApplicable)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    pub value: Value,
    pub note: Option<String>,
}

/// A checked answers file: one respondent's answers to one questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    pub assessment: String,
    pub version: Option<String>,
    pub client: String,
    pub respondent: Respondent,
    pub date: Option<jiff::civil::Date>,
    /// Indexed like the questionnaire's questions; `None` when not answered at all.
    pub values: Vec<Option<Given>>,
}

impl Answers {
    /// An empty answer set for a questionnaire (every question unanswered).
    pub fn empty(q: &Questionnaire, client: impl Into<String>) -> Self {
        Answers {
            assessment: q.id.clone(),
            version: Some(q.version.clone()),
            client: client.into(),
            respondent: Respondent::default(),
            date: None,
            values: vec![None; q.questions.len()],
        }
    }

    pub fn value(&self, question: usize) -> Option<&Value> {
        self.values
            .get(question)
            .and_then(|g| g.as_ref())
            .map(|g| &g.value)
    }
}

/// A parsed (not yet checked) answers file and its text.
#[derive(Debug)]
pub struct Parsed {
    pub raw: RawAnswers,
    pub source: SourceFile,
}

impl Parsed {
    /// The assessment the file says it answers.
    pub fn assessment(&self) -> &str {
        &self.raw.assessment.value
    }
}

/// Reads and parses an answers file (syntax and shape only).
pub fn read(path: &Path, limits: &Limits) -> Result<Parsed, Error> {
    let source = yaml::read_source(path, yaml::FileKind::Answers, limits)?;
    parse(source, limits)
}

/// Parses answers text (syntax and shape only).
pub fn parse(source: SourceFile, limits: &Limits) -> Result<Parsed, Error> {
    match yaml::from_source::<RawAnswers>(&source, limits) {
        Ok(raw) => Ok(Parsed { raw, source }),
        Err(problem) => Err(Error::invalid(source, vec![*problem])),
    }
}

/// Checks parsed answers against a questionnaire. On success, returns the
/// answers and any warnings; on failure, every problem found.
pub fn check(parsed: &Parsed, q: &Questionnaire) -> Result<(Answers, Vec<Problem>), Error> {
    check_with(parsed, q, &mut Suggester::default())
}

/// [`check`], spending "did you mean" searches from the budget of the file
/// the answers are in (a test-case file holds many answer sets).
pub fn check_with(
    parsed: &Parsed,
    q: &Questionnaire,
    suggester: &mut Suggester,
) -> Result<(Answers, Vec<Problem>), Error> {
    let mut problems = Vec::new();
    let answers = resolve(&parsed.raw, q, parsed.source.name(), &mut problems, suggester);
    if problems
        .iter()
        .any(|p| p.level == crate::diagnostic::Level::Error)
    {
        Err(Error::invalid(parsed.source.clone(), problems))
    } else {
        Ok((answers, problems))
    }
}

fn resolve(
    raw: &RawAnswers,
    q: &Questionnaire,
    file: &str,
    problems: &mut Vec<Problem>,
    suggester: &mut Suggester,
) -> Answers {
    if raw.assessment.value != q.id {
        problems.push(
            Problem::warning(
                "answers::other-assessment",
                format!(
                    "these answers are for `{}` but are scored against `{}`",
                    raw.assessment.value, q.id
                ),
            )
            .at(span_of(&raw.assessment), "answers' assessment"),
        );
    }
    // Answers given to another major version are read by that version's
    // questions: checking them against these would only echo the mismatch.
    let other_major = version::check(raw, q, file, problems);
    let client = raw.client.value.trim().to_owned();
    if client.is_empty() {
        problems.push(
            Problem::error("answers::empty-client", "the client name is empty")
                .at(span_of(&raw.client), "client expected")
                .help("name the company the answers describe, e.g. `client: Acme Ltd`"),
        );
    }
    let respondent = raw
        .respondent
        .as_ref()
        .map_or_else(Respondent::default, |r| respondent(&r.value, problems));
    let date = raw
        .date
        .as_ref()
        .and_then(|d| match jiff::civil::Date::from_str(d.value.trim()) {
            Ok(date) => Some(date),
            Err(_) => {
                problems.push(
                    Problem::error(
                        "answers::bad-date",
                        format!("`{}` is not a calendar date", d.value),
                    )
                    .at(span_of(d), "expected YYYY-MM-DD")
                    .help("write the date the answers were given as YYYY-MM-DD, e.g. `date: 2026-03-14`"),
                );
                None
            }
        });
    let mut values: Vec<Option<Given>> = vec![None; q.questions.len()];
    if let Some(map) = raw.answers.as_ref().filter(|_| !other_major) {
        for entry in &map.value.0 {
            let id = entry.question.value.as_str();
            let Some(ix) = q.question(id) else {
                let known = q.questions.iter().map(|q| q.id.as_str());
                let hint = suggester.hint(id, "question ids", q.questions.len(), known);
                problems.push(
                    Problem::error(
                        "answers::unknown-question",
                        format!("`{id}` is not a question of `{}`", q.id),
                    )
                    .at(span_of(&entry.question), "unknown question id")
                    .help(hint),
                );
                continue;
            };
            if values[ix].is_some() {
                problems.push(
                    Problem::error("answers::duplicate", format!("`{id}` is answered twice"))
                        .at(span_of(&entry.question), "second answer")
                        .help("keep one answer per question"),
                );
                continue;
            }
            values[ix] = given(&q.questions[ix], &entry.answer, problems, suggester);
        }
    }
    Answers {
        assessment: raw.assessment.value.clone(),
        version: raw.version.as_ref().map(|v| v.value.clone()),
        client,
        respondent,
        date,
        values,
    }
}

fn respondent(raw: &raw::RawRespondent, problems: &mut Vec<Problem>) -> Respondent {
    let role = raw.role.as_ref().and_then(|r| match r.value.parse::<Role>() {
        Ok(role) => Some(role),
        Err(()) => {
            let known: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            problems.push(
                Problem::error(
                    "answers::unknown-role",
                    format!("`{}` is not a known role", r.value),
                )
                .at(span_of(r), "unknown role")
                .help(hint_for(&r.value, &known, "roles")),
            );
            None
        }
    });
    Respondent {
        name: raw
            .name
            .as_ref()
            .map(|n| n.value.trim().to_owned())
            .filter(|n| !n.is_empty()),
        role,
    }
}

fn given(
    question: &Question,
    answer: &yaml::Spanned<RawAnswer>,
    problems: &mut Vec<Problem>,
    suggester: &mut Suggester,
) -> Option<Given> {
    let (value, value_span, note) = answer.value.parts();
    let span = value_span.map_or_else(|| span_of(answer), span_of);
    let note = note.map(|n| n.value.trim().to_owned()).filter(|n| !n.is_empty());
    let value = value.unwrap_or(&RawValue::Null);
    let checked = match value {
        // An empty value is "not answered yet"; a note alone is kept as "don't know".
        RawValue::Null => {
            return note.map(|note| Given {
                value: Value::Unknown,
                note: Some(note),
            });
        }
        RawValue::Text(t) if t == "unknown" => Ok(Value::Unknown),
        RawValue::Text(t) if t == "n/a" || t == "not-applicable" => {
            if question.not_applicable.is_some() {
                Ok(Value::NotApplicable)
            } else {
                Err(Problem::error(
                    "answers::not-applicable",
                    format!("`{}` cannot be answered \"not applicable\"", question.id),
                )
                .help("every company can answer this one; if nobody knows, answer `unknown`"))
            }
        }
        _ => typed_with(question, value, suggester),
    };
    match checked {
        Ok(value) => Some(Given { value, note }),
        Err(problem) => {
            let problem = if problem.span.is_none() {
                problem.at(span, "this answer")
            } else {
                problem
            };
            problems.push(problem);
            None
        }
    }
}

/// Checks a value against the question's type and range.
pub fn typed(question: &Question, value: &RawValue) -> Result<Value, Problem> {
    typed_with(question, value, &mut Suggester::default())
}

/// [`typed`], within a file's "did you mean" budget.
pub fn typed_with(
    question: &Question,
    value: &RawValue,
    suggester: &mut Suggester,
) -> Result<Value, Problem> {
    let id = &question.id;
    let mismatch = |expected: String| {
        Problem::error(
            "answers::wrong-type",
            format!("`{id}` expects {expected}, not `{value}`"),
        )
        .help(format!(
            "{expected}; or `unknown` if nobody knows{}",
            na_hint(question)
        ))
    };
    match &question.kind {
        QuestionKind::YesNo { .. } => match value {
            RawValue::Bool(b) => Ok(Value::Bool(*b)),
            RawValue::Text(t) if t == "yes" => Ok(Value::Bool(true)),
            RawValue::Text(t) if t == "no" => Ok(Value::Bool(false)),
            _ => Err(mismatch("`yes` or `no`".to_owned())),
        },
        kind @ QuestionKind::Scale { min, .. } => {
            let max = kind.scale_max().unwrap_or(*min);
            let point = match value {
                RawValue::Int(i) => Some(*i),
                RawValue::Float(x) if x.fract() == 0.0 && x.is_finite() => Some(*x as i64),
                _ => None,
            };
            match point {
                Some(p) if (*min..=max).contains(&p) => Ok(Value::Scale(p)),
                Some(p) => Err(Problem::error(
                    "answers::out-of-range",
                    format!("`{id}` is a scale from {min} to {max}; {p} is outside it"),
                )
                .help(scale_help(question))),
                None => {
                    Err(mismatch(format!("a whole number from {min} to {max}")).help(scale_help(question)))
                }
            }
        }
        QuestionKind::Choice { options } => match value {
            RawValue::Text(t) => match question.kind.option(t) {
                Some(ix) => Ok(Value::Choice(ix)),
                None => Err(unknown_option(question, t, suggester)),
            },
            _ => Err(mismatch(format!("one of: {}", option_ids(options)))),
        },
        QuestionKind::Multi { options, .. } => {
            let items: Vec<&str> = match value {
                RawValue::List(items) => items.iter().map(String::as_str).collect(),
                RawValue::Text(t) => vec![t.as_str()],
                _ => {
                    return Err(mismatch(format!(
                        "a list of options from: {}",
                        option_ids(options)
                    )));
                }
            };
            let mut selected = Vec::new();
            for item in items {
                match question.kind.option(item) {
                    Some(ix) if selected.contains(&ix) => {
                        return Err(Problem::error(
                            "answers::duplicate",
                            format!("`{id}` lists the option `{item}` twice"),
                        ));
                    }
                    Some(ix) => selected.push(ix),
                    None => return Err(unknown_option(question, item, suggester)),
                }
            }
            if selected.len() > 1
                && let Some(&ex) = selected.iter().find(|&&ix| options[ix].exclusive)
            {
                return Err(Problem::error(
                    "answers::exclusive-option",
                    format!(
                        "`{id}`: the option `{}` excludes every other option",
                        options[ex].id
                    ),
                )
                .help(format!("answer `[{}]` alone, or drop it", options[ex].id)));
            }
            selected.sort_unstable();
            Ok(Value::Multi(selected))
        }
        QuestionKind::Number(spec) | QuestionKind::Percent(spec) => {
            let percent = matches!(question.kind, QuestionKind::Percent(_));
            let number = match value {
                RawValue::Int(i) => Some(*i as f64),
                RawValue::Float(x) => Some(*x),
                RawValue::Text(t) if percent => t
                    .trim()
                    .strip_suffix('%')
                    .and_then(|n| n.trim().parse::<f64>().ok()),
                _ => None,
            };
            let Some(x) = number.filter(|x| x.is_finite()) else {
                let what = if percent {
                    "a percentage from 0 to 100".to_owned()
                } else {
                    format!(
                        "a number{}",
                        spec.unit.as_ref().map(|u| format!(" of {u}")).unwrap_or_default()
                    )
                };
                return Err(mismatch(what));
            };
            if spec.integer && x.fract() != 0.0 {
                return Err(Problem::error(
                    "answers::not-whole",
                    format!("`{id}` expects a whole number, not {}", format_number(x)),
                ));
            }
            let below = spec.min.is_some_and(|m| x < m);
            let above = spec.max.is_some_and(|m| x > m);
            if below || above {
                let range = match (spec.min, spec.max) {
                    (Some(lo), Some(hi)) => format!("from {} to {}", format_number(lo), format_number(hi)),
                    (Some(lo), None) => format!("of at least {}", format_number(lo)),
                    (None, Some(hi)) => format!("of at most {}", format_number(hi)),
                    (None, None) => String::new(),
                };
                return Err(Problem::error(
                    "answers::out-of-range",
                    format!("`{id}` takes a value {range}; {} is outside it", format_number(x)),
                )
                .help(if percent {
                    "write a percentage as a number from 0 to 100, e.g. `45` for 45%".to_owned()
                } else {
                    format!(
                        "check the unit: {}",
                        spec.unit.as_deref().unwrap_or("a plain number")
                    )
                }));
            }
            if !bounds::usable(x) {
                return Err(Problem::error(
                    "answers::out-of-range",
                    format!(
                        "`{id}` is answered {}, beyond ±{}, the largest magnitude ecodiag accepts",
                        format_number(x),
                        format_number(bounds::MAX_MAGNITUDE)
                    ),
                )
                .help(format!(
                    "check the unit: {}",
                    spec.unit.as_deref().unwrap_or("a plain number")
                )));
            }
            Ok(Value::Number(x))
        }
    }
}

fn na_hint(q: &Question) -> &'static str {
    if q.not_applicable.is_some() {
        ", or `n/a`"
    } else {
        ""
    }
}

fn option_ids(options: &[crate::questionnaire::ChoiceOption]) -> String {
    options
        .iter()
        .map(|o| o.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown_option(q: &Question, typed: &str, suggester: &mut Suggester) -> Problem {
    let known: Vec<&str> = q.kind.options().iter().map(|o| o.id.as_str()).collect();
    let hint = match suggester.did_you_mean(typed, known.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? The options are: {}", known.join(", ")),
        None => format!("the options are: {}", known.join(", ")),
    };
    Problem::error(
        "answers::unknown-option",
        format!("`{}` has no option `{typed}`", q.id),
    )
    .help(hint)
}

fn scale_help(q: &Question) -> String {
    match &q.kind {
        QuestionKind::Scale { min, labels } => labels
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{} = {l}", min + i as i64))
            .collect::<Vec<_>>()
            .join("; "),
        _ => String::new(),
    }
}

/// A number as people write it: `3`, `2.5`, `0.25` (no trailing zeros); a
/// magnitude past 10^15 in scientific notation, never hundreds of digits.
pub fn format_number(x: f64) -> String {
    if !x.is_finite() || x.abs() >= 1e15 {
        crate::diagnostic::number(x)
    } else if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// How an answer reads in a report: the option's label, the number with its unit.
pub fn display(question: &Question, value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "not answered".to_owned();
    };
    match (value, &question.kind) {
        (Value::Unknown, _) => "don't know".to_owned(),
        (Value::NotApplicable, _) => "not applicable".to_owned(),
        (Value::Bool(true), _) => "yes".to_owned(),
        (Value::Bool(false), _) => "no".to_owned(),
        (Value::Scale(p), QuestionKind::Scale { min, labels }) => {
            let max = min + labels.len() as i64 - 1;
            let label = usize::try_from(p - min).ok().and_then(|i| labels.get(i));
            match label {
                Some(l) => format!("{p}/{max} \u{201c}{l}\u{201d}"),
                None => format!("{p}/{max}"),
            }
        }
        (Value::Choice(ix), kind) => kind
            .options()
            .get(*ix)
            .map_or_else(String::new, |o| o.label.clone()),
        (Value::Multi(ixs), kind) if ixs.is_empty() => {
            let _ = kind;
            "none of the listed options".to_owned()
        }
        (Value::Multi(ixs), kind) => ixs
            .iter()
            .filter_map(|ix| kind.options().get(*ix))
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        (Value::Number(x), QuestionKind::Percent(_)) => format!("{}%", format_number(*x)),
        (Value::Number(x), QuestionKind::Number(spec)) => match spec.unit_for(*x) {
            Some("%") => format!("{}%", format_number(*x)),
            Some(unit) => format!("{} {unit}", format_number(*x)),
            None => format_number(*x),
        },
        (other, _) => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(0.333), "0.33");
        assert_eq!(format_number(-4.0), "-4");
        assert_eq!(format_number(1e308), "1e308");
        assert_eq!(format_number(-2e15), "-2e15");
    }

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("chief".parse::<Role>().is_err());
    }
}
