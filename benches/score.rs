//! Whole-process timing of `ecodiag score` on one answers file: the release
//! binary is started N times per format and the median and 90th percentile of
//! the wall-clock time are printed.
//!
//!     cargo bench --bench score [-- ANSWERS [RUNS]]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let answers = args
        .next()
        .unwrap_or_else(|| "examples/broken-ecosystem.yaml".to_owned());
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(300);
    let bin = env!("CARGO_BIN_EXE_ecodiag");
    let run = |format: &str| {
        let start = Instant::now();
        let status = Command::new(bin)
            .args(["score", &answers, "--format", format])
            .stdout(Stdio::null())
            .status()
            .expect("ecodiag runs");
        let elapsed = start.elapsed();
        assert!(status.success(), "ecodiag score failed on {answers}");
        elapsed
    };
    let mut out = std::io::stdout().lock();
    for format in ["table", "markdown", "json"] {
        run(format); // warm the page cache
        let mut times: Vec<Duration> = (0..runs).map(|_| run(format)).collect();
        times.sort();
        let median = times[runs / 2];
        let p90 = times[runs * 9 / 10];
        use std::io::Write;
        writeln!(
            out,
            "score {answers} --format {format:<8}  runs {runs}  median {:.2} ms  p90 {:.2} ms",
            median.as_secs_f64() * 1e3,
            p90.as_secs_f64() * 1e3
        )
        .expect("stdout");
    }
}
