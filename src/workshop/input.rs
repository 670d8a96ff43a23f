//! What typed text means at a question prompt: a number, or one of the keys.
//! Pure functions, so the terminal prompter stays thin and this is tested
//! without a terminal.

use super::prompt::{Reply, keys};
use crate::answers::{self, RawValue, Value};
use crate::questionnaire::{Question, QuestionKind};

/// Reads what was typed at a number or percentage question. An error is the
/// message to show before asking again.
pub fn typed_reply(question: &Question, input: &str) -> Result<Reply, String> {
    let text = input.trim();
    if let Some(reply) = key_reply(question, text)? {
        return Ok(reply);
    }
    let percent = matches!(question.kind, QuestionKind::Percent(_));
    let digits = if percent {
        text.strip_suffix('%').unwrap_or(text).trim_end()
    } else {
        text
    };
    let number = digits
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && digits.bytes().any(|b| b.is_ascii_digit()));
    let Some(x) = number else {
        return Err(format!(
            "“{text}” is not a number: type {}, or {} for “don't know”",
            expected(question),
            keys::UNKNOWN
        ));
    };
    let n = answers::format_number(x);
    answers::typed(question, &RawValue::Float(x))
        .map(Reply::Answer)
        .map_err(|p| match p.code {
            "answers::out-of-range" => format!("{n} is out of range: type {}", expected(question)),
            "answers::not-whole" => format!("{n} is not a whole number: type {}", expected(question)),
            _ => p.message,
        })
}

/// The keys every question prompt shares. `Ok(None)` when `text` is none of them.
pub fn key_reply(question: &Question, text: &str) -> Result<Option<Reply>, String> {
    let lower = text.to_lowercase();
    Ok(Some(match lower.as_str() {
        "" => Reply::Skip,
        k if k == keys::SKIP => Reply::Skip,
        k if k == keys::UNKNOWN => Reply::Answer(Value::Unknown),
        k if k == keys::HELP => Reply::Help,
        k if k == keys::MENU => Reply::Menu,
        k if k == keys::NOT_APPLICABLE => {
            if question.not_applicable.is_some() {
                Reply::Answer(Value::NotApplicable)
            } else {
                return Err(format!(
                    "this question applies to every company; answer it, or {} for “don't know”",
                    keys::UNKNOWN
                ));
            }
        }
        _ => return Ok(None),
    }))
}

/// What a number question expects, in words: "a number of months from 0 to 60".
pub fn expected(question: &Question) -> String {
    let Some(spec) = question.kind.number_spec() else {
        return "an answer".to_owned();
    };
    let what = match (&question.kind, &spec.unit) {
        (QuestionKind::Percent(_), _) => "a percentage".to_owned(),
        (_, Some(unit)) if spec.integer => format!("a whole number of {unit}"),
        (_, Some(unit)) => format!("a number of {unit}"),
        (_, None) if spec.integer => "a whole number".to_owned(),
        (_, None) => "a number".to_owned(),
    };
    let n = answers::format_number;
    let range = match (spec.min, spec.max, &question.kind) {
        (Some(lo), Some(hi), _) => format!(" from {} to {}", n(lo), n(hi)),
        (Some(lo), None, _) => format!(" of at least {}", n(lo)),
        (None, Some(hi), _) => format!(" of at most {}", n(hi)),
        (None, None, QuestionKind::Percent(_)) => " from 0 to 100".to_owned(),
        (None, None, _) => String::new(),
    };
    format!("{what}{range}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::questionnaire::Questionnaire;
    use crate::yaml::Limits;

    const YAML: &str = r#"
id: t
version: "1.0.0"
title: T
buckets:
  - id: b
    title: B
    elements: [{ id: e, title: E }]
macro:
  culprits: [{ id: c, title: C }]
questions:
  - id: months
    element: e
    type: number
    unit: months
    integer: true
    min: 0
    max: 60
    text: How long?
    bands: [{ below: 6, score: 100 }, { at_least: 6, score: 0 }]
  - id: share
    element: e
    type: percent
    text: What share?
    not_applicable: No CRM
    bands: [{ below: 50, score: 0 }, { at_least: 50, score: 100 }]
causes: []
rules: []
"#;

    fn q() -> Questionnaire {
        crate::questionnaire::from_source(SourceFile::new("t.yaml", YAML), &Limits::DEFAULT)
            .map(|l| l.questionnaire)
            .unwrap_or_else(|e| panic!("{}", crate::error::render_error(&e, false)))
    }

    #[test]
    fn numbers_and_keys_are_read() {
        let q = q();
        let months = &q.questions[0];
        let share = &q.questions[1];
        let table: &[(&Question, &str, Result<Reply, ()>)] = &[
            (months, "8", Ok(Reply::Answer(Value::Number(8.0)))),
            (months, " 12 ", Ok(Reply::Answer(Value::Number(12.0)))),
            (months, "d", Ok(Reply::Answer(Value::Unknown))),
            (months, "D", Ok(Reply::Answer(Value::Unknown))),
            (months, "s", Ok(Reply::Skip)),
            (months, "", Ok(Reply::Skip)),
            (months, "?", Ok(Reply::Help)),
            (months, "m", Ok(Reply::Menu)),
            (months, "x", Err(())),
            (months, "2.5", Err(())),
            (months, "61", Err(())),
            (months, "-1", Err(())),
            (months, "eight", Err(())),
            (months, "inf", Err(())),
            (months, "NaN", Err(())),
            (share, "45%", Ok(Reply::Answer(Value::Number(45.0)))),
            (share, "45 %", Ok(Reply::Answer(Value::Number(45.0)))),
            (share, "12.5", Ok(Reply::Answer(Value::Number(12.5)))),
            (share, "x", Ok(Reply::Answer(Value::NotApplicable))),
            (share, "101", Err(())),
            (share, "%", Err(())),
        ];
        for (question, input, want) in table {
            let got = typed_reply(question, input).map_err(|_| ());
            assert_eq!(&got, want, "{} {input:?}", question.id);
        }
    }

    #[test]
    fn refusals_say_what_is_expected() {
        let q = q();
        let msg = typed_reply(&q.questions[0], "eight").unwrap_err();
        assert!(msg.contains("a whole number of months from 0 to 60"), "{msg}");
        let msg = typed_reply(&q.questions[0], "61").unwrap_err();
        assert_eq!(
            msg,
            "61 is out of range: type a whole number of months from 0 to 60"
        );
        let msg = typed_reply(&q.questions[0], "2.5").unwrap_err();
        assert_eq!(
            msg,
            "2.5 is not a whole number: type a whole number of months from 0 to 60"
        );
    }
}
