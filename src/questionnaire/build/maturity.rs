//! The maturity scale: five levels whose cut-offs start at 0 and rise, and
//! the per-area ladders that say what each level looks like there.

use super::super::maturity::{LEVELS, Ladder, MaturityLevel, MaturityModel};
use super::super::raw::*;
use super::Builder;
use crate::yaml::{Spanned, span_of};

impl Builder {
    pub(super) fn maturity(&mut self, raw: &RawQuestionnaire) -> Option<MaturityModel> {
        let areas = areas(raw);
        let Some(block) = &raw.maturity else {
            if let Some((id, ladder)) = areas.iter().find_map(|(id, l)| l.map(|l| (id, l))) {
                self.error(
                    "questionnaire::maturity-ladder",
                    format!("`{id}` describes its maturity levels, but the questionnaire defines none"),
                    span_of(ladder),
                    "no `maturity:` block",
                )
                .help = Some(
                    "add a top-level `maturity:` block with the five levels (docs/questionnaire.md), or remove the descriptions"
                        .to_owned(),
                );
            }
            return None;
        };
        let block = &block.value;
        let levels = self.levels(&block.levels);
        let mut ladder_of = |(id, ladder): &(&str, Option<&Spanned<RawLadder>>)| -> Ladder {
            ladder.map_or_else(Default::default, |l| self.ladder(id, l))
        };
        let (groups, elements) = split_ladders(raw, &areas, &mut ladder_of);
        Some(MaturityModel {
            description: block
                .description
                .as_ref()
                .map(|d| d.value.trim().to_owned())
                .filter(|d| !d.is_empty()),
            levels,
            groups,
            elements,
        })
    }

    fn levels(&mut self, raw: &Spanned<Vec<Spanned<RawLevel>>>) -> Vec<MaturityLevel> {
        if raw.value.len() != LEVELS {
            self.error(
                "questionnaire::maturity-levels",
                format!("the maturity scale has {} levels; it needs exactly {LEVELS}", raw.value.len()),
                span_of(raw),
                format!("{LEVELS} levels expected"),
            )
            .help = Some(
                "list five levels, lowest first, each with `name`, `from` (the score it starts at) and `description`"
                    .to_owned(),
            );
        }
        let mut levels: Vec<MaturityLevel> = Vec::with_capacity(LEVELS);
        for (i, level) in raw.value.iter().take(LEVELS).enumerate() {
            let level = &level.value;
            let number = i as u8 + 1;
            let name = self.text(&level.name, "maturity level name");
            if let Some(other) = levels.iter().find(|l| l.name.eq_ignore_ascii_case(&name)) {
                self.error(
                    "questionnaire::maturity-name",
                    format!("levels {} and {number} are both called `{name}`", other.number),
                    span_of(&level.name),
                    "second use",
                )
                .help = Some("every level needs its own name; targets name levels by it".to_owned());
            } else if looks_like_number(&name) {
                self.error(
                    "questionnaire::maturity-name",
                    format!("the level name `{name}` reads as a level number"),
                    span_of(&level.name),
                    "a word expected",
                )
                .help = Some("name levels with words (e.g. `Formal`); `L3` already means level 3".to_owned());
            }
            let from = level.from.value;
            self.cut_off(&level.from, number, levels.last());
            levels.push(MaturityLevel {
                number,
                name,
                from,
                description: self.text(&level.description, "maturity level description"),
            });
        }
        levels
    }

    /// The first level starts at 0; every later one above the one before,
    /// and within 0–100. Together they give every score one level.
    fn cut_off(&mut self, from: &Spanned<f64>, number: u8, previous: Option<&MaturityLevel>) {
        let x = from.value;
        let shown = crate::diagnostic::number(x);
        let problem = if !x.is_finite() || !(0.0..=100.0).contains(&x) {
            Some((
                format!("level {number} starts at {shown}, outside the scores 0–100"),
                "a score from 0 to 100".to_owned(),
            ))
        } else if number == 1 && x != 0.0 {
            Some((
                format!("level 1 starts at {shown}, so scores below it would have no level"),
                "write `from: 0`".to_owned(),
            ))
        } else {
            previous.filter(|p| x <= p.from).map(|p| {
                (
                    format!(
                        "level {number} starts at {shown}, not above level {} ({})",
                        p.number,
                        crate::diagnostic::number(p.from)
                    ),
                    format!(
                        "cut-offs rise from level to level: more than {}",
                        crate::diagnostic::number(p.from)
                    ),
                )
            })
        };
        if let Some((message, help)) = problem {
            self.error("questionnaire::maturity-from", message, span_of(from), "cut-off")
                .help = Some(format!(
                "{help}; each level runs from its `from` up to the next level's, the last up to 100"
            ));
        }
    }

    fn ladder(&mut self, area: &str, raw: &Spanned<RawLadder>) -> Ladder {
        let mut ladder: Ladder = Default::default();
        for (point, text) in &raw.value.0 {
            let Some(slot) = usize::try_from(point.0)
                .ok()
                .filter(|n| (1..=LEVELS).contains(n))
                .map(|n| n - 1)
            else {
                self.error(
                    "questionnaire::maturity-ladder",
                    format!(
                        "`{area}` describes level {}, but levels run from 1 to {LEVELS}",
                        point.0
                    ),
                    span_of(text),
                    "no such level",
                )
                .help = Some("key each description by a level number from 1 to 5".to_owned());
                continue;
            };
            ladder[slot] = Some(self.text(text, "maturity description"));
        }
        ladder
    }
}

/// `L3`, `level 3` and `3` are how targets name a level by number.
fn looks_like_number(name: &str) -> bool {
    super::super::maturity::level_number(name).is_some()
}

type AreaLadder<'a> = (&'a str, Option<&'a Spanned<RawLadder>>);

/// Every area that may carry a ladder, in model order: the buckets, the macro
/// group; then the elements of each bucket and the culprits.
fn areas(raw: &RawQuestionnaire) -> Vec<AreaLadder<'_>> {
    let m = raw.macro_group.as_ref().map(|m| &m.value);
    let groups = raw
        .buckets
        .value
        .iter()
        .map(|b| (b.value.id.value.as_str(), b.value.maturity.as_ref()))
        .chain(std::iter::once((
            crate::questionnaire::MACRO_ID,
            m.and_then(|m| m.maturity.as_ref()),
        )));
    let elements = raw
        .buckets
        .value
        .iter()
        .flat_map(|b| b.value.elements.value.iter())
        .chain(m.into_iter().flat_map(|m| m.culprits.value.iter()))
        .map(|e| (e.value.id.value.as_str(), e.value.maturity.as_ref()));
    groups.chain(elements).collect()
}

/// The ladders split back into groups (buckets, then macro) and elements.
fn split_ladders(
    raw: &RawQuestionnaire,
    areas: &[AreaLadder<'_>],
    ladder_of: &mut dyn FnMut(&AreaLadder<'_>) -> Ladder,
) -> (Vec<Ladder>, Vec<Ladder>) {
    let group_count = raw.buckets.value.len() + 1;
    let groups = areas[..group_count].iter().map(&mut *ladder_of).collect();
    let elements = areas[group_count..].iter().map(ladder_of).collect();
    (groups, elements)
}
