//! `ecodiag diff` as terminal tables, Markdown or JSON. The comparison is
//! computed once in [`crate::diff`]; these only format it.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde::Serialize;

use super::Options;
use super::check_json::{JsonComparison, comparison};
use super::markdown::text as md;
use crate::compare::{CauseChange, Delta, Direction};
use crate::diff::{Diff, Side, SideKind};

/// Version of the `diff` JSON format.
pub const DIFF_SCHEMA_VERSION: u32 = 1;

fn score(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |s| format!("{s:.1}"))
}

fn change(d: &Delta) -> String {
    d.change_text()
}

fn arrow(d: Direction) -> &'static str {
    match d {
        Direction::Up => "▲ up",
        Direction::Down => "▼ down",
        Direction::Same => "= same",
        Direction::Unknown => "?",
    }
}

fn side_line(s: &Side) -> String {
    let kind = match s.kind {
        SideKind::Answers => "answers",
        SideKind::Report => "report",
    };
    let date = s
        .snapshot
        .date
        .as_deref()
        .map(|d| format!(", {d}"))
        .unwrap_or_default();
    format!(
        "{} ({kind}, {}@{}{date})",
        s.path, s.snapshot.assessment, s.snapshot.version
    )
}

fn rank(c: &CauseChange) -> String {
    let r = |x: Option<usize>| x.map_or("–".to_owned(), |r| r.to_string());
    let moved = match c.rank_moved() {
        Some(m) if m > 0 => format!(" (▲{m})"),
        Some(m) if m < 0 => format!(" (▼{})", -m),
        _ => String::new(),
    };
    format!(
        "{} → {}{moved}",
        r(c.before.as_ref().map(|b| b.rank)),
        r(c.after.as_ref().map(|a| a.rank))
    )
}

fn severity(c: &CauseChange) -> String {
    let s = |x: Option<&crate::compare::CauseSnap>| x.map_or("–", |c| c.severity.as_str());
    let (b, a) = (s(c.before.as_ref()), s(c.after.as_ref()));
    if b == a {
        b.to_owned()
    } else {
        format!("{b} → {a}")
    }
}

fn impact(c: &CauseChange) -> String {
    let i =
        |x: Option<&crate::compare::CauseSnap>| x.map_or("–".to_owned(), |c| format!("{:.1}", c.impact));
    format!("{} → {}", i(c.before.as_ref()), i(c.after.as_ref()))
}

fn table(o: &Options) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(o.width);
    t.force_no_tty();
    t
}

/// Text from a file, its control characters made visible.
fn clean(s: &str) -> String {
    crate::output::terminal_text(s).into_owned()
}

pub fn render_table(d: &Diff, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    let (b, a) = (&d.before.snapshot, &d.after.snapshot);
    let client = if b.client == a.client {
        clean(&a.client)
    } else {
        format!("{} → {}", clean(&b.client), clean(&a.client))
    };
    writeln!(out, "Diff — {client}")?;
    writeln!(out, "before: {}", clean(&side_line(&d.before)))?;
    writeln!(out, "after:  {}", clean(&side_line(&d.after)))?;
    let (sb, sa) = &d.comparison.stage;
    if sb == sa {
        writeln!(out, "Verdict: {sa} (unchanged)")?;
    } else {
        writeln!(out, "Verdict: {sb} → {sa}")?;
    }
    writeln!(out)?;
    writeln!(out, "Scores")?;
    let mut t = table(o);
    t.set_header(vec!["Area", "Before", "After", "Change", ""]);
    let row = |t: &mut Table, name: &str, delta: &Delta| {
        t.add_row(vec![
            Cell::new(clean(name)),
            Cell::new(score(delta.before)).set_alignment(CellAlignment::Right),
            Cell::new(score(delta.after)).set_alignment(CellAlignment::Right),
            Cell::new(change(delta)).set_alignment(CellAlignment::Right),
            Cell::new(arrow(delta.direction())),
        ]);
    };
    for area in d.comparison.areas.iter().filter(|a| !a.is_macro) {
        row(&mut t, &area.title, &area.delta);
    }
    row(&mut t, "Ecosystem (mean of the buckets)", &d.comparison.ecosystem);
    for area in d.comparison.areas.iter().filter(|a| a.is_macro) {
        row(&mut t, &area.title, &area.delta);
    }
    writeln!(out, "{}", super::laid_out(t, o))?;
    writeln!(out)?;
    writeln!(out, "Root causes")?;
    if d.comparison.causes.is_empty() {
        writeln!(out, "  None found on either side.")?;
    } else {
        let mut t = table(o);
        t.set_header(vec!["Root cause", "Status", "Rank", "Severity", "Impact"]);
        for c in &d.comparison.causes {
            t.add_row(vec![
                Cell::new(format!("{}\n{}", clean(&c.title), c.id)),
                Cell::new(c.status.as_str()),
                Cell::new(rank(c)),
                Cell::new(severity(c)),
                Cell::new(impact(c)),
            ]);
        }
        writeln!(out, "{}", super::laid_out(t, o))?;
    }
    writeln!(out)?;
    match &d.answers {
        None => writeln!(
            out,
            "Answers: not compared (only two answers files for the same assessment can be)."
        )?,
        Some(changes) if changes.is_empty() => writeln!(out, "Answers: none changed.")?,
        Some(changes) => {
            writeln!(out, "Answers that changed ({})", changes.len())?;
            let mut t = table(o);
            t.set_header(vec!["Question", "Before", "After"]);
            for c in changes {
                t.add_row(vec![
                    Cell::new(format!("{}\n{}", clean(&c.text), c.question)),
                    Cell::new(clean(&c.before)),
                    Cell::new(clean(&c.after)),
                ]);
            }
            writeln!(out, "{}", super::laid_out(t, o))?;
        }
    }
    Ok(())
}

pub fn render_markdown(d: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let (b, a) = (&d.before.snapshot, &d.after.snapshot);
    let client = if b.client == a.client {
        md(&a.client)
    } else {
        format!("{} → {}", md(&b.client), md(&a.client))
    };
    writeln!(out, "# Diff — {client}")?;
    writeln!(out)?;
    writeln!(out, "- **Before:** {}", md(&side_line(&d.before)))?;
    writeln!(out, "- **After:** {}", md(&side_line(&d.after)))?;
    let (sb, sa) = &d.comparison.stage;
    if sb == sa {
        writeln!(out, "- **Verdict:** `{sa}` (unchanged)")?;
    } else {
        writeln!(out, "- **Verdict:** `{sb}` → `{sa}`")?;
    }
    writeln!(out)?;
    writeln!(out, "## Scores")?;
    writeln!(out)?;
    writeln!(out, "| Area | Before | After | Change | |")?;
    writeln!(out, "|---|---:|---:|---:|---|")?;
    let row = |out: &mut dyn Write, name: &str, delta: &Delta| {
        writeln!(
            out,
            "| {name} | {} | {} | {} | {} |",
            score(delta.before),
            score(delta.after),
            change(delta),
            arrow(delta.direction())
        )
    };
    for area in d.comparison.areas.iter().filter(|a| !a.is_macro) {
        row(out, &area.title, &area.delta)?;
    }
    row(
        out,
        "**Ecosystem (mean of the buckets)**",
        &d.comparison.ecosystem,
    )?;
    for area in d.comparison.areas.iter().filter(|a| a.is_macro) {
        row(out, &area.title, &area.delta)?;
    }
    writeln!(out)?;
    writeln!(out, "## Root causes")?;
    writeln!(out)?;
    if d.comparison.causes.is_empty() {
        writeln!(out, "None found on either side.")?;
    } else {
        writeln!(out, "| Root cause | Status | Rank | Severity | Impact |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for c in &d.comparison.causes {
            writeln!(
                out,
                "| {} (`{}`) | {} | {} | {} | {} |",
                md(&c.title),
                c.id,
                c.status.as_str(),
                rank(c),
                severity(c),
                impact(c)
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "## Answers that changed")?;
    writeln!(out)?;
    match &d.answers {
        None => writeln!(
            out,
            "Not compared: only two answers files for the same assessment can be."
        )?,
        Some(changes) if changes.is_empty() => writeln!(out, "None.")?,
        Some(changes) => {
            writeln!(out, "| Question | Before | After |")?;
            writeln!(out, "|---|---|---|")?;
            for c in changes {
                writeln!(
                    out,
                    "| {} (`{}`) | {} | {} |",
                    md(&c.text),
                    c.question,
                    md(&c.before),
                    md(&c.after)
                )?;
            }
        }
    }
    Ok(())
}

#[derive(Debug, Serialize)]
struct JsonDiff<'a> {
    schema_version: u32,
    before: JsonSide<'a>,
    after: JsonSide<'a>,
    #[serde(flatten)]
    comparison: JsonComparison<'a>,
    answers: Option<Vec<JsonAnswer<'a>>>,
}

#[derive(Debug, Serialize)]
struct JsonSide<'a> {
    path: &'a str,
    kind: &'static str,
    client: &'a str,
    assessment: &'a str,
    version: &'a str,
    date: Option<&'a str>,
    ecosystem: Option<f64>,
}

#[derive(Debug, Serialize)]
struct JsonAnswer<'a> {
    question: &'a str,
    text: &'a str,
    before: &'a str,
    after: &'a str,
}

fn side(s: &Side) -> JsonSide<'_> {
    JsonSide {
        path: &s.path,
        kind: match s.kind {
            SideKind::Answers => "answers",
            SideKind::Report => "report",
        },
        client: &s.snapshot.client,
        assessment: &s.snapshot.assessment,
        version: &s.snapshot.version,
        date: s.snapshot.date.as_deref(),
        ecosystem: s.snapshot.ecosystem,
    }
}

pub fn render_json(d: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let wire = JsonDiff {
        schema_version: DIFF_SCHEMA_VERSION,
        before: side(&d.before),
        after: side(&d.after),
        comparison: comparison(&d.comparison),
        answers: d.answers.as_ref().map(|changes| {
            changes
                .iter()
                .map(|c| JsonAnswer {
                    question: &c.question,
                    text: &c.text,
                    before: &c.before,
                    after: &c.after,
                })
                .collect()
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &wire).map_err(io::Error::other)?;
    writeln!(out)
}
