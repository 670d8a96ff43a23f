//! Questionnaire stage: version numbers and the policy that says whether
//! answers given to one version of a questionnaire can be scored against
//! another (docs/questionnaire.md, *Versions*).
//!
//! A questionnaire's version is `MAJOR.MINOR.PATCH`. A new major version
//! renames, removes or re-anchors questions, so answers from another major
//! version are refused until `ecodiag migrate` carries them over; a new
//! minor version only adds, so older answers are scored with a warning; a
//! patch changes wording only and passes silently.

use std::fmt;

/// `MAJOR.MINOR.PATCH`, compared numerically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub const fn new(major: u64, minor: u64, patch: u64) -> Self {
        Version { major, minor, patch }
    }

    /// Exactly three whole numbers joined by dots, as a questionnaire must
    /// write its version (`1.0.0`).
    pub fn parse(text: &str) -> Option<Version> {
        let parts = numbers(text.trim())?;
        match parts[..] {
            [major, minor, patch] => Some(Version::new(major, minor, patch)),
            _ => None,
        }
    }

    /// One to three whole numbers, as an answers file may record the version
    /// it answered (`1`, `1.0` and `1.0.0` are the same version).
    pub fn parse_lenient(text: &str) -> Option<Version> {
        let parts = numbers(text.trim())?;
        match parts[..] {
            [major] => Some(Version::new(major, 0, 0)),
            [major, minor] => Some(Version::new(major, minor, 0)),
            [major, minor, patch] => Some(Version::new(major, minor, patch)),
            _ => None,
        }
    }
}

fn numbers(text: &str) -> Option<Vec<u64>> {
    text.split('.')
        .map(|part| {
            (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u64>().ok())
                .flatten()
        })
        .collect()
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// How the version an answers file records stands to the questionnaire's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compat {
    /// The same version, or only the patch differs: nothing to say.
    Silent,
    /// Same major version, another minor one: scored, with a warning.
    Minor,
    /// The answers were given to an older major version: refused until migrated.
    OlderMajor,
    /// The answers were given to a newer major version than this questionnaire.
    NewerMajor,
    /// One of the two is not a version number.
    Unreadable,
}

impl Compat {
    /// Whether answers with this relation can be scored without a word.
    pub fn is_silent(self) -> bool {
        self == Compat::Silent
    }
}

/// The policy: compares the version answers were given to (`answered`, read
/// leniently) with the questionnaire's own (`current`).
pub fn compat(answered: &str, current: &str) -> Compat {
    let (Some(a), Some(c)) = (Version::parse_lenient(answered), Version::parse_lenient(current)) else {
        return if answered.trim() == current.trim() {
            Compat::Silent
        } else {
            Compat::Unreadable
        };
    };
    if a.major < c.major {
        Compat::OlderMajor
    } else if a.major > c.major {
        Compat::NewerMajor
    } else if a.minor != c.minor {
        Compat::Minor
    } else {
        Compat::Silent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questionnaire_versions_are_three_numbers() {
        assert_eq!(Version::parse("1.2.3"), Some(Version::new(1, 2, 3)));
        assert_eq!(Version::parse(" 10.0.0 "), Some(Version::new(10, 0, 0)));
        for bad in [
            "1.2",
            "1",
            "1.2.3.4",
            "v1.2.3",
            "1.2.x",
            "1..2",
            "",
            "1.2.3-beta",
            "+1.2.3",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn answers_may_shorten_a_version() {
        assert_eq!(Version::parse_lenient("2"), Some(Version::new(2, 0, 0)));
        assert_eq!(Version::parse_lenient("0.9"), Some(Version::new(0, 9, 0)));
        assert_eq!(Version::parse_lenient("draft"), None);
    }

    #[test]
    fn the_policy_table() {
        let table = [
            ("1.1.0", "1.1.0", Compat::Silent),
            ("1.1.0", "1.1.4", Compat::Silent),
            ("1.1", "1.1.4", Compat::Silent),
            ("1.0.0", "1.1.0", Compat::Minor),
            ("1.2.0", "1.1.0", Compat::Minor),
            ("1.9.9", "2.0.0", Compat::OlderMajor),
            ("0.9", "1.1.0", Compat::OlderMajor),
            ("3.0.0", "2.4.0", Compat::NewerMajor),
            ("draft", "1.0.0", Compat::Unreadable),
            ("draft", "draft", Compat::Silent),
        ];
        for (answered, current, want) in table {
            assert_eq!(compat(answered, current), want, "{answered} against {current}");
        }
    }

    #[test]
    fn versions_order_numerically() {
        assert!(Version::new(1, 10, 0) > Version::new(1, 9, 9));
        assert_eq!(Version::new(2, 0, 1).to_string(), "2.0.1");
    }
}
