//! Every number a report holds is finite, for any questionnaire that loads:
//! weights, band limits, scale ranges, option points and answers are pushed
//! to the edges of what `questionnaire::bounds` allows, and the report must
//! still satisfy its JSON Schema (where a NaN would be `null`) and never
//! print `NaN` or `inf`.

use ecodiag::answers;
use ecodiag::diagnostic::SourceFile;
use ecodiag::engine;
use ecodiag::questionnaire::bounds::{
    MAX_MAGNITUDE, MAX_MULTI_POINTS, MAX_SCALE_POINT, MAX_WEIGHT, MIN_SCALE_POINT, MIN_WEIGHT,
};
use ecodiag::questionnaire::{self};
use ecodiag::render::{self, Format};
use ecodiag::report;
use ecodiag::schema::{self, Subject};
use ecodiag::yaml::Limits;
use proptest::prelude::*;

/// A weight at an edge, or anywhere between.
fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![Just(MIN_WEIGHT), Just(MAX_WEIGHT), MIN_WEIGHT..=MAX_WEIGHT]
}

/// A number at an edge of what may be written, or anywhere between.
fn magnitude() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(-MAX_MAGNITUDE),
        Just(MAX_MAGNITUDE),
        Just(0.0),
        -MAX_MAGNITUDE..=MAX_MAGNITUDE
    ]
}

#[derive(Debug, Clone)]
struct Shape {
    weights: [f64; 6],
    /// Two band limits of the number question, in any order.
    limits: (f64, f64),
    /// The lowest point and the number of points of the scale.
    scale: (i64, usize),
    base: f64,
    points: [f64; 3],
    choice: [f64; 2],
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::array::uniform6(weight()),
        (magnitude(), magnitude()),
        prop_oneof![
            Just((MIN_SCALE_POINT, (MAX_SCALE_POINT - MIN_SCALE_POINT + 1) as usize)),
            (MIN_SCALE_POINT..=MAX_SCALE_POINT - 1, 2usize..=7),
        ],
        -MAX_MULTI_POINTS..=MAX_MULTI_POINTS,
        prop::array::uniform3(-MAX_MULTI_POINTS..=MAX_MULTI_POINTS),
        prop::array::uniform2(0.0..=100.0f64),
    )
        .prop_map(|(weights, limits, scale, base, points, choice)| Shape {
            weights,
            limits,
            scale: (
                scale.0,
                scale.1.min((MAX_SCALE_POINT - scale.0 + 1) as usize).max(2),
            ),
            base,
            points,
            choice,
        })
}

/// A questionnaire with one question of each type, its numbers from `s`.
fn questionnaire_text(s: &Shape) -> String {
    let (lo, hi) = if s.limits.0 <= s.limits.1 {
        s.limits
    } else {
        (s.limits.1, s.limits.0)
    };
    // Two distinct limits make three bands; equal ones, two.
    let bands = if lo < hi {
        format!(
            "      - {{ below: {lo:e}, score: 0 }}\n      - {{ at_least: {lo:e}, below: {hi:e}, score: 50 }}\n      - {{ at_least: {hi:e}, score: 100 }}\n"
        )
    } else {
        format!("      - {{ below: {lo:e}, score: 0 }}\n      - {{ at_least: {lo:e}, score: 100 }}\n")
    };
    let (first, count) = s.scale;
    let scale: String = (0..count)
        .map(|i| format!("      {}: Point {i}\n", first + i as i64))
        .collect();
    let w = s.weights.map(|w| format!("{w:e}"));
    format!(
        r#"id: edges
version: "1.0.0"
title: Edges
buckets:
  - id: process
    title: Process
    elements:
      - {{ id: stages, title: Stages }}
  - id: tools
    title: Tools
    elements:
      - {{ id: crm, title: CRM }}
macro:
  culprits:
    - {{ id: culture, title: Culture }}
questions:
  - id: maturity
    element: stages
    type: choice
    weight: {w0}
    text: Maturity?
    options:
      - {{ id: low, label: Low, score: {c0} }}
      - {{ id: high, label: High, score: {c1} }}
  - id: written
    element: stages
    type: yes-no
    weight: {w1}
    text: Written?
  - id: kit
    element: stages
    type: multi
    weight: {w2}
    base: {base}
    text: Kit?
    options:
      - {{ id: a, label: A, score: {p0} }}
      - {{ id: b, label: B, score: {p1} }}
      - {{ id: none, label: None, score: {p2}, exclusive: true }}
  - id: volume
    element: crm
    type: number
    weight: {w3}
    min: {min:e}
    max: {max:e}
    text: Volume?
    bands:
{bands}  - id: adoption
    element: crm
    type: percent
    weight: {w4}
    text: Adoption?
    bands:
      - {{ below: 50, score: 0 }}
      - {{ at_least: 50, score: 100 }}
  - id: trust
    element: culture
    type: scale
    weight: {w5}
    text: Trust?
    scale:
{scale}causes:
  - id: weak
    title: Weak
    bucket: process
    summary: s
    not_the_reps: n
    remediation: [r]
  - id: distrust
    title: Distrust
    bucket: macro
    summary: s
    not_the_reps: n
    remediation: [r]
rules:
  - {{ id: weak.volume, cause: weak, severity: high, when: {{ question: volume, below: 1 }}, evidence: "{{volume}}" }}
  - {{ id: weak.score, cause: weak, severity: medium, when: {{ bucket: process, below: 75 }}, evidence: e }}
  - {{ id: distrust.low, cause: distrust, severity: low, when: {{ question: trust, equals: {first} }}, evidence: "{{trust}}" }}
"#,
        w0 = w[0],
        w1 = w[1],
        w2 = w[2],
        w3 = w[3],
        w4 = w[4],
        w5 = w[5],
        c0 = s.choice[0],
        c1 = s.choice[1],
        base = s.base,
        p0 = s.points[0],
        p1 = s.points[1],
        p2 = s.points[2],
        min = -MAX_MAGNITUDE,
        max = MAX_MAGNITUDE,
    )
}

#[derive(Debug, Clone)]
struct Given {
    volume: Option<f64>,
    adoption: Option<f64>,
    trust: Option<usize>,
    choice: Option<bool>,
    written: Option<bool>,
    kit: Option<u8>,
}

fn given() -> impl Strategy<Value = Given> {
    (
        prop::option::of(magnitude()),
        prop::option::of(prop_oneof![Just(0.0), Just(100.0), 0.0..=100.0f64]),
        prop::option::of(0usize..300),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(0u8..4),
    )
        .prop_map(|(volume, adoption, trust, choice, written, kit)| Given {
            volume,
            adoption,
            trust,
            choice,
            written,
            kit,
        })
}

fn answers_text(s: &Shape, g: &Given) -> String {
    let or_unknown = |v: Option<String>| v.unwrap_or_else(|| "unknown".to_owned());
    let (first, count) = s.scale;
    format!(
        "assessment: edges\nclient: Edge Co\nanswers:\n  maturity: {}\n  written: {}\n  kit: {}\n  volume: {}\n  adoption: {}\n  trust: {}\n",
        or_unknown(g.choice.map(|c| if c { "high" } else { "low" }.to_owned())),
        or_unknown(g.written.map(|w| if w { "yes" } else { "no" }.to_owned())),
        or_unknown(
            g.kit
                .map(|k| ["[]", "[a]", "[a, b]", "[none]"][usize::from(k)].to_owned())
        ),
        or_unknown(g.volume.map(|v| format!("{v:e}"))),
        or_unknown(g.adoption.map(|a| a.to_string())),
        or_unknown(g.trust.map(|t| (first + (t % count) as i64).to_string())),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_number_in_a_report_is_finite(s in shape(), g in given()) {
        let text = questionnaire_text(&s);
        let loaded = match questionnaire::from_source(SourceFile::new("edges.yaml", text.clone()), &Limits::DEFAULT) {
            Ok(loaded) => loaded,
            Err(err) => {
                return Err(TestCaseError::fail(format!(
                    "a questionnaire within the bounds does not load:\n{}\n{text}",
                    ecodiag::error::render_error(&err, false)
                )));
            }
        };
        let q = &loaded.questionnaire;
        let answers_source = SourceFile::new("answers.yaml", answers_text(&s, &g));
        let parsed = answers::parse(answers_source, &Limits::DEFAULT).expect("answers parse");
        let (given, _) = answers::check(&parsed, q)
            .map_err(|e| TestCaseError::fail(ecodiag::error::render_error(&e, false)))?;

        let eval = engine::evaluate(q, &given);
        let areas = eval.elements.iter().chain(&eval.groups).chain(std::iter::once(&eval.ecosystem));
        for agg in areas {
            prop_assert!(agg.score.is_none_or(|x| (0.0..=100.0).contains(&x)), "{agg:?}");
            prop_assert!((0.0..=1.0).contains(&agg.confidence()), "{agg:?}");
            prop_assert!(agg.answered_weight.is_finite() && agg.applicable_weight.is_finite());
        }
        prop_assert!((0.0..=1.0).contains(&eval.confidence));
        let diagnosis = engine::diagnose(q, &eval);
        for f in &diagnosis.findings {
            prop_assert!((0.0..=100.0).contains(&f.impact), "{f:?}");
        }

        let report = report::build(q, &given);
        let mut json = Vec::new();
        render::render(&report, Format::Json, &Default::default(), &mut json).expect("renders");
        let value: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
        let schema: serde_json::Value = serde_json::from_str(&schema::generate(Subject::Report)).expect("schema");
        let validator = jsonschema::validator_for(&schema).expect("valid schema");
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| format!("{}: {e}", e.instance_path())).collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{value}");
        for format in [Format::Table, Format::Markdown, Format::Html] {
            let mut out = Vec::new();
            render::render(&report, format, &Default::default(), &mut out).expect("renders");
            let out = String::from_utf8(out).expect("UTF-8");
            prop_assert!(!out.contains("NaN") && !out.contains("inf/100") && !out.contains(" inf "), "{format:?}");
        }
    }
}
