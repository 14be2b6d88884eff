//! Examples for documentation and conformance runs, built from the IR: a call
//! to each operation with example arguments, and example JSON values (the
//! fields' own examples where the document gives them, else the simplest value
//! of each type), so that every operation's example compiles.

use serde_json::{json, Map, Value};

use super::resources::{split, Slot};
use crate::ir::{Api, Field, Operation, Param, Resource, TypeKind, TypeRef};

/// How deep an example nests before giving up (a required field that
/// refers back to its own type has no finite example).
const MAX_DEPTH: usize = 8;

/// A JSON value of type `ty` with every required field filled.
pub fn json_example(api: &Api, ty: &TypeRef) -> Option<Value> {
    example(api, ty, 0)
}

fn example(api: &Api, ty: &TypeRef, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match ty {
        TypeRef::String => json!("text"),
        TypeRef::Bool => json!(true),
        TypeRef::I32 | TypeRef::I64 | TypeRef::Number => json!(1),
        TypeRef::DateTime => json!("2024-01-01T00:00:00Z"),
        TypeRef::Json | TypeRef::Map(_) => json!({}),
        // One item, since a list may have to hold at least one (`minItems`).
        TypeRef::List(item) => match example(api, item, depth + 1) {
            Some(item) => json!([item]),
            None => json!([]),
        },
        TypeRef::Multipart | TypeRef::Bytes => return None,
        TypeRef::Named(name) => {
            let def = api.types.iter().find(|t| &t.name == name)?;
            match &def.kind {
                TypeKind::Struct(s) => {
                    let mut object = Map::new();
                    for field in s.fields.iter().filter(|f| f.required) {
                        let value = match &field.example {
                            Some(example) => example.clone(),
                            None if field.nullable => Value::Null,
                            None => example(api, &field.ty, depth + 1)?,
                        };
                        object.insert(field.wire_name.clone(), value);
                    }
                    Value::Object(object)
                }
                TypeKind::Enum(e) => {
                    let first = e.variants.first()?;
                    if e.integer {
                        json!(first.value.parse::<i64>().ok()?)
                    } else {
                        json!(first.value)
                    }
                }
                TypeKind::Tagged(t) => {
                    let variant = t.variants.first()?;
                    let mut value = example(api, &variant.ty, depth + 1)?;
                    value
                        .as_object_mut()?
                        .insert(t.property.clone(), json!(variant.tags.first()?));
                    value
                }
                TypeKind::Untagged(u) => example(api, &u.variants.first()?.ty, depth + 1)?,
                TypeKind::Alias(target) | TypeKind::Newtype(target) => {
                    example(api, target, depth + 1)?
                }
            }
        }
    })
}

/// `client.resource().op(args).send().await?` with example arguments, or `None`
/// when a parameter has no simple literal. A body that cannot be built in one
/// expression is decoded from example JSON, so the caller's function must
/// return a boxed error.
pub fn call(api: &Api, resource: &Resource, op: &Operation) -> Option<String> {
    let (positional, setters) = split(op);
    let mut args = Vec::new();
    for slot in &positional {
        args.push(match slot {
            Slot::Param(param) => param_literal(api, param)?,
            Slot::Body(body) => body_literal(api, &body.ty).or_else(|| match &body.ty {
                TypeRef::String => Some("\"text\"".to_owned()),
                TypeRef::Bytes => Some("b\"example\".to_vec()".to_owned()),
                TypeRef::Named(name) => {
                    let json = json_example(api, &body.ty)?;
                    Some(format!(
                        "serde_json::from_value::<models::{name}>(serde_json::json!({json}))?"
                    ))
                }
                _ => None,
            })?,
        });
    }
    // Required values that did not fit as arguments are setters.
    let mut required_setters = String::new();
    for slot in &setters {
        if let Slot::Param(param) = slot {
            if param.required && param.global.is_none() {
                required_setters.push_str(&format!(
                    ".{}({})",
                    param.rust_name,
                    param_literal(api, param)?
                ));
            }
        }
    }
    Some(format!(
        "client.{}().{}({}){required_setters}.send().await?",
        resource.accessor,
        op.method_name,
        args.join(", ")
    ))
}

pub(super) fn kind<'a>(api: &'a Api, name: &str) -> Option<&'a TypeKind> {
    api.types.iter().find(|t| t.name == name).map(|t| &t.kind)
}

/// Looks through aliases (`type ConsumerId = String;`) to the type a literal must have.
pub(super) fn unalias<'a>(api: &'a Api, ty: &'a TypeRef) -> &'a TypeRef {
    match ty {
        TypeRef::Named(name) => match kind(api, name) {
            Some(TypeKind::Alias(target) | TypeKind::Newtype(target)) => unalias(api, target),
            _ => ty,
        },
        _ => ty,
    }
}

pub(super) fn param_literal(api: &Api, param: &Param) -> Option<String> {
    match (unalias(api, &param.ty), param.example.as_ref()) {
        (TypeRef::String, Some(Value::String(text))) => Some(format!("{text:?}")),
        (TypeRef::String, _) => Some(format!("{:?}", param.rust_name)),
        (ty, example) => scalar_literal(api, ty, example),
    }
}

/// A literal for a scalar or enum value, in the form a builder argument accepts.
pub(super) fn scalar_literal(api: &Api, ty: &TypeRef, example: Option<&Value>) -> Option<String> {
    match ty {
        TypeRef::Bool => Some(example.and_then(Value::as_bool).unwrap_or(true).to_string()),
        TypeRef::I32 | TypeRef::I64 => {
            Some(example.and_then(Value::as_i64).unwrap_or(1).to_string())
        }
        // The variant the example names, else the first: enums take no text.
        TypeRef::Named(name) => {
            let Some(TypeKind::Enum(e)) = kind(api, name) else {
                return None;
            };
            let wanted = match example {
                Some(Value::String(text)) => Some(text.clone()),
                Some(Value::Number(number)) => Some(number.to_string()),
                _ => None,
            };
            let variant = e
                .variants
                .iter()
                .find(|v| Some(&v.value) == wanted.as_ref())
                .or(e.variants.first())?;
            Some(format!("models::{name}::{}", variant.name))
        }
        _ => None,
    }
}

/// A request body: `Type::default()`, or `Type::new(..)` from the fields' examples.
pub(super) fn body_literal(api: &Api, ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Map(_) => Some("Default::default()".to_owned()),
        TypeRef::Named(name) => match kind(api, name)? {
            TypeKind::Struct(s) if s.default => Some(format!("models::{name}::default()")),
            TypeKind::Struct(s) => {
                let args = s
                    .fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| field_literal(api, f))
                    .collect::<Option<Vec<_>>>()?;
                (args.len() <= 7).then(|| format!("models::{name}::new({})", args.join(", ")))
            }
            _ => None,
        },
        _ => None,
    }
}

pub(super) fn field_literal(api: &Api, field: &Field) -> Option<String> {
    if field.nullable {
        return Some("None".to_owned());
    }
    if field.boxed {
        return None;
    }
    match (unalias(api, &field.ty), field.example.as_ref()) {
        (TypeRef::String, Some(Value::String(text))) => Some(format!("{text:?}")),
        (TypeRef::String, _) => Some(format!("{:?}", field.wire_name)),
        // An empty list or map: the setters and `new` take `impl Into<_>`.
        // One item, since a list may have to hold at least one (`minItems`).
        (TypeRef::List(item), _) => {
            let item = match unalias(api, item) {
                TypeRef::String => "String::from(\"text\")".to_owned(),
                _ => scalar_literal(api, item, None).or_else(|| body_literal(api, item))?,
            };
            Some(format!("vec![{item}]"))
        }
        (TypeRef::Map(_), _) => Some("std::collections::BTreeMap::new()".to_owned()),
        (ty, example) => scalar_literal(api, ty, example),
    }
}
