//! The terminal report: a header, the verdict, score tables with bars, the
//! ranked roots with their consequences, the contributing macro causes,
//! probe-next, unexplained red areas and the unknowns.

use std::io::{self, Write};

use anstyle::{AnsiColor, Effects, Style};
use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use unicode_width::UnicodeWidthStr;

use super::maturity::{self, Row};
use super::{Options, percent_text, score_text, words};
use crate::engine::{Level, Stage};
use crate::questionnaire::Severity;
use crate::report::{Area, Report, RootCause};

const BAR_WIDTH: usize = 10;

/// A cell of text from a file: control characters become visible escapes
/// before any colour is added, so the only escape codes are ours.
fn cell(text: impl ToString) -> Cell {
    Cell::new(clean(&text.to_string()))
}

pub(super) fn clean(text: &str) -> String {
    crate::output::terminal_text(text).into_owned()
}

/// The table as printed: no word broken across lines unless on a terminal.
fn shown(t: Table, o: &Options) -> String {
    super::laid_out(t, o)
}

pub fn render(r: &Report, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    let paint = |style: Style, text: &str| -> String {
        if o.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    };
    let bold = Style::new().effects(Effects::BOLD);
    let dim = Style::new().effects(Effects::DIMMED);

    writeln!(
        out,
        "{}",
        paint(bold, &clean(&format!("{} — {}", r.assessment.title, r.client)))
    )?;
    writeln!(out, "{}", paint(dim, &clean(&header_line(r))))?;
    writeln!(out)?;

    let stage_style = Style::new()
        .bold()
        .fg_color(Some(stage_color(r.verdict.stage).into()));
    let label = if r.verdict.provisional {
        "Verdict (provisional):"
    } else {
        "Verdict:"
    };
    writeln!(
        out,
        "{} {}",
        paint(stage_style, label),
        paint(bold, &clean(&r.verdict.headline))
    )?;
    let width = usize::from(o.width).saturating_sub(2);
    for line in wrap(&clean(&r.verdict.text), width) {
        writeln!(out, "  {line}")?;
    }
    writeln!(out)?;

    writeln!(out, "{}", paint(bold, "Scores"))?;
    writeln!(out, "{}", shown(scores_table(r, o), o))?;
    writeln!(out)?;
    maturity_section(r, o, out)?;

    writeln!(out, "{}", paint(bold, &clean(&r.labels.causes_heading())))?;
    let (primary, contributing): (Vec<&RootCause>, Vec<&RootCause>) =
        r.root_causes.iter().partition(|c| !c.contributing);
    if r.root_causes.is_empty() {
        writeln!(out, "  {}", clean(&r.labels.no_causes()))?;
    } else if !primary.is_empty() {
        for line in wrap(words::ROOTS_NOTE, width) {
            writeln!(out, "  {line}")?;
        }
        writeln!(out, "{}", shown(causes_table(&primary, r, o), o))?;
        if let Some(flip) = primary.first().and_then(|c| words::flip(c)) {
            for line in wrap(&clean(&format!("#1 {}. {flip}", primary[0].title)), width) {
                writeln!(out, "  {line}")?;
            }
        }
    }
    writeln!(out)?;
    if !contributing.is_empty() {
        writeln!(out, "{}", paint(bold, words::MACRO_HEADING))?;
        for line in wrap(words::MACRO_NOTE, width) {
            writeln!(out, "  {line}")?;
        }
        writeln!(out, "{}", shown(causes_table(&contributing, r, o), o))?;
        writeln!(out)?;
    }

    writeln!(out, "{}", paint(bold, words::PROBE_HEADING))?;
    if let Some(empty) = words::probe_empty(r) {
        for line in wrap(empty, width) {
            writeln!(out, "  {line}")?;
        }
    } else {
        for line in wrap(words::PROBE_NOTE, width) {
            writeln!(out, "  {line}")?;
        }
        writeln!(out, "{}", shown(probe_table(r, o), o))?;
    }
    writeln!(out)?;

    if !r.unexplained.is_empty() {
        writeln!(
            out,
            "{}",
            paint(
                bold,
                &format!("{} ({})", words::UNEXPLAINED_HEADING, r.unexplained.len())
            )
        )?;
        for line in wrap(words::UNEXPLAINED_NOTE, width) {
            writeln!(out, "  {line}")?;
        }
        let mut t = new_table(o);
        t.set_header(vec!["Area", "Score"]);
        for u in &r.unexplained {
            t.add_row(vec![
                cell(format!("{} › {}", u.area_title, u.element_title)),
                cell(format!("{:.0}", u.score)).set_alignment(CellAlignment::Right),
            ]);
        }
        writeln!(out, "{}", shown(t, o))?;
        writeln!(out)?;
    }

    writeln!(
        out,
        "{}",
        paint(bold, &format!("Unknowns ({})", r.unknowns.len()))
    )?;
    if r.unknowns.is_empty() {
        writeln!(out, "  None: every question that applies was answered.")?;
    } else {
        writeln!(out, "{}", shown(unknowns_table(r, o), o))?;
    }
    Ok(())
}

fn header_line(r: &Report) -> String {
    let mut parts = vec![format!("{}@{}", r.assessment.id, r.assessment.version)];
    for who in &r.respondents {
        match (&who.name, &who.role) {
            (Some(n), Some(role)) => parts.push(format!("respondent {n} ({role})")),
            (Some(n), None) => parts.push(format!("respondent {n}")),
            (None, Some(role)) => parts.push(format!("respondent: {role}")),
            (None, None) => {}
        }
    }
    if let Some(date) = &r.date {
        parts.push(date.clone());
    }
    parts.push(format!("confidence {}", words::confidence(r)));
    parts.join(" · ")
}

fn stage_color(stage: Stage) -> AnsiColor {
    match stage {
        Stage::InsufficientData => AnsiColor::Magenta,
        Stage::Ecosystem => AnsiColor::Red,
        Stage::Macro => AnsiColor::Yellow,
        Stage::Individuals => AnsiColor::Green,
    }
}

fn new_table(o: &Options) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(o.width);
    if o.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

fn level_color(level: Option<Level>) -> Option<Color> {
    level.map(|l| match l {
        Level::Red => Color::Red,
        Level::Amber => Color::Yellow,
        Level::Green => Color::Green,
    })
}

fn bar(score: Option<f64>) -> String {
    match score {
        Some(s) => {
            let filled = ((s / 100.0) * BAR_WIDTH as f64).round() as usize;
            let filled = filled.min(BAR_WIDTH);
            format!("{}{}", "█".repeat(filled), "░".repeat(BAR_WIDTH - filled))
        }
        None => "·".repeat(BAR_WIDTH),
    }
}

fn colored(cell: Cell, color: Option<Color>, o: &Options) -> Cell {
    match (o.color, color) {
        (true, Some(c)) => cell.fg(c),
        _ => cell,
    }
}

fn scores_table(r: &Report, o: &Options) -> Table {
    let mut t = new_table(o);
    t.set_header(vec!["Area", "Score", "", "Level", "Answered"]);
    let area_rows = |t: &mut Table, area: &Area, name: String| {
        let color = level_color(area.score.level);
        t.add_row(vec![
            cell(name).add_attribute(Attribute::Bold),
            colored(cell(score_text(area.score.value)), color, o).set_alignment(CellAlignment::Right),
            colored(cell(bar(area.score.value)), color, o),
            colored(cell(area.score.level.map_or("unknown", Level::as_str)), color, o),
            cell(percent_text(area.confidence)).set_alignment(CellAlignment::Right),
        ]);
        for part in &area.parts {
            let color = level_color(part.score.level);
            t.add_row(vec![
                cell(format!("  {}", part.title)),
                colored(cell(score_text(part.score.value)), color, o).set_alignment(CellAlignment::Right),
                colored(cell(bar(part.score.value)), color, o),
                colored(cell(part.score.level.map_or("unknown", Level::as_str)), color, o),
                cell(percent_text(part.confidence)).set_alignment(CellAlignment::Right),
            ]);
        }
    };
    for area in &r.buckets {
        area_rows(&mut t, area, area.title.clone());
    }
    let color = level_color(r.ecosystem.level);
    t.add_row(vec![
        cell(clean(&r.ecosystem_title)).add_attribute(Attribute::Bold),
        colored(cell(score_text(r.ecosystem.value)), color, o).set_alignment(CellAlignment::Right),
        colored(cell(bar(r.ecosystem.value)), color, o),
        colored(cell(r.ecosystem.level.map_or("unknown", Level::as_str)), color, o),
        cell(""),
    ]);
    // An assessment without macro culprits has no row for them.
    if !r.macro_group.parts.is_empty() {
        area_rows(&mut t, &r.macro_group, r.macro_group.title.clone());
    }
    t
}

fn severity_color(s: Severity) -> Color {
    match s {
        Severity::High => Color::Red,
        Severity::Medium => Color::Yellow,
        Severity::Low => Color::Cyan,
    }
}

fn causes_table(roots: &[&RootCause], r: &Report, o: &Options) -> Table {
    let mut t = new_table(o);
    t.set_header(vec![
        "#",
        &*clean(&r.labels.root_cause),
        "Impact",
        "Evidence",
        "First step",
    ]);
    t.set_constraints(vec![
        ColumnConstraint::ContentWidth,
        ColumnConstraint::UpperBoundary(Width::Percentage(24)),
        ColumnConstraint::ContentWidth,
        ColumnConstraint::LowerBoundary(Width::Percentage(36)),
        ColumnConstraint::UpperBoundary(Width::Percentage(27)),
    ]);
    for root in roots {
        cause_row(&mut t, &root.rank.to_string(), root, o);
        for (i, c) in root.consequences.iter().enumerate() {
            cause_row(&mut t, &format!("{}.{}", root.rank, i + 1), c, o);
        }
    }
    t
}

fn cause_row(t: &mut Table, number: &str, c: &RootCause, o: &Options) {
    let mut title = if c.explained_by.is_empty() {
        c.title.clone()
    } else {
        format!("↳ {}", c.title)
    };
    title.push('\n');
    title.push_str(&match &c.element_title {
        Some(e) => format!("{} › {e}", c.area_title),
        None => c.area_title.clone(),
    });
    if let Some(links) = words::links(c) {
        title.push_str(&format!("\n({links})"));
    }
    let evidence = c
        .evidence
        .iter()
        .map(|e| format!("• {}", e.text))
        .collect::<Vec<_>>()
        .join("\n");
    t.add_row(vec![
        cell(number).set_alignment(CellAlignment::Right),
        cell(title),
        colored(
            cell(format!("{:.1}\n{}", c.impact, c.severity.as_str())),
            Some(severity_color(c.severity)),
            o,
        ),
        cell(evidence),
        cell(c.remediation.first().map(words::step).unwrap_or_default()),
    ]);
}

fn probe_table(r: &Report, o: &Options) -> Table {
    let mut t = new_table(o);
    t.set_header(vec!["Question", "Could change"]);
    for p in r.probe_next.iter().flatten() {
        let key = if p.key { " (key metric)" } else { "" };
        t.add_row(vec![
            cell(format!("{}\n{}{key}", p.text, p.question)),
            cell(
                p.could_change
                    .iter()
                    .map(|c| format!("• {}", words::probe_change(c)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        ]);
    }
    t
}

fn unknowns_table(r: &Report, o: &Options) -> Table {
    let mut t = new_table(o);
    t.set_header(vec!["Question", "Area", ""]);
    for u in &r.unknowns {
        t.add_row(vec![
            cell(format!("{}\n{}", u.text, u.question)),
            cell(format!("{} › {}", u.area_title, u.element_title)),
            cell(if u.said_unknown {
                "don't know"
            } else {
                "not answered"
            }),
        ]);
    }
    t
}

/// Each area's maturity level and what it looks like there, then each
/// target with the gap to it; nothing when there is neither.
fn maturity_section(r: &Report, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    let bold = Style::new().effects(Effects::BOLD);
    let heading = |text: &str| {
        if o.color {
            format!("{bold}{text}{bold:#}")
        } else {
            text.to_owned()
        }
    };
    let width = usize::from(o.width).saturating_sub(2);
    let title = |row: &Row<'_>| {
        if row.heading {
            cell(row.title).add_attribute(Attribute::Bold)
        } else {
            cell(format!("  {}", row.title))
        }
    };
    if let Some(scale) = &r.maturity {
        writeln!(out, "{}", heading("Maturity"))?;
        if let Some(d) = &scale.description {
            for line in wrap(&clean(d), width) {
                writeln!(out, "  {line}")?;
            }
        }
        for level in &scale.levels {
            let text = clean(&format!(
                "{}: {}",
                maturity::scale_level_text(level),
                level.description
            ));
            for (i, line) in wrap(&text, width.saturating_sub(2)).iter().enumerate() {
                writeln!(out, "  {}{line}", if i == 0 { "" } else { "  " })?;
            }
        }
        let rows = maturity::rows(r);
        let own = rows.iter().any(|row| row.maturity.is_some_and(|m| m.own));
        let mut t = new_table(o);
        if own {
            t.set_header(vec!["Area", "Level", "What it looks like here"]);
            t.set_constraints(vec![
                ColumnConstraint::UpperBoundary(Width::Percentage(34)),
                ColumnConstraint::ContentWidth,
                ColumnConstraint::LowerBoundary(Width::Percentage(40)),
            ]);
        } else {
            t.set_header(vec!["Area", "Level"]);
        }
        for row in &rows {
            let Some(m) = row.maturity else { continue };
            let mut cells = vec![
                title(row),
                colored(cell(maturity::level_text(m)), level_color(row.score.level), o),
            ];
            if own {
                cells.push(cell(if m.own { m.description.as_str() } else { "" }));
            }
            t.add_row(cells);
        }
        writeln!(out, "{t}")?;
        writeln!(out)?;
    }
    let targets = maturity::target_rows(r);
    if !targets.is_empty() {
        writeln!(out, "{}", heading("Targets"))?;
        let mut t = new_table(o);
        t.set_header(vec!["Area", "Now", "Target", "Gap"]);
        for row in &targets {
            let Some(target) = row.target else { continue };
            let color = match target.met {
                Some(true) => Some(Color::Green),
                Some(false) => Some(Color::Red),
                None => None,
            };
            t.add_row(vec![
                title(row),
                cell(maturity::now_text(row)),
                cell(maturity::target_text(target)),
                colored(cell(maturity::gap_text(target)), color, o),
            ]);
        }
        writeln!(out, "{t}")?;
        writeln!(out)?;
    }
    Ok(())
}

/// Greedy word wrap for prose outside tables.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(20);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_ten_cells() {
        assert_eq!(bar(Some(0.0)), "░░░░░░░░░░");
        assert_eq!(bar(Some(100.0)), "██████████");
        assert_eq!(bar(Some(44.0)), "████░░░░░░");
        assert_eq!(bar(Some(45.0)), "█████░░░░░");
        assert_eq!(bar(None), "··········");
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mred\u{7}"), "a\\u{1b}[31mred\\u{7}");
        assert_eq!(clean("two\nlines"), "two\nlines");
    }

    #[test]
    fn wrap_keeps_words_whole() {
        let lines = wrap(
            "one two three four five six seven eight nine ten eleven twelve",
            20,
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "one two three four five six seven eight nine ten eleven twelve"
        );
    }
}
