//! The runtime crate: the hand-written runtime in `templates/src/runtime/`,
//! written as a crate of its own that every SDK crate depends on and
//! re-exports as its `runtime` module.
//!
//! A separate crate is compiled once for all SDKs of an app, in parallel with
//! their other dependencies, and is not rebuilt when an SDK is regenerated.

use super::krate::fill;
use super::{Content, STAMP};
use crate::templates;

/// The runtime crate's package name.
pub const RUNTIME_CRATE: &str = "sdkgen-runtime";

/// The runtime crate's version, which SDK crates require.
pub const RUNTIME_VERSION: &str = "0.2.0";

/// Every file of the runtime crate, by path relative to its root, in a fixed order.
pub fn runtime_files() -> Vec<(String, Content<'static>)> {
    let values = [
        ("stamp", STAMP),
        ("runtime_name", RUNTIME_CRATE),
        ("runtime_version", RUNTIME_VERSION),
    ];
    let mut files = vec![
        (
            "Cargo.toml".to_owned(),
            Content::Text(fill(templates::RUNTIME_CARGO_TOML, &values)),
        ),
        (
            "README.md".to_owned(),
            Content::Text(fill(templates::RUNTIME_README, &values)),
        ),
        (
            "CHANGELOG.md".to_owned(),
            Content::Text(format!(
                "<!-- {STAMP} -->\n{}",
                templates::RUNTIME_CHANGELOG
            )),
        ),
    ];
    files.extend(templates::RUNTIME.iter().map(|(name, text)| {
        let path = if *name == "mod.rs" { "lib.rs" } else { name };
        (format!("src/{path}"), Content::Copied(text))
    }));
    files
}
