//! Our `spec/vault.yml` describes the same API as Apideck's published document:
//! same operations, parameters, bodies, responses and schemas. Only the prose
//! (descriptions, titles, examples) and vendor extensions may differ.

use serde_json::{Map, Value};

/// Keys that carry prose or examples, or vendor extensions: not part of the contract.
fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "description" | "summary" | "title" | "example" | "examples" | "externalDocs"
    ) || key.starts_with("x-")
}

/// Drops annotations, except where a key is a property *name* (inside `properties`).
fn normalize(value: &Value, keys_are_names: bool) -> Value {
    match value {
        Value::Object(map) => {
            let kept: Map<String, Value> = map
                .iter()
                .filter(|(key, _)| keys_are_names || !is_annotation(key))
                .map(|(key, inner)| {
                    (
                        key.clone(),
                        normalize(inner, !keys_are_names && key == "properties"),
                    )
                })
                .collect();
            Value::Object(kept)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| normalize(v, false)).collect()),
        other => other.clone(),
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

#[test]
fn operations_and_components_match_the_published_document() {
    let Some(dir) = tests::published_specs("spec_parity") else {
        return;
    };
    let published = tests::read_yaml(&dir.join("vault.yml"));
    let ours = tests::vault_spec();
    let mut differences = Vec::new();

    let mut published_ops = 0;
    for (path, item) in published["paths"].as_object().unwrap() {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            if op.get("x-sdk-exclude") == Some(&Value::Bool(true)) {
                continue;
            }
            published_ops += 1;
            match ours["paths"].get(path).and_then(|i| i.get(method)) {
                Some(mine) if normalize(mine, false) == normalize(op, false) => {}
                Some(_) => differences.push(format!("{method} {path} differs")),
                None => differences.push(format!("{method} {path} is missing")),
            }
        }
    }
    assert_eq!(
        published_ops, 24,
        "the published document has 24 SDK operations"
    );

    for section in ["schemas", "parameters", "responses", "securitySchemes"] {
        for (name, mine) in ours["components"][section].as_object().unwrap() {
            match published["components"][section].get(name) {
                Some(theirs) if normalize(theirs, false) == normalize(mine, false) => {}
                Some(_) => differences.push(format!("components/{section}/{name} differs")),
                None => differences.push(format!(
                    "components/{section}/{name} is not in the published document"
                )),
            }
        }
    }
    assert!(
        differences.is_empty(),
        "our document drifted:\n{}",
        differences.join("\n")
    );
}

/// Every operation we describe has our SDK naming, so no name is guessed.
#[test]
fn every_operation_has_sdk_names() {
    let ours = tests::vault_spec();
    let mut count = 0;
    for (path, item) in ours["paths"].as_object().unwrap() {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            count += 1;
            for key in ["x-sdk-group", "x-sdk-name", "operationId"] {
                assert!(
                    op.get(key).and_then(Value::as_str).is_some(),
                    "{method} {path} lacks {key}"
                );
            }
        }
    }
    assert_eq!(count, 24);
}
