//! The outline of a questionnaire (`ecodiag show`) and the list of bundled
//! assessments (`ecodiag list`), as tables or JSON. The JSON outline is
//! complete enough for a script to generate answer files.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde_json::{Map, Value, json};

use super::Options;
use crate::answers::format_number;
use crate::questionnaire::{
    AnswerTest, Band, Bound, CmpOp, Comparison, Condition, Owner, Question, QuestionKind, Questionnaire,
    ScoreSubject, Step,
};

fn table(o: &Options) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(o.width);
    t.force_no_tty();
    t
}

/// One line per assessment: id, version, title, question count.
pub fn list_table(items: &[&Questionnaire], o: &Options, out: &mut dyn Write) -> io::Result<()> {
    let mut t = table(o);
    t.set_header(vec!["Id", "Version", "Title", "Questions", "Causes", "Rules"]);
    for q in items {
        t.add_row(vec![
            Cell::new(&q.id),
            Cell::new(&q.version),
            Cell::new(&q.title),
            Cell::new(q.questions.len()).set_alignment(CellAlignment::Right),
            Cell::new(q.causes.len()).set_alignment(CellAlignment::Right),
            Cell::new(q.rules.len()).set_alignment(CellAlignment::Right),
        ]);
    }
    writeln!(out, "{}", super::laid_out(t, o))
}

pub fn list_json(items: &[&Questionnaire], out: &mut dyn Write) -> io::Result<()> {
    let list: Vec<Value> = items
        .iter()
        .map(|q| {
            json!({
                "id": q.id,
                "version": q.version,
                "title": q.title,
                "questions": q.questions.len(),
                "causes": q.causes.len(),
                "rules": q.rules.len(),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &list).map_err(io::Error::other)?;
    writeln!(out)
}

pub fn outline_table(q: &Questionnaire, o: &Options, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} ({}@{})", q.title, q.id, q.version)?;
    if !q.description.is_empty() {
        writeln!(out, "{}", q.description)?;
    }
    // The same estimate `assess` opens with.
    writeln!(out, "{}", crate::questionnaire::duration_text(q))?;
    writeln!(out)?;
    writeln!(out, "Buckets and elements")?;
    let mut t = table(o);
    t.set_header(vec!["Bucket", "Element", "Id", "Questions"]);
    for (g, group) in q.groups.iter().enumerate() {
        for (e, element) in q.elements_of(g) {
            let count = q.questions.iter().filter(|x| x.element == e).count();
            t.add_row(vec![
                Cell::new(&group.title),
                Cell::new(&element.title),
                Cell::new(&element.id),
                Cell::new(count).set_alignment(CellAlignment::Right),
            ]);
        }
    }
    writeln!(out, "{}", super::laid_out(t, o))?;
    writeln!(out)?;
    writeln!(out, "Questions ({})", q.questions.len())?;
    let mut t = table(o);
    t.set_header(vec!["Id", "Element", "Type", "Weight", "Question"]);
    for question in &q.questions {
        let mut text = question.text.clone();
        if question.show_if.is_some() {
            text.push_str("\n(asked only when an earlier answer matches)");
        }
        t.add_row(vec![
            Cell::new(&question.id),
            Cell::new(&q.elements[question.element].id),
            Cell::new(question.kind.name()),
            Cell::new(if question.scored {
                format_number(question.weight)
            } else {
                "–".to_owned()
            })
            .set_alignment(CellAlignment::Right),
            Cell::new(text),
        ]);
    }
    writeln!(out, "{}", super::laid_out(t, o))?;
    writeln!(out)?;
    writeln!(out, "Root causes ({})", q.causes.len())?;
    let mut t = table(o);
    t.set_header(vec!["Id", "Title", "Bucket", "Rules"]);
    for (c, cause) in q.causes.iter().enumerate() {
        let rules = q.rules.iter().filter(|r| r.cause == c).count();
        t.add_row(vec![
            Cell::new(&cause.id),
            Cell::new(&cause.title),
            Cell::new(&q.groups[cause.group].id),
            Cell::new(rules).set_alignment(CellAlignment::Right),
        ]);
    }
    writeln!(out, "{}", super::laid_out(t, o))?;
    writeln!(out)?;
    writeln!(out, "Rules ({})", q.rules.len())?;
    let mut t = table(o);
    t.set_header(vec!["Id", "Root cause", "Severity", "Reads"]);
    for rule in &q.rules {
        let reads: Vec<&str> = rule.reads.iter().map(|ix| q.questions[*ix].id.as_str()).collect();
        t.add_row(vec![
            Cell::new(&rule.id),
            Cell::new(&q.causes[rule.cause].id),
            Cell::new(rule.severity.as_str()),
            Cell::new(if reads.is_empty() {
                "(scores only)".to_owned()
            } else {
                reads.join(", ")
            }),
        ]);
    }
    writeln!(out, "{}", super::laid_out(t, o))
}

pub fn outline_json(q: &Questionnaire, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &outline_value(q)).map_err(io::Error::other)?;
    writeln!(out)
}

/// The whole questionnaire as JSON.
pub fn outline_value(q: &Questionnaire) -> Value {
    let element = |e: usize| {
        let el = &q.elements[e];
        json!({ "id": el.id, "title": el.title, "description": el.description })
    };
    let buckets: Vec<Value> = q
        .buckets()
        .map(|(g, group)| {
            json!({
                "id": group.id,
                "title": group.title,
                "description": group.description,
                "elements": q.elements_of(g).map(|(e, _)| element(e)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let m = q.macro_group();
    let macro_group = json!({
        "title": q.groups[m].title,
        "description": q.groups[m].description,
        "culprits": q.elements_of(m).map(|(e, _)| element(e)).collect::<Vec<_>>(),
    });
    json!({
        "schema_version": super::SCHEMA_VERSION,
        "id": q.id,
        "version": q.version,
        "title": q.title,
        "description": q.description,
        "buckets": buckets,
        "macro": macro_group,
        "questions": q.questions.iter().map(|x| question_value(q, x)).collect::<Vec<_>>(),
        "causes": q.causes.iter().map(|c| json!({
            "id": c.id,
            "title": c.title,
            "bucket": q.groups[c.group].id,
            "element": c.element.map(|e| q.elements[e].id.clone()),
            "summary": c.summary,
            "not_the_reps": c.not_the_reps,
            "remediation": c.remediation.iter().map(|s| step_value(q, s)).collect::<Vec<_>>(),
            "leads_to": c.leads_to.iter().map(|&to| q.causes[to].id.clone()).collect::<Vec<_>>(),
            "sources": c.sources,
        })).collect::<Vec<_>>(),
        "rules": q.rules.iter().map(|r| json!({
            "id": r.id,
            "cause": q.causes[r.cause].id,
            "severity": r.severity.as_str(),
            "when": condition_value(q, &r.when),
            "evidence": r.evidence.source,
            "reads": r.reads.iter().map(|ix| q.questions[*ix].id.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// A plain step as its sentence, a tailored one as `{step, when, owner}`,
/// as the questionnaire writes them.
fn step_value(q: &Questionnaire, s: &Step) -> Value {
    if s.when.is_none() && s.owner.is_none() {
        return json!(s.text);
    }
    json!({
        "step": s.text,
        "when": s.when.as_ref().map_or(Value::Null, |c| condition_value(q, c)),
        "owner": s.owner.map(Owner::as_str),
    })
}

fn question_value(q: &Questionnaire, x: &Question) -> Value {
    let mut v = Map::new();
    v.insert("id".into(), json!(x.id));
    v.insert("bucket".into(), json!(q.groups[x.group].id));
    v.insert("element".into(), json!(q.elements[x.element].id));
    v.insert("type".into(), json!(x.kind.name()));
    v.insert("text".into(), json!(x.text));
    v.insert("help".into(), json!(x.help));
    v.insert("weight".into(), json!(x.weight));
    v.insert("scored".into(), json!(x.scored));
    v.insert("key".into(), json!(x.key));
    v.insert("not_applicable".into(), json!(x.not_applicable));
    v.insert(
        "show_if".into(),
        x.show_if.as_ref().map_or(Value::Null, |c| condition_value(q, c)),
    );
    let mut accepts = vec![json!("unknown")];
    if x.not_applicable.is_some() {
        accepts.push(json!("n/a"));
    }
    match &x.kind {
        QuestionKind::Scale { min, labels } => {
            let points: Vec<Value> = labels
                .iter()
                .enumerate()
                .map(|(i, l)| json!({ "value": min + i as i64, "label": l }))
                .collect();
            v.insert("scale".into(), Value::Array(points));
        }
        QuestionKind::YesNo { healthy } => {
            v.insert("healthy".into(), json!(if *healthy { "yes" } else { "no" }));
            accepts.extend([json!("yes"), json!("no")]);
        }
        QuestionKind::Choice { options } | QuestionKind::Multi { options, .. } => {
            let list: Vec<Value> = options
                .iter()
                .map(|o| json!({ "id": o.id, "label": o.label, "score": o.score, "exclusive": o.exclusive }))
                .collect();
            v.insert("options".into(), Value::Array(list));
            if let QuestionKind::Multi { base, .. } = &x.kind {
                v.insert("base".into(), json!(base));
            }
        }
        QuestionKind::Number(spec) | QuestionKind::Percent(spec) => {
            v.insert("unit".into(), json!(spec.unit));
            v.insert("min".into(), json!(spec.min));
            v.insert("max".into(), json!(spec.max));
            v.insert("integer".into(), json!(spec.integer));
            v.insert(
                "bands".into(),
                Value::Array(spec.bands.iter().map(band_value).collect()),
            );
        }
    }
    v.insert("accepts".into(), Value::Array(accepts));
    Value::Object(v)
}

fn band_value(b: &Band) -> Value {
    let mut v = Map::new();
    match b.lower {
        Bound::Exclusive(x) => {
            v.insert("above".into(), json!(x));
        }
        Bound::Inclusive(x) => {
            v.insert("at_least".into(), json!(x));
        }
        Bound::Open => {}
    }
    match b.upper {
        Bound::Exclusive(x) => {
            v.insert("below".into(), json!(x));
        }
        Bound::Inclusive(x) => {
            v.insert("at_most".into(), json!(x));
        }
        Bound::Open => {}
    }
    v.insert("score".into(), json!(b.score));
    v.insert("label".into(), json!(b.label));
    Value::Object(v)
}

fn comparisons_into(v: &mut Map<String, Value>, cmps: &[Comparison]) {
    for c in cmps {
        let key = match c.op {
            CmpOp::Above => "above",
            CmpOp::AtLeast => "at_least",
            CmpOp::Below => "below",
            CmpOp::AtMost => "at_most",
        };
        v.insert(key.into(), json!(c.value));
    }
}

/// A compiled condition written back in the questionnaire's own YAML shape.
pub fn condition_value(q: &Questionnaire, c: &Condition) -> Value {
    let list = |cs: &[Condition]| Value::Array(cs.iter().map(|c| condition_value(q, c)).collect());
    match c {
        Condition::All(cs) => json!({ "all": list(cs) }),
        Condition::Any(cs) => json!({ "any": list(cs) }),
        Condition::Not(inner) => json!({ "not": condition_value(q, inner) }),
        Condition::AtLeast(n, cs) => json!({ "at_least": n, "of": list(cs) }),
        Condition::Score(subject, cmps) => {
            let mut v = Map::new();
            let (key, id) = match subject {
                ScoreSubject::Question(ix) => ("score", q.questions[*ix].id.clone()),
                ScoreSubject::Element(ix) => ("element", q.elements[*ix].id.clone()),
                ScoreSubject::Group(ix) => ("bucket", q.groups[*ix].id.clone()),
                ScoreSubject::Ecosystem => ("overall", "ecosystem".to_owned()),
                ScoreSubject::UnknownKeyMetrics => ("overall", "unknown-key-metrics".to_owned()),
            };
            v.insert(key.into(), json!(id));
            comparisons_into(&mut v, cmps);
            Value::Object(v)
        }
        Condition::Answer(ix, test) => {
            let question = &q.questions[*ix];
            let mut v = Map::new();
            v.insert("question".into(), json!(question.id));
            let option = |o: &usize| json!(question.kind.options()[*o].id);
            match test {
                AnswerTest::IsBool(b) => {
                    v.insert("equals".into(), json!(if *b { "yes" } else { "no" }));
                }
                AnswerTest::IsOption(os) if os.len() == 1 => {
                    v.insert("equals".into(), option(&os[0]));
                }
                AnswerTest::IsOption(os) => {
                    v.insert("in".into(), Value::Array(os.iter().map(option).collect()));
                }
                AnswerTest::Includes(os) => {
                    v.insert("includes".into(), Value::Array(os.iter().map(option).collect()));
                }
                AnswerTest::IsNumber(xs) if xs.len() == 1 => {
                    v.insert("equals".into(), json!(xs[0]));
                }
                AnswerTest::IsNumber(xs) => {
                    v.insert("in".into(), json!(xs));
                }
                AnswerTest::Compare(cmps) => comparisons_into(&mut v, cmps),
                AnswerTest::Answered(b) => {
                    v.insert("answered".into(), json!(b));
                }
                AnswerTest::Unknown(b) => {
                    v.insert("unknown".into(), json!(b));
                }
                AnswerTest::NotApplicable(b) => {
                    v.insert("not_applicable".into(), json!(b));
                }
            }
            Value::Object(v)
        }
    }
}
