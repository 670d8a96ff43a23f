//! What one answer costs in `ecodiag assess`: recording it, reading the file
//! back (to merge what changed there), recomputing which questions are
//! visible, editing the text in place, and writing the whole answers file
//! atomically (temp file, fsync, rename). Answers every question of the
//! bundled assessment in turn, many times over, and prints the median and 90th
//! percentile per save.
//!
//! It also times the CPU part alone: visibility and the in-place edit of the
//! text (parsed, edited, parsed back to check it).
//!
//!     cargo bench --bench save [-- ROUNDS [DIR]]

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ecodiag::answers::{Answers, Value};
use ecodiag::questionnaire::{self, QuestionKind};
use ecodiag::workshop::{Lock, Session};

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let dir = match args.next() {
        Some(parent) => tempfile::tempdir_in(parent),
        None => tempfile::tempdir(),
    }
    .expect("temp dir");
    let loaded = questionnaire::bundled("sales-ecosystem").expect("bundled assessment");
    let q = &loaded.questionnaire;
    let mut times: Vec<Duration> = Vec::new();
    let mut cpu: Vec<Duration> = Vec::new();
    for round in 0..rounds {
        let path = dir.path().join(format!("round-{round}.yaml"));
        let lock = Lock::acquire(&path).expect("locks");
        let mut session = Session::new(
            Arc::clone(&loaded),
            Answers::empty(q, "Bench Co"),
            path,
            lock,
            None,
        );
        for (ix, question) in q.questions.iter().enumerate() {
            let value = match &question.kind {
                QuestionKind::Scale { min, .. } => Value::Scale(*min),
                QuestionKind::YesNo { .. } => Value::Bool(true),
                QuestionKind::Choice { .. } => Value::Choice(0),
                QuestionKind::Multi { .. } => Value::Multi(vec![0]),
                QuestionKind::Number(spec) | QuestionKind::Percent(spec) => {
                    Value::Number(spec.min.unwrap_or(0.0).max(1.0))
                }
            };
            let start = Instant::now();
            session.set(ix, value).expect("saves");
            times.push(start.elapsed());
            // What a save computes besides reading and writing the file:
            // visibility, and the text edited in place (parsed, edited,
            // parsed back to check it).
            let text = std::fs::read_to_string(session.path()).expect("saved");
            let start = Instant::now();
            let eval = ecodiag::engine::evaluate(q, session.answers());
            let updated = ecodiag::answers::edit::update(q, &text, session.answers());
            cpu.push(start.elapsed());
            assert!(updated.kept && !eval.questions.is_empty());
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} questions, files in {}",
        q.questions.len(),
        dir.path().display()
    )
    .expect("stdout");
    let mut line = |what: &str, mut times: Vec<Duration>| {
        times.sort();
        let n = times.len();
        writeln!(
            out,
            "{what:<32} ({n} saves)  median {:.3} ms  p90 {:.3} ms  max {:.3} ms",
            times[n / 2].as_secs_f64() * 1e3,
            times[n * 9 / 10].as_secs_f64() * 1e3,
            times[n - 1].as_secs_f64() * 1e3
        )
        .expect("stdout");
    };
    line("save one answer, all of it", times);
    line("  of which visibility and editing", cpu);
}
