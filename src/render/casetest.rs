//! `ecodiag test` as text: a pass/fail line per case with expected against
//! actual under each failure, then the coverage of each assessment.

use std::io::{self, Write};

use crate::casetest::{CaseStatus, TestRun};

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Ids in lines of at most about 90 characters, indented.
fn wrap_ids(out: &mut dyn Write, ids: &[&str], indent: &str) -> io::Result<()> {
    let mut line = String::new();
    for id in ids {
        if !line.is_empty() && line.len() + id.len() + 2 > 90 {
            writeln!(out, "{indent}{line},")?;
            line.clear();
        } else if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(id);
    }
    if !line.is_empty() {
        writeln!(out, "{indent}{line}")?;
    }
    Ok(())
}

/// A failed case's line and, under it, expected against actual.
fn failure(out: &mut dyn Write, name: &str, position: &str, lines: &[String]) -> io::Result<()> {
    writeln!(out, "  FAIL  {name} ({position})")?;
    for line in lines {
        writeln!(out, "          {line}")?;
    }
    Ok(())
}

fn below_minimum(run: &TestRun, out: &mut dyn Write) -> io::Result<()> {
    if let Some(min) = run.min_coverage {
        for c in run.below_minimum() {
            writeln!(out)?;
            writeln!(
                out,
                "Coverage of {} is {:.1}%, below the minimum of {}%",
                c.assessment,
                c.percent(),
                crate::answers::format_number(min)
            )?;
        }
    }
    Ok(())
}

/// `test --quiet`: only the cases that fail or have problems, under their
/// file, and a coverage below the minimum; nothing when all is well.
pub fn render_quiet(run: &TestRun, out: &mut dyn Write) -> io::Result<()> {
    for file in &run.files {
        let mut header = false;
        for case in &file.cases {
            if case.status == CaseStatus::Passed {
                continue;
            }
            if !header {
                writeln!(out, "{} ({}):", file.path, file.assessment)?;
                header = true;
            }
            match &case.status {
                CaseStatus::Failed(lines) => failure(out, &case.name, &case.position, lines)?,
                _ => writeln!(
                    out,
                    "  ERROR {} ({}): the case has problems",
                    case.name, case.position
                )?,
            }
        }
    }
    below_minimum(run, out)
}

pub fn render(run: &TestRun, out: &mut dyn Write) -> io::Result<()> {
    for file in &run.files {
        writeln!(
            out,
            "{} ({}): {}",
            file.path,
            file.assessment,
            plural(file.cases.len(), "case")
        )?;
        for case in &file.cases {
            match &case.status {
                CaseStatus::Passed => writeln!(out, "  PASS  {}", case.name)?,
                CaseStatus::Invalid => {
                    writeln!(
                        out,
                        "  ERROR {} ({}): the case has problems (listed on standard error)",
                        case.name, case.position
                    )?;
                }
                CaseStatus::Failed(lines) => failure(out, &case.name, &case.position, lines)?,
            }
        }
        writeln!(out)?;
    }
    let passed = run.count(|s| *s == CaseStatus::Passed);
    let failed = run.count(|s| matches!(s, CaseStatus::Failed(_)));
    let invalid = run.count(|s| *s == CaseStatus::Invalid);
    let mut total = format!(
        "{}: {passed} passed, {failed} failed",
        plural(passed + failed + invalid, "case")
    );
    if invalid > 0 {
        total.push_str(&format!(", {invalid} with problems"));
    }
    if run.not_regular > 0 {
        total.push_str(&format!(
            " ({} skipped: not regular files)",
            plural(run.not_regular, "case file")
        ));
    }
    writeln!(out, "{total}")?;
    for c in &run.coverage {
        writeln!(out)?;
        writeln!(
            out,
            "Coverage of {}: {} of {} rules fired in at least one case ({:.1}%)",
            c.assessment,
            c.fired(),
            c.rules.len(),
            c.percent()
        )?;
        let unfired: Vec<&str> = c.unfired().collect();
        if unfired.is_empty() {
            writeln!(out, "  Every rule fired in some case.")?;
        } else {
            writeln!(out, "  Rules that fired in no case ({}):", unfired.len())?;
            wrap_ids(out, &unfired, "    ")?;
        }
        let read = c.questions - c.unread_questions.len();
        writeln!(
            out,
            "  {read} of {} questions are read by some rule ({:.1}%)",
            c.questions,
            if c.questions == 0 {
                100.0
            } else {
                100.0 * read as f64 / c.questions as f64
            }
        )?;
        if !c.unread_questions.is_empty() {
            writeln!(out, "  Questions no rule reads ({}):", c.unread_questions.len())?;
            let ids: Vec<&str> = c.unread_questions.iter().map(String::as_str).collect();
            wrap_ids(out, &ids, "    ")?;
        }
        if c.unexplained.is_empty() {
            writeln!(out, "  Every red area in the cases is explained by a finding.")?;
        } else {
            writeln!(
                out,
                "  Red areas no finding explains ({}): a rule may be missing",
                c.unexplained.len()
            )?;
            for (id, n, first) in &c.unexplained {
                writeln!(out, "    {id}: in {}, first \"{first}\"", plural(*n, "case"))?;
            }
        }
    }
    below_minimum(run, out)?;
    writeln!(out)?;
    let result = if run.files_with_errors > 0 || invalid > 0 {
        "ERROR — some case files have problems (see standard error)"
    } else if run.failed() {
        "FAILED"
    } else {
        "passed"
    };
    writeln!(out, "Result: {result}")
}
