//! Helpers shared by the hand-written tests.

pub mod chunked;
pub mod examples;
pub mod must_not_compile;

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_owned()
}

/// Apideck's published documents (`../shared/specs/apideck`), when this checkout
/// has them beside it; otherwise prints why the caller skips and returns `None`.
pub fn published_specs(test: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/specs/apideck");
    if dir.join("vault.yml").is_file() {
        Some(dir)
    } else {
        println!(
            "SKIPPED {test}: the published Apideck documents are not at {} in this checkout",
            dir.display()
        );
        None
    }
}

/// Our own Vault document as JSON.
pub fn vault_spec() -> serde_json::Value {
    read_yaml(&root().join("spec/vault.yml"))
}

/// Reads a YAML (or JSON) document into a JSON value.
pub fn read_yaml(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
