//! Each answer carried through the migration steps: its question renamed or
//! removed, its option or scale point mapped, then checked against the
//! questionnaire it arrives in. What cannot be carried becomes `unknown`
//! with a note saying why; an answer to a question that no longer exists is
//! kept in the file as a comment. Every change is recorded.

use crate::answers::{Given, RawAnswer, RawValue, Value, typed};
use crate::questionnaire::{Migration, Question, QuestionIx, Questionnaire, ValueMap};

/// What became of one answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Fate {
    /// Carried to question `ix` with this answer (`None`: left empty, as it was).
    Kept { ix: QuestionIx, given: Option<Given> },
    /// Its question was removed or no longer exists: kept as a comment.
    Gone,
}

/// One answer's way through the steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    pub fate: Fate,
    /// Every change, in order, for the report.
    pub changes: Vec<Change>,
}

/// A change made to one answer, as the report states it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The question was renamed.
    Renamed { from: String, to: String },
    /// The answer was mapped to a new option or point.
    Mapped {
        question: String,
        from: String,
        to: String,
        how: &'static str,
    },
    /// The question was removed by the migration; the answer is kept as a comment.
    Removed {
        question: String,
        value: String,
        reason: String,
    },
    /// The question is not in the new version and no migration says what
    /// became of it; the answer is kept as a comment.
    Dropped {
        question: String,
        value: String,
        why: String,
    },
    /// The answer could not be carried over: it is now `unknown`, with a note.
    Unknown {
        question: String,
        value: String,
        why: String,
    },
}

/// Carries one answer (`id: answer`) given to version `from` through `steps`
/// into questionnaire `q`.
pub fn carry(q: &Questionnaire, steps: &[Migration], from: &str, id: &str, answer: &RawAnswer) -> Carried {
    let (value, _, note) = answer.parts();
    let note = note.map(|n| n.value.trim().to_owned()).filter(|n| !n.is_empty());
    let written = value.cloned().unwrap_or(RawValue::Null);
    let mut value = written.clone();
    let mut changes = Vec::new();
    let mut question = id.to_owned();
    let mut lost: Option<String> = None;
    for step in steps {
        let Some(change) = step.change_for(&question) else {
            continue;
        };
        if let Some(reason) = &change.remove {
            changes.push(Change::Removed {
                question: id.to_owned(),
                value: written.to_string(),
                reason: reason.clone(),
            });
            return Carried {
                fate: Fate::Gone,
                changes,
            };
        }
        if lost.is_none() {
            match map_value(&change.values, &value) {
                Ok(Some((new, how))) => {
                    changes.push(Change::Mapped {
                        question: change.new_id().to_owned(),
                        from: value.to_string(),
                        to: new.to_string(),
                        how,
                    });
                    value = new;
                }
                Ok(None) => {}
                Err(why) => lost = Some(why),
            }
        }
        question = change.new_id().to_owned();
    }
    if question != id {
        changes.insert(
            0,
            Change::Renamed {
                from: id.to_owned(),
                to: question.clone(),
            },
        );
    }
    let Some(ix) = q.question(&question) else {
        changes.push(Change::Dropped {
            question: id.to_owned(),
            value: written.to_string(),
            why: format!("`{question}` is not a question of version {}", q.version),
        });
        return Carried {
            fate: Fate::Gone,
            changes,
        };
    };
    let checked = match lost {
        Some(why) => Err(why),
        None => check(&q.questions[ix], &value),
    };
    let given = match checked {
        Ok(None) => note.map(|note| Given {
            value: Value::Unknown,
            note: Some(note),
        }),
        Ok(Some(value)) => Some(Given { value, note }),
        Err(why) => {
            let was = written.to_string();
            let said = format!("migrated from {from}: {why}; the answer was {was}");
            changes.push(Change::Unknown {
                question: question.clone(),
                value: was,
                why,
            });
            Some(Given {
                value: Value::Unknown,
                note: Some(match note {
                    Some(n) => format!("{n} ({said})"),
                    None => said,
                }),
            })
        }
    };
    Carried {
        fate: Fate::Kept { ix, given },
        changes,
    }
}

/// The value mapped by one step: `Ok(None)` when the step leaves it alone,
/// `Err` with the reason when it has no counterpart.
fn map_value(map: &ValueMap, value: &RawValue) -> Result<Option<(RawValue, &'static str)>, String> {
    match (map, value) {
        (ValueMap::Options(map), RawValue::Text(option)) if !is_special(option) => match map.get(option) {
            Some(Some(new)) => {
                let merged = map.values().filter(|v| v.as_deref() == Some(new)).count() > 1;
                Ok(Some((
                    RawValue::Text(new.clone()),
                    if merged { "options merged" } else { "option mapped" },
                )))
            }
            Some(None) => Err(format!(
                "the option `{option}` has no counterpart in the new version"
            )),
            None => Ok(None),
        },
        (ValueMap::Options(map), RawValue::List(items)) => {
            let mut out: Vec<String> = Vec::with_capacity(items.len());
            for item in items {
                let new = match map.get(item) {
                    Some(Some(new)) => new.clone(),
                    Some(None) => {
                        return Err(format!(
                            "the option `{item}` has no counterpart in the new version"
                        ));
                    }
                    None => item.clone(),
                };
                if !out.contains(&new) {
                    out.push(new);
                }
            }
            if out == *items {
                Ok(None)
            } else {
                Ok(Some((RawValue::List(out), "options mapped")))
            }
        }
        (ValueMap::Scale(map), v) => {
            let point = match v {
                RawValue::Int(i) => *i,
                RawValue::Float(x) if x.fract() == 0.0 && x.is_finite() => *x as i64,
                _ => return Ok(None),
            };
            match map.get(&point) {
                Some(Some(new)) if *new == point => Ok(None),
                Some(Some(new)) => Ok(Some((RawValue::Int(*new), "scale re-anchored"))),
                Some(None) => Err(format!(
                    "point {point} has no counterpart on the re-anchored scale"
                )),
                None => Err(format!("the re-anchored scale says nothing about point {point}")),
            }
        }
        _ => Ok(None),
    }
}

/// `unknown` and `n/a` are not options, whatever a map says.
fn is_special(text: &str) -> bool {
    matches!(text, "unknown" | "n/a" | "not-applicable")
}

/// The value checked against the question it arrives at: `Ok(None)` for an
/// empty answer, `Err` with the reason when the question no longer takes it.
fn check(question: &Question, value: &RawValue) -> Result<Option<Value>, String> {
    match value {
        RawValue::Null => Ok(None),
        RawValue::Text(t) if t == "unknown" => Ok(Some(Value::Unknown)),
        RawValue::Text(t) if t == "n/a" || t == "not-applicable" => {
            if question.not_applicable.is_some() {
                Ok(Some(Value::NotApplicable))
            } else {
                Err("the question can no longer be answered \"not applicable\"".to_owned())
            }
        }
        other => typed(question, other).map(Some).map_err(|p| p.message),
    }
}
