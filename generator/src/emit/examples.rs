//! Example JSON values for documentation, built from the IR: the fields' own
//! examples where the document gives them, else the simplest value of each
//! type, so that every operation's example compiles and decodes.

use serde_json::{json, Map, Value};

use crate::ir::{Api, TypeKind, TypeRef};

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
        TypeRef::List(_) => json!([]),
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
