//! From fired rules to ranked root causes and a verdict that follows the
//! seed's order of reasoning: the ecosystem first, then the macro culprits,
//! and only then the individual reps.

use std::cmp::Ordering;

use super::{Evaluation, MIN_CONFIDENCE, RED_BELOW};
use crate::questionnaire::{CauseIx, ElementIx, GroupIx, GroupKind, Questionnaire, Severity};

/// A root cause supported by at least one fired rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub cause: CauseIx,
    /// Indices into [`Evaluation::firings`], strongest first (severity, then rule id).
    pub firings: Vec<usize>,
    /// The highest severity among its rules.
    pub severity: Severity,
    /// Supporting rules that each bring an answer no stronger rule read.
    pub independent: usize,
    /// 0–100, one decimal; see [`impact`].
    pub impact: f64,
    /// A macro culprit while some bucket is red: shown after the ecosystem
    /// causes, as contributing rather than primary.
    pub contributing: bool,
}

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

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub stage: Stage,
    /// Buckets scoring below the red line.
    pub red_buckets: Vec<GroupIx>,
    /// Findings (indices into the ranked list) in buckets, of medium or high severity.
    pub ecosystem_findings: Vec<usize>,
    /// Macro culprits scoring below the red line.
    pub red_culprits: Vec<ElementIx>,
    /// Findings in the macro group, of medium or high severity.
    pub macro_findings: Vec<usize>,
    /// Areas with too little answered to be called sound.
    pub unclear: Vec<GroupIx>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// Ranked: highest impact first, ties by severity then id.
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
}

fn severity_factor(s: Severity) -> f64 {
    match s {
        Severity::High => 1.0,
        Severity::Medium => 0.6,
        Severity::Low => 0.3,
    }
}

/// The impact of a root cause, 0–100 (documented in `docs/scoring.md`):
///
/// `100 × severity × support × (0.5 + 0.5 × deficit) × (0.5 + 0.5 × confidence)`
///
/// where severity is 1 / 0.6 / 0.3 for high / medium / low; support is 0.6,
/// 0.8 or 1.0 for one, two, or three or more independent rules; deficit is
/// `(100 − area score) / 100` (0.5 when the area has no score); confidence is
/// the share of the area's weight that was answered.
pub fn impact(severity: Severity, independent: usize, area_score: Option<f64>, confidence: f64) -> f64 {
    let support = (0.6 + 0.2 * independent.saturating_sub(1) as f64).min(1.0);
    let deficit = area_score.map_or(0.5, |s| (100.0 - s) / 100.0);
    let raw = 100.0
        * severity_factor(severity)
        * support
        * (0.5 + 0.5 * deficit)
        * (0.5 + 0.5 * confidence.clamp(0.0, 1.0));
    (raw * 10.0).round() / 10.0
}

pub fn diagnose(q: &Questionnaire, eval: &Evaluation) -> Diagnosis {
    let any_red_bucket = q
        .buckets()
        .any(|(g, _)| eval.groups[g].score.is_some_and(|s| s < RED_BELOW));
    let mut by_cause: Vec<Vec<usize>> = vec![Vec::new(); q.causes.len()];
    for (fi, firing) in eval.firings.iter().enumerate() {
        by_cause[q.rules[firing.rule].cause].push(fi);
    }
    let mut findings: Vec<Finding> = by_cause
        .into_iter()
        .enumerate()
        .filter(|(_, firings)| !firings.is_empty())
        .map(|(cause, mut firings)| {
            let rule = |fi: &usize| &q.rules[eval.firings[*fi].rule];
            firings.sort_by(|a, b| {
                rule(b)
                    .severity
                    .cmp(&rule(a).severity)
                    .then_with(|| rule(a).id.cmp(&rule(b).id))
            });
            let severity = firings
                .iter()
                .map(|fi| rule(fi).severity)
                .max()
                .unwrap_or(Severity::Low);
            // A rule counts as independent support when it brings at least one
            // answer the rules counted before it did not read.
            let mut read: Vec<usize> = Vec::new();
            let mut independent = 0;
            for fi in &firings {
                let reads = &rule(fi).reads;
                if reads.is_empty() || reads.iter().any(|x| !read.contains(x)) {
                    independent += 1;
                    read.extend_from_slice(reads);
                }
            }
            let c = &q.causes[cause];
            let area = c
                .element
                .and_then(|e| eval.elements[e].score)
                .or(eval.groups[c.group].score);
            let impact = impact(severity, independent, area, eval.groups[c.group].confidence());
            let contributing = any_red_bucket && q.groups[c.group].kind == GroupKind::Macro;
            Finding {
                cause,
                firings,
                severity,
                independent,
                impact,
                contributing,
            }
        })
        .collect();
    findings.sort_by(|a, b| {
        a.contributing
            .cmp(&b.contributing)
            .then_with(|| b.impact.partial_cmp(&a.impact).unwrap_or(Ordering::Equal))
            .then_with(|| b.severity.cmp(&a.severity))
            .then_with(|| q.causes[a.cause].id.cmp(&q.causes[b.cause].id))
    });
    let verdict = verdict(q, eval, &findings);
    Diagnosis { findings, verdict }
}

fn verdict(q: &Questionnaire, eval: &Evaluation, findings: &[Finding]) -> Verdict {
    let is_red = |score: Option<f64>| score.is_some_and(|s| s < RED_BELOW);
    let serious = |kind: GroupKind| -> Vec<usize> {
        findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.severity >= Severity::Medium && q.groups[q.causes[f.cause].group].kind == kind)
            .map(|(i, _)| i)
            .collect()
    };
    let red_buckets: Vec<GroupIx> = q
        .buckets()
        .map(|(g, _)| g)
        .filter(|g| is_red(eval.groups[*g].score))
        .collect();
    let macro_ix = q.macro_group();
    let red_culprits: Vec<ElementIx> = q
        .elements_of(macro_ix)
        .map(|(e, _)| e)
        .filter(|e| is_red(eval.elements[*e].score))
        .collect();
    let mut v = Verdict {
        stage: Stage::InsufficientData,
        red_buckets,
        ecosystem_findings: serious(GroupKind::Bucket),
        red_culprits,
        macro_findings: serious(GroupKind::Macro),
        unclear: Vec::new(),
    };
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
        return v;
    }
    if !v.red_buckets.is_empty() || !v.ecosystem_findings.is_empty() {
        v.stage = Stage::Ecosystem;
        return v;
    }
    if !unclear_buckets.is_empty() {
        v.unclear = unclear_buckets;
        return v;
    }
    let macro_red = is_red(eval.groups[macro_ix].score);
    if macro_red || !v.red_culprits.is_empty() || !v.macro_findings.is_empty() {
        v.stage = Stage::Macro;
        return v;
    }
    if eval.groups[macro_ix].confidence() < MIN_CONFIDENCE {
        v.unclear = vec![macro_ix];
        return v;
    }
    v.stage = Stage::Individuals;
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impact_table() {
        // severity, independent rules, area score, confidence → impact
        let cases = [
            (Severity::High, 3, Some(0.0), 1.0, 100.0),
            (Severity::High, 1, Some(0.0), 1.0, 60.0),
            (Severity::High, 2, Some(0.0), 1.0, 80.0),
            (Severity::High, 5, Some(0.0), 1.0, 100.0),
            (Severity::Medium, 1, Some(100.0), 1.0, 18.0),
            (Severity::Low, 1, Some(50.0), 0.0, 6.8),
            (Severity::High, 1, None, 1.0, 45.0),
            (Severity::High, 0, Some(0.0), 1.0, 60.0),
        ];
        for (sev, n, area, conf, want) in cases {
            assert_eq!(impact(sev, n, area, conf), want, "{sev:?} {n} {area:?} {conf}");
        }
    }

    #[test]
    fn impact_grows_with_each_factor() {
        let base = impact(Severity::Medium, 1, Some(60.0), 0.8);
        assert!(impact(Severity::High, 1, Some(60.0), 0.8) > base);
        assert!(impact(Severity::Medium, 2, Some(60.0), 0.8) > base);
        assert!(impact(Severity::Medium, 1, Some(30.0), 0.8) > base);
        assert!(impact(Severity::Medium, 1, Some(60.0), 1.0) > base);
    }
}
