//! `ecodiag check`: score every answers file under the given paths, evaluate
//! the assertions of `ecodiag.toml`, compare with baseline reports, and stream
//! one result per file, in a stable order, to a [`Sink`] (a renderer).
//!
//! Files are checked on every core by a small pool of scoped threads while
//! the calling thread renders results as they come, so memory stays flat
//! however many files there are: only a short window of results is held, and
//! only counts are kept for the total.

pub mod assert;
mod baseline;
mod discover;
pub mod fast;
mod save;
mod targets;

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub use assert::{Assertion, Status, Waived};
pub use baseline::{Baselines, Found, Matched};
pub use discover::looks_like_answers;
use discover::{Input, discover};

use crate::answers;
use crate::compare::{Comparison, Snapshot, compare};
use crate::config::{AssertLevel, CheckConfig, Config, Waiver};
use crate::diagnostic::{FileProblems, MAX_SHOWN_PROBLEMS, Problem, SourceFile};
use crate::engine;
use crate::error::Error;
use crate::output::Input as Named;
use crate::questionnaire::{self, BUNDLED, Loaded};
use crate::yaml::{self, Limits};

/// What `check` was asked to do, already checked.
#[derive(Debug, Clone)]
pub struct CheckRequest {
    pub paths: Vec<PathBuf>,
    pub baseline: Option<PathBuf>,
    /// Score against this assessment instead of the one each file names.
    pub assessment: Option<String>,
    pub today: jiff::civil::Date,
    /// Worker threads; `None` for one per core.
    pub jobs: Option<usize>,
    /// Also write each file's JSON report under this folder, at the file's
    /// relative path: the baseline for a later run.
    pub save_reports: Option<PathBuf>,
    /// Replace read-only output files (`--force`).
    pub force: bool,
}

/// Looks at the inputs of a run before any is read; see [`Hooks::inputs`].
pub type InputCheck<'a> = dyn FnMut(&[Named<'_>]) -> Result<(), Error> + 'a;

/// What [`run`] asks of its caller besides a sink.
pub struct Hooks<'a> {
    /// Called with every input file (and what it is to the run: "an answers
    /// file", "a baseline report") once they are known, before any answers
    /// file is read; an error stops the run (the output would overwrite an
    /// input).
    pub inputs: &'a mut InputCheck<'a>,
    /// A report as `ecodiag score --format json` writes it, for
    /// `--save-reports`.
    pub report_json: &'a (dyn Fn(&crate::report::Report) -> io::Result<Vec<u8>> + Sync),
}

impl std::fmt::Debug for Hooks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hooks")
    }
}

/// One answers file, checked.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as found (under the path that was typed).
    pub path: String,
    pub snapshot: Snapshot,
    pub assertions: Vec<Assertion>,
    /// Causes found but waived.
    pub waived: Vec<Waived>,
    /// The baseline report compared with, if one matched.
    pub baseline: Option<(String, Comparison)>,
    /// Warnings in the answers file (shown on standard error).
    pub warnings: usize,
}

impl FileReport {
    /// The worst outcome of its assertions.
    pub fn status(&self) -> Status {
        self.assertions
            .iter()
            .map(|a| a.status)
            .filter(|s| *s != Status::Skipped)
            .max()
            .unwrap_or(Status::Passed)
    }
}

/// The result for one file: checked, or unreadable.
#[derive(Debug, Clone)]
pub enum FileResult {
    Checked(Box<FileReport>),
    /// The file (or the path) could not be read, parsed or checked.
    Broken {
        path: String,
        problems: Vec<BrokenAt>,
    },
}

/// One problem in a broken file, as `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenAt {
    pub position: String,
    pub message: String,
    /// The file the problem is in, when it is not the answers file itself
    /// (its questionnaire, say).
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl BrokenAt {
    /// A problem with the file as a whole, such as one that cannot be read.
    fn whole(path: String, message: String) -> BrokenAt {
        BrokenAt {
            position: path,
            message,
            file: None,
            line: None,
            column: None,
        }
    }
}

/// Counts over the whole run, and what belongs to no single file.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    pub passed: usize,
    pub warned: usize,
    pub gated: usize,
    pub broken: usize,
    /// YAML files under the folders that are not answers files.
    pub skipped: usize,
    /// Paths under the folders (answers or baselines) skipped unread because
    /// they are not regular files: named pipes, sockets, devices.
    pub not_regular: usize,
    /// Assertions by outcome: skipped, passed, warned, gated.
    pub assertions: [usize; 4],
    pub waivers: Vec<WaiverState>,
    /// Level for expired waivers.
    pub expired_level: Option<AssertLevel>,
    /// Whether a baseline was asked for.
    pub baseline: Option<String>,
    pub today: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WaiverState {
    pub waiver: Waiver,
    pub expired: bool,
    /// Answers files in which the cause was found and waived.
    pub used: usize,
}

impl Summary {
    /// The build fails: an error-level assertion failed (or an expired waiver
    /// at level `error`).
    pub fn failed(&self) -> bool {
        self.gated > 0 || self.expired_status() == Status::Gated
    }

    pub fn expired_status(&self) -> Status {
        let any = self.waivers.iter().any(|w| w.expired);
        match self.expired_level {
            Some(AssertLevel::Off) | None => Status::Skipped,
            _ if !any => Status::Passed,
            Some(AssertLevel::Warn) => Status::Warned,
            Some(AssertLevel::Error) => Status::Gated,
        }
    }
}

/// Where results go, file by file, in order.
pub trait Sink {
    fn file(&mut self, result: &FileResult) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// What a run produced besides the streamed results.
#[derive(Debug, Default)]
pub struct RunOutput {
    /// An input could not be checked (exit code 2).
    pub invalid: bool,
    /// An error-level assertion failed (exit code 1).
    pub failed: bool,
}

/// How far ahead of the next result due a worker may run.
const WINDOW: usize = 256;

/// Checks every answers file under the request's paths. Results go to `sink`
/// and located problems (broken files, warnings, the configuration) to
/// `on_problem`, both as they are found, so nothing piles up.
pub fn run(
    request: &CheckRequest,
    config: &Config,
    limits: &Limits,
    sink: &mut dyn Sink,
    on_problem: &mut dyn FnMut(FileProblems),
    hooks: Hooks<'_>,
) -> Result<RunOutput, Error> {
    let mut output = RunOutput::default();
    let mut summary = Summary {
        expired_level: Some(config.check.expired_waivers),
        today: request.today.to_string(),
        baseline: request.baseline.as_ref().map(|p| p.display().to_string()),
        ..Summary::default()
    };
    let forced = match &request.assessment {
        Some(name) => Some(questionnaire::resolve(name, limits)?),
        None => None,
    };
    let baselines = match &request.baseline {
        Some(path) => {
            let (b, broken) = Baselines::load(path, limits)?;
            summary.not_regular += b.not_regular;
            if !broken.is_empty() {
                output.invalid = true;
                broken.into_iter().for_each(&mut *on_problem);
            }
            Some(b)
        }
        None => None,
    };
    let found = discover(&request.paths);
    let (inputs, missing) = (found.inputs, found.unreadable);
    summary.not_regular += found.not_regular;
    let paths: Vec<Named<'_>> = inputs
        .iter()
        .map(|i| Named {
            path: &i.path,
            role: "an answers file",
        })
        .chain(baselines.iter().flat_map(|b| b.files()).map(|p| Named {
            path: p,
            role: "a baseline report",
        }))
        .collect();
    (hooks.inputs)(&paths)?;
    let reports = match &request.save_reports {
        Some(dir) => Some(save::Reports::plan(
            dir,
            &inputs,
            request,
            config,
            hooks.report_json,
        )?),
        None => None,
    };
    let write_error = |source: io::Error| Error::Write {
        path: "check report".to_owned(),
        source,
    };
    for (path, err) in missing {
        output.invalid = true;
        summary.broken += 1;
        summary.files += 1;
        let problems = vec![BrokenAt::whole(path.clone(), err.to_string())];
        sink.file(&FileResult::Broken { path, problems })
            .map_err(write_error)?;
    }
    let ctx = Context {
        config: &config.check,
        today: request.today,
        forced,
        baselines: baselines.as_ref(),
        reports: reports.as_ref(),
        limits,
        targets: &config.targets,
    };
    let mut used: Vec<Arc<Loaded>> = Vec::new();
    let mut waiver_use = vec![0usize; config.check.waivers.len()];
    let jobs = request
        .jobs
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .clamp(1, 64);
    check_all(&inputs, &ctx, jobs, |done| {
        let Some(done) = done else {
            summary.skipped += 1;
            return Ok(());
        };
        if let Some(loaded) = done.loaded
            && !used.iter().any(|u| Arc::ptr_eq(u, &loaded))
        {
            if !loaded.warnings.is_empty() {
                on_problem(FileProblems {
                    file: loaded.source.clone(),
                    problems: loaded.warnings.clone(),
                });
            }
            used.push(loaded);
        }
        if let Some(problems) = done.problems {
            on_problem(problems);
        }
        summary.files += 1;
        match &done.result {
            FileResult::Broken { .. } => {
                summary.broken += 1;
                output.invalid = true;
            }
            FileResult::Checked(report) => {
                for a in &report.assertions {
                    summary.assertions[a.status as usize] += 1;
                }
                for w in &report.waived {
                    let client = &report.snapshot.client;
                    if let Some(i) = config
                        .check
                        .waivers
                        .iter()
                        .position(|x| x.cause == w.cause && x.covers(client) && x.active(request.today))
                    {
                        waiver_use[i] += 1;
                    }
                }
                match report.status() {
                    Status::Gated => summary.gated += 1,
                    Status::Warned => summary.warned += 1,
                    _ => summary.passed += 1,
                }
            }
        }
        sink.file(&done.result).map_err(write_error)
    })?;
    summary.waivers = config
        .check
        .waivers
        .iter()
        .zip(waiver_use)
        .map(|(w, used)| WaiverState {
            waiver: w.clone(),
            expired: !w.active(request.today),
            used,
        })
        .collect();
    let config_problems = config_ids(config, &used);
    if !config_problems.is_empty()
        && let Some(source) = &config.source
    {
        output.invalid = true;
        on_problem(FileProblems {
            file: source.clone(),
            problems: config_problems,
        });
    }
    if summary.files == 0 {
        let skipped = match summary.not_regular {
            0 => String::new(),
            n => format!(" ({n} skipped: not regular files)"),
        };
        return Err(Error::Usage(format!(
            "no answers files found in {}{skipped}",
            request
                .paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    output.failed = summary.failed();
    sink.finish(&summary).map_err(write_error)?;
    Ok(output)
}

/// Bucket and cause ids the config names that no questionnaire used has.
fn config_ids(config: &Config, used: &[Arc<Loaded>]) -> Vec<Problem> {
    if used.is_empty() {
        return Vec::new();
    }
    let mut buckets: BTreeSet<&str> = BTreeSet::new();
    let mut causes: BTreeSet<&str> = BTreeSet::new();
    for l in used {
        buckets.extend(l.questionnaire.buckets().map(|(_, g)| g.id.as_str()));
        causes.extend(l.questionnaire.causes.iter().map(|c| c.id.as_str()));
    }
    let buckets: Vec<&str> = buckets.into_iter().collect();
    let causes: Vec<&str> = causes.into_iter().collect();
    let mut problems = crate::config::unknown_ids(config, &buckets, &causes);
    let all: Vec<&crate::questionnaire::Questionnaire> = used.iter().map(|l| &l.questionnaire).collect();
    problems.extend(
        crate::report::targets::check_all(&config.targets, &all)
            .iter()
            .map(|p| p.to_problem()),
    );
    problems
}

struct Context<'a> {
    config: &'a CheckConfig,
    today: jiff::civil::Date,
    forced: Option<Arc<Loaded>>,
    baselines: Option<&'a Baselines>,
    reports: Option<&'a save::Reports<'a>>,
    limits: &'a Limits,
    targets: &'a [crate::config::TargetSpec],
}

/// One checked file and what goes beside the streamed result.
struct Done {
    result: FileResult,
    loaded: Option<Arc<Loaded>>,
    problems: Option<FileProblems>,
}

/// Checks every input on `jobs` threads and hands the results to `emit` in
/// input order (`None` for a walked file that is not an answers file).
///
/// Workers take the next file from a shared counter and may run at most
/// [`WINDOW`] files ahead of the next result due, so the buffer that puts
/// results back in order stays small however many files there are.
fn check_all(
    inputs: &[Input],
    ctx: &Context<'_>,
    jobs: usize,
    mut emit: impl FnMut(Option<Done>) -> Result<(), Error>,
) -> Result<(), Error> {
    // Even one job runs on a worker: its stack is deep enough for any nesting
    // the input limits allow, which the caller's may not be.
    let jobs = jobs.min(inputs.len()).max(1);
    let next = AtomicUsize::new(0);
    let due = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Option<Done>)>(WINDOW);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, due, stop) = (&next, &due, &stop);
            let spawned = std::thread::Builder::new()
                .name("ecodiag-check".to_owned())
                .stack_size(crate::yaml::STACK_BYTES)
                .spawn_scoped(scope, move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        while i >= due.load(Ordering::Acquire) + WINDOW && !stop.load(Ordering::Relaxed) {
                            std::thread::sleep(std::time::Duration::from_micros(50));
                        }
                        if stop.load(Ordering::Relaxed) || tx.send((i, check_file(input, ctx))).is_err() {
                            break;
                        }
                    }
                });
            if let Err(e) = spawned {
                stop.store(true, Ordering::Relaxed);
                return Err(Error::Usage(format!("cannot start a worker thread: {e}")));
            }
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        let mut result = Ok(());
        for (i, done) in rx {
            pending.insert(i, done);
            while let Some(done) = pending.remove(&want) {
                if result.is_ok() {
                    result = emit(done);
                    if result.is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                want += 1;
                due.store(want, Ordering::Release);
            }
        }
        result
    })
}

fn broken(path: &str, err: Error) -> Done {
    let (problems, file) = match err {
        Error::Invalid(file) => {
            let errors = file
                .problems
                .iter()
                .filter(|p| p.level == crate::diagnostic::Level::Error)
                .count();
            // As on standard error: the first ones, then how many more.
            let mut list: Vec<BrokenAt> = file
                .diagnostics()
                .filter(|d| d.problem.level == crate::diagnostic::Level::Error)
                .take(MAX_SHOWN_PROBLEMS)
                .map(|d| {
                    let at = d.problem.span.map(|span| d.file.line_col(span.offset()));
                    BrokenAt {
                        position: d.position(),
                        message: d.message().to_owned(),
                        file: Some(d.file.name().to_owned()),
                        line: at.map(|(line, _)| line),
                        column: at.map(|(_, column)| column),
                    }
                })
                .collect();
            if errors > MAX_SHOWN_PROBLEMS {
                list.push(BrokenAt::whole(
                    file.file.name().to_owned(),
                    format!(
                        "{} more errors not shown; fix the ones above and run again",
                        crate::diagnostic::thousands(errors - MAX_SHOWN_PROBLEMS)
                    ),
                ));
            }
            (list, Some(*file))
        }
        other => (
            vec![BrokenAt::whole(
                path.to_owned(),
                match other.hint() {
                    Some(hint) => format!("{other} ({hint})"),
                    None => other.to_string(),
                },
            )],
            None,
        ),
    };
    Done {
        result: FileResult::Broken {
            path: path.to_owned(),
            problems,
        },
        loaded: None,
        problems: file,
    }
}

/// Why a baseline was not compared with, when the reader should know.
fn baseline_note(found: &Found, answers: &str, snapshot: &Snapshot) -> Option<Problem> {
    match found {
        Found::OtherClient {
            path,
            client,
            assessment,
        } => Some(
            Problem::warning(
                "check::baseline-other-client",
                format!(
                    "{answers}: the baseline report {path} is of `{client}` ({assessment}), not `{}` ({}): not compared",
                    snapshot.client, snapshot.assessment
                ),
            )
            .help("put this client's report at that path (refresh the baselines with --save-reports), or remove the other one"),
        ),
        Found::Ambiguous { reports } => Some(
            Problem::warning(
                "check::baseline-ambiguous",
                format!(
                    "{answers}: {reports} baseline reports are of `{}` ({}) and none is at this file's path: not compared",
                    snapshot.client, snapshot.assessment
                ),
            )
            .help("keep the report at the answers file's relative path (acme/q3.yaml ↔ acme/q3.json)"),
        ),
        Found::Matched(_) | Found::Nothing => None,
    }
}

/// The questionnaire a file is scored against.
fn questionnaire_for(name: &str, ctx: &Context<'_>) -> Result<Arc<Loaded>, Error> {
    if let Some(forced) = &ctx.forced {
        return Ok(Arc::clone(forced));
    }
    if BUNDLED.iter().any(|b| b.id == name) {
        return questionnaire::bundled(name);
    }
    questionnaire::resolve(name, ctx.limits)
}

/// One answers file as `check` reads it.
#[derive(Debug)]
pub struct Reading {
    pub answers: crate::answers::Answers,
    pub loaded: Arc<Loaded>,
    /// Warnings in the file, located; `None` when there are none.
    pub warnings: Option<FileProblems>,
    /// The answers scored (the fast path needs it to decide, so it is kept).
    pub evaluation: engine::Evaluation,
}

/// Reads one answers file as `check` does: the fast path when it can show
/// the located path would report nothing at all, else the located path
/// ([`crate::reading::checked`], as `score` and `validate` read). Either way
/// the answers, the warnings and the errors are the ones `score` finds;
/// `questionnaire` finds the questionnaire an assessment id names.
pub fn read(
    source: SourceFile,
    limits: &Limits,
    questionnaire: &dyn Fn(&str) -> Result<Arc<Loaded>, Error>,
) -> Result<Reading, Error> {
    let fast = fast::parse(&source, limits);
    let quick = fast.as_ref().and_then(|f| {
        let loaded = questionnaire(&f.assessment).ok()?;
        let answers = fast::resolve(f, &loaded.questionnaire)?;
        // An answer to a question that is not asked is a warning, which
        // only the located path can place.
        let evaluation = engine::evaluate(&loaded.questionnaire, &answers);
        (!crate::reading::any_hidden_answer(&evaluation, &answers)).then_some((answers, loaded, evaluation))
    });
    if let Some((answers, loaded, evaluation)) = quick {
        return Ok(Reading {
            answers,
            loaded,
            warnings: None,
            evaluation,
        });
    }
    let parsed = answers::parse(source, limits)?;
    let loaded = match questionnaire(parsed.assessment()) {
        Ok(loaded) => loaded,
        Err(err @ Error::UnknownAssessment { .. }) => {
            return Err(crate::reading::unknown_assessment(&parsed, &err));
        }
        Err(err) => return Err(err),
    };
    let (answers, warnings) = crate::reading::checked(&parsed, &loaded.questionnaire)?;
    Ok(Reading {
        evaluation: engine::evaluate(&loaded.questionnaire, &answers),
        answers,
        loaded,
        warnings: (!warnings.is_empty()).then(|| FileProblems {
            file: parsed.source.clone(),
            problems: warnings,
        }),
    })
}

fn check_file(input: &Input, ctx: &Context<'_>) -> Option<Done> {
    let path = input.path.display().to_string();
    let source = match yaml::read_source(&input.path, yaml::FileKind::Answers, ctx.limits) {
        Ok(source) => source,
        Err(err) => return Some(broken(&path, err.into())),
    };
    if input.walked && !looks_like_answers(source.text()) {
        return None;
    }
    let file = source.clone();
    let Reading {
        answers,
        loaded,
        warnings,
        evaluation: eval,
    } = match read(source, ctx.limits, &|name| questionnaire_for(name, ctx)) {
        Ok(reading) => reading,
        Err(err) => return Some(broken(&path, err)),
    };
    let q = &loaded.questionnaire;
    if let Some(reports) = ctx.reports
        && let Err(err) = reports.save(input, q, &answers)
    {
        return Some(broken(&path, err));
    }
    let diagnosis = engine::diagnose(q, &eval);
    let snapshot = Snapshot::from_diagnosis(
        q,
        &answers.client,
        answers.date.map(|d| d.to_string()),
        &eval,
        &diagnosis,
    );
    let found = ctx
        .baselines
        .map(|b| b.find(&input.relative, &snapshot.client, &snapshot.assessment));
    let comparison = match &found {
        Some(Found::Matched(m)) => Some((m.path.clone(), compare(&m.snapshot, &snapshot))),
        _ => None,
    };
    let mut warnings = warnings;
    if let Some(note) = found.as_ref().and_then(|f| baseline_note(f, &path, &snapshot)) {
        warnings
            .get_or_insert_with(|| FileProblems {
                file: file.clone(),
                problems: Vec::new(),
            })
            .problems
            .push(note);
    }
    let active: Vec<&Waiver> = ctx
        .config
        .waivers
        .iter()
        .filter(|w| w.active(ctx.today) && w.covers(&snapshot.client))
        .collect();
    let (mut assertions, waived) = assert::evaluate(
        ctx.config,
        &snapshot,
        &active,
        ctx.baselines.map(|_| comparison.as_ref().map(|(_, c)| c)),
    );
    assertions.extend(targets::assertions(ctx.config.targets_met, ctx.targets, q, &eval));
    let warning_count = warnings.as_ref().map_or(0, |w| w.problems.len());
    Some(Done {
        result: FileResult::Checked(Box::new(FileReport {
            path,
            snapshot,
            assertions,
            waived,
            baseline: comparison,
            warnings: warning_count,
        })),
        loaded: Some(loaded),
        problems: warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    #[test]
    fn the_fast_path_reads_what_the_located_path_reads() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("examples") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|x| x != "yaml") {
                continue;
            }
            let source = yaml::read_source(&path, yaml::FileKind::Answers, &Limits::DEFAULT).expect("reads");
            let parsed = answers::parse(source.clone(), &Limits::DEFAULT).expect("parses");
            let loaded = questionnaire::bundled(parsed.assessment()).expect("bundled");
            let q = &loaded.questionnaire;
            let full = answers::check(&parsed, q).expect("checks").0;
            let raw = fast::parse(&source, &Limits::DEFAULT).expect("fast parse");
            assert_eq!(fast::resolve(&raw, q).as_ref(), Some(&full), "{}", path.display());
            seen += 1;
        }
        assert!(seen >= 3);
    }

    #[test]
    fn merge_keys_take_the_located_path_and_still_read_the_same() {
        let loaded = questionnaire::bundled("sales-ecosystem").expect("bundled");
        let q = &loaded.questionnaire;
        let text = "assessment: sales-ecosystem\nclient: A\nanswers:\n  <<: &common { win-rate: 45 }\n  quota-attainment: 60\n";
        let source = SourceFile::new("merge.yaml", text);
        assert!(fast::parse(&source, &Limits::DEFAULT).is_none());
        let (answers, warnings) =
            answers::check(&answers::parse(source, &Limits::DEFAULT).expect("parses"), q).expect("checks");
        assert!(warnings.is_empty());
        assert_eq!(answers.values.iter().flatten().count(), 2);
    }

    #[test]
    fn the_fast_path_gives_up_on_anything_the_located_path_would_report() {
        let loaded = questionnaire::bundled("sales-ecosystem").expect("bundled");
        let q = &loaded.questionnaire;
        let head = "assessment: sales-ecosystem\nclient: A\n";
        for (body, why) in [
            ("answers:\n  win-rate: 140\n", "out of range"),
            ("answers:\n  no-such-question: 1\n", "unknown question"),
            ("answers:\n  win-rate: 40\n  win-rate: 41\n", "duplicate answer"),
            ("client: B\n", "duplicate field"),
            (
                "answers:\n  win-rate: { value: 40, value: 41 }\n",
                "duplicate value",
            ),
            ("respondent: { role: ceo, role: rep }\n", "duplicate role"),
            ("answers:\n  process-maturity: n/a\n", "n/a not allowed"),
            ("version: \"0.9\"\n", "version mismatch"),
            ("respondent: { role: chief }\n", "unknown role"),
            ("date: 2026-13-01\n", "bad date"),
        ] {
            let text = format!("{head}{body}");
            let source = SourceFile::new("t.yaml", text);
            let resolved = fast::parse(&source, &Limits::DEFAULT).and_then(|raw| fast::resolve(&raw, q));
            assert!(resolved.is_none(), "{why}");
            let reported = match answers::parse(source, &Limits::DEFAULT) {
                Err(_) => true,
                Ok(parsed) => answers::check(&parsed, q).map_or(true, |(_, w)| !w.is_empty()),
            };
            assert!(reported, "the located path reports {why}");
        }
    }
}
