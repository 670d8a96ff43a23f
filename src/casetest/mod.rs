//! `ecodiag test`, for questionnaire authors: case files name answers (inline,
//! from a named base set, or by path) and what the diagnosis must be — the
//! verdict's stage, causes in or out of the top N, rules that must or must not
//! fire, score ranges. Each case passes or fails with expected against
//! actual; coverage lists the rules no case fired and the questions no rule
//! reads. The format is documented in `docs/testing.md`.

mod expect;
mod raw;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::answers::{self, AnswerMap, Answers, Parsed, RawAnswers};
use crate::diagnostic::{FileProblems, Level, Problem, SourceFile, Suggester, hint_for, thousands};
use crate::engine;
use crate::error::Error;
use crate::questionnaire::{self, BUNDLED, Loaded};
use crate::yaml::{self, Limits, Spanned, span_of};

pub use expect::Expectation;
use raw::RawCase;
pub use raw::RawCaseFile;

/// Case files compiled into the binary: one per bundled assessment that has
/// `assessments/ID.tests.yaml`, found by `build.rs`.
pub const BUNDLED_CASES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_cases.rs"));

/// What `ecodiag test` was asked to do.
#[derive(Debug, Clone, PartialEq)]
pub struct TestRequest {
    /// Case files, or folders searched for `*.tests.yaml`; empty for the
    /// bundled cases.
    pub paths: Vec<PathBuf>,
    pub coverage: bool,
    /// Fail when an assessment's rule coverage is below this percentage.
    pub min_coverage: Option<f64>,
}

/// How one case came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseStatus {
    Passed,
    /// Expected against actual, one line per unmet expectation.
    Failed(Vec<String>),
    /// The case itself is wrong (see the problems on standard error).
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOutcome {
    pub name: String,
    /// `file:line` of the case.
    pub position: String,
    /// The line the case starts on.
    pub line: usize,
    pub status: CaseStatus,
}

/// The cases of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRun {
    pub path: String,
    /// The assessment's id, or what the file named if it could not be loaded.
    pub assessment: String,
    pub cases: Vec<CaseOutcome>,
}

/// Which rules the cases of one assessment fired, and which questions no
/// rule reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub assessment: String,
    /// Every rule id with the number of cases it fired in, in file order.
    pub rules: Vec<(String, usize)>,
    /// Questions that no rule's condition reads, in file order.
    pub unread_questions: Vec<String>,
    pub questions: usize,
    /// Red elements and culprits that no finding explained in some case: a
    /// hole in the rules, with how many cases and the first one.
    pub unexplained: Vec<Unexplained>,
}

impl Coverage {
    pub fn fired(&self) -> usize {
        self.rules.iter().filter(|(_, n)| *n > 0).count()
    }

    /// Share of the rules fired by at least one case, as a percentage.
    pub fn percent(&self) -> f64 {
        if self.rules.is_empty() {
            100.0
        } else {
            100.0 * self.fired() as f64 / self.rules.len() as f64
        }
    }

    pub fn unfired(&self) -> impl Iterator<Item = &str> {
        self.rules
            .iter()
            .filter(|(_, n)| *n == 0)
            .map(|(id, _)| id.as_str())
    }
}

/// Everything a run found.
#[derive(Debug, Clone, Default)]
pub struct TestRun {
    pub files: Vec<FileRun>,
    /// One per assessment exercised, when coverage was asked for.
    pub coverage: Vec<Coverage>,
    pub min_coverage: Option<f64>,
    /// Case files with errors (their problems go to standard error).
    pub files_with_errors: usize,
    /// `*.tests.yaml` paths in the folders skipped unread because they are
    /// not regular files: named pipes, sockets, devices.
    pub not_regular: usize,
}

impl TestRun {
    pub fn count(&self, pick: impl Fn(&CaseStatus) -> bool) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.cases)
            .filter(|c| pick(&c.status))
            .count()
    }

    /// Assessments whose rule coverage is below the minimum asked for.
    pub fn below_minimum(&self) -> Vec<&Coverage> {
        match self.min_coverage {
            Some(min) => self.coverage.iter().filter(|c| c.percent() < min).collect(),
            None => Vec::new(),
        }
    }

    /// A case failed, or coverage is too low (exit code 1).
    pub fn failed(&self) -> bool {
        self.count(|s| matches!(s, CaseStatus::Failed(_))) > 0 || !self.below_minimum().is_empty()
    }
}

/// Runs every case; problems in case files come back for standard error.
pub fn run(request: &TestRequest, limits: &Limits) -> Result<(TestRun, Vec<FileProblems>), Error> {
    let (sources, not_regular) = sources(&request.paths, limits)?;
    let mut run = TestRun {
        min_coverage: request.min_coverage,
        not_regular,
        ..TestRun::default()
    };
    let mut problems = Vec::new();
    let mut fired_by: Vec<(Arc<Loaded>, Vec<usize>, Vec<Unexplained>)> = Vec::new();
    for (source, base) in sources {
        let mut file_problems = Vec::new();
        let (file_run, loaded, fired, holes) =
            run_file(&source, &base, limits, &mut file_problems, &mut problems);
        file_problems.sort_by_key(|p| p.span.map(|s| s.offset()));
        if file_problems.iter().any(|p| p.level == Level::Error) {
            run.files_with_errors += 1;
        }
        if !file_problems.is_empty() {
            problems.push(FileProblems {
                file: source.clone(),
                problems: file_problems,
            });
        }
        run.files.push(file_run);
        if let Some(loaded) = loaded {
            match fired_by
                .iter_mut()
                .find(|(l, _, _)| l.questionnaire.id == loaded.questionnaire.id)
            {
                Some((_, counts, known)) => {
                    counts.iter_mut().zip(fired).for_each(|(c, f)| *c += f);
                    for (id, n, first) in holes {
                        match known.iter_mut().find(|(k, _, _)| *k == id) {
                            Some((_, m, _)) => *m += n,
                            None => known.push((id, n, first)),
                        }
                    }
                }
                None => fired_by.push((loaded, fired, holes)),
            }
        }
    }
    if request.coverage || request.min_coverage.is_some() {
        run.coverage = fired_by
            .iter()
            .map(|(l, fired, holes)| coverage(l, fired, holes))
            .collect();
    }
    Ok((run, problems))
}

fn coverage(loaded: &Loaded, fired: &[usize], holes: &[Unexplained]) -> Coverage {
    let q = &loaded.questionnaire;
    let mut read = vec![false; q.questions.len()];
    for rule in &q.rules {
        for &ix in &rule.reads {
            read[ix] = true;
        }
    }
    Coverage {
        assessment: q.id.clone(),
        rules: q
            .rules
            .iter()
            .zip(fired)
            .map(|(r, n)| (r.id.clone(), *n))
            .collect(),
        unread_questions: q
            .questions
            .iter()
            .zip(&read)
            .filter(|(_, r)| !**r)
            .map(|(question, _)| question.id.clone())
            .collect(),
        questions: q.questions.len(),
        unexplained: {
            // In questionnaire order, so the list reads like the report.
            let mut holes = holes.to_vec();
            holes.sort_by_key(|(id, _, _)| q.elements.iter().position(|e| e.id == *id));
            holes
        },
    }
}

/// The case files to run, each with the folder its relative paths start
/// from, and how many were skipped in folders for not being regular files.
fn sources(paths: &[PathBuf], limits: &Limits) -> Result<(Vec<(SourceFile, PathBuf)>, usize), Error> {
    if paths.is_empty() {
        let bundled = BUNDLED_CASES
            .iter()
            .map(|(path, text)| (SourceFile::from_static(path, text), PathBuf::from("assessments")))
            .collect();
        return Ok((bundled, 0));
    }
    let mut files = Vec::new();
    let mut not_regular = 0;
    for path in paths {
        if path.is_dir() {
            collect(path, &mut files, &mut not_regular)?;
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        let skipped = match not_regular {
            0 => String::new(),
            n => format!(" ({n} skipped: not regular files)"),
        };
        return Err(Error::Usage(format!(
            "no case files (*.tests.yaml) found in {}{skipped}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let sources = files
        .into_iter()
        .map(|f| {
            let base = f.parent().map(Path::to_path_buf).unwrap_or_default();
            yaml::read_source(&f, yaml::FileKind::Cases, limits)
                .map(|s| (s, base))
                .map_err(Error::from)
        })
        .collect::<Result<_, _>>()?;
    Ok((sources, not_regular))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, not_regular: &mut usize) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.display().to_string(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, out, not_regular)?;
        } else if name.ends_with(".tests.yaml") || name.ends_with(".tests.yml") {
            // Looked at by type (following a link), never opened.
            if yaml::is_regular(&path) {
                out.push(path);
            } else {
                *not_regular += 1;
            }
        }
    }
    Ok(())
}

/// The questionnaire a case file names: a bundled id, else a path relative
/// to the case file.
fn questionnaire_for(raw: &RawCaseFile, base: &Path, limits: &Limits) -> Result<Arc<Loaded>, Problem> {
    let name = raw.assessment.value.trim();
    if BUNDLED.iter().any(|b| b.id == name) {
        return questionnaire::bundled(name).map_err(|e| Problem::error("test::assessment", e.to_string()));
    }
    let path = base.join(name);
    if path.is_file() {
        return questionnaire::resolve(&path.display().to_string(), limits).map_err(|e| {
            Problem::error(
                "test::assessment",
                format!("{} does not load: {e}", path.display()),
            )
            .at(span_of(&raw.assessment), "this questionnaire")
            .help(format!(
                "run `ecodiag show {}` to see its problems",
                path.display()
            ))
        });
    }
    let known: Vec<&str> = BUNDLED.iter().map(|b| b.id).collect();
    Err(Problem::error(
        "test::assessment",
        format!("`{name}` is neither a bundled assessment nor a questionnaire file next to this one"),
    )
    .at(span_of(&raw.assessment), "unknown assessment")
    .help(hint_for(name, &known, "bundled assessments")))
}

/// A file's cases, the questionnaire they ran against, how many cases
/// fired each rule, and the red areas no finding explained (element id,
/// number of cases, the first case).
type FileResult = (FileRun, Option<Arc<Loaded>>, Vec<usize>, Vec<Unexplained>);

/// A red element or culprit no finding explained: its id, in how many cases,
/// and the first such case's name.
pub type Unexplained = (String, usize, String);

/// Answers, questions, rules and causes checked across the cases of one
/// file, at most: what a case costs grows with each.
/// A case reuses a base set or an answers file by name, so a small file could
/// otherwise ask for the same large set to be checked a hundred thousand
/// times. The bundled case files use under 2% of it.
pub const MAX_CASE_WORK: usize = 1_000_000;

/// What one file's cases share: the "did you mean" budget, answers files
/// already read, and the work done so far.
#[derive(Default)]
struct Shared {
    suggester: Suggester,
    answers_files: std::collections::HashMap<PathBuf, Option<Answers>>,
    work: usize,
}

fn run_file(
    source: &SourceFile,
    base: &Path,
    limits: &Limits,
    problems: &mut Vec<Problem>,
    other_files: &mut Vec<FileProblems>,
) -> FileResult {
    let mut file_run = FileRun {
        path: source.name().to_owned(),
        assessment: String::new(),
        cases: Vec::new(),
    };
    let raw: RawCaseFile = match yaml::from_source(source, limits) {
        Ok(raw) => raw,
        Err(problem) => {
            problems.push(*problem);
            return (file_run, None, Vec::new(), Vec::new());
        }
    };
    file_run.assessment = raw.assessment.value.clone();
    let loaded = match questionnaire_for(&raw, base, limits) {
        Ok(loaded) => loaded,
        Err(problem) => {
            problems.push(problem);
            return (file_run, None, Vec::new(), Vec::new());
        }
    };
    let q = &loaded.questionnaire;
    file_run.assessment = q.id.clone();
    let mut fired = vec![0usize; q.rules.len()];
    let mut shared = Shared::default();
    let mut unexplained: Vec<Unexplained> = Vec::new();
    for case in &raw.cases.value {
        shared.work += q.questions.len() + q.rules.len() + q.causes.len() + case_size(&raw, &case.value);
        if shared.work > MAX_CASE_WORK {
            problems.push(
                Problem::error(
                    "test::too-much",
                    format!(
                        "the cases up to this one check more than {} answers, questions, rules and causes; \
                         ecodiag stopped running this file's cases here",
                        thousands(MAX_CASE_WORK)
                    ),
                )
                .at(span_of(&case.value.name), "stopped here")
                .help("split the cases into several files, or reuse smaller `bases:`"),
            );
            break;
        }
        let (line, _) = source.line_col(span_of(case).offset());
        let position = format!("{}:{line}", source.name());
        let mut name = case.value.name.value.trim().to_owned();
        let before = problems.len();
        if name.is_empty() {
            name = "(unnamed case)".to_owned();
            problems.push(
                Problem::error("test::empty-name", "a case needs a name")
                    .at(span_of(&case.value.name), "empty name")
                    .help("say what the case is about; the name is shown on its pass/fail line"),
            );
        }
        let expectation = Expectation::build(&case.value.expect.value, q, problems, &mut shared.suggester);
        let answers = case_answers(
            &raw,
            &case.value,
            source,
            base,
            &loaded,
            limits,
            problems,
            other_files,
            &mut shared,
        );
        let clean = !problems[before..].iter().any(|p| p.level == Level::Error);
        let (Some(expectation), Some(answers), true) = (expectation, answers, clean) else {
            file_run.cases.push(CaseOutcome {
                name,
                position,
                line,
                status: CaseStatus::Invalid,
            });
            continue;
        };
        let eval = engine::evaluate(q, &answers);
        let diagnosis = engine::diagnose(q, &eval);
        let report = crate::report::assemble(q, &answers, &eval, &diagnosis);
        for f in &eval.firings {
            fired[f.rule] += 1;
        }
        for u in &report.unexplained {
            match unexplained.iter_mut().find(|(id, _, _)| *id == u.element_id) {
                Some((_, n, _)) => *n += 1,
                None => unexplained.push((u.element_id.clone(), 1, name.clone())),
            }
        }
        let failures = expectation.check(q, &eval, &diagnosis, &report);
        file_run.cases.push(CaseOutcome {
            name,
            position,
            line,
            status: if failures.is_empty() {
                CaseStatus::Passed
            } else {
                CaseStatus::Failed(failures)
            },
        });
    }
    (file_run, Some(loaded), fired, unexplained)
}

/// How many answers a case brings to check: its own and its base's.
fn case_size(file: &RawCaseFile, case: &RawCase) -> usize {
    let own = case.answers.as_ref().map_or(0, |a| a.value.0.len());
    let base = case
        .base
        .as_ref()
        .and_then(|name| file.bases.get(name.value.trim()))
        .map_or(0, |b| b.value.0.len());
    own + base
}

/// The answers a case names, checked against the questionnaire. Problems in
/// inline answers point into the case file; in an answers file, into that file
/// (read and reported once, however many cases name it).
#[allow(clippy::too_many_arguments)]
fn case_answers(
    file: &RawCaseFile,
    case: &RawCase,
    source: &SourceFile,
    base_dir: &Path,
    loaded: &Loaded,
    limits: &Limits,
    problems: &mut Vec<Problem>,
    other_files: &mut Vec<FileProblems>,
    shared: &mut Shared,
) -> Option<Answers> {
    let q = &loaded.questionnaire;
    if let Some(path) = &case.answers_file {
        if case.answers.is_some() || case.base.is_some() {
            problems.push(
                Problem::error(
                    "test::answers",
                    "a case takes `answers_file`, or `base` and `answers`, not both",
                )
                .at(span_of(path), "answers from a file"),
            );
            return None;
        }
        let full = base_dir.join(path.value.trim());
        if let Some(done) = shared.answers_files.get(&full) {
            if done.is_none() {
                problems.push(
                    Problem::error("test::answers", format!("{} has problems", full.display()))
                        .at(span_of(path), "see the problems in this file")
                        .help("fix the answers file; its problems are listed above"),
                );
            }
            return done.clone();
        }
        let checked = answers::read(&full, limits).and_then(|parsed| {
            let (answers, warnings) = answers::check_with(&parsed, q, &mut shared.suggester)?;
            if !warnings.is_empty() {
                other_files.push(FileProblems {
                    file: parsed.source.clone(),
                    problems: warnings,
                });
            }
            Ok(answers)
        });
        let answers = match checked {
            Ok(answers) => Some(answers),
            Err(Error::Invalid(found)) => {
                other_files.push(*found);
                problems.push(
                    Problem::error("test::answers", format!("{} has problems", full.display()))
                        .at(span_of(path), "see the problems in this file")
                        .help("fix the answers file; its problems are listed above"),
                );
                None
            }
            Err(other) => {
                problems.push(
                    Problem::error("test::answers", other.to_string())
                        .at(span_of(path), "answers file")
                        .help("the path is relative to the case file"),
                );
                None
            }
        };
        shared.answers_files.insert(full, answers.clone());
        return answers;
    }
    let base = match &case.base {
        None => None,
        Some(name) => match file.bases.get(name.value.trim()) {
            Some(base) => Some(base),
            None => {
                let known: Vec<&str> = file.bases.keys().map(String::as_str).collect();
                let help = if known.is_empty() {
                    "this file has no `bases:`; add one, or give the answers inline".to_owned()
                } else {
                    hint_for(&name.value, &known, "bases")
                };
                problems.push(
                    Problem::error("test::base", format!("there is no base named `{}`", name.value))
                        .at(span_of(name), "unknown base")
                        .help(help),
                );
                return None;
            }
        },
    };
    let Some(anchor) = case.answers.as_ref().or(base) else {
        problems.push(
            Problem::error("test::answers", "this case gives no answers")
                .at(span_of(&case.name), "case without answers")
                .help(
                    "add `answers:` (by question id), `base:` with a set from `bases:`, or `answers_file:`",
                ),
        );
        return None;
    };
    let merged = merge(base.map(|b| &b.value), case.answers.as_ref().map(|a| &a.value));
    let mut assessment = file.assessment.clone();
    assessment.value = q.id.clone();
    let parsed = Parsed {
        raw: RawAnswers {
            assessment,
            version: None,
            // The case's name stands for the client; an empty one is reported
            // as a case problem, not as an answers problem.
            client: {
                let mut client = case.name.clone();
                if client.value.trim().is_empty() {
                    client.value = "(unnamed case)".to_owned();
                }
                client
            },
            respondent: None,
            date: None,
            answers: Some(Spanned {
                value: merged,
                referenced: anchor.referenced,
                defined: anchor.defined,
            }),
        },
        source: source.clone(),
    };
    match answers::check_with(&parsed, q, &mut shared.suggester) {
        Ok((answers, warnings)) => {
            problems.extend(warnings);
            Some(answers)
        }
        Err(Error::Invalid(found)) => {
            problems.extend(found.problems);
            None
        }
        Err(other) => {
            problems.push(Problem::error("test::answers", other.to_string()));
            None
        }
    }
}

/// A base set with a case's answers on top: a question the case answers
/// replaces the base's answer.
fn merge(base: Option<&AnswerMap>, over: Option<&AnswerMap>) -> AnswerMap {
    let mut entries = Vec::new();
    if let Some(base) = base {
        let replaced: std::collections::HashSet<&str> = over
            .iter()
            .flat_map(|o| o.0.iter().map(|x| x.question.value.as_str()))
            .collect();
        entries.extend(
            base.0
                .iter()
                .filter(|e| !replaced.contains(e.question.value.as_str()))
                .cloned(),
        );
    }
    if let Some(over) = over {
        entries.extend(over.0.iter().cloned());
    }
    AnswerMap(entries)
}
