//! The report as a self-contained HTML page (no JavaScript, no external
//! files) for handing to a client or printing. Every string from a file is
//! escaped by the template engine; the chart is built and escaped in `svg`.

use std::io::{self, Write};

use askama::Template;

use super::{percent_text, score_text, svg};
use crate::report::{Area, Report, Score};

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    r: &'a Report,
    chart: String,
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

    fn impact(&self, x: &f64) -> String {
        format!("{x:.1}")
    }

    fn level(&self, score: &Score) -> &'static str {
        score.level.map_or("unknown", |l| l.as_str())
    }
}

pub fn render(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let page = Page {
        r,
        chart: svg::score_chart(r),
    };
    let html = page.render().map_err(io::Error::other)?;
    out.write_all(html.as_bytes())?;
    if !html.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}
