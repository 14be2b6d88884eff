//! Generates Rust SDK crates from OpenAPI 3.0, 3.1 and 3.2 documents.
//!
//! The work runs in stages, each with one job, data flowing one way:
//! [`load`] (YAML/JSON → OpenAPI model) → [`lower`] (→ our [`ir`], every Rust name
//! decided) → [`emit`] (IR → tokens) → [`format`](mod@format) (syn + prettyplease) → [`write`](mod@write).
//! Nothing here is specific to one API.

pub mod changes;
pub mod diagnostics;
pub mod emit;
pub mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod media;
pub mod scope;
mod templates;
pub mod write;

use std::path::Path;

pub use diagnostics::{Error, Warning};
pub use lower::CrateInfo;

/// A generated crate, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The IR it was emitted from.
    pub api: ir::Api,
    /// Files by path relative to the crate root, with their final contents.
    pub files: Vec<(String, String)>,
    /// Constructs that were approximated.
    pub warnings: Vec<Warning>,
}

/// The runtime crate every SDK crate depends on, in memory: files by path
/// relative to its root (write it where [`CrateInfo::runtime_path`] points).
pub fn runtime_crate() -> Result<Vec<(String, String)>, Error> {
    format::format_all(emit::runtime_files())
}

/// Runs every stage but writing for the document at `spec`.
pub fn generate(spec: &Path, krate: &CrateInfo) -> Result<Generated, Error> {
    let document = load::load(spec)?;
    let lowered = lower::lower(&document, krate)?;
    let files = format::format_all(emit::emit(&lowered.api))?;
    Ok(Generated {
        api: lowered.api,
        files,
        warnings: lowered.warnings,
    })
}
