//! One snapshot per format, from a fixed report whose strings need escaping.

use ecodiag::render::{self, Format, Options};
use ecodiag::report;

use crate::support::{answers_for, fixture, mini};

fn rendered(format: Format) -> String {
    let q = mini();
    let text = std::fs::read_to_string(fixture("render/tricky.yaml")).expect("fixture");
    let a = answers_for(&q, "tricky.yaml", &text);
    let r = report::build(&q, &a);
    let mut out = Vec::new();
    render::render(
        &r,
        format,
        &Options {
            color: false,
            width: 100,
            keep_words: true,
        },
        &mut out,
    )
    .expect("renders");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn table() {
    insta::assert_snapshot!(rendered(Format::Table));
}

#[test]
fn markdown() {
    let md = rendered(Format::Markdown);
    assert!(!md.contains("<script>"), "raw HTML must be escaped");
    insta::assert_snapshot!(md);
}

#[test]
fn json() {
    let json = rendered(Format::Json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(
        value["client"],
        "Müller | Söhne <script>alert('x')</script> & *Partners*"
    );
    assert_eq!(value["schema_version"], 2);
    insta::assert_snapshot!(json);
}

#[test]
fn html() {
    let html = rendered(Format::Html);
    assert!(!html.contains("<script>"), "client text must be escaped");
    assert!(
        html.contains("Müller | Söhne &#60;script&#62;"),
        "escaped, not dropped"
    );
    insta::assert_snapshot!(html);
}

#[test]
fn html_chart_is_well_formed_svg() {
    let html = rendered(Format::Html);
    let start = html.find("<svg").expect("chart present");
    let end = html.find("</svg>").expect("chart closed") + "</svg>".len();
    let svg = &html[start..end];
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let bars = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
    // A track and a bar per scored row: two buckets, the ecosystem, the macro group.
    assert_eq!(bars, 8);
}

#[test]
fn colour_only_when_asked() {
    let q = mini();
    let text = std::fs::read_to_string(fixture("render/tricky.yaml")).expect("fixture");
    let r = report::build(&q, &answers_for(&q, "tricky.yaml", &text));
    let mut plain = Vec::new();
    render::render(
        &r,
        Format::Table,
        &Options {
            color: false,
            width: 100,
            keep_words: true,
        },
        &mut plain,
    )
    .expect("renders");
    let mut colored = Vec::new();
    render::render(
        &r,
        Format::Table,
        &Options {
            color: true,
            width: 100,
            keep_words: true,
        },
        &mut colored,
    )
    .expect("renders");
    assert!(!plain.contains(&0x1b), "no escape codes without colour");
    assert!(colored.contains(&0x1b), "escape codes with colour");
}

#[test]
fn same_input_same_bytes() {
    for format in [Format::Table, Format::Markdown, Format::Json, Format::Html] {
        assert_eq!(rendered(format), rendered(format));
    }
}
