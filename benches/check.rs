//! Batch speed of `ecodiag check`: generates valid answer files for the
//! bundled assessment, then measures, with the release binary,
//!
//! 1. the floor: reading every file and parsing it with serde-saphyr (the YAML
//!    crate ecodiag uses) with ecodiag's options, nothing else, in this
//!    process, on every core — syntax only, into the span-less answers mirror
//!    `check` reads first, and into the located answers structs;
//! 2. `ecodiag check DIR`, the whole process: wall-clock time, files per
//!    second, and peak memory (VmHWM, sampled from /proc while it runs).
//!
//! Each figure is the median of several rounds. CPU time (from /proc, for the
//! floor's threads and for the child process) is printed beside wall-clock
//! time: on a machine shared with other work it is the steadier comparison.
//!
//!     cargo bench --bench check [-- FILES [RUNS]]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ecodiag::questionnaire::{self, QuestionKind, Questionnaire};

// The allocator the binary uses, so the floor is measured on equal terms.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (xorshift), so every run writes the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One valid answers file: every question answered, a few with "unknown".
fn answers_file(q: &Questionnaire, n: usize, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(2048);
    let _ = writeln!(
        out,
        "# Generated for the batch benchmark.\nassessment: {}\nversion: \"{}\"\nclient: Client {n:05}\n\
         respondent:\n  name: Respondent {n}\n  role: ceo\ndate: 2026-{:02}-{:02}\nanswers:",
        q.id,
        q.version,
        1 + rng.below(12),
        1 + rng.below(28)
    );
    for question in &q.questions {
        let value = if rng.below(20) == 0 {
            "unknown".to_owned()
        } else {
            value(&question.kind, rng)
        };
        let _ = writeln!(out, "  {}: {value}", question.id);
    }
    out
}

fn value(kind: &QuestionKind, rng: &mut Rng) -> String {
    match kind {
        QuestionKind::Scale { min, labels } => (min + rng.below(labels.len()) as i64).to_string(),
        QuestionKind::YesNo { .. } => ["yes", "no"][rng.below(2)].to_owned(),
        QuestionKind::Choice { options } => options[rng.below(options.len())].id.clone(),
        QuestionKind::Multi { options, .. } => {
            if let Some(ex) = options.iter().find(|o| o.exclusive)
                && rng.below(4) == 0
            {
                return format!("[{}]", ex.id);
            }
            let picked: Vec<&str> = options
                .iter()
                .filter(|o| !o.exclusive && rng.below(2) == 0)
                .map(|o| o.id.as_str())
                .collect();
            format!("[{}]", picked.join(", "))
        }
        QuestionKind::Number(spec) | QuestionKind::Percent(spec) => {
            let percent = matches!(kind, QuestionKind::Percent(_));
            let lo = spec.min.unwrap_or(0.0);
            let hi = spec
                .max
                .unwrap_or(if percent { 100.0 } else { lo + 60.0 })
                .min(lo + 200.0);
            let x = lo + (hi - lo) * (rng.below(1000) as f64 / 1000.0);
            if spec.integer || rng.below(2) == 0 {
                format!("{}", x.round() as i64)
            } else {
                format!("{x:.1}")
            }
        }
    }
}

fn generate(dir: &Path, count: usize) -> Vec<PathBuf> {
    let loaded = questionnaire::bundled(questionnaire::default_id()).expect("bundled assessment loads");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..count)
        .map(|n| {
            // A hundred files per folder, as a repository of clients might hold.
            let folder = dir.join(format!("batch-{:03}", n / 100));
            std::fs::create_dir_all(&folder).expect("create folder");
            let path = folder.join(format!("client-{n:05}.yaml"));
            std::fs::write(&path, answers_file(&loaded.questionnaire, n, &mut rng)).expect("write");
            path
        })
        .collect()
}

/// How far a floor goes.
#[derive(Clone, Copy)]
enum Parse {
    /// YAML syntax only: serde-saphyr drives the parser and builds nothing.
    Syntax,
    /// Into the span-less answers mirror that `check` reads first.
    Spanless,
    /// Into the located answers structs (`answers::parse`, every value with its position).
    Located,
}

/// Reads and parses every file with serde-saphyr, with ecodiag's options and
/// budget, on `threads` threads; nothing else.
fn floor(files: &[PathBuf], threads: usize, how: Parse) -> (Duration, Duration) {
    let limits = ecodiag::yaml::Limits::DEFAULT;
    let cpu = cpu_times().0;
    let start = Instant::now();
    std::thread::scope(|scope| {
        for part in files.chunks(files.len().div_ceil(threads)) {
            scope.spawn(move || {
                for path in part {
                    let source = ecodiag::yaml::read_source(path, ecodiag::yaml::FileKind::Answers, &limits)
                        .expect("read");
                    match how {
                        Parse::Syntax => {
                            ecodiag::yaml::from_source::<serde::de::IgnoredAny>(&source, &limits)
                                .expect("parses");
                        }
                        Parse::Spanless => {
                            ecodiag::check::fast::parse(&source, &limits).expect("parses");
                        }
                        Parse::Located => {
                            ecodiag::answers::parse(source, &limits).expect("parses");
                        }
                    }
                }
            });
        }
    });
    (start.elapsed(), cpu_times().0 - cpu)
}

/// CPU time used so far by this process (all threads) and by its waited-for
/// children, from /proc/self/stat (clock ticks of 10 ms).
fn cpu_times() -> (Duration, Duration) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<u64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().map(|f| f.parse().unwrap_or(0)).collect())
        .unwrap_or_default();
    // After the command name, the state is field 3, so utime (field 14) sits at 11.
    let tick = |i: usize| Duration::from_millis(fields.get(i).copied().unwrap_or(0) * 10);
    (tick(11) + tick(12), tick(13) + tick(14))
}

/// Runs the binary, returning wall-clock time, CPU time and peak resident
/// memory in KiB.
fn check(bin: &str, dir: &Path) -> (Duration, Duration, u64) {
    let cpu = cpu_times().1;
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args(["check", "--today", "2026-11-27"])
        .arg(dir)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ecodiag runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        std::thread::sleep(Duration::from_micros(500));
    };
    let elapsed = start.elapsed();
    // 1 is a gated build, which a batch with assertions may well be.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "ecodiag check could not check the generated files"
    );
    (elapsed, cpu_times().1 - cpu, peak)
}

fn median<T: Copy + Ord>(mut xs: Vec<T>) -> T {
    xs.sort();
    xs[xs.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(7);
    let bin = env!("CARGO_BIN_EXE_ecodiag");
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let dir = tempfile::tempdir().expect("temp dir");
    // ECODIAG_BENCH_DIR keeps the generated files there, for profiling.
    let keep = std::env::var_os("ECODIAG_BENCH_DIR").map(PathBuf::from);
    let root = keep.as_deref().unwrap_or(dir.path());
    let files = generate(root, count);
    // Assertions and a waiver, so the per-file work is what a team's CI does.
    std::fs::write(
        root.join("ecodiag.toml"),
        "[check]\nmin-score = { level = \"error\", score = 40 }\n\
         min-bucket-score = { level = \"warn\", score = 30 }\n\
         max-severity = { level = \"error\", severity = \"medium\" }\n\
         [[check.waivers]]\ncause = \"archaic-crm\"\nreason = \"CRM project\"\nexpires = 2026-12-31\n",
    )
    .expect("write ecodiag.toml");
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();

    // Warm the page cache, then measure in rounds — each floor, then the
    // binary — so that load from other processes falls on all of them alike.
    floor(&files, threads, Parse::Syntax);
    check(bin, root);
    let kinds = [
        ("syntax only (IgnoredAny)", Parse::Syntax),
        ("span-less answers structs", Parse::Spanless),
        ("located answers structs", Parse::Located),
    ];
    let mut floor_times: Vec<Vec<(Duration, Duration)>> = vec![Vec::new(); kinds.len()];
    let mut results: Vec<(Duration, Duration, u64)> = Vec::new();
    for _ in 0..runs {
        for (times, (_, how)) in floor_times.iter_mut().zip(kinds) {
            times.push(floor(&files, threads, how));
        }
        results.push(check(bin, root));
    }
    let floors: Vec<(&str, Duration, Duration)> = kinds
        .iter()
        .zip(floor_times)
        .map(|((name, _), times)| {
            (
                *name,
                median(times.iter().map(|t| t.0).collect()),
                median(times.iter().map(|t| t.1).collect()),
            )
        })
        .collect();
    let check_t = median(results.iter().map(|r| r.0).collect());
    let check_cpu = median(results.iter().map(|r| r.1).collect());
    let peak = median(results.iter().map(|r| r.2).collect());

    let rate = |d: Duration| count as f64 / d.as_secs_f64();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{count} answer files, {:.1} KB each on average, {threads} threads, median of {runs} runs",
        bytes as f64 / count as f64 / 1024.0
    );
    for (name, t, cpu) in &floors {
        let _ = writeln!(
            out,
            "floor: read + parse with serde-saphyr, {name:<27} {:>6.0} ms {:>6.0} files/s, CPU {:>6.0} ms",
            ms(*t),
            rate(*t),
            ms(*cpu)
        );
    }
    let _ = writeln!(
        out,
        "ecodiag check DIR, whole process:                              {:>6.0} ms {:>6.0} files/s, CPU {:>6.0} ms",
        ms(check_t),
        rate(check_t),
        ms(check_cpu)
    );
    for (name, t, cpu) in &floors {
        let _ = writeln!(
            out,
            "check / floor ({name}): {:.2}× wall-clock, {:.2}× CPU time",
            check_t.as_secs_f64() / t.as_secs_f64(),
            check_cpu.as_secs_f64() / cpu.as_secs_f64()
        );
    }
    let _ = writeln!(
        out,
        "peak memory of ecodiag check (VmHWM): {:.1} MB",
        peak as f64 / 1024.0
    );
}
