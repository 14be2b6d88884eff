//! Slips real documents make that have one obvious reading.
//!
//! An empty YAML key (`content:` whose entries lost their indentation) is
//! `null` where OpenAPI wants a mapping. Read as an empty mapping, the rest
//! of the document still generates; the warning names the place so the
//! author can fix it.
//!
//! A 3.0 document written by a tool that follows newer JSON Schema gives
//! `exclusiveMinimum` a number; it is read as 3.1 reads it.

use serde_yaml::{Mapping, Value};

use crate::diagnostics::{escape_token, Warning};

/// Keys whose value OpenAPI requires to be a mapping, and what they hold.
const MAPPINGS: [(&str, &str); 4] = [
    ("content", "media types"),
    ("properties", "properties"),
    ("responses", "responses"),
    ("variables", "server variables"),
];

/// Replaces `null` mappings with empty ones, outside examples and extensions.
pub fn empty_mappings(node: &mut Value, pointer: &str, warnings: &mut Vec<Warning>) {
    match node {
        Value::Mapping(map) => {
            for (key, value) in map.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                if super::keywords::is_foreign(key) {
                    continue;
                }
                let at = format!("{pointer}/{}", escape_token(key));
                match MAPPINGS.iter().find(|(name, _)| *name == key) {
                    Some((_, what)) if value.is_null() => {
                        *value = Value::Mapping(Mapping::new());
                        warnings.push(Warning {
                            pointer: at,
                            message: format!(
                                "`{key}` is empty (null); read as no {what} (is the indentation below it right?)"
                            ),
                        });
                    }
                    _ => empty_mappings(value, &at, warnings),
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                empty_mappings(item, &format!("{pointer}/{index}"), warnings);
            }
        }
        _ => {}
    }
}

/// Rewrites numeric `exclusiveMinimum`/`exclusiveMaximum` (JSON Schema's
/// newer form) in a 3.0 document into 3.0's, outside examples and extensions.
pub fn numeric_exclusive_bounds(node: &mut Value, pointer: &str, warnings: &mut Vec<Warning>) {
    match node {
        Value::Mapping(map) => {
            if super::v31::numeric_exclusive_bounds(map) {
                warnings.push(Warning {
                    pointer: pointer.to_owned(),
                    message: "a numeric `exclusiveMinimum`/`exclusiveMaximum` is OpenAPI 3.1's form; read as 3.1 reads it".to_owned(),
                });
            }
            for (key, value) in map.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                if !super::keywords::is_foreign(key) {
                    let at = format!("{pointer}/{}", escape_token(key));
                    numeric_exclusive_bounds(value, &at, warnings);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                numeric_exclusive_bounds(item, &format!("{pointer}/{index}"), warnings);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_mappings_read_as_empty_with_a_warning() {
        let mut raw: Value = serde_yaml::from_str(
            "paths:\n  /a:\n    post:\n      requestBody:\n        content:\n      responses: {'200': {description: OK}}\n      x-note: {content: null}\n",
        )
        .unwrap();
        let mut warnings = Vec::new();
        empty_mappings(&mut raw, "", &mut warnings);
        assert!(raw["paths"]["/a"]["post"]["requestBody"]["content"].is_mapping());
        assert!(raw["paths"]["/a"]["post"]["x-note"]["content"].is_null());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "/paths/~1a/post/requestBody/content");
    }

    #[test]
    fn numeric_exclusive_bounds_in_3_0_are_read_as_in_3_1() {
        let mut raw: Value = serde_yaml::from_str(
            "components:\n  schemas:\n    A: {type: number, exclusiveMinimum: 0}\n    B: {type: number, minimum: 1, exclusiveMinimum: true}\n    C: {example: {exclusiveMinimum: 2}}\n",
        )
        .unwrap();
        let mut warnings = Vec::new();
        numeric_exclusive_bounds(&mut raw, "", &mut warnings);
        let a = &raw["components"]["schemas"]["A"];
        assert_eq!(a["minimum"].as_i64(), Some(0));
        assert_eq!(a["exclusiveMinimum"], Value::Bool(true));
        assert_eq!(
            raw["components"]["schemas"]["B"]["minimum"].as_i64(),
            Some(1)
        );
        assert_eq!(
            raw["components"]["schemas"]["C"]["example"]["exclusiveMinimum"].as_i64(),
            Some(2)
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "/components/schemas/A");
    }
}
