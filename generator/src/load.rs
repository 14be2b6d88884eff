//! Stage 1: read an OpenAPI 3.0, 3.1 or 3.2 document (YAML or JSON) and
//! resolve `$ref`s. A 3.1 or 3.2 document is rewritten into the 3.0 model
//! first ([`v31`], [`v32`]).

mod bounds;
pub mod bundle;
pub mod keywords;
mod lenient;
mod locate;
mod refine;
mod syntax;
pub mod v31;
pub mod v32;

use std::path::{Path, PathBuf};

use openapiv3::{OpenAPI, ReferenceOr};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::diagnostics::{unescape_token, Error, Warning};

/// A parsed document: the typed model plus the raw tree, which keeps key order
/// and lets `$ref`s point anywhere.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it was read from (used in every diagnostic).
    pub path: PathBuf,
    /// The source text, for line numbers.
    pub source: String,
    /// The raw tree, in document order.
    pub raw: Value,
    /// The typed OpenAPI model.
    pub openapi: OpenAPI,
    /// What loading could only approximate (3.1 forms 3.0 cannot say).
    pub warnings: Vec<Warning>,
    /// Where the parts taken from other files were written.
    pub origins: Vec<bundle::Origin>,
}

/// Reads and parses the document at `path`.
pub fn load(path: &Path) -> Result<Document, Error> {
    let source = std::fs::read_to_string(path)
        .map_err(|error| Error::file(path, format!("cannot read the document: {error}")))?;
    parse(path, source)
}

/// Parses `source`, naming `path` in diagnostics.
pub fn parse(path: &Path, source: String) -> Result<Document, Error> {
    let mut raw = syntax::parse_tree(path, &source)?;
    raw.apply_merge()
        .map_err(|error| Error::file(path, format!("invalid YAML merge key: {error}")))?;
    let version = check_version(path, &raw)?;
    let mut warnings = Vec::new();
    let origins = bundle::bundle(path, &mut raw, &mut warnings)?;
    lenient::empty_mappings(&mut raw, "", &mut warnings);
    if v31::is_31(&version) {
        // `paths` is optional in 3.1 (a document may describe only webhooks).
        if let Value::Mapping(root) = &mut raw {
            if !root.contains_key("paths") {
                root.insert("paths".into(), Value::Mapping(Default::default()));
            }
        }
        if v32::is_32(&version) {
            warnings.extend(v32::unread(&raw));
        }
        warnings.extend(v31::downgrade(&mut raw));
    } else {
        lenient::numeric_exclusive_bounds(&mut raw, "", &mut warnings);
    }
    bounds::fit_integer_bounds(&mut raw);
    let openapi: OpenAPI = serde_path_to_error::deserialize(raw.clone()).map_err(|error| {
        let (pointer, message) = refine::refine(
            &raw,
            &path_to_pointer(error.path()),
            error.inner().to_string(),
        );
        let message = format!("not a valid OpenAPI {version} document here: {message}");
        located(path, &source, &origins, &pointer, message)
    })?;
    Ok(Document {
        path: path.to_owned(),
        source,
        raw,
        openapi,
        warnings,
        origins,
    })
}

/// The node `pointer` names inside `root`.
fn at_pointer<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = root;
    for token in pointer.split('/').skip(1) {
        let token = unescape_token(token);
        node = match node {
            Value::Mapping(map) => map.get(token.as_str())?,
            Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// An error at `pointer` of the bundled tree, named by the file and pointer
/// it was written at (another file's, for a part taken from one).
fn located(
    path: &Path,
    source: &str,
    origins: &[bundle::Origin],
    pointer: &str,
    message: String,
) -> Error {
    let within = |origin: &&bundle::Origin| {
        pointer == origin.at || pointer.starts_with(&format!("{}/", origin.at))
    };
    match origins.iter().filter(within).max_by_key(|o| o.at.len()) {
        Some(origin) => {
            let inner = format!("{}{}", origin.pointer, &pointer[origin.at.len()..]);
            Error::at(&origin.path, inner.clone(), message)
                .with_position(locate::locate(&origin.source, &inner))
                .with_source(&origin.source)
        }
        None => Error::at(path, pointer, message)
            .with_position(locate::locate(source, pointer))
            .with_source(source),
    }
}

/// The declared version, when it is one we read (3.0.x, 3.1.x or 3.2.x).
fn check_version(path: &Path, raw: &Value) -> Result<String, Error> {
    if !raw.is_mapping() {
        return Err(Error::at(
            path,
            "",
            "the document must be a mapping with `openapi`, `info` and `paths`",
        ));
    }
    match raw.get("openapi").and_then(Value::as_str) {
        Some(version) if version.starts_with("3.0.") || version == "3.0" || v31::is_31(version) => {
            Ok(version.to_owned())
        }
        Some(version) => Err(Error::at(
            path,
            "/openapi",
            format!("only OpenAPI 3.0.x, 3.1.x and 3.2.x documents are supported; this one declares `{version}`"),
        )),
        None => match raw.get("openapi") {
            // `openapi: 3.0` unquoted is a YAML number.
            Some(Value::Number(number)) => Err(Error::at(
                path,
                "/openapi",
                format!("the version must be a string such as `3.1.0`; this one is the number `{number}`"),
            )),
            _ => Err(Error::at(
                path,
                "/openapi",
                "missing `openapi: 3.0.x` or `openapi: 3.1.x` version field",
            )),
        },
    }
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let tokens = path.iter().filter_map(|segment| match segment {
        Segment::Seq { index } => Some(index.to_string()),
        Segment::Map { key } => Some(key.clone()),
        Segment::Enum { variant } => Some(variant.clone()),
        Segment::Unknown => None,
    });
    crate::diagnostics::pointer(tokens)
}

impl Document {
    /// An error at `pointer`, with its line and column when they can be found.
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Error {
        located(
            &self.path,
            &self.source,
            &self.origins,
            pointer,
            message.into(),
        )
    }

    /// The raw node a local JSON pointer names.
    pub fn lookup(&self, pointer: &str) -> Option<&Value> {
        at_pointer(&self.raw, pointer)
    }

    /// Follows `$ref`s from `item` (found at `at`) to a concrete value.
    ///
    /// Returns the value and the pointer it was found at. References must be
    /// local (`#/...`); chains are followed, cycles are reported.
    pub fn resolve<T: DeserializeOwned + Clone>(
        &self,
        item: &ReferenceOr<T>,
        at: &str,
    ) -> Result<(T, String), Error> {
        let mut current = item.clone();
        let mut pointer = at.to_owned();
        for _ in 0..32 {
            match current {
                ReferenceOr::Item(value) => return Ok((value, pointer)),
                ReferenceOr::Reference { reference } => {
                    let target = self.ref_target(&reference, &pointer)?;
                    let node = self.lookup(&target).ok_or_else(|| {
                        self.error(
                            &format!("{pointer}/$ref"),
                            format!("`$ref: {reference}` points at nothing"),
                        )
                    })?;
                    current = serde_path_to_error::deserialize(node.clone()).map_err(|error| {
                        let inner = format!("{target}{}", path_to_pointer(error.path()));
                        self.error(
                            &inner,
                            format!(
                                "the target of `$ref: {reference}` is not valid here: {}",
                                error.inner()
                            ),
                        )
                    })?;
                    pointer = target;
                }
            }
        }
        Err(self.error(at, "`$ref` chain is too long or circular"))
    }

    /// Turns a `$ref` string into a local JSON pointer, rejecting external ones.
    pub fn ref_target(&self, reference: &str, at: &str) -> Result<String, Error> {
        match reference.strip_prefix('#') {
            Some(pointer) if pointer.is_empty() || pointer.starts_with('/') => Ok(percent_decode(pointer)),
            _ => Err(self.error(
                &format!("{at}/$ref"),
                format!("`$ref: {reference}` is not a local reference (`#/...`); external documents are not supported"),
            )),
        }
    }
}

/// `$ref` values are URI fragments, so `%7B` stands for `{`.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(source: &str) -> Result<Document, Error> {
        parse(Path::new("t.yml"), source.to_owned())
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let error = parse_str("openapi: 3.0.3\ninfo: [\n").unwrap_err();
        assert_eq!(error.file, Path::new("t.yml"));
        assert!(error.position.is_some(), "{error}");
        assert!(error.to_string().starts_with("t.yml:"), "{error}");
    }

    #[test]
    fn wrong_version_is_refused() {
        let error =
            parse_str("openapi: 2.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap_err();
        assert_eq!(error.pointer.as_deref(), Some("/openapi"));
        assert!(error.message.contains("`2.0`"), "{error}");
        // 3.1 is read; a document that describes only webhooks needs no `paths`.
        let document = parse_str("openapi: 3.1.1\ninfo: {title: t, version: '1'}\n").unwrap();
        assert!(document.openapi.paths.paths.is_empty());
    }

    #[test]
    fn schema_errors_carry_a_pointer_and_line() {
        let source = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let error = parse_str(source).unwrap_err();
        assert_eq!(
            error.pointer.as_deref(),
            Some("/paths/~1a/get/responses"),
            "{error}"
        );
        assert_eq!(error.position.map(|p| p.0), Some(8), "{error}");
    }

    #[test]
    fn percent_escapes_in_refs_are_decoded() {
        assert_eq!(percent_decode("/paths/~1a~1%7Bid%7D"), "/paths/~1a~1{id}");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
