//! Text → tree: JSON is read as JSON, everything else as YAML.
//!
//! JSON is a subset of YAML, but not in practice: serde_yaml refuses a JSON
//! string escape that writes a character outside the Basic Multilingual
//! Plane as a surrogate pair (`"\ud83d\udc4d"`), which JSON documents
//! exported by tools contain. So a document that is JSON goes through
//! serde_json, straight into the same ordered tree.

use std::path::Path;

use serde_yaml::Value;

use super::bounds;
use crate::diagnostics::Error;

/// Parses a document or a file a `$ref` names, as JSON when it is JSON
/// (by its extension, or by its first character and a successful parse),
/// else as YAML.
pub fn parse_tree(path: &Path, source: &str) -> Result<Value, Error> {
    let json_by_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if json_by_name || looks_like_json(source) {
        match parse_json(source) {
            Ok(value) => return Ok(value),
            // A `.json` file's errors are JSON errors; a `.yaml` file that
            // starts with `{` may still be YAML flow style.
            Err(error) if json_by_name => {
                return Err(Error::file(
                    path,
                    format!("not valid JSON: {}", strip_position(&error.to_string())),
                )
                .with_position(Some((error.line(), error.column())))
                .with_source(source))
            }
            Err(_) => {}
        }
    }
    bounds::parse_wide_integers(source).map_err(|error| {
        let position = error.location().map(|l| (l.line(), l.column()));
        Error::file(
            path,
            format!(
                "not valid YAML or JSON: {}",
                strip_position(&error.to_string())
            ),
        )
        .with_position(position)
        .with_source(source)
    })
}

/// Whether the text starts like a JSON document (a `{`, after white space
/// and a byte-order mark).
pub fn looks_like_json(source: &str) -> bool {
    source
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// JSON into the ordered tree. serde_json reads an integer wider than 64
/// bits as a float, as [`bounds::parse_wide_integers`] does for YAML.
fn parse_json(source: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(source.trim_start_matches('\u{feff}'))
}

/// serde_json and serde_yaml append " at line L column C"; the position is
/// reported separately.
pub fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_surrogate_pairs_are_read() {
        let value = parse_tree(Path::new("d.json"), r#"{"a": "\ud83d\udc4d ok"}"#).unwrap();
        assert_eq!(value["a"].as_str(), Some("\u{1f44d} ok"));
        // Without the extension, the first character decides.
        let value = parse_tree(Path::new("d"), " {\"a\": \"\\ud83d\\udc4d\"}").unwrap();
        assert_eq!(value["a"].as_str(), Some("\u{1f44d}"));
    }

    #[test]
    fn json_keeps_key_order_and_wide_integers() {
        let value = parse_tree(
            Path::new("d.json"),
            r#"{"z": 1, "a": 2, "m": 123456789012345678901234567890}"#,
        )
        .unwrap();
        let keys: Vec<_> = value
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(keys, ["z", "a", "m"]);
        assert!(value["m"].as_f64().is_some_and(|m| m > 1e29));
    }

    #[test]
    fn json_errors_name_line_and_column() {
        let error = parse_tree(Path::new("d.json"), "{\n  \"a\": [1,\n  2,,\n]}").unwrap_err();
        assert_eq!(error.position, Some((3, 5)), "{error}");
        assert!(error.message.starts_with("not valid JSON"), "{error}");
        assert!(!error.message.contains(" at line "), "{error}");
    }

    #[test]
    fn yaml_flow_style_is_still_yaml() {
        let value = parse_tree(Path::new("d.yaml"), "{a: 1, b: [x]}").unwrap();
        assert_eq!(value["b"][0].as_str(), Some("x"));
    }
}
