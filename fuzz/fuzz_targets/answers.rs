//! Any bytes as an answers file: parse, then check against the bundled
//! assessment, including which answered questions are not asked.
#![no_main]

use ecodiag::yaml::{self, Limits};
use ecodiag::{answers, questionnaire, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = yaml::source_from_bytes("fuzz.yaml".to_owned(), data.to_vec()) else {
        return;
    };
    let Ok(parsed) = answers::parse(source, &Limits::DEFAULT) else {
        return;
    };
    let loaded = questionnaire::bundled(questionnaire::default_id()).expect("bundled assessment loads");
    if let Ok((given, _)) = answers::check(&parsed, &loaded.questionnaire) {
        let _ = validate::hidden_answers(&parsed, &loaded.questionnaire, &given);
    }
});
