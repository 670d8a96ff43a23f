//! The maturity section shared by the table, Markdown and HTML renderers:
//! the rows (every area with its level) and the wording of levels, targets
//! and gaps. Plain text; each renderer escapes and lays it out.

use super::score_text;
use crate::answers::format_number;
use crate::report::{Goal, Maturity, Report, ScaleLevel, Score, Target};

/// One row of the maturity or targets table.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub title: &'a str,
    /// A bucket, the macro group or the ecosystem (shown bold); else a part.
    pub heading: bool,
    pub score: Score,
    pub maturity: Option<&'a Maturity>,
    pub target: Option<&'a Target>,
}

/// Every area in report order — each bucket and its elements, the
/// ecosystem, the macro group and its culprits — as the scores table lists
/// them.
pub fn rows(r: &Report) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for a in &r.buckets {
        push(&mut rows, a);
    }
    rows.push(Row {
        title: &r.ecosystem_title,
        heading: true,
        score: r.ecosystem,
        maturity: r.maturity.as_ref().map(|s| &s.ecosystem),
        target: r.ecosystem_target.as_ref(),
    });
    if !r.macro_group.parts.is_empty() {
        push(&mut rows, &r.macro_group);
    }
    rows
}

fn push<'a>(rows: &mut Vec<Row<'a>>, a: &'a crate::report::Area) {
    rows.push(Row {
        title: &a.title,
        heading: true,
        score: a.score,
        maturity: a.maturity.as_ref(),
        target: a.target.as_ref(),
    });
    rows.extend(a.parts.iter().map(|p| Row {
        title: &p.title,
        heading: false,
        score: p.score,
        maturity: p.maturity.as_ref(),
        target: p.target.as_ref(),
    }));
}

/// The rows with a target, in report order.
pub fn target_rows(r: &Report) -> Vec<Row<'_>> {
    rows(r).into_iter().filter(|row| row.target.is_some()).collect()
}

/// `L2 Informal`, or `unknown`.
pub fn level_text(m: &Maturity) -> String {
    match m.level {
        Some(n) => format!("L{n} {}", m.name),
        None => "unknown".to_owned(),
    }
}

/// A level of the scale: `L2 Informal (from 25)`.
pub fn scale_level_text(l: &ScaleLevel) -> String {
    format!("L{} {} (from {})", l.number, l.name, format_number(l.from))
}

/// Where an area is now: `45 · L2 Informal`, or `no score`.
pub fn now_text(row: &Row<'_>) -> String {
    match (row.score.value, row.maturity) {
        (None, _) => "no score".to_owned(),
        (Some(_), Some(m)) => format!("{} · {}", score_text(row.score.value), level_text(m)),
        (Some(_), None) => score_text(row.score.value),
    }
}

/// What the target asks: `L3 Formal (from 50)`, `70 (L3 Formal)` or `70`.
pub fn target_text(t: &Target) -> String {
    let named = |n: u8| match &t.level_name {
        Some(name) => format!("L{n} {name}"),
        None => format!("L{n}"),
    };
    match (t.goal, t.level) {
        (Goal::Level(n), _) => format!("{} (from {})", named(n), format_number(t.score)),
        (Goal::Score(s), Some(n)) => format!("{} ({})", format_number(s), named(n)),
        (Goal::Score(s), None) => format_number(s),
    }
}

/// The gap: `met`, `8.5 points · 1 level to go`, or why it is unknown.
pub fn gap_text(t: &Target) -> String {
    match (t.met, t.points_to_go) {
        (Some(true), _) => "met".to_owned(),
        (Some(false), Some(points)) => {
            let points = format!(
                "{} point{}",
                format_number(points),
                if points == 1.0 { "" } else { "s" }
            );
            match t.levels_to_go {
                Some(n) if n > 0 => format!("{points} · {n} level{} to go", if n == 1 { "" } else { "s" }),
                _ => format!("{points} to go"),
            }
        }
        _ => "unknown: no score yet".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(goal: Goal, met: Option<bool>, points: Option<f64>, levels: Option<u8>) -> Target {
        Target {
            goal,
            score: 50.0,
            level: Some(3),
            level_name: Some("Formal".to_owned()),
            met,
            points_to_go: points,
            levels_to_go: levels,
        }
    }

    #[test]
    fn targets_and_gaps_read_plainly() {
        let t = target(Goal::Level(3), Some(false), Some(8.5), Some(1));
        assert_eq!(target_text(&t), "L3 Formal (from 50)");
        assert_eq!(gap_text(&t), "8.5 points · 1 level to go");
        let t = target(Goal::Score(60.0), Some(false), Some(1.0), Some(0));
        assert_eq!(target_text(&t), "60 (L3 Formal)");
        assert_eq!(gap_text(&t), "1 point to go");
        assert_eq!(
            gap_text(&target(Goal::Score(60.0), Some(true), Some(0.0), Some(0))),
            "met"
        );
        assert_eq!(
            gap_text(&target(Goal::Level(3), None, None, None)),
            "unknown: no score yet"
        );
    }
}
