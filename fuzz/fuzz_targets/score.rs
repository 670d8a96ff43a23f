//! Any bytes as an answers file, scored end to end: check, evaluate, rank,
//! and render the report in every format.
#![no_main]

use ecodiag::render::{self, Format, Options};
use ecodiag::yaml::{self, Limits};
use ecodiag::{answers, questionnaire, report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = yaml::source_from_bytes("fuzz.yaml".to_owned(), data.to_vec()) else {
        return;
    };
    let Ok(parsed) = answers::parse(source, &Limits::DEFAULT) else {
        return;
    };
    let loaded = questionnaire::bundled(questionnaire::default_id()).expect("bundled assessment loads");
    let Ok((given, _)) = answers::check(&parsed, &loaded.questionnaire) else {
        return;
    };
    let report = report::build(&loaded.questionnaire, &given);
    for format in [Format::Table, Format::Markdown, Format::Json] {
        let mut out = Vec::new();
        render::render(&report, format, &Options::default(), &mut out)
            .expect("rendering into memory succeeds");
    }
});
