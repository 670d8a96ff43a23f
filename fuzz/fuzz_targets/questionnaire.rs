//! Any bytes as a questionnaire: parse, validate, compile, and score an empty
//! answer set against whatever loads.
#![no_main]

use ecodiag::answers::Answers;
use ecodiag::questionnaire;
use ecodiag::yaml::{self, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = yaml::source_from_bytes("fuzz.yaml".to_owned(), data.to_vec()) else {
        return;
    };
    if let Ok(loaded) = questionnaire::from_source(source, &Limits::DEFAULT) {
        let q = &loaded.questionnaire;
        let report = ecodiag::report::build(q, &Answers::empty(q, "Fuzz"));
        let mut out = Vec::new();
        let _ = ecodiag::render::render(
            &report,
            ecodiag::render::Format::Json,
            &Default::default(),
            &mut out,
        );
        let _ = ecodiag::render::outline_json(q, &mut out);
    }
});
