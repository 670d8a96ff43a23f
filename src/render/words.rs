//! Wording shared by the human formats (table, Markdown, HTML), so each says
//! the same thing the same way; each format escapes it as it needs.

use crate::report::{ProbeChange, Report, RootCause, Step};

/// Under the ranked list's heading: how to read it.
pub const ROOTS_NOTE: &str = "Each root is listed with the consequences it explains beneath it; \
fix the root and its consequences ease with it. The impact shown is the number the list is sorted by, \
and the severity follows from it.";

/// The heading of the contributing macro causes.
pub const MACRO_HEADING: &str = "Macro culprits, contributing";

/// Why the macro causes sit apart while a bucket is red.
pub const MACRO_NOTE: &str = "A bucket scores red, so these macro culprits are listed apart as contributing: \
the macro culprits are looked at once the ecosystem is sound. Fix the ecosystem roots above first.";

pub const PROBE_HEADING: &str = "Probe next";

pub const PROBE_NOTE: &str = "Unknown answers that could change the conclusion, most decisive first: \
each was tried at its best and at its worst answer.";

pub const PROBE_NONE: &str =
    "No unknown answer, at its best or its worst, would change the verdict or the top three roots.";

pub const PROBE_SKIPPED: &str = "Not computed for this report (--no-probe).";

/// The probe-next line when there is nothing to list.
pub fn probe_empty(r: &Report) -> Option<&'static str> {
    match &r.probe_next {
        None => Some(PROBE_SKIPPED),
        Some(list) if list.is_empty() => Some(PROBE_NONE),
        Some(_) => None,
    }
}

pub const UNEXPLAINED_HEADING: &str = "Red areas no finding explains";

pub const UNEXPLAINED_NOTE: &str = "These score red, yet no root cause was found on them and no rule that fired reads them: \
the rules may be missing a cause here.";

/// A step with its owner: "Name an owner for the CRM (owner: Sales operations)".
pub fn step(s: &Step) -> String {
    match s.owner {
        Some(o) => format!("{} (owner: {})", s.text, o.title()),
        None => s.text.clone(),
    }
}

/// "What would remove it: changing hours from 0.5 hours a month to 1 hour a month."
pub fn flip(root: &RootCause) -> Option<String> {
    let changes = root.flip.as_ref()?;
    // An unknown answer is answered rather than changed: any value would do,
    // the one checked is shown.
    let unknown = |c: &&crate::report::Change| c.from == "don't know" || c.from == "not answered";
    let changed: Vec<String> = changes
        .iter()
        .filter(|c| !unknown(c))
        .map(|c| format!("{} from {} to {}", c.question, c.from, c.to))
        .collect();
    let answered: Vec<String> = changes
        .iter()
        .filter(unknown)
        .map(|c| format!("{} (e.g. {})", c.question, c.to))
        .collect();
    let mut parts = Vec::new();
    if !changed.is_empty() {
        parts.push(format!("changing {}", crate::report::join_and(&changed)));
    }
    if !answered.is_empty() {
        parts.push(format!("answering {}", crate::report::join_and(&answered)));
    }
    Some(format!("What would remove it: {}.", parts.join(", and ")))
}

/// "at its best (40%): the verdict would be macro; No ICP would enter the top three".
pub fn probe_change(c: &ProbeChange) -> String {
    let mut parts = Vec::new();
    if let Some(stage) = c.stage {
        parts.push(format!("the verdict would be {}", stage.as_str()));
    }
    let names = |refs: &[crate::report::CauseRef]| -> String {
        crate::report::join_and(&refs.iter().map(|r| r.title.clone()).collect::<Vec<_>>())
    };
    if !c.enters.is_empty() {
        parts.push(format!("{} would enter the top three", names(&c.enters)));
    }
    if !c.leaves.is_empty() {
        parts.push(format!("{} would leave it", names(&c.leaves)));
    }
    format!("at its {} ({}): {}", c.end, c.answer, parts.join("; "))
}

/// "consequence of No sales process" for a nested cause; for a root,
/// the consequences it also explains that sit under another root.
pub fn links(c: &RootCause) -> Option<String> {
    if !c.led_by.is_empty() {
        let names: Vec<String> = c.led_by.iter().map(|x| x.title.clone()).collect();
        return Some(format!("consequence of {}", crate::report::join_and(&names)));
    }
    if c.also_explains.is_empty() {
        return None;
    }
    let names: Vec<String> = c
        .also_explains
        .iter()
        .map(|x| format!("{} (under #{})", x.title, x.rank))
        .collect();
    Some(format!("also explains {}", crate::report::join_and(&names)))
}

/// The confidence: "40% (69 of 69 questions answered; 4 of 10 key metrics
/// unknown)".
pub fn confidence(r: &Report) -> String {
    let mut s = format!(
        "{} ({} of {} questions answered",
        super::percent_text(r.confidence),
        r.answered,
        r.applicable
    );
    if !r.key_metrics.unknown.is_empty() {
        s.push_str(&format!(
            "; {} of {} key metrics unknown",
            r.key_metrics.unknown.len(),
            r.key_metrics.applicable
        ));
    }
    s.push(')');
    s
}
