//! Generates Rust SDK crates from OpenAPI 3.0, 3.1 and 3.2 documents.
//!
//! The work runs in stages, each with one job, data flowing one way:
//! [`load`] (YAML/JSON → OpenAPI model) → [`lower`] (→ our [`ir`], every Rust name
//! decided) → [`emit`] (IR → tokens) → [`format`](mod@format) (syn + prettyplease) → [`write`](mod@write).
//! Nothing here is specific to one API.
//!
//! [`Generator`] is the way in for tools and build scripts: it reads
//! `sdkgen.toml` beside the document ([`config`]), lets flags override it, and
//! writes a crate, checks one, or writes a single module for `include!`:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let out_dir = std::env::var("OUT_DIR")?;
//!     sdkgen::Generator::new("openapi.yaml")
//!         .crate_name(std::env::var("CARGO_PKG_NAME")?)
//!         .write_module(std::path::Path::new(&out_dir).join("sdk.rs"))?;
//!     Ok(())
//! }
//! ```

pub mod changes;
pub mod config;
pub mod diagnostics;
pub mod emit;
pub mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod media;
pub mod module;
mod run;
pub mod scope;
mod templates;
pub mod write;

use std::path::Path;

pub use diagnostics::{Error, Warning};
pub use lower::CrateInfo;
pub use run::{Generator, Output};

/// A generated crate, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The IR it was emitted from.
    pub api: ir::Api,
    /// Files by path relative to the crate root, with their final contents.
    pub files: Vec<(String, String)>,
    /// Constructs that were approximated.
    pub warnings: Vec<Warning>,
    /// Every file the document was read from (more than one when it refers
    /// to others), for build scripts' `rerun-if-changed`.
    pub inputs: Vec<std::path::PathBuf>,
}

/// The runtime crate every SDK crate depends on, in memory: files by path
/// relative to its root (write it where [`CrateInfo::runtime_path`] points).
pub fn runtime_crate() -> Result<Vec<(String, String)>, Error> {
    format::format_all(emit::runtime_files())
}

/// Runs every stage but writing for the document at `spec`.
pub fn generate(spec: &Path, krate: &CrateInfo) -> Result<Generated, Error> {
    generate_document(&load::load(spec)?, krate)
}

/// Runs every stage after loading for `document`.
pub fn generate_document(document: &load::Document, krate: &CrateInfo) -> Result<Generated, Error> {
    let lowered = lower::lower(document, krate)?;
    let files = format::format_all(emit::emit(&lowered.api))?;
    let mut inputs = vec![document.path.clone()];
    for origin in &document.origins {
        if !inputs.contains(&origin.path) {
            inputs.push(origin.path.clone());
        }
    }
    Ok(Generated {
        api: lowered.api,
        files,
        warnings: lowered.warnings,
        inputs,
    })
}
