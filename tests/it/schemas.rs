//! The JSON Schemas: committed copies match the types, real files satisfy
//! them (checked by an independent validator), and the report's schema matches
//! its documentation.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use ecodiag::schema::{self, Subject};
use serde_json::Value;

use crate::support::root;

fn yaml_to_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).expect("readable");
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(&text, options).expect("valid YAML")
}

fn validator(subject: Subject) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&schema::generate(subject)).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema is a valid JSON Schema")
}

fn errors(subject: Subject, instance: &Value) -> Vec<String> {
    validator(subject)
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn yaml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(root().join(dir))
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

fn is_cases(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".tests.yaml")
}

/// The schema a bundled YAML file is written against.
fn subject_of(dir: &str, path: &Path) -> Subject {
    match dir {
        _ if is_cases(path) => Subject::Cases,
        "assessments" => Subject::Questionnaire,
        _ => Subject::Answers,
    }
}

/// A TOML document as editors present it to a JSON Schema: dates as strings.
fn toml_to_json(path: &Path) -> Value {
    fn convert(value: toml::Value) -> Value {
        match value {
            toml::Value::String(s) => Value::from(s),
            toml::Value::Integer(i) => Value::from(i),
            toml::Value::Float(f) => Value::from(f),
            toml::Value::Boolean(b) => Value::from(b),
            toml::Value::Datetime(d) => Value::from(d.to_string()),
            toml::Value::Array(items) => Value::Array(items.into_iter().map(convert).collect()),
            toml::Value::Table(table) => {
                Value::Object(table.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    let text = fs::read_to_string(path).expect("readable");
    convert(toml::from_str(&text).expect("valid TOML"))
}

#[test]
fn committed_schemas_match_the_types() {
    let update = std::env::var_os("ECODIAG_UPDATE_SCHEMAS").is_some();
    for subject in Subject::ALL {
        let path = root().join(subject.path());
        let generated = schema::generate(subject);
        if update {
            fs::write(&path, &generated).expect("write schema");
            continue;
        }
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is out of date; run `ECODIAG_UPDATE_SCHEMAS=1 cargo test schemas` and commit it",
            subject.path()
        );
    }
}

#[test]
fn bundled_assessments_and_examples_satisfy_the_schemas() {
    let mut checked = 0;
    for dir in ["assessments", "examples"] {
        for path in yaml_files(dir) {
            let problems = errors(subject_of(dir, &path), &yaml_to_json(&path));
            assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
            checked += 1;
        }
    }
    for path in [
        root().join("examples/ecodiag.toml"),
        crate::support::fixture("check/ecodiag.toml"),
    ] {
        let problems = errors(Subject::Config, &toml_to_json(&path));
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
    }
    let mut bad = toml_to_json(&root().join("examples/ecodiag.toml"));
    bad["check"]["min-score"]["levle"] = Value::from("error");
    assert!(!errors(Subject::Config, &bad).is_empty(), "a misspelt key");
    for (file, subject) in [
        ("mini.yaml", Subject::Questionnaire),
        ("mini-answers.yaml", Subject::Answers),
    ] {
        let problems = errors(subject, &yaml_to_json(&crate::support::fixture(file)));
        assert!(problems.is_empty(), "{file}: {problems:#?}");
    }
    assert!(checked >= 4, "found the bundled files");
}

#[test]
fn reports_satisfy_the_report_schema() {
    for path in yaml_files("examples") {
        let out = crate::support::ecodiag()
            .args(["score", "--format", "json"])
            .arg(&path)
            .output()
            .expect("runs");
        let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
        let problems = errors(Subject::Report, &report);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
    }
}

#[test]
fn the_schemas_reject_what_ecodiag_rejects() {
    let answers = |text: &str| -> Value {
        serde_saphyr::from_str_with_options(text, serde_saphyr::options! { strict_booleans: true })
            .expect("yaml")
    };
    // A misspelt field, a missing client, a role that does not exist, a list of numbers.
    for bad in [
        "assessment: a\nclient: b\nrespondant: { name: x }\n",
        "assessment: a\n",
        "assessment: a\nclient: b\nrespondent: { role: chief }\n",
        "assessment: a\nclient: b\nanswers: { toolkit: [1, 2] }\n",
        "assessment: a\nclient: b\nanswers: { q: { value: 1, notes: x } }\n",
    ] {
        assert!(
            !errors(Subject::Answers, &answers(bad)).is_empty(),
            "accepted: {bad}"
        );
    }
    let mut q = yaml_to_json(&crate::support::fixture("mini.yaml"));
    q["questions"][0]["wieght"] = Value::from(2);
    assert!(!errors(Subject::Questionnaire, &q).is_empty(), "misspelt field");
    let mut q = yaml_to_json(&crate::support::fixture("mini.yaml"));
    q["questions"][0]["type"] = Value::from("slider");
    assert!(!errors(Subject::Questionnaire, &q).is_empty(), "unknown type");
    let mut q = yaml_to_json(&crate::support::fixture("mini.yaml"));
    q["questions"][0]["weight"] = Value::from(0);
    assert!(!errors(Subject::Questionnaire, &q).is_empty(), "zero weight");
}

#[test]
fn bundled_files_name_their_schema_for_editors() {
    for dir in ["assessments", "examples"] {
        for path in yaml_files(dir) {
            let subject = subject_of(dir, &path);
            let text = fs::read_to_string(&path).expect("readable");
            let first = text.lines().next().unwrap_or_default();
            let expected = format!("# yaml-language-server: $schema=../{}", subject.path());
            assert_eq!(first, expected, "{}", path.display());
            assert!(root().join(subject.path()).is_file());
        }
    }
}

/// Every field name in the report schema, at any depth.
fn schema_fields(schema: &Value, into: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                into.extend(props.keys().cloned());
            }
            map.values().for_each(|v| schema_fields(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| schema_fields(v, into)),
        _ => {}
    }
}

#[test]
fn the_report_schema_and_its_documentation_agree() {
    let schema: Value = serde_json::from_str(&schema::generate(Subject::Report)).expect("json");
    let mut in_schema = BTreeSet::new();
    schema_fields(&schema, &mut in_schema);
    let doc = fs::read_to_string(root().join("docs/json-report.md")).expect("doc");
    let mut in_doc = BTreeSet::new();
    for line in doc.lines() {
        // Table rows: | `field` | type | meaning |
        if let Some(rest) = line.strip_prefix("| `")
            && let Some((field, _)) = rest.split_once('`')
        {
            in_doc.insert(field.to_owned());
        }
        // Fields listed inline: `{ id, title, score, level, confidence }`.
        if let Some(start) = line.find("`{ ")
            && let Some(end) = line[start..].find(" }`")
        {
            for field in line[start + 3..start + end].split(',') {
                in_doc.insert(field.trim().to_owned());
            }
        }
    }
    let undocumented: Vec<_> = in_schema.difference(&in_doc).collect();
    assert!(
        undocumented.is_empty(),
        "fields missing from docs/json-report.md: {undocumented:?}"
    );
    let stale: Vec<_> = in_doc.difference(&in_schema).collect();
    assert!(
        stale.is_empty(),
        "docs/json-report.md documents fields the report lacks: {stale:?}"
    );
}
