//! Questions: ids, types, scales, options and scoring bands.

use std::collections::HashMap;

use super::super::bounds::{
    MAX_MAGNITUDE, MAX_MULTI_POINTS, MAX_OPTIONS, MAX_SCALE_POINT, MAX_WEIGHT, MIN_SCALE_POINT, MIN_WEIGHT,
    usable,
};
use super::super::model::*;
use super::super::raw::*;
use super::{Builder, Scope, is_kebab, suggest_kebab};
use crate::diagnostic::number;
use crate::yaml::{Spanned, span_of};

impl Builder {
    pub(super) fn questions(&mut self, raw: &RawQuestionnaire) -> Vec<Question> {
        if raw.questions.value.is_empty() {
            self.error(
                "questionnaire::no-questions",
                "the questionnaire has no questions",
                span_of(&raw.questions),
                "empty list",
            );
        }
        // Register every id first so a reference to a later question can be
        // told apart from a reference to one that does not exist.
        for (ix, q) in raw.questions.value.iter().enumerate() {
            self.id(&q.value.id, "question", true, |b| &mut b.questions, ix);
            self.question_ids.push(q.value.id.value.clone());
        }
        for (ix, q) in raw.questions.value.iter().enumerate() {
            let question = self.question(&q.value, ix);
            self.built.push(question);
        }
        self.built.clone()
    }

    fn question(&mut self, raw: &RawQuestion, ix: QuestionIx) -> Question {
        let (element, group) = match self.elements.get(&raw.element.value) {
            Some(&e) => (e, self.element_list[e].group),
            None => {
                let hint = self.suggester.hint(
                    &raw.element.value,
                    "elements and macro culprits",
                    self.element_list.len(),
                    self.element_list.iter().map(|e| e.id.as_str()),
                );
                self.error(
                    "questionnaire::unknown-element",
                    format!(
                        "question `{}` names the element `{}`, which no bucket or macro culprit defines",
                        raw.id.value, raw.element.value
                    ),
                    span_of(&raw.element),
                    "unknown element",
                )
                .help = Some(hint);
                (0, 0)
            }
        };
        let text = self.text(&raw.text, "question text");
        let scored = raw.scored.as_ref().is_none_or(|s| s.value);
        let weight = match &raw.weight {
            Some(w) if !(w.value.is_finite() && w.value > 0.0) => {
                self.error(
                    "questionnaire::bad-weight",
                    format!(
                        "the weight of question `{}` must be a positive number, not {}",
                        raw.id.value,
                        number(w.value)
                    ),
                    span_of(w),
                    "must be > 0",
                )
                .help = Some("use `scored: false` for a question that should count in no score".to_owned());
                1.0
            }
            Some(w) if !(MIN_WEIGHT..=MAX_WEIGHT).contains(&w.value) => {
                self.error(
                    "questionnaire::bad-weight",
                    format!(
                        "the weight of question `{}` is {}; weights go from {} to {}",
                        raw.id.value,
                        number(w.value),
                        number(MIN_WEIGHT),
                        number(MAX_WEIGHT)
                    ),
                    span_of(w),
                    "out of range",
                )
                .help = Some(
                    "weights compare questions with one another: 1 is usual, 2 or 3 for a question that counts double or triple"
                        .to_owned(),
                );
                1.0
            }
            Some(w) => w.value,
            None => 1.0,
        };
        for (name, field) in [("min", &raw.min), ("max", &raw.max)] {
            if let Some(field) = field {
                self.usable_number(field, &raw.id.value, name);
            }
        }
        if let Some(base) = &raw.base
            && !(base.value.is_finite() && base.value.abs() <= MAX_MULTI_POINTS)
        {
            self.error(
                "questionnaire::bad-number",
                format!(
                    "question `{}` has the base {}; a base goes from -100 to 100 points",
                    raw.id.value,
                    number(base.value)
                ),
                span_of(base),
                "out of range",
            )
            .help = Some(
                "the base and the points of the options chosen add up to the score, kept within 0–100"
                    .to_owned(),
            );
        }
        let kind = self.kind(raw);
        let show_if = raw
            .show_if
            .as_ref()
            .and_then(|c| self.condition(c, Scope::ShowIf(ix)));
        Question {
            id: raw.id.value.clone(),
            element,
            group,
            text,
            help: raw
                .help
                .as_ref()
                .map(|h| h.value.trim().to_owned())
                .filter(|h| !h.is_empty()),
            weight,
            scored,
            key: raw.key.as_ref().is_some_and(|k| k.value),
            kind,
            not_applicable: raw
                .not_applicable
                .as_ref()
                .map(|r| self.text(r, "not-applicable reason")),
            show_if,
        }
    }

    /// Refuses a number that is infinite or beyond ±10^15; returns whether it is usable.
    fn usable_number(&mut self, field: &Spanned<f64>, id: &str, name: &str) -> bool {
        if usable(field.value) {
            return true;
        }
        let (message, label) = if field.value.is_finite() {
            (
                format!(
                    "question `{id}` has `{name}: {}`, beyond ±{}, the largest magnitude ecodiag accepts",
                    number(field.value),
                    number(MAX_MAGNITUDE)
                ),
                "too large",
            )
        } else {
            (
                format!(
                    "question `{id}` has the number {}, which cannot be used",
                    number(field.value)
                ),
                "not a finite number",
            )
        };
        self.error("questionnaire::bad-number", message, span_of(field), label)
            .help = Some("write a plain number such as `0` or `100`".to_owned());
        false
    }

    /// Rejects a field that belongs to another question type.
    fn forbid<T>(&mut self, field: &Option<Spanned<T>>, name: &str, id: &str, kind: RawKind, used_by: &str) {
        if let Some(f) = field {
            self.error(
                "questionnaire::field-not-for-type",
                format!("question `{id}` is of type {} but has `{name}:`", kind_name(kind)),
                span_of(f),
                format!("`{name}` is used by {used_by} questions"),
            )
            .help = Some(format!("remove `{name}:` or change the question's `type`"));
        }
    }

    fn kind(&mut self, raw: &RawQuestion) -> QuestionKind {
        let id = raw.id.value.as_str();
        let kind = raw.kind.value;
        if kind != RawKind::Scale {
            self.forbid(&raw.scale, "scale", id, kind, "scale");
        }
        if kind != RawKind::YesNo {
            self.forbid(&raw.healthy, "healthy", id, kind, "yes-no");
        }
        if !matches!(kind, RawKind::Choice | RawKind::Multi) {
            self.forbid(&raw.options, "options", id, kind, "choice and multi");
        }
        if kind != RawKind::Multi {
            self.forbid(&raw.base, "base", id, kind, "multi");
        }
        if !matches!(kind, RawKind::Number | RawKind::Percent) {
            self.forbid(&raw.bands, "bands", id, kind, "number and percent");
        }
        if kind != RawKind::Number {
            self.forbid(&raw.unit, "unit", id, kind, "number");
            self.forbid(&raw.min, "min", id, kind, "number");
            self.forbid(&raw.max, "max", id, kind, "number");
            self.forbid(&raw.integer, "integer", id, kind, "number");
        }
        match kind {
            RawKind::Scale => self.scale(raw),
            RawKind::YesNo => QuestionKind::YesNo {
                healthy: raw.healthy.as_ref().is_none_or(|h| h.value == RawYesNo::Yes),
            },
            RawKind::Choice => QuestionKind::Choice {
                options: self.options(raw, false),
            },
            RawKind::Multi => QuestionKind::Multi {
                options: self.options(raw, true),
                base: raw.base.as_ref().map_or(0.0, |b| b.value),
            },
            RawKind::Number => {
                let min = raw.min.as_ref().map(|m| m.value);
                let max = raw.max.as_ref().map(|m| m.value);
                if let (Some(lo), Some(hi)) = (&raw.min, &raw.max)
                    && lo.value > hi.value
                {
                    self.error(
                        "questionnaire::bad-range",
                        format!(
                            "question `{id}` has min {} above max {}",
                            number(lo.value),
                            number(hi.value)
                        ),
                        span_of(hi),
                        "max is below min",
                    );
                }
                let (unit, unit_one) = self.unit(raw);
                QuestionKind::Number(NumberSpec {
                    unit,
                    unit_one,
                    min,
                    max,
                    integer: raw.integer.as_ref().is_some_and(|i| i.value),
                    bands: self.bands_if_scored(raw),
                })
            }
            RawKind::Percent => QuestionKind::Percent(NumberSpec {
                unit: Some("%".to_owned()),
                unit_one: Some("%".to_owned()),
                min: Some(0.0),
                max: Some(100.0),
                integer: false,
                bands: self.bands_if_scored(raw),
            }),
        }
    }

    /// A number's unit in its plural and singular forms.
    fn unit(&mut self, raw: &RawQuestion) -> (Option<String>, Option<String>) {
        let Some(unit) = &raw.unit else {
            return (None, None);
        };
        let (other, one) = match &unit.value {
            RawUnit::Plural(text) => (text.trim().to_owned(), singular(text.trim())),
            RawUnit::Forms(forms) => (forms.other.trim().to_owned(), forms.one.trim().to_owned()),
        };
        if other.is_empty() || one.is_empty() {
            self.error(
                "questionnaire::empty-text",
                format!("question `{}` has an empty unit", raw.id.value),
                span_of(unit),
                "empty unit",
            )
            .help = Some("write the unit, e.g. `unit: months`, or leave `unit:` out".to_owned());
            return (None, None);
        }
        (Some(other), Some(one))
    }

    fn scale(&mut self, raw: &RawQuestion) -> QuestionKind {
        let id = &raw.id.value;
        let Some(scale) = &raw.scale else {
            self.error(
                "questionnaire::missing-scale",
                format!("scale question `{id}` has no `scale:` labels"),
                span_of(&raw.kind),
                "type is scale",
            )
            .help = Some(
                "add `scale:` with a label for every point, e.g. `1: \"No written process\"`".to_owned(),
            );
            return QuestionKind::Scale {
                min: 1,
                labels: vec![],
            };
        };
        let points = &scale.value;
        let (Some((&ScalePoint(min), _)), Some((&ScalePoint(max), _))) =
            (points.first_key_value(), points.last_key_value())
        else {
            self.error(
                "questionnaire::missing-scale",
                format!("scale question `{id}` has an empty `scale:`"),
                span_of(scale),
                "no points",
            );
            return QuestionKind::Scale {
                min: 1,
                labels: vec![],
            };
        };
        // Checked before the points in between are walked: a scale from 1 to
        // a trillion would otherwise be a trillion missing labels.
        if min < MIN_SCALE_POINT || max > MAX_SCALE_POINT {
            let (&point, at) = if min < MIN_SCALE_POINT {
                points.first_key_value().map(|(p, l)| (&p.0, l)).expect("checked")
            } else {
                points.last_key_value().map(|(p, l)| (&p.0, l)).expect("checked")
            };
            self.error(
                "questionnaire::bad-scale",
                format!(
                    "scale question `{id}` has the point {point}; scale points go from {MIN_SCALE_POINT} to {MAX_SCALE_POINT}"
                ),
                span_of(at),
                "out of range",
            )
            .help = Some("number the points of a scale 1, 2, 3… (or 0–10), with a label on each".to_owned());
            return QuestionKind::Scale {
                min: 1,
                labels: vec![],
            };
        }
        if points.len() < 2 {
            self.error(
                "questionnaire::short-scale",
                format!("scale question `{id}` has a single point; a scale needs at least two"),
                span_of(scale),
                "one point",
            );
        }
        let mut labels = Vec::new();
        for point in min..=max {
            match points.get(&ScalePoint(point)) {
                Some(label) if !label.value.trim().is_empty() => labels.push(label.value.trim().to_owned()),
                Some(label) => {
                    self.error(
                        "questionnaire::unlabelled-point",
                        format!("point {point} of scale question `{id}` has an empty label"),
                        span_of(label),
                        "empty label",
                    )
                    .help = Some(
                        "anchor every point in observable terms (what exists, how often, who uses it)"
                            .to_owned(),
                    );
                    labels.push(String::new());
                }
                None => {
                    self.error(
                        "questionnaire::unlabelled-point",
                        format!("point {point} of scale question `{id}` (from {min} to {max}) has no label"),
                        span_of(scale),
                        "missing a point",
                    )
                    .help = Some(format!(
                        "add `{point}: \"…\"` so every point a respondent can pick says what it means"
                    ));
                    labels.push(String::new());
                }
            }
        }
        QuestionKind::Scale { min, labels }
    }

    fn options(&mut self, raw: &RawQuestion, multi: bool) -> Vec<ChoiceOption> {
        let id = &raw.id.value;
        let Some(options) = &raw.options else {
            self.error(
                "questionnaire::missing-options",
                format!("question `{id}` has no `options:`"),
                span_of(&raw.kind),
                "this type needs options",
            )
            .help = Some("add `options:` with `id`, `label` and `score` for each".to_owned());
            return vec![];
        };
        if options.value.len() < 2 {
            self.error(
                "questionnaire::too-few-options",
                format!("question `{id}` needs at least two options"),
                span_of(options),
                "fewer than two",
            );
        }
        if options.value.len() > MAX_OPTIONS {
            self.error(
                "questionnaire::too-many-options",
                format!(
                    "question `{id}` has {} options; a question has at most {MAX_OPTIONS}",
                    options.value.len()
                ),
                span_of(&options.value[MAX_OPTIONS]),
                "one too many",
            )
            .help = Some("group the options, or split the question in two".to_owned());
        }
        let mut seen: HashMap<&str, ()> = HashMap::new();
        let mut out = Vec::new();
        // Past the limit, options are not read: rules can still name the first ones.
        for option in options.value.iter().take(MAX_OPTIONS) {
            let o = &option.value;
            if self.id_length(&o.id, "option") && !is_kebab(&o.id.value) {
                self.error(
                    "questionnaire::bad-id",
                    format!("the option id `{}` is not kebab-case", o.id.value),
                    span_of(&o.id),
                    "lowercase letters, digits and hyphens only",
                )
                .help = Some(format!("try `{}`", suggest_kebab(&o.id.value, false)));
            }
            if seen.insert(o.id.value.as_str(), ()).is_some() {
                self.error(
                    "questionnaire::duplicate-id",
                    format!("question `{id}` has two options with the id `{}`", o.id.value),
                    span_of(&o.id),
                    "second use",
                );
            }
            let range_ok = if multi {
                o.score.value.is_finite() && (-100.0..=100.0).contains(&o.score.value)
            } else {
                o.score.value.is_finite() && (0.0..=100.0).contains(&o.score.value)
            };
            if !range_ok {
                let range = if multi { "-100 to 100 points" } else { "0 to 100" };
                self.error(
                    "questionnaire::bad-score",
                    format!(
                        "option `{}` of question `{id}` scores {}, outside {range}",
                        o.id.value,
                        number(o.score.value)
                    ),
                    span_of(&o.score),
                    "out of range",
                );
            }
            let label = self.text(&o.label, "option label");
            let exclusive = o.exclusive.as_ref().is_some_and(|e| e.value);
            if exclusive && !multi {
                self.error(
                    "questionnaire::field-not-for-type",
                    format!(
                        "option `{}` of choice question `{id}` is marked exclusive",
                        o.id.value
                    ),
                    span_of(o.exclusive.as_ref().expect("checked")),
                    "only multi options can be exclusive",
                );
            }
            out.push(ChoiceOption {
                id: o.id.value.clone(),
                label,
                score: o.score.value,
                exclusive,
            });
        }
        out
    }

    /// Bands score a number; an unscored number needs none (but may have them).
    fn bands_if_scored(&mut self, raw: &RawQuestion) -> Vec<Band> {
        let scored = raw.scored.as_ref().is_none_or(|s| s.value);
        if !scored && raw.bands.is_none() {
            return Vec::new();
        }
        self.bands(raw)
    }

    fn bands(&mut self, raw: &RawQuestion) -> Vec<Band> {
        let id = &raw.id.value;
        let Some(bands) = &raw.bands else {
            self.error(
                "questionnaire::missing-bands",
                format!("question `{id}` has no scoring `bands:`"),
                span_of(&raw.kind),
                "numbers are scored through bands",
            )
            .help = Some("add `bands:`, e.g. `- { at_most: 3, score: 100, label: healthy }` then `- { above: 3, score: 0 }`".to_owned());
            return vec![];
        };
        let mut out = Vec::new();
        for band in &bands.value {
            let b = &band.value;
            for bound in [&b.above, &b.at_least, &b.below, &b.at_most]
                .into_iter()
                .flatten()
            {
                if !bound.value.is_finite() {
                    self.error(
                        "questionnaire::bad-number",
                        format!(
                            "a band of question `{id}` has the bound {}, which cannot be used",
                            number(bound.value)
                        ),
                        span_of(bound),
                        "not a finite number",
                    )
                    .help = Some("leave the bound out for an open-ended band".to_owned());
                } else if !usable(bound.value) {
                    self.error(
                        "questionnaire::bad-number",
                        format!(
                            "a band of question `{id}` has the bound {}, beyond ±{}, the largest magnitude ecodiag accepts",
                            number(bound.value),
                            number(MAX_MAGNITUDE)
                        ),
                        span_of(bound),
                        "too large",
                    )
                    .help = Some("leave the bound out for an open-ended band".to_owned());
                }
            }
            let lower = match (&b.above, &b.at_least) {
                (Some(_), Some(x)) => {
                    self.error(
                        "questionnaire::bad-band",
                        "a band takes `above` or `at_least`, not both",
                        span_of(x),
                        "second lower bound",
                    );
                    Bound::Inclusive(x.value)
                }
                (Some(x), None) => Bound::Exclusive(x.value),
                (None, Some(x)) => Bound::Inclusive(x.value),
                (None, None) => Bound::Open,
            };
            let upper = match (&b.below, &b.at_most) {
                (Some(_), Some(x)) => {
                    self.error(
                        "questionnaire::bad-band",
                        "a band takes `below` or `at_most`, not both",
                        span_of(x),
                        "second upper bound",
                    );
                    Bound::Inclusive(x.value)
                }
                (Some(x), None) => Bound::Exclusive(x.value),
                (None, Some(x)) => Bound::Inclusive(x.value),
                (None, None) => Bound::Open,
            };
            if !(0.0..=100.0).contains(&b.score.value) {
                self.error(
                    "questionnaire::bad-score",
                    format!(
                        "a band of question `{id}` scores {}, outside 0 to 100",
                        number(b.score.value)
                    ),
                    span_of(&b.score),
                    "out of range",
                );
            }
            out.push(Band {
                lower,
                upper,
                score: b.score.value,
                label: b.label.as_ref().map(|l| l.value.trim().to_owned()),
            });
        }
        self.check_band_cover(&out, bands, id);
        out
    }

    /// Bands must tile the number line from the lowest to the highest without
    /// gaps or overlaps, each touching the next at exactly one inclusive end.
    fn check_band_cover(&mut self, bands: &[Band], at: &Spanned<Vec<Spanned<RawBand>>>, id: &str) {
        let span = span_of(at);
        if bands.is_empty() {
            self.error(
                "questionnaire::missing-bands",
                format!("question `{id}` has an empty `bands:` list"),
                span,
                "no bands",
            );
            return;
        }
        if bands[0].lower != Bound::Open {
            self.error(
                "questionnaire::band-gap",
                format!(
                    "the first band of question `{id}` has a lower bound, so smaller values score nothing"
                ),
                span_of(&at.value[0]),
                "first band",
            )
            .help = Some(
                "list bands from the lowest values up and leave the first without `above`/`at_least`"
                    .to_owned(),
            );
        }
        if bands[bands.len() - 1].upper != Bound::Open {
            self.error(
                "questionnaire::band-gap",
                format!(
                    "the last band of question `{id}` has an upper bound, so larger values score nothing"
                ),
                span_of(&at.value[bands.len() - 1]),
                "last band",
            )
            .help = Some("leave the last band without `below`/`at_most`".to_owned());
        }
        for (i, pair) in bands.windows(2).enumerate() {
            let meets = match (pair[0].upper, pair[1].lower) {
                (Bound::Inclusive(a), Bound::Exclusive(b)) | (Bound::Exclusive(a), Bound::Inclusive(b)) => {
                    a == b
                }
                _ => false,
            };
            if !meets {
                self.error(
                    "questionnaire::band-gap",
                    format!(
                        "bands {} and {} of question `{id}` leave a gap or overlap ({} then {})",
                        i + 1,
                        i + 2,
                        pair[0].range_text(),
                        pair[1].range_text()
                    ),
                    span_of(&at.value[i + 1]),
                    "does not start where the previous band ends",
                )
                .help = Some(
                    "make each band start where the previous one stops, e.g. `at_most: 3` then `above: 3`"
                        .to_owned(),
                );
            }
        }
    }
}

fn kind_name(kind: RawKind) -> &'static str {
    match kind {
        RawKind::Scale => "scale",
        RawKind::YesNo => "yes-no",
        RawKind::Choice => "choice",
        RawKind::Multi => "multi",
        RawKind::Number => "number",
        RawKind::Percent => "percent",
    }
}

/// The singular of a plural unit: its first word without the final `s`
/// (`hours a month` → `hour a month`). Words ending in `ss`, `us` or `is`
/// (`gross`, `status`, `basis`) and words without a final `s` keep their form;
/// irregular plurals take `{ one, other }`.
pub(super) fn singular(unit: &str) -> String {
    let (first, rest) = unit.split_at(unit.find(' ').unwrap_or(unit.len()));
    let keep = first.len() <= 1
        || !first.ends_with('s')
        || first.ends_with("ss")
        || first.ends_with("us")
        || first.ends_with("is");
    if keep {
        unit.to_owned()
    } else {
        format!("{}{rest}", &first[..first.len() - 1])
    }
}

#[cfg(test)]
mod unit_tests {
    use super::singular;

    #[test]
    fn a_plural_unit_has_a_singular() {
        for (plural, one) in [
            ("hours", "hour"),
            ("hours a month", "hour a month"),
            ("changes", "change"),
            ("days", "day"),
            ("%", "%"),
            ("status", "status"),
            ("gross", "gross"),
            ("kg", "kg"),
            ("people", "people"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }
}
