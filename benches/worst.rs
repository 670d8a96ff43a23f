//! Worst cases near the input limits: generates, for each class of costly
//! input, the largest file the default limits (8 MB, 250,000 nodes) let
//! through, and times the release binary on it, whole process, median of
//! several runs: wall-clock time and CPU time (from /proc, the steadier
//! figure on a shared machine). Every case must finish in under a second.
//!
//! | case | what it stresses |
//! |---|---|
//! | near-miss answers | 110,000 answer ids, each one letter off one of 25,000 questions with 64-character ids: "did you mean", and 110,000 problems |
//! | near-miss rules | 8,000 rules naming questions that do not exist, among 12,000 long ids: "did you mean" at load |
//! | long line | one answer of nearly 8 MB on a single line: quoting and snippets |
//! | wide rule | one rule whose condition reads 14,000 questions, all true: evidence and report |
//! | case amplification | 33,000 test cases reusing one base set of every answer: `ecodiag test` |
//!
//!     cargo bench --bench worst [-- RUNS]
//!
//! `ECODIAG_BENCH_BIN=path/to/ecodiag` times another build of the binary (an
//! older one, say) on the same files; a run past 60 s is stopped and shown
//! as such.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A question id of exactly 64 characters, alike but for its last digits.
fn long_id(i: usize) -> String {
    format!("q-{}-{i:06}", "a".repeat(55))
}

/// The same id with one letter changed: a near miss of every question.
fn near_miss(i: usize) -> String {
    long_id(i).replacen('a', "b", 1)
}

fn head(id: &str) -> String {
    format!(
        "id: {id}\nversion: \"1.0.0\"\ntitle: Worst case\nbuckets:\n  - id: process\n    title: Process\n    \
         elements:\n      - {{ id: stages, title: Stages }}\nmacro:\n  culprits:\n    - {{ id: culture, title: Culture }}\n\
         questions:\n"
    )
}

const TAIL_CAUSES: &str = "causes:\n  - id: no-process\n    title: No process\n    bucket: process\n    summary: s\n    \
                           not_the_reps: n\n    remediation: [r]\nrules:\n";

fn questions(out: &mut String, count: usize) {
    for i in 0..count {
        let _ = writeln!(
            out,
            "  - {{ id: {}, element: stages, type: yes-no, text: Q{i} }}",
            long_id(i)
        );
    }
    out.push_str("  - { id: blame, element: culture, type: yes-no, text: Blame }\n");
}

/// Writes the files of each case and returns the commands to time.
fn cases(dir: &Path) -> Vec<(&'static str, Vec<String>)> {
    let path = |name: &str| dir.join(name).display().to_string();

    let mut q = head("near-miss");
    questions(&mut q, 25_000);
    q.push_str(TAIL_CAUSES);
    q.push_str("  - { id: r, cause: no-process, severity: high, when: { question: blame, equals: no }, evidence: e }\n");
    std::fs::write(dir.join("near-miss.yaml"), q).expect("write");
    let mut a = String::from("assessment: near-miss\nclient: Acme\nanswers:\n");
    for i in 0..110_000 {
        let _ = writeln!(a, "  {}: yes", near_miss(i));
    }
    std::fs::write(dir.join("near-miss-answers.yaml"), a).expect("write");

    let mut q = head("near-miss-rules");
    questions(&mut q, 12_000);
    q.push_str(TAIL_CAUSES);
    for i in 0..8_000 {
        let _ = writeln!(
            q,
            "  - {{ id: r{i}, cause: no-process, severity: high, when: {{ question: {}, equals: no }}, evidence: e }}",
            near_miss(i)
        );
    }
    std::fs::write(dir.join("near-miss-rules.yaml"), q).expect("write");

    let long = format!(
        "assessment: sales-ecosystem\nclient: Acme\nanswers:\n  win-rate: {}\n",
        "x".repeat(8 * 1024 * 1024 - 100)
    );
    std::fs::write(dir.join("long-line.yaml"), long).expect("write");

    let mut q = head("wide-rule");
    questions(&mut q, 14_000);
    q.push_str(TAIL_CAUSES);
    q.push_str(
        "  - id: r\n    cause: no-process\n    severity: high\n    evidence: e\n    when:\n      all:\n",
    );
    for i in 0..14_000 {
        let _ = writeln!(q, "        - {{ question: {}, equals: yes }}", long_id(i));
    }
    std::fs::write(dir.join("wide-rule.yaml"), q).expect("write");
    let mut a = String::from("assessment: wide-rule\nclient: Acme\nanswers:\n");
    for i in 0..14_000 {
        let _ = writeln!(a, "  {}: yes", long_id(i));
    }
    std::fs::write(dir.join("wide-rule-answers.yaml"), a).expect("write");

    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/broken-ecosystem.yaml"
    ))
    .expect("example");
    let answers = example.split("answers:\n").nth(1).expect("answers");
    let mut t = String::from("assessment: sales-ecosystem\nbases:\n  full:\n");
    for line in answers
        .lines()
        .filter(|l| l.starts_with("  ") && !l.trim_start().starts_with('#'))
    {
        let _ = writeln!(t, "  {line}");
    }
    t.push_str("cases:\n");
    for i in 0..33_000 {
        let _ = writeln!(t, "  - {{ name: c{i}, base: full, expect: {{}} }}");
    }
    std::fs::write(dir.join("many.tests.yaml"), t).expect("write");

    vec![
        (
            "near-miss answers: validate",
            vec![
                "validate".into(),
                path("near-miss.yaml"),
                path("near-miss-answers.yaml"),
            ],
        ),
        (
            "near-miss answers: score",
            vec![
                "score".into(),
                "--assessment".into(),
                path("near-miss.yaml"),
                path("near-miss-answers.yaml"),
            ],
        ),
        (
            "near-miss rules: validate",
            vec!["validate".into(), path("near-miss-rules.yaml")],
        ),
        (
            "long line: validate",
            vec!["validate".into(), path("long-line.yaml")],
        ),
        ("long line: score", vec!["score".into(), path("long-line.yaml")]),
        (
            "wide rule: validate",
            vec![
                "validate".into(),
                path("wide-rule.yaml"),
                path("wide-rule-answers.yaml"),
            ],
        ),
        (
            "wide rule: score",
            vec![
                "score".into(),
                "--assessment".into(),
                path("wide-rule.yaml"),
                path("wide-rule-answers.yaml"),
            ],
        ),
        (
            "case amplification: test",
            vec!["test".into(), path("many.tests.yaml")],
        ),
    ]
}

const CUT_OFF: Duration = Duration::from_secs(60);

/// CPU time of the waited-for children so far, from /proc/self/stat (clock
/// ticks of 10 ms).
fn children_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<u64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().map(|f| f.parse().unwrap_or(0)).collect())
        .unwrap_or_default();
    // After the command name, cutime and cstime are fields 13 and 14.
    let tick = |i: usize| Duration::from_millis(fields.get(i).copied().unwrap_or(0) * 10);
    tick(13) + tick(14)
}

struct Run {
    wall: Duration,
    cpu: Duration,
    code: Option<i32>,
    stderr: u64,
}

/// One run, or `None` when stopped at the cut-off.
fn run(bin: &str, args: &[String]) -> Option<Run> {
    let err = tempfile::NamedTempFile::new().expect("temp file");
    let cpu = children_cpu();
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(err.reopen().expect("reopen"))
        .spawn()
        .expect("spawns");
    loop {
        if let Some(status) = child.try_wait().expect("waits") {
            return Some(Run {
                wall: started.elapsed(),
                cpu: children_cpu().saturating_sub(cpu),
                code: status.code(),
                stderr: std::fs::metadata(err.path()).map_or(0, |m| m.len()),
            });
        }
        if started.elapsed() > CUT_OFF {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find(|a| a != "--bench")
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let bin = std::env::var("ECODIAG_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_ecodiag").to_owned());
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = cases(dir.path());
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{bin}, median of {runs} runs, whole process");
    let _ = writeln!(
        out,
        "{:<30} {:>9} {:>10} {:>10} {:>5} {:>10}",
        "case", "input", "wall", "CPU", "exit", "stderr"
    );
    for (name, args) in &cases {
        let input: u64 = args
            .iter()
            .filter_map(|a| std::fs::metadata(a).ok())
            .map(|m| m.len())
            .sum();
        let input = format!("{:.1} MB", input as f64 / 1e6);
        let done: Vec<Run> = (0..runs).map_while(|_| run(&bin, args)).collect();
        if done.len() < runs {
            let _ = writeln!(out, "{name:<30} {input:>9} {:>10}", "> 60 s");
            continue;
        }
        let median = |pick: fn(&Run) -> Duration| {
            let mut all: Vec<Duration> = done.iter().map(pick).collect();
            all.sort();
            all[runs / 2].as_millis()
        };
        let last = &done[runs - 1];
        let _ = writeln!(
            out,
            "{name:<30} {input:>9} {:>7} ms {:>7} ms {:>5} {:>8} B",
            median(|r| r.wall),
            median(|r| r.cpu),
            last.code.map_or("-".to_owned(), |c| c.to_string()),
            last.stderr
        );
    }
}
