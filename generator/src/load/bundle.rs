//! Documents split across files: relative `$ref`s are brought into the one
//! tree the later stages read, so they only ever see local references.
//!
//! - A schema another file holds becomes a component of its own (named after
//!   its fragment, else its file), once, however many places refer to it; a
//!   `components/schemas` entry that refers to one keeps its own name. So
//!   shared models stay shared types, and cycles across files are plain
//!   local `$ref` cycles, which lowering already handles.
//! - Anything else (path items, parameters, responses, a description) is
//!   copied in place; a cycle of those is an error.
//! - `$ref` chains (an index file that refers on to the real file) are
//!   followed to their end.
//!
//! Each copied or hoisted node remembers where it came from ([`Origin`]), so a
//! diagnostic about it names that file, its line and its JSON pointer there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::keywords::{is_foreign, schema_child, SchemaChild};
use super::{bounds, syntax};
use rebase::normalize;

mod rebase;
use crate::diagnostics::{escape_token, unescape_token, Error, Warning};

/// Most `$ref` hops followed from one reference.
const MAX_CHAIN: usize = 64;
/// The largest file a `$ref` may bring in.
const MAX_FILE_SIZE: u64 = 64 << 20;

/// Where a part of the bundled tree was written.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Its pointer in the bundled tree.
    pub at: String,
    /// The file that holds it.
    pub path: PathBuf,
    /// Its pointer in that file.
    pub pointer: String,
    /// That file's text, for line numbers.
    pub source: String,
}

/// A file and a pointer into it: what an external `$ref` names.
type Target = (PathBuf, String);

struct Bundler {
    root: PathBuf,
    files: BTreeMap<PathBuf, (String, Value)>,
    /// Targets already in the tree, by their local pointer.
    placed: BTreeMap<Target, String>,
    /// Component schema names taken.
    names: BTreeSet<String>,
    hoisted: Vec<(String, Value)>,
    origins: Vec<Origin>,
    /// Non-schema targets being copied, to refuse cycles.
    copying: Vec<Target>,
    /// Files read as plain text (Markdown descriptions, code samples).
    texts: BTreeSet<PathBuf>,
    /// Text files referred to where no text belongs, left out.
    warnings: Vec<Warning>,
}

/// Brings every external `$ref` of `raw` (read from `path`) into it. Returns
/// where the nodes taken from other files came from; nothing when the
/// document is in one file.
///
/// A file that is not YAML or JSON by its extension (`description.md`, a
/// code sample) is text: it becomes the value of a `description`, `summary`
/// or `title` that refers to it, and is left out, with a warning, anywhere
/// else.
pub fn bundle(
    path: &Path,
    raw: &mut Value,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Origin>, Error> {
    if !has_external(raw) {
        return Ok(Vec::new());
    }
    // Every file is named by an absolute path, so a reference rebased onto
    // its file never gets joined to a directory twice.
    let root = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut bundler = Bundler {
        root: root.clone(),
        files: BTreeMap::new(),
        placed: BTreeMap::new(),
        names: BTreeSet::new(),
        hoisted: Vec::new(),
        origins: Vec::new(),
        copying: Vec::new(),
        texts: BTreeSet::new(),
        warnings: Vec::new(),
    };
    // `components/schemas` itself may be a `$ref` to a file of schemas.
    if let Some(schemas) = raw.get_mut("components").and_then(|c| c.get_mut("schemas")) {
        if let Some(reference) = schemas
            .get("$ref")
            .and_then(Value::as_str)
            .map(str::to_owned)
        {
            let target = bundler.target(&root, &reference, "/components/schemas")?;
            let (content, from) = bundler.follow(target, "/components/schemas")?;
            *schemas = rebase::rebase(content, &from.0, &bundler.root);
            bundler.origin("/components/schemas", &from);
        }
    }
    // Component slots claim their targets first, under their own names.
    if let Some(Value::Mapping(schemas)) =
        raw.get_mut("components").and_then(|c| c.get_mut("schemas"))
    {
        bundler.names = schemas
            .keys()
            .filter_map(|k| k.as_str().map(str::to_owned))
            .collect();
        for (name, schema) in schemas.iter_mut() {
            let at = format!(
                "/components/schemas/{}",
                escape_token(name.as_str().unwrap_or_default())
            );
            if let Some(reference) = external_ref(schema) {
                let target = bundler.target(&root, &reference, &at)?;
                let (content, from) = bundler.follow(target, &at)?;
                if bundler.texts.contains(&from.0) {
                    *schema = bundler.text(content, &reference, &at);
                    continue;
                }
                bundler.placed.insert(from.clone(), at.clone());
                *schema = rebase::rebase(content, &from.0, &bundler.root);
                bundler.origin(&at, &from);
            }
        }
    }
    bundler.walk(raw, &root.clone(), "", false)?;
    // Hoisted schemas may refer on to more files; walk each once.
    let mut done = 0;
    while done < bundler.hoisted.len() {
        let (name, mut schema) = bundler.hoisted[done].clone();
        let at = format!("/components/schemas/{}", escape_token(&name));
        let base = bundler
            .origins
            .iter()
            .find(|o| o.at == at)
            .map_or_else(|| root.clone(), |o| o.path.clone());
        bundler.walk(&mut schema, &base, &at, true)?;
        bundler.hoisted[done].1 = schema;
        done += 1;
    }
    let hoisted = std::mem::take(&mut bundler.hoisted);
    if !hoisted.is_empty() {
        let root_map = raw
            .as_mapping_mut()
            .ok_or_else(|| Error::at(path, "", "the document must be a mapping"))?;
        let components = root_map
            .entry("components".into())
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if !components.is_mapping() {
            *components = Value::Mapping(Mapping::new());
        }
        let schemas = components
            .as_mapping_mut()
            .map(|c| {
                c.entry("schemas".into())
                    .or_insert_with(|| Value::Mapping(Mapping::new()))
            })
            .and_then(Value::as_mapping_mut)
            .ok_or_else(|| {
                Error::at(
                    path,
                    "/components/schemas",
                    "`components/schemas` must be a mapping",
                )
            })?;
        for (name, schema) in hoisted {
            schemas.insert(name.into(), schema);
        }
    }
    warnings.append(&mut bundler.warnings);
    Ok(bundler.origins)
}

/// Fields whose value is text, which a `$ref` to a text file may fill.
const TEXT_FIELDS: [&str; 3] = ["description", "summary", "title"];

/// A file read as text rather than parsed: any extension but YAML's and JSON's.
fn is_text_file(path: &Path) -> bool {
    !path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        e == "yaml" || e == "yml" || e == "json"
    }) && path.extension().is_some()
}

/// Whether any `$ref` in `node` names another file.
fn has_external(node: &Value) -> bool {
    match node {
        Value::Mapping(map) => map.iter().any(|(key, value)| {
            (key.as_str() == Some("$ref") && value.as_str().is_some_and(|r| !r.starts_with('#')))
                || (!key.as_str().is_some_and(|k| k.starts_with("x-")) && has_external(value))
        }),
        Value::Sequence(items) => items.iter().any(has_external),
        _ => false,
    }
}

/// The `$ref` of a node that is only a reference to another file.
fn external_ref(node: &Value) -> Option<String> {
    node.get("$ref")
        .and_then(Value::as_str)
        .filter(|r| !r.starts_with('#'))
        .map(str::to_owned)
}

impl Bundler {
    /// The file and pointer `reference` names, read from a node of `base`.
    fn target(&mut self, base: &Path, reference: &str, at: &str) -> Result<Target, Error> {
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let path = if file.is_empty() {
            base.to_owned()
        } else {
            let joined = base.parent().unwrap_or(Path::new(".")).join(file);
            normalize(&joined)
        };
        if !self.files.contains_key(&path) {
            // Only regular files of a sane size: `/dev/zero` must not hang a run.
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() && meta.len() <= MAX_FILE_SIZE => {}
                Ok(meta) if meta.is_file() => {
                    return Err(self.error(
                        at,
                        format!(
                            "`$ref: {reference}` names `{}`, which is larger than {} MiB",
                            path.display(),
                            MAX_FILE_SIZE >> 20
                        ),
                    ));
                }
                Ok(_) => {
                    return Err(self.error(
                        at,
                        format!(
                            "`$ref: {reference}` names `{}`, which is not a file",
                            path.display()
                        ),
                    ));
                }
                Err(_) => {}
            }
            let source = std::fs::read_to_string(&path).map_err(|error| {
                self.error(
                    at,
                    format!(
                        "`$ref: {reference}` names `{}`, which cannot be read: {error}",
                        path.display()
                    ),
                )
            })?;
            let value = if is_text_file(&path) {
                self.texts.insert(path.clone());
                Value::String(source.clone())
            } else {
                let mut value = syntax::parse_tree(&path, &source)?;
                bounds::fit_integer_bounds(&mut value);
                value
            };
            self.files.insert(path.clone(), (source, value));
        }
        Ok((path, super::percent_decode(fragment)))
    }

    /// The node a target names, following `$ref` chains to their end; also
    /// returns the final target.
    fn follow(&mut self, mut target: Target, at: &str) -> Result<(Value, Target), Error> {
        for _ in 0..MAX_CHAIN {
            let node = self.node(&target, at)?;
            match node.get("$ref").and_then(Value::as_str) {
                Some(next) if node.as_mapping().is_some_and(|m| m.len() == 1) => {
                    let next = next.to_owned();
                    let base = target.0.clone();
                    target = if let Some(local) = next.strip_prefix('#') {
                        (base, super::percent_decode(local))
                    } else {
                        self.target(&base, &next, at)?
                    };
                }
                _ => return Ok((node, target)),
            }
        }
        Err(self.error(at, "`$ref`s refer on to each other more than 64 times"))
    }

    /// The node at a target, or an error naming both ends.
    fn node(&self, target: &Target, at: &str) -> Result<Value, Error> {
        let (path, pointer) = target;
        let (source, value) = &self.files[path];
        let node = super::at_pointer(value, pointer).ok_or_else(|| {
            Error::at(
                path,
                pointer.clone(),
                format!(
                    "`{pointer}` names nothing in this file (referred to from #{at} of {})",
                    self.root.display()
                ),
            )
            .with_position(super::locate::locate(source, pointer))
            .with_source(source)
        })?;
        Ok(node.clone())
    }

    /// What a `$ref` to a text file at `at` stands for: the text where the
    /// field is text, else nothing (an empty mapping), with a warning.
    fn text(&mut self, content: Value, reference: &str, at: &str) -> Value {
        let field = at.rsplit('/').next().unwrap_or_default();
        if TEXT_FIELDS.contains(&field) {
            return content;
        }
        self.warnings.push(Warning {
            pointer: at.to_owned(),
            message: format!(
                "`$ref: {reference}` names a file that is neither YAML nor JSON, where no text belongs; left out"
            ),
        });
        Value::Mapping(Mapping::new())
    }

    fn origin(&mut self, at: &str, from: &Target) {
        let source = self.files[&from.0].0.clone();
        self.origins.push(Origin {
            at: at.to_owned(),
            path: from.0.clone(),
            pointer: from.1.clone(),
            source,
        });
    }

    fn error(&self, at: &str, message: impl Into<String>) -> Error {
        Error::at(&self.root, at, message)
    }

    /// A component name for a hoisted schema: its fragment's last token, else
    /// its file's stem; then with the file's stem before it; then its place.
    fn component_name(&mut self, target: &Target) -> String {
        let stem = target
            .0
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let last = target
            .1
            .rsplit('/')
            .next()
            .filter(|t| !t.is_empty())
            .map(unescape_token);
        let mut candidates = Vec::new();
        if let Some(last) = &last {
            candidates.push(last.clone());
            candidates.push(format!("{stem}_{last}"));
        }
        candidates.push(stem.clone());
        let place: Vec<String> = target
            .0
            .components()
            .rev()
            .take(3)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        candidates.push(format!("{}{}", place.join("_"), target.1.replace('/', "_")));
        let name = candidates
            .into_iter()
            .find(|c| !self.names.contains(c))
            .unwrap_or_else(|| format!("{stem}_{}", self.names.len()));
        self.names.insert(name.clone());
        name
    }

    /// Places a schema read from another file under `components/schemas`
    /// and returns its local pointer.
    fn hoist(&mut self, content: Value, from: Target) -> String {
        let name = self.component_name(&from);
        let local = format!("/components/schemas/{}", escape_token(&name));
        self.placed.insert(from.clone(), local.clone());
        let content = rebase::rebase(content, &from.0, &self.root);
        self.origin(&local, &from);
        self.hoisted.push((name, content));
        local
    }

    /// A discriminator's `mapping` names schemas by reference too, as plain
    /// strings (`attach: models/attach.yml`): those in other files become
    /// the local pointers their schemas are placed at, so the mapping still
    /// names the `oneOf` members.
    fn discriminator_mapping(
        &mut self,
        node: &mut Value,
        base: &Path,
        at: &str,
    ) -> Result<(), Error> {
        let Some(Value::Mapping(mapping)) = node.get_mut("mapping") else {
            return Ok(());
        };
        for (tag, value) in mapping.iter_mut() {
            let Some(reference) = value.as_str().filter(|r| !r.starts_with('#')) else {
                continue;
            };
            // A bare name (`Cat`) names a component schema, not a file.
            if !reference.contains('.') && !reference.contains('/') {
                continue;
            }
            let tag = tag.as_str().unwrap_or_default();
            let here = format!("{at}/mapping/{}", escape_token(tag));
            let target = self.target(base, reference, &here)?;
            let (content, from) = self.follow(target, &here)?;
            let local = match self.placed.get(&from) {
                Some(local) => local.clone(),
                None => self.hoist(content, from),
            };
            *value = Value::String(format!("#{local}"));
        }
        Ok(())
    }

    /// Replaces external references under `node` (at `at`, read from `base`).
    fn walk(
        &mut self,
        node: &mut Value,
        base: &Path,
        at: &str,
        in_schema: bool,
    ) -> Result<(), Error> {
        if let Some(reference) = external_ref(node) {
            let target = self.target(base, &reference, at)?;
            let (content, from) = self.follow(target, at)?;
            if self.texts.contains(&from.0) {
                *node = self.text(content, &reference, at);
                return Ok(());
            }
            // Sibling keywords (3.1) stay beside the reference.
            let local_ref = |local: &str| Value::String(format!("#{local}"));
            if let Some(local) = self.placed.get(&from) {
                node["$ref"] = local_ref(local);
                return Ok(());
            }
            if in_schema {
                let local = self.hoist(content, from);
                node["$ref"] = local_ref(&local);
                return Ok(());
            }
            if self.copying.contains(&from) {
                return Err(self.error(
                    at,
                    format!("`$ref: {reference}` leads back to itself through other files"),
                ));
            }
            self.copying.push(from.clone());
            let mut content = rebase::rebase(content, &from.0, &self.root);
            self.origin(at, &from);
            let result = self.walk(&mut content, &from.0.clone(), at, false);
            self.copying.pop();
            result?;
            // A Reference Object's own `summary` or `description` wins (3.1).
            if let (Value::Mapping(siblings), Value::Mapping(copied)) = (&*node, &mut content) {
                for (key, value) in siblings {
                    if key.as_str() != Some("$ref") {
                        copied.insert(key.clone(), value.clone());
                    }
                }
            }
            *node = content;
            return Ok(());
        }
        match node {
            Value::Mapping(map) => {
                for (key, value) in map.iter_mut() {
                    let Some(key) = key.as_str() else { continue };
                    if is_foreign(key) {
                        continue;
                    }
                    if in_schema && key == "discriminator" {
                        self.discriminator_mapping(value, base, &format!("{at}/discriminator"))?;
                        continue;
                    }
                    let child_at = format!("{at}/{}", escape_token(key));
                    match (in_schema, schema_child(key)) {
                        (true, Some(SchemaChild::One)) => {
                            self.walk(value, base, &child_at, true)?
                        }
                        (true, Some(SchemaChild::List)) => {
                            if let Value::Sequence(items) = value {
                                for (index, item) in items.iter_mut().enumerate() {
                                    self.walk(item, base, &format!("{child_at}/{index}"), true)?;
                                }
                            }
                        }
                        (true, Some(SchemaChild::Map)) => {
                            if let Value::Mapping(named) = value {
                                for (name, item) in named.iter_mut() {
                                    let name = name.as_str().unwrap_or_default();
                                    self.walk(
                                        item,
                                        base,
                                        &format!("{child_at}/{}", escape_token(name)),
                                        true,
                                    )?;
                                }
                            }
                        }
                        _ => {
                            // Each entry of `components/schemas` is a schema;
                            // elsewhere only a `schema` key holds one.
                            if child_at == "/components/schemas" {
                                if let Value::Mapping(named) = value {
                                    for (name, item) in named.iter_mut() {
                                        let name = name.as_str().unwrap_or_default();
                                        self.walk(
                                            item,
                                            base,
                                            &format!("{child_at}/{}", escape_token(name)),
                                            true,
                                        )?;
                                    }
                                }
                            } else {
                                self.walk(value, base, &child_at, key == "schema")?;
                            }
                        }
                    }
                }
            }
            Value::Sequence(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    self.walk(item, base, &format!("{at}/{index}"), false)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}
