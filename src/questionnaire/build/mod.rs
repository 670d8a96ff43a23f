//! Turns the raw YAML mirror into a validated [`Questionnaire`], collecting
//! every problem with its location instead of stopping at the first.
//!
//! One file per part of the model: `questions`, `rules` (causes, rules and
//! evidence templates) and `conditions`.

mod conditions;
mod maturity;
mod migrations;
mod questions;
mod rules;

use std::collections::HashMap;

use miette::SourceSpan;

use super::model::*;
use super::raw::*;
use crate::diagnostic::{MAX_ID_CHARS, Problem, Suggester};
use crate::yaml::{Spanned, span_of};

/// Builds the model; `Err` carries every problem found (warnings included).
pub fn build(raw: &RawQuestionnaire) -> Result<(Questionnaire, Vec<Problem>), Vec<Problem>> {
    let mut b = Builder::default();
    let q = b.questionnaire(raw);
    if b.problems
        .iter()
        .any(|p| p.level == crate::diagnostic::Level::Error)
    {
        Err(b.problems)
    } else {
        Ok((q, b.problems))
    }
}

/// `kebab-case`: lowercase letters and digits in words joined by single hyphens.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty() && word.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `dotted.kebab-case`: kebab-case words joined by dots, as question and rule
/// ids may be (`sfe.process-maturity`).
pub fn is_dotted_kebab(id: &str) -> bool {
    !id.is_empty() && id.split('.').all(is_kebab)
}

#[derive(Default)]
struct Builder {
    problems: Vec<Problem>,
    groups: HashMap<String, GroupIx>,
    elements: HashMap<String, ElementIx>,
    questions: HashMap<String, QuestionIx>,
    causes: HashMap<String, CauseIx>,
    /// The questions built so far, for typing literals in conditions.
    built: Vec<Question>,
    group_list: Vec<Group>,
    element_list: Vec<Element>,
    /// Ids by position, for naming the context of a message.
    question_ids: Vec<String>,
    rule_ids: Vec<String>,
    /// "Did you mean" for this file, within its budget.
    suggester: Suggester,
    cause_ids: Vec<String>,
}

/// Where a condition appears, which limits what it may read.
#[derive(Clone, Copy)]
enum Scope {
    /// In a rule: any answer or score.
    Rule(usize),
    /// In `show_if` of question `n`: only answers to questions before it.
    ShowIf(QuestionIx),
    /// In the `when:` of a remediation step of cause `n`: any answer or score.
    Step(CauseIx),
}

impl Builder {
    fn error(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        span: SourceSpan,
        label: impl Into<String>,
    ) -> &mut Problem {
        self.problems.push(Problem::error(code, message).at(span, label));
        self.problems.last_mut().expect("just pushed")
    }

    fn text(&mut self, value: &Spanned<String>, what: &str) -> String {
        if value.value.trim().is_empty() {
            self.error(
                "questionnaire::empty-text",
                format!("{what} is empty"),
                span_of(value),
                "text expected here",
            )
            .help = Some(format!("write the {what}; it is shown to the people answering"));
        }
        value.value.trim().to_owned()
    }

    /// The labels, each given one checked like any text (not empty, one
    /// line), the others their defaults.
    fn labels(&mut self, raw: &RawQuestionnaire) -> Labels {
        let mut labels = Labels::default();
        let Some(given) = raw.labels.as_ref().map(|l| &l.value) else {
            return labels;
        };
        for (value, slot, what) in [
            (&given.ecosystem, &mut labels.ecosystem, "ecosystem label"),
            (&given.bucket, &mut labels.bucket, "bucket label"),
            (&given.buckets, &mut labels.buckets, "buckets label"),
            (&given.root_cause, &mut labels.root_cause, "root_cause label"),
            (&given.root_causes, &mut labels.root_causes, "root_causes label"),
        ] {
            let Some(value) = value else { continue };
            let text = self.text(value, what);
            if text.contains('\n') {
                self.error(
                    "questionnaire::bad-label",
                    format!("the {what} holds a line break"),
                    span_of(value),
                    "one line expected",
                )
                .help = Some(
                    "a label is a word or two that headings and sentences quote; write it on one line"
                        .to_owned(),
                );
            }
            if !text.is_empty() {
                *slot = text;
            }
        }
        labels
    }

    fn optional_text(value: &Option<Spanned<String>>) -> String {
        value
            .as_ref()
            .map(|v| v.value.trim().to_owned())
            .unwrap_or_default()
    }

    /// Refuses an absurdly long id: every comparison and message that
    /// involves it would pay for its length. Returns whether it was short.
    fn id_length(&mut self, id: &Spanned<String>, kind: &str) -> bool {
        if id.value.len() <= MAX_ID_CHARS || id.value.chars().count() <= MAX_ID_CHARS {
            return true;
        }
        self.error(
            "questionnaire::long-id",
            format!(
                "the {kind} id `{}` is longer than the {MAX_ID_CHARS} characters an id may have",
                id.value
            ),
            span_of(id),
            "too long",
        )
        .help = Some(format!(
            "ids are short names that rules and answer files repeat, such as `sales-process`; shorten it to {MAX_ID_CHARS} characters or fewer"
        ));
        false
    }

    /// Checks an id's shape and uniqueness, and registers it.
    fn id(
        &mut self,
        id: &Spanned<String>,
        kind: &str,
        dotted: bool,
        registry: fn(&mut Builder) -> &mut HashMap<String, usize>,
        index: usize,
    ) {
        let text = &id.value;
        if !self.id_length(id, kind) {
            // Registered all the same, so references to it are not reported twice.
            registry(self).entry(text.clone()).or_insert(index);
            return;
        }
        let ok = if dotted {
            is_dotted_kebab(text)
        } else {
            is_kebab(text)
        };
        if !ok {
            let shape = if dotted {
                "kebab-case words, optionally joined by dots (e.g. `sfe.process-maturity`)"
            } else {
                "kebab-case (e.g. `sales-process`)"
            };
            self.error(
                "questionnaire::bad-id",
                format!("the {kind} id `{text}` is not {shape}"),
                span_of(id),
                "lowercase letters, digits and hyphens only",
            )
            .help = Some(format!("try `{}`", suggest_kebab(text, dotted)));
        }
        if registry(self).contains_key(text) {
            self.error(
                "questionnaire::duplicate-id",
                format!("the {kind} id `{text}` is used twice"),
                span_of(id),
                "second use",
            )
            .help = Some(format!("every {kind} needs its own id; rename one of them"));
        } else {
            registry(self).insert(text.clone(), index);
        }
    }

    fn questionnaire(&mut self, raw: &RawQuestionnaire) -> Questionnaire {
        if self.id_length(&raw.id, "assessment") && !is_kebab(&raw.id.value) {
            self.error(
                "questionnaire::bad-id",
                format!("the assessment id `{}` is not kebab-case", raw.id.value),
                span_of(&raw.id),
                "lowercase letters, digits and hyphens only",
            );
        }
        let version = self.text(&raw.version, "version");
        let own_version = self.own_version(&raw.version);
        let title = self.text(&raw.title, "title");
        self.groups_and_elements(raw);
        let questions = self.questions(raw);
        let causes = self.causes(raw);
        let rules = self.rules(raw);
        let maturity = self.maturity(raw);
        let migrations = self.migrations(raw, own_version);
        let labels = self.labels(raw);
        self.unsupported_causes(raw);
        self.empty_elements(raw);
        Questionnaire {
            id: raw.id.value.clone(),
            version,
            title,
            description: Self::optional_text(&raw.description),
            groups: std::mem::take(&mut self.group_list),
            elements: std::mem::take(&mut self.element_list),
            questions,
            causes,
            rules,
            maturity,
            migrations,
            labels,
            question_ix: std::mem::take(&mut self.questions),
        }
    }

    fn groups_and_elements(&mut self, raw: &RawQuestionnaire) {
        if raw.buckets.value.is_empty() {
            self.error(
                "questionnaire::no-buckets",
                "the questionnaire has no buckets",
                span_of(&raw.buckets),
                "empty list",
            );
        }
        for bucket in &raw.buckets.value {
            let bucket = &bucket.value;
            if bucket.id.value == MACRO_ID {
                self.error(
                    "questionnaire::reserved-id",
                    "`macro` is reserved for the macro culprits group",
                    span_of(&bucket.id),
                    "reserved id",
                )
                .help = Some("list macro culprits under `macro: culprits:` instead".to_owned());
            }
            let ix = self.group_list.len();
            self.id(&bucket.id, "bucket", false, |b| &mut b.groups, ix);
            let title = self.text(&bucket.title, "bucket title");
            self.group_list.push(Group {
                id: bucket.id.value.clone(),
                title,
                description: Self::optional_text(&bucket.description),
                kind: GroupKind::Bucket,
            });
            if bucket.elements.value.is_empty() {
                self.error(
                    "questionnaire::no-elements",
                    format!("bucket `{}` has no elements", bucket.id.value),
                    span_of(&bucket.elements),
                    "empty list",
                );
            }
            self.elements(&bucket.elements.value, ix, "element");
        }
        let macro_ix = self.group_list.len();
        // Without `macro:`, nothing may name the group.
        if raw.macro_group.is_some() {
            self.groups.insert(MACRO_ID.to_owned(), macro_ix);
        }
        // Without `macro:` the group is there, empty: nothing scores in it
        // and the verdict never stops at it.
        let m = raw.macro_group.as_ref().map(|m| &m.value);
        self.group_list.push(Group {
            id: MACRO_ID.to_owned(),
            title: m
                .and_then(|m| m.title.as_ref())
                .map(|t| t.value.trim().to_owned())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "Macro culprits".to_owned()),
            description: m.map(|m| Self::optional_text(&m.description)).unwrap_or_default(),
            kind: GroupKind::Macro,
        });
        if let Some(m) = m {
            self.elements(&m.culprits.value, macro_ix, "macro culprit");
        }
    }

    fn elements(&mut self, list: &[Spanned<RawElement>], group: GroupIx, kind: &str) {
        for element in list {
            let element = &element.value;
            let ix = self.element_list.len();
            self.id(&element.id, kind, false, |b| &mut b.elements, ix);
            let title = self.text(&element.title, &format!("{kind} title"));
            self.element_list.push(Element {
                id: element.id.value.clone(),
                title,
                description: Self::optional_text(&element.description),
                group,
            });
        }
    }
}

impl Builder {
    /// A cause no rule supports can never be found: almost always a rule whose
    /// `cause:` was misspelt or deleted.
    /// Rules are matched by the cause they name, so a rule refused for another
    /// reason does not also make its cause look unsupported.
    fn unsupported_causes(&mut self, raw: &RawQuestionnaire) {
        if self
            .problems
            .iter()
            .any(|p| p.code == "questionnaire::unknown-cause")
        {
            // The misspelt `cause:` is reported already; this would only echo it.
            return;
        }
        for cause in &raw.causes.value {
            let id = &cause.value.id;
            if raw.rules.value.iter().any(|r| r.value.cause.value == id.value) {
                continue;
            }
            self.problems.push(
                Problem::warning(
                    "questionnaire::unsupported-cause",
                    format!(
                        "no rule supports the root cause `{}`, so it can never be found",
                        id.value
                    ),
                )
                .at(span_of(id), "no rule points here")
                .help(format!(
                    "add a rule with `cause: {}`, or remove the cause",
                    id.value
                )),
            );
        }
    }

    /// An element or culprit no question scores never has a score.
    fn empty_elements(&mut self, raw: &RawQuestionnaire) {
        if self
            .problems
            .iter()
            .any(|p| p.code == "questionnaire::unknown-element")
        {
            // A misspelt `element:` is reported already; this would only echo it.
            return;
        }
        let elements = raw
            .buckets
            .value
            .iter()
            .flat_map(|b| b.value.elements.value.iter())
            .chain(raw.macro_group.iter().flat_map(|m| m.value.culprits.value.iter()));
        for element in elements {
            let id = &element.value.id;
            if raw
                .questions
                .value
                .iter()
                .any(|q| q.value.element.value == id.value)
            {
                continue;
            }
            self.problems.push(
                Problem::warning(
                    "questionnaire::empty-element",
                    format!("no question scores `{}`, so it never has a score", id.value),
                )
                .at(span_of(id), "no question names it")
                .help(format!(
                    "add a question with `element: {}`, or remove it",
                    id.value
                )),
            );
        }
    }
}

fn suggest_kebab(id: &str, dotted: bool) -> String {
    let mut out = String::new();
    for c in id.trim().chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' => out.push(c),
            '.' if dotted => out.push('.'),
            _ => {
                if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
        }
    }
    out.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_ids() {
        for ok in ["a", "sales-process", "crm2", "a-1-b"] {
            assert!(is_kebab(ok), "{ok}");
        }
        for bad in ["", "Sales", "a--b", "-a", "a-", "a_b", "a.b", "é"] {
            assert!(!is_kebab(bad), "{bad}");
        }
        assert!(is_dotted_kebab("sfe.process-maturity"));
        assert!(!is_dotted_kebab("sfe..x"));
        assert!(!is_dotted_kebab(".x"));
    }

    #[test]
    fn suggestions_are_kebab() {
        assert_eq!(suggest_kebab("Sales Process", false), "sales-process");
        assert_eq!(suggest_kebab("crm_adoption", false), "crm-adoption");
        assert_eq!(suggest_kebab("SFE.Process", true), "sfe.process");
    }
}
