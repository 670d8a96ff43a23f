//! `check --save-reports DIR`: each answers file's JSON report at its
//! relative path under `DIR` (`acme/q3.yaml` → `DIR/acme/q3.json`). The
//! paths are planned before any file is checked, so two inputs never write
//! one report and no report is written over an input; each report goes
//! through the same door as `-o`.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use super::CheckRequest;
use super::discover::Input;
use crate::answers::Answers;
use crate::config::Config;
use crate::error::Error;
use crate::output::{InputSet, Rules, Target};
use crate::questionnaire::Questionnaire;

/// Renders a report as JSON.
pub(super) type RenderJson<'a> = &'a (dyn Fn(&crate::report::Report) -> io::Result<Vec<u8>> + Sync);

/// Where the reports go, checked.
pub(super) struct Reports<'a> {
    dir: PathBuf,
    force: bool,
    render: RenderJson<'a>,
}

/// The report of an answers file found at `relative` under the folder given
/// (or named on the command line: its file name).
pub(super) fn report_path(dir: &Path, relative: &Path) -> PathBuf {
    dir.join(relative).with_extension("json")
}

impl<'a> Reports<'a> {
    /// Refuses two inputs that would share a report (`x.yaml` and `x.yml`, or
    /// `a/acme.yaml` and `b/acme.yaml` named on the command line), and a
    /// report that is an input of this run (the baseline may be refreshed in
    /// place: it is read whole before any report is written).
    pub(super) fn plan(
        dir: &Path,
        inputs: &[Input],
        request: &CheckRequest,
        config: &Config,
        render: RenderJson<'a>,
    ) -> Result<Reports<'a>, Error> {
        let mut by_report: HashMap<PathBuf, &Path> = HashMap::new();
        let mut existing = Vec::new();
        for input in inputs {
            let report = report_path(dir, &input.relative);
            if let Some(first) = by_report.get(&report)
                // The same file named twice writes the same report.
                && !same_file::is_same_file(first, &input.path).unwrap_or(false)
            {
                return Err(Error::Output {
                    path: report.display().to_string(),
                    problem: format!(
                        "--save-reports would write the reports of both {} and {} there, one over the other",
                        first.display(),
                        input.path.display()
                    ),
                    hint: "rename one of them, or check them in separate runs with separate --save-reports folders"
                        .to_owned(),
                });
            }
            if std::fs::symlink_metadata(&report).is_ok() {
                existing.push(report.clone());
            }
            by_report.insert(report, &input.path);
        }
        if !existing.is_empty() {
            let config_path = config.source.as_ref().map(|s| PathBuf::from(s.name()));
            let others = config_path
                .iter()
                .map(PathBuf::as_path)
                .chain(request.assessment.as_deref().map(Path::new));
            let set = InputSet::new(inputs.iter().map(|i| i.path.as_path()).chain(others));
            if let Some(report) = existing.iter().find(|r| set.contains(r)) {
                return Err(Error::Output {
                    path: report.display().to_string(),
                    problem: "it is an input of this run; --save-reports would write a report over it"
                        .to_owned(),
                    hint: "save the reports into another folder".to_owned(),
                });
            }
        }
        Ok(Reports {
            dir: dir.to_path_buf(),
            force: request.force,
            render,
        })
    }

    /// Writes the report of one answers file.
    pub(super) fn save(&self, input: &Input, q: &Questionnaire, answers: &Answers) -> Result<(), Error> {
        let path = report_path(&self.dir, &input.relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.display().to_string(),
                source,
            })?;
        }
        let target = Target::check(
            &path,
            Rules {
                force: self.force,
                keep_existing: false,
            },
        )?;
        let report = crate::report::build(q, answers);
        let bytes = (self.render)(&report).map_err(|source| Error::Write {
            path: path.display().to_string(),
            source,
        })?;
        target.write(&bytes)
    }
}
