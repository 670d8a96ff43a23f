//! The verdict, following the seed's order of reasoning: the ecosystem
//! first, then the macro culprits, and only then the individual reps — with
//! what tempers it: key metrics nobody knows, areas too little answered, red
//! areas no finding explains.

use super::diagnose::Finding;
use super::{Evaluation, MIN_CONFIDENCE, RED_BELOW};
use crate::questionnaire::{ElementIx, GroupIx, GroupKind, QuestionIx, Questionnaire, Severity};

/// Which stage of the reasoning the evidence reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Too little is known to conclude.
    InsufficientData,
    /// Ecosystem breakdowns found: fix them before judging the reps.
    Ecosystem,
    /// Ecosystem sound: look at the macro culprits.
    Macro,
    /// Both sound: now it is fair to assess individuals.
    Individuals,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::InsufficientData => "insufficient-data",
            Stage::Ecosystem => "ecosystem",
            Stage::Macro => "macro",
            Stage::Individuals => "individuals",
        }
    }
}

/// Why a verdict is provisional.
#[derive(Debug, Clone, PartialEq)]
pub enum Caveat {
    /// Key metrics that apply but were answered "don't know" or not at all,
    /// of `of` that apply.
    UnknownKeyMetrics { unknown: Vec<QuestionIx>, of: usize },
    /// An area with less than half its weight answered, which the verdict
    /// could not judge.
    LowConfidence(GroupIx),
    /// A red element or culprit that no finding explains, while the verdict
    /// looks past the ecosystem.
    Unexplained(ElementIx),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub stage: Stage,
    /// Buckets scoring below the red line.
    pub red_buckets: Vec<GroupIx>,
    /// Findings (indices into the display list) in buckets whose effective
    /// severity is medium or high.
    pub ecosystem_findings: Vec<usize>,
    /// Macro culprits scoring below the red line.
    pub red_culprits: Vec<ElementIx>,
    /// Findings in the macro group whose effective severity is medium or high.
    pub macro_findings: Vec<usize>,
    /// Areas with too little answered to be called sound (for `insufficient-data`).
    pub unclear: Vec<GroupIx>,
    /// Red elements and culprits that no finding explains; see [`unexplained`].
    pub unexplained: Vec<ElementIx>,
    /// What makes the verdict provisional, in this order: unknown key
    /// metrics, areas too little answered, red areas unexplained.
    pub caveats: Vec<Caveat>,
}

impl Verdict {
    /// The verdict stands only once the caveats are cleared.
    pub fn provisional(&self) -> bool {
        !self.caveats.is_empty()
    }
}

/// Red elements and culprits that nothing explains: no found cause sits on
/// the element, and no fired rule reads one of its questions.
pub fn unexplained(q: &Questionnaire, eval: &Evaluation, findings: &[Finding]) -> Vec<ElementIx> {
    (0..q.elements.len())
        .filter(|&e| eval.elements[e].score.is_some_and(|s| s < RED_BELOW))
        .filter(|&e| {
            let on_it = findings.iter().any(|f| q.causes[f.cause].element == Some(e));
            let read = eval
                .firings
                .iter()
                .any(|f| q.rules[f.rule].reads.iter().any(|&x| q.questions[x].element == e));
            !on_it && !read
        })
        .collect()
}

pub(super) fn verdict(q: &Questionnaire, eval: &Evaluation, findings: &[Finding]) -> Verdict {
    let is_red = |score: Option<f64>| score.is_some_and(|s| s < RED_BELOW);
    let serious = |kind: GroupKind| -> Vec<usize> {
        findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.severity >= Severity::Medium && q.groups[q.causes[f.cause].group].kind == kind)
            .map(|(i, _)| i)
            .collect()
    };
    let macro_ix = q.macro_group();
    let mut v = Verdict {
        stage: Stage::InsufficientData,
        red_buckets: q
            .buckets()
            .map(|(g, _)| g)
            .filter(|g| is_red(eval.groups[*g].score))
            .collect(),
        ecosystem_findings: serious(GroupKind::Bucket),
        red_culprits: q
            .elements_of(macro_ix)
            .map(|(e, _)| e)
            .filter(|e| is_red(eval.elements[*e].score))
            .collect(),
        macro_findings: serious(GroupKind::Macro),
        unclear: Vec::new(),
        unexplained: unexplained(q, eval, findings),
        caveats: Vec::new(),
    };
    v.stage = stage(q, eval, &mut v);
    v.caveats = caveats(q, eval, &v);
    v
}

fn stage(q: &Questionnaire, eval: &Evaluation, v: &mut Verdict) -> Stage {
    let macro_ix = q.macro_group();
    let unclear_buckets: Vec<GroupIx> = q
        .buckets()
        .map(|(g, _)| g)
        .filter(|g| eval.groups[*g].confidence() < MIN_CONFIDENCE)
        .collect();
    if eval.confidence < MIN_CONFIDENCE {
        v.unclear = unclear_buckets;
        if eval.groups[macro_ix].confidence() < MIN_CONFIDENCE {
            v.unclear.push(macro_ix);
        }
        return Stage::InsufficientData;
    }
    if !v.red_buckets.is_empty() || !v.ecosystem_findings.is_empty() {
        return Stage::Ecosystem;
    }
    if !unclear_buckets.is_empty() {
        v.unclear = unclear_buckets;
        return Stage::InsufficientData;
    }
    let macro_red = eval.groups[macro_ix].score.is_some_and(|s| s < RED_BELOW);
    if macro_red || !v.red_culprits.is_empty() || !v.macro_findings.is_empty() {
        return Stage::Macro;
    }
    if eval.groups[macro_ix].confidence() < MIN_CONFIDENCE {
        v.unclear = vec![macro_ix];
        return Stage::InsufficientData;
    }
    Stage::Individuals
}

fn caveats(q: &Questionnaire, eval: &Evaluation, v: &Verdict) -> Vec<Caveat> {
    let mut out = Vec::new();
    if !eval.key_metrics.unknown.is_empty() {
        out.push(Caveat::UnknownKeyMetrics {
            unknown: eval.key_metrics.unknown.clone(),
            of: eval.key_metrics.applicable.len(),
        });
    }
    // `insufficient-data` already says which areas are too little known.
    if v.stage != Stage::InsufficientData {
        out.extend(
            (0..q.groups.len())
                .filter(|&g| {
                    eval.groups[g].applicable_weight > 0.0 && eval.groups[g].confidence() < MIN_CONFIDENCE
                })
                .map(Caveat::LowConfidence),
        );
    }
    // While the ecosystem is being fixed, an unexplained red area is a gap in
    // the rules, listed with the report; once the verdict looks past the
    // ecosystem, it contradicts the verdict.
    // (A red culprit is the point of a `macro` verdict, which names it.)
    if matches!(v.stage, Stage::Macro | Stage::Individuals) {
        out.extend(
            v.unexplained
                .iter()
                .copied()
                .filter(|&e| q.groups[q.elements[e].group].kind == GroupKind::Bucket)
                .map(Caveat::Unexplained),
        );
    }
    out
}
