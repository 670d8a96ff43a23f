//! The terminal report: a header, the verdict, score tables with bars, the
//! ranked roots with their consequences, the contributing macro causes,
//! probe-next, unexplained red areas and the unknowns.

use std::io::{self, Write};

use anstyle::{AnsiColor, Effects, Style};
use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use super::{Options, percent_text, score_text, words};
use crate::engine::{Level, Stage};
use crate::questionnaire::Severity;
use crate::report::{Area, Report, RootCause};

const BAR_WIDTH: usize = 10;

/// Replaces control characters (escape sequences included) so text from a
/// file cannot repaint the user's terminal.
fn cell(text: impl ToString) -> Cell {
    Cell::new(clean(&text.to_string()))
}

pub(super) fn clean(text: &str) -> String {
    if !text.contains(|c: char| c.is_control() && c != '\n') {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
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
    writeln!(out, "{}", scores_table(r, o))?;
    writeln!(out)?;

    writeln!(out, "{}", paint(bold, words::ROOTS_HEADING))?;
    let (primary, contributing): (Vec<&RootCause>, Vec<&RootCause>) =
        r.root_causes.iter().partition(|c| !c.contributing);
    if r.root_causes.is_empty() {
        writeln!(out, "  No rule fired: no root cause found.")?;
    } else if !primary.is_empty() {
        for line in wrap(words::ROOTS_NOTE, width) {
            writeln!(out, "  {line}")?;
        }
        writeln!(out, "{}", causes_table(&primary, r, o))?;
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
        writeln!(out, "{}", causes_table(&contributing, r, o))?;
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
        writeln!(out, "{}", probe_table(r, o))?;
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
        writeln!(out, "{t}")?;
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
        writeln!(out, "{}", unknowns_table(r, o))?;
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
        cell("Ecosystem (mean of the buckets)").add_attribute(Attribute::Bold),
        colored(cell(score_text(r.ecosystem.value)), color, o).set_alignment(CellAlignment::Right),
        colored(cell(bar(r.ecosystem.value)), color, o),
        colored(cell(r.ecosystem.level.map_or("unknown", Level::as_str)), color, o),
        cell(""),
    ]);
    area_rows(&mut t, &r.macro_group, r.macro_group.title.clone());
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
    t.set_header(vec!["#", "Root cause", "Impact", "Evidence", "First step"]);
    t.set_constraints(vec![
        ColumnConstraint::ContentWidth,
        ColumnConstraint::UpperBoundary(Width::Percentage(24)),
        ColumnConstraint::ContentWidth,
        ColumnConstraint::LowerBoundary(Width::Percentage(36)),
        ColumnConstraint::UpperBoundary(Width::Percentage(27)),
    ]);
    for root in roots {
        cause_row(&mut t, &root.rank.to_string(), root, r, o);
        for (i, c) in root.consequences.iter().enumerate() {
            cause_row(&mut t, &format!("{}.{}", root.rank, i + 1), c, r, o);
        }
    }
    t
}

fn cause_row(t: &mut Table, number: &str, c: &RootCause, r: &Report, o: &Options) {
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
    if let Some(links) = words::links(c, r) {
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

/// Greedy word wrap for prose outside tables.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(20);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
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
        assert_eq!(clean("a\u{1b}[31mred\u{7}"), "a\u{fffd}[31mred\u{fffd}");
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
