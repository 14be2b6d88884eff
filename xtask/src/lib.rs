//! Maintainer tasks, also callable from tests so `cargo test` catches a stale crate.

pub mod bench;
pub mod changes;
pub mod conformance;
pub mod corpus;
pub mod history;
pub mod outside;
pub mod prism;
pub mod runtime_semver;

use std::path::{Path, PathBuf};
use std::process::Command;

use sdkgen::write::{self, Stale};
use sdkgen::{CrateInfo, Error, Warning};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default()
}

/// The `cargo` running xtask, for building crates a run generates and then
/// throws away (corpus, history, conformance, outside): incremental
/// compilation is off, because each such crate is compiled once and its
/// caches alone filled more than 4 GB of a CI run's disk.
pub fn cargo_once() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.env("CARGO_INCREMENTAL", "0");
    command
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
    /// Hand-written example programs copied into the crate's `examples/`.
    pub examples: Option<PathBuf>,
}

/// The committed crates: the Vault SDK and one small crate per fixture document.
pub fn default_targets(root: &Path) -> Vec<Target> {
    let mut targets = vec![Target {
        spec: root.join("spec/vault.yml"),
        out: root.join("generated/apideck-vault"),
        // 0.2.0: the runtime's hooks, transports and `http_client` changed (its
        // CHANGELOG); the Vault operations and models only gained.
        krate: CrateInfo::new("apideck-vault", "0.2.0"),
        examples: Some(root.join("spec/examples")),
    }];
    // The same models, types only: no client, no runtime crate, no HTTP stack.
    let mut types = CrateInfo::new("apideck-vault-types", "0.1.0");
    types.config.output.types_only = true;
    types.config.package.description =
        Some("The Apideck Vault API's data types with serde, without a client".to_owned());
    targets.push(Target {
        spec: root.join("spec/vault.yml"),
        out: root.join("generated/apideck-vault-types"),
        krate: types,
        examples: None,
    });
    targets.extend(fixtures(root).into_iter().map(|(stem, spec)| Target {
        spec,
        out: root.join("generated/fixtures").join(&stem),
        krate: CrateInfo {
            // `generated/fixtures/x` → `generated/sdkgen-runtime`: one runtime crate.
            runtime_path: format!("../../{}", sdkgen::emit::RUNTIME_CRATE),
            ..CrateInfo::new(format!("fixture-{stem}"), "0.0.0")
        },
        examples: None,
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
    pub api: sdkgen::ir::Api,
}

/// The directory of the runtime crate `target`'s crate depends on.
pub fn runtime_dir(target: &Target) -> PathBuf {
    let mut dir = target.out.clone();
    for part in Path::new(&target.krate.runtime_path).components() {
        match part {
            std::path::Component::ParentDir => {
                dir.pop();
            }
            other => dir.push(other),
        }
    }
    dir
}

/// Writes the runtime crate to `dir` unless `check`; the files that differed.
pub fn write_runtime(dir: &Path, check: bool) -> Result<Vec<Stale>, Error> {
    let files = sdkgen::runtime_crate()?;
    if check {
        Ok(write::check(dir, &files))
    } else {
        write::write(dir, &files)
    }
}

/// Generates `target`; writes it unless `check`, and reports what differed.
pub fn generate(target: &Target, check: bool) -> Result<Outcome, Error> {
    let mut generated = sdkgen::generate(&target.spec, &target.krate)?;
    if let Some(dir) = &target.examples {
        generated.files.extend(examples(dir));
    }
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

/// The example programs in `dir`, as files of the crate (`examples/NAME.rs`),
/// stamped like every generated file so that a hand edit is noticed.
pub fn examples(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).ok()?;
            // Relative, so that every checkout generates the same bytes.
            let shown = dir.strip_prefix(workspace_root()).unwrap_or(dir);
            let source = format!("{}/{name}", shown.display());
            Some((
                format!("examples/{name}"),
                format!("// {}; copied from `{source}`\n{text}", sdkgen::emit::STAMP),
            ))
        })
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod cargo_once_tests {
    #[test]
    fn throwaway_builds_are_not_incremental() {
        let command = super::cargo_once();
        let incremental = command
            .get_envs()
            .find(|(key, _)| *key == "CARGO_INCREMENTAL")
            .and_then(|(_, value)| value);
        assert_eq!(incremental, Some(std::ffi::OsStr::new("0")));
    }
}
