//! Which files `check` looks at: paths as typed, folders walked in name
//! order, and the test that tells an answers file from other YAML.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// A file to check, with whether it was named (or found in a folder).
#[derive(Debug, Clone)]
pub(super) struct Input {
    pub path: PathBuf,
    /// Found by walking a folder: skipped unless it looks like answers.
    pub walked: bool,
    /// Its path relative to the folder it was found in (for baselines).
    pub relative: PathBuf,
}

/// Expands the paths, in the order given: files as they are (a missing one
/// is reported when its turn comes), folders walked in name order. Returns
/// the inputs and the folders that could not be read.
pub(super) fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<(String, Error)>) {
    let mut inputs = Vec::new();
    let mut unreadable = Vec::new();
    // The same file can only be met twice when several paths are given.
    let mut seen = (paths.len() > 1).then(BTreeSet::new);
    for path in paths {
        if path.is_dir() {
            walk(path, path, &mut inputs, &mut seen, &mut unreadable);
        } else if seen.as_mut().is_none_or(|seen| seen.insert(path.clone())) {
            inputs.push(Input {
                path: path.clone(),
                walked: false,
                relative: path.file_name().map(PathBuf::from).unwrap_or_default(),
            });
        }
    }
    (inputs, unreadable)
}

fn walk(
    root: &Path,
    dir: &Path,
    inputs: &mut Vec<Input>,
    seen: &mut Option<BTreeSet<PathBuf>>,
    missing: &mut Vec<(String, Error)>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            missing.push((
                dir.display().to_string(),
                Error::Read {
                    path: dir.display().to_string(),
                    source,
                },
            ));
            return;
        }
    };
    let mut entries: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let kind = e.file_type().ok()?;
            Some((e.path(), kind.is_dir()))
        })
        .collect();
    entries.sort();
    for (path, is_dir) in entries {
        if is_dir {
            walk(root, &path, inputs, seen, missing);
        } else if path.extension().is_some_and(|x| x == "yaml" || x == "yml")
            && seen.as_mut().is_none_or(|seen| seen.insert(path.clone()))
        {
            let relative = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_default();
            inputs.push(Input {
                path,
                walked: true,
                relative,
            });
        }
    }
}

/// Whether YAML text is an answers file: a line that starts with
/// `assessment:` (a top-level key), and none that starts with `cases:`
/// (a test-case file).
pub fn looks_like_answers(text: &str) -> bool {
    // Substring search is far cheaper than walking the lines, and this runs
    // on every file of a batch.
    let at_line_start = |key: &str| {
        text.match_indices(key)
            .any(|(i, _)| i == 0 || text.as_bytes()[i - 1] == b'\n')
    };
    at_line_start("assessment:") && !at_line_start("cases:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_files_are_told_apart_from_other_yaml() {
        assert!(looks_like_answers("# c\nassessment: x\nclient: y\n"));
        assert!(!looks_like_answers("id: sales-ecosystem\nquestions: []\n"));
        assert!(!looks_like_answers("assessment: x\ncases:\n  - name: a\n"));
        assert!(!looks_like_answers("answers:\n  assessment: 3\n"));
    }
}
