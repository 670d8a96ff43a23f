//! The report as Markdown, for a client document, a pull request or a CI job
//! summary. Every string from a file is escaped so it cannot break the layout.

use std::io::{self, Write};

use super::maturity::{self, Row};
use super::{percent_text, score_text, words};
use crate::engine::Level;
use crate::report::{Area, Report, RootCause};

/// Escapes Markdown syntax and raw HTML in running text.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {} — {}", text(&r.assessment.title), text(&r.client))?;
    writeln!(out)?;
    let mut meta = vec![format!(
        "**Assessment:** `{}` {}",
        r.assessment.id,
        text(&r.assessment.version)
    )];
    for who in &r.respondents {
        let name = who.name.as_deref().map(text);
        match (name, &who.role) {
            (Some(n), Some(role)) => meta.push(format!("**Respondent:** {n} ({role})")),
            (Some(n), None) => meta.push(format!("**Respondent:** {n}")),
            (None, Some(role)) => meta.push(format!("**Respondent:** {role}")),
            (None, None) => {}
        }
    }
    if let Some(date) = &r.date {
        meta.push(format!("**Date:** {date}"));
    }
    meta.push(format!("**Confidence:** {}", text(&words::confidence(r))));
    writeln!(out, "{}", meta.join(" · "))?;
    writeln!(out)?;
    let provisional = if r.verdict.provisional {
        " (provisional)"
    } else {
        ""
    };
    writeln!(out, "## Verdict{provisional}: {}", text(&r.verdict.headline))?;
    writeln!(out)?;
    writeln!(out, "{}", text(&r.verdict.text))?;
    writeln!(out)?;

    writeln!(out, "## Scores")?;
    writeln!(out)?;
    writeln!(out, "| Area | Score | Level | Answered |")?;
    writeln!(out, "|---|---:|---|---:|")?;
    for area in &r.buckets {
        area_rows(out, area)?;
    }
    writeln!(
        out,
        "| **{}** | **{}** | {} | |",
        text(&r.ecosystem_title),
        score_text(r.ecosystem.value),
        r.ecosystem.level.map_or("unknown", Level::as_str)
    )?;
    if !r.macro_group.parts.is_empty() {
        area_rows(out, &r.macro_group)?;
    }
    writeln!(out)?;
    maturity_section(r, out)?;

    writeln!(out, "## {}", text(&r.labels.causes_heading()))?;
    writeln!(out)?;
    let (primary, contributing): (Vec<&RootCause>, Vec<&RootCause>) =
        r.root_causes.iter().partition(|c| !c.contributing);
    if r.root_causes.is_empty() {
        writeln!(out, "{}", text(&r.labels.no_causes()))?;
        writeln!(out)?;
    } else if !primary.is_empty() {
        writeln!(out, "{}", words::ROOTS_NOTE)?;
        writeln!(out)?;
    }
    for c in &primary {
        root(out, c)?;
    }
    if !contributing.is_empty() {
        writeln!(out, "## {}", words::MACRO_HEADING)?;
        writeln!(out)?;
        writeln!(out, "{}", words::MACRO_NOTE)?;
        writeln!(out)?;
        for c in &contributing {
            root(out, c)?;
        }
    }

    writeln!(out, "## {}", words::PROBE_HEADING)?;
    writeln!(out)?;
    if let Some(empty) = words::probe_empty(r) {
        writeln!(out, "{empty}")?;
    } else {
        writeln!(out, "{}", words::PROBE_NOTE)?;
        writeln!(out)?;
        for p in r.probe_next.iter().flatten() {
            let key = if p.key { " · key metric" } else { "" };
            writeln!(out, "- **{}** (`{}`{key})", text(&p.text), p.question)?;
            for c in &p.could_change {
                writeln!(out, "  - {}", text(&words::probe_change(c)))?;
            }
        }
    }
    writeln!(out)?;

    if !r.unexplained.is_empty() {
        writeln!(out, "## {} ({})", words::UNEXPLAINED_HEADING, r.unexplained.len())?;
        writeln!(out)?;
        writeln!(out, "{}", words::UNEXPLAINED_NOTE)?;
        writeln!(out)?;
        for u in &r.unexplained {
            writeln!(
                out,
                "- {} › {} (`{}`): {:.0}/100",
                text(&u.area_title),
                text(&u.element_title),
                u.element_id,
                u.score
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Unknowns ({})", r.unknowns.len())?;
    writeln!(out)?;
    if r.unknowns.is_empty() {
        writeln!(out, "None: every question that applies was answered.")?;
    } else {
        writeln!(out, "| Question | Area | |")?;
        writeln!(out, "|---|---|---|")?;
        for u in &r.unknowns {
            writeln!(
                out,
                "| {} (`{}`) | {} › {} | {} |",
                text(&u.text),
                u.question,
                text(&u.area_title),
                text(&u.element_title),
                if u.said_unknown {
                    "don't know"
                } else {
                    "not answered"
                }
            )?;
        }
    }
    Ok(())
}

/// A root, then the consequences listed under it.
fn root(out: &mut dyn Write, c: &RootCause) -> io::Result<()> {
    cause(out, "###", &format!("{}.", c.rank), c)?;
    if let Some(flip) = words::flip(c) {
        writeln!(out, "**{}**", text(&flip))?;
        writeln!(out)?;
    }
    for (i, x) in c.consequences.iter().enumerate() {
        cause(out, "####", &format!("{}.{} ↳", c.rank, i + 1), x)?;
    }
    Ok(())
}

fn cause(out: &mut dyn Write, level: &str, number: &str, c: &RootCause) -> io::Result<()> {
    writeln!(out, "{level} {number} {}", text(&c.title))?;
    writeln!(out)?;
    let area = match &c.element_title {
        Some(e) => format!("{} › {}", text(&c.area_title), text(e)),
        None => text(&c.area_title),
    };
    let contributing = if c.contributing { " · contributing" } else { "" };
    writeln!(
        out,
        "*{area}* · impact **{:.1}** · severity **{}**{contributing} · confidence {} · `{}`",
        c.impact,
        c.severity.as_str(),
        percent_text(c.confidence),
        c.id
    )?;
    writeln!(out)?;
    if let Some(links) = words::links(c) {
        writeln!(out, "*{}*", text(&links))?;
        writeln!(out)?;
    }
    writeln!(out, "{}", text(&c.summary))?;
    writeln!(out)?;
    writeln!(
        out,
        "**Why this is not the reps' fault:** {}",
        text(&c.not_the_reps)
    )?;
    writeln!(out)?;
    writeln!(out, "**Evidence**")?;
    writeln!(out)?;
    for e in &c.evidence {
        writeln!(
            out,
            "- {} *(rule `{}`, {})*",
            text(&e.text),
            e.rule,
            e.severity.as_str()
        )?;
        for a in &e.answers {
            if let Some(note) = &a.note {
                writeln!(out, "  - Note on `{}`: {}", a.question, text(note))?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "**What to do, first step first**")?;
    writeln!(out)?;
    for (i, step) in c.remediation.iter().enumerate() {
        writeln!(out, "{}. {}", i + 1, text(&words::step(step)))?;
    }
    writeln!(out)?;
    Ok(())
}

/// Each area's maturity level and what it looks like there, then each
/// target with the gap to it; nothing when there is neither.
fn maturity_section(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let title = |row: &Row<'_>| {
        if row.heading {
            format!("**{}**", text(row.title))
        } else {
            format!("&nbsp;&nbsp;{}", text(row.title))
        }
    };
    if let Some(scale) = &r.maturity {
        writeln!(out, "## Maturity")?;
        writeln!(out)?;
        if let Some(d) = &scale.description {
            writeln!(out, "{}", text(d))?;
            writeln!(out)?;
        }
        for level in &scale.levels {
            writeln!(
                out,
                "- **{}**: {}",
                text(&maturity::scale_level_text(level)),
                text(&level.description)
            )?;
        }
        writeln!(out)?;
        let rows = maturity::rows(r);
        let own = rows.iter().any(|row| row.maturity.is_some_and(|m| m.own));
        if own {
            writeln!(out, "| Area | Level | What it looks like here |")?;
            writeln!(out, "|---|---|---|")?;
        } else {
            writeln!(out, "| Area | Level |")?;
            writeln!(out, "|---|---|")?;
        }
        for row in &rows {
            let Some(m) = row.maturity else { continue };
            let level = text(&maturity::level_text(m));
            if own {
                let here = if m.own {
                    text(&m.description)
                } else {
                    String::new()
                };
                writeln!(out, "| {} | {level} | {here} |", title(row))?;
            } else {
                writeln!(out, "| {} | {level} |", title(row))?;
            }
        }
        writeln!(out)?;
    }
    let targets = maturity::target_rows(r);
    if !targets.is_empty() {
        writeln!(out, "## Targets")?;
        writeln!(out)?;
        writeln!(out, "| Area | Now | Target | Gap |")?;
        writeln!(out, "|---|---|---|---|")?;
        for row in &targets {
            let Some(t) = row.target else { continue };
            let gap = maturity::gap_text(t);
            let gap = if t.met == Some(false) {
                format!("**{}**", text(&gap))
            } else {
                text(&gap)
            };
            writeln!(
                out,
                "| {} | {} | {} | {gap} |",
                title(row),
                text(&maturity::now_text(row)),
                text(&maturity::target_text(t))
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn area_rows(out: &mut dyn Write, area: &Area) -> io::Result<()> {
    writeln!(
        out,
        "| **{}** | **{}** | {} | {} |",
        text(&area.title),
        score_text(area.score.value),
        area.score.level.map_or("unknown", Level::as_str),
        percent_text(area.confidence)
    )?;
    for part in &area.parts {
        writeln!(
            out,
            "| &nbsp;&nbsp;{} | {} | {} | {} |",
            text(&part.title),
            score_text(part.score.value),
            part.score.level.map_or("unknown", Level::as_str),
            percent_text(part.confidence)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(text("A|B"), "A\\|B");
        assert_eq!(text("<script>"), "&lt;script&gt;");
        assert_eq!(text("*x* _y_"), "\\*x\\* \\_y\\_");
        assert_eq!(text("Müller & Söhne"), "Müller &amp; Söhne");
        assert_eq!(text("two\nlines"), "two lines");
    }
}
