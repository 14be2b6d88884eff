//! `sdkgen.toml`: what a team sets once for its generated crate (package
//! metadata, which operations, names that must read otherwise, the default
//! server, the runtime dependency and TLS backend), read beside the document.
//! Command-line flags and the library's setters override it.
//!
//! ```toml
//! [package]
//! name = "petstore"
//! version = "1.2.0"
//! description = "Rust SDK for the Petstore API"
//! license = "MIT"
//! repository = "https://example.com/petstore-rs"
//! authors = ["Pet Team <pets@example.com>"]
//!
//! [include]
//! tags = ["pets"]            # only operations with one of these tags...
//! operations = ["getStatus"] # ...or one of these operationIds
//!
//! [rename]
//! resources = { pets = "animals" }  # by tag (or path group) name
//! methods = { listPets = "all" }    # by operationId
//! types = { Pet = "Animal" }        # by component schema name
//!
//! [server]
//! default = "Production"            # a `servers` URL, description or index
//! variables = { region = "eu" }
//!
//! [runtime]
//! version = "0.1"                   # or path = "../sdkgen-runtime"
//! tls = "native-tls"                # or "rustls", the default
//!
//! [output]
//! types_only = false
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::Error;

/// The file name looked for beside a document.
pub const FILE_NAME: &str = "sdkgen.toml";

/// Everything `sdkgen.toml` can say; each part is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The generated crate's package metadata.
    #[serde(default)]
    pub package: Package,
    /// Which operations to generate (all when empty).
    #[serde(default)]
    pub include: Include,
    /// Names that win over the ones the generator would choose.
    #[serde(default)]
    pub rename: Renames,
    /// The server the client uses unless told otherwise.
    #[serde(default)]
    pub server: ServerDefaults,
    /// How the crate depends on the runtime.
    #[serde(default)]
    pub runtime: RuntimeDependency,
    /// What to write.
    #[serde(default)]
    pub output: Output,
}

/// `[package]`: Cargo metadata of the generated crate.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// Cargo package name; the document's title in kebab case otherwise.
    pub name: Option<String>,
    /// Crate version; `0.1.0` otherwise.
    pub version: Option<String>,
    /// Cargo `description`; from the document's title otherwise.
    pub description: Option<String>,
    /// Cargo `license` (an SPDX expression).
    pub license: Option<String>,
    /// Cargo `repository`.
    pub repository: Option<String>,
    /// Cargo `authors`.
    #[serde(default)]
    pub authors: Vec<String>,
}

/// `[include]`: an operation is generated when it has one of `tags` or its
/// `operationId` is in `operations`; with both empty, every one is.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Include {
    /// Tags whose operations are generated.
    #[serde(default)]
    pub tags: Vec<String>,
    /// `operationId`s generated whatever their tags.
    #[serde(default)]
    pub operations: Vec<String>,
}

impl Include {
    /// Whether an operation with `tags` and `operation_id` is generated.
    pub fn admits(&self, tags: &[String], operation_id: &str) -> bool {
        (self.tags.is_empty() && self.operations.is_empty())
            || tags.iter().any(|tag| self.tags.contains(tag))
            || self.operations.iter().any(|id| id == operation_id)
    }
}

/// `[rename]`: the generator's name on the left, the one to use on the right.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renames {
    /// Resources by tag or path-group name (`pets = "animals"` gives
    /// `client.animals()` and `Animals`).
    #[serde(default)]
    pub resources: BTreeMap<String, String>,
    /// Methods by `operationId` (`listPets = "all"`).
    #[serde(default)]
    pub methods: BTreeMap<String, String>,
    /// Types by component schema name (`Pet = "Animal"`).
    #[serde(default)]
    pub types: BTreeMap<String, String>,
}

/// `[server]`: the default server and URL variables.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerDefaults {
    /// A `servers` entry by URL, description or index (`"1"`).
    pub default: Option<String>,
    /// Default values of URL template variables, by variable name.
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
}

/// `[runtime]`: how the crate depends on `sdkgen-runtime`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeDependency {
    /// A version requirement (for a crate that is published).
    pub version: Option<String>,
    /// A path, relative to the generated crate (for a crate beside its runtime).
    pub path: Option<String>,
    /// The TLS backend the crate enables by default.
    pub tls: Option<Tls>,
}

/// A TLS backend of the HTTP client.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Tls {
    /// rustls, with the webpki roots: pure Rust, the default.
    #[default]
    #[serde(rename = "rustls")]
    Rustls,
    /// The platform's TLS (OpenSSL, Secure Transport, SChannel).
    #[serde(rename = "native-tls")]
    NativeTls,
}

/// `[output]`: what to write.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// Models only: no client, no runtime, no HTTP stack.
    #[serde(default)]
    pub types_only: bool,
}

impl Config {
    /// Reads `path`; an unknown key, a wrong type or bad TOML is an error
    /// naming the file, the line and the key.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            Error::file(path, format!("cannot read the configuration: {error}"))
        })?;
        Self::parse(path, &text)
    }

    /// Parses `text`, naming `path` in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self, Error> {
        let config: Self = toml::from_str(text).map_err(|error| {
            let position = error.span().map(|span| line_column(text, span.start));
            Error::file(path, error.message().trim().to_owned())
                .with_position(position)
                .with_source(text)
        })?;
        if config.runtime.version.is_some() && config.runtime.path.is_some() {
            return Err(Error::file(
                path,
                "`[runtime]` takes `version` or `path`, not both",
            ));
        }
        Ok(config)
    }

    /// The `sdkgen.toml` beside `spec`, if there is one.
    pub fn beside(spec: &Path) -> Option<PathBuf> {
        let path = spec.parent().unwrap_or(Path::new(".")).join(FILE_NAME);
        path.is_file().then_some(path)
    }
}

/// 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |at| at + 1) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_section() {
        let config = Config::parse(
            Path::new("sdkgen.toml"),
            "[package]\nname = \"pets\"\nauthors = [\"A\"]\n[include]\ntags = [\"pets\"]\n\
             [rename]\nmethods = { listPets = \"all\" }\n[server]\ndefault = \"1\"\n\
             [runtime]\nversion = \"0.1\"\ntls = \"native-tls\"\n[output]\ntypes_only = true\n",
        )
        .unwrap();
        assert_eq!(config.package.name.as_deref(), Some("pets"));
        assert_eq!(config.rename.methods["listPets"], "all");
        assert_eq!(config.runtime.tls, Some(Tls::NativeTls));
        assert!(config.output.types_only);
        assert!(config.include.admits(&["pets".into()], "x"));
        assert!(!config.include.admits(&["stores".into()], "x"));
        assert!(Include::default().admits(&[], "x"));
    }

    #[test]
    fn an_unknown_key_names_the_key_the_file_and_the_line() {
        let error = Config::parse(
            Path::new("conf/sdkgen.toml"),
            "[package]\nname = \"pets\"\nlicence = \"MIT\"\n",
        )
        .unwrap_err();
        assert_eq!(error.file, Path::new("conf/sdkgen.toml"));
        assert!(
            error.message.contains("unknown field `licence`"),
            "{}",
            error.message
        );
        assert_eq!(error.position, Some((3, 1)));
        let error = Config::parse(Path::new("sdkgen.toml"), "[outptu]\n").unwrap_err();
        assert!(
            error.message.contains("unknown field `outptu`"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_runtime_is_a_version_or_a_path() {
        let error = Config::parse(
            Path::new("sdkgen.toml"),
            "[runtime]\nversion = \"0.1\"\npath = \"../rt\"\n",
        )
        .unwrap_err();
        assert!(error.message.contains("not both"), "{}", error.message);
    }
}
