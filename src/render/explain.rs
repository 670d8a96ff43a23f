//! `ecodiag explain` in each format: the causes asked about, each rule's
//! condition with the value of every part and the answer it read, and the
//! nearest misses. The JSON form is versioned like the report
//! (docs/json-report.md, "ecodiag explain").

use std::io::{self, Write};

use serde::Serialize;

use super::json::{JsonChange, change};
use super::markdown::text as md;
use crate::report::explain::{CauseExplanation, ExplainNode, Explanation, NearMiss, truth_str};

/// Bumped on any change a consumer of `explain --format json` could notice.
pub const EXPLAIN_SCHEMA_VERSION: u32 = 1;

fn mark(truth: crate::engine::Truth) -> &'static str {
    match truth {
        crate::engine::Truth::True => "[true]   ",
        crate::engine::Truth::False => "[false]  ",
        crate::engine::Truth::Unknown => "[unknown]",
    }
}

fn finding_line(c: &CauseExplanation) -> String {
    match &c.finding {
        Some(f) => {
            let place = match &f.nested_under {
                Some(root) => format!("listed under #{} `{root}` as its consequence", f.rank),
                None => format!("root #{}", f.rank),
            };
            format!("found: {place}, impact {:.1}, {}", f.impact, f.severity.as_str())
        }
        None => "not found".to_owned(),
    }
}

fn miss_text(m: &NearMiss) -> String {
    let changes: Vec<String> = m
        .changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.question, c.from, c.to))
        .collect();
    format!(
        "{} {} would fire {}: {}",
        m.changes.len(),
        if m.changes.len() == 1 { "change" } else { "changes" },
        m.rule,
        changes.join("; ")
    )
}

// ── Text ─────────────────────────────────────────────────────────────────

pub fn text(e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Explain — {} ({})",
        super::table::clean(&e.client),
        e.assessment
    )?;
    if e.causes.is_empty() {
        writeln!(out)?;
        writeln!(out, "No root cause was found.")?;
    }
    for c in &e.causes {
        writeln!(out)?;
        writeln!(
            out,
            "{} (`{}`): {}",
            super::table::clean(&c.title),
            c.id,
            finding_line(c)
        )?;
        if let Some(why) = &c.why_not {
            writeln!(out, "  {why}")?;
        }
        for r in &c.rules {
            let strength = r.strength.map_or(String::new(), |s| format!(", strength {s:.2}"));
            writeln!(
                out,
                "  rule {} ({}): {}{strength}",
                r.id,
                r.severity.as_str(),
                truth_str(r.truth)
            )?;
            node_text(out, &r.condition, 2)?;
        }
        if let Some(m) = &c.nearest_miss {
            writeln!(out, "  Nearest miss: {}", super::table::clean(&miss_text(m)))?;
        }
    }
    if !e.nearest_misses.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Nearest misses (causes not found, fewest answer changes first)"
        )?;
        for m in &e.nearest_misses {
            writeln!(
                out,
                "  {} (`{}`): {}",
                super::table::clean(&m.title),
                m.cause,
                super::table::clean(&miss_text(m))
            )?;
        }
    }
    Ok(())
}

fn node_text(out: &mut dyn Write, n: &ExplainNode, depth: usize) -> io::Result<()> {
    let indent = "  ".repeat(depth);
    let read = match &n.read {
        Some(r) => format!("  ← {r}"),
        None => String::new(),
    };
    writeln!(
        out,
        "{indent}{} {}{}",
        mark(n.truth),
        super::table::clean(&n.label),
        super::table::clean(&read)
    )?;
    for c in &n.children {
        node_text(out, c, depth + 1)?;
    }
    Ok(())
}

// ── Markdown ─────────────────────────────────────────────────────────────

pub fn markdown(e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Explain — {} (`{}`)", md(&e.client), e.assessment)?;
    writeln!(out)?;
    if e.causes.is_empty() {
        writeln!(out, "No root cause was found.")?;
        writeln!(out)?;
    }
    for c in &e.causes {
        writeln!(out, "## {} (`{}`)", md(&c.title), c.id)?;
        writeln!(out)?;
        writeln!(out, "{}", md(&finding_line(c)))?;
        writeln!(out)?;
        if let Some(why) = &c.why_not {
            writeln!(out, "{}", md(why))?;
            writeln!(out)?;
        }
        for r in &c.rules {
            let strength = r.strength.map_or(String::new(), |s| format!(", strength {s:.2}"));
            writeln!(
                out,
                "### Rule `{}` ({}): **{}**{strength}",
                r.id,
                r.severity.as_str(),
                truth_str(r.truth)
            )?;
            writeln!(out)?;
            node_markdown(out, &r.condition, 0)?;
            writeln!(out)?;
        }
        if let Some(m) = &c.nearest_miss {
            writeln!(out, "**Nearest miss:** {}", md(&miss_text(m)))?;
            writeln!(out)?;
        }
    }
    if !e.nearest_misses.is_empty() {
        writeln!(out, "## Nearest misses")?;
        writeln!(out)?;
        for m in &e.nearest_misses {
            writeln!(
                out,
                "- **{}** (`{}`): {}",
                md(&m.title),
                m.cause,
                md(&miss_text(m))
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn node_markdown(out: &mut dyn Write, n: &ExplainNode, depth: usize) -> io::Result<()> {
    let read = match &n.read {
        Some(r) => format!(" — read: {}", md(r)),
        None => String::new(),
    };
    writeln!(
        out,
        "{}- **{}** {}{read}",
        "  ".repeat(depth),
        truth_str(n.truth),
        // Tests name ids in code spans; everything else stays escaped.
        md(&n.label).replace("\\`", "`")
    )?;
    for c in &n.children {
        node_markdown(out, c, depth + 1)?;
    }
    Ok(())
}

// ── JSON ─────────────────────────────────────────────────────────────────

#[derive(Serialize)]
struct JsonExplanation<'a> {
    schema_version: u32,
    assessment: &'a str,
    client: &'a str,
    causes: Vec<JsonCause<'a>>,
    nearest_misses: Vec<JsonMiss<'a>>,
}

#[derive(Serialize)]
struct JsonCause<'a> {
    id: &'a str,
    title: &'a str,
    found: bool,
    rank: Option<usize>,
    impact: Option<f64>,
    severity: Option<&'static str>,
    nested_under: Option<&'a str>,
    why_not: Option<&'a str>,
    rules: Vec<JsonRule<'a>>,
    nearest_miss: Option<JsonMiss<'a>>,
}

#[derive(Serialize)]
struct JsonRule<'a> {
    id: &'a str,
    severity: &'static str,
    value: &'static str,
    strength: Option<f64>,
    condition: JsonNode<'a>,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    test: &'a str,
    value: &'static str,
    question: Option<&'a str>,
    read: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<JsonNode<'a>>,
}

#[derive(Serialize)]
struct JsonMiss<'a> {
    cause: &'a str,
    rule: &'a str,
    changes: Vec<JsonChange<'a>>,
}

fn node(n: &ExplainNode) -> JsonNode<'_> {
    JsonNode {
        test: &n.label,
        value: truth_str(n.truth),
        question: n.question.as_deref(),
        read: n.read.as_deref(),
        parts: n.children.iter().map(node).collect(),
    }
}

fn miss(m: &NearMiss) -> JsonMiss<'_> {
    JsonMiss {
        cause: &m.cause,
        rule: &m.rule,
        changes: m.changes.iter().map(change).collect(),
    }
}

pub fn json(e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    let doc = JsonExplanation {
        schema_version: EXPLAIN_SCHEMA_VERSION,
        assessment: &e.assessment,
        client: &e.client,
        causes: e
            .causes
            .iter()
            .map(|c| JsonCause {
                id: &c.id,
                title: &c.title,
                found: c.finding.is_some(),
                rank: c.finding.as_ref().map(|f| f.rank),
                impact: c.finding.as_ref().map(|f| f.impact),
                severity: c.finding.as_ref().map(|f| f.severity.as_str()),
                nested_under: c.finding.as_ref().and_then(|f| f.nested_under.as_deref()),
                why_not: c.why_not.as_deref(),
                rules: c
                    .rules
                    .iter()
                    .map(|r| JsonRule {
                        id: &r.id,
                        severity: r.severity.as_str(),
                        value: truth_str(r.truth),
                        strength: r.strength,
                        condition: node(&r.condition),
                    })
                    .collect(),
                nearest_miss: c.nearest_miss.as_ref().map(miss),
            })
            .collect(),
        nearest_misses: e.nearest_misses.iter().map(miss).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}
