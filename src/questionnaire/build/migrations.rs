//! The questionnaire's version and its migrations: versions are
//! `MAJOR.MINOR.PATCH`, steps chain from older major versions up to this
//! one, and everything a change leads to exists in this version.

use std::collections::BTreeMap;

use super::super::migration::{Change, Migration, ValueMap};
use super::super::model::{Question, QuestionKind};
use super::super::raw::*;
use super::super::version::Version;
use super::{Builder, is_dotted_kebab, is_kebab};
use crate::yaml::{Spanned, span_of};

impl Builder {
    /// The questionnaire's own version, which must be `MAJOR.MINOR.PATCH`.
    pub(super) fn own_version(&mut self, raw: &Spanned<String>) -> Option<Version> {
        self.version(raw, "the questionnaire's version")
    }

    fn version(&mut self, raw: &Spanned<String>, what: &str) -> Option<Version> {
        let parsed = Version::parse(&raw.value);
        if parsed.is_none() && !raw.value.trim().is_empty() {
            self.error(
                "questionnaire::bad-version",
                format!("{what} `{}` is not a version number MAJOR.MINOR.PATCH", raw.value),
                span_of(raw),
                "e.g. \"1.0.0\"",
            )
            .help = Some(
                "write three whole numbers, quoted: a new MAJOR when questions are renamed or removed, \
                 a new MINOR when questions are added, a new PATCH for wording (docs/questionnaire.md)"
                    .to_owned(),
            );
        }
        parsed
    }

    pub(super) fn migrations(&mut self, raw: &RawQuestionnaire, current: Option<Version>) -> Vec<Migration> {
        let Some(list) = &raw.migrations else {
            return Vec::new();
        };
        let mut steps: Vec<Migration> = Vec::new();
        let mut spans = Vec::new();
        for step in &list.value {
            let step = &step.value;
            let from = self.version(&step.from, "the migration's `from`");
            let to = self.version(&step.to, "the migration's `to`");
            let changes = self.changes(&step.changes);
            if let (Some(from), Some(to)) = (from, to) {
                steps.push(Migration { from, to, changes });
                spans.push(step);
            }
        }
        self.chain(&steps, &spans, current);
        for (k, step) in spans.iter().enumerate() {
            for (change, raw_change) in steps[k].changes.iter().zip(&step.changes.value) {
                self.targets(&steps, k, change, &raw_change.value);
            }
        }
        steps
    }

    /// Steps go from older to newer major versions, one per major version,
    /// each starting where the one before leads, the last leading here.
    fn chain(&mut self, steps: &[Migration], spans: &[&RawMigration], current: Option<Version>) {
        for (k, (step, raw)) in steps.iter().zip(spans).enumerate() {
            if step.to.major <= step.from.major {
                self.error(
                    "questionnaire::migration-chain",
                    format!(
                        "this step leads from {} to {}, not to a later major version",
                        step.from, step.to
                    ),
                    span_of(&raw.to),
                    "not a later major version",
                )
                .help = Some(
                    "a migration is needed only for a new major version: within one major version, \
                     answers carry over as they are"
                        .to_owned(),
                );
            }
            let next_from = steps.get(k + 1).map(|n| n.from);
            match (next_from, current) {
                (Some(next), _) if next.major != step.to.major => {
                    self.error(
                        "questionnaire::migration-chain",
                        format!(
                            "this step leads to {}, but the next one starts from {next}",
                            step.to
                        ),
                        span_of(&raw.to),
                        "the chain breaks here",
                    )
                    .help = Some(
                        "list the steps oldest first, each starting from the major version the one before leads to"
                            .to_owned(),
                    );
                }
                (None, Some(current)) if step.to.major != current.major || step.to > current => {
                    self.error(
                        "questionnaire::migration-chain",
                        format!(
                            "the last step leads to {}, but this questionnaire is version {current}",
                            step.to
                        ),
                        span_of(&raw.to),
                        "not this version",
                    )
                    .help = Some(format!(
                        "the last step leads to this questionnaire's major version: `to: \"{}.0.0\"`",
                        current.major
                    ));
                }
                _ => {}
            }
        }
    }

    fn changes(&mut self, raw: &Spanned<Vec<Spanned<RawChange>>>) -> Vec<Change> {
        let mut changes: Vec<Change> = Vec::new();
        for c in &raw.value {
            let c = &c.value;
            let question = c.question.value.trim().to_owned();
            self.change_id(&c.question, "question");
            if changes.iter().any(|other| other.question == question) {
                self.error(
                    "questionnaire::migration-change",
                    format!("`{question}` is changed twice in one step"),
                    span_of(&c.question),
                    "second change",
                )
                .help = Some("say everything that became of a question in one change".to_owned());
            }
            let what = [
                c.rename.is_some(),
                c.options.is_some(),
                c.scale.is_some(),
                c.remove.is_some(),
            ];
            if c.remove.is_some() && what.iter().filter(|w| **w).count() > 1 {
                self.shape(c, "a removed question cannot also be renamed or re-mapped");
            } else if c.options.is_some() && c.scale.is_some() {
                self.shape(c, "a question has options or a scale, not both");
            } else if !what.contains(&true) {
                self.shape(c, "the change says nothing about the question");
            }
            if let Some(to) = &c.rename {
                self.change_id(to, "question");
                if to.value.trim() == question {
                    self.shape(c, "the question is renamed to its own id");
                }
                if let Some(other) = changes.iter().find(|o| o.new_id() == to.value.trim()) {
                    self.error(
                        "questionnaire::migration-change",
                        format!(
                            "`{question}` and `{}` both become `{}`",
                            other.question,
                            to.value.trim()
                        ),
                        span_of(to),
                        "already taken",
                    )
                    .help = Some("two questions cannot carry their answers into one".to_owned());
                }
            }
            changes.push(Change {
                question,
                rename: c.rename.as_ref().map(|r| r.value.trim().to_owned()),
                values: values(c),
                remove: c.remove.as_ref().map(|r| self.text(r, "reason for the removal")),
            });
        }
        changes
    }

    fn change_id(&mut self, id: &Spanned<String>, what: &str) {
        if !is_dotted_kebab(id.value.trim()) {
            self.error(
                "questionnaire::bad-id",
                format!(
                    "the {what} id `{}` is not kebab-case words joined by dots",
                    id.value
                ),
                span_of(id),
                "lowercase letters, digits, hyphens and dots only",
            );
        }
    }

    fn shape(&mut self, c: &RawChange, message: &str) {
        self.error(
            "questionnaire::migration-change",
            format!("`{}`: {message}", c.question.value),
            span_of(&c.question),
            "this change",
        )
        .help = Some(
            "a change takes `remove: <reason>`, or `rename:` and/or one of `options:` and `scale:`"
                .to_owned(),
        );
    }

    /// What a change leads to exists in this version: the question, after
    /// any later step renames or removes it, and the options or points it
    /// maps answers to.
    fn targets(&mut self, steps: &[Migration], k: usize, change: &Change, raw: &RawChange) {
        // A removal leads nowhere; an empty change is reported as such.
        if change.remove.is_some() || (change.rename.is_none() && change.values == ValueMap::Same) {
            return;
        }
        let Some(final_id) = forward_id(steps, k + 1, change.new_id()) else {
            return;
        };
        let at = raw.rename.as_ref().unwrap_or(&raw.question);
        let Some(&ix) = self.questions.get(&final_id) else {
            let hint = self.suggester.hint(
                &final_id,
                "question ids",
                self.question_ids.len(),
                self.question_ids.iter().map(String::as_str),
            );
            let later = if final_id == change.new_id() {
                String::new()
            } else {
                format!(" (as `{final_id}`, after the later steps)")
            };
            self.error(
                "questionnaire::migration-target",
                format!(
                    "answers to `{}` would carry over to `{}`{later}, which is not a question of this version",
                    change.question,
                    change.new_id()
                ),
                span_of(at),
                "no such question",
            )
            .help = Some(hint);
            return;
        };
        let question = self.built[ix].clone();
        match (&change.values, &raw.options, &raw.scale) {
            (ValueMap::Options(map), Some(raw_map), _) => {
                self.option_targets(steps, k, change.new_id(), &question, map, raw_map);
            }
            (ValueMap::Scale(map), _, Some(raw_map)) => {
                self.point_targets(steps, k, change.new_id(), &question, map, raw_map);
            }
            _ => {}
        }
    }

    fn option_targets(
        &mut self,
        steps: &[Migration],
        k: usize,
        id: &str,
        question: &Question,
        map: &BTreeMap<String, Option<String>>,
        raw: &Spanned<BTreeMap<String, Spanned<Option<String>>>>,
    ) {
        if question.kind.options().is_empty() {
            self.kind_mismatch(raw, question, "options", "choice or multi");
            return;
        }
        for (old, new) in map {
            if !is_kebab(old) {
                self.error(
                    "questionnaire::bad-id",
                    format!("the option id `{old}` is not kebab-case"),
                    span_of(raw),
                    "in this map",
                );
            }
            let Some(new) = new else { continue };
            let Some(last) = forward_option(steps, k + 1, id, new) else {
                continue;
            };
            if question.kind.option(&last).is_none() {
                let options = question.kind.options();
                let hint = self.suggester.hint(
                    &last,
                    "options",
                    options.len(),
                    options.iter().map(|o| o.id.as_str()),
                );
                let span = raw.value.get(old).map_or_else(|| span_of(raw), span_of);
                self.error(
                    "questionnaire::migration-target",
                    format!(
                        "`{old}` would become `{last}`, which is not an option of `{}`",
                        question.id
                    ),
                    span,
                    "no such option",
                )
                .help = Some(hint);
            }
        }
    }

    fn point_targets(
        &mut self,
        steps: &[Migration],
        k: usize,
        id: &str,
        question: &Question,
        map: &BTreeMap<i64, Option<i64>>,
        raw: &Spanned<BTreeMap<ScalePoint, Spanned<Option<i64>>>>,
    ) {
        let (Some(max), QuestionKind::Scale { min, .. }) = (question.kind.scale_max(), &question.kind) else {
            self.kind_mismatch(raw, question, "scale", "scale");
            return;
        };
        for (old, new) in map {
            let Some(new) = new else { continue };
            let Some(last) = forward_point(steps, k + 1, id, *new) else {
                continue;
            };
            if !(*min..=max).contains(&last) {
                let span = raw
                    .value
                    .get(&ScalePoint(*old))
                    .map_or_else(|| span_of(raw), span_of);
                self.error(
                    "questionnaire::migration-target",
                    format!(
                        "point {old} would become {last}, outside the scale of `{}` ({min} to {max})",
                        question.id
                    ),
                    span,
                    "no such point",
                )
                .help = Some(format!(
                    "map every old point to a point from {min} to {max}, or to `null`"
                ));
            }
        }
    }

    fn kind_mismatch<T>(&mut self, raw: &Spanned<T>, question: &Question, field: &str, wanted: &str) {
        self.error(
            "questionnaire::migration-target",
            format!(
                "`{field}:` maps answers of `{}`, which is a {} question in this version",
                question.id,
                question.kind.name()
            ),
            span_of(raw),
            format!("only for {wanted} questions"),
        )
        .help = Some(format!(
            "`{field}:` is for {wanted} questions; remove it, or check the question id"
        ));
    }
}

fn values(c: &RawChange) -> ValueMap {
    if let Some(map) = &c.options {
        ValueMap::Options(
            map.value
                .iter()
                .map(|(k, v)| (k.trim().to_owned(), v.value.as_ref().map(|s| s.trim().to_owned())))
                .collect(),
        )
    } else if let Some(map) = &c.scale {
        ValueMap::Scale(map.value.iter().map(|(k, v)| (k.0, v.value)).collect())
    } else {
        ValueMap::Same
    }
}

/// A question's id once steps `from..` have run; `None` when one removes it.
pub(crate) fn forward_id(steps: &[Migration], from: usize, id: &str) -> Option<String> {
    let mut id = id.to_owned();
    for step in steps.iter().skip(from) {
        if let Some(c) = step.change_for(&id) {
            if c.remove.is_some() {
                return None;
            }
            id = c.new_id().to_owned();
        }
    }
    Some(id)
}

/// An option of question `id` once steps `from..` have run; `None` when it
/// loses its counterpart or the question is removed.
fn forward_option(steps: &[Migration], from: usize, id: &str, option: &str) -> Option<String> {
    let mut id = id.to_owned();
    let mut option = option.to_owned();
    for step in steps.iter().skip(from) {
        if let Some(c) = step.change_for(&id) {
            if c.remove.is_some() {
                return None;
            }
            if let ValueMap::Options(map) = &c.values
                && let Some(new) = map.get(&option)
            {
                option = new.clone()?;
            }
            id = c.new_id().to_owned();
        }
    }
    Some(option)
}

/// A scale point of question `id` once steps `from..` have run.
fn forward_point(steps: &[Migration], from: usize, id: &str, point: i64) -> Option<i64> {
    let mut id = id.to_owned();
    let mut point = point;
    for step in steps.iter().skip(from) {
        if let Some(c) = step.change_for(&id) {
            if c.remove.is_some() {
                return None;
            }
            if let ValueMap::Scale(map) = &c.values {
                point = (*map.get(&point)?)?;
            }
            id = c.new_id().to_owned();
        }
    }
    Some(point)
}
