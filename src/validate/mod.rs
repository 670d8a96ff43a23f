//! Checking stage, beside the pipeline: recognises what each input file is and
//! reports every problem in it, located, without scoring anything. This is
//! `ecodiag validate`; `score` reuses the answer checks.

mod detect;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::reading::{hidden_answers, unknown_assessment};
pub use detect::{Kind, by_parsing, detect};

use crate::diagnostic::{FileProblems, Level, Problem, SourceFile};
use crate::error::Error;
use crate::questionnaire::{self, BUNDLED, Loaded};
use crate::yaml::{self, Limits, span_of};

/// `ecodiag validate`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidateRequest {
    /// Files to check; none means the bundled assessments.
    pub files: Vec<PathBuf>,
    /// Check answer files against this assessment rather than the one they name.
    pub assessment: Option<String>,
    /// Warnings count as errors.
    pub deny_warnings: bool,
}

/// What `validate` found: a line per file and a total, and the problems.
#[derive(Debug, Default)]
pub struct Run {
    /// Every file, as checked, in order.
    pub checked: Vec<Checked>,
    /// For standard output.
    pub summary: String,
    /// Every file with a problem, for standard error.
    pub problems: Vec<FileProblems>,
    /// A file has errors (or warnings, when they are denied).
    pub invalid: bool,
}

impl Run {
    /// 2 when a file is invalid, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.invalid { 2 } else { 0 }
    }
}

/// The result of checking one file.
#[derive(Debug)]
pub struct Checked {
    pub kind: Option<Kind>,
    /// What the file turned out to be, when it could be read, e.g.
    /// "questionnaire `mini` 0.1.0: 8 questions, 4 root causes, 5 rules".
    pub summary: Option<String>,
    /// Every problem found, errors and warnings, in file order.
    pub problems: FileProblems,
}

impl Checked {
    fn count(&self, level: Level) -> usize {
        self.problems.problems.iter().filter(|p| p.level == level).count()
    }
}

/// Runs `ecodiag validate`: problems go to standard error (as `warnings`),
/// one line per file and a total to standard output.
pub fn run(r: &ValidateRequest, limits: &Limits) -> Run {
    let checked = if r.files.is_empty() {
        bundled()
    } else {
        files(&r.files, r.assessment.as_deref(), limits)
    };
    let mut run = outcome(&checked, r.deny_warnings);
    run.checked = checked;
    run
}

/// Checks the questionnaires compiled into the binary, from their YAML source.
pub fn bundled() -> Vec<Checked> {
    BUNDLED
        .iter()
        .map(|b| match questionnaire::from_bundled_yaml(b) {
            Ok(loaded) => questionnaire_checked(&loaded),
            Err(err) => failed(b.path, None, err),
        })
        .collect()
}

/// Checks files in the order given. Answer files are checked against
/// `assessment` when given, else against a questionnaire among `paths` with the
/// id they name, else against the bundled assessment of that id.
pub fn files(paths: &[PathBuf], assessment: Option<&str>, limits: &Limits) -> Vec<Checked> {
    let mut read: Vec<Result<(SourceFile, Kind), Checked>> =
        paths.iter().map(|path| read_and_detect(path, limits)).collect();
    let mut results: Vec<Option<Checked>> = paths.iter().map(|_| None).collect();
    // Questionnaires first, so answers given alongside can be checked against them.
    let mut local: BTreeMap<String, Result<Arc<Loaded>, ()>> = BTreeMap::new();
    for (ix, entry) in read.iter_mut().enumerate() {
        if let Ok((source, Kind::Questionnaire)) = entry {
            let checked = match questionnaire::from_source(source.clone(), limits) {
                Ok(loaded) => {
                    let checked = questionnaire_checked(&loaded);
                    local.insert(loaded.questionnaire.id.clone(), Ok(Arc::new(loaded)));
                    checked
                }
                Err(err) => {
                    // Read again for its id only when it failed to load.
                    if let Some(id) = questionnaire_id(source, limits) {
                        local.entry(id).or_insert(Err(()));
                    }
                    confirmed(
                        source,
                        failed(source.name(), Some(Kind::Questionnaire), err),
                        limits,
                    )
                }
            };
            results[ix] = Some(checked);
        }
    }
    let forced = assessment.map(|name| questionnaire::resolve(name, limits));
    for (ix, entry) in read.into_iter().enumerate() {
        results[ix] = Some(match entry {
            Err(checked) => checked,
            Ok((_, Kind::Questionnaire)) => continue,
            Ok((source, Kind::Answers)) => confirmed(
                &source.clone(),
                check_answers(source, forced.as_ref(), &local, limits),
                limits,
            ),
            Ok((source, Kind::Config)) => check_config(source, &paths[ix], &local, limits),
            Ok((source, Kind::Cases)) => {
                confirmed(&source.clone(), check_cases(source, &paths[ix], limits), limits)
            }
        });
    }
    results.into_iter().flatten().collect()
}

/// The result for a file whose kind was told from its line starts: when it
/// could not be read as that kind (a syntax error, a breached limit), the
/// problem is the one a parse of the whole file finds, as if the kind had
/// been told by parsing, so a YAML bomb is named as one wherever it sits.
fn confirmed(source: &SourceFile, checked: Checked, limits: &Limits) -> Checked {
    let unreadable = checked
        .problems
        .problems
        .iter()
        .any(|p| p.level == Level::Error && p.code == "input::yaml");
    if !unreadable {
        return checked;
    }
    match by_parsing(source, limits) {
        Err(problem) => Checked {
            kind: None,
            summary: None,
            problems: FileProblems {
                file: source.clone(),
                problems: vec![*problem],
            },
        },
        Ok(_) => checked,
    }
}

/// Checks one file's text on its own: answers against the bundled assessment
/// they name. What `validate` does for a single file, without touching disk.
pub fn source(source: SourceFile, limits: &Limits) -> Checked {
    let kind = match detect(&source, limits) {
        Ok(kind) => kind,
        Err(problem) => {
            return Checked {
                kind: None,
                summary: None,
                problems: FileProblems {
                    file: source,
                    problems: vec![*problem],
                },
            };
        }
    };
    match kind {
        Kind::Questionnaire => {
            let name = source.name().to_owned();
            match questionnaire::from_source(source.clone(), limits) {
                Ok(loaded) => questionnaire_checked(&loaded),
                Err(err) => confirmed(&source, failed(&name, Some(Kind::Questionnaire), err), limits),
            }
        }
        Kind::Answers => confirmed(
            &source.clone(),
            check_answers(source, None, &BTreeMap::new(), limits),
            limits,
        ),
        Kind::Config => {
            let base = PathBuf::from(source.name());
            check_config(source, &base, &BTreeMap::new(), limits)
        }
        Kind::Cases => {
            // Case files name answers files and questionnaires by relative
            // path, so they are checked where they are, on disk.
            let base = PathBuf::from(source.name());
            confirmed(&source.clone(), check_cases(source, &base, limits), limits)
        }
    }
}

/// Checks `ecodiag.toml`: its keys and values, then the bucket and cause ids it
/// names against the assessment it sets (or, without one, every assessment
/// bundled or given alongside).
fn check_config(
    source: SourceFile,
    path: &Path,
    local: &BTreeMap<String, Result<Arc<Loaded>, ()>>,
    limits: &Limits,
) -> Checked {
    let name = source.name().to_owned();
    let file = source.clone();
    let config = match crate::config::parse(source, &crate::config::base_dir(path)) {
        Ok(config) => config,
        Err(err) => return failed(&name, Some(Kind::Config), err),
    };
    let mut against: Vec<Arc<Loaded>> = Vec::new();
    let mut problems = Vec::new();
    match &config.assessment {
        Some(named) => match questionnaire::resolve(named, limits) {
            Ok(loaded) => against.push(loaded),
            Err(err) => problems.push(
                Problem::error(
                    "config::unknown-assessment",
                    format!("the default assessment cannot be loaded: {err}"),
                )
                .help(err.hint().unwrap_or_else(|| "see docs/config.md".to_owned())),
            ),
        },
        None => {
            against.extend(BUNDLED.iter().filter_map(|b| questionnaire::bundled(b.id).ok()));
            against.extend(local.values().filter_map(|l| l.as_ref().ok()).cloned());
        }
    }
    if !against.is_empty() {
        let buckets: Vec<&str> = against
            .iter()
            .flat_map(|l| l.questionnaire.buckets().map(|(_, g)| g.id.as_str()))
            .collect();
        let causes: Vec<&str> = against
            .iter()
            .flat_map(|l| l.questionnaire.causes.iter().map(|c| c.id.as_str()))
            .collect();
        problems.extend(crate::config::unknown_ids(&config, &buckets, &causes));
        let all: Vec<&questionnaire::Questionnaire> = against.iter().map(|l| &l.questionnaire).collect();
        problems.extend(
            crate::report::targets::check_all(&config.targets, &all)
                .iter()
                .map(|p| p.to_problem()),
        );
    }
    let waivers = config.check.waivers.len();
    Checked {
        kind: Some(Kind::Config),
        summary: Some(format!(
            "project file: {} waiver{}",
            waivers,
            if waivers == 1 { "" } else { "s" }
        )),
        problems: FileProblems { file, problems },
    }
}

/// Checks a test-case file: every answer, id and expectation in it. Whether
/// its cases pass is `ecodiag test`'s question, not this one's.
fn check_cases(source: SourceFile, path: &Path, limits: &Limits) -> Checked {
    let request = crate::casetest::TestRequest {
        paths: vec![path.to_path_buf()],
        coverage: false,
        min_coverage: None,
    };
    let (run, problems) = match crate::casetest::run(&request, limits) {
        Ok(result) => result,
        Err(err) => return failed(source.name(), Some(Kind::Cases), err),
    };
    let cases: usize = run.files.iter().map(|f| f.cases.len()).sum();
    let problems = problems.into_iter().flat_map(|f| f.problems).collect();
    Checked {
        kind: Some(Kind::Cases),
        summary: Some(format!(
            "test cases: {cases} case{} (run them with `ecodiag test {}`)",
            if cases == 1 { "" } else { "s" },
            source.name()
        )),
        problems: FileProblems {
            file: source,
            problems,
        },
    }
}

/// Reads a file and tells its kind; the one place new kinds are dispatched
/// from is [`files`], keyed on [`Kind`].
fn read_and_detect(path: &Path, limits: &Limits) -> Result<(SourceFile, Kind), Checked> {
    let name = path.display().to_string();
    let source = yaml::read_source(path, yaml::FileKind::Any, limits)
        .map_err(|err| failed(&name, None, err.into()))?;
    match detect(&source, limits) {
        Ok(kind) => Ok((source, kind)),
        Err(problem) => Err(Checked {
            kind: None,
            summary: None,
            problems: FileProblems {
                file: source,
                problems: vec![*problem],
            },
        }),
    }
}

/// The `id:` of a questionnaire that failed to load, when it can be read.
fn questionnaire_id(source: &SourceFile, limits: &Limits) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id {
        id: String,
    }
    // Only the id is wanted; every other key is ignored.
    yaml::from_source::<Id>(source, limits).ok().map(|i| i.id)
}

fn questionnaire_checked(loaded: &Loaded) -> Checked {
    let q = &loaded.questionnaire;
    Checked {
        kind: Some(Kind::Questionnaire),
        summary: Some(format!(
            "questionnaire `{}` {}: {} questions, {} root causes, {} rules",
            q.id,
            q.version,
            q.questions.len(),
            q.causes.len(),
            q.rules.len()
        )),
        problems: FileProblems {
            file: loaded.source.clone(),
            problems: loaded.warnings.clone(),
        },
    }
}

fn check_answers(
    source: SourceFile,
    forced: Option<&Result<Arc<Loaded>, Error>>,
    local: &BTreeMap<String, Result<Arc<Loaded>, ()>>,
    limits: &Limits,
) -> Checked {
    let name = source.name().to_owned();
    let parsed = match crate::answers::parse(source, limits) {
        Ok(parsed) => parsed,
        Err(err) => return failed(&name, Some(Kind::Answers), err),
    };
    let loaded = match forced {
        Some(Ok(loaded)) => Arc::clone(loaded),
        Some(Err(err)) => {
            let problem = Problem::error(
                "answers::not-checked",
                format!("these answers were not checked: --assessment failed: {err}"),
            )
            .at(span_of(&parsed.raw.assessment), "not checked")
            .help(
                err.hint()
                    .unwrap_or_else(|| "fix the questionnaire, then run again".to_owned()),
            );
            return with_problems(parsed.source, vec![problem]);
        }
        None => match local.get(parsed.assessment()) {
            Some(Ok(loaded)) => Arc::clone(loaded),
            Some(Err(())) => {
                let problem = Problem::error(
                    "answers::not-checked",
                    format!(
                        "these answers were not checked: the questionnaire `{}` given alongside has errors",
                        parsed.assessment()
                    ),
                )
                .at(span_of(&parsed.raw.assessment), "not checked")
                .help("fix the questionnaire's errors reported above, then run again");
                return with_problems(parsed.source, vec![problem]);
            }
            None => match questionnaire::resolve(parsed.assessment(), limits) {
                Ok(loaded) => loaded,
                Err(err @ Error::UnknownAssessment { .. }) => {
                    return failed(&name, Some(Kind::Answers), unknown_assessment(&parsed, &err));
                }
                Err(err) => return failed(&name, Some(Kind::Answers), err),
            },
        },
    };
    let q = &loaded.questionnaire;
    match crate::reading::checked(&parsed, q) {
        Ok((given, warnings)) => {
            let answered = given.values.iter().filter(|v| v.is_some()).count();
            Checked {
                kind: Some(Kind::Answers),
                summary: Some(format!(
                    "answers to `{}` {} for {}: {answered} of {} questions answered",
                    q.id,
                    q.version,
                    given.client,
                    q.questions.len()
                )),
                problems: FileProblems {
                    file: parsed.source,
                    problems: warnings,
                },
            }
        }
        Err(err) => failed(&name, Some(Kind::Answers), err),
    }
}

fn with_problems(file: SourceFile, problems: Vec<Problem>) -> Checked {
    Checked {
        kind: Some(Kind::Answers),
        summary: None,
        problems: FileProblems { file, problems },
    }
}

/// A file that could not be checked through: its error as problems.
fn failed(name: &str, kind: Option<Kind>, err: Error) -> Checked {
    let problems = match err {
        Error::Invalid(file) => *file,
        other => {
            let mut problem = Problem::error(other.code(), other.to_string());
            problem.help = other.hint();
            FileProblems {
                file: SourceFile::new(name, ""),
                problems: vec![problem],
            }
        }
    };
    Checked {
        kind,
        summary: None,
        problems,
    }
}

/// The command's result for these files: a line per file and a total on
/// standard output, the problems for standard error, exit code 2 on errors.
pub fn outcome(checked: &[Checked], deny_warnings: bool) -> Run {
    let (summary, invalid) = summary(checked, deny_warnings);
    Run {
        checked: Vec::new(),
        summary,
        problems: checked
            .iter()
            .filter(|c| !c.problems.problems.is_empty())
            .map(|c| c.problems.clone())
            .collect(),
        invalid,
    }
}

/// A line per file and a total, and whether some file fails.
fn summary(checked: &[Checked], deny_warnings: bool) -> (String, bool) {
    let mut stdout = String::new();
    let (mut errors, mut warnings, mut bad_files) = (0, 0, 0);
    for c in checked {
        let (e, w) = (c.count(Level::Error), c.count(Level::Warning));
        errors += e;
        warnings += w;
        let fails = e > 0 || (deny_warnings && w > 0);
        bad_files += usize::from(fails);
        let status = match (e, w) {
            (0, 0) => "ok".to_owned(),
            (0, w) => plural(w, "warning"),
            (e, 0) => plural(e, "error"),
            (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
        };
        let what = match (&c.summary, c.kind) {
            (Some(summary), _) => format!(" — {summary}"),
            (None, Some(kind)) => format!(" ({})", kind.name()),
            (None, None) => String::new(),
        };
        let _ = writeln!(stdout, "{}: {status}{what}", c.problems.file.name());
    }
    let files = plural(checked.len(), "file");
    let _ = match bad_files {
        0 if warnings == 0 => writeln!(stdout, "{files} checked: all valid"),
        0 => writeln!(
            stdout,
            "{files} checked: valid, with {}",
            plural(warnings, "warning")
        ),
        n => {
            let denied = if deny_warnings && warnings > 0 {
                " (warnings denied by --deny-warnings)"
            } else {
                ""
            };
            writeln!(
                stdout,
                "{files} checked: {n} invalid, {} and {}{denied}",
                plural(errors, "error"),
                plural(warnings, "warning")
            )
        }
    };
    (stdout, bad_files > 0)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
