//! Narrows a deserialization error down to the node that is actually wrong.
//!
//! openapiv3 models `$ref`-or-value with untagged enums, and serde reports an
//! untagged mismatch at the enum, not inside it: a bad `responses` deep in one
//! operation surfaces as "error at /paths". Here we re-check the children of the
//! reported node one by one, each against the type OpenAPI expects there, and
//! follow the first one that fails, as deep as it goes.

use openapiv3::{
    MediaType, Operation, Parameter, PathItem, RequestBody, Response, Schema, SecurityScheme,
};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::diagnostics::pointer as join;

/// The deepest (pointer, message) below `pointer` that fails to deserialize, if any.
pub fn refine(raw: &Value, pointer: &str, message: String) -> (String, String) {
    let mut current = (pointer.to_owned(), message);
    // Each round goes at least one level deeper, so this ends.
    while let Some(deeper) = deeper_failure(raw, &current.0) {
        if deeper.0 == current.0 {
            break;
        }
        current = deeper;
    }
    current
}

fn deeper_failure(raw: &Value, pointer: &str) -> Option<(String, String)> {
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(crate::diagnostics::unescape_token)
        .collect();
    let node = lookup(raw, &tokens)?;
    let children: Vec<(String, &Value)> = match node {
        Value::Mapping(map) => map
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v)))
            .collect(),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => return None,
    };
    for (key, child) in children {
        if child.get("$ref").is_some() {
            continue;
        }
        let mut child_tokens = tokens.clone();
        child_tokens.push(key);
        if let Some(Err((inner, message))) = check(&child_tokens, child) {
            return Some((format!("{}{inner}", join(&child_tokens)), message));
        }
    }
    None
}

/// Deserializes `value` as what OpenAPI expects at `tokens`, if that is known.
fn check(tokens: &[String], value: &Value) -> Option<Result<(), (String, String)>> {
    let last = tokens.last()?.as_str();
    let parent = tokens
        .len()
        .checked_sub(2)
        .and_then(|i| tokens.get(i))
        .map(String::as_str);
    let is_method = matches!(
        last,
        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
    );
    Some(match (parent, last) {
        (Some("paths"), _) if tokens.len() == 2 => try_as::<PathItem>(value),
        (Some(_), _) if tokens.len() == 3 && tokens[0] == "paths" && is_method => {
            try_as::<Operation>(value)
        }
        (Some("parameters"), _) => try_as::<Parameter>(value),
        (_, "requestBody") | (Some("requestBodies"), _) => try_as::<RequestBody>(value),
        (Some("responses"), _) => try_as::<Response>(value),
        (Some("securitySchemes"), _) => try_as::<SecurityScheme>(value),
        (Some("content"), _) => try_as::<MediaType>(value),
        (Some("schemas" | "properties" | "allOf" | "oneOf" | "anyOf"), _)
        | (_, "schema" | "items" | "additionalProperties" | "not") => try_as::<Schema>(value),
        _ => return None,
    })
}

fn try_as<T: DeserializeOwned>(value: &Value) -> Result<(), (String, String)> {
    serde_path_to_error::deserialize::<_, T>(value.clone())
        .map(drop)
        .map_err(|error| {
            let inner = join(error.path().iter().filter_map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
                serde_path_to_error::Segment::Unknown => None,
            }));
            (inner, error.inner().to_string())
        })
}

fn lookup<'a>(raw: &'a Value, tokens: &[String]) -> Option<&'a Value> {
    tokens.iter().try_fold(raw, |node, token| match node {
        Value::Mapping(map) => map.get(token.as_str()),
        Value::Sequence(items) => items.get(token.parse::<usize>().ok()?),
        _ => None,
    })
}
