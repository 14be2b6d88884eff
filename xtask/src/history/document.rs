//! What an update removes or tightens in the document itself, independent of
//! the generator: the yardstick for how many updates may need a major release.

use std::collections::BTreeSet;
use std::path::Path;

use serde_yaml::{Mapping, Value};

fn load(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn map<'a>(value: &'a Value, key: &str) -> Option<&'a Mapping> {
    value.get(key).and_then(Value::as_mapping)
}

fn strings(value: Option<&Value>) -> BTreeSet<String> {
    value
        .and_then(Value::as_sequence)
        .map(|items| {
            items
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    other => serde_yaml::to_string(other).ok(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A schema's shape, for "did its type change": its `$ref`, else its `type`
/// (and `format`), else which combinator it uses.
fn shape(schema: &Value) -> String {
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        return format!("ref {target}");
    }
    let text = |key: &str| schema.get(key).and_then(Value::as_str).unwrap_or("");
    for combinator in ["allOf", "oneOf", "anyOf"] {
        if schema.get(combinator).is_some() {
            return combinator.to_owned();
        }
    }
    let items = schema.get("items").map(shape).unwrap_or_default();
    // A free-form object and one with listed properties read differently.
    let object = match (schema.get("properties"), schema.get("additionalProperties")) {
        (Some(_), _) => "with properties",
        (None, Some(Value::Bool(false))) => "closed",
        (None, _) if text("type") == "object" => "free-form",
        _ => "",
    };
    format!("{} {} {object} {items}", text("type"), text("format"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn nullable(schema: &Value) -> bool {
    schema.get("nullable").and_then(Value::as_bool) == Some(true)
}

/// Component schemas that responses reach, directly or through other
/// components: what clients read.
fn read_by_clients(doc: &Value) -> BTreeSet<String> {
    fn refs(value: &Value, into: &mut Vec<String>) {
        match value {
            Value::Mapping(map) => {
                for (key, inner) in map {
                    match (key.as_str(), inner) {
                        (Some("$ref"), Value::String(target)) => {
                            if let Some(name) = target.strip_prefix("#/components/schemas/") {
                                into.push(name.to_owned());
                            }
                        }
                        _ => refs(inner, into),
                    }
                }
            }
            Value::Sequence(items) => items.iter().for_each(|item| refs(item, into)),
            _ => {}
        }
    }
    let mut pending = Vec::new();
    for item in map(doc, "paths")
        .into_iter()
        .flat_map(|paths| paths.values())
    {
        for operation in item.as_mapping().into_iter().flat_map(|ops| ops.values()) {
            if let Some(responses) = operation.get("responses") {
                refs(responses, &mut pending);
            }
        }
    }
    let schemas = doc.get("components").and_then(|c| map(c, "schemas"));
    let mut reached = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if reached.insert(name.clone()) {
            if let Some(schema) = schemas.and_then(|s| s.get(name.as_str())) {
                refs(schema, &mut pending);
            }
        }
    }
    reached
}

/// Removals and tightenings from `old` to `new`, each described in a line:
/// a schema, property, enum value, operation or parameter removed; an
/// operation renamed (`operationId`); a property or parameter newly required;
/// a property's type changed, made non-nullable or read-only; a property that
/// clients read (read-only, or in a schema responses reach) made nullable,
/// which takes away the promise of a value (oasdiff's
/// `response-property-became-nullable`).
pub fn removals(old: &Path, new: &Path) -> Result<Vec<String>, String> {
    let (old, new) = (load(old)?, load(new)?);
    let read = read_by_clients(&new);
    let mut found = Vec::new();
    let schemas = |doc: &Value| {
        doc.get("components")
            .and_then(|c| map(c, "schemas"))
            .cloned()
            .unwrap_or_default()
    };
    let (old_schemas, new_schemas) = (schemas(&old), schemas(&new));
    for (name, before) in &old_schemas {
        let name = name.as_str().unwrap_or_default();
        let Some(after) = new_schemas.get(name) else {
            found.push(format!("schema {name} removed"));
            continue;
        };
        compare_schema(name, before, after, read.contains(name), &mut found);
    }
    let operations = |doc: &Value| -> Vec<(String, Value)> {
        map(doc, "paths")
            .into_iter()
            .flatten()
            .flat_map(|(path, item)| {
                let path = path.as_str().unwrap_or_default().to_owned();
                item.as_mapping()
                    .into_iter()
                    .flatten()
                    .filter(|(method, _)| {
                        matches!(
                            method.as_str(),
                            Some("get" | "put" | "post" | "delete" | "patch" | "head" | "options")
                        )
                    })
                    .map(move |(method, op)| {
                        (
                            format!("{} {path}", method.as_str().unwrap_or_default()),
                            op.clone(),
                        )
                    })
            })
            .collect()
    };
    let new_ops: Vec<(String, Value)> = operations(&new);
    for (key, before) in operations(&old) {
        let Some((_, after)) = new_ops.iter().find(|(k, _)| *k == key) else {
            found.push(format!("operation {key} removed"));
            continue;
        };
        let id = |op: &Value| {
            op.get("operationId")
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        if id(&before) != id(after) {
            found.push(format!(
                "operation {key}: operationId {:?} → {:?}",
                id(&before),
                id(after)
            ));
        }
        let params = |op: &Value| -> Vec<(String, bool)> {
            op.get("parameters")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .map(|p| {
                    let name = p
                        .get("name")
                        .and_then(Value::as_str)
                        .or_else(|| p.get("$ref").and_then(Value::as_str))
                        .unwrap_or_default()
                        .to_owned();
                    (
                        name,
                        p.get("required").and_then(Value::as_bool) == Some(true),
                    )
                })
                .collect()
        };
        let after_params = params(after);
        for (name, required) in params(&before) {
            match after_params.iter().find(|(n, _)| *n == name) {
                None => found.push(format!("operation {key}: parameter {name} removed")),
                Some((_, now)) if *now && !required => {
                    found.push(format!("operation {key}: parameter {name} now required"))
                }
                _ => {}
            }
        }
        for (name, required) in &after_params {
            if *required && !params(&before).iter().any(|(n, _)| n == name) {
                found.push(format!("operation {key}: required parameter {name} added"));
            }
        }
    }
    Ok(found)
}

fn compare_schema(name: &str, before: &Value, after: &Value, read: bool, found: &mut Vec<String>) {
    let (old_values, new_values) = (strings(before.get("enum")), strings(after.get("enum")));
    for value in old_values.difference(&new_values) {
        found.push(format!("{name}: enum value {value} removed"));
    }
    if shape(before) != shape(after) {
        found.push(format!("{name}: type {} → {}", shape(before), shape(after)));
    }
    if let (Some(old_items), Some(new_items)) = (before.get("items"), after.get("items")) {
        compare_schema(&format!("{name}[]"), old_items, new_items, read, found);
    }
    let required_before = strings(before.get("required"));
    for field in strings(after.get("required")).difference(&required_before) {
        found.push(format!("{name}.{field} now required"));
    }
    let (Some(old_props), new_props) = (map(before, "properties"), map(after, "properties")) else {
        return;
    };
    for (property, old_schema) in old_props {
        let property = property.as_str().unwrap_or_default();
        let path = format!("{name}.{property}");
        match new_props.and_then(|p| p.get(property)) {
            None => found.push(format!("{path} removed")),
            Some(new_schema) => {
                if nullable(old_schema) && !nullable(new_schema) {
                    found.push(format!("{path} no longer nullable"));
                }
                let read_only =
                    |s: &Value| s.get("readOnly").and_then(Value::as_bool) == Some(true);
                if !nullable(old_schema) && nullable(new_schema) && (read || read_only(new_schema))
                {
                    found.push(format!("{path} now nullable in what clients read"));
                }
                if !read_only(old_schema) && read_only(new_schema) {
                    found.push(format!(
                        "{path} now read-only (requests can no longer set it)"
                    ));
                }
                compare_schema(&path, old_schema, new_schema, read, found);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removals_between(old: &str, new: &str) -> Vec<String> {
        let dir = std::env::temp_dir().join(format!("document-removals-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (old_path, new_path) = (dir.join("old.yml"), dir.join("new.yml"));
        std::fs::write(&old_path, old).unwrap();
        std::fs::write(&new_path, new).unwrap();
        let found = removals(&old_path, &new_path).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        found
    }

    fn document(nullable: bool) -> String {
        format!(
            "paths:
  /things:
    get:
      responses:
        '200':
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Thing'}}
    post:
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/NewThing'}}
components:
  schemas:
    Thing:
      properties:
        owner: {{$ref: '#/components/schemas/Owner'}}
    Owner:
      properties:
        name: {{type: string, nullable: {nullable}}}
    NewThing:
      properties:
        label: {{type: string, nullable: {nullable}}}
"
        )
    }

    #[test]
    fn a_property_clients_read_made_nullable_is_a_tightening() {
        let found = removals_between(&document(false), &document(true));
        assert_eq!(found, ["Owner.name now nullable in what clients read"]);
        // The other way is a tightening of what clients send.
        let found = removals_between(&document(true), &document(false));
        assert_eq!(
            found,
            [
                "Owner.name no longer nullable",
                "NewThing.label no longer nullable"
            ]
        );
    }
}
