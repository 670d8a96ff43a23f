//! The verdict in words: the stage the evidence reached, the roots behind
//! it, and the caveats that make it provisional.

use super::{Report, VerdictView, join_and};
use crate::engine::{self, Caveat, Diagnosis, Evaluation, Stage};
use crate::questionnaire::{GroupIx, Questionnaire, lower_first, upper_first};

fn percent(x: f64) -> String {
    format!("{}%", (x * 100.0).round() as i64)
}

/// "Only 30%", or "None" for nothing, as a sentence opens.
fn only(x: f64) -> String {
    if (x * 100.0).round() == 0.0 {
        "None".to_owned()
    } else {
        format!("Only {}", percent(x))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One sentence per caveat.
pub(super) fn caveat_text(q: &Questionnaire, eval: &Evaluation, c: &Caveat) -> String {
    match c {
        Caveat::UnknownKeyMetrics { unknown, of } => {
            let ids: Vec<String> = unknown.iter().map(|&ix| q.questions[ix].id.clone()).collect();
            let verb = if unknown.len() == 1 { "is" } else { "are" };
            format!(
                "{} of the {} key {} {verb} unknown ({}): measure {} before relying on this verdict.",
                unknown.len(),
                of,
                if *of == 1 { "metric" } else { "metrics" },
                join_and(&ids),
                if unknown.len() == 1 { "it" } else { "them" },
            )
        }
        Caveat::LowConfidence(g) => format!(
            "{} of {} was answered: too little to say whether it is sound.",
            only(eval.groups[*g].confidence()),
            q.groups[*g].title
        ),
        Caveat::Unexplained(e) => format!(
            "{} scores red ({}/100), yet no finding explains it: look at it before judging individuals.",
            q.elements[*e].title,
            eval.elements[*e].score.map_or(0, |s| s.round() as i64)
        ),
    }
}

pub(super) fn verdict_text(q: &Questionnaire, eval: &Evaluation, d: &Diagnosis, r: &Report) -> VerdictView {
    let v = &d.verdict;
    let titles =
        |groups: &[GroupIx]| -> Vec<String> { groups.iter().map(|g| q.groups[*g].title.clone()).collect() };
    // The questionnaire's words: "ecosystem", "macro culprits", "bucket", "root cause".
    let whole = lower_first(&q.labels.ecosystem);
    let culprits = lower_first(&r.macro_group.title);
    let bucket = &q.labels.bucket;
    let cause = lower_first(&q.labels.root_cause);
    let (headline, mut text) = match v.stage {
        Stage::InsufficientData => insufficient(q, eval, d, r),
        Stage::Ecosystem => {
            let mut areas: Vec<GroupIx> = v.red_buckets.clone();
            for i in &v.ecosystem_findings {
                let g = q.causes[d.findings[*i].cause].group;
                if !areas.contains(&g) {
                    areas.push(g);
                }
            }
            areas.sort_unstable();
            let lead = match r
                .root_causes
                .iter()
                .find(|c| c.area_id != crate::questionnaire::MACRO_ID)
            {
                Some(c) => {
                    let mut lead = format!(" The {cause} to fix first is {} ({}).", c.title, c.area_title);
                    if !c.consequences.is_empty() {
                        lead.push_str(&format!(
                            " It explains {}, listed beneath it.",
                            plural(c.consequences.len(), "further finding", "further findings")
                        ));
                    }
                    lead
                }
                None => String::new(),
            };
            (
                format!("Fix the {whole} before judging the reps"),
                format!(
                    "Breakdowns were found in {}.{lead} These sit in the system around the sales team, outside the reps' control: \
                     replacing, disciplining or micro-managing reps will not change results until they are repaired. \
                     Fix them first; then individual performance can be judged fairly.",
                    join_and(&titles(&areas))
                ),
            )
        }
        Stage::Macro => macro_text(q, eval, d, r),
        Stage::Individuals => {
            let minor = if r.root_causes.is_empty() {
                String::new()
            } else {
                " The minor refinements listed below are worth doing but do not explain poor results."
                    .to_owned()
            };
            let (sound, none_red) = if r.macro_group.parts.is_empty() {
                (upper_first(&whole) + " sound", format!("No {bucket} scores red"))
            } else {
                (
                    format!("{} and {culprits} sound", upper_first(&whole)),
                    format!("No {bucket} scores red, nor do the {culprits},"),
                )
            };
            (
                format!("{sound}: now it is fair to assess individuals"),
                format!(
                    "{none_red} and no serious {cause} was found ({whole} score {}, confidence {}). \
                     Remaining performance gaps can now fairly be looked at rep by rep: coach skill gaps first, then manage performance.{minor}",
                    r.ecosystem
                        .value
                        .map_or("n/a".to_owned(), |s| format!("{s:.0}/100")),
                    percent(r.confidence)
                ),
            )
        }
    };
    let caveats: Vec<String> = v.caveats.iter().map(|c| caveat_text(q, eval, c)).collect();
    if !caveats.is_empty() {
        text.push_str(" Provisional: ");
        text.push_str(&caveats.join(" "));
    }
    VerdictView {
        stage: v.stage,
        headline,
        text,
        provisional: v.provisional(),
        caveats,
    }
}

fn insufficient(q: &Questionnaire, eval: &Evaluation, d: &Diagnosis, r: &Report) -> (String, String) {
    let v = &d.verdict;
    let unclear: Vec<String> = v.unclear.iter().map(|g| q.groups[*g].title.clone()).collect();
    let first = if eval.confidence < engine::MIN_CONFIDENCE {
        format!(
            "{} of the assessment's weight was answered; at least {} is needed before the {} can be judged.",
            only(eval.confidence),
            percent(engine::MIN_CONFIDENCE),
            lower_first(&q.labels.ecosystem)
        )
    } else {
        format!(
            "No breakdown was found in what was answered, but too little is known about {} to call it sound.",
            join_and(&unclear)
        )
    };
    let n = r.root_causes.len();
    let found = if n == 0 {
        String::new()
    } else {
        format!(
            " {n} {} found so far {} listed below; treat {} as provisional.",
            if n == 1 {
                lower_first(&q.labels.root_cause)
            } else {
                lower_first(&q.labels.root_causes)
            },
            if n == 1 { "is" } else { "are" },
            if n == 1 { "it" } else { "them" },
        )
    };
    (
        "Too little is known to conclude".to_owned(),
        format!(
            "{first} Not knowing is itself a finding: what doesn't get measured doesn't get managed. \
             Find the answers to the unknowns listed below, then score again.{found}"
        ),
    )
}

fn macro_text(q: &Questionnaire, eval: &Evaluation, d: &Diagnosis, r: &Report) -> (String, String) {
    let v = &d.verdict;
    // Name the causes found; add any weak culprit no cause explains.
    let mut names: Vec<String> = v
        .macro_findings
        .iter()
        .map(|i| q.causes[d.findings[*i].cause].title.to_lowercase())
        .collect();
    let explained: Vec<Option<usize>> = v
        .macro_findings
        .iter()
        .map(|i| q.causes[d.findings[*i].cause].element)
        .collect();
    for e in &v.red_culprits {
        if !explained.contains(&Some(*e)) {
            let score = eval.elements[*e]
                .score
                .map_or(String::new(), |s| format!(" ({s:.0}/100)"));
            names.push(format!(
                "a weak score for {}{score}",
                q.elements[*e].title.to_lowercase()
            ));
        }
    }
    let whole = lower_first(&q.labels.ecosystem);
    let culprits = lower_first(&r.macro_group.title);
    let bucket = &q.labels.bucket;
    let cause = lower_first(&q.labels.root_cause);
    let pointed = if names.is_empty() {
        format!(
            "the {culprits} score {}",
            r.macro_group
                .score
                .value
                .map_or("low".to_owned(), |s| format!("{s:.0}/100"))
        )
    } else {
        join_and(&names)
    };
    (
        format!("The {whole} looks sound: look at the {culprits}"),
        format!(
            "No {bucket} scores red and no serious {cause} was found in the {whole} ({whole} score {}). \
             The evidence points beyond the sales team to {pointed}. These are the usual culprits once the {whole} is sound; \
             address them before assessing individual reps.",
            r.ecosystem
                .value
                .map_or("n/a".to_owned(), |s| format!("{s:.0}/100"))
        ),
    )
}
