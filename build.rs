//! Converts the bundled questionnaires from YAML to JSON at build time.
//!
//! The binary embeds both: the YAML is the source of truth and is what error
//! messages point into, while the JSON copy is what a normal run parses,
//! because it reads ten times faster than YAML and scoring one file should be
//! instant. A test checks that both give the same questionnaire.
//!
//! Test-case files (`assessments/ID.tests.yaml`, run by `ecodiag test`) are
//! not questionnaires: they are listed in `bundled_cases.rs` instead, so the
//! binary carries them too.

// A build script talks to cargo through standard output.
#![allow(clippy::disallowed_macros)]

use std::path::Path;
use std::{env, fs};

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("assessments");
    fs::create_dir_all(&out).expect("create OUT_DIR/assessments");
    println!("cargo::rerun-if-changed=assessments");
    let mut entries: Vec<_> = fs::read_dir("assessments")
        .expect("assessments/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    entries.sort();
    let is_cases = |p: &Path| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".tests.yaml"))
    };
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let cases: Vec<String> = entries
        .iter()
        .filter(|p| is_cases(p))
        .map(|p| {
            let shown = format!(
                "assessments/{}",
                p.file_name().expect("file name").to_string_lossy()
            );
            let full = Path::new(&manifest).join(p).display().to_string();
            format!("    ({shown:?}, include_str!({full:?})),\n")
        })
        .collect();
    fs::write(
        out.parent().expect("OUT_DIR").join("bundled_cases.rs"),
        format!("&[\n{}]\n", cases.concat()),
    )
    .expect("write the list of bundled case files");
    entries.retain(|p| !is_cases(p));
    for path in entries {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("bundled questionnaire is UTF-8");
        let options = serde_saphyr::options! { strict_booleans: true };
        let json = match serde_saphyr::from_str_with_options::<serde_json::Value>(&text, options) {
            Ok(value) => value.to_string(),
            // Leave the JSON empty; loading falls back to the YAML and reports
            // the error with its location.
            Err(_) => String::new(),
        };
        let stem = path
            .file_stem()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        fs::write(out.join(format!("{stem}.json")), json).expect("write JSON copy");
    }
}
