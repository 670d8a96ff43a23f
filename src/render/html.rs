//! The report as a self-contained HTML page (no JavaScript, no external
//! files) for handing to a client or printing. Every string from a file is
//! escaped by the template engine; the chart is built and escaped in `svg`.

use std::io::{self, Write};

use askama::Template;

use super::maturity;
use super::{percent_text, score_text, svg, words};
use crate::report::{Area, ProbeChange, Report, RootCause, Score, Step};

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    r: &'a Report,
    chart: String,
    /// The levels of the maturity scale: `L2 Informal (from 25)` and what it looks like.
    scale_levels: Vec<(String, String)>,
    maturity_rows: Vec<MaturityRow>,
    /// Some area describes its levels in its own words.
    own_words: bool,
    target_rows: Vec<TargetRow>,
}

/// An area's maturity, as the page shows it.
struct MaturityRow {
    title: String,
    heading: bool,
    level: String,
    description: String,
}

/// An area's target and the gap to it, as the page shows it.
struct TargetRow {
    title: String,
    heading: bool,
    now: String,
    target: String,
    gap: String,
    /// `met`, `short` or `unknown`, for the gap's colour.
    state: &'static str,
}

impl Page<'_> {
    /// The buckets, then the macro group when the assessment has culprits.
    fn areas(&self) -> Vec<&Area> {
        let mut areas: Vec<&Area> = self.r.buckets.iter().collect();
        if !self.r.macro_group.parts.is_empty() {
            areas.push(&self.r.macro_group);
        }
        areas
    }

    fn score(&self, value: &Option<f64>) -> String {
        score_text(*value)
    }

    fn percent(&self, x: &f64) -> String {
        percent_text(*x)
    }

    fn whole(&self, x: &f64) -> String {
        format!("{x:.0}")
    }

    fn impact(&self, x: &f64) -> String {
        format!("{x:.1}")
    }

    fn level(&self, score: &Score) -> &'static str {
        score.level.map_or("unknown", |l| l.as_str())
    }

    fn confidence(&self) -> String {
        words::confidence(self.r)
    }

    /// "1." for a root, "1.2" for its second consequence.
    fn number(&self, rank: &usize, nested: usize) -> String {
        if nested == 0 {
            format!("{rank}.")
        } else {
            format!("{rank}.{nested}")
        }
    }

    fn links(&self, c: &RootCause) -> Option<String> {
        words::links(c)
    }

    fn flip(&self, c: &RootCause) -> Option<String> {
        words::flip(c)
    }

    fn step(&self, s: &Step) -> String {
        words::step(s)
    }

    fn probe_change(&self, c: &ProbeChange) -> String {
        words::probe_change(c)
    }

    fn has_primary(&self) -> bool {
        self.r.root_causes.iter().any(|c| !c.contributing)
    }

    fn has_contributing(&self) -> bool {
        self.r.root_causes.iter().any(|c| c.contributing)
    }

    fn roots_note(&self) -> &'static str {
        words::ROOTS_NOTE
    }

    fn macro_heading(&self) -> &'static str {
        words::MACRO_HEADING
    }

    fn macro_note(&self) -> &'static str {
        words::MACRO_NOTE
    }

    fn probe_heading(&self) -> &'static str {
        words::PROBE_HEADING
    }

    fn probe_note(&self) -> &'static str {
        words::PROBE_NOTE
    }

    fn probe_empty(&self) -> Option<&'static str> {
        words::probe_empty(self.r)
    }

    fn probes(&self) -> &[crate::report::ProbeView] {
        self.r.probe_next.as_deref().unwrap_or_default()
    }

    fn unexplained_heading(&self) -> &'static str {
        words::UNEXPLAINED_HEADING
    }

    fn unexplained_note(&self) -> &'static str {
        words::UNEXPLAINED_NOTE
    }
}

pub fn render(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let page = Page {
        r,
        chart: svg::score_chart(r),
        scale_levels: r
            .maturity
            .iter()
            .flat_map(|s| &s.levels)
            .map(|l| (maturity::scale_level_text(l), l.description.clone()))
            .collect(),
        own_words: maturity::rows(r)
            .iter()
            .any(|row| row.maturity.is_some_and(|m| m.own)),
        maturity_rows: maturity::rows(r)
            .iter()
            .filter_map(|row| {
                let m = row.maturity?;
                Some(MaturityRow {
                    title: row.title.to_owned(),
                    heading: row.heading,
                    level: maturity::level_text(m),
                    description: if m.own {
                        m.description.clone()
                    } else {
                        String::new()
                    },
                })
            })
            .collect(),
        target_rows: maturity::target_rows(r)
            .iter()
            .filter_map(|row| {
                let t = row.target?;
                Some(TargetRow {
                    title: row.title.to_owned(),
                    heading: row.heading,
                    now: maturity::now_text(row),
                    target: maturity::target_text(t),
                    gap: maturity::gap_text(t),
                    state: match t.met {
                        Some(true) => "met",
                        Some(false) => "short",
                        None => "unknown",
                    },
                })
            })
            .collect(),
    };
    let html = page.render().map_err(io::Error::other)?;
    out.write_all(html.as_bytes())?;
    if !html.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}
