//! Questionnaire stage: the declared way from earlier major versions to this
//! one — questions renamed or removed, options renamed or merged, scales
//! re-anchored. Validated in `build::migrations`; applied to answers files
//! by `crate::migrate`.

use std::collections::BTreeMap;

use super::version::Version;

/// One step, from one major version to a later one.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    pub from: Version,
    pub to: Version,
    /// At most one per question, in file order.
    pub changes: Vec<Change>,
}

/// What became of one question in a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The question's id in the step's `from` version.
    pub question: String,
    /// Its id in the `to` version, when it changed.
    pub rename: Option<String>,
    pub values: ValueMap,
    /// Removed, with the reason.
    pub remove: Option<String>,
}

/// How the answer's value carries over.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueMap {
    /// Unchanged.
    Same,
    /// Old option id → new option id (`None`: no counterpart). Options not
    /// listed keep their id.
    Options(BTreeMap<String, Option<String>>),
    /// Old scale point → new point (`None`: no counterpart). Points not
    /// listed have no counterpart either.
    Scale(BTreeMap<i64, Option<i64>>),
}

impl Change {
    /// The question's id after this step.
    pub fn new_id(&self) -> &str {
        self.rename.as_deref().unwrap_or(&self.question)
    }
}

impl Migration {
    /// The change for a question (as it was named in `from`), if any.
    pub fn change_for(&self, question: &str) -> Option<&Change> {
        self.changes.iter().find(|c| c.question == question)
    }
}

/// The steps that lead answers given to `answered` to this questionnaire's
/// major version, in order; `None` when no step starts from its major
/// version. The steps are validated to chain up to the questionnaire.
pub fn path_from(migrations: &[Migration], answered: Version) -> Option<&[Migration]> {
    let start = migrations.iter().position(|m| m.from.major == answered.major)?;
    Some(&migrations[start..])
}
