//! Baseline reports for `check --baseline`: one JSON report, or a folder of
//! them, matched to answers files by relative path, else by client.

use std::path::{Path, PathBuf};

use crate::compare::Snapshot;
use crate::diagnostic::FileProblems;
use crate::error::Error;
use crate::yaml::{self, Limits};

/// The baseline reports that could be read.
#[derive(Debug, Default)]
pub struct Baselines {
    reports: Vec<Entry>,
    /// `*.json` paths in the folder skipped because they are not regular files.
    pub not_regular: usize,
    /// Every report file read, readable or not: inputs of the run.
    files: Vec<PathBuf>,
}

#[derive(Debug)]
struct Entry {
    /// Path relative to the baseline folder, without its extension.
    key: PathBuf,
    matched: Matched,
}

/// A baseline report and where it came from.
#[derive(Debug, Clone)]
pub struct Matched {
    pub path: String,
    pub snapshot: Snapshot,
}

impl Baselines {
    /// Reads a report or every `*.json` under a folder. Reports that cannot be
    /// read come back as located problems; the others are still used.
    pub fn load(path: &Path, limits: &Limits) -> Result<(Baselines, Vec<FileProblems>), Error> {
        let meta = std::fs::metadata(path).map_err(|source| {
            Error::Input(yaml::ReadError::Io {
                path: path.display().to_string(),
                kind: yaml::FileKind::Report,
                source,
            })
        })?;
        let mut files = Vec::new();
        let mut not_regular = 0;
        if meta.is_dir() {
            collect(path, &mut files, &mut not_regular)?;
        } else {
            files.push(path.to_path_buf());
        }
        let mut baselines = Baselines {
            files: files.clone(),
            not_regular,
            ..Baselines::default()
        };
        let mut broken = Vec::new();
        for file in files {
            let read = yaml::read_source(&file, yaml::FileKind::Report, limits)
                .map_err(Error::from)
                .and_then(|source| Snapshot::from_json(&source));
            match read {
                Ok(snapshot) => {
                    let relative = if meta.is_dir() {
                        file.strip_prefix(path).unwrap_or(&file).to_path_buf()
                    } else {
                        file.file_name().map(PathBuf::from).unwrap_or_default()
                    };
                    baselines.reports.push(Entry {
                        key: relative.with_extension(""),
                        matched: Matched {
                            path: file.display().to_string(),
                            snapshot,
                        },
                    });
                }
                Err(Error::Invalid(problems)) => broken.push(*problems),
                Err(other) => return Err(other),
            }
        }
        Ok((baselines, broken))
    }

    /// The report files read.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The baseline for an answers file: the report at the same relative path
    /// (`acme/q3.yaml` ↔ `acme/q3.json`) when it is of the same client and
    /// assessment, else the only report of that client and assessment. A
    /// report of another client is never compared with: the answer says
    /// which one was passed over, or that several would do.
    pub fn find(&self, relative: &Path, client: &str, assessment: &str) -> Found {
        let key = relative.with_extension("");
        let same =
            |e: &&Entry| e.matched.snapshot.client == client && e.matched.snapshot.assessment == assessment;
        let at_path = self.reports.iter().find(|e| e.key == key);
        if let Some(e) = at_path.filter(same) {
            return Found::Matched(e.matched.clone());
        }
        let mut candidates = self.reports.iter().filter(same);
        match (candidates.next(), candidates.next()) {
            (Some(only), None) => Found::Matched(only.matched.clone()),
            (Some(_), Some(_)) => Found::Ambiguous {
                reports: 2 + candidates.count(),
            },
            (None, _) => match at_path {
                Some(e) => Found::OtherClient {
                    path: e.matched.path.clone(),
                    client: e.matched.snapshot.client.clone(),
                    assessment: e.matched.snapshot.assessment.clone(),
                },
                None => Found::Nothing,
            },
        }
    }
}

/// What [`Baselines::find`] found for one answers file.
#[derive(Debug, Clone)]
pub enum Found {
    Matched(Matched),
    /// No report at its path, and none of its client.
    Nothing,
    /// The report at its path is of another client or assessment, and no
    /// other report is of its own: nothing is compared.
    OtherClient {
        path: String,
        client: String,
        assessment: String,
    },
    /// Several reports of its client and assessment, none at its path.
    Ambiguous {
        reports: usize,
    },
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, not_regular: &mut usize) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.display().to_string(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, out, not_regular)?;
        } else if path.extension().is_some_and(|x| x == "json") {
            if yaml::is_regular(&path) {
                out.push(path);
            } else {
                *not_regular += 1;
            }
        }
    }
    Ok(())
}
