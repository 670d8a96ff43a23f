//! GitHub Actions annotations (`--format github` of `validate`, `test` and
//! `check`): one workflow command per problem, which the Actions runner turns
//! into a note on the file and line in the pull request, e.g.
//!
//! ```text
//! ::error file=acme.yaml,line=7,col=3,title=answers%3A%3Aunknown-question::no question `x`
//! ```
//!
//! Values are escaped as the runner unescapes them: `%`, `\r` and `\n` in
//! the message; those and `:` and `,` in the properties.

use std::io::{self, Write};

use crate::casetest::{CaseStatus, TestRun};
use crate::check::{FileResult, Sink, Status, Summary};
use crate::diagnostic::{FileProblems, Level};

/// The message of a workflow command, escaped. Any other control character
/// from a file is then made visible: the command is a line of a log.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    crate::output::terminal_text(&out).into_owned()
}

/// A property value of a workflow command (`file=`, `title=` …), escaped.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Where an annotation points; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place<'a> {
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// Writes one annotation: `::error` or `::warning`, its place and title,
/// then the message.
pub fn annotation(
    out: &mut dyn Write,
    level: Level,
    place: &Place<'_>,
    title: &str,
    message: &str,
) -> io::Result<()> {
    let command = match level {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    let mut properties = Vec::new();
    if let Some(file) = place.file {
        properties.push(format!("file={}", escape_property(file)));
    }
    if let Some(line) = place.line {
        properties.push(format!("line={line}"));
    }
    if let Some(column) = place.column {
        properties.push(format!("col={column}"));
    }
    properties.push(format!("title={}", escape_property(title)));
    writeln!(
        out,
        "::{command} {}::{}",
        properties.join(","),
        escape_data(message)
    )
}

/// An annotation for every problem of every file: the message, then the hint
/// on a line of its own; the problem's code is the title.
pub fn problems(files: &[FileProblems], out: &mut dyn Write) -> io::Result<()> {
    for file in files {
        for p in &file.problems {
            let (line, column) = match p.span {
                Some(span) => {
                    let (line, column) = file.file.line_col(span.offset());
                    (Some(line), Some(column))
                }
                None => (None, None),
            };
            let place = Place {
                file: Some(file.file.name()),
                line,
                column,
            };
            let message = match &p.help {
                Some(help) => format!("{}\nhelp: {help}", p.message),
                None => p.message.clone(),
            };
            annotation(out, p.level, &place, p.code, &message)?;
        }
    }
    Ok(())
}

/// `ecodiag test`: a failed case is an error on its line, with expected
/// against actual; a coverage below the minimum is an error of the run.
pub fn test_run(run: &TestRun, out: &mut dyn Write) -> io::Result<()> {
    for file in &run.files {
        for case in &file.cases {
            if let CaseStatus::Failed(lines) = &case.status {
                let place = Place {
                    file: Some(&file.path),
                    line: Some(case.line),
                    column: None,
                };
                let message = format!("case `{}` failed\n{}", case.name, lines.join("\n"));
                annotation(out, Level::Error, &place, "ecodiag test", &message)?;
            }
        }
    }
    if let Some(min) = run.min_coverage {
        for c in run.below_minimum() {
            let message = format!(
                "coverage of {} is {:.1}%, below the minimum of {}%: rules that fired in no case: {}",
                c.assessment,
                c.percent(),
                crate::answers::format_number(min),
                c.unfired().collect::<Vec<_>>().join(", ")
            );
            annotation(
                out,
                Level::Error,
                &Place::default(),
                "ecodiag test coverage",
                &message,
            )?;
        }
    }
    Ok(())
}

/// `ecodiag check`: a gated assertion is an error on its answers file, a
/// warned one a warning, a file that cannot be checked an error where the
/// problem is; expired waivers at their level. Then the totals of the table
/// format, unless quiet.
#[derive(Debug)]
pub struct CheckSink<'a> {
    out: super::Out<'a>,
    quiet: bool,
}

impl<'a> CheckSink<'a> {
    pub fn new(out: &'a mut dyn Write, quiet: bool) -> Self {
        CheckSink {
            out: super::Out(out),
            quiet,
        }
    }
}

impl Sink for CheckSink<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        match result {
            FileResult::Checked(r) => {
                for a in &r.assertions {
                    let level = match a.status {
                        Status::Gated => Level::Error,
                        Status::Warned => Level::Warning,
                        _ => continue,
                    };
                    let mut message = a.message.clone();
                    for line in &a.evidence {
                        message.push('\n');
                        message.push_str(line);
                    }
                    let place = Place {
                        file: Some(&r.path),
                        ..Place::default()
                    };
                    annotation(
                        &mut self.out,
                        level,
                        &place,
                        &format!("ecodiag check: {}", a.name()),
                        &message,
                    )?;
                }
                Ok(())
            }
            FileResult::Broken { path, problems } => {
                for p in problems {
                    let place = Place {
                        file: Some(p.file.as_deref().unwrap_or(path)),
                        line: p.line,
                        column: p.column,
                    };
                    annotation(
                        &mut self.out,
                        Level::Error,
                        &place,
                        "ecodiag check: could not be checked",
                        &p.message,
                    )?;
                }
                Ok(())
            }
        }
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let level = match s.expired_status() {
            Status::Gated => Some(Level::Error),
            Status::Warned => Some(Level::Warning),
            _ => None,
        };
        if let Some(level) = level {
            for w in s.waivers.iter().filter(|w| w.expired) {
                let message = format!(
                    "the waiver of {} expired on {}: {}",
                    w.waiver.cause, w.waiver.expires, w.waiver.reason
                );
                annotation(
                    &mut self.out,
                    level,
                    &Place::default(),
                    "ecodiag check: expired waiver",
                    &message,
                )?;
            }
        }
        if self.quiet {
            return Ok(());
        }
        super::check::TextSink::new(&mut self.out, false).finish(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped_as_the_runner_reads_them() {
        assert_eq!(
            escape_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(
            escape_property("answers::x, 50%\nnext"),
            "answers%3A%3Ax%2C 50%25%0Anext"
        );
    }

    #[test]
    fn an_annotation_names_its_place_and_title() {
        let mut out = Vec::new();
        let place = Place {
            file: Some("a,b.yaml"),
            line: Some(3),
            column: Some(7),
        };
        annotation(
            &mut out,
            Level::Warning,
            &place,
            "answers::hidden-question",
            "two\nlines",
        )
        .expect("writes");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "::warning file=a%2Cb.yaml,line=3,col=7,title=answers%3A%3Ahidden-question::two%0Alines\n"
        );
        let mut out = Vec::new();
        annotation(&mut out, Level::Error, &Place::default(), "t", "m").expect("writes");
        assert_eq!(String::from_utf8(out).expect("utf-8"), "::error title=t::m\n");
    }

    #[test]
    fn control_characters_from_files_are_made_visible_first() {
        assert_eq!(escape_data("a\u{1b}[31mb"), "a\\u{1b}[31mb");
    }
}
