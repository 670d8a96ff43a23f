//! From fired rules to root causes with their consequences, ranked: each
//! fired rule's strength, each cause's support and impact, the causal links
//! that nest a consequence under its root, and the order a reader sees.
//! The verdict is reached in `verdict.rs`.

use std::cmp::Ordering;

use super::rank::{self, round1};
use super::{Evaluation, RED_BELOW, Status};
use crate::questionnaire::{
    AnswerTest, CauseIx, Condition, GroupKind, QuestionIx, Questionnaire, ScoreSubject, Severity,
};

use super::verdict::Verdict;

/// A root cause supported by at least one fired rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub cause: CauseIx,
    /// Indices into [`Evaluation::firings`], strongest first.
    pub firings: Vec<usize>,
    /// Each firing's strength (same order), 0–1; see [`rank::strength`].
    pub strengths: Vec<f64>,
    /// The highest severity among its fired rules.
    pub evidence_severity: Severity,
    /// Its rules' strengths combined, 0–1; see [`rank::combine`].
    pub support: f64,
    /// The answered share of the questions its rules test by value, 0–1.
    pub confidence: f64,
    /// 0–100, one decimal, from its own evidence; see [`rank::impact`].
    pub own_impact: f64,
    /// The number it is ranked by and shown with: for a root, its own impact
    /// combined with its consequences'; for a consequence, its own.
    pub impact: f64,
    /// Derived from `impact`; see [`rank::effective_severity`].
    pub severity: Severity,
    /// 1 for the first root; a consequence has the rank of its root.
    pub rank: usize,
    /// A macro culprit while some bucket is red: listed in a section of its
    /// own, after the ecosystem causes, as contributing rather than primary.
    pub contributing: bool,
    /// Found causes upstream of it that are credible (indices into
    /// [`Diagnosis::findings`], in display order). Empty for a root.
    pub explained_by: Vec<usize>,
    /// Found causes downstream of it that it explains, in display order.
    pub explains: Vec<usize>,
    /// For a consequence, the root it is listed under.
    pub nested_under: Option<usize>,
}

impl Finding {
    pub fn is_root(&self) -> bool {
        self.nested_under.is_none()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// Every found cause in display order: each root (by rank: ecosystem
    /// roots, then contributing macro roots) followed by the consequences
    /// nested under it (highest impact first).
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
    /// Per question, the roots whose findings quote its answer and the share
    /// of its weight each receives; the shares of an answer sum to one.
    pub shares: Vec<Vec<(CauseIx, f64)>>,
}

impl Diagnosis {
    /// The roots, by rank.
    pub fn roots(&self) -> impl Iterator<Item = (usize, &Finding)> {
        self.findings.iter().enumerate().filter(|(_, f)| f.is_root())
    }

    /// The consequences listed under the finding at `root`.
    pub fn nested(&self, root: usize) -> impl Iterator<Item = (usize, &Finding)> {
        self.findings
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.nested_under == Some(root))
    }

    pub fn find(&self, cause: CauseIx) -> Option<&Finding> {
        self.findings.iter().find(|f| f.cause == cause)
    }
}

/// A found cause can explain others only with evidence of its own of at
/// least this severity: a lone low-severity hint is not enough to call a
/// well-supported finding its mere consequence.
pub const CREDIBLE_FROM: Severity = Severity::Medium;

/// What the diagnosis needs from a questionnaire that no answer changes,
/// worked out once: probe-next diagnoses the same questionnaire a hundred times.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Per cause, every cause reachable from it along `leads_to` (itself excluded).
    down: Vec<Vec<bool>>,
    /// Per cause, the questions its rules test by value, sorted, no repeats.
    value_reads: Vec<Vec<QuestionIx>>,
}

impl Prepared {
    pub fn new(q: &Questionnaire) -> Prepared {
        let n = q.causes.len();
        let mut down = vec![vec![false; n]; n];
        for (start, row) in down.iter_mut().enumerate() {
            let mut stack: Vec<CauseIx> = q.causes[start].leads_to.clone();
            while let Some(c) = stack.pop() {
                if c != start && !row[c] {
                    row[c] = true;
                    stack.extend(q.causes[c].leads_to.iter().copied());
                }
            }
        }
        let mut value_reads = vec![Vec::new(); n];
        for rule in &q.rules {
            value_reads_of(&rule.when, &mut value_reads[rule.cause]);
        }
        for reads in &mut value_reads {
            reads.sort_unstable();
            reads.dedup();
        }
        Prepared { down, value_reads }
    }
}

/// Questions a condition tests by value (comparisons, options, scores), not
/// by status: their being unknown makes the condition's truth unknown.
fn value_reads_of(c: &Condition, into: &mut Vec<QuestionIx>) {
    match c {
        Condition::All(cs) | Condition::Any(cs) | Condition::AtLeast(_, cs) => {
            cs.iter().for_each(|c| value_reads_of(c, into));
        }
        Condition::Not(c) => value_reads_of(c, into),
        Condition::Answer(
            _,
            AnswerTest::Answered(_) | AnswerTest::Unknown(_) | AnswerTest::NotApplicable(_),
        ) => {}
        Condition::Answer(q, _) | Condition::Score(ScoreSubject::Question(q), _) => into.push(*q),
        Condition::Score(..) => {}
    }
}

/// The answered share of the questions a cause's rules test by value,
/// counting only those that apply (a question answered `n/a` or not asked
/// leaves both sides). 1 when there are none.
fn cause_confidence(prepared: &Prepared, eval: &Evaluation, cause: CauseIx) -> f64 {
    let states = prepared.value_reads[cause]
        .iter()
        .map(|&ix| eval.questions[ix])
        .filter(|s| s.applicable());
    let (answered, applicable) = states.fold((0usize, 0usize), |(a, n), s| {
        (a + usize::from(s.status == Status::Answered), n + 1)
    });
    if applicable == 0 {
        1.0
    } else {
        answered as f64 / applicable as f64
    }
}

/// One found cause on its way to a [`Finding`].
struct Draft {
    cause: CauseIx,
    firings: Vec<usize>,
    evidence_severity: Severity,
    credible: bool,
    contributing: bool,
    /// Found causes upstream (cause indices).
    upstream: Vec<CauseIx>,
}

pub fn diagnose(q: &Questionnaire, eval: &Evaluation) -> Diagnosis {
    diagnose_with(q, eval, &Prepared::new(q))
}

/// [`diagnose`] with the questionnaire's fixed parts worked out beforehand.
pub fn diagnose_with(q: &Questionnaire, eval: &Evaluation, prepared: &Prepared) -> Diagnosis {
    let any_red_bucket = q
        .buckets()
        .any(|(g, _)| eval.groups[g].score.is_some_and(|s| s < RED_BELOW));
    let mut by_cause: Vec<Vec<usize>> = vec![Vec::new(); q.causes.len()];
    for (fi, firing) in eval.firings.iter().enumerate() {
        by_cause[q.rules[firing.rule].cause].push(fi);
    }
    let mut drafts: Vec<Draft> = by_cause
        .into_iter()
        .enumerate()
        .filter(|(_, f)| !f.is_empty())
        .map(|(cause, firings)| {
            let evidence_severity = firings
                .iter()
                .map(|fi| q.rules[eval.firings[*fi].rule].severity)
                .max()
                .unwrap_or(Severity::Low);
            Draft {
                cause,
                firings,
                evidence_severity,
                credible: evidence_severity >= CREDIBLE_FROM,
                contributing: any_red_bucket && q.groups[q.causes[cause].group].kind == GroupKind::Macro,
                upstream: Vec::new(),
            }
        })
        .collect();
    link(q, prepared, &mut drafts, any_red_bucket);
    let roots_of = |d: &Draft| -> Vec<CauseIx> {
        if d.upstream.is_empty() {
            vec![d.cause]
        } else {
            d.upstream
                .iter()
                .copied()
                .filter(|u| drafts.iter().any(|x| x.cause == *u && x.upstream.is_empty()))
                .collect()
        }
    };
    // Who reads each answer: the roots whose findings (their own or their
    // consequences') quote it, each with how much its reading rests on the
    // answer — 1/n for a rule that quoted n answers. An answer's weight is
    // split between its readers in proportion, so the shares sum to one.
    let mut readers: Vec<Vec<(CauseIx, f64)>> = vec![Vec::new(); q.questions.len()];
    for d in &drafts {
        let roots = roots_of(d);
        for &fi in &d.firings {
            let evidence = &eval.firings[fi].evidence;
            let focus = 1.0 / evidence.len().max(1) as f64;
            for &x in evidence {
                for &r in &roots {
                    match readers[x].iter_mut().find(|(c, _)| *c == r) {
                        Some((_, f)) => *f = f.max(focus),
                        None => readers[x].push((r, focus)),
                    }
                }
            }
        }
    }
    let share = |roots: &[CauseIx], evidence: &[QuestionIx]| -> f64 {
        if evidence.is_empty() {
            return 1.0;
        }
        let one = |x: QuestionIx| -> f64 {
            let total: f64 = readers[x].iter().map(|(_, f)| f).sum();
            let mine: f64 = readers[x]
                .iter()
                .filter(|(c, _)| roots.contains(c))
                .map(|(_, f)| f)
                .sum();
            if total > 0.0 { mine / total } else { 1.0 }
        };
        evidence.iter().map(|&x| one(x)).sum::<f64>() / evidence.len() as f64
    };
    let mut findings: Vec<Finding> = drafts
        .iter()
        .map(|d| {
            let roots = roots_of(d);
            let (firings, strengths) = strengths(q, eval, &d.firings, |e| share(&roots, e));
            let support = rank::combine(&strengths);
            let c = &q.causes[d.cause];
            let area = c
                .element
                .and_then(|e| eval.elements[e].score)
                .or(eval.groups[c.group].score);
            let confidence = cause_confidence(prepared, eval, d.cause);
            let own_impact = rank::impact(support, area, confidence);
            Finding {
                cause: d.cause,
                firings,
                strengths,
                evidence_severity: d.evidence_severity,
                support,
                confidence,
                own_impact,
                impact: own_impact,
                severity: rank::effective_severity(own_impact),
                rank: 0,
                contributing: d.contributing,
                explained_by: d.upstream.clone(),
                explains: Vec::new(),
                nested_under: None,
            }
        })
        .collect();
    // A root ranks by its own impact combined with its consequences'.
    for i in 0..findings.len() {
        if !findings[i].explained_by.is_empty() {
            continue;
        }
        let cause = findings[i].cause;
        let below: Vec<f64> = findings
            .iter()
            .filter(|f| f.explained_by.contains(&cause))
            .map(|f| f.own_impact)
            .collect();
        findings[i].impact = rank::root_impact(findings[i].own_impact, &below);
        findings[i].severity = rank::effective_severity(findings[i].impact);
    }
    let findings = order(q, findings);
    let verdict = super::verdict::verdict(q, eval, &findings);
    let shares = readers
        .iter()
        .map(|list| {
            let total: f64 = list.iter().map(|(_, f)| f).sum();
            list.iter().map(|(c, f)| (*c, f / total)).collect()
        })
        .collect();
    Diagnosis {
        findings,
        verdict,
        shares,
    }
}

/// Fills each draft's found upstream causes: credible found causes from
/// which it is reachable along `leads_to`. While a bucket is red, a macro
/// cause explains no ecosystem cause: the macro culprits are looked at once
/// the ecosystem is sound.
fn link(q: &Questionnaire, prepared: &Prepared, drafts: &mut [Draft], any_red_bucket: bool) {
    let down = &prepared.down;
    let credible: Vec<(CauseIx, bool)> = drafts.iter().map(|d| (d.cause, d.credible)).collect();
    for d in drafts.iter_mut() {
        let is_bucket = q.groups[q.causes[d.cause].group].kind == GroupKind::Bucket;
        d.upstream = credible
            .iter()
            .filter(|(u, ok)| *ok && *u != d.cause && down[*u][d.cause])
            .filter(|(u, _)| {
                !(any_red_bucket && is_bucket && q.groups[q.causes[*u].group].kind == GroupKind::Macro)
            })
            .map(|(u, _)| *u)
            .collect();
    }
}

/// A cause's firings, strongest first, with each one's strength. Rules are
/// taken by their strength before novelty (then severity, then id); each
/// then counts only for the share of its answers no rule before it quoted.
fn strengths(
    q: &Questionnaire,
    eval: &Evaluation,
    firings: &[usize],
    share: impl Fn(&[QuestionIx]) -> f64,
) -> (Vec<usize>, Vec<f64>) {
    let base = |fi: usize| {
        let f = &eval.firings[fi];
        rank::strength(q.rules[f.rule].severity, f.extremity, share(&f.evidence), 1.0)
    };
    let mut ordered: Vec<(usize, f64)> = firings.iter().map(|&fi| (fi, base(fi))).collect();
    ordered.sort_by(|(a, sa), (b, sb)| {
        let rule = |fi: usize| &q.rules[eval.firings[fi].rule];
        sb.total_cmp(sa)
            .then_with(|| rule(*b).severity.cmp(&rule(*a).severity))
            .then_with(|| rule(*a).id.cmp(&rule(*b).id))
    });
    let mut counted: Vec<QuestionIx> = Vec::new();
    let mut out = (
        Vec::with_capacity(ordered.len()),
        Vec::with_capacity(ordered.len()),
    );
    for (fi, s) in ordered {
        let evidence = &eval.firings[fi].evidence;
        let novelty = if evidence.is_empty() {
            1.0
        } else {
            evidence.iter().filter(|x| !counted.contains(x)).count() as f64 / evidence.len() as f64
        };
        counted.extend(
            evidence
                .iter()
                .filter(|x| !counted.contains(x))
                .copied()
                .collect::<Vec<_>>(),
        );
        out.0.push(fi);
        out.1.push(s * novelty);
    }
    out
}

/// Puts findings in display order and fills ranks, nesting and links.
fn order(q: &Questionnaire, drafts: Vec<Finding>) -> Vec<Finding> {
    let id = |f: &Finding| q.causes[f.cause].id.as_str();
    // Impacts saturate at 100; among equals, the root that explains more
    // (its own impact plus its consequences', uncapped) comes first.
    let explained: Vec<f64> = (0..q.causes.len())
        .map(|c| {
            drafts
                .iter()
                .filter(|f| f.cause == c || f.explained_by.contains(&c))
                .map(|f| f.own_impact)
                .sum()
        })
        .collect();
    let by_rank = |a: &Finding, b: &Finding| {
        a.contributing
            .cmp(&b.contributing)
            .then_with(|| b.impact.partial_cmp(&a.impact).unwrap_or(Ordering::Equal))
            .then_with(|| explained[b.cause].total_cmp(&explained[a.cause]))
            .then_with(|| b.evidence_severity.cmp(&a.evidence_severity))
            .then_with(|| id(a).cmp(id(b)))
    };
    let (mut roots, mut consequences): (Vec<Finding>, Vec<Finding>) =
        drafts.into_iter().partition(|f| f.explained_by.is_empty());
    roots.sort_by(by_rank);
    consequences.sort_by(|a, b| {
        b.impact
            .partial_cmp(&a.impact)
            .unwrap_or(Ordering::Equal)
            .then_with(|| id(a).cmp(id(b)))
    });
    let mut out: Vec<Finding> = Vec::with_capacity(roots.len() + consequences.len());
    for (r, mut root) in roots.into_iter().enumerate() {
        root.rank = r + 1;
        let root_cause = root.cause;
        let at = out.len();
        out.push(root);
        // A consequence of several roots sits under the highest-ranked one.
        let mine: Vec<Finding> = consequences
            .iter()
            .filter(|c| c.explained_by.contains(&root_cause))
            .cloned()
            .collect();
        consequences.retain(|c| !c.explained_by.contains(&root_cause));
        for mut c in mine {
            c.rank = r + 1;
            c.nested_under = Some(at);
            out.push(c);
        }
    }
    // Every consequence has a root upstream (the topmost credible cause on
    // its chain); should one not, it is listed as a root rather than lost.
    let mut next = out.iter().filter(|f| f.is_root()).count();
    for mut c in consequences {
        next += 1;
        c.rank = next;
        c.explained_by.clear();
        out.push(c);
    }
    // Cause indices to display positions, in both directions.
    let position = |cause: CauseIx, out: &[Finding]| out.iter().position(|f| f.cause == cause);
    let upstream: Vec<Vec<usize>> = out
        .iter()
        .map(|f| {
            let mut ups: Vec<usize> = f.explained_by.iter().filter_map(|&c| position(c, &out)).collect();
            ups.sort_unstable();
            ups
        })
        .collect();
    for (i, ups) in upstream.into_iter().enumerate() {
        for &u in &ups {
            out[u].explains.push(i);
        }
        out[i].explained_by = ups;
    }
    for f in &mut out {
        f.impact = round1(f.impact);
    }
    out
}
