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
        let mut baselines = Baselines::default();
        if meta.is_dir() {
            collect(path, &mut files, &mut baselines.not_regular)?;
        } else {
            files.push(path.to_path_buf());
        }
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

    /// The baseline for an answers file: the report at the same relative path
    /// (`acme/q3.yaml` ↔ `acme/q3.json`), else the only report of the same
    /// client and assessment.
    pub fn find(&self, relative: &Path, client: &str, assessment: &str) -> Option<Matched> {
        let key = relative.with_extension("");
        if let Some(e) = self.reports.iter().find(|e| e.key == key) {
            return Some(e.matched.clone());
        }
        let mut same = self
            .reports
            .iter()
            .filter(|e| e.matched.snapshot.client == client && e.matched.snapshot.assessment == assessment);
        match (same.next(), same.next()) {
            (Some(only), None) => Some(only.matched.clone()),
            _ => None,
        }
    }
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
