//! Report stage: each area's maturity level (from the questionnaire's
//! scale and the area's score) and its progress towards a target. Computed
//! once here; renderers only format, and later stages (plans, trends,
//! benchmarks) read these values rather than the scale.

use crate::questionnaire::{AreaRef, MaturityModel, Questionnaire};

/// An area's maturity: a level from 1 to 5 with its name and what it looks
/// like there; or unknown, when the area has no score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Maturity {
    /// 1 to 5; `None` when nothing in the area was answered.
    pub level: Option<u8>,
    /// The level's name, or `unknown`.
    pub name: String,
    /// What the level looks like in this area (its own words where the
    /// questionnaire gives them, else the scale's), or why it is unknown.
    pub description: String,
    /// The description is the area's own, not the scale's generic one.
    pub own: bool,
}

/// What a target asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// At least this maturity level (1 to 5).
    Level(u8),
    /// At least this score (0–100).
    Score(f64),
}

/// A target resolved against a questionnaire: an area and its goal.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedTarget {
    pub area: AreaRef,
    pub goal: Goal,
}

/// Where an area stands against its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub goal: Goal,
    /// The score that meets the goal: the level's cut-off, or the score asked.
    pub score: f64,
    /// The level the goal stands for: the level asked, or the level the
    /// score asked reaches (when the questionnaire has a scale).
    pub level: Option<u8>,
    /// That level's name.
    pub level_name: Option<String>,
    /// `None` when the area has no score.
    pub met: Option<bool>,
    /// Points still to gain (0 when met); `None` when the area has no score.
    pub points_to_go: Option<f64>,
    /// Levels still to climb (0 when met); `None` without a score or a scale.
    pub levels_to_go: Option<u8>,
}

/// The questionnaire's scale, as reports show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// What the levels are and where their names come from.
    pub description: Option<String>,
    pub levels: Vec<ScaleLevel>,
    /// The ecosystem's maturity (from the mean of the buckets).
    pub ecosystem: Maturity,
}

/// One rung of the scale with the scores it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleLevel {
    pub number: u8,
    pub name: String,
    /// The lowest score at this level.
    pub from: f64,
    /// Where the next level starts (exclusive), or 100 (inclusive) for the top.
    pub to: f64,
    pub description: String,
}

/// An area's maturity for a score (one decimal, as the report holds it);
/// `None` when the questionnaire defines no scale.
pub fn maturity_of(q: &Questionnaire, area: AreaRef, score: Option<f64>) -> Option<Maturity> {
    let model = q.maturity.as_ref()?;
    Some(match score {
        Some(s) => {
            let level = model.level_for(s);
            Maturity {
                level: Some(level.number),
                name: level.name.clone(),
                description: model.description(area, level.number).to_owned(),
                own: model.own_description(area, level.number).is_some(),
            }
        }
        None => Maturity {
            level: None,
            name: "unknown".to_owned(),
            description: "Nothing in this area was answered, so its maturity is unknown.".to_owned(),
            own: false,
        },
    })
}

/// The scale for the report, with the ecosystem's level.
pub fn scale(q: &Questionnaire, ecosystem: Option<f64>) -> Option<Scale> {
    let model = q.maturity.as_ref()?;
    Some(Scale {
        description: model.description.clone(),
        levels: model
            .levels
            .iter()
            .map(|l| ScaleLevel {
                number: l.number,
                name: l.name.clone(),
                from: l.from,
                to: model.upper(l.number),
                description: l.description.clone(),
            })
            .collect(),
        ecosystem: maturity_of(q, AreaRef::Ecosystem, ecosystem)?,
    })
}

/// Where a score stands against a goal. A score meets a level when the
/// level it reaches is at least the one asked, which is the same as
/// reaching the level's cut-off.
pub fn progress(model: Option<&MaturityModel>, goal: Goal, score: Option<f64>) -> Target {
    let (needed, level) = match goal {
        Goal::Level(n) => (model.and_then(|m| m.level(n)).map_or(100.0, |l| l.from), Some(n)),
        Goal::Score(s) => (s, model.map(|m| m.level_for(s).number)),
    };
    let current_level = model.zip(score).map(|(m, s)| m.level_for(s).number);
    let met = score.map(|s| s >= needed);
    Target {
        goal,
        score: needed,
        level,
        level_name: model
            .zip(level)
            .and_then(|(m, n)| m.level(n))
            .map(|l| l.name.clone()),
        met,
        points_to_go: score.map(|s| super::round1((needed - s).max(0.0))),
        levels_to_go: current_level
            .zip(level)
            .map(|(now, want)| want.saturating_sub(now)),
    }
}

/// Sets each targeted area's progress; a later target for the same area
/// replaces an earlier one (so `--target` overrides `ecodiag.toml`).
pub fn set_targets(report: &mut super::Report, q: &Questionnaire, targets: &[ResolvedTarget]) {
    let model = q.maturity.as_ref();
    for t in targets {
        match t.area {
            AreaRef::Ecosystem => {
                report.ecosystem_target = Some(progress(model, t.goal, report.ecosystem.value));
            }
            AreaRef::Group(g) => {
                let id = &q.groups[g].id;
                let area = report
                    .buckets
                    .iter_mut()
                    .chain(std::iter::once(&mut report.macro_group))
                    .find(|a| &a.id == id);
                if let Some(area) = area {
                    area.target = Some(progress(model, t.goal, area.score.value));
                }
            }
            AreaRef::Element(e) => {
                let id = &q.elements[e].id;
                let part = report
                    .buckets
                    .iter_mut()
                    .chain(std::iter::once(&mut report.macro_group))
                    .flat_map(|a| a.parts.iter_mut())
                    .find(|p| &p.id == id);
                if let Some(part) = part {
                    part.target = Some(progress(model, t.goal, part.score.value));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> MaturityModel {
        crate::questionnaire::maturity::sample()
    }

    #[test]
    fn a_level_target_needs_its_cut_off() {
        let m = model();
        let t = progress(Some(&m), Goal::Level(3), Some(41.5));
        assert_eq!(t.score, 50.0);
        assert_eq!(t.level_name.as_deref(), Some("Formal"));
        assert_eq!(t.met, Some(false));
        assert_eq!(t.points_to_go, Some(8.5));
        assert_eq!(t.levels_to_go, Some(1));
        let t = progress(Some(&m), Goal::Level(3), Some(50.0));
        assert_eq!(
            (t.met, t.points_to_go, t.levels_to_go),
            (Some(true), Some(0.0), Some(0))
        );
        let t = progress(Some(&m), Goal::Level(2), Some(80.0));
        assert_eq!(
            (t.met, t.points_to_go, t.levels_to_go),
            (Some(true), Some(0.0), Some(0))
        );
    }

    #[test]
    fn a_score_target_names_the_level_it_reaches() {
        let m = model();
        let t = progress(Some(&m), Goal::Score(80.0), Some(20.0));
        assert_eq!(t.level, Some(4));
        assert_eq!(t.points_to_go, Some(60.0));
        assert_eq!(t.levels_to_go, Some(3));
        let t = progress(None, Goal::Score(80.0), Some(20.0));
        assert_eq!((t.level, t.levels_to_go, t.met), (None, None, Some(false)));
    }

    #[test]
    fn without_a_score_progress_is_unknown() {
        let t = progress(Some(&model()), Goal::Level(4), None);
        assert_eq!((t.met, t.points_to_go, t.levels_to_go), (None, None, None));
        assert_eq!(t.score, 75.0);
    }
}
