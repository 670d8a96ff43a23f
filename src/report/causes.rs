//! Root causes as a reader sees them: each root with the consequences nested
//! under it, the evidence that fired it with the answers quoted, and the
//! remediation steps that fit this company.

use super::{CauseRef, Change, Evidence, QuotedAnswer, RootCause, Step, raw_value};
use crate::answers::{self, Answers, Value};
use crate::engine::{self, Diagnosis, Evaluation, Finding};
use crate::questionnaire::{Questionnaire, TemplatePart};

/// The roots in rank order, each with its consequences.
pub(super) fn root_causes(
    q: &Questionnaire,
    answers: &Answers,
    eval: &Evaluation,
    d: &Diagnosis,
) -> Vec<RootCause> {
    let cause_ref = |i: usize| -> String { q.causes[d.findings[i].cause].id.clone() };
    let view = |i: usize, f: &Finding| -> RootCause {
        let cause = &q.causes[f.cause];
        RootCause {
            rank: f.rank,
            id: cause.id.clone(),
            title: cause.title.clone(),
            area_id: q.groups[cause.group].id.clone(),
            area_title: q.groups[cause.group].title.clone(),
            element_id: cause.element.map(|e| q.elements[e].id.clone()),
            element_title: cause.element.map(|e| q.elements[e].title.clone()),
            impact: f.impact,
            own_impact: f.own_impact,
            severity: f.severity,
            evidence_severity: f.evidence_severity,
            confidence: round2(f.confidence),
            contributing: f.contributing,
            summary: cause.summary.clone(),
            not_the_reps: cause.not_the_reps.clone(),
            evidence: shown_firings(q, &f.firings, eval)
                .map(|fi| evidence(q, answers, eval, &eval.firings[fi]))
                .collect(),
            remediation: engine::applicable_steps(q, f.cause, answers, eval)
                .map(|s| Step {
                    text: s.text.clone(),
                    owner: s.owner,
                })
                .collect(),
            sources: cause.sources.clone(),
            explains: f.explains.iter().map(|&x| cause_ref(x)).collect(),
            explained_by: f.explained_by.iter().map(|&x| cause_ref(x)).collect(),
            led_by: {
                let refer = |x: usize| CauseRef {
                    id: cause_ref(x),
                    title: q.causes[d.findings[x].cause].title.clone(),
                    rank: d.findings[x].rank,
                };
                let direct: Vec<CauseRef> = f
                    .explained_by
                    .iter()
                    .filter(|&&x| q.causes[d.findings[x].cause].leads_to.contains(&f.cause))
                    .map(|&x| refer(x))
                    .collect();
                match f.nested_under {
                    Some(root) if direct.is_empty() => vec![refer(root)],
                    _ => direct,
                }
            },
            also_explains: f
                .explains
                .iter()
                .filter(|&&x| f.is_root() && d.findings[x].nested_under != Some(i))
                .map(|&x| CauseRef {
                    id: cause_ref(x),
                    title: q.causes[d.findings[x].cause].title.clone(),
                    rank: d.findings[x].rank,
                })
                .collect(),
            consequences: Vec::new(),
            flip: None,
        }
    };
    d.roots()
        .map(|(i, f)| {
            let mut root = view(i, f);
            root.consequences = d.nested(i).map(|(j, c)| view(j, c)).collect();
            root
        })
        .collect()
}

/// The answer changes, as a reader sees them.
pub(super) fn changes(
    q: &Questionnaire,
    answers: &Answers,
    changes: &[engine::whatif::Change],
) -> Vec<Change> {
    changes
        .iter()
        .map(|c| {
            let question = &q.questions[c.question];
            Change {
                question: question.id.clone(),
                question_text: question.text.clone(),
                from: answers::display(question, answers.value(c.question)),
                to: answers::display(question, Some(&c.to)),
                value: raw_value(question, Some(&c.to)),
            }
        })
        .collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
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

/// The evidence sentence with its answers quoted. Quoted numbers agree with
/// their unit (`1 hour`); "Only" before a quantity of zero is dropped, so
/// "Only {share} of reps…" reads "0% of reps…", not "Only 0% of reps…".
fn sentence(q: &Questionnaire, answers: &Answers, eval: &Evaluation, parts: &[TemplatePart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            TemplatePart::Text(t) => out.push_str(t),
            TemplatePart::Answer(ix) => {
                let value = answers.value(*ix);
                if matches!(value, Some(Value::Number(x)) if *x == 0.0) {
                    drop_trailing_only(&mut out);
                }
                out.push_str(&answers::display(&q.questions[*ix], value));
            }
            TemplatePart::UnknownKeyMetrics => {
                let km = &eval.key_metrics;
                let ids: Vec<String> = km.unknown.iter().map(|&ix| q.questions[ix].id.clone()).collect();
                if ids.is_empty() {
                    out.push_str(&format!("none of {}", km.applicable.len()));
                } else {
                    out.push_str(&format!(
                        "{} of {} ({})",
                        ids.len(),
                        km.applicable.len(),
                        super::join_and(&ids)
                    ));
                }
            }
        }
    }
    out
}

/// Removes a final "Only " (or "only ") from the text so far.
fn drop_trailing_only(out: &mut String) {
    for word in ["Only ", "only "] {
        if out.ends_with(word) {
            let at = out.len() - word.len();
            let before = &out[..at];
            if before.is_empty() || before.ends_with(' ') {
                out.truncate(at);
                return;
            }
        }
    }
}

fn evidence(q: &Questionnaire, answers: &Answers, eval: &Evaluation, firing: &engine::Firing) -> Evidence {
    let rule = &q.rules[firing.rule];
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
        text: sentence(q, answers, eval, &rule.evidence.parts),
        answers: quoted,
    }
}

#[cfg(test)]
mod tests {
    use super::drop_trailing_only;

    #[test]
    fn only_goes_before_nothing() {
        for (before, after) in [
            ("Only ", ""),
            ("Reps: only ", "Reps: "),
            ("Commonly ", "Commonly "),
            ("Only two and ", "Only two and "),
        ] {
            let mut s = before.to_owned();
            drop_trailing_only(&mut s);
            assert_eq!(s, after, "{before:?}");
        }
    }
}
