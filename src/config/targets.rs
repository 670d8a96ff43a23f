//! Input stage: targets as written — `[targets]` in `ecodiag.toml` and
//! `--target AREA=LEVEL|SCORE` on the command line. A target names an area
//! and asks for a maturity level (`L3`, `level 3` or the level's name) or a
//! score (a number). Which areas and level names exist depends on the
//! questionnaire, so that is checked once it is known (`report::targets`).

use std::borrow::Cow;

use miette::SourceSpan;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use crate::diagnostic::SourceFile;

/// A target as written, before the questionnaire is known.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetSpec {
    /// A bucket, element or culprit id, `macro` or `ecosystem`.
    pub area: String,
    pub goal: GoalSpec,
    pub origin: Origin,
}

/// What a target asks for, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum GoalSpec {
    /// A level by number (`L3`, `level 3`) or by name (`formal`).
    Level(String),
    /// A score from 0 to 100.
    Score(f64),
}

/// Where a target was written, for messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// In `ecodiag.toml`, at this key.
    Config(SourceSpan),
    /// On the command line, as typed.
    Argument(String),
}

/// The targets of one run: those of `ecodiag.toml` first, then those typed,
/// which win for the same area.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub specs: Vec<TargetSpec>,
    /// The configuration file, to point into when one of its targets is wrong.
    pub file: Option<SourceFile>,
}

impl PartialEq for Targets {
    fn eq(&self, other: &Self) -> bool {
        self.specs == other.specs
            && self.file.as_ref().map(SourceFile::name) == other.file.as_ref().map(SourceFile::name)
    }
}

impl Targets {
    pub fn is_empty(&self) -> bool {
        self.specs.is_empty()
    }
}

/// A target's value in `ecodiag.toml`: a score, or a level as text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RawGoal {
    Number(f64),
    Text(String),
}

impl JsonSchema for RawGoal {
    fn schema_name() -> Cow<'static, str> {
        "Target".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A maturity level — `\"L3\"`, `\"level 3\"` or the level's name, e.g. `\"formal\"` — or a score from 0 to 100, e.g. `70`.",
            "anyOf": [
                { "type": "number", "minimum": 0, "maximum": 100 },
                { "type": "string", "minLength": 1 }
            ]
        })
    }
}

/// A goal's problem: what is wrong and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalError {
    pub message: String,
    pub help: String,
}

/// Reads a goal: a number is a score, other text names a level. A whole
/// number from 1 to 5 is refused: it reads as a level but would be a score.
pub fn goal(raw: &RawGoal) -> Result<GoalSpec, GoalError> {
    let text = match raw {
        RawGoal::Number(x) => return score(*x, &crate::answers::format_number(*x)),
        RawGoal::Text(t) => t.trim(),
    };
    if text.is_empty() {
        return Err(GoalError {
            message: "the target is empty".to_owned(),
            help: "write a level (`L3`, or its name) or a score from 0 to 100".to_owned(),
        });
    }
    match text.parse::<f64>() {
        Ok(x) => score(x, text),
        Err(_) => Ok(GoalSpec::Level(text.to_owned())),
    }
}

fn score(x: f64, written: &str) -> Result<GoalSpec, GoalError> {
    if !x.is_finite() || !(0.0..=100.0).contains(&x) {
        return Err(GoalError {
            message: format!("a target score is from 0 to 100, not {written}"),
            help: "write a score from 0 to 100, or a level such as `L3`".to_owned(),
        });
    }
    if x.fract() == 0.0 && (1.0..=5.0).contains(&x) {
        return Err(GoalError {
            message: format!("`{written}` would be a score of {written} out of 100"),
            help: format!(
                "for maturity level {written} write `L{written}` (or the level's name); a score target is a number above 5"
            ),
        });
    }
    Ok(GoalSpec::Score(x))
}

/// Reads `--target AREA=GOAL`.
pub fn from_argument(text: &str) -> Result<TargetSpec, GoalError> {
    let Some((area, goal_text)) = text.split_once('=') else {
        return Err(GoalError {
            message: format!("--target `{text}` names no goal"),
            help: "write AREA=LEVEL or AREA=SCORE, e.g. `--target sales-operations=L3` or `--target crm=70`"
                .to_owned(),
        });
    };
    let area = area.trim();
    if area.is_empty() {
        return Err(GoalError {
            message: format!("--target `{text}` names no area"),
            help:
                "start with a bucket, element or culprit id, `macro` or `ecosystem`, e.g. `--target crm=70`"
                    .to_owned(),
        });
    }
    let goal = goal(&RawGoal::Text(goal_text.to_owned())).map_err(|e| GoalError {
        message: format!("--target {text}: {}", e.message),
        help: e.help,
    })?;
    Ok(TargetSpec {
        area: area.to_owned(),
        goal,
        origin: Origin::Argument(text.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_scores_and_words_are_levels() {
        assert_eq!(goal(&RawGoal::Number(70.0)), Ok(GoalSpec::Score(70.0)));
        assert_eq!(goal(&RawGoal::Text("72.5".into())), Ok(GoalSpec::Score(72.5)));
        assert_eq!(
            goal(&RawGoal::Text("L3".into())),
            Ok(GoalSpec::Level("L3".into()))
        );
        assert_eq!(
            goal(&RawGoal::Text(" formal ".into())),
            Ok(GoalSpec::Level("formal".into()))
        );
        assert_eq!(goal(&RawGoal::Number(0.0)), Ok(GoalSpec::Score(0.0)));
        assert_eq!(goal(&RawGoal::Number(5.5)), Ok(GoalSpec::Score(5.5)));
    }

    #[test]
    fn a_small_whole_number_is_refused_as_ambiguous() {
        let e = goal(&RawGoal::Number(3.0)).expect_err("ambiguous");
        assert!(e.help.contains("`L3`"), "{e:?}");
        assert!(goal(&RawGoal::Text("4".into())).is_err());
        assert!(goal(&RawGoal::Number(120.0)).is_err());
        assert!(goal(&RawGoal::Text(" ".into())).is_err());
    }

    #[test]
    fn arguments_split_at_the_first_equals_sign() {
        let t = from_argument("crm=70").expect("parses");
        assert_eq!((t.area.as_str(), &t.goal), ("crm", &GoalSpec::Score(70.0)));
        assert!(from_argument("crm").is_err());
        assert!(from_argument("=L3").is_err());
        let e = from_argument("crm=3").expect_err("ambiguous");
        assert!(e.message.starts_with("--target crm=3:"), "{e:?}");
    }
}
