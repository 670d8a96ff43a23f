//! Condition trees: resolved against the questionnaire and typed against
//! each question, so a rule can only test what its question can answer.

use miette::SourceSpan;

use super::super::bounds::{MAX_MAGNITUDE, usable};
use super::super::model::*;
use super::super::raw::*;
use super::{Builder, Scope};
use crate::diagnostic::number;
use crate::yaml::{Spanned, span_of};

/// `overall: unknown-key-metrics`: the share of key metrics unknown.
const UNKNOWN_KEY_METRICS: &str = "unknown-key-metrics";

impl Builder {
    pub(super) fn condition(&mut self, node: &Spanned<Box<RawCondition>>, scope: Scope) -> Option<Condition> {
        let c = &node.value;
        let span = span_of(node);
        let combinators = [c.all.is_some(), c.any.is_some(), c.not.is_some(), c.of.is_some()];
        let subjects = [
            c.question.is_some(),
            c.score.is_some(),
            c.element.is_some(),
            c.bucket.is_some(),
            c.overall.is_some(),
        ];
        let n_comb = combinators.iter().filter(|b| **b).count();
        let n_subj = subjects.iter().filter(|b| **b).count();
        if n_comb + n_subj == 0 {
            self.error(
                "questionnaire::empty-condition",
                "this condition names nothing to test",
                span,
                "condition",
            )
            .help = Some("start with `all:`, `any:`, `not:`, `of:` or a subject: `question:`, `score:`, `element:`, `bucket:`, `overall:`".to_owned());
            return None;
        }
        if n_comb + n_subj > 1 {
            self.error(
                "questionnaire::mixed-condition",
                "a condition node holds one combinator or one subject, not several",
                span,
                "several at once",
            )
            .help = Some("wrap them in `all:` (every one must hold) or `any:` (one is enough)".to_owned());
            return None;
        }
        if n_comb == 1 {
            return self.combinator(c, span, scope);
        }
        if let Some(q) = &c.question {
            return self.answer_condition(c, q, scope);
        }
        if let Scope::ShowIf(_) = scope {
            self.error(
                "questionnaire::show-if-score",
                "`show_if` can only test earlier answers, not scores",
                span,
                "score test in show_if",
            )
            .help = Some("use `question:` with `equals`, `in`, or a comparison".to_owned());
            return None;
        }
        let subject = self.score_subject(c)?;
        if !self.only_comparisons(c, span, "a score") {
            return None;
        }
        if !self.comparisons_reachable(c, span, (Some(0.0), Some(100.0)), "a score runs from 0 to 100") {
            return None;
        }
        let cmps = comparisons(c);
        Some(Condition::Score(subject, cmps))
    }

    fn combinator(&mut self, c: &RawCondition, span: SourceSpan, scope: Scope) -> Option<Condition> {
        let stray = c.equals.is_some()
            || c.one_of.is_some()
            || c.includes.is_some()
            || c.above.is_some()
            || c.below.is_some()
            || c.at_most.is_some()
            || c.answered.is_some()
            || c.unknown.is_some()
            || c.not_applicable.is_some()
            || (c.at_least.is_some() && c.of.is_none());
        if stray {
            self.error(
                "questionnaire::stray-test",
                "a test such as `equals` or `below` sits next to a combinator, where it means nothing",
                span,
                "combinator with a test",
            )
            .help = Some(
                "tests belong inside a node with a subject, e.g. `{ question: ramp-months, above: 6 }`"
                    .to_owned(),
            );
            return None;
        }
        let list = |this: &mut Self,
                    list: &Spanned<Vec<Spanned<Box<RawCondition>>>>,
                    name: &str|
         -> Option<Vec<Condition>> {
            if list.value.is_empty() {
                this.error(
                    "questionnaire::empty-condition",
                    format!("`{name}:` has an empty list"),
                    span_of(list),
                    "empty",
                );
                return None;
            }
            let built: Vec<Option<Condition>> = list.value.iter().map(|n| this.condition(n, scope)).collect();
            built.into_iter().collect()
        };
        if let Some(all) = &c.all {
            return list(self, all, "all").map(Condition::All);
        }
        if let Some(any) = &c.any {
            return list(self, any, "any").map(Condition::Any);
        }
        if let Some(not) = &c.not {
            return self.condition(not, scope).map(|c| Condition::Not(Box::new(c)));
        }
        let of = c.of.as_ref().expect("one combinator is set");
        let conditions = list(self, of, "of")?;
        let Some(n) = &c.at_least else {
            self.error(
                "questionnaire::of-needs-count",
                "`of:` needs `at_least: N`",
                span,
                "how many must hold?",
            )
            .help = Some("e.g. `{ at_least: 2, of: [ … ] }`".to_owned());
            return None;
        };
        let count = n.value;
        if count.fract() != 0.0 || count < 1.0 || count > conditions.len() as f64 {
            self.error(
                "questionnaire::of-needs-count",
                format!(
                    "`at_least: {}` must be a whole number from 1 to {}",
                    number(count),
                    conditions.len()
                ),
                span_of(n),
                "bad count",
            );
            return None;
        }
        Some(Condition::AtLeast(count as usize, conditions))
    }

    fn score_subject(&mut self, c: &RawCondition) -> Option<ScoreSubject> {
        if let Some(q) = &c.score {
            let ix = self.question_ref(q, None, Scope::Rule(usize::MAX))?;
            if !self.built_or_raw_scored(ix) {
                self.error(
                    "questionnaire::unscored-question",
                    format!(
                        "`score: {}` reads the score of a question marked `scored: false`",
                        q.value
                    ),
                    span_of(q),
                    "this question has no score",
                )
                .help = Some("test its answer with `question:` instead".to_owned());
                return None;
            }
            return Some(ScoreSubject::Question(ix));
        }
        if let Some(e) = &c.element {
            return match self.elements.get(&e.value) {
                Some(&ix) => Some(ScoreSubject::Element(ix)),
                None => {
                    let hint = self.suggester.hint(
                        &e.value,
                        "elements and macro culprits",
                        self.element_list.len(),
                        self.element_list.iter().map(|e| e.id.as_str()),
                    );
                    self.error(
                        "questionnaire::unknown-element",
                        format!("no element or macro culprit has the id `{}`", e.value),
                        span_of(e),
                        "unknown element",
                    )
                    .help = Some(hint);
                    None
                }
            };
        }
        if let Some(g) = &c.bucket {
            return match self.groups.get(&g.value) {
                Some(&ix) => Some(ScoreSubject::Group(ix)),
                None => {
                    let hint = self.suggester.hint(
                        &g.value,
                        "buckets (and `macro`)",
                        self.group_list.len(),
                        self.group_list.iter().map(|g| g.id.as_str()),
                    );
                    self.error(
                        "questionnaire::unknown-bucket",
                        format!("no bucket has the id `{}`", g.value),
                        span_of(g),
                        "unknown bucket",
                    )
                    .help = Some(hint);
                    None
                }
            };
        }
        let o = c.overall.as_ref().expect("one subject is set");
        match o.value.as_str() {
            "ecosystem" => Some(ScoreSubject::Ecosystem),
            UNKNOWN_KEY_METRICS if self.built.iter().any(|q| q.key) => Some(ScoreSubject::UnknownKeyMetrics),
            UNKNOWN_KEY_METRICS => {
                self.error(
                    "questionnaire::no-key-metrics",
                    "`overall: unknown-key-metrics` reads the questions marked `key: true`, and there are none",
                    span_of(o),
                    "no key metric to read",
                )
                .help = Some(
                    "mark the outcome metrics a healthy company knows (win rate, quota attainment, …) with `key: true`"
                        .to_owned(),
                );
                None
            }
            _ => {
                self.error(
                    "questionnaire::unknown-overall",
                    format!("`overall: {}` is not a figure ecodiag computes", o.value),
                    span_of(o),
                    "expected `ecosystem` or `unknown-key-metrics`",
                )
                .help = Some(
                    "use `overall: ecosystem` for the ecosystem score, `overall: unknown-key-metrics` for the share of key metrics unknown, or `bucket: macro` for the macro culprits"
                        .to_owned(),
                );
                None
            }
        }
    }

    fn built_or_raw_scored(&self, ix: QuestionIx) -> bool {
        // Rules are compiled after every question is built.
        self.built.get(ix).is_none_or(|q| q.scored)
    }

    /// Resolves a question id; in `show_if`, only earlier questions may be read.
    fn question_ref(
        &mut self,
        q: &Spanned<String>,
        before: Option<QuestionIx>,
        scope: Scope,
    ) -> Option<QuestionIx> {
        match self.questions.get(&q.value) {
            Some(&ix) => {
                if let Some(limit) = before
                    && ix >= limit
                {
                    let what = if ix == limit { "itself" } else { "a later question" };
                    self.error(
                        "questionnaire::show-if-order",
                        format!("`show_if` reads `{}`, {what}", q.value),
                        span_of(q),
                        "not asked yet at this point",
                    )
                    .help = Some("a question can depend only on answers given before it; move it after the question it depends on".to_owned());
                    return None;
                }
                Some(ix)
            }
            None => {
                let hint = self.suggester.hint(
                    &q.value,
                    "questions",
                    self.question_ids.len(),
                    self.question_ids.iter().map(String::as_str),
                );
                let context = self.scope_name(scope);
                self.error(
                    "questionnaire::unknown-question",
                    format!("{context} reads `{}`, but no question has that id", q.value),
                    span_of(q),
                    "unknown question",
                )
                .help = Some(hint);
                None
            }
        }
    }

    /// "rule `x`" or "the `show_if` of question `y`", for messages.
    fn scope_name(&self, scope: Scope) -> String {
        match scope {
            Scope::Rule(ix) => self
                .rule_ids
                .get(ix)
                .map_or_else(|| "this rule".to_owned(), |id| format!("rule `{id}`")),
            Scope::ShowIf(ix) => self.question_ids.get(ix).map_or_else(
                || "this `show_if`".to_owned(),
                |id| format!("the `show_if` of question `{id}`"),
            ),
            Scope::Step(ix) => self.cause_ids.get(ix).map_or_else(
                || "this remediation step".to_owned(),
                |id| format!("a remediation step of root cause `{id}`"),
            ),
        }
    }

    fn only_comparisons(&mut self, c: &RawCondition, span: SourceSpan, what: &str) -> bool {
        let other = c.equals.is_some()
            || c.one_of.is_some()
            || c.includes.is_some()
            || c.answered.is_some()
            || c.unknown.is_some()
            || c.not_applicable.is_some();
        let any_cmp = c.above.is_some() || c.at_least.is_some() || c.below.is_some() || c.at_most.is_some();
        if other || !any_cmp {
            self.error(
                "questionnaire::bad-test",
                format!("{what} is tested with `above`, `at_least`, `below` or `at_most`"),
                span,
                "expected a comparison",
            )
            .help = Some("e.g. `{ bucket: sales-operations, below: 50 }`".to_owned());
            return false;
        }
        self.comparisons_consistent(c, span)
    }

    /// Flags comparisons no value in `range` can satisfy, such as `above: 5`
    /// on a scale from 1 to 5, or `below: 0` on a score.
    fn comparisons_reachable(
        &mut self,
        c: &RawCondition,
        span: SourceSpan,
        range: (Option<f64>, Option<f64>),
        what: &str,
    ) -> bool {
        let (lo, hi) = range;
        let unreachable = comparisons(c).into_iter().find(|x| match x.op {
            CmpOp::Above => hi.is_some_and(|hi| x.value >= hi),
            CmpOp::AtLeast => hi.is_some_and(|hi| x.value > hi),
            CmpOp::Below => lo.is_some_and(|lo| x.value <= lo),
            CmpOp::AtMost => lo.is_some_and(|lo| x.value < lo),
        });
        let Some(cmp) = unreachable else {
            return true;
        };
        self.error(
            "questionnaire::never-true",
            format!(
                "{what}, so `{}: {}` never holds and the condition never fires",
                op_name(cmp.op),
                crate::answers::format_number(cmp.value)
            ),
            span,
            "can never hold",
        )
        .help = Some("check the bound and its direction (`above`/`below`)".to_owned());
        false
    }

    /// Flags comparisons that can never hold together, such as `below: 2` with `above: 4`.
    fn comparisons_consistent(&mut self, c: &RawCondition, span: SourceSpan) -> bool {
        let cmps = comparisons(c);
        if let Some(bad) = cmps.iter().find(|x| !x.value.is_finite()) {
            self.error(
                "questionnaire::bad-number",
                format!(
                    "`{}` needs a finite number, not {}",
                    op_name(bad.op),
                    number(bad.value)
                ),
                span,
                "not a usable number",
            )
            .help =
                Some("write a plain number such as `50`; `.inf` and `.nan` compare with nothing".to_owned());
            return false;
        }
        if let Some(bad) = cmps.iter().find(|x| !usable(x.value)) {
            self.error(
                "questionnaire::bad-number",
                format!(
                    "`{}: {}` is beyond ±{}, the largest magnitude ecodiag accepts",
                    op_name(bad.op),
                    number(bad.value),
                    number(MAX_MAGNITUDE)
                ),
                span,
                "too large",
            )
            .help = Some("no answer can reach it; compare with a number in the answers' range".to_owned());
            return false;
        }
        let lo = cmps
            .iter()
            .filter(|x| matches!(x.op, CmpOp::Above | CmpOp::AtLeast))
            .map(|x| (x.value, x.op == CmpOp::Above))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let hi = cmps
            .iter()
            .filter(|x| matches!(x.op, CmpOp::Below | CmpOp::AtMost))
            .map(|x| (x.value, x.op == CmpOp::Below))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let (Some((l, lo_strict)), Some((h, hi_strict))) = (lo, hi)
            && (l > h || (l == h && (lo_strict || hi_strict)))
        {
            self.error(
                "questionnaire::never-true",
                "these comparisons can never hold together, so the condition never fires",
                span,
                "contradictory bounds",
            )
            .help =
                Some("check the direction of `above`/`below`; use `any:` for \"outside a range\"".to_owned());
            return false;
        }
        true
    }

    fn answer_condition(&mut self, c: &RawCondition, q: &Spanned<String>, scope: Scope) -> Option<Condition> {
        let before = match scope {
            Scope::ShowIf(ix) => Some(ix),
            Scope::Rule(_) | Scope::Step(_) => None,
        };
        let ix = self.question_ref(q, before, scope)?;
        let span = span_of(q);
        let tests = [
            c.equals.is_some(),
            c.one_of.is_some(),
            c.includes.is_some(),
            c.above.is_some() || c.at_least.is_some() || c.below.is_some() || c.at_most.is_some(),
            c.answered.is_some(),
            c.unknown.is_some(),
            c.not_applicable.is_some(),
        ];
        let n = tests.iter().filter(|t| **t).count();
        if n != 1 {
            let message = if n == 0 {
                format!("the condition on `{}` has no test", q.value)
            } else {
                format!("the condition on `{}` mixes several kinds of test", q.value)
            };
            self.error("questionnaire::bad-test", message, span, "question condition")
                .help = Some("use one of `equals`, `in`, `includes`, comparisons (`above`, `at_least`, `below`, `at_most`), `answered`, `unknown`, `not_applicable`; combine tests with `all:`".to_owned());
            return None;
        }
        if let Some(flag) = &c.answered {
            return Some(Condition::Answer(ix, AnswerTest::Answered(flag.value)));
        }
        if let Some(flag) = &c.unknown {
            return Some(Condition::Answer(ix, AnswerTest::Unknown(flag.value)));
        }
        if let Some(flag) = &c.not_applicable {
            let allowed = self.built.get(ix).is_none_or(|q| q.not_applicable.is_some());
            if flag.value && !allowed {
                self.error(
                    "questionnaire::never-true",
                    format!(
                        "`{}` cannot be answered `n/a` (it has no `not_applicable:`), so this test never holds",
                        q.value
                    ),
                    span_of(flag),
                    "can never hold",
                )
                .help = Some(format!(
                    "add `not_applicable: \"<when it does not apply>\"` to `{}`, or drop this test",
                    q.value
                ));
                return None;
            }
            return Some(Condition::Answer(ix, AnswerTest::NotApplicable(flag.value)));
        }
        let question_kind = self.kind_of(ix);
        let id = q.value.clone();
        if let Some(values) = &c.includes {
            return match &question_kind {
                QuestionKindRef::Multi(options) => {
                    let ixs = self.option_refs(
                        &id,
                        options,
                        values.value.0.iter().map(|s| (s.as_str(), span_of(values))),
                    )?;
                    Some(Condition::Answer(ix, AnswerTest::Includes(ixs)))
                }
                _ => {
                    self.type_mismatch(&id, &question_kind, "includes", span_of(values));
                    None
                }
            };
        }
        let literals: Vec<(&RawScalar, SourceSpan)> = if let Some(eq) = &c.equals {
            vec![(&eq.value, span_of(eq))]
        } else if let Some(list) = &c.one_of {
            if list.value.is_empty() {
                self.error(
                    "questionnaire::empty-condition",
                    "`in:` has an empty list",
                    span_of(list),
                    "empty",
                );
                return None;
            }
            list.value.iter().map(|v| (&v.value, span_of(v))).collect()
        } else {
            // Comparisons.
            return match &question_kind {
                QuestionKindRef::Numeric { range, .. } => {
                    let whole = span;
                    if !self.comparisons_consistent(c, whole) {
                        return None;
                    }
                    let what = range_text(&id, *range);
                    if !self.comparisons_reachable(c, whole, *range, &what) {
                        return None;
                    }
                    Some(Condition::Answer(ix, AnswerTest::Compare(comparisons(c))))
                }
                _ => {
                    self.type_mismatch(&id, &question_kind, "a comparison", span);
                    None
                }
            };
        };
        let test_name = if c.equals.is_some() { "equals" } else { "in" };
        match &question_kind {
            QuestionKindRef::YesNo => {
                let mut values = Vec::new();
                for (lit, at) in &literals {
                    match lit {
                        RawScalar::Bool(b) => values.push(*b),
                        RawScalar::Text(t) if t == "yes" => values.push(true),
                        RawScalar::Text(t) if t == "no" => values.push(false),
                        other => {
                            self.error(
                                "questionnaire::bad-literal",
                                format!("`{id}` is a yes/no question; it cannot equal `{other}`"),
                                *at,
                                "expected yes or no",
                            );
                            return None;
                        }
                    }
                }
                values.sort_unstable();
                values.dedup();
                match values.as_slice() {
                    [one] => Some(Condition::Answer(ix, AnswerTest::IsBool(*one))),
                    _ => Some(Condition::Answer(ix, AnswerTest::Answered(true))),
                }
            }
            QuestionKindRef::Choice(options) => {
                let mut texts = Vec::new();
                for (lit, at) in &literals {
                    match lit {
                        RawScalar::Text(t) => texts.push((t.as_str(), *at)),
                        other => {
                            self.error(
                                "questionnaire::bad-literal",
                                format!(
                                    "`{id}` is a choice question; compare it with an option id, not `{other}`"
                                ),
                                *at,
                                "expected an option id",
                            )
                            .help = Some(format!("its options are: {}", options.join(", ")));
                            return None;
                        }
                    }
                }
                let ixs = self.option_refs(&id, options, texts.into_iter())?;
                Some(Condition::Answer(ix, AnswerTest::IsOption(ixs)))
            }
            QuestionKindRef::Multi(_) => {
                self.type_mismatch(&id, &question_kind, test_name, literals[0].1);
                None
            }
            QuestionKindRef::Numeric { scale, range } => {
                let mut values = Vec::new();
                for (lit, at) in &literals {
                    let value = match lit {
                        RawScalar::Int(i) if usable(*i as f64) => *i as f64,
                        RawScalar::Float(x) if usable(*x) => *x,
                        RawScalar::Int(_) | RawScalar::Float(_) => {
                            self.error(
                                "questionnaire::bad-number",
                                format!(
                                    "`{lit}` is beyond ±{}, the largest magnitude ecodiag accepts",
                                    number(MAX_MAGNITUDE)
                                ),
                                *at,
                                "too large",
                            )
                            .help = Some(
                                "no answer can reach it; compare with a number in the answers' range"
                                    .to_owned(),
                            );
                            return None;
                        }
                        other => {
                            self.error(
                                "questionnaire::bad-literal",
                                format!("`{id}` takes numbers; it cannot equal `{other}`"),
                                *at,
                                "expected a number",
                            );
                            return None;
                        }
                    };
                    if scale.is_none()
                        && (range.0.is_some_and(|lo| value < lo) || range.1.is_some_and(|hi| value > hi))
                    {
                        self.error(
                            "questionnaire::never-true",
                            format!(
                                "{}; it can never equal {}",
                                range_text(&id, *range),
                                number(value)
                            ),
                            *at,
                            "outside the answers allowed",
                        )
                        .help = Some("check the number, or the question's `min`/`max`".to_owned());
                        return None;
                    }
                    if let Some((min, max)) = scale
                        && (value.fract() != 0.0 || value < *min as f64 || value > *max as f64)
                    {
                        self.error(
                            "questionnaire::bad-literal",
                            format!(
                                "`{id}` is a scale from {min} to {max}; {} is not one of its points",
                                number(value)
                            ),
                            *at,
                            "not a scale point",
                        );
                        return None;
                    }
                    values.push(value);
                }
                Some(Condition::Answer(ix, AnswerTest::IsNumber(values)))
            }
        }
    }

    fn option_refs<'a>(
        &mut self,
        question: &str,
        options: &[String],
        wanted: impl Iterator<Item = (&'a str, SourceSpan)>,
    ) -> Option<Vec<OptionIx>> {
        let mut out = Vec::new();
        let mut ok = true;
        for (id, at) in wanted {
            match options.iter().position(|o| o == id) {
                Some(ix) => out.push(ix),
                None => {
                    ok = false;
                    let hint =
                        self.suggester
                            .hint(id, "options", options.len(), options.iter().map(String::as_str));
                    self.error(
                        "questionnaire::unknown-option",
                        format!("question `{question}` has no option `{id}`"),
                        at,
                        "unknown option",
                    )
                    .help = Some(hint);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        ok.then_some(out)
    }

    fn type_mismatch(&mut self, id: &str, kind: &QuestionKindRef, test: &str, at: SourceSpan) {
        let (what, fits) = match kind {
            QuestionKindRef::YesNo => ("a yes/no question", "`equals: yes` or `equals: no`"),
            QuestionKindRef::Choice(_) => (
                "a choice question",
                "`equals: <option>` or `in: [..]`; compare its score with `score:`",
            ),
            QuestionKindRef::Multi(_) => (
                "a multiple-choice question",
                "`includes: <option>` or `includes: [..]`",
            ),
            QuestionKindRef::Numeric { .. } => (
                "a numeric question",
                "`equals`, `in`, or `above`/`at_least`/`below`/`at_most`",
            ),
        };
        self.error(
            "questionnaire::type-mismatch",
            format!("`{id}` is {what}; it cannot be tested with {test}"),
            at,
            "wrong test for this question type",
        )
        .help = Some(format!("test it with {fits}"));
    }

    /// A question's type as far as conditions care, from the built question
    /// (or, for a rule, any question since all are built by then).
    fn kind_of(&self, ix: QuestionIx) -> QuestionKindRef {
        match self.built.get(ix).map(|q| &q.kind) {
            Some(QuestionKind::YesNo { .. }) => QuestionKindRef::YesNo,
            Some(QuestionKind::Choice { options }) => {
                QuestionKindRef::Choice(options.iter().map(|o| o.id.clone()).collect())
            }
            Some(QuestionKind::Multi { options, .. }) => {
                QuestionKindRef::Multi(options.iter().map(|o| o.id.clone()).collect())
            }
            Some(kind @ QuestionKind::Scale { min, .. }) => {
                let max = kind.scale_max().unwrap_or(*min);
                QuestionKindRef::Numeric {
                    scale: Some((*min, max)),
                    range: (Some(*min as f64), Some(max as f64)),
                }
            }
            Some(QuestionKind::Number(spec) | QuestionKind::Percent(spec)) => QuestionKindRef::Numeric {
                scale: None,
                range: (spec.min, spec.max),
            },
            None => QuestionKindRef::Numeric {
                scale: None,
                range: (None, None),
            },
        }
    }
}

enum QuestionKindRef {
    YesNo,
    Choice(Vec<String>),
    Multi(Vec<String>),
    /// `range`: the smallest and largest answers allowed, where bounded.
    Numeric {
        scale: Option<(i64, i64)>,
        range: (Option<f64>, Option<f64>),
    },
}

fn op_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Above => "above",
        CmpOp::AtLeast => "at_least",
        CmpOp::Below => "below",
        CmpOp::AtMost => "at_most",
    }
}

/// "`q` takes answers from 0 to 100", for messages.
fn range_text(id: &str, range: (Option<f64>, Option<f64>)) -> String {
    let n = crate::answers::format_number;
    match range {
        (Some(lo), Some(hi)) => format!("`{id}` takes answers from {} to {}", n(lo), n(hi)),
        (Some(lo), None) => format!("`{id}` takes answers of at least {}", n(lo)),
        (None, Some(hi)) => format!("`{id}` takes answers of at most {}", n(hi)),
        (None, None) => format!("`{id}` takes any number"),
    }
}

fn comparisons(c: &RawCondition) -> Vec<Comparison> {
    [
        (CmpOp::Above, &c.above),
        (CmpOp::AtLeast, &c.at_least),
        (CmpOp::Below, &c.below),
        (CmpOp::AtMost, &c.at_most),
    ]
    .into_iter()
    .filter_map(|(op, v)| v.as_ref().map(|v| Comparison { op, value: v.value }))
    .collect()
}
