//! The scenario parser: any text is refused with the file named, or gives a scenario
//! with at least one act whose every question the model can answer.
#![no_main]

use std::path::Path;

use bolwerk::scenario::Scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Scenario::from_ron_str(text, Path::new("fuzz.ron")) {
        Ok(scenario) => assert!(!scenario.acts.is_empty()),
        Err(e) => assert!(e.to_string().contains("fuzz.ron"), "{e}"),
    }
});
