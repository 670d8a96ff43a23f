//! `ecodiag check` as JUnit XML, which CI systems show as test results: one
//! test suite per answers file, one test case per assertion (plus `scored`,
//! which passes when the file could be read and scored). Gated assertions are
//! failures with the message and evidence; warned ones pass with a note in
//! `system-out`, since JUnit knows no warning; a file that cannot be checked
//! is an error. Waivers get a suite of their own. No time or timestamp is
//! written, so the output is deterministic.

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::check::baseline_line;
use crate::check::{FileReport, FileResult, Sink, Status, Summary};

/// Collects the suites (quick-junit writes a whole document), then writes it.
#[derive(Debug)]
pub struct JunitSink<'a> {
    out: super::Out<'a>,
    report: Report,
}

impl<'a> JunitSink<'a> {
    pub fn new(out: &'a mut dyn Write) -> Self {
        JunitSink {
            out: super::Out(out),
            report: Report::new("ecodiag check"),
        }
    }
}

/// Text from a file for the document. XML 1.0 cannot hold most control
/// characters in any form, and quick-junit drops them with whatever escape
/// sequence they start, so each becomes a visible escape (`\u{1b}`): nothing
/// is lost, and nothing reaches a reader raw.
fn x(text: &str) -> std::borrow::Cow<'_, str> {
    crate::output::terminal_text(text)
}

fn suite(r: &FileReport) -> TestSuite {
    let path = x(&r.path);
    let mut suite = TestSuite::new(path.as_ref());
    let s = &r.snapshot;
    suite.add_property(("client", x(&s.client).as_ref()));
    suite.add_property(("assessment", format!("{}@{}", s.assessment, s.version).as_str()));
    let mut scored = TestCase::new("scored", TestCaseStatus::success());
    scored.set_classname(path.as_ref());
    let mut out = format!(
        "ecosystem {}; verdict {}; {} root causes",
        s.ecosystem.map_or_else(|| "–".to_owned(), |x| format!("{x:.1}")),
        s.stage,
        s.causes.len()
    );
    if let Some((path, c)) = &r.baseline {
        out.push_str(&format!("\nbaseline {}: {}", x(path), baseline_line(c)));
    }
    scored.set_system_out(out);
    suite.add_test_case(scored);
    for w in &r.waived {
        suite.add_property((
            format!("waived {}", w.cause).as_str(),
            format!(
                "{} severity, until {}: {}",
                w.severity.as_str(),
                w.expires,
                x(&w.reason)
            )
            .as_str(),
        ));
    }
    for a in &r.assertions {
        let status = match a.status {
            Status::Passed | Status::Warned => TestCaseStatus::success(),
            Status::Skipped => {
                let mut s = TestCaseStatus::skipped();
                s.set_message(x(&a.message).as_ref());
                s
            }
            Status::Gated => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(x(&a.message).as_ref());
                s.set_type(a.rule);
                let mut description = x(&a.message).into_owned();
                for line in &a.evidence {
                    description.push('\n');
                    description.push_str(&x(line));
                }
                s.set_description(description);
                s
            }
        };
        let mut case = TestCase::new(a.name(), status);
        case.set_classname(path.as_ref());
        if a.status == Status::Warned {
            let mut note = format!("warning: {}", x(&a.message));
            for line in &a.evidence {
                note.push('\n');
                note.push_str(&x(line));
            }
            case.set_system_out(note);
        }
        suite.add_test_case(case);
    }
    suite
}

impl Sink for JunitSink<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        let suite = match result {
            FileResult::Checked(r) => suite(r),
            FileResult::Broken { path, problems } => {
                let path = x(path);
                let mut suite = TestSuite::new(path.as_ref());
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                let message = problems.first().map_or_else(
                    || "could not be checked".to_owned(),
                    |p| x(&p.message).into_owned(),
                );
                status.set_message(message);
                status.set_type("input");
                status.set_description(
                    problems
                        .iter()
                        .map(|p| format!("{}: {}", x(&p.position), x(&p.message)))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
                let mut case = TestCase::new("scored", status);
                case.set_classname(path.as_ref());
                suite.add_test_case(case);
                suite
            }
        };
        self.report.add_test_suite(suite);
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        if !s.waivers.is_empty() {
            let mut suite = TestSuite::new("ecodiag.toml waivers");
            for w in &s.waivers {
                let message = format!(
                    "waiver for {} {} {}: {}",
                    w.waiver.cause,
                    if w.expired { "expired on" } else { "holds until" },
                    w.waiver.expires,
                    x(&w.waiver.reason)
                );
                let gated = w.expired && s.expired_status() == Status::Gated;
                let status = if gated {
                    let mut st = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    st.set_message(message.as_str());
                    st.set_type("expired-waivers");
                    st
                } else {
                    TestCaseStatus::success()
                };
                let mut case = TestCase::new(format!("waiver[{}]", w.waiver.cause), status);
                case.set_classname("ecodiag.toml");
                if !gated {
                    let prefix = if w.expired { "warning: " } else { "" };
                    let files = if w.used == 1 { "file" } else { "files" };
                    case.set_system_out(format!("{prefix}{message} (waived in {} {files})", w.used));
                }
                suite.add_test_case(case);
            }
            self.report.add_test_suite(suite);
        }
        let mut xml = Vec::new();
        self.report.serialize(&mut xml).map_err(io::Error::other)?;
        // Names and messages come from files: characters a terminal would obey
        // become character references, the same data for an XML reader.
        let xml = String::from_utf8_lossy(&xml);
        self.out.write_all(crate::output::xml_text(&xml).as_bytes())?;
        writeln!(self.out)
    }
}
