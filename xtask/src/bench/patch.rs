//! The copy of a document that progenitor accepts: patched only where
//! progenitor 0.15 refuses or panics, each patch counted so the benchmark can
//! list what it changed.

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

/// What [`for_progenitor`] changed, as `(patch, how many times)`.
pub type Patches = Vec<(&'static str, usize)>;

/// Patches `doc` in place for progenitor.
pub fn for_progenitor(doc: &mut Value) -> Patches {
    let parameters = doc
        .pointer("/components/parameters")
        .cloned()
        .unwrap_or(Value::Null);
    let mut dropped_params = 0;
    let mut dropped_default = 0;
    let mut renamed_default = 0;
    let mut unified_errors = 0;
    let paths = doc.get_mut("paths").and_then(Value::as_object_mut);
    for item in paths.into_iter().flat_map(|p| p.values_mut()) {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        dropped_params += drop_unsupported_styles(item, &parameters);
        for method in [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ] {
            let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) else {
                continue;
            };
            dropped_params += drop_unsupported_styles(op, &parameters);
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            let errors: Vec<String> = responses
                .keys()
                .filter(|k| k.starts_with('4') || k.starts_with('5'))
                .cloned()
                .collect();
            // progenitor counts `default` as a success type too.
            if let Some(default) = responses.remove("default") {
                if errors.is_empty() {
                    responses.insert("4XX".to_owned(), default);
                    renamed_default += 1;
                } else {
                    dropped_default += 1;
                }
            }
            // progenitor allows one error type per operation.
            if let Some(first) = errors.first().and_then(|k| responses.get(k)).cloned() {
                for key in &errors[1..] {
                    if responses.get(key) != Some(&first) {
                        responses.insert(key.clone(), first.clone());
                        unified_errors += 1;
                    }
                }
            }
        }
    }
    let titled = title_clashing_properties(doc);
    vec![
        (
            "query parameters of style deepObject, spaceDelimited or pipeDelimited dropped",
            dropped_params,
        ),
        (
            "`default` responses dropped beside 4xx/5xx ones (progenitor takes `default` as a success type)",
            dropped_default,
        ),
        (
            "`default` responses renamed `4XX` where no 4xx/5xx is documented",
            renamed_default,
        ),
        (
            "4xx/5xx responses made copies of the operation's first one (progenitor allows one error type)",
            unified_errors,
        ),
        (
            "inline property schemas that progenitor would name like a component given a title (`…Property`)",
            titled,
        ),
    ]
}

/// progenitor names an inline property schema `{Parent}{Property}`; where a
/// component already has that name, the crate would define it twice.
fn title_clashing_properties(doc: &mut Value) -> usize {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return 0;
    };
    let names: std::collections::BTreeSet<String> =
        schemas.keys().map(|k| k.to_upper_camel_case()).collect();
    let mut titled = 0;
    for (parent, schema) in schemas.iter_mut() {
        let parent = parent.to_upper_camel_case();
        let properties = schema.get_mut("properties").and_then(Value::as_object_mut);
        for (property, inline) in properties.into_iter().flatten() {
            let name = format!("{parent}{}", property.to_upper_camel_case());
            let Some(inline) = inline.as_object_mut() else {
                continue;
            };
            if names.contains(&name)
                && !inline.contains_key("$ref")
                && !inline.contains_key("title")
            {
                inline.insert("title".to_owned(), Value::String(format!("{name}Property")));
                titled += 1;
            }
        }
    }
    titled
}

/// Removes the parameters progenitor cannot serialize; how many.
fn drop_unsupported_styles(holder: &mut Map<String, Value>, components: &Value) -> usize {
    let Some(list) = holder.get_mut("parameters").and_then(Value::as_array_mut) else {
        return 0;
    };
    let before = list.len();
    list.retain(|param| {
        let resolved = param
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/parameters/"))
            .and_then(|name| components.get(name))
            .unwrap_or(param);
        !matches!(
            resolved.get("style").and_then(Value::as_str),
            Some("deepObject" | "spaceDelimited" | "pipeDelimited")
        )
    });
    before - list.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patches_only_what_progenitor_refuses() {
        let mut doc = serde_json::json!({
            "components": {
                "parameters": {"Filter": {"name": "filter", "in": "query", "style": "deepObject"}},
                "schemas": {
                    "Item": {"properties": {"state": {"enum": ["a"]}, "kind": {"enum": ["b"]}}},
                    "ItemState": {"enum": ["a"]}
                }
            },
            "paths": {"/a": {"get": {
                "parameters": [{"$ref": "#/components/parameters/Filter"}, {"name": "limit", "in": "query"}],
                "responses": {
                    "200": {"description": "ok"},
                    "400": {"description": "bad"},
                    "404": {"description": "missing"},
                    "default": {"description": "other"}
                }
            }, "post": {"responses": {"201": {"description": "made"}, "default": {"description": "other"}}}}}
        });
        let patches = for_progenitor(&mut doc);
        let counts: Vec<usize> = patches.iter().map(|p| p.1).collect();
        assert_eq!(counts, [1, 1, 1, 1, 1]);
        let item = &doc["components"]["schemas"]["Item"]["properties"];
        assert_eq!(item["state"]["title"], "ItemStateProperty");
        assert!(item["kind"].get("title").is_none());
        let get = &doc["paths"]["/a"]["get"];
        assert_eq!(get["parameters"].as_array().map(Vec::len), Some(1));
        assert_eq!(get["responses"]["404"]["description"], "bad");
        assert!(get["responses"].get("default").is_none());
        assert_eq!(
            doc["paths"]["/a"]["post"]["responses"]["4XX"]["description"],
            "other"
        );
    }
}
