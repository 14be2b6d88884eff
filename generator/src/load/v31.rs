//! OpenAPI 3.1 read as the 3.0 model the rest of the generator lowers from.
//!
//! 3.1 differs from 3.0 mostly inside schemas, where it adopts JSON Schema
//! 2020-12. Each 3.1 form that has an exact 3.0 equivalent is rewritten in
//! place, so JSON pointers into the document stay valid for diagnostics:
//!
//! | 3.1 | 3.0 |
//! |---|---|
//! | `type: [T, "null"]` | `type: T`, `nullable: true` |
//! | `type: "null"` | `nullable: true` (a member that only admits `null`) |
//! | `type: [T, U]` | `anyOf: [{type: T}, {type: U}]` |
//! | `const: v` | `enum: [v]` |
//! | `exclusiveMinimum: n` | `minimum: n`, `exclusiveMinimum: true` (and maximum) |
//! | `examples: [a, …]` in a schema | `example: a` |
//! | `$ref` with sibling keywords | `allOf: [{$ref}]` beside the siblings |
//! | `contentEncoding: base64` | `format: byte` |
//! | `contentMediaType` on a string | `format: binary` |
//! | `contentMediaType` JSON with a `contentSchema` | text (the content schema is kept beside it) |
//! | `true` (a boolean schema) | `{}` |
//! | `false` | `not: {}`; a `false` property or union member is left out |
//!
//! `$defs` stay where they are: `$ref`s into them are resolved by pointer like
//! any other. What has no 3.0 equivalent is approximated and reported as a
//! [`Warning`] naming its pointer: `prefixItems` (a tuple) becomes a list of
//! the union of its members.

use serde_yaml::{Mapping, Value};

use super::keywords::SchemaChild;
use crate::diagnostics::{escape_token, Warning};

/// Whether the document declares OpenAPI 3.1, or 3.2 (which keeps 3.1's
/// schemas and adds to the rest; [`super::v32`] reports what it adds that the
/// generator does not read).
pub fn is_31(version: &str) -> bool {
    ["3.1", "3.2"]
        .iter()
        .any(|minor| version == *minor || version.starts_with(&format!("{minor}.")))
}

/// Rewrites a 3.1 document's schemas into their 3.0 forms, in place; returns
/// what could only be approximated.
pub fn downgrade(raw: &mut Value) -> Vec<Warning> {
    let mut warnings = Vec::new();
    mutual_tls(raw, &mut warnings);
    walk(raw, "", &mut warnings);
    warnings
}

/// `mutualTLS` security schemes (new in 3.1) authenticate with a client
/// certificate, which is configured on the HTTP client, not per request.
fn mutual_tls(raw: &mut Value, warnings: &mut Vec<Warning>) {
    let Some(Value::Mapping(schemes)) = raw
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
    else {
        return;
    };
    schemes.retain(|name, scheme| {
        let mutual = scheme.get("type").and_then(Value::as_str) == Some("mutualTLS");
        if mutual {
            warnings.push(Warning {
                pointer: format!(
                    "/components/securitySchemes/{}",
                    escape_token(name.as_str().unwrap_or_default())
                ),
                message: "mutual TLS is configured on the HTTP client (`.http_client(|b| b.identity(..))`), not sent per request".to_owned(),
            });
        }
        !mutual
    });
}

/// Walks the document outside schemas, looking for the places that hold one.
fn walk(node: &mut Value, pointer: &str, warnings: &mut Vec<Warning>) {
    match node {
        Value::Mapping(map) => {
            let in_components = pointer == "/components";
            for (key, value) in map.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                let at = format!("{pointer}/{}", escape_token(key));
                // Examples are payloads, and extensions are the vendor's own.
                if super::keywords::is_foreign(key) {
                    continue;
                }
                // `itemSchema` (3.2) describes one item of a streamed answer.
                if key == "schema" || key == "itemSchema" {
                    schema(value, &at, warnings);
                } else if in_components && key == "schemas" {
                    if let Value::Mapping(schemas) = value {
                        for (name, value) in schemas.iter_mut() {
                            let name = name.as_str().unwrap_or_default();
                            schema(value, &format!("{at}/{}", escape_token(name)), warnings);
                        }
                    }
                } else {
                    walk(value, &at, warnings);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                walk(item, &format!("{pointer}/{index}"), warnings);
            }
        }
        _ => {}
    }
}

/// Rewrites one schema and every schema inside it.
fn schema(node: &mut Value, pointer: &str, warnings: &mut Vec<Warning>) {
    if let Value::Bool(admits_anything) = *node {
        *node = boolean_schema(admits_anything);
        return;
    }
    let Value::Mapping(map) = node else { return };
    types(map);
    if let Some(value) = map.remove("const") {
        if !map.contains_key("enum") {
            map.insert("enum".into(), Value::Sequence(vec![value]));
        }
    }
    numeric_exclusive_bounds(map);
    if let Some(Value::Sequence(examples)) = map.get("examples") {
        let first = examples.first().cloned();
        map.remove("examples");
        if let (Some(first), false) = (first, map.contains_key("example")) {
            map.insert("example".into(), first);
        }
    }
    content(map);
    if let Some(Value::Sequence(members)) = map.get("prefixItems") {
        if !map.contains_key("items") {
            let mut distinct: Vec<Value> = Vec::new();
            for member in members {
                if !distinct.contains(member) {
                    distinct.push(member.clone());
                }
            }
            let items = match distinct.as_slice() {
                [only] => only.clone(),
                _ => Value::Mapping(Mapping::from_iter([(
                    "anyOf".into(),
                    Value::Sequence(distinct),
                )])),
            };
            map.insert("items".into(), items);
            warnings.push(Warning {
                pointer: format!("{pointer}/prefixItems"),
                message: "a tuple (`prefixItems`) is read as a list whose items may be any of its members".to_owned(),
            });
        }
        map.remove("prefixItems");
    }
    reference_siblings(map);
    never_members(map);
    for (key, value) in map.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        let at = format!("{pointer}/{}", escape_token(key));
        // `additionalProperties: false` is already 3.0.
        if key == "additionalProperties" && value.is_bool() {
            continue;
        }
        match super::keywords::schema_child(key) {
            Some(SchemaChild::One) => schema(value, &at, warnings),
            Some(SchemaChild::List) => {
                if let Value::Sequence(members) = value {
                    for (index, member) in members.iter_mut().enumerate() {
                        schema(member, &format!("{at}/{index}"), warnings);
                    }
                }
            }
            Some(SchemaChild::Map) => {
                if let Value::Mapping(named) = value {
                    for (name, member) in named.iter_mut() {
                        let name = name.as_str().unwrap_or_default();
                        schema(member, &format!("{at}/{}", escape_token(name)), warnings);
                    }
                }
            }
            None => {}
        }
    }
}

/// `exclusiveMinimum: n` (a number, as JSON Schema has it since draft 6) as
/// 3.0's `minimum: n` with `exclusiveMinimum: true`, and the same for the
/// maximum; returns whether anything was rewritten.
pub fn numeric_exclusive_bounds(map: &mut Mapping) -> bool {
    let mut rewritten = false;
    for (exclusive, inclusive) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(bound) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
            map.insert(inclusive.into(), bound);
            map.insert(exclusive.into(), Value::Bool(true));
            rewritten = true;
        }
    }
    rewritten
}

/// A boolean schema: `true` admits any value (`{}`), `false` none (`not: {}`).
fn boolean_schema(admits_anything: bool) -> Value {
    let mut map = Mapping::new();
    if !admits_anything {
        map.insert("not".into(), Value::Mapping(Mapping::new()));
    }
    Value::Mapping(map)
}

/// A property whose schema is `false` can never be present, and a
/// `oneOf`/`anyOf` member that is `false` never matches: both are left out,
/// which describes the same values.
fn never_members(map: &mut Mapping) {
    if let Some(Value::Mapping(properties)) = map.get_mut("properties") {
        properties.retain(|_, schema| *schema != Value::Bool(false));
    }
    for union in ["oneOf", "anyOf"] {
        if let Some(Value::Sequence(members)) = map.get_mut(union) {
            members.retain(|member| *member != Value::Bool(false));
        }
    }
}

/// `type` as a list, or as `"null"`.
fn types(map: &mut Mapping) {
    let listed: Vec<String> = match map.get("type") {
        Some(Value::Sequence(types)) => types
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(only)) if only == "null" => vec!["null".to_owned()],
        _ => return,
    };
    let nullable = listed.iter().any(|t| t == "null");
    let others: Vec<String> = listed.into_iter().filter(|t| t != "null").collect();
    map.remove("type");
    match others.as_slice() {
        [] => {}
        [only] => {
            map.insert("type".into(), only.as_str().into());
        }
        several => {
            let members = several
                .iter()
                .map(|t| Value::Mapping(Mapping::from_iter([("type".into(), t.as_str().into())])))
                .collect();
            map.insert("anyOf".into(), Value::Sequence(members));
        }
    }
    if nullable {
        map.insert("nullable".into(), Value::Bool(true));
    }
}

/// Binary data described by its encoding or media type.
fn content(map: &mut Mapping) {
    if map.contains_key("format") {
        return;
    }
    let format = match (map.get("contentEncoding"), map.get("contentMediaType")) {
        (Some(Value::String(encoding)), _) if encoding.eq_ignore_ascii_case("base64") => "byte",
        // Text that holds JSON (an event's `data`): the `contentSchema` says
        // what it decodes as, for whoever reads it as JSON.
        (None, Some(Value::String(media)))
            if map.contains_key("contentSchema") && crate::media::is_json(media) =>
        {
            if !map.contains_key("type") {
                map.insert("type".into(), "string".into());
            }
            return;
        }
        (None, Some(_)) => "binary",
        _ => return,
    };
    map.insert("format".into(), format.into());
    if !map.contains_key("type") {
        map.insert("type".into(), "string".into());
    }
}

/// In 3.1 a `$ref` may carry sibling keywords (`description`, `nullable`
/// forms, constraints); 3.0 ignores them. Wrapping the reference in a
/// one-member `allOf` keeps both, as 3.0 documents do by hand.
fn reference_siblings(map: &mut Mapping) {
    if map.len() < 2 {
        return;
    }
    let Some(reference) = map.remove("$ref") else {
        return;
    };
    let wrapped = Value::Mapping(Mapping::from_iter([("$ref".into(), reference)]));
    let mut members = match map.remove("allOf") {
        Some(Value::Sequence(members)) => members,
        _ => Vec::new(),
    };
    members.insert(0, wrapped);
    map.insert("allOf".into(), Value::Sequence(members));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn downgraded(yaml: &str) -> (Value, Vec<Warning>) {
        let mut raw: Value = serde_yaml::from_str(yaml).unwrap();
        let warnings = downgrade(&mut raw);
        (raw, warnings)
    }

    fn at<'a>(value: &'a Value, path: &[&str]) -> &'a Value {
        path.iter().fold(value, |node, key| &node[*key])
    }

    #[test]
    fn schema_forms_become_their_3_0_equivalents_in_place() {
        let (raw, warnings) = downgraded(
            "components:
  schemas:
    A:
      type: object
      properties:
        a: {type: [string, 'null']}
        b: {const: x}
        c: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 10}
        d: {type: string, examples: [one, two]}
        e: {$ref: '#/components/schemas/B', description: Why.}
        f: {type: string, contentEncoding: base64}
        g: {type: [string, integer]}
        h: {type: array, prefixItems: [{type: integer}, {type: string}]}
        i: {anyOf: [{type: string}, {type: 'null'}]}
",
        );
        let props = at(&raw, &["components", "schemas", "A", "properties"]);
        let yaml = |v: &Value| serde_yaml::to_string(v).unwrap();
        assert_eq!(yaml(&props["a"]), "type: string\nnullable: true\n");
        assert_eq!(yaml(&props["b"]), "enum:\n- x\n");
        assert_eq!(
            yaml(&props["c"]),
            "type: number\nexclusiveMinimum: true\nexclusiveMaximum: true\nminimum: 0\nmaximum: 10\n"
        );
        assert_eq!(yaml(&props["d"]), "type: string\nexample: one\n");
        assert_eq!(
            yaml(&props["e"]),
            "description: Why.\nallOf:\n- $ref: '#/components/schemas/B'\n"
        );
        assert_eq!(
            yaml(&props["f"]),
            "type: string\ncontentEncoding: base64\nformat: byte\n"
        );
        assert_eq!(
            yaml(&props["g"]),
            "anyOf:\n- type: string\n- type: integer\n"
        );
        assert_eq!(
            yaml(&props["h"]),
            "type: array\nitems:\n  anyOf:\n  - type: integer\n  - type: string\n"
        );
        assert_eq!(
            yaml(&props["i"]),
            "anyOf:\n- type: string\n- nullable: true\n"
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].pointer,
            "/components/schemas/A/properties/h/prefixItems"
        );
    }

    #[test]
    fn boolean_schemas_become_mappings() {
        let (raw, warnings) = downgraded(
            "components:
  schemas:
    Anything: true
    Nothing: false
    A:
      type: object
      additionalProperties: false
      properties:
        kept: {type: string}
        never: false
        any: true
        list: {type: array, items: true}
        either: {oneOf: [false, {type: string}, true]}
",
        );
        let schemas = at(&raw, &["components", "schemas"]);
        let yaml = |v: &Value| serde_yaml::to_string(v).unwrap();
        assert_eq!(yaml(&schemas["Anything"]), "{}\n");
        assert_eq!(yaml(&schemas["Nothing"]), "not: {}\n");
        let a = &schemas["A"];
        assert_eq!(a["additionalProperties"], Value::Bool(false));
        let names: Vec<_> = a["properties"]
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(names, ["kept", "any", "list", "either"]);
        assert_eq!(yaml(&a["properties"]["any"]), "{}\n");
        assert_eq!(yaml(&a["properties"]["list"]["items"]), "{}\n");
        assert_eq!(
            yaml(&a["properties"]["either"]),
            "oneOf:\n- type: string\n- {}\n"
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn payloads_extensions_and_non_schema_references_are_left_alone() {
        let text = "paths:
  /a:
    $ref: '#/components/pathItems/A'
    description: kept as written
    get:
      parameters:
        - {$ref: '#/components/parameters/P', description: kept}
      responses:
        '200':
          content:
            application/json:
              schema: {type: [object, 'null']}
              examples:
                one: {value: {type: [1, 2], const: 3}}
      x-vendor: {type: [a, 'null']}
";
        let (raw, _) = downgraded(text);
        let op = at(&raw, &["paths", "/a", "get"]);
        let original: Value = serde_yaml::from_str(text).unwrap();
        let original_op = at(&original, &["paths", "/a", "get"]);
        assert_eq!(op["parameters"], original_op["parameters"]);
        assert_eq!(op["x-vendor"], original_op["x-vendor"]);
        let media = at(op, &["responses", "200", "content", "application/json"]);
        assert_eq!(
            media["examples"],
            at(
                original_op,
                &[
                    "responses",
                    "200",
                    "content",
                    "application/json",
                    "examples"
                ]
            )
            .clone()
        );
        assert_eq!(
            serde_yaml::to_string(&media["schema"]).unwrap(),
            "type: object\nnullable: true\n"
        );
        assert_eq!(raw["paths"]["/a"]["$ref"], original["paths"]["/a"]["$ref"]);
    }
}
