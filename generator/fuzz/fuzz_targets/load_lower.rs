//! Fuzzes the generator's stages on arbitrary text: load (YAML/JSON → OpenAPI
//! 3.0 or 3.1, across files), lower (→ IR), emit (→ tokens) and format (syn +
//! prettyplease). Any of them may return an error; none may panic, overflow
//! the stack or hang. An emitter that produces invalid Rust is a generator
//! bug, so it fails the run too.
//!
//! The input is one document, or several separated by lines of `===`: the
//! first is `root.yml` and the others `p1.yml`, `p2.yml`, …, written beside it
//! so that relative `$ref`s between them resolve.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The separator between files in one input.
const SEPARATOR: &str = "\n===\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let dir = std::env::temp_dir().join(format!("load-lower-fuzz-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let mut parts = text.split(SEPARATOR);
    let root = dir.join("root.yml");
    if std::fs::write(&root, parts.next().unwrap_or_default()).is_err() {
        return;
    }
    for index in 1..=8 {
        let file = dir.join(format!("p{index}.yml"));
        match parts.next() {
            Some(part) => {
                if std::fs::write(&file, part).is_err() {
                    return;
                }
            }
            // A file an earlier input wrote must not answer this one's `$ref`s.
            None => {
                let _ = std::fs::remove_file(&file);
            }
        }
    }
    let Ok(document) = sdkgen::load::load(&root) else {
        return;
    };
    let krate = sdkgen::CrateInfo::new("fuzz-sdk", "0.1.0");
    let Ok(lowered) = sdkgen::lower::lower(&document, &krate) else {
        return;
    };
    for (path, content) in sdkgen::emit::emit(&lowered.api) {
        if let Err(error) = sdkgen::format::format(&path, &content) {
            panic!("emitted invalid Rust: {error}");
        }
    }
});
