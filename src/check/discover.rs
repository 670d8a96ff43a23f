//! Which files `check` looks at: paths as typed, folders walked in name
//! order, and the test that tells an answers file from other YAML.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::yaml;

/// A file to check, with whether it was named (or found in a folder).
#[derive(Debug, Clone)]
pub(super) struct Input {
    pub path: PathBuf,
    /// Found by walking a folder: skipped unless it looks like answers.
    pub walked: bool,
    /// Its path relative to the folder it was found in (for baselines).
    pub relative: PathBuf,
}

/// What a walk found: the inputs, the folders that could not be read, and
/// how many YAML paths were skipped unread because they are not regular files.
pub(super) struct Found {
    pub inputs: Vec<Input>,
    pub unreadable: Vec<(String, Error)>,
    pub not_regular: usize,
}

/// Expands the paths, in the order given: files as they are (a missing one,
/// or a pipe, is reported when its turn comes), folders walked in name order.
/// In a folder, a named pipe, socket or device is skipped and counted: reading
/// one could wait for ever.
pub(super) fn discover(paths: &[PathBuf]) -> Found {
    let mut found = Found {
        inputs: Vec::new(),
        unreadable: Vec::new(),
        not_regular: 0,
    };
    // The same file can only be met twice when several paths are given.
    let mut seen = (paths.len() > 1).then(BTreeSet::new);
    for path in paths {
        if path.is_dir() {
            walk(path, path, &mut found, &mut seen);
        } else if seen.as_mut().is_none_or(|seen| seen.insert(path.clone())) {
            found.inputs.push(Input {
                path: path.clone(),
                walked: false,
                relative: path.file_name().map(PathBuf::from).unwrap_or_default(),
            });
        }
    }
    found
}

fn walk(root: &Path, dir: &Path, found: &mut Found, seen: &mut Option<BTreeSet<PathBuf>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            found.unreadable.push((
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
            walk(root, &path, found, seen);
        } else if path.extension().is_some_and(|x| x == "yaml" || x == "yml")
            && seen.as_mut().is_none_or(|seen| seen.insert(path.clone()))
        {
            // Looked at by type (following a link), never opened.
            if !yaml::is_regular(&path) {
                found.not_regular += 1;
                continue;
            }
            let relative = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_default();
            found.inputs.push(Input {
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
