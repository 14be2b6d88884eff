//! OpenAPI 3.2 read through 3.1: its schemas are 3.1's, and its media types'
//! `itemSchema` describes one item of a streamed answer (read by lowering).
//! What 3.2 adds that the generator does not read yet is reported here, so
//! nothing is dropped silently.

use serde_yaml::Value;

use crate::diagnostics::{escape_token, Warning};

/// Whether the document declares OpenAPI 3.2.
pub fn is_32(version: &str) -> bool {
    version == "3.2" || version.starts_with("3.2.")
}

/// Warnings for the operations 3.2 adds outside the HTTP methods 3.1 knows:
/// the `query` method and `additionalOperations`.
pub fn unread(raw: &Value) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let Some(Value::Mapping(paths)) = raw.get("paths") else {
        return warnings;
    };
    for (path, item) in paths {
        let path = escape_token(path.as_str().unwrap_or_default());
        for key in ["query", "additionalOperations"] {
            if item.get(key).is_some() {
                warnings.push(Warning {
                    pointer: format!("/paths/{path}/{key}"),
                    message: format!(
                        "`{key}` (OpenAPI 3.2) is not generated yet: call it with a custom request"
                    ),
                });
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_operations_it_leaves_out() {
        let raw: Value = serde_yaml::from_str(
            "paths:\n  /search:\n    query: {}\n    get: {}\n  /a~b:\n    additionalOperations: {LINK: {}}\n",
        )
        .unwrap();
        let pointers: Vec<String> = unread(&raw).into_iter().map(|w| w.pointer).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1search/query",
                "/paths/~1a~0b/additionalOperations"
            ]
        );
        assert!(is_32("3.2.0") && !is_32("3.20"));
    }
}
