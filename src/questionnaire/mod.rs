//! Questionnaire stage: what is asked, how answers score, and which rules point
//! at which root causes. Read from YAML (bundled or by path), validated once,
//! compiled into [`Questionnaire`].

pub mod bounds;
mod build;
pub mod maturity;
pub mod migration;
mod model;
mod raw;
pub mod version;

use std::path::Path;
use std::sync::{Arc, OnceLock};

pub use build::{is_dotted_kebab, is_kebab};
pub use maturity::{AreaRef, MaturityLevel, MaturityModel};
pub use migration::{Change, Migration, ValueMap};
pub use model::*;
pub use raw::RawQuestionnaire;
pub use version::Version;

use crate::diagnostic::{Level, Problem, SourceFile};
use crate::error::Error;
use crate::yaml::{self, Limits};

/// A questionnaire that ships inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    pub id: &'static str,
    /// Path shown in messages, relative to the repository.
    pub path: &'static str,
    /// The YAML source.
    pub text: &'static str,
    /// The same document as JSON, converted by `build.rs` (empty if it could not be).
    pub json: &'static str,
}

macro_rules! bundled {
    ($id:literal) => {
        Bundled {
            id: $id,
            path: concat!("assessments/", $id, ".yaml"),
            text: include_str!(concat!("../../assessments/", $id, ".yaml")),
            json: include_str!(concat!(env!("OUT_DIR"), "/assessments/", $id, ".json")),
        }
    };
}

/// The assessments compiled into ecodiag; the first is the default.
pub const BUNDLED: &[Bundled] = &[bundled!("sales-ecosystem"), bundled!("sales-process")];

/// The default assessment's id.
pub fn default_id() -> &'static str {
    BUNDLED[0].id
}

/// Seconds a question takes in a room, quick and slow: reading it out, a
/// short discussion, the answer. `ecodiag show`, the start of `ecodiag
/// assess` and its time left all count with this pace.
pub const PACE_SECONDS: (u32, u32) = (45, 75);

/// About how long answering `questions` questions takes in a room, as a range
/// of minutes rounded to fives (`(55, 90)` for 70 questions).
pub fn minutes_for(questions: usize) -> (u32, u32) {
    let n = u32::try_from(questions).unwrap_or(u32::MAX);
    let fives = |seconds: u32| (n.saturating_mul(seconds).div_ceil(60) + 2) / 5 * 5;
    (fives(PACE_SECONDS.0).max(5), fives(PACE_SECONDS.1).max(5))
}

/// The sentence `show` and `assess` give for how long a questionnaire takes.
pub fn duration_text(q: &Questionnaire) -> String {
    let (low, high) = minutes_for(q.questions.len());
    let (quick, slow) = PACE_SECONDS;
    let span = if low == high {
        format!("{low}")
    } else {
        format!("{low} to {high}")
    };
    format!("About {span} minutes in a room, at {quick} to {slow} seconds a question.")
}

/// A loaded questionnaire together with the warnings found while checking it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub questionnaire: Questionnaire,
    pub source: SourceFile,
    pub warnings: Vec<Problem>,
}

/// Parses and validates questionnaire text.
pub fn from_source(source: SourceFile, limits: &Limits) -> Result<Loaded, Error> {
    let raw: RawQuestionnaire = match yaml::from_source(&source, limits) {
        Ok(raw) => raw,
        Err(problem) => return Err(Error::invalid(source, vec![*problem])),
    };
    match build::build(&raw) {
        Ok((questionnaire, warnings)) => Ok(Loaded {
            questionnaire,
            source,
            warnings,
        }),
        Err(mut problems) => {
            problems.sort_by_key(|p| {
                (
                    p.span.map(|s| s.offset()),
                    std::cmp::Reverse(p.level == Level::Error),
                )
            });
            Err(Error::invalid(source, problems))
        }
    }
}

/// Loads a bundled questionnaire by id, once per process: later calls share it.
pub fn bundled(id: &str) -> Result<Arc<Loaded>, Error> {
    static CACHE: OnceLock<Vec<OnceLock<Arc<Loaded>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| BUNDLED.iter().map(|_| OnceLock::new()).collect());
    let ix = BUNDLED
        .iter()
        .position(|b| b.id == id)
        .ok_or_else(|| unknown(id))?;
    if let Some(loaded) = cache[ix].get() {
        return Ok(Arc::clone(loaded));
    }
    let loaded = Arc::new(load_bundled(&BUNDLED[ix])?);
    Ok(Arc::clone(cache[ix].get_or_init(|| loaded)))
}

/// The JSON copy is read first because it parses far faster than the YAML.
/// Should it fail or produce any warning, the YAML is loaded instead, so every
/// message points at a line of the real file.
fn load_bundled(b: &Bundled) -> Result<Loaded, Error> {
    let source = SourceFile::from_static(b.path, b.text);
    if let Ok(raw) = serde_json::from_str::<RawQuestionnaire>(b.json)
        && let Ok((questionnaire, warnings)) = build::build(&raw)
        && warnings.is_empty()
    {
        return Ok(Loaded {
            questionnaire,
            source,
            warnings,
        });
    }
    from_bundled_yaml(b)
}

/// Loads a bundled questionnaire from its YAML source.
pub fn from_bundled_yaml(b: &Bundled) -> Result<Loaded, Error> {
    from_source(SourceFile::from_static(b.path, b.text), &Limits::DEFAULT)
}

/// Resolves `--assessment NAME|PATH`: an existing file wins, then a bundled id.
pub fn resolve(name_or_path: &str, limits: &Limits) -> Result<Arc<Loaded>, Error> {
    let path = Path::new(name_or_path);
    if path.exists() {
        let source = yaml::read_source(path, yaml::FileKind::Questionnaire, limits)?;
        return from_source(source, limits).map(Arc::new);
    }
    if BUNDLED.iter().any(|b| b.id == name_or_path) {
        return bundled(name_or_path);
    }
    let looks_like_path = name_or_path.contains(['/', '\\'])
        || name_or_path.ends_with(".yaml")
        || name_or_path.ends_with(".yml");
    if looks_like_path {
        return Err(Error::Input(yaml::ReadError::Io {
            path: name_or_path.to_owned(),
            kind: yaml::FileKind::Questionnaire,
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        }));
    }
    Err(unknown(name_or_path))
}

fn unknown(name: &str) -> Error {
    Error::UnknownAssessment {
        name: name.to_owned(),
        known: BUNDLED.iter().map(|b| b.id.to_owned()).collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_round_to_five_minutes() {
        assert_eq!(super::minutes_for(70), (55, 90));
        assert_eq!(super::minutes_for(28), (20, 35));
        assert_eq!(super::minutes_for(1), (5, 5));
    }
}
