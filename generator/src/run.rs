//! One run of the generator, as tools and build scripts start it: a document,
//! its `sdkgen.toml`, and the options given in code or on the command line
//! (which win over the file); out comes a crate, a check of one, or a single
//! module for `include!`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use heck::ToKebabCase;

use crate::config::Config;
use crate::diagnostics::{Error, Warning};
use crate::write::{self, Stale};
use crate::{load, CrateInfo, Generated};

/// Generates an SDK crate (or a module) from an OpenAPI document.
///
/// Settings come from, in order of precedence: the setters here, the
/// configuration file (`sdkgen.toml` beside the document unless
/// [`config_file`](Self::config_file) names another), then defaults (the
/// crate named after the document's title, version `0.1.0`, the runtime
/// crate beside the crate's directory).
#[derive(Debug, Clone)]
pub struct Generator {
    spec: PathBuf,
    config_file: Option<PathBuf>,
    crate_name: Option<String>,
    version: Option<String>,
    types_only: Option<bool>,
    runtime_path: Option<String>,
    runtime_version: Option<String>,
}

/// What a run produced or found.
#[derive(Debug)]
pub struct Output {
    /// The crate in memory, with its IR and warnings.
    pub generated: Generated,
    /// Files that differed from what was on disk (and were rewritten, unless
    /// this was a check), the runtime crate's included.
    pub stale: Vec<Stale>,
    /// Where the runtime crate was written or checked, when the crate
    /// depends on it by path.
    pub runtime_dir: Option<PathBuf>,
    /// How long the run took.
    pub elapsed: Duration,
}

impl Output {
    /// The approximations the generator made.
    pub fn warnings(&self) -> &[Warning] {
        &self.generated.warnings
    }
}

impl Generator {
    /// A run for the document at `spec` (YAML or JSON, OpenAPI 3.0 to 3.2).
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Self {
            spec: spec.into(),
            config_file: None,
            crate_name: None,
            version: None,
            types_only: None,
            runtime_path: None,
            runtime_version: None,
        }
    }

    /// Reads the configuration from `path` instead of `sdkgen.toml` beside
    /// the document.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config_file = Some(path.into());
        self
    }

    /// The Cargo package name (its library name with `_` for `-`).
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// The crate's version.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Models only: serde types and their builders, no client, no runtime
    /// crate, no HTTP stack.
    pub fn types_only(mut self, types_only: bool) -> Self {
        self.types_only = Some(types_only);
        self
    }

    /// Depends on the runtime crate at `path`, relative to the crate.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// Depends on the published runtime crate `version` (e.g. `"0.1"`), for
    /// a crate that is itself published.
    pub fn runtime_version(mut self, version: impl Into<String>) -> Self {
        self.runtime_version = Some(version.into());
        self
    }

    /// The configuration file in force: the one named, else `sdkgen.toml`
    /// beside the document when there is one.
    pub fn config_path(&self) -> Option<PathBuf> {
        self.config_file
            .clone()
            .or_else(|| Config::beside(&self.spec))
    }

    /// The crate's name, version and configuration, from the setters, the
    /// configuration file and the document's title.
    fn crate_info(&self, document: &load::Document) -> Result<CrateInfo, Error> {
        let config_file = self.config_path();
        let mut config = match &config_file {
            Some(path) => Config::read(path)?,
            None => Config::default(),
        };
        if let Some(types_only) = self.types_only {
            config.output.types_only = types_only;
        }
        if let Some(path) = &self.runtime_path {
            config.runtime.path = Some(path.clone());
            config.runtime.version = None;
        }
        if let Some(version) = &self.runtime_version {
            config.runtime.version = Some(version.clone());
            config.runtime.path = None;
        }
        let name = self
            .crate_name
            .clone()
            .or_else(|| config.package.name.clone())
            .unwrap_or_else(|| document.openapi.info.title.to_kebab_case());
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(Error::file(
                config_file.as_deref().unwrap_or(&self.spec),
                format!(
                    "`{name}` is not a Cargo package name (ASCII letters, digits, `-` and `_`)"
                ),
            ));
        }
        let version = self
            .version
            .clone()
            .or_else(|| config.package.version.clone())
            .unwrap_or_else(|| "0.1.0".to_owned());
        let mut krate = CrateInfo::new(name, version);
        krate.config = config;
        krate.config_file = config_file;
        Ok(krate)
    }

    /// Generates the crate in memory.
    pub fn generate(&self) -> Result<Generated, Error> {
        let document = load::load(&self.spec)?;
        let krate = self.crate_info(&document)?;
        crate::generate_document(&document, &krate)
    }

    /// Writes the crate to `out` (and the runtime crate where it depends on
    /// it by path, unless it is types-only). Unchanged files are left alone;
    /// files the generator no longer writes are removed.
    pub fn write_crate(&self, out: &Path) -> Result<Output, Error> {
        self.crate_run(out, false)
    }

    /// Compares the crate at `out` (and its runtime crate) with what would
    /// be written, writing nothing: [`Output::stale`] lists what differs.
    pub fn check_crate(&self, out: &Path) -> Result<Output, Error> {
        self.crate_run(out, true)
    }

    fn crate_run(&self, out: &Path, check: bool) -> Result<Output, Error> {
        let started = Instant::now();
        let generated = self.generate()?;
        let mut stale = if check {
            write::check(out, &generated.files)
        } else {
            write::write(out, &generated.files)?
        };
        let package = &generated.api.package;
        let runtime_dir = (!package.types_only && package.runtime_version.is_none())
            .then(|| resolve(out, &generated.api.runtime_path));
        if let Some(dir) = &runtime_dir {
            let files = crate::runtime_crate()?;
            stale.extend(if check {
                write::check(dir, &files)
            } else {
                write::write(dir, &files)?
            });
        }
        Ok(Output {
            generated,
            stale,
            runtime_dir,
            elapsed: started.elapsed(),
        })
    }

    /// Writes the crate as one Rust file at `path`, for a crate to
    /// `include!` at its root (`include!(concat!(env!("OUT_DIR"), "/sdk.rs"));`),
    /// and prints `cargo:rerun-if-changed` for the document, every file it
    /// refers to, and the configuration file.
    ///
    /// The including crate depends on what the generated `Cargo.toml` would
    /// list: `sdkgen-runtime`, `serde`, `serde_json`, `reqwest`,
    /// `futures-util` and `time` (a types-only module needs no runtime and
    /// no HTTP stack). Name the crate after the including package
    /// (`CARGO_PKG_NAME`) so the rustdoc examples name it.
    pub fn write_module(&self, path: impl AsRef<Path>) -> Result<Output, Error> {
        let started = Instant::now();
        let path = path.as_ref();
        let generated = self.generate()?;
        let text = crate::module::single_file(&generated.files)?;
        for input in generated.inputs.iter().chain(self.config_path().iter()) {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        if self.config_file.is_none() {
            // A configuration added later must trigger a rebuild too.
            let beside = self
                .spec
                .parent()
                .unwrap_or(Path::new("."))
                .join(crate::config::FILE_NAME);
            println!("cargo:rerun-if-changed={}", beside.display());
        }
        let changed = std::fs::read_to_string(path).map_or(true, |old| old != text);
        if changed {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::file(path, format!("cannot create the directory: {e}")))?;
            }
            std::fs::write(path, &text)
                .map_err(|e| Error::file(path, format!("cannot write the module: {e}")))?;
        }
        Ok(Output {
            generated,
            stale: if changed {
                vec![Stale::Changed(path.to_owned())]
            } else {
                Vec::new()
            },
            runtime_dir: None,
            elapsed: started.elapsed(),
        })
    }
}

/// `relative` (with `..` parts) resolved against `base`.
fn resolve(base: &Path, relative: &str) -> PathBuf {
    let mut dir = base.to_owned();
    for part in Path::new(relative).components() {
        match part {
            std::path::Component::ParentDir => {
                dir.pop();
            }
            other => dir.push(other),
        }
    }
    dir
}
