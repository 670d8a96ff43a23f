//! Root causes, rules and their evidence sentences.

use std::collections::HashMap;

use super::super::model::*;
use super::super::raw::*;
use super::{Builder, Scope, is_dotted_kebab, suggest_kebab};
use crate::yaml::{Spanned, span_of};
use miette::SourceSpan;

impl Builder {
    pub(super) fn causes(&mut self, raw: &RawQuestionnaire) -> Vec<Cause> {
        self.cause_ids = raw
            .causes
            .value
            .iter()
            .map(|c| c.value.id.value.clone())
            .collect();
        let mut out = Vec::new();
        for (ix, cause) in raw.causes.value.iter().enumerate() {
            let c = &cause.value;
            self.id(&c.id, "root cause", false, |b| &mut b.causes, ix);
            let group = match self.groups.get(&c.bucket.value) {
                Some(&g) => g,
                None => {
                    let hint = if c.bucket.value == crate::questionnaire::model::MACRO_ID {
                        "this questionnaire has no `macro:` section: add one with its culprits, or put the cause in a bucket"
                            .to_owned()
                    } else {
                        let known: Vec<&str> = self
                            .group_list
                            .iter()
                            .map(|g| g.id.as_str())
                            .filter(|g| self.groups.contains_key(*g))
                            .collect();
                        self.suggester
                            .hint(&c.bucket.value, "buckets", known.len(), known.iter().copied())
                    };
                    self.error(
                        "questionnaire::unknown-bucket",
                        format!(
                            "root cause `{}` names the bucket `{}`, which does not exist",
                            c.id.value, c.bucket.value
                        ),
                        span_of(&c.bucket),
                        "unknown bucket",
                    )
                    .help = Some(hint);
                    0
                }
            };
            let element = c
                .element
                .as_ref()
                .and_then(|e| match self.elements.get(&e.value) {
                    Some(&ix) if self.element_list[ix].group == group => Some(ix),
                    Some(_) => {
                        self.error(
                            "questionnaire::element-elsewhere",
                            format!(
                                "root cause `{}` names the element `{}`, which is not in bucket `{}`",
                                c.id.value, e.value, c.bucket.value
                            ),
                            span_of(e),
                            "element of another bucket",
                        );
                        None
                    }
                    None => {
                        let hint = self.suggester.hint(
                            &e.value,
                            "elements",
                            self.element_list.len(),
                            self.element_list.iter().map(|e| e.id.as_str()),
                        );
                        self.error(
                            "questionnaire::unknown-element",
                            format!(
                                "root cause `{}` names the element `{}`, which does not exist",
                                c.id.value, e.value
                            ),
                            span_of(e),
                            "unknown element",
                        )
                        .help = Some(hint);
                        None
                    }
                });
            let title = self.text(&c.title, "root-cause title");
            let summary = self.text(&c.summary, "root-cause summary");
            let not_the_reps = self.text(&c.not_the_reps, "`not_the_reps` explanation");
            if c.remediation.value.is_empty() {
                self.error(
                    "questionnaire::no-remediation",
                    format!("root cause `{}` has no remediation steps", c.id.value),
                    span_of(&c.remediation),
                    "empty list",
                )
                .help = Some("list concrete steps, first step first".to_owned());
            }
            let remediation = c.remediation.value.iter().map(|s| self.step(s, ix)).collect();
            out.push(Cause {
                id: c.id.value.clone(),
                title,
                group,
                element,
                summary,
                not_the_reps,
                remediation,
                leads_to: Vec::new(),
                sources: c.sources.iter().map(|s| s.value.trim().to_owned()).collect(),
            });
        }
        self.causal_links(raw, &mut out);
        out
    }

    fn step(&mut self, raw: &Spanned<RawStep>, cause: CauseIx) -> Step {
        match &raw.value {
            RawStep::Text(text) => {
                let spanned = Spanned {
                    value: text.clone(),
                    referenced: raw.referenced,
                    defined: raw.defined,
                };
                Step {
                    text: self.text(&spanned, "remediation step"),
                    when: None,
                    owner: None,
                }
            }
            RawStep::Detailed(d) => Step {
                text: self.text(&d.step, "remediation step"),
                when: d
                    .when
                    .as_ref()
                    .and_then(|w| self.condition(w, Scope::Step(cause))),
                owner: d.owner.as_ref().map(|o| owner(o.value)),
            },
        }
    }

    /// Resolves every `leads_to:` and refuses links that name no cause, a
    /// cause itself, the same cause twice, or close a loop: a cause cannot be
    /// its own consequence, however far round.
    fn causal_links(&mut self, raw: &RawQuestionnaire, causes: &mut [Cause]) {
        let mut spans: Vec<Vec<SourceSpan>> = vec![Vec::new(); causes.len()];
        for (ix, cause) in raw.causes.value.iter().enumerate() {
            let c = &cause.value;
            for link in &c.leads_to {
                let Some(&target) = self.causes.get(&link.value) else {
                    let hint = self.suggester.hint(
                        &link.value,
                        "root causes",
                        raw.causes.value.len(),
                        raw.causes.value.iter().map(|c| c.value.id.value.as_str()),
                    );
                    self.error(
                        "questionnaire::unknown-cause",
                        format!(
                            "root cause `{}` leads to `{}`, which the catalogue does not define",
                            c.id.value, link.value
                        ),
                        span_of(link),
                        "unknown root cause",
                    )
                    .help = Some(hint);
                    continue;
                };
                if ix >= causes.len() || self.cause_ids.get(target).is_none() {
                    continue;
                }
                if target == ix {
                    self.error(
                        "questionnaire::causal-loop",
                        format!("root cause `{}` leads to itself", c.id.value),
                        span_of(link),
                        "itself",
                    )
                    .help = Some("remove this link: a cause cannot be its own consequence".to_owned());
                } else if causes[ix].leads_to.contains(&target) {
                    self.error(
                        "questionnaire::duplicate-link",
                        format!("root cause `{}` leads to `{}` twice", c.id.value, link.value),
                        span_of(link),
                        "second time",
                    );
                } else {
                    causes[ix].leads_to.push(target);
                    spans[ix].push(span_of(link));
                }
            }
        }
        // Report each loop once, at the link that closes it: the first link
        // round the loop that points back to a cause earlier in the file.
        while let Some(path) = find_loop(causes) {
            let shown: Vec<&str> = path.iter().map(|&c| causes[c].id.as_str()).collect();
            let (from, to) = path
                .windows(2)
                .map(|w| (w[0], w[1]))
                .find(|(a, b)| b <= a)
                .unwrap_or((path[0], path[1]));
            let pos = causes[from].leads_to.iter().position(|&t| t == to).unwrap_or(0);
            let span = spans[from][pos];
            self.error(
                "questionnaire::causal-loop",
                format!("the causal links form a loop: {}", shown.join(" → ")),
                span,
                "closes the loop",
            )
            .help = Some(
                "`leads_to` points from a cause to its consequences; a consequence cannot lead back to its cause"
                    .to_owned(),
            );
            causes[from].leads_to.remove(pos);
            spans[from].remove(pos);
        }
    }

    pub(super) fn rules(&mut self, raw: &RawQuestionnaire) -> Vec<Rule> {
        self.rule_ids = raw.rules.value.iter().map(|r| r.value.id.value.clone()).collect();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        for (ix, rule) in raw.rules.value.iter().enumerate() {
            let r = &rule.value;
            let short = self.id_length(&r.id, "rule");
            let shape_ok = short && is_dotted_kebab(&r.id.value);
            if short && !shape_ok {
                self.error(
                    "questionnaire::bad-id",
                    format!("the rule id `{}` is not kebab-case", r.id.value),
                    span_of(&r.id),
                    "lowercase letters, digits, hyphens and dots only",
                )
                .help = Some(format!("try `{}`", suggest_kebab(&r.id.value, true)));
            }
            if ids.insert(r.id.value.clone(), ix).is_some() {
                self.error(
                    "questionnaire::duplicate-id",
                    format!("the rule id `{}` is used twice", r.id.value),
                    span_of(&r.id),
                    "second use",
                );
            }
            let cause = match self.causes.get(&r.cause.value) {
                Some(&c) => Some(c),
                None => {
                    let hint = self.suggester.hint(
                        &r.cause.value,
                        "root causes",
                        raw.causes.value.len(),
                        raw.causes.value.iter().map(|c| c.value.id.value.as_str()),
                    );
                    self.error(
                        "questionnaire::unknown-cause",
                        format!(
                            "rule `{}` supports the root cause `{}`, which the catalogue does not define",
                            r.id.value, r.cause.value
                        ),
                        span_of(&r.cause),
                        "unknown root cause",
                    )
                    .help = Some(hint);
                    None
                }
            };
            let when = self.condition(&r.when, Scope::Rule(ix));
            let evidence = self.template(&r.evidence);
            if let (Some(cause), Some(when), Some(evidence)) = (cause, when, evidence) {
                let mut reads = Vec::new();
                when.questions(&mut reads);
                if when.reads_key_metrics() {
                    reads.extend(
                        self.built
                            .iter()
                            .enumerate()
                            .filter(|(_, q)| q.key)
                            .map(|(ix, _)| ix),
                    );
                }
                reads.sort_unstable();
                reads.dedup();
                out.push(Rule {
                    id: r.id.value.clone(),
                    cause,
                    severity: match r.severity.value {
                        RawSeverity::Low => Severity::Low,
                        RawSeverity::Medium => Severity::Medium,
                        RawSeverity::High => Severity::High,
                    },
                    when,
                    evidence,
                    reads,
                });
            }
        }
        out
    }

    fn template(&mut self, raw: &Spanned<String>) -> Option<Template> {
        let source = raw.value.trim().to_owned();
        if source.is_empty() {
            self.text(raw, "evidence sentence");
            return None;
        }
        match parse_template(&source) {
            Ok(parts) => {
                let mut out = Vec::new();
                let mut ok = true;
                for part in parts {
                    match part {
                        Piece::Text(t) => out.push(TemplatePart::Text(t)),
                        Piece::Field(id) if id == UNKNOWN_KEY_METRICS_FIELD => {
                            if !self.built.iter().any(|q| q.key) {
                                ok = false;
                                self.error(
                                    "questionnaire::no-key-metrics",
                                    format!("the evidence sentence quotes `{{{id}}}`, but no question is marked `key: true`"),
                                    span_of(raw),
                                    "no key metric to quote",
                                )
                                .help = Some("mark the outcome metrics with `key: true`, or drop the placeholder".to_owned());
                            }
                            out.push(TemplatePart::UnknownKeyMetrics);
                        }
                        Piece::Field(id) => match self.questions.get(&id) {
                            Some(&q) => out.push(TemplatePart::Answer(q)),
                            None => {
                                ok = false;
                                let hint = self.suggester.hint(
                                    &id,
                                    "questions",
                                    self.question_ids.len(),
                                    self.question_ids.iter().map(String::as_str),
                                );
                                self.error(
                                    "questionnaire::unknown-question",
                                    format!("the evidence sentence quotes `{{{id}}}`, but no question has the id `{id}`"),
                                    span_of(raw),
                                    "unknown placeholder",
                                )
                                .help = Some(hint);
                            }
                        },
                    }
                }
                ok.then_some(Template { source, parts: out })
            }
            Err(message) => {
                self.error(
                    "questionnaire::bad-template",
                    message,
                    span_of(raw),
                    "in this sentence",
                )
                .help = Some(
                    "quote an answer with `{question-id}`; write `{{` or `}}` for a literal brace".to_owned(),
                );
                None
            }
        }
    }
}

/// The placeholder that quotes how many key metrics are unknown; question
/// ids cannot hold an underscore, so it never hides one.
const UNKNOWN_KEY_METRICS_FIELD: &str = "unknown_key_metrics";

enum Piece {
    Text(String),
    Field(String),
}

fn parse_template(source: &str) -> Result<Vec<Piece>, String> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = source;
    while let Some(at) = rest.find(['{', '}']) {
        text.push_str(&rest[..at]);
        let brace = &rest[at..];
        if brace.starts_with("{{") || brace.starts_with("}}") {
            text.push_str(&brace[..1]);
            rest = &brace[2..];
        } else if brace.starts_with('}') {
            return Err("the evidence sentence has a `}` with no opening `{`".to_owned());
        } else {
            let Some(close) = brace.find('}') else {
                return Err(format!("the placeholder `{brace}` is never closed"));
            };
            let field = brace[1..close].trim();
            if field.is_empty() {
                return Err("the evidence sentence has an empty placeholder `{}`".to_owned());
            }
            if !text.is_empty() {
                parts.push(Piece::Text(std::mem::take(&mut text)));
            }
            parts.push(Piece::Field(field.to_owned()));
            rest = &brace[close + 1..];
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(Piece::Text(text));
    }
    Ok(parts)
}

fn owner(raw: RawOwner) -> Owner {
    match raw {
        RawOwner::Ceo => Owner::Ceo,
        RawOwner::SalesLeader => Owner::SalesLeader,
        RawOwner::SalesManager => Owner::SalesManager,
        RawOwner::SalesOps => Owner::SalesOps,
        RawOwner::Marketing => Owner::Marketing,
        RawOwner::Hr => Owner::Hr,
        RawOwner::Finance => Owner::Finance,
        RawOwner::Product => Owner::Product,
        RawOwner::Operations => Owner::Operations,
        RawOwner::CustomerSuccess => Owner::CustomerSuccess,
    }
}

/// A loop of causal links, as the path of causes from the first cause (in
/// file order) that lies on one, round to itself.
fn find_loop(causes: &[Cause]) -> Option<Vec<CauseIx>> {
    for (from, cause) in causes.iter().enumerate() {
        for &to in &cause.leads_to {
            if let Some(path) = path_between(causes, to, from) {
                let mut full = vec![from];
                full.extend(path);
                return Some(full);
            }
        }
    }
    None
}

/// A path of causes from `start` to `goal` along `leads_to`, both included;
/// breadth first, so it is the shortest.
fn path_between(causes: &[Cause], start: CauseIx, goal: CauseIx) -> Option<Vec<CauseIx>> {
    let mut came_from: Vec<Option<CauseIx>> = vec![None; causes.len()];
    let mut seen = vec![false; causes.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    seen[start] = true;
    while let Some(c) = queue.pop_front() {
        if c == goal {
            let mut path = vec![c];
            let mut at = c;
            while let Some(prev) = came_from[at] {
                path.push(prev);
                at = prev;
            }
            path.reverse();
            return Some(path);
        }
        for &next in &causes[c].leads_to {
            if !seen[next] {
                seen[next] = true;
                came_from[next] = Some(c);
                queue.push_back(next);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let parts = parse_template("Only {quota}% made {{quota}}.").unwrap();
        assert_eq!(parts.len(), 3);
        assert!(matches!(&parts[1], Piece::Field(f) if f == "quota"));
        assert!(matches!(&parts[2], Piece::Text(t) if t == "% made {quota}."));
        assert!(parse_template("open {x").is_err());
        assert!(parse_template("stray } here").is_err());
        assert!(parse_template("empty {}").is_err());
    }
}
