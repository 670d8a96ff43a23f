//! Any bytes as `ecodiag.toml`: parse and check it, then check the ids it names
//! against the bundled assessment.
#![no_main]

use std::path::Path;

use ecodiag::yaml;
use ecodiag::{config, questionnaire};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = yaml::source_from_bytes("ecodiag.toml".to_owned(), data.to_vec()) else {
        return;
    };
    let Ok(config) = config::parse(source, Path::new("")) else {
        return;
    };
    let loaded = questionnaire::bundled(questionnaire::default_id()).expect("bundled assessment loads");
    let q = &loaded.questionnaire;
    let buckets: Vec<&str> = q.buckets().map(|(_, g)| g.id.as_str()).collect();
    let causes: Vec<&str> = q.causes.iter().map(|c| c.id.as_str()).collect();
    let _ = config::unknown_ids(&config, &buckets, &causes);
});
