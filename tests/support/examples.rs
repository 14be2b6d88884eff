//! Builds a JSON example for a schema from the `example`s the document gives
//! its properties, so tests can use the document's own data.

use serde_json::{Map, Value};

/// Follows a local `$ref` inside `spec`.
pub fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            resolve(
                spec,
                spec.pointer(pointer)
                    .unwrap_or_else(|| panic!("dangling {reference}")),
            )
        }
        None => schema,
    }
}

/// The component schema `name`.
pub fn component<'a>(spec: &'a Value, name: &str) -> &'a Value {
    spec.pointer(&format!("/components/schemas/{name}"))
        .unwrap_or_else(|| panic!("no schema {name}"))
}

/// An example for `schema`: its own `example`, else one assembled from its
/// parts. `None` when the document offers nothing to build one from.
pub fn example(spec: &Value, schema: &Value) -> Option<Value> {
    build(spec, schema, 0)
}

fn build(spec: &Value, schema: &Value, depth: usize) -> Option<Value> {
    if depth > 6 {
        return None;
    }
    let schema = resolve(spec, schema);
    if let Some(example) = schema.get("example") {
        return Some(example.clone());
    }
    // A single allowed value is as good as an example.
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|v| v.iter().find(|v| !v.is_null()))
    {
        return Some(first.clone());
    }
    if let Some(members) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for member in members {
            if let Some(Value::Object(part)) = build(spec, member, depth + 1) {
                merged.extend(part);
            }
        }
        return Some(Value::Object(merged));
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(members) = schema.get(key).and_then(Value::as_array) {
            return members.iter().find_map(|m| build(spec, m, depth + 1));
        }
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        let object: Map<String, Value> = properties
            .iter()
            .filter_map(|(name, property)| Some((name.clone(), build(spec, property, depth + 1)?)))
            .collect();
        return Some(Value::Object(object));
    }
    if schema.get("type").and_then(Value::as_str) == Some("array") {
        let item = build(spec, schema.get("items")?, depth + 1)?;
        return Some(Value::Array(vec![item]));
    }
    None
}

/// `example` with every `nullable` property (at any depth the example reaches)
/// set to an explicit `null`.
pub fn with_nulls(spec: &Value, schema: &Value, example: &Value) -> Value {
    let schema = resolve(spec, schema);
    let mut out = example.clone();
    let properties = schema
        .get("allOf")
        .and_then(Value::as_array)
        .map(|members| {
            members
                .iter()
                .filter_map(|m| resolve(spec, m).get("properties"))
                .collect::<Vec<_>>()
        })
        .unwrap_or_else(|| schema.get("properties").into_iter().collect());
    let (Some(object), false) = (out.as_object_mut(), properties.is_empty()) else {
        return out;
    };
    for properties in properties.into_iter().filter_map(Value::as_object) {
        for (name, property) in properties {
            let resolved = resolve(spec, property);
            if resolved.get("nullable") == Some(&Value::Bool(true)) {
                object.insert(name.clone(), Value::Null);
            } else if let Some(inner) = object.get(name).cloned() {
                object.insert(name.clone(), with_nulls(spec, property, &inner));
            }
        }
    }
    out
}
