//! `ecodiag diff BEFORE AFTER`: two diagnoses of the same client side by
//! side — score deltas, causes that appeared, resolved or moved, and the
//! answers that changed. Either side may be an answers file (scored here) or a
//! JSON report from `ecodiag score --format json`.

use std::path::Path;
use std::sync::Arc;

use crate::answers::{self, Answers};
use crate::compare::{Comparison, Snapshot, compare};
use crate::diagnostic::{FileProblems, Problem, SourceFile};
use crate::error::Error;
use crate::questionnaire::{self, Loaded};
use crate::report;
use crate::yaml::Limits;

/// One side of a diff.
#[derive(Debug, Clone)]
pub struct Side {
    /// The path as typed.
    pub path: String,
    /// Answers file or JSON report.
    pub kind: SideKind,
    pub snapshot: Snapshot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideKind {
    Answers,
    Report,
}

/// An answer that differs between the two files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerChange {
    pub question: String,
    pub text: String,
    /// As a reader sees it, or "not answered".
    pub before: String,
    pub after: String,
}

/// The view model every diff renderer formats.
#[derive(Debug, Clone)]
pub struct Diff {
    pub before: Side,
    pub after: Side,
    pub comparison: Comparison,
    /// The answers that changed, in questionnaire order; `None` unless both
    /// sides are answers files scored against the same questionnaire.
    pub answers: Option<Vec<AnswerChange>>,
}

/// A side read from disk, with what is needed to compare answers.
struct SideData {
    side: Side,
    scored: Option<(Answers, Arc<Loaded>)>,
}

fn is_report(path: &Path, source: &SourceFile) -> bool {
    path.extension().is_some_and(|x| x == "json") || source.text().trim_start().starts_with('{')
}

fn load(
    path: &Path,
    assessment: Option<&str>,
    limits: &Limits,
    warnings: &mut Vec<FileProblems>,
) -> Result<SideData, Error> {
    let source = crate::stdin::read_source(path, crate::yaml::FileKind::AnswersOrReport, limits)?;
    let shown = source.name().to_owned();
    if is_report(path, &source) {
        return Ok(SideData {
            side: Side {
                path: shown,
                kind: SideKind::Report,
                snapshot: Snapshot::from_json(&source)?,
            },
            scored: None,
        });
    }
    let parsed = answers::parse(source, limits)?;
    let loaded = questionnaire::resolve(assessment.unwrap_or(parsed.assessment()), limits)?;
    let (checked, problems) = crate::reading::checked(&parsed, &loaded.questionnaire)?;
    if !problems.is_empty() {
        warnings.push(FileProblems {
            file: parsed.source.clone(),
            problems,
        });
    }
    // Only the comparable part is used: no need for probe-next.
    let report = report::build_with(&loaded.questionnaire, &checked, false);
    Ok(SideData {
        side: Side {
            path: shown,
            kind: SideKind::Answers,
            snapshot: Snapshot::from_report(&report),
        },
        scored: Some((checked, loaded)),
    })
}

/// Reads both sides and compares them. Warnings (a different client, a
/// different assessment, warnings in an answers file) come back beside it.
pub fn diff(
    before: &Path,
    after: &Path,
    assessment: Option<&str>,
    limits: &Limits,
) -> Result<(Diff, Vec<FileProblems>), Error> {
    let mut warnings = Vec::new();
    let b = load(before, assessment, limits, &mut warnings)?;
    let a = load(after, assessment, limits, &mut warnings)?;
    let mut notes = Vec::new();
    if b.side.snapshot.client != a.side.snapshot.client {
        notes.push(
            Problem::warning(
                "diff::other-client",
                format!(
                    "the two sides describe different clients: `{}` before, `{}` after",
                    b.side.snapshot.client, a.side.snapshot.client
                ),
            )
            .help("a diff compares two diagnoses of the same client, e.g. this quarter against the last"),
        );
    }
    if b.side.snapshot.assessment != a.side.snapshot.assessment {
        notes.push(
            Problem::warning(
                "diff::other-assessment",
                format!(
                    "the two sides were scored against different assessments: `{}` before, `{}` after",
                    b.side.snapshot.assessment, a.side.snapshot.assessment
                ),
            )
            .help("buckets and root causes are matched by id; those only one side has show as missing on the other"),
        );
    }
    if !notes.is_empty() {
        warnings.push(FileProblems {
            file: SourceFile::new(a.side.path.clone(), String::new()),
            problems: notes,
        });
    }
    let answers = match (&b.scored, &a.scored) {
        (Some((ba, bq)), Some((aa, aq)))
            if Arc::ptr_eq(bq, aq) || bq.questionnaire.id == aq.questionnaire.id =>
        {
            Some(changed_answers(&aq.questionnaire, ba, aa))
        }
        _ => None,
    };
    let comparison = compare(&b.side.snapshot, &a.side.snapshot);
    Ok((
        Diff {
            before: b.side,
            after: a.side,
            comparison,
            answers,
        },
        warnings,
    ))
}

fn changed_answers(q: &questionnaire::Questionnaire, before: &Answers, after: &Answers) -> Vec<AnswerChange> {
    q.questions
        .iter()
        .enumerate()
        .filter(|(ix, _)| before.value(*ix) != after.value(*ix))
        .map(|(ix, question)| AnswerChange {
            question: question.id.clone(),
            text: question.text.clone(),
            before: answers::display(question, before.value(ix)),
            after: answers::display(question, after.value(ix)),
        })
        .collect()
}
