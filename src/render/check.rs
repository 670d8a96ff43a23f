//! `ecodiag check` as plain text (one line per file, details under those that
//! warn or fail) and as a short Markdown summary for a CI job or a pull
//! request. Both stream: nothing per file is kept but a bounded list of rows.

use std::io::{self, Write};

use anstyle::{AnsiColor, Effects, Style};

use super::markdown::text as md;
use crate::check::{Assertion, FileReport, FileResult, Sink, Status, Summary};
use crate::compare::{CauseStatus, Comparison, Direction};

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn score(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |s| format!("{s:.1}"))
}

fn status_style(status: Status) -> Style {
    let color = match status {
        Status::Gated => AnsiColor::Red,
        Status::Warned => AnsiColor::Yellow,
        Status::Passed => AnsiColor::Green,
        Status::Skipped => return Style::new().effects(Effects::DIMMED),
    };
    Style::new().fg_color(Some(color.into()))
}

fn error_style() -> Style {
    Style::new().bold().fg_color(Some(AnsiColor::Red.into()))
}

fn file_label(status: Status) -> &'static str {
    match status {
        Status::Gated => "GATED",
        Status::Warned => "WARN",
        _ => "PASS",
    }
}

fn level_label(a: &Assertion) -> &'static str {
    match a.status {
        Status::Gated => "error",
        Status::Warned => "warn",
        Status::Skipped => "skip",
        Status::Passed => "ok",
    }
}

/// The assertions of a file, counted by outcome: "4 passed, 1 warned".
fn counts(assertions: &[Assertion]) -> String {
    let mut parts = Vec::new();
    for status in [Status::Passed, Status::Warned, Status::Gated, Status::Skipped] {
        let n = assertions.iter().filter(|a| a.status == status).count();
        if n > 0 {
            parts.push(format!("{n} {}", status.as_str()));
        }
    }
    if parts.is_empty() {
        "no assertions".to_owned()
    } else {
        format!("{}: {}", plural(assertions.len(), "assertion"), parts.join(", "))
    }
}

/// One line on what changed against the baseline.
pub(crate) fn baseline_line(c: &Comparison) -> String {
    let mut parts = vec![format!(
        "ecosystem {} → {} ({})",
        score(c.ecosystem.before),
        score(c.ecosystem.after),
        c.ecosystem.change_text()
    )];
    for (direction, word) in [(Direction::Down, "down"), (Direction::Up, "up")] {
        let moved: Vec<String> = c
            .areas
            .iter()
            .filter(|a| a.delta.direction() == direction)
            .map(|a| format!("{} {}", a.id, a.delta.change_text()))
            .collect();
        if !moved.is_empty() {
            parts.push(format!("{word}: {}", moved.join(", ")));
        }
    }
    for status in [
        CauseStatus::Appeared,
        CauseStatus::Worsened,
        CauseStatus::Resolved,
    ] {
        let ids: Vec<&str> = c.changed(status).map(|x| x.id.as_str()).collect();
        if !ids.is_empty() {
            parts.push(format!("{}: {}", status.as_str(), ids.join(", ")));
        }
    }
    parts.join("; ")
}

/// Plain text, for a terminal or a CI log; the labels in colour when asked.
#[derive(Debug)]
pub struct TextSink<'a> {
    out: super::Out<'a>,
    color: bool,
    quiet: bool,
}

impl<'a> TextSink<'a> {
    pub fn new(out: &'a mut dyn Write, color: bool) -> Self {
        TextSink {
            out: super::Out(out),
            color,
            quiet: false,
        }
    }

    /// Only what warns, fails or cannot be read: no line for a file that
    /// passed, no waiver in force, no totals (`check --quiet`).
    pub fn quiet(self, quiet: bool) -> Self {
        TextSink { quiet, ..self }
    }

    /// `text` padded to `width`, in `style` when colour is on.
    fn paint(&self, style: Style, text: &str, width: usize) -> String {
        let padded = format!("{text:<width$}");
        if self.color {
            format!("{style}{padded}{style:#}")
        } else {
            padded
        }
    }

    fn report(&mut self, r: &FileReport) -> io::Result<()> {
        let status = r.status();
        if self.quiet && status == Status::Passed {
            return Ok(());
        }
        let label = self.paint(status_style(status), file_label(status), 6);
        writeln!(
            self.out,
            "{label} {} — {}: ecosystem {}, {}; {}",
            r.path,
            clean(&r.snapshot.client),
            score(r.snapshot.ecosystem),
            plural(r.snapshot.causes.len(), "root cause"),
            counts(&r.assertions)
        )?;
        for a in r
            .assertions
            .iter()
            .filter(|a| matches!(a.status, Status::Gated | Status::Warned))
        {
            let level = self.paint(status_style(a.status), level_label(a), 5);
            writeln!(self.out, "       {level} {}: {}", a.name(), clean(&a.message))?;
            for line in &a.evidence {
                writeln!(self.out, "             {}", clean(line))?;
            }
        }
        for w in &r.waived {
            writeln!(
                self.out,
                "       waived {} ({}) until {}: {}",
                w.cause,
                w.severity.as_str(),
                w.expires,
                clean(&w.reason)
            )?;
        }
        if let Some((path, c)) = &r.baseline {
            writeln!(self.out, "       baseline {path}: {}", baseline_line(c))?;
        }
        if r.warnings > 0 {
            writeln!(
                self.out,
                "       {} in the file (see standard error)",
                plural(r.warnings, "warning")
            )?;
        }
        Ok(())
    }
}

/// Text from a file, its control characters made visible before any colour
/// is added.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    crate::output::terminal_text(s)
}

impl Sink for TextSink<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        match result {
            FileResult::Checked(r) => self.report(r),
            FileResult::Broken { path, problems } => {
                let label = self.paint(error_style(), "ERROR", 6);
                writeln!(self.out, "{label} {path}: could not be checked")?;
                for p in problems {
                    writeln!(self.out, "       {}: {}", p.position, clean(&p.message))?;
                }
                Ok(())
            }
        }
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        if self.quiet {
            return self.expired_waivers(s);
        }
        writeln!(self.out)?;
        if !s.waivers.is_empty() {
            writeln!(self.out, "Waivers (today is {}):", s.today)?;
            for w in &s.waivers {
                let state = if w.expired {
                    format!("EXPIRED on {}", w.waiver.expires)
                } else {
                    format!("until {}", w.waiver.expires)
                };
                let scope = w
                    .waiver
                    .client
                    .as_ref()
                    .map(|c| format!(", client {}", clean(c)))
                    .unwrap_or_default();
                writeln!(
                    self.out,
                    "  {} {state}{scope}, waived in {}: {}",
                    w.waiver.cause,
                    plural(w.used, "file"),
                    clean(&w.waiver.reason)
                )?;
            }
            writeln!(self.out)?;
        }
        let mut skips = Vec::new();
        if s.skipped > 0 {
            skips.push(format!(
                "{} skipped: not answers files",
                plural(s.skipped, "other YAML file")
            ));
        }
        if s.not_regular > 0 {
            skips.push(format!(
                "{} skipped: not regular files (named pipes, sockets or devices)",
                plural(s.not_regular, "path")
            ));
        }
        let skipped = if skips.is_empty() {
            String::new()
        } else {
            format!(" ({})", skips.join("; "))
        };
        writeln!(
            self.out,
            "{}: {} passed, {} warned, {} gated, {} could not be checked{skipped}",
            plural(s.files, "file"),
            s.passed,
            s.warned,
            s.gated,
            s.broken
        )?;
        let [skip, pass, warn, gate] = s.assertions;
        writeln!(
            self.out,
            "Assertions: {pass} passed, {warn} warned, {gate} gated, {skip} skipped"
        )?;
        let style = if s.broken > 0 || s.failed() {
            error_style()
        } else if s.warned > 0 || s.expired_status() == Status::Warned {
            status_style(Status::Warned)
        } else {
            status_style(Status::Passed)
        };
        let verdict = verdict(s);
        writeln!(self.out, "Result: {}", self.paint(style, &verdict, 0))
    }
}

impl TextSink<'_> {
    /// The waivers past their expiry date, when that is a warning or an
    /// error: all `--quiet` prints of the totals.
    fn expired_waivers(&mut self, s: &Summary) -> io::Result<()> {
        let status = s.expired_status();
        if !matches!(status, Status::Warned | Status::Gated) {
            return Ok(());
        }
        for w in s.waivers.iter().filter(|w| w.expired) {
            let label = self.paint(status_style(status), file_label(status), 6);
            writeln!(
                self.out,
                "{label} waiver of {} EXPIRED on {}: {}",
                w.waiver.cause,
                w.waiver.expires,
                clean(&w.waiver.reason)
            )?;
        }
        Ok(())
    }
}

fn verdict(s: &Summary) -> String {
    let expired = s.waivers.iter().filter(|w| w.expired).count();
    let mut reasons = Vec::new();
    if s.gated > 0 {
        reasons.push(format!("{} gated the build", plural(s.gated, "file")));
    }
    if s.expired_status() == Status::Gated {
        reasons.push(format!("{} expired", plural(expired, "waiver")));
    }
    if s.broken > 0 {
        reasons.push(format!("{} could not be checked", plural(s.broken, "file")));
    }
    if !reasons.is_empty() {
        let head = if s.broken > 0 { "ERROR" } else { "FAILED" };
        return format!("{head} — {}", reasons.join("; "));
    }
    if s.warned > 0 || s.expired_status() == Status::Warned {
        let mut warned = Vec::new();
        if s.warned > 0 {
            warned.push(format!("{} warned", plural(s.warned, "file")));
        }
        if expired > 0 {
            warned.push(format!("{} expired", plural(expired, "waiver")));
        }
        return format!("passed with warnings — {}", warned.join("; "));
    }
    "passed".to_owned()
}

/// How many rows of each kind the Markdown summary lists.
const MD_ROWS: usize = 30;
/// How many lines of evidence a row quotes.
const MD_EVIDENCE: usize = 3;

#[derive(Debug)]
struct Row {
    path: String,
    client: String,
    assertion: String,
    message: String,
}

/// A short Markdown summary: totals, then what gated or warned.
#[derive(Debug)]
pub struct MarkdownSink<'a> {
    out: super::Out<'a>,
    gated: Vec<Row>,
    warned: Vec<Row>,
    more: [usize; 2],
    broken: Vec<(String, String)>,
    more_broken: usize,
    regressions: Vec<(String, String)>,
    more_regressions: usize,
}

impl<'a> MarkdownSink<'a> {
    pub fn new(out: &'a mut dyn Write) -> Self {
        MarkdownSink {
            out: super::Out(out),
            gated: Vec::new(),
            warned: Vec::new(),
            more: [0, 0],
            broken: Vec::new(),
            more_broken: 0,
            regressions: Vec::new(),
            more_regressions: 0,
        }
    }
}

impl Sink for MarkdownSink<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        match result {
            FileResult::Broken { path, problems } => {
                for p in problems {
                    if self.broken.len() < MD_ROWS {
                        self.broken.push((p.position.clone(), p.message.clone()));
                    } else {
                        self.more_broken += 1;
                    }
                }
                if problems.is_empty() {
                    self.broken
                        .push((path.clone(), "could not be checked".to_owned()));
                }
            }
            FileResult::Checked(r) => {
                for a in &r.assertions {
                    let (rows, more) = match a.status {
                        Status::Gated => (&mut self.gated, &mut self.more[0]),
                        Status::Warned => (&mut self.warned, &mut self.more[1]),
                        _ => continue,
                    };
                    if rows.len() < MD_ROWS {
                        let mut message = a.message.clone();
                        if !a.evidence.is_empty() {
                            message.push_str(": ");
                            let shown: Vec<&str> =
                                a.evidence.iter().take(MD_EVIDENCE).map(String::as_str).collect();
                            message.push_str(&shown.join("; "));
                            if a.evidence.len() > MD_EVIDENCE {
                                message.push_str(&format!("; …and {} more", a.evidence.len() - MD_EVIDENCE));
                            }
                        }
                        rows.push(Row {
                            path: r.path.clone(),
                            client: r.snapshot.client.clone(),
                            assertion: a.name(),
                            message,
                        });
                    } else {
                        *more += 1;
                    }
                }
                if let Some((_, c)) = &r.baseline {
                    let regressed = c.ecosystem.direction() == Direction::Down
                        || c.areas.iter().any(|a| a.delta.direction() == Direction::Down)
                        || c.changed(CauseStatus::Appeared).next().is_some()
                        || c.changed(CauseStatus::Worsened).next().is_some();
                    if regressed {
                        if self.regressions.len() < MD_ROWS {
                            self.regressions.push((r.path.clone(), baseline_line(c)));
                        } else {
                            self.more_regressions += 1;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let out = &mut *self.out.0;
        let mark = if s.broken > 0 || s.failed() {
            "❌"
        } else if s.warned > 0 || s.expired_status() == Status::Warned {
            "⚠️"
        } else {
            "✅"
        };
        writeln!(out, "## {mark} ecodiag check: {}", md(&verdict(s)))?;
        writeln!(out)?;
        writeln!(out, "| Files | Passed | Warned | Gated | Could not be checked |")?;
        writeln!(out, "|---:|---:|---:|---:|---:|")?;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            s.files, s.passed, s.warned, s.gated, s.broken
        )?;
        writeln!(out)?;
        let [skip, pass, warn, gate] = s.assertions;
        writeln!(
            out,
            "Assertions: {pass} passed, {warn} warned, {gate} gated, {skip} skipped."
        )?;
        if s.not_regular > 0 {
            writeln!(out)?;
            writeln!(
                out,
                "Skipped unread, not regular files (named pipes, sockets or devices): {}.",
                s.not_regular
            )?;
        }
        let table = |out: &mut dyn Write, title: &str, rows: &[Row], more: usize| -> io::Result<()> {
            if rows.is_empty() {
                return Ok(());
            }
            writeln!(out)?;
            writeln!(out, "### {title}")?;
            writeln!(out)?;
            writeln!(out, "| File | Client | Assertion | Details |")?;
            writeln!(out, "|---|---|---|---|")?;
            for r in rows {
                writeln!(
                    out,
                    "| `{}` | {} | `{}` | {} |",
                    code(&r.path),
                    md(&r.client),
                    r.assertion,
                    md(&r.message)
                )?;
            }
            if more > 0 {
                writeln!(out)?;
                writeln!(out, "…and {more} more.")?;
            }
            Ok(())
        };
        table(out, "Gated the build", &self.gated, self.more[0])?;
        table(out, "Warnings", &self.warned, self.more[1])?;
        if !self.regressions.is_empty() {
            writeln!(out)?;
            writeln!(out, "### Changes against the baseline")?;
            writeln!(out)?;
            for (path, line) in &self.regressions {
                writeln!(out, "- `{}`: {}", code(path), md(line))?;
            }
            if self.more_regressions > 0 {
                writeln!(out, "- …and {} more.", self.more_regressions)?;
            }
        }
        if !self.broken.is_empty() {
            writeln!(out)?;
            writeln!(out, "### Could not be checked")?;
            writeln!(out)?;
            for (position, message) in &self.broken {
                writeln!(out, "- `{}`: {}", code(position), md(message))?;
            }
            if self.more_broken > 0 {
                writeln!(out, "- …and {} more.", self.more_broken)?;
            }
        }
        if !s.waivers.is_empty() {
            writeln!(out)?;
            writeln!(out, "### Waivers")?;
            writeln!(out)?;
            writeln!(out, "| Cause | Until | Files | Reason |")?;
            writeln!(out, "|---|---|---:|---|")?;
            for w in &s.waivers {
                let until = if w.expired {
                    format!("**expired** {}", w.waiver.expires)
                } else {
                    w.waiver.expires.to_string()
                };
                writeln!(
                    out,
                    "| `{}` | {until} | {} | {} |",
                    w.waiver.cause,
                    w.used,
                    md(&w.waiver.reason)
                )?;
            }
        }
        Ok(())
    }
}

/// Text inside a Markdown code span: backticks and pipes cannot break out.
fn code(s: &str) -> String {
    s.replace('`', "'").replace('|', "\\|")
}
