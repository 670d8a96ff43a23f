//! Answers stage: the version an answers file records, held against the
//! questionnaire's by the policy of [`crate::questionnaire::version`]: a
//! patch apart is silent, a minor version apart is a warning, a major
//! version apart is an error that says how to migrate.

use super::raw::RawAnswers;
use crate::diagnostic::Problem;
use crate::questionnaire::version::{Compat, Version, compat};
use crate::questionnaire::{Questionnaire, migration};
use crate::yaml::span_of;

/// Problems with the recorded version, if any; `file` names the answers file
/// in the hints. True when the answers were given to another major version.
pub(super) fn check(raw: &RawAnswers, q: &Questionnaire, file: &str, problems: &mut Vec<Problem>) -> bool {
    let Some(version) = &raw.version else {
        return false;
    };
    let answered = version.value.trim();
    let current = &q.version;
    let relation = compat(answered, current);
    let problem = match relation {
        Compat::Silent => return false,
        Compat::Minor => Problem::warning(
            "answers::version-mismatch",
            format!(
                "these answers were given to version {answered} of `{}`; the questionnaire is now version {current}",
                q.id
            ),
        )
        .at(span_of(version), "answered version")
        .help(format!(
            "a minor version only adds questions, so the answers are scored as they are; \
             `ecodiag migrate {file}` records version {current} once you have reviewed them"
        )),
        Compat::OlderMajor => Problem::error(
            "answers::major-version",
            format!(
                "these answers were given to version {answered} of `{}`; version {current} renamed, removed or re-anchored questions",
                q.id
            ),
        )
        .at(span_of(version), "an earlier major version")
        .help(older_hint(q, answered, file)),
        Compat::NewerMajor => Problem::error(
            "answers::major-version",
            format!(
                "these answers were given to version {answered} of `{}`, newer than this questionnaire (version {current})",
                q.id
            ),
        )
        .at(span_of(version), "a later major version")
        .help(format!(
            "score them against the questionnaire they were given to, with `--assessment PATH`, \
             or use the ecodiag release that bundles version {answered}"
        )),
        Compat::Unreadable => Problem::error(
            "answers::bad-version",
            format!("`{answered}` is not a version number"),
        )
        .at(span_of(version), "MAJOR.MINOR.PATCH expected")
        .help(format!(
            "write the version of `{}` the answers were given to, quoted, e.g. `version: \"{current}\"`",
            q.id
        )),
    };
    problems.push(problem);
    matches!(relation, Compat::OlderMajor | Compat::NewerMajor)
}

fn older_hint(q: &Questionnaire, answered: &str, file: &str) -> String {
    let has_path =
        Version::parse_lenient(answered).is_some_and(|v| migration::path_from(&q.migrations, v).is_some());
    if has_path {
        // A questionnaire other than the bundled one has to be named again.
        let bundled =
            crate::questionnaire::bundled(&q.id).is_ok_and(|b| b.questionnaire.version == q.version);
        let with = if bundled {
            ""
        } else {
            " --assessment QUESTIONNAIRE"
        };
        format!(
            "run `ecodiag migrate {file}{with}` to carry them over to version {}: it rewrites the file, \
             keeping its comments and notes, and reports every change (`--dry-run` first to see them)",
            q.version
        )
    } else {
        format!(
            "version {} declares no migration from version {answered}: score the answers against the \
             questionnaire they were given to, with `--assessment PATH`, or ask its author for a migration",
            q.version
        )
    }
}
