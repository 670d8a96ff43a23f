//! Whole-process timing of `ecodiag score`, release build, bundled
//! assessment: the binary is started N times and the median and 90th
//! percentile of the wall-clock time are printed.
//!
//! 1. Per format (table, markdown, json) on one answers file.
//! 2. Probe-next's cost: on `examples/broken-ecosystem.yaml` (everything
//!    answered) and `examples/all-unknown.yaml` (every question to probe), the
//!    JSON report with probe-next and the flip of the first root against the
//!    plain score (`--no-probe`), the two runs interleaved so a busy machine
//!    weighs on both alike; the ratio of the medians is printed (the target is
//!    at most 2×).
//!
//!     cargo bench --bench score [-- ANSWERS [RUNS]]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let answers = args
        .next()
        .unwrap_or_else(|| "examples/broken-ecosystem.yaml".to_owned());
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(300);
    let bin = env!("CARGO_BIN_EXE_ecodiag");
    let run = |file: &str, extra: &[&str]| {
        let start = Instant::now();
        let status = Command::new(bin)
            .args(["score", file])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("ecodiag runs");
        let elapsed = start.elapsed();
        assert!(status.success(), "ecodiag score failed on {file}");
        elapsed
    };
    let stats = |mut times: Vec<Duration>| {
        times.sort();
        (times[times.len() / 2], times[times.len() * 9 / 10])
    };
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut out = std::io::stdout().lock();
    for format in ["table", "markdown", "json"] {
        run(&answers, &["--format", format]); // warm the page cache
        let (median, p90) = stats((0..runs).map(|_| run(&answers, &["--format", format])).collect());
        writeln!(
            out,
            "score {answers} --format {format:<8}  runs {runs}  median {:.2} ms  p90 {:.2} ms",
            ms(median),
            ms(p90)
        )
        .expect("stdout");
    }
    for file in ["examples/broken-ecosystem.yaml", "examples/all-unknown.yaml"] {
        let plain_args = ["--format", "json", "--no-probe"];
        let probe_args = ["--format", "json"];
        run(file, &plain_args);
        run(file, &probe_args);
        let (mut plain, mut probe) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
        for _ in 0..runs {
            plain.push(run(file, &plain_args));
            probe.push(run(file, &probe_args));
        }
        let (plain_median, plain_p90) = stats(plain);
        let (probe_median, probe_p90) = stats(probe);
        writeln!(
            out,
            "score {file} --format json  runs {runs}\n  plain (--no-probe)   median {:.2} ms  p90 {:.2} ms\n  with probe-next      median {:.2} ms  p90 {:.2} ms\n  ratio of medians     {:.2}×",
            ms(plain_median),
            ms(plain_p90),
            ms(probe_median),
            ms(probe_p90),
            probe_median.as_secs_f64() / plain_median.as_secs_f64()
        )
        .expect("stdout");
    }
}
