//! Any bytes through `ecodiag validate`: tell the kind, check it, and render
//! every problem as the terminal would show it.
#![no_main]

use ecodiag::validate;
use ecodiag::yaml::{self, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checked = match yaml::source_from_bytes("fuzz.yaml".to_owned(), data.to_vec()) {
        Ok(source) => validate::source(source, &Limits::DEFAULT),
        Err(err) => {
            let _ = ecodiag::error::render_error(&ecodiag::Error::from(err), false);
            return;
        }
    };
    let _ = ecodiag::diagnostic::render_problems(&checked.problems, false);
});
