//! The score chart of the HTML report, as hand-written SVG: one horizontal bar
//! per bucket, the ecosystem and the macro group, coloured by level.

use std::fmt::Write;

use crate::engine::Level;
use crate::report::{Report, Score};

const WIDTH: u32 = 640;
const LABEL: u32 = 230;
const BAR: u32 = 340;
const ROW: u32 = 30;

/// Escapes text for an SVG (XML) document.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

pub fn level_color(level: Option<Level>) -> &'static str {
    match level {
        Some(Level::Red) => "#c0392b",
        Some(Level::Amber) => "#d68910",
        Some(Level::Green) => "#1e8449",
        None => "#95a5a6",
    }
}

/// The chart, as a standalone `<svg>` element.
pub fn score_chart(r: &Report) -> String {
    let mut rows: Vec<(&str, Score, bool)> = r
        .buckets
        .iter()
        .map(|b| (b.title.as_str(), b.score, false))
        .collect();
    rows.push((r.ecosystem_title.as_str(), r.ecosystem, true));
    if !r.macro_group.parts.is_empty() {
        rows.push((r.macro_group.title.as_str(), r.macro_group.score, true));
    }
    let height = ROW * rows.len() as u32 + 24;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-title"><title id="chart-title">Scores by {}, 0 to 100</title>"#,
        escape(&r.labels.bucket)
    );
    for (i, (title, score, strong)) in rows.iter().enumerate() {
        let y = 4 + ROW * i as u32;
        let weight = if *strong { "600" } else { "400" };
        let _ = write!(
            svg,
            r##"<text x="{tx}" y="{ty}" font-size="13" font-weight="{weight}" text-anchor="end" fill="#222">{title}</text><rect x="{LABEL}" y="{y}" width="{BAR}" height="20" fill="#eceff1" rx="3"/>"##,
            tx = LABEL - 10,
            ty = y + 15,
            title = escape(title)
        );
        match score.value {
            Some(value) => {
                let w = (f64::from(BAR) * value.clamp(0.0, 100.0) / 100.0).round() as u32;
                let _ = write!(
                    svg,
                    r##"<rect x="{LABEL}" y="{y}" width="{w}" height="20" fill="{color}" rx="3"/><text x="{vx}" y="{ty}" font-size="13" fill="#222">{value:.0}</text>"##,
                    color = level_color(score.level),
                    vx = LABEL + BAR + 8,
                    ty = y + 15
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r##"<text x="{vx}" y="{ty}" font-size="13" fill="#777">unknown</text>"##,
                    vx = LABEL + BAR + 8,
                    ty = y + 15
                );
            }
        }
    }
    // Threshold lines at the red and green marks, over the bars.
    for (at, label) in [(50u32, "50"), (75, "75")] {
        let x = LABEL + BAR * at / 100;
        let _ = write!(
            svg,
            r##"<line x1="{x}" y1="4" x2="{x}" y2="{y2}" stroke="#bbb" stroke-dasharray="3 3"/><text x="{x}" y="{ty}" font-size="10" text-anchor="middle" fill="#777">{label}</text>"##,
            y2 = height - 16,
            ty = height - 4
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(escape("bell\u{7}"), "bell\u{fffd}");
    }
}
