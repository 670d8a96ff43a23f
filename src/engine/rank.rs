//! The ranking arithmetic, one small pure function per step, each documented
//! in `docs/scoring.md` with the reason for its constants: how strongly one
//! fired rule points at its cause, how a cause's rules add up, how the area
//! and the unknowns temper that, how a root adds up with its consequences,
//! and the severity word that follows from the number.

use crate::questionnaire::Severity;

/// How strongly a rule of each severity points at its cause when it fires
/// on a worst-case answer that no other cause reads.
pub fn severity_weight(s: Severity) -> f64 {
    match s {
        Severity::High => 1.0,
        Severity::Medium => 0.6,
        Severity::Low => 0.3,
    }
}

/// The degree of a best-scored answer. A rule that fired on it still counts
/// half — its author judged that answer evidence — and how far the answer
/// sits towards the worst end decides the other half: an answer's degree is
/// `EXTREMITY_FLOOR + (1 − EXTREMITY_FLOOR) × deficit`.
pub const EXTREMITY_FLOOR: f64 = 0.5;

/// Of the room the strongest rule leaves below 1, the most that all the
/// other rules of a cause together can fill. At one half, corroboration
/// counts, but no pile of weak rules reaches a decisive one: a cause whose
/// strongest rule has strength `s` never passes `s + (1 − s) / 2`.
pub const CORROBORATION: f64 = 0.5;

/// The share of the impact the area's score moves: the rest stands on the
/// evidence itself. The area's score is made of the same answers the rules
/// read, so it gets a small say; a decisive answer in an otherwise healthy
/// area loses at most a quarter of its weight.
pub const AREA_SAY: f64 = 0.25;

/// The share of the impact the cause's unknowns can take away. What fired
/// did fire; the questions around it that nobody could answer temper the
/// finding but cannot cancel it.
pub const UNKNOWN_SAY: f64 = 0.3;

/// One fired rule's strength, 0–1: its severity's weight, times how far
/// towards the worst end its answers sit (`extremity`, 0.5–1), times its
/// share of those answers (an answer read by several roots is split between
/// them), times its novelty (the part of its answers no stronger rule of the
/// same cause already counted).
pub fn strength(severity: Severity, extremity: f64, share: f64, novelty: f64) -> f64 {
    (severity_weight(severity) * extremity.clamp(0.0, 1.0) * share.clamp(0.0, 1.0) * novelty.clamp(0.0, 1.0))
        .clamp(0.0, 1.0)
}

/// Combines strengths (or impacts as shares of 100) with diminishing weight:
/// `s1 + (1 − s1) · β · (1 − Π_{i≥2} (1 − s_i))`, the strongest first. The
/// result is at least the strongest and at most `s1 + β (1 − s1)`; adding a
/// part never lowers it. Empty: 0.
pub fn combine(parts: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = parts.iter().map(|x| x.clamp(0.0, 1.0)).collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let Some((&first, rest)) = sorted.split_first() else {
        return 0.0;
    };
    let missed: f64 = rest.iter().map(|s| 1.0 - s).product();
    first + (1.0 - first) * CORROBORATION * (1.0 - missed)
}

/// A cause's impact, 0–100 with one decimal:
/// `100 × support × (1 − AREA_SAY + AREA_SAY × deficit) × (1 − UNKNOWN_SAY + UNKNOWN_SAY × confidence)`,
/// where deficit is `(100 − area score) / 100` (0.5 when the area has no
/// score) and confidence the answered share of the questions its rules test.
pub fn impact(support: f64, area_score: Option<f64>, confidence: f64) -> f64 {
    let deficit = area_score.map_or(0.5, |s| (100.0 - s.clamp(0.0, 100.0)) / 100.0);
    let raw = 100.0
        * support.clamp(0.0, 1.0)
        * (1.0 - AREA_SAY + AREA_SAY * deficit)
        * (1.0 - UNKNOWN_SAY + UNKNOWN_SAY * confidence.clamp(0.0, 1.0));
    round1(raw)
}

/// A root's ranking impact: its own impact and those of the consequences it
/// explains, combined like rule strengths, so it is at least each of them.
pub fn root_impact(own: f64, consequences: &[f64]) -> f64 {
    let mut parts = Vec::with_capacity(consequences.len() + 1);
    parts.push(own / 100.0);
    parts.extend(consequences.iter().map(|x| x / 100.0));
    round1(100.0 * combine(&parts))
}

/// The severity word a number earns: `high` from the most a single medium
/// rule could ever reach (100 × 0.6), `medium` from the most a single low
/// rule could reach (100 × 0.3), `low` below. So the word follows the number
/// and a ranked list reads from high to low.
pub fn effective_severity(impact: f64) -> Severity {
    if impact >= 100.0 * severity_weight(Severity::Medium) {
        Severity::High
    } else if impact >= 100.0 * severity_weight(Severity::Low) {
        Severity::Medium
    } else {
        Severity::Low
    }
}

pub(super) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_multiplies_its_factors() {
        assert_eq!(strength(Severity::High, 1.0, 1.0, 1.0), 1.0);
        assert_eq!(strength(Severity::Medium, 1.0, 1.0, 1.0), 0.6);
        assert_eq!(strength(Severity::High, 0.5, 1.0, 1.0), 0.5);
        assert!((strength(Severity::High, 1.0, 1.0 / 3.0, 1.0) - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(strength(Severity::Low, 1.0, 1.0, 0.0), 0.0);
    }

    #[test]
    fn combining_is_bounded_by_the_strongest_and_half_the_room() {
        assert_eq!(combine(&[]), 0.0);
        assert_eq!(combine(&[0.6]), 0.6);
        assert_eq!(combine(&[1.0, 0.3]), 1.0);
        // Two decisive rules are decisive; a second adds half of what it covers of the room.
        assert!((combine(&[0.6, 0.6]) - (0.6 + 0.4 * 0.5 * 0.6)).abs() < 1e-12);
        // However many weak rules: below the strongest plus half the room.
        let many = vec![0.3; 50];
        assert!(combine(&many) < 0.3 + 0.7 * CORROBORATION + 1e-12);
        assert!(combine(&many) < 1.0);
        // Order does not matter.
        assert_eq!(combine(&[0.2, 0.9, 0.5]), combine(&[0.9, 0.5, 0.2]));
    }

    #[test]
    fn impact_table() {
        // support, area score, confidence → impact
        let cases = [
            (1.0, Some(0.0), 1.0, 100.0),
            (1.0, Some(100.0), 1.0, 75.0),
            (1.0, None, 1.0, 87.5),
            (1.0, Some(0.0), 0.0, 70.0),
            (0.6, Some(50.0), 1.0, 52.5),
            (0.0, Some(0.0), 1.0, 0.0),
        ];
        for (support, area, conf, want) in cases {
            assert_eq!(impact(support, area, conf), want, "{support} {area:?} {conf}");
        }
    }

    #[test]
    fn impact_grows_with_each_factor() {
        let base = impact(0.5, Some(60.0), 0.8);
        assert!(impact(0.6, Some(60.0), 0.8) > base);
        assert!(impact(0.5, Some(30.0), 0.8) > base);
        assert!(impact(0.5, Some(60.0), 1.0) > base);
    }

    #[test]
    fn a_root_is_at_least_each_consequence() {
        assert_eq!(root_impact(40.0, &[]), 40.0);
        let r = root_impact(40.0, &[70.0, 20.0]);
        assert!((70.0..=100.0).contains(&r), "{r}");
    }

    #[test]
    fn the_word_follows_the_number() {
        assert_eq!(effective_severity(100.0), Severity::High);
        assert_eq!(effective_severity(60.0), Severity::High);
        assert_eq!(effective_severity(59.9), Severity::Medium);
        assert_eq!(effective_severity(30.0), Severity::Medium);
        assert_eq!(effective_severity(29.9), Severity::Low);
        // Monotone: a higher number never has a weaker word.
        let mut last = Severity::Low;
        for i in 0..=1000 {
            let s = effective_severity(i as f64 / 10.0);
            assert!(s >= last);
            last = s;
        }
    }

    proptest::proptest! {
        /// However many parts: at least the strongest, at most the strongest
        /// plus half the room it leaves; a part added never lowers it, and
        /// each further equal part adds less than the one before.
        #[test]
        fn combining_is_bounded_and_diminishing(
            parts in proptest::collection::vec(0.0f64..=1.0, 1..12),
            extra in 0.0f64..=1.0,
        ) {
            let strongest = parts.iter().copied().fold(0.0, f64::max);
            let c = combine(&parts);
            proptest::prop_assert!(c >= strongest - 1e-12);
            proptest::prop_assert!(c <= strongest + CORROBORATION * (1.0 - strongest) + 1e-12);
            let mut more = parts.clone();
            more.push(extra.min(strongest));
            let c2 = combine(&more);
            proptest::prop_assert!(c2 >= c - 1e-12);
            more.push(extra.min(strongest));
            proptest::prop_assert!(combine(&more) - c2 <= c2 - c + 1e-12);
        }
    }
}
