//! The ranking's promises (docs/scoring.md), each a test on the causal
//! fixture or the bundled assessments: a decisive answer can rank first, a
//! root ranks above its consequences, an answer's weight is shared, the list
//! reads monotone, the measurement gap grows smoothly, unknowns make the
//! verdict provisional, probe-next and the flip of the first root hold up.

use std::sync::Arc;

use ecodiag::answers::{Answers, Given, Value};
use ecodiag::engine::{self, Stage, rank};
use ecodiag::questionnaire::{self, Loaded, Questionnaire};
use ecodiag::report::{self, Report, RootCause};
use proptest::prelude::*;

use crate::support::{answers_for, fixture, load_questionnaire, root};

fn causal() -> Questionnaire {
    load_questionnaire(
        "causal.yaml",
        &std::fs::read_to_string(fixture("causal.yaml")).expect("fixture"),
    )
}

/// A sound company: every area green.
const SOUND: &[(&str, &str)] = &[
    ("icp", "sharp"),
    ("value", "5"),
    ("win-rate", "40"),
    ("stages", "enforced"),
    ("coaching-hours", "4"),
    ("selling-time", "60"),
    ("crm-trust", "4"),
    ("systems", "1"),
    ("tools", "3"),
    ("content-fit", "4"),
    ("campaign-measure", "yes"),
    ("social", "yes"),
    ("collateral", "yes"),
    ("leader", "3"),
];

/// The sound answers with some replaced.
fn answers(q: &Questionnaire, changes: &[(&str, &str)]) -> Answers {
    let mut body = String::from("assessment: causal\nclient: Causal Co\nanswers:\n");
    for (id, value) in SOUND {
        let value = changes.iter().find(|(c, _)| c == id).map_or(*value, |(_, v)| v);
        body.push_str(&format!("  {id}: {value}\n"));
    }
    answers_for(q, "answers.yaml", &body)
}

fn build(q: &Questionnaire, changes: &[(&str, &str)]) -> Report {
    report::build(q, &answers(q, changes))
}

fn all(r: &Report) -> impl Iterator<Item = &RootCause> {
    r.root_causes
        .iter()
        .flat_map(|c| std::iter::once(c).chain(&c.consequences))
}

fn cause<'r>(r: &'r Report, id: &str) -> &'r RootCause {
    all(r)
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id} not found"))
}

fn roots(r: &Report) -> Vec<&str> {
    r.root_causes.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn a_single_decisive_answer_outranks_a_pile_of_weaker_rules() {
    let q = causal();
    let marketing = [
        ("content-fit", "1"),
        ("campaign-measure", "no"),
        ("social", "no"),
        ("collateral", "no"),
    ];
    let mut last = 0.0;
    let mut last_step = f64::INFINITY;
    for n in 1..=marketing.len() {
        let mut changes = vec![("icp", "anyone")];
        changes.extend_from_slice(&marketing[..n]);
        let r = build(&q, &changes);
        assert_eq!(roots(&r)[0], "no-icp", "{n} marketing rules: {:?}", roots(&r));
        let scattered = cause(&r, "scattered-marketing").impact;
        assert!(scattered < cause(&r, "no-icp").impact, "{n}: {scattered}");
        // More supporting rules add, each less than the one before.
        let step = scattered - last;
        assert!(step > 0.0, "rule {n} added nothing");
        assert!(
            step < last_step,
            "rule {n} added {step}, more than the one before ({last_step})"
        );
        // …and never more than half the room the strongest left.
        assert!(scattered <= 100.0 * (0.6 + 0.4 * rank::CORROBORATION) + 0.05);
        last = scattered;
        last_step = step;
    }
}

#[test]
fn a_root_ranks_above_the_consequences_it_explains() {
    let q = causal();
    // A loose ICP (medium evidence) leads to a weak value proposition that
    // has stronger evidence of its own.
    let r = build(&q, &[("icp", "loose"), ("value", "1"), ("win-rate", "10")]);
    let root = cause(&r, "no-icp");
    let weak = cause(&r, "weak-value");
    assert_eq!(roots(&r), ["no-icp"]);
    assert_eq!(root.consequences.len(), 1);
    assert_eq!(weak.explained_by, ["no-icp"]);
    assert_eq!(root.explains, ["weak-value"]);
    assert_eq!(weak.rank, root.rank);
    assert!(
        weak.own_impact > root.own_impact,
        "the consequence's own evidence is stronger"
    );
    assert!(root.impact >= weak.impact, "{} < {}", root.impact, weak.impact);
    assert!(root.impact > root.own_impact, "the consequence adds to its root");
}

#[test]
fn only_credible_causes_explain_others() {
    let q = causal();
    // Stages without criteria is low-severity evidence only: no coaching is
    // not its mere consequence.
    let r = build(&q, &[("stages", "some"), ("coaching-hours", "0")]);
    assert!(cause(&r, "no-coaching").explained_by.is_empty());
    assert!(roots(&r).contains(&"no-process"));
    // With no stages at all (high severity), it is.
    let r = build(&q, &[("stages", "none"), ("coaching-hours", "0")]);
    assert_eq!(cause(&r, "no-coaching").explained_by, ["no-process"]);
}

#[test]
fn a_macro_cause_explains_ecosystem_causes_only_once_no_bucket_is_red() {
    let q = causal();
    // No bucket red: the sales manager who still sells explains the missing coaching.
    let r = build(&q, &[("leader", "1"), ("coaching-hours", "0")]);
    assert_eq!(cause(&r, "no-coaching").explained_by, ["wrong-leader"]);
    // A red bucket: the ecosystem comes first, so no coaching stands as a
    // root and the manager is listed apart as contributing.
    let r = build(
        &q,
        &[
            ("leader", "1"),
            ("coaching-hours", "0"),
            ("icp", "anyone"),
            ("value", "1"),
            ("win-rate", "5"),
        ],
    );
    assert_eq!(r.verdict.stage, Stage::Ecosystem);
    assert!(cause(&r, "no-coaching").explained_by.is_empty());
    let leader = cause(&r, "wrong-leader");
    assert!(leader.contributing && leader.consequences.is_empty());
    assert_eq!(r.root_causes.last().map(|c| c.id.as_str()), Some("wrong-leader"));
}

#[test]
fn one_answer_is_shared_not_multiplied() {
    let q = causal();
    let a = answers(&q, &[("selling-time", "20"), ("crm-trust", "1")]);
    let eval = engine::evaluate(&q, &a);
    let d = engine::diagnose(&q, &eval);
    let selling = q.question("selling-time").expect("question");
    let shares = &d.shares[selling];
    assert_eq!(shares.len(), 3, "three roots read the answer: {shares:?}");
    let total: f64 = shares.iter().map(|(_, s)| s).sum();
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    // The rule that rests on it alone gets more of it than the rule that
    // reads it beside another answer.
    let of = |id: &str| {
        let c = q.causes.iter().position(|c| c.id == id).expect("cause");
        shares
            .iter()
            .find(|(x, _)| *x == c)
            .map(|(_, s)| *s)
            .expect("reader")
    };
    assert!(of("admin-burden") > of("bad-crm"));
    // So no cause gets the answer's full weight: a high rule on the worst
    // answer, shared, does not reach 100.
    let r = report::assemble(&q, &a, &eval, &d);
    assert!(cause(&r, "admin-burden").impact < 100.0 * of("admin-burden") + 0.05);
}

#[test]
fn the_severity_word_follows_the_number_and_macro_causes_sit_apart() {
    let q = causal();
    let r = build(
        &q,
        &[
            ("icp", "anyone"),
            ("value", "1"),
            ("leader", "1"),
            ("selling-time", "20"),
            ("content-fit", "2"),
        ],
    );
    for c in all(&r) {
        assert_eq!(c.severity, rank::effective_severity(c.impact), "{}", c.id);
    }
    let macro_at = r
        .root_causes
        .iter()
        .position(|c| c.contributing)
        .expect("contributing");
    assert!(r.root_causes[..macro_at].iter().all(|c| !c.contributing));
    assert!(r.root_causes[macro_at..].iter().all(|c| c.contributing));
    let md = render(&r, ecodiag::render::Format::Markdown);
    assert!(md.contains("## Macro culprits, contributing"), "{md}");
    assert!(md.contains("looked at once the ecosystem is sound"), "{md}");
}

fn render(r: &Report, format: ecodiag::render::Format) -> String {
    let mut out = Vec::new();
    ecodiag::render::render(r, format, &ecodiag::render::Options::default(), &mut out).expect("renders");
    String::from_utf8(out).expect("utf-8")
}

/// Checks the list's promises on one report.
fn monotone(r: &Report) -> Result<(), String> {
    let primary: Vec<&RootCause> = r.root_causes.iter().filter(|c| !c.contributing).collect();
    let contributing: Vec<&RootCause> = r.root_causes.iter().filter(|c| c.contributing).collect();
    if r.root_causes
        .iter()
        .position(|c| c.contributing)
        .is_some_and(|i| i < primary.len())
    {
        return Err("a contributing cause sits among the primary ones".into());
    }
    for list in [&primary, &contributing] {
        for w in list.windows(2) {
            if w[0].impact < w[1].impact {
                return Err(format!(
                    "{} ({}) above {} ({})",
                    w[0].id, w[0].impact, w[1].id, w[1].impact
                ));
            }
            if w[0].severity < w[1].severity {
                return Err(format!(
                    "{} is {:?} above {:?}",
                    w[0].id, w[0].severity, w[1].severity
                ));
            }
        }
    }
    for (i, c) in r.root_causes.iter().enumerate() {
        if c.rank != i + 1 {
            return Err(format!("{} has rank {} at {}", c.id, c.rank, i + 1));
        }
        for x in &c.consequences {
            if x.impact > c.impact {
                return Err(format!(
                    "consequence {} ({}) above its root {} ({})",
                    x.id, x.impact, c.id, c.impact
                ));
            }
            if x.rank != c.rank || !x.explained_by.contains(&c.id) {
                return Err(format!("{} is not tied to {}", x.id, c.id));
            }
        }
    }
    for c in all(r) {
        if c.severity != rank::effective_severity(c.impact) {
            return Err(format!("{}: {:?} for {}", c.id, c.severity, c.impact));
        }
    }
    Ok(())
}

fn bundled() -> Vec<Arc<Loaded>> {
    questionnaire::BUNDLED
        .iter()
        .map(|b| questionnaire::bundled(b.id).expect("bundled loads"))
        .collect()
}

fn random_answers(q: &Questionnaire, picks: &[proptest::sample::Index]) -> Answers {
    let mut a = Answers::empty(q, "Property Co");
    a.values = (0..q.questions.len())
        .map(|ix| {
            let cands = engine::whatif::candidates(q, ix);
            let pick = picks[ix % picks.len()].get(&cands).clone();
            Some(Given {
                value: pick,
                note: None,
            })
        })
        .collect();
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// On any answers: the list reads monotone, the word follows the number,
    /// roots sit above their consequences, and every answer's shares sum to one.
    #[test]
    fn the_ranked_list_reads_monotone(
        which in 0usize..3,
        picks in proptest::collection::vec(any::<proptest::sample::Index>(), 80),
    ) {
        let loaded = bundled();
        let fixture = causal();
        let q = if which < loaded.len() { &loaded[which].questionnaire } else { &fixture };
        let a = random_answers(q, &picks);
        let eval = engine::evaluate(q, &a);
        let d = engine::diagnose(q, &eval);
        for (x, shares) in d.shares.iter().enumerate() {
            if !shares.is_empty() {
                let total: f64 = shares.iter().map(|(_, s)| s).sum();
                prop_assert!((total - 1.0).abs() < 1e-9, "{}: {}", q.questions[x].id, total);
            }
        }
        let r = report::build_with(q, &a, false);
        if let Err(e) = monotone(&r) {
            prop_assert!(false, "{}: {}", q.id, e);
        }
    }
}

fn healthy(q: &Questionnaire) -> Answers {
    let path = root().join("examples/healthy-saas.yaml");
    let parsed = ecodiag::answers::read(&path, &ecodiag::yaml::Limits::DEFAULT).expect("example");
    ecodiag::answers::check(&parsed, q).expect("checks").0
}

#[test]
fn the_measurement_gap_grows_smoothly_with_the_share_of_unknown_key_metrics() {
    for q in [&bundled()[0].questionnaire, &causal()] {
        let base = if q.id == "causal" {
            answers(q, &[])
        } else {
            healthy(q)
        };
        let keys: Vec<usize> = (0..q.questions.len()).filter(|ix| q.questions[*ix].key).collect();
        assert!(keys.len() >= 3, "{}", q.id);
        let even = 100.0 / keys.len() as f64;
        let mut last = 0.0;
        for k in 0..=keys.len() {
            let mut a = base.clone();
            for &ix in &keys[..k] {
                a.values[ix] = Some(Given {
                    value: Value::Unknown,
                    note: None,
                });
            }
            let r = report::build_with(q, &a, false);
            let impact = all(&r)
                .find(|c| c.id == "measurement-gap")
                .map_or(0.0, |c| c.impact);
            if k == 0 {
                assert_eq!(impact, 0.0, "{}: nothing unknown, no gap", q.id);
            } else {
                let step = impact - last;
                assert!(step > 0.0, "{}: {k} unknown, the gap did not grow", q.id);
                assert!(step <= 1.5 * even, "{}: a cliff at {k} unknown: +{step:.1}", q.id);
            }
            last = impact;
        }
        assert!(
            last >= 60.0,
            "{}: every key metric unknown is serious: {last}",
            q.id
        );
    }
}

#[test]
fn unknown_key_metrics_make_the_verdict_provisional_and_temper_confidence() {
    let q = &bundled()[0].questionnaire;
    let r = report::build_with(q, &healthy(q), false);
    assert!(!r.verdict.provisional && r.verdict.caveats.is_empty());
    let mut a = healthy(q);
    let keys: Vec<usize> = (0..q.questions.len()).filter(|ix| q.questions[*ix].key).collect();
    for &ix in &keys {
        a.values[ix] = Some(Given {
            value: Value::Unknown,
            note: None,
        });
    }
    let r = report::build_with(q, &a, false);
    assert!(r.answered_weight > 0.5, "{}", r.answered_weight);
    assert_eq!(
        r.confidence, 0.0,
        "no outcome metric known: no headline confidence"
    );
    assert!(r.verdict.provisional);
    for &ix in &keys {
        let id = &q.questions[ix].id;
        assert!(
            r.verdict.caveats[0].contains(id.as_str()),
            "{id} not named: {:?}",
            r.verdict.caveats
        );
        assert!(r.verdict.text.contains(id.as_str()));
    }
    assert!(r.key_metrics.unknown.len() == keys.len());
    for format in [
        ecodiag::render::Format::Table,
        ecodiag::render::Format::Markdown,
        ecodiag::render::Format::Html,
    ] {
        assert!(render(&r, format).contains("provisional"), "{format:?}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&render(&r, ecodiag::render::Format::Json)).expect("json");
    assert_eq!(json["verdict"]["provisional"], true);
    assert_eq!(
        json["verdict"]["caveats"].as_array().map(Vec::len),
        Some(r.verdict.caveats.len())
    );
}

#[test]
fn probe_next_lists_the_unknowns_that_would_change_the_conclusion() {
    let q = causal();
    let r = build(&q, &[("coaching-hours", "unknown"), ("tools", "unknown")]);
    assert_eq!(r.verdict.stage, Stage::Individuals);
    let probes = r.probe_next.as_ref().expect("computed");
    let coaching = probes
        .iter()
        .find(|p| p.question == "coaching-hours")
        .expect("listed");
    assert!(coaching.key);
    let worst = coaching
        .could_change
        .iter()
        .find(|c| c.end == "worst")
        .expect("worst end");
    assert_eq!(worst.stage, Some(Stage::Ecosystem));
    assert!(worst.enters.iter().any(|c| c.id == "no-coaching"));
    // Checked by hand: that answer does change the verdict.
    let again = build(&q, &[("coaching-hours", "0"), ("tools", "unknown")]);
    assert_eq!(again.verdict.stage, Stage::Ecosystem);
    // No rule reads the tools: its answer changes neither verdict nor roots.
    assert!(!probes.iter().any(|p| p.question == "tools"), "{probes:?}");
    // Without probing, nothing is listed and the report says so.
    let plain = report::build_with(&q, &answers(&q, &[("coaching-hours", "unknown")]), false);
    assert!(plain.probe_next.is_none());
    assert!(render(&plain, ecodiag::render::Format::Table).contains("--no-probe"));
}

#[test]
fn the_flip_of_the_first_root_is_checked() {
    let q = causal();
    let text = std::fs::read_to_string(fixture("causal-answers.yaml")).expect("fixture");
    let a = answers_for(&q, "causal-answers.yaml", &text);
    let r = report::build(&q, &a);
    let first = &r.root_causes[0];
    assert_eq!(first.id, "no-icp");
    let flip = first.flip.as_ref().expect("a flip");
    assert_eq!(flip.len(), 1);
    assert_eq!(
        (flip[0].question.as_str(), flip[0].to.as_str()),
        ("icp", "A sharp profile used to qualify")
    );
    assert!(r.root_causes[1..].iter().all(|c| c.flip.is_none()));
    let after = build(&q, &[("icp", "sharp")]);
    assert!(all(&after).all(|c| c.id != "no-icp"));
}

#[test]
fn a_red_area_no_finding_explains_is_listed() {
    let q = causal();
    let r = build(&q, &[("tools", "1")]);
    let ids: Vec<&str> = r.unexplained.iter().map(|u| u.element_id.as_str()).collect();
    assert_eq!(ids, ["enablement"]);
    // The verdict looks past the ecosystem, so the gap makes it provisional.
    assert_eq!(r.verdict.stage, Stage::Individuals);
    assert!(r.verdict.provisional);
    assert!(
        r.verdict.caveats.iter().any(|c| c.contains("Enablement")),
        "{:?}",
        r.verdict.caveats
    );
    for format in [
        ecodiag::render::Format::Table,
        ecodiag::render::Format::Markdown,
        ecodiag::render::Format::Html,
    ] {
        assert!(
            render(&r, format).contains("Red areas no finding explains"),
            "{format:?}"
        );
    }
    // A red area a fired rule reads is explained.
    let r = build(&q, &[("selling-time", "20")]);
    assert!(r.unexplained.iter().all(|u| u.element_id != "time"));
}

#[test]
fn tailored_steps_come_first_in_every_format() {
    let q = causal();
    let r = build(&q, &[("systems", "4")]);
    let crm = cause(&r, "bad-crm");
    let steps: Vec<&str> = crm.remediation.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        steps,
        [
            "Connect the systems so a deal is typed once.",
            "Name an owner for the CRM."
        ]
    );
    assert_eq!(
        crm.remediation[0].owner,
        Some(ecodiag::questionnaire::Owner::SalesOps)
    );
    for format in [
        ecodiag::render::Format::Table,
        ecodiag::render::Format::Markdown,
        ecodiag::render::Format::Html,
    ] {
        let out = render(&r, format);
        assert!(out.contains("Connect the systems"), "{format:?}");
        assert!(
            !out.contains("Clean the data"),
            "{format:?}: a step that does not fit is shown"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&render(&r, ecodiag::render::Format::Json)).expect("json");
    let bad = json["root_causes"]
        .as_array()
        .expect("roots")
        .iter()
        .find(|c| c["id"] == "bad-crm")
        .expect("bad-crm");
    assert_eq!(bad["remediation"][0]["owner"], "sales-ops");
}

#[test]
fn quoted_numbers_agree_with_their_unit() {
    let q = causal();
    let r = build(&q, &[("coaching-hours", "1"), ("selling-time", "0")]);
    let texts: Vec<&str> = all(&r)
        .flat_map(|c| c.evidence.iter().map(|e| e.text.as_str()))
        .collect();
    assert!(
        texts.contains(&"Reps get 1 hour a month of coaching."),
        "{texts:?}"
    );
    assert!(texts.contains(&"0% of the week is selling."), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("Only 0%")), "{texts:?}");
    let r = build(&q, &[("coaching-hours", "2")]);
    assert!(all(&r).any(|c| {
        c.evidence
            .iter()
            .any(|e| e.text == "Reps get 2 hours a month of coaching.")
    }));
    // Irregular plurals take both forms.
    let text = std::fs::read_to_string(fixture("causal.yaml"))
        .expect("fixture")
        .replace(
            "unit: systems",
            "unit: { one: system of record, other: systems of record }",
        );
    let q = load_questionnaire("causal.yaml", &text);
    let systems = &q.questions[q.question("systems").expect("question")];
    let shown = |x: f64| ecodiag::answers::display(systems, Some(&Value::Number(x)));
    assert_eq!(shown(1.0), "1 system of record");
    assert_eq!(shown(3.0), "3 systems of record");
}
