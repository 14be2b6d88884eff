//! Fuzzes the generator's stages on arbitrary text: load (YAML/JSON → OpenAPI),
//! lower (→ IR), emit (→ tokens) and format (syn + prettyplease). Any of them
//! may return an error; none may panic, overflow the stack or hang. An emitter
//! that produces invalid Rust is a generator bug, so it fails the run too.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let Ok(document) = generator::load::parse(Path::new("fuzz.yml"), text) else {
        return;
    };
    let krate = generator::CrateInfo {
        name: "fuzz-sdk".to_owned(),
        version: "0.1.0".to_owned(),
    };
    let Ok(lowered) = generator::lower::lower(&document, &krate) else {
        return;
    };
    for (path, content) in generator::emit::emit(&lowered.api) {
        if let Err(error) = generator::format::format(&path, content) {
            panic!("emitted invalid Rust: {error}");
        }
    }
});
