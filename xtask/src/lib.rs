//! Maintainer tasks, also callable from tests so `cargo test` catches a stale crate.

pub mod bench;
pub mod changes;
pub mod corpus;
pub mod history;
pub mod prism;

use std::path::{Path, PathBuf};

use generator::write::{self, Stale};
use generator::{CrateInfo, Error, Warning};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default()
}

/// One document to generate and where its crate goes.
#[derive(Debug, Clone)]
pub struct Target {
    /// The OpenAPI document.
    pub spec: PathBuf,
    /// The crate directory.
    pub out: PathBuf,
    /// Package name and version.
    pub krate: CrateInfo,
}

/// The committed crates: the Vault SDK and one small crate per fixture document.
pub fn default_targets(root: &Path) -> Vec<Target> {
    let mut targets = vec![Target {
        spec: root.join("spec/vault.yml"),
        out: root.join("generated/apideck-vault"),
        krate: CrateInfo {
            name: "apideck-vault".to_owned(),
            version: "0.1.0".to_owned(),
        },
    }];
    targets.extend(fixtures(root).into_iter().map(|(stem, spec)| Target {
        spec,
        out: root.join("generated/fixtures").join(&stem),
        krate: CrateInfo {
            name: format!("fixture-{stem}"),
            version: "0.0.0".to_owned(),
        },
    }));
    targets
}

/// Fixture documents under `tests/fixtures/`, by file stem, sorted.
pub fn fixtures(root: &Path) -> Vec<(String, PathBuf)> {
    corpus::documents(&root.join("tests/fixtures"))
        .into_iter()
        .filter_map(|path| Some((path.file_stem()?.to_string_lossy().replace('_', "-"), path)))
        .collect()
}

/// What happened to one target.
#[derive(Debug)]
pub struct Outcome {
    /// The target.
    pub target: Target,
    /// Files that differed (and, when writing, were rewritten).
    pub stale: Vec<Stale>,
    /// Approximations the generator made.
    pub warnings: Vec<Warning>,
    /// The IR the crate was generated from, for change reports.
    pub api: generator::ir::Api,
}

/// Generates `target`; writes it unless `check`, and reports what differed.
pub fn generate(target: &Target, check: bool) -> Result<Outcome, Error> {
    let generated = generator::generate(&target.spec, &target.krate)?;
    let stale = if check {
        write::check(&target.out, &generated.files)
    } else {
        write::write(&target.out, &generated.files)?
    };
    Ok(Outcome {
        target: target.clone(),
        stale,
        warnings: generated.warnings,
        api: generated.api,
    })
}
