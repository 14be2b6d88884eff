//! Examples for documentation and conformance runs, built from the IR: a call
//! to each operation with example arguments, and example JSON values (the
//! fields' own examples where the document gives them, else the simplest value
//! of each type), so that every operation's example compiles.

use serde_json::{json, Map, Value};

use super::resources::{split, Slot};
use crate::ir::{Api, Body, Field, Operation, Param, Resource, TypeKind, TypeRef};

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

/// Whether `value` decodes as `ty`, as far as the IR tells: a document's
/// example that does not (a number written as text) is not used, since the
/// example call would fail before it is sent.
fn fits(api: &Api, ty: &TypeRef, value: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match ty {
        TypeRef::String | TypeRef::DateTime => value.is_string(),
        TypeRef::Bool => value.is_boolean(),
        TypeRef::I32 | TypeRef::I64 => value.is_i64() || value.is_u64(),
        TypeRef::Number => value.is_number(),
        TypeRef::Json | TypeRef::Multipart | TypeRef::Bytes => true,
        TypeRef::List(item) => value
            .as_array()
            .is_some_and(|items| items.iter().all(|v| fits(api, item, v, depth + 1))),
        TypeRef::Map(inner) => value
            .as_object()
            .is_some_and(|map| map.values().all(|v| fits(api, inner, v, depth + 1))),
        TypeRef::Named(name) => match kind(api, name) {
            Some(TypeKind::Struct(s)) => value.as_object().is_some_and(|object| {
                s.fields
                    .iter()
                    .all(|field| match object.get(&field.wire_name) {
                        None => !field.required,
                        Some(Value::Null) => field.nullable || !field.required,
                        Some(v) => fits(api, &field.ty, v, depth + 1),
                    })
            }),
            Some(TypeKind::Enum(e)) if e.integer => value.is_i64(),
            Some(TypeKind::Enum(_)) => value.is_string(),
            Some(TypeKind::Tagged(t)) => {
                let tag = value.get(&t.property).and_then(Value::as_str);
                t.variants
                    .iter()
                    .find(|v| v.tags.iter().any(|known| Some(known.as_str()) == tag))
                    .is_some_and(|v| fits(api, &v.ty, value, depth + 1))
            }
            Some(TypeKind::Untagged(u)) => u
                .variants
                .iter()
                .any(|v| fits(api, &v.ty, value, depth + 1)),
            Some(TypeKind::Alias(target) | TypeKind::Newtype(target)) => {
                fits(api, target, value, depth + 1)
            }
            None => false,
        },
    }
}

/// `client.resource().op(args).send().await?` with example arguments, or `None`
/// when a parameter has no simple literal. A body that cannot be built in one
/// expression is decoded from example JSON, so the caller's function must
/// return a boxed error.
pub fn call(api: &Api, resource: &Resource, op: &Operation) -> Option<String> {
    call_with(api, resource, op, Bodies::Typed)
}

/// How an example call builds its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// A typed constructor where the body type has one (what the docs show),
    /// else the document's example, else a synthesised value.
    Typed,
    /// The document's own example wherever it gives one that fits the body
    /// type (what a conformance run sends), else as `Typed`.
    Document,
}

/// [`call`], building bodies as `bodies` says.
pub fn call_with(api: &Api, resource: &Resource, op: &Operation, bodies: Bodies) -> Option<String> {
    let (positional, setters) = split(op);
    let mut args = Vec::new();
    for slot in &positional {
        args.push(match slot {
            Slot::Param(param) => param_literal(api, param)?,
            Slot::Body(body) => typed_body(api, body, bodies).or_else(|| match &body.ty {
                TypeRef::String => Some(format!("{:?}", body_text(body).unwrap_or("text"))),
                TypeRef::Bytes => Some(bytes_literal(body_text(body).unwrap_or("example"))),
                TypeRef::Multipart => Some(multipart_literal(body)),
                // A list, a map or a model: decoded from the document's own
                // example where it gives one that fits (a synthesised value
                // has only the required fields, and some bodies need more,
                // such as one of `name` or `company`), else a synthesised one.
                other => decoded_literal(api, other, body.example.as_ref()),
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

/// The typed constructor for a body, unless the document's example is to win.
fn typed_body(api: &Api, body: &Body, bodies: Bodies) -> Option<String> {
    let documented = body
        .example
        .as_ref()
        .is_some_and(|example| example.is_object() && fits(api, &body.ty, example, 0));
    if bodies == Bodies::Document && documented {
        return None;
    }
    body_literal(api, &body.ty)
}

/// `runtime::Multipart::new().text(..).file(..)`: the fields the document's
/// example fills, else the required ones, with example values.
fn multipart_literal(body: &Body) -> String {
    let documented = body.example.as_ref().and_then(Value::as_object);
    let mut literal = "runtime::Multipart::new()".to_owned();
    for part in &body.parts {
        let given = documented.and_then(|example| example.get(&part.name));
        if given.is_none() && !part.required {
            continue;
        }
        let text = match given {
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Number(_) | Value::Bool(_)) => given.map(Value::to_string),
            _ => None,
        }
        .or_else(|| part.example.clone());
        if part.file {
            literal.push_str(&format!(
                ".file({:?}, \"example.bin\", {})",
                part.name,
                bytes_literal(text.as_deref().unwrap_or("example"))
            ));
        } else {
            literal.push_str(&format!(
                ".text({:?}, {:?})",
                part.name,
                text.as_deref().unwrap_or("text")
            ));
        }
    }
    literal
}

/// `serde_json::from_value::<T>(json!(..))?`: a value decoded from `example`
/// where it fits `ty`, else from a synthesised one.
fn decoded_literal(api: &Api, ty: &TypeRef, example: Option<&Value>) -> Option<String> {
    let json = match example {
        Some(example) if fits(api, ty, example, 0) => example.clone(),
        _ => json_example(api, ty)?,
    };
    let ty = type_text(ty)?;
    Some(format!(
        "serde_json::from_value::<{ty}>(serde_json::json!({json}))?"
    ))
}

/// The Rust type of `ty` as a caller outside the crate spells it (with
/// `models` and `runtime` in scope), for types an example decodes into.
fn type_text(ty: &TypeRef) -> Option<String> {
    Some(match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::Number => "runtime::Number".to_owned(),
        TypeRef::DateTime => "runtime::DateTime".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::Named(name) => format!("models::{name}"),
        TypeRef::List(item) => format!("Vec<{}>", type_text(item)?),
        TypeRef::Map(value) => {
            format!("std::collections::BTreeMap<String, {}>", type_text(value)?)
        }
        TypeRef::Bytes | TypeRef::Multipart => return None,
    })
}

fn body_text(body: &Body) -> Option<&str> {
    body.example.as_ref().and_then(Value::as_str)
}

/// `b"…".to_vec()` for printable ASCII text, else the text's UTF-8 bytes.
fn bytes_literal(text: &str) -> String {
    if text.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
        format!("b{text:?}.to_vec()")
    } else {
        format!("{text:?}.as_bytes().to_vec()")
    }
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
        (TypeRef::List(item), example) => list_literal(api, item, example),
        (ty, example) => scalar_literal(api, ty, example),
    }
}

/// `vec![item]`: one item, since a list may have to hold at least one
/// (`minItems`), the example's first where it gives one.
fn list_literal(api: &Api, item: &TypeRef, example: Option<&Value>) -> Option<String> {
    let first = example
        .and_then(Value::as_array)
        .and_then(|items| items.first());
    let item = match unalias(api, item) {
        TypeRef::String => format!(
            "String::from({:?})",
            first.and_then(Value::as_str).unwrap_or("text")
        ),
        _ => scalar_literal(api, item, first)
            .or_else(|| body_literal(api, item))
            .or_else(|| decoded_literal(api, item, first))?,
    };
    Some(format!("vec![{item}]"))
}

/// A literal for a scalar or enum value, in the form a builder argument accepts.
pub(super) fn scalar_literal(api: &Api, ty: &TypeRef, example: Option<&Value>) -> Option<String> {
    match ty {
        TypeRef::Bool => Some(example.and_then(Value::as_bool).unwrap_or(true).to_string()),
        TypeRef::I32 | TypeRef::I64 => {
            Some(example.and_then(Value::as_i64).unwrap_or(1).to_string())
        }
        TypeRef::Number => Some(format!(
            "runtime::Number::from({})",
            example.and_then(Value::as_i64).unwrap_or(1)
        )),
        TypeRef::DateTime => Some(format!(
            "runtime::DateTime::parse({:?})?",
            example
                .and_then(Value::as_str)
                .unwrap_or("2024-01-01T00:00:00Z")
        )),
        // A union of scalars converts from the example's variant (`From`).
        TypeRef::Named(name) if matches!(kind(api, name), Some(TypeKind::Untagged(_))) => {
            let Some(TypeKind::Untagged(u)) = kind(api, name) else {
                return None;
            };
            let fitting = u
                .variants
                .iter()
                .find(|v| example.is_some_and(|example| fits(api, &v.ty, example, 0)));
            fitting.into_iter().chain(&u.variants).find_map(|variant| {
                let ty = unalias(api, &variant.ty);
                let text = example.and_then(Value::as_str).unwrap_or("text");
                let literal = match ty {
                    TypeRef::String => format!("{text:?}"),
                    TypeRef::I32 | TypeRef::I64 | TypeRef::Bool => {
                        scalar_literal(api, &variant.ty, example)?
                    }
                    _ => return None,
                };
                // `From` exists only for a type one variant alone holds;
                // else the variant itself says which is meant.
                let alone = u
                    .variants
                    .iter()
                    .filter(|other| unalias(api, &other.ty) == ty)
                    .count()
                    == 1;
                Some(if alone {
                    format!("models::{name}::from({literal})")
                } else if *ty == TypeRef::String && !variant.boxed {
                    format!("models::{name}::{}(String::from({text:?}))", variant.name)
                } else if !variant.boxed {
                    format!("models::{name}::{}({literal})", variant.name)
                } else {
                    return None;
                })
            })
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
        (TypeRef::List(item), example) => list_literal(api, item, example),
        // An empty map: the setters and `new` take `impl Into<_>`.
        (TypeRef::Map(_), _) => Some("std::collections::BTreeMap::new()".to_owned()),
        (ty, example) => scalar_literal(api, ty, example),
    }
}
