//! Answers stage, carried forward: an answers file given to an earlier
//! version of a questionnaire, rewritten for the current one by the
//! questionnaire's `migrations:` (docs/questionnaire.md, *Migrations*).
//!
//! Pure: the file's text in, its new text and every change out. Questions
//! are renamed in place, answers mapped to their new option or point, what
//! cannot be carried becomes `unknown` with a note, and answers to removed
//! questions stay in the file as comments, so nothing typed is lost.
//! Comments, notes and layout survive; the new text must read back as
//! exactly the answers meant, or nothing is produced.

pub mod carry;

pub use carry::Change;

use crate::answers::{self, Answers, Given, Parsed, write};
use crate::diagnostic::{Problem, SourceFile};
use crate::error::Error;
use crate::questionnaire::version::{Compat, Version, compat};
use crate::questionnaire::{Questionnaire, migration};
use crate::yaml::{Limits, span_of};

use crate::answers::edit::carry_over::{Edit, carry_over};
use carry::{Carried, Fate};

/// What migrating one file came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The file already records the questionnaire's version.
    UpToDate {
        version: String,
    },
    Migrated(Box<Migrated>),
}

/// A file carried over to the questionnaire's version.
#[derive(Debug, Clone, PartialEq)]
pub struct Migrated {
    /// The version the answers were given to, as the file wrote it.
    pub from: String,
    /// The questionnaire's version.
    pub to: String,
    /// Every change, in file order: `(question as written, change)`.
    pub changes: Vec<Change>,
    /// The file's new text.
    pub text: String,
    /// What the new text reads as.
    pub answers: Answers,
}

/// Migrates a parsed answers file to questionnaire `q`.
pub fn migrate(parsed: &Parsed, q: &Questionnaire) -> Result<Outcome, Error> {
    let raw = &parsed.raw;
    let located = |problem: Problem| Error::invalid(parsed.source.clone(), vec![problem]);
    if raw.assessment.value != q.id {
        return Err(located(
            Problem::error(
                "migrate::other-assessment",
                format!("these answers are for `{}`, not `{}`", raw.assessment.value, q.id),
            )
            .at(span_of(&raw.assessment), "answers' assessment")
            .help(format!(
                "migrate them with the `{}` questionnaire they were given to (`--assessment`)",
                raw.assessment.value
            )),
        ));
    }
    let Some(version) = &raw.version else {
        return Err(located(
            Problem::error(
                "migrate::no-version",
                "the file does not say which version of the questionnaire it answers",
            )
            .at(span_of(&raw.assessment), "no `version:` in this file")
            .help(format!(
                "add `version: \"X.Y.Z\"` under `assessment:` with the version the answers were given to; \
                 `{}` is now at version {}",
                q.id, q.version
            )),
        ));
    };
    let answered = version.value.trim();
    if answered == q.version {
        return Ok(Outcome::UpToDate {
            version: q.version.clone(),
        });
    }
    let steps: &[migration::Migration] = match compat(answered, &q.version) {
        Compat::Silent | Compat::Minor => &[],
        Compat::OlderMajor => {
            let path = Version::parse_lenient(answered).and_then(|v| migration::path_from(&q.migrations, v));
            match path {
                Some(path) => path,
                None => {
                    return Err(located(
                        Problem::error(
                            "migrate::no-migration",
                            format!(
                                "version {} of `{}` declares no migration from version {answered}",
                                q.version, q.id
                            ),
                        )
                        .at(span_of(version), "answered version")
                        .help(
                            "a migration is declared by the questionnaire (`migrations:`, docs/questionnaire.md); \
                             until it has one, score these answers against the questionnaire they were given to",
                        ),
                    ));
                }
            }
        }
        Compat::NewerMajor | Compat::Unreadable => {
            // The answers check says what is wrong with the version.
            return Err(answers::check(parsed, q).err().unwrap_or_else(|| {
                located(Problem::error(
                    "migrate::version",
                    format!("cannot migrate from version {answered}"),
                ))
            }));
        }
    };
    if steps.is_empty() {
        // Within a major version the answers must already read; only the
        // version changes.
        answers::check(parsed, q)?;
    }
    carry_all(parsed, q, steps, answered)
}

fn carry_all(
    parsed: &Parsed,
    q: &Questionnaire,
    steps: &[migration::Migration],
    from: &str,
) -> Result<Outcome, Error> {
    let entries = parsed.raw.answers.as_ref().map_or(&[][..], |m| &m.value.0[..]);
    let mut values: Vec<Option<Given>> = vec![None; q.questions.len()];
    let mut taken: Vec<Option<&str>> = vec![None; q.questions.len()];
    let mut edits = Vec::with_capacity(entries.len());
    let mut changes = Vec::new();
    for entry in entries {
        let id = entry.question.value.as_str();
        let Carried {
            fate,
            changes: mut mine,
        } = carry::carry(q, steps, from, id, &entry.answer.value);
        let edit = match fate {
            Fate::Kept { ix, .. } if taken[ix].is_some() => {
                let by = taken[ix].unwrap_or_default();
                mine.retain(|c| !matches!(c, Change::Renamed { .. } | Change::Mapped { .. }));
                mine.push(Change::Dropped {
                    question: id.to_owned(),
                    value: entry
                        .answer
                        .value
                        .parts()
                        .0
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    why: format!(
                        "`{}` is answered already, by `{by}` in this file",
                        q.questions[ix].id
                    ),
                });
                comment(&mine, &q.version)
            }
            Fate::Kept { ix, given } => {
                taken[ix] = Some(id);
                let question = &q.questions[ix];
                let key = write::scalar(&question.id);
                let reworded = mine
                    .iter()
                    .any(|c| matches!(c, Change::Mapped { .. } | Change::Unknown { .. }));
                let edit = match &given {
                    Some(g) if reworded => Edit::Replace {
                        key,
                        value: write::given_text(question, g),
                    },
                    _ if question.id != id => Edit::Rename(key),
                    _ => Edit::Keep,
                };
                values[ix] = given;
                edit
            }
            Fate::Gone => comment(&mine, &q.version),
        };
        edits.push(edit);
        changes.extend(mine);
    }
    let text = carry_over(
        parsed.source.text(),
        &parsed.raw,
        &edits,
        &write::quoted(&q.version),
    )
    .map_err(|why| {
        Error::invalid(
            parsed.source.clone(),
            vec![
                Problem::error(
                    "migrate::layout",
                    format!("the file cannot be edited in place: {}", why.0),
                )
                .help(
                    "write one answer per line (`question-id: answer`) under `answers:`, then migrate again; \
                         nothing was written",
                ),
            ],
        )
    })?;
    let answers = read_back(parsed, q, &text, &values)?;
    // The answers editor keeps its "not asked" marks true for the new version.
    let marked = answers::edit::update(q, &text, &answers);
    let text = if marked.kept { marked.text } else { text };
    Ok(Outcome::Migrated(Box::new(Migrated {
        from: from.to_owned(),
        to: q.version.clone(),
        changes,
        text,
        answers,
    })))
}

/// The comment line above an answer that cannot be carried.
fn comment(changes: &[Change], to: &str) -> Edit {
    let why = changes.iter().rev().find_map(|c| match c {
        Change::Removed { reason, .. } => Some(format!("removed in version {to}: {reason}")),
        Change::Dropped { why, .. } => Some(format!("not carried over to version {to}: {why}")),
        _ => None,
    });
    Edit::Comment(why.unwrap_or_else(|| format!("not carried over to version {to}")))
}

/// The new text must read as exactly the answers meant, or nothing is
/// produced.
fn read_back(
    parsed: &Parsed,
    q: &Questionnaire,
    text: &str,
    values: &[Option<Given>],
) -> Result<Answers, Error> {
    let source = SourceFile::new(parsed.source.name().to_owned(), text.to_owned());
    let reread = answers::parse(source, &Limits::DEFAULT).and_then(|p| answers::check(&p, q));
    match reread {
        Ok((answers, _)) if answers.values == values => Ok(answers),
        Ok(_) | Err(_) => Err(Error::invalid(
            parsed.source.clone(),
            vec![
                Problem::error(
                    "migrate::layout",
                    "the file's layout could not be edited in place without changing what it says",
                )
                .help(
                    "write one answer per line (`question-id: answer`) under `answers:`, then migrate again; \
                     nothing was written",
                ),
            ],
        )),
    }
}
