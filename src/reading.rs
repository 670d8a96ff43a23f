//! Reading stage, after the engine: an answers file checked against a
//! questionnaire with everything that needs the engine to tell — which
//! questions are not asked, so their answers are ignored. The one located
//! reading `score`, `validate`, `check` and `diff` share, so they report the
//! same warnings for the same file.

use crate::answers::{self, Answers, Parsed};
use crate::diagnostic::Problem;
use crate::engine::{self, Status};
use crate::error::Error;
use crate::questionnaire::Questionnaire;
use crate::yaml::span_of;

/// Checks parsed answers against a questionnaire: every problem the answers
/// module finds, and answers to questions that are not asked. Warnings come
/// in file order.
pub fn checked(parsed: &Parsed, q: &Questionnaire) -> Result<(Answers, Vec<Problem>), Error> {
    let (given, mut warnings) = answers::check(parsed, q)?;
    warnings.extend(hidden_answers(parsed, q, &given));
    warnings.sort_by_key(|p| p.span.map(|s| s.offset()));
    Ok((given, warnings))
}

/// Whether some question is answered but not asked: what [`hidden_answers`]
/// warns about, told without positions (the batch fast path asks this).
pub fn any_hidden_answer(evaluation: &engine::Evaluation, given: &Answers) -> bool {
    evaluation
        .questions
        .iter()
        .zip(&given.values)
        .any(|(state, value)| state.status == Status::Hidden && value.is_some())
}

/// Turns "no assessment named x" into a problem pointing at the answers
/// file's `assessment:` line.
pub fn unknown_assessment(parsed: &Parsed, err: &Error) -> Error {
    let name = parsed.assessment();
    let hint = err
        .hint()
        .unwrap_or_else(|| "give the path of a questionnaire file".to_owned());
    let problem = Problem::error(
        "answers::unknown-assessment",
        format!("these answers are for the assessment `{name}`, which is neither bundled nor a file"),
    )
    .at(span_of(&parsed.raw.assessment), "unknown assessment")
    .help(format!("{hint}, e.g. `--assessment path/to/{name}.yaml`"));
    Error::invalid(parsed.source.clone(), vec![problem])
}

/// Warns about answers to questions that are not asked, because their
/// `show_if` does not hold for these answers: scoring ignores them.
///
/// Whether a question is asked is the engine's decision, so this asks the
/// engine rather than evaluating `show_if` again.
pub fn hidden_answers(parsed: &Parsed, q: &Questionnaire, given: &Answers) -> Vec<Problem> {
    let evaluation = engine::evaluate(q, given);
    let Some(map) = &parsed.raw.answers else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for entry in &map.value.0 {
        let Some(ix) = q.question(&entry.question.value) else {
            continue;
        };
        let hidden = evaluation.questions.get(ix).map(|s| s.status) == Some(Status::Hidden);
        if !hidden || given.values[ix].is_none() {
            continue;
        }
        let question = &q.questions[ix];
        let mut reads = Vec::new();
        if let Some(show_if) = &question.show_if {
            show_if.questions(&mut reads);
        }
        reads.sort_unstable();
        reads.dedup();
        let because: Vec<String> = reads
            .iter()
            .map(|&r| {
                let dep = &q.questions[r];
                format!("`{}` is {}", dep.id, answers::display(dep, given.value(r)))
            })
            .collect();
        let depends = reads
            .iter()
            .map(|&r| format!("`{}`", q.questions[r].id))
            .collect::<Vec<_>>()
            .join(", ");
        problems.push(
            Problem::warning(
                "answers::hidden-question",
                format!(
                    "`{}` is answered, but it is not asked with these answers ({}), so its answer is ignored",
                    question.id,
                    because.join(", ")
                ),
            )
            .at(span_of(&entry.question), "not asked")
            .help(format!(
                "its `show_if` reads {depends}; check that answer, or delete this one"
            )),
        );
    }
    problems
}
