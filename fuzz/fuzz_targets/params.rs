//! The parameter file parser: any text either is refused with a located error, or
//! gives parameters that validate, serialise, and read back the same.
#![no_main]

use std::path::Path;

use bolwerk_model::Params;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let name = Path::new("fuzz.ron");
    match Params::from_ron_str(text, name) {
        Ok(params) => {
            assert!(params.validate().is_ok());
            // What is accepted can be written out and read back unchanged.
            let again = Params::from_ron_str(&params.to_ron(), name)
                .expect("accepted parameters read back");
            assert_eq!(params, again);
            let _ = params.footprint();
        }
        Err(e) => {
            // The message names the file.
            assert!(e.to_string().contains("fuzz.ron"), "{e}");
        }
    }
});
