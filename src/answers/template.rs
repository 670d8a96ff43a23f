//! Answers stage, for people who prefer an editor to a prompt: an answers file
//! with every question present as `unknown`, and what each one accepts written
//! beside it in comments.

use std::fmt::Write as _;

use super::write::{comment_safe, comment_text, header, key, number_text, one_line, scalar};
use super::{Answers, Given, Role, Value, format_number};
use crate::engine::{self, Status};
use crate::questionnaire::{
    AnswerTest, CmpOp, Comparison, Condition, NumberSpec, Question, QuestionKind, Questionnaire, ScoreSubject,
};

/// Width comments are wrapped to, including the indent and `# `.
const WIDTH: usize = 88;

/// The template: the header from `answers` (client, respondent, date), then
/// every question of `q`, grouped by bucket, answered `unknown`. `schema` is
/// the path or URL of the answers schema, for the editor modeline on line one.
pub fn template(q: &Questionnaire, answers: &Answers, schema: Option<&str>) -> String {
    let mut out = String::new();
    match schema {
        Some(schema) => {
            let _ = writeln!(out, "# yaml-language-server: $schema={}", comment_text(schema));
        }
        None => out.push_str(concat!(
            "# To have an editor check and complete this file, save the schema beside it with\n",
            "# `ecodiag schema answers > answers.schema.json` and make this line one:\n",
            "# # yaml-language-server: $schema=answers.schema.json\n",
        )),
    }
    let _ = writeln!(
        out,
        "# Answers to {} ({} {}).",
        comment_text(&q.title),
        q.id,
        q.version
    );
    for line in [
        "#",
        "# Every question starts as `unknown` (\"don't know\"). Replace `unknown` with the",
        "# answer; the comment above each question says what it accepts. Questions nobody",
        "# can answer stay `unknown`: they lower the report's confidence, never a score.",
        "# Any answer can carry a note: `{ value: 45, note: \"from the CRM export\" }`.",
        "#",
        "# Then score the file with: ecodiag score FILE",
    ] {
        out.push_str(line);
        out.push('\n');
    }
    let mut head = String::new();
    header(&mut head, answers);
    if answers.respondent.name.is_none() {
        head = head.replacen("respondent:\n", "respondent:\n  # name: who answers\n", 1);
    }
    out.push_str(&head);
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    comment_at(&mut out, "", &format!("Roles: {}.", roles.join(", ")));
    out.push_str("answers:\n");
    // A question that only an earlier answer brings up is left empty: with
    // every answer `unknown` it is not asked, and an answer there would be
    // ignored (and warned about).
    let mut unknown = answers.clone();
    unknown.values = vec![
        Some(Given {
            value: Value::Unknown,
            note: None
        });
        q.questions.len()
    ];
    let hidden: Vec<bool> = engine::evaluate(q, &unknown)
        .questions
        .iter()
        .map(|s| s.status == Status::Hidden)
        .collect();
    for (g, group) in q.groups.iter().enumerate() {
        let title = comment_text(&group.title);
        let rule = "─".repeat(WIDTH.saturating_sub(title.chars().count() + 8).max(3));
        let _ = writeln!(out, "\n  # ── {title} {rule}");
        comment(&mut out, &group.description);
        for (ix, question) in q.questions.iter().enumerate().filter(|(_, x)| x.group == g) {
            out.push('\n');
            question_block(&mut out, q, question, hidden.get(ix).copied().unwrap_or(false));
        }
    }
    // The comments quote the questionnaire: a control character in it would
    // make the file unreadable as YAML, and obeyed by a terminal showing it.
    // Values are already escaped by the serialiser, so this touches comments.
    crate::output::terminal_text(&out).into_owned()
}

fn question_block(out: &mut String, q: &Questionnaire, question: &Question, hidden: bool) {
    let element = &q.elements[question.element].title;
    comment(out, &format!("{} — {}", one_line(element), question.text));
    for line in accepts(question) {
        comment_line(out, &line);
    }
    if let Some(reason) = &question.not_applicable {
        comment(out, &format!("Or `n/a` when: {reason}"));
    }
    if let Some(cond) = &question.show_if {
        let until = if hidden { " Leave it empty until then." } else { "" };
        comment(
            out,
            &format!("Asked only when {}.{until}", condition_text(q, cond)),
        );
    }
    if let Some(help) = &question.help {
        comment(out, &format!("Help: {help}"));
    }
    if hidden {
        let _ = writeln!(out, "  {}:", key(&question.id));
    } else {
        let _ = writeln!(out, "  {}: unknown", key(&question.id));
    }
}

/// What a question accepts, one comment line each.
fn accepts(question: &Question) -> Vec<String> {
    match &question.kind {
        QuestionKind::Scale { min, labels } => {
            let max = min + labels.len() as i64 - 1;
            let mut lines = vec![format!("A point from {min} to {max}:")];
            lines.extend(
                labels
                    .iter()
                    .enumerate()
                    .map(|(i, label)| format!("  {} = {}", min + i as i64, comment_text(label))),
            );
            lines
        }
        QuestionKind::YesNo { .. } => vec!["`yes` or `no`.".to_owned()],
        QuestionKind::Choice { options } => {
            let mut lines = vec!["One of:".to_owned()];
            lines.extend(option_lines(options));
            lines
        }
        QuestionKind::Multi { options, .. } => {
            let mut lines = vec!["A list of any of these, e.g. `[a, b]`:".to_owned()];
            lines.extend(option_lines(options));
            if options.iter().any(|o| o.exclusive) {
                lines.push("(an option marked “alone” cannot be combined with others)".to_owned());
            } else {
                lines.push("(`[]` when none of them applies)".to_owned());
            }
            lines
        }
        QuestionKind::Number(spec) => vec![number_line(spec, false)],
        QuestionKind::Percent(spec) => vec![number_line(spec, true)],
    }
}

fn option_lines(options: &[crate::questionnaire::ChoiceOption]) -> Vec<String> {
    let width = options
        .iter()
        .map(|o| scalar(&o.id).chars().count())
        .max()
        .unwrap_or(0);
    options
        .iter()
        .map(|o| {
            let alone = if o.exclusive { " (alone)" } else { "" };
            format!("  {:<width$}  {}{alone}", scalar(&o.id), comment_text(&o.label))
        })
        .collect()
}

fn number_line(spec: &NumberSpec, percent: bool) -> String {
    let what = if percent {
        "A percentage".to_owned()
    } else if spec.integer {
        "A whole number".to_owned()
    } else {
        "A number".to_owned()
    };
    let unit = match &spec.unit {
        Some(unit) if !percent => format!(" of {unit}"),
        _ => String::new(),
    };
    let range = match (spec.min, spec.max) {
        (Some(lo), Some(hi)) => format!(", from {} to {}", format_number(lo), format_number(hi)),
        (Some(lo), None) => format!(", at least {}", format_number(lo)),
        (None, Some(hi)) => format!(", at most {}", format_number(hi)),
        (None, None) if percent => ", from 0 to 100".to_owned(),
        (None, None) => String::new(),
    };
    format!("{what}{unit}{range}.")
}

/// A condition in words, for "asked only when …".
pub fn condition_text(q: &Questionnaire, c: &Condition) -> String {
    let join = |cs: &[Condition], word: &str| {
        cs.iter()
            .map(|c| match c {
                Condition::All(_) | Condition::Any(_) | Condition::AtLeast(..) => {
                    format!("({})", condition_text(q, c))
                }
                _ => condition_text(q, c),
            })
            .collect::<Vec<_>>()
            .join(word)
    };
    match c {
        Condition::All(cs) => join(cs, " and "),
        Condition::Any(cs) => join(cs, " or "),
        Condition::Not(inner) => format!("not ({})", condition_text(q, inner)),
        Condition::AtLeast(n, cs) => format!("at least {n} of: {}", join(cs, "; ")),
        Condition::Score(subject, cmps) => {
            let subject = match subject {
                ScoreSubject::Question(ix) => format!("the score of `{}`", q.questions[*ix].id),
                ScoreSubject::Element(ix) => format!("the score of {}", q.elements[*ix].title),
                ScoreSubject::Group(ix) => format!("the score of {}", q.groups[*ix].title),
                ScoreSubject::Ecosystem => "the ecosystem score".to_owned(),
                ScoreSubject::UnknownKeyMetrics => "the share of key metrics unknown".to_owned(),
            };
            format!("{subject} is {}", comparisons(cmps))
        }
        Condition::Answer(ix, test) => {
            let question = &q.questions[*ix];
            let id = &question.id;
            let options = |os: &[usize]| {
                let ids: Vec<String> = os
                    .iter()
                    .filter_map(|o| question.kind.options().get(*o))
                    .map(|o| format!("`{}`", o.id))
                    .collect();
                or_list(&ids)
            };
            match test {
                AnswerTest::IsBool(b) => format!("`{id}` is {}", if *b { "yes" } else { "no" }),
                AnswerTest::IsOption(os) => format!("`{id}` is {}", options(os)),
                AnswerTest::Includes(os) => format!("`{id}` includes {}", options(os)),
                AnswerTest::IsNumber(xs) => {
                    let xs: Vec<String> = xs.iter().map(|x| number_text(*x)).collect();
                    format!("`{id}` is {}", or_list(&xs))
                }
                AnswerTest::Compare(cmps) => format!("`{id}` is {}", comparisons(cmps)),
                AnswerTest::Answered(b) => format!("`{id}` is {}answered", if *b { "" } else { "not " }),
                AnswerTest::Unknown(b) => format!("`{id}` is {}unknown", if *b { "" } else { "not " }),
                AnswerTest::NotApplicable(b) => {
                    format!("`{id}` {} not applicable", if *b { "is" } else { "is not" })
                }
            }
        }
    }
}

fn comparisons(cmps: &[Comparison]) -> String {
    cmps.iter()
        .map(|c| {
            let op = match c.op {
                CmpOp::Above => "above",
                CmpOp::AtLeast => "at least",
                CmpOp::Below => "below",
                CmpOp::AtMost => "at most",
            };
            format!("{op} {}", format_number(c.value))
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Writes text as `  # ` comment lines, wrapped at [`WIDTH`]; line breaks in
/// the text are kept.
fn comment(out: &mut String, text: &str) {
    comment_at(out, "  ", text);
}

fn comment_at(out: &mut String, indent: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let room = WIDTH - indent.len() - 2;
    for paragraph in text.trim().lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace().map(comment_safe) {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
                let _ = writeln!(out, "{indent}# {line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        if line.is_empty() {
            let _ = writeln!(out, "{indent}#");
        } else {
            let _ = writeln!(out, "{indent}# {line}");
        }
    }
}

fn comment_line(out: &mut String, line: &str) {
    let _ = writeln!(out, "  # {}", comment_safe(line));
}
