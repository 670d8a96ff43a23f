//! Questionnaire stage: the maturity levels a questionnaire defines — five
//! named rungs with the scores they start at — and what each level looks
//! like in each area. Validated in `build::maturity`.

use super::model::{ElementIx, GroupIx};

/// How many levels a maturity scale has.
pub const LEVELS: usize = 5;

/// What each level looks like in one area, by level (index 0 is level 1);
/// `None` where the generic description applies.
pub type Ladder = [Option<String>; LEVELS];

/// The maturity scale of a questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct MaturityModel {
    /// What the levels are and where their names come from.
    pub description: Option<String>,
    /// Exactly [`LEVELS`] levels, lowest first; `from` strictly increasing,
    /// the first at 0.
    pub levels: Vec<MaturityLevel>,
    /// Per bucket (and the macro group, last), indexed like the groups.
    pub groups: Vec<Ladder>,
    /// Per element or macro culprit, indexed like the elements.
    pub elements: Vec<Ladder>,
}

/// One rung of the scale.
#[derive(Debug, Clone, PartialEq)]
pub struct MaturityLevel {
    /// 1 to 5.
    pub number: u8,
    pub name: String,
    /// The lowest score at this level.
    pub from: f64,
    /// What this level looks like, for any area.
    pub description: String,
}

/// An area that has a maturity level of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaRef {
    /// A bucket, or the macro group.
    Group(GroupIx),
    /// An element or a macro culprit.
    Element(ElementIx),
    /// The ecosystem as a whole (the mean of the buckets).
    Ecosystem,
}

impl MaturityModel {
    /// The level a score (0–100) reaches: the highest whose `from` it meets.
    pub fn level_for(&self, score: f64) -> &MaturityLevel {
        self.levels
            .iter()
            .rev()
            .find(|l| score >= l.from)
            .unwrap_or(&self.levels[0])
    }

    /// Level `number` (1 to 5).
    pub fn level(&self, number: u8) -> Option<&MaturityLevel> {
        self.levels.iter().find(|l| l.number == number)
    }

    /// The score where the level after `number` starts (100 for the top one).
    pub fn upper(&self, number: u8) -> f64 {
        self.level(number.saturating_add(1)).map_or(100.0, |l| l.from)
    }

    /// What level `number` looks like in an area: its own words where the
    /// questionnaire gives them, else the generic description.
    pub fn description(&self, area: AreaRef, number: u8) -> &str {
        self.own_description(area, number)
            .or_else(|| self.level(number).map(|l| l.description.as_str()))
            .unwrap_or_default()
    }

    /// What level `number` looks like in an area, in the area's own words,
    /// when the questionnaire gives them.
    pub fn own_description(&self, area: AreaRef, number: u8) -> Option<&str> {
        let ladder = match area {
            AreaRef::Group(g) => self.groups.get(g),
            AreaRef::Element(e) => self.elements.get(e),
            AreaRef::Ecosystem => None,
        };
        ladder
            .and_then(|l| l.get(usize::from(number).wrapping_sub(1)))
            .and_then(Option::as_deref)
    }

    /// A level as a person names it: `L3`, `level 3`, `3` or its name (any
    /// case).
    pub fn find(&self, text: &str) -> Option<u8> {
        if let Some(n) = level_number(text) {
            return u8::try_from(n).ok().and_then(|n| self.level(n)).map(|l| l.number);
        }
        let lower = text.trim().to_lowercase();
        self.levels
            .iter()
            .find(|l| l.name.to_lowercase() == lower)
            .map(|l| l.number)
    }

    /// The level names, lowest first, for hints.
    pub fn names(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.name.as_str()).collect()
    }
}

/// The number in `L3`, `level 3` or `3` (any case), the ways a level is
/// named by number.
pub(crate) fn level_number(text: &str) -> Option<u64> {
    let lower = text.trim().to_lowercase();
    let rest = lower
        .strip_prefix("level")
        .or_else(|| lower.strip_prefix('l'))
        .unwrap_or(&lower)
        .trim();
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
}

/// A scale for unit tests: the bundled assessments' cut-offs, generic
/// descriptions `generic N`, and one group whose level 3 reads `own 3`.
#[cfg(test)]
pub(crate) fn sample() -> MaturityModel {
    let level = |number: u8, name: &str, from: f64| MaturityLevel {
        number,
        name: name.to_owned(),
        from,
        description: format!("generic {number}"),
    };
    let mut ladder: Ladder = Default::default();
    ladder[2] = Some("own 3".to_owned());
    MaturityModel {
        description: None,
        levels: vec![
            level(1, "Random", 0.0),
            level(2, "Informal", 25.0),
            level(3, "Formal", 50.0),
            level(4, "Dynamic", 75.0),
            level(5, "Institutionalised", 90.0),
        ],
        groups: vec![ladder],
        elements: vec![Default::default()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> MaturityModel {
        sample()
    }

    #[test]
    fn a_score_reaches_the_highest_level_it_meets() {
        let m = model();
        let at = |s: f64| m.level_for(s).number;
        assert_eq!(
            [
                at(0.0),
                at(24.9),
                at(25.0),
                at(74.9),
                at(75.0),
                at(89.9),
                at(90.0),
                at(100.0)
            ],
            [1, 1, 2, 3, 4, 4, 5, 5]
        );
        assert_eq!(m.upper(3), 75.0);
        assert_eq!(m.upper(5), 100.0);
    }

    #[test]
    fn an_area_says_what_a_level_looks_like_there_or_falls_back() {
        let m = model();
        assert_eq!(m.description(AreaRef::Group(0), 3), "own 3");
        assert_eq!(m.description(AreaRef::Group(0), 2), "generic 2");
        assert_eq!(m.description(AreaRef::Element(0), 3), "generic 3");
        assert_eq!(m.description(AreaRef::Ecosystem, 5), "generic 5");
    }

    #[test]
    fn levels_are_found_by_number_or_name() {
        let m = model();
        for (text, want) in [
            ("L3", Some(3)),
            ("l3", Some(3)),
            ("level 4", Some(4)),
            ("Level4", Some(4)),
            ("2", Some(2)),
            ("formal", Some(3)),
            ("DYNAMIC", Some(4)),
            ("L6", None),
            ("L999", None),
            ("excellent", None),
        ] {
            assert_eq!(m.find(text), want, "{text}");
        }
    }
}
