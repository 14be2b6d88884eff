//! Reading a part of another file as the root file reads it: its `$ref`s
//! (and a discriminator's mapping, which names schemas by reference too)
//! rewritten relative to the root file.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

/// `node` taken from `file`, with its references made absolute: local
/// ones (`#/x`) name that file, so they become `file#/x`.
pub(super) fn rebase(mut node: Value, file: &Path, root: &Path) -> Value {
    /// `reference`, read in `file`, as the root file reads it.
    fn rebase_reference(reference: &mut String, file: &Path, root: &Path) {
        if let Some(local) = reference.strip_prefix('#') {
            if file != root {
                *reference = format!("{}#{local}", file.display());
            }
        } else if !Path::new(reference.split('#').next().unwrap_or("")).is_absolute() {
            let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
            let joined = normalize(&file.parent().unwrap_or(Path::new(".")).join(path));
            *reference = if joined == root {
                format!("#{fragment}")
            } else {
                format!("{}#{fragment}", joined.display())
            };
        }
    }
    fn visit(node: &mut Value, file: &Path, root: &Path) {
        match node {
            Value::Mapping(map) => {
                for (key, value) in map.iter_mut() {
                    match (key.as_str(), value) {
                        (Some("$ref"), Value::String(reference)) => {
                            rebase_reference(reference, file, root);
                        }
                        // A discriminator's mapping holds references as
                        // plain strings; a bare name is a component's.
                        (Some("discriminator"), value) => {
                            let Some(Value::Mapping(mapping)) = value.get_mut("mapping") else {
                                continue;
                            };
                            for target in mapping.values_mut() {
                                if let Value::String(reference) = target {
                                    if reference.starts_with('#')
                                        || reference.contains('.')
                                        || reference.contains('/')
                                    {
                                        rebase_reference(reference, file, root);
                                    }
                                }
                            }
                        }
                        (Some(key), _) if key.starts_with("x-") => {}
                        (_, value) => visit(value, file, root),
                    }
                }
            }
            Value::Sequence(items) => items.iter_mut().for_each(|i| visit(i, file, root)),
            _ => {}
        }
    }
    visit(&mut node, file, root);
    node
}

/// `a/b/../c` as `a/c`, without touching the file system.
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}
