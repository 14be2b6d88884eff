//! One uniform view of a schema, whatever mix of keywords openapiv3 parsed it into.

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};

/// What a schema describes, as far as type generation cares.
#[derive(Debug, Clone)]
pub enum View {
    /// A string, possibly restricted to `values`.
    String {
        format: Option<String>,
        values: Vec<String>,
    },
    /// An integer of the given `format`, possibly restricted to `values`.
    Integer {
        format: Option<String>,
        values: Vec<i64>,
    },
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A list.
    Array {
        items: Option<Box<ReferenceOr<Schema>>>,
    },
    /// An object, perhaps with named properties.
    Object {
        properties: Vec<(String, ReferenceOr<Schema>)>,
        required: Vec<String>,
        additional: Option<AdditionalProperties>,
    },
    /// `oneOf` (`exclusive`) or `anyOf`.
    Union {
        members: Vec<ReferenceOr<Schema>>,
        exclusive: bool,
    },
    /// `allOf`.
    AllOf(Vec<ReferenceOr<Schema>>),
    /// No constraint at all (`{}`), or one we cannot express.
    Any,
    /// A keyword we cannot express (`not`, an enum of mixed types).
    Unsupported(&'static str),
}

/// Classifies a schema.
pub fn view(schema: &Schema) -> View {
    if free_form_hint(schema) {
        return View::Any;
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => View::String {
            format: format_name(&s.format),
            values: s.enumeration.iter().flatten().cloned().collect(),
        },
        SchemaKind::Type(Type::Integer(i)) => View::Integer {
            format: format_name(&i.format),
            values: i.enumeration.iter().flatten().copied().collect(),
        },
        // Numbers listed as whole values are an integer enum on the wire.
        SchemaKind::Type(Type::Number(n)) if !n.enumeration.is_empty() => {
            let whole: Option<Vec<i64>> = n
                .enumeration
                .iter()
                .flatten()
                .map(|v| (v.fract() == 0.0 && v.abs() < 9.0e15).then_some(*v as i64))
                .collect();
            match whole {
                Some(values) => View::Integer {
                    format: None,
                    values,
                },
                None => View::Number,
            }
        }
        SchemaKind::Type(Type::Number(_)) => View::Number,
        SchemaKind::Type(Type::Boolean(_)) => View::Boolean,
        SchemaKind::Type(Type::Array(a)) => View::Array {
            items: a.items.as_ref().map(|i| Box::new(unbox(i))),
        },
        SchemaKind::Type(Type::Object(o)) => View::Object {
            properties: o
                .properties
                .iter()
                .map(|(k, v)| (k.clone(), unbox(v)))
                .collect(),
            required: o.required.clone(),
            additional: o.additional_properties.clone(),
        },
        SchemaKind::OneOf { one_of } => const_union(one_of).unwrap_or_else(|| View::Union {
            members: one_of.clone(),
            exclusive: true,
        }),
        SchemaKind::AnyOf { any_of } => const_union(any_of).unwrap_or_else(|| View::Union {
            members: any_of.clone(),
            exclusive: false,
        }),
        SchemaKind::AllOf { all_of } => View::AllOf(all_of.clone()),
        SchemaKind::Not { not } if matches!(&**not, ReferenceOr::Item(s) if matches!(&s.schema_kind, SchemaKind::Any(a) if *a == Default::default())) => {
            View::Unsupported(
                "a schema that admits no value (`false` or `not: {}`) has no Rust type",
            )
        }
        SchemaKind::Not { .. } => {
            View::Unsupported("`not` schemas cannot be expressed as a Rust type")
        }
        SchemaKind::Any(any) => {
            if let Some(union) = scalar_or_object(any) {
                union
            } else if !any.all_of.is_empty() {
                all_of_beside(any)
            } else if !any.properties.is_empty()
                || any.typ.as_deref() == Some("object")
                || any.additional_properties.is_some()
            {
                View::Object {
                    properties: any
                        .properties
                        .iter()
                        .map(|(k, v)| (k.clone(), unbox(v)))
                        .collect(),
                    required: any.required.clone(),
                    additional: any.additional_properties.clone(),
                }
            } else if !any.one_of.is_empty() {
                const_union(&any.one_of).unwrap_or_else(|| View::Union {
                    members: any.one_of.clone(),
                    exclusive: true,
                })
            } else if !any.any_of.is_empty() {
                const_union(&any.any_of).unwrap_or_else(|| View::Union {
                    members: any.any_of.clone(),
                    exclusive: false,
                })
            } else if any.items.is_some() || any.typ.as_deref() == Some("array") {
                View::Array {
                    items: any.items.as_ref().map(|i| Box::new(unbox(i))),
                }
            } else if !any.enumeration.is_empty() {
                enumeration(any)
            } else {
                match any.typ.as_deref() {
                    Some("string") => View::String {
                        format: any.format.clone(),
                        values: Vec::new(),
                    },
                    Some("integer") => View::Integer {
                        format: any.format.clone(),
                        values: Vec::new(),
                    },
                    Some("number") => View::Number,
                    Some("boolean") => View::Boolean,
                    _ => View::Any,
                }
            }
        }
    }
}

/// `oneOf: [{type: boolean}, {type: object}]` beside `properties`: a scalar
/// or an object, where the properties describe the object member (not an
/// object that ignores the `oneOf`). Only when an inline member is not an
/// object: members that merely list `required` names constrain one object.
fn scalar_or_object(any: &openapiv3::AnySchema) -> Option<View> {
    let (members, exclusive) = match (&any.one_of[..], &any.any_of[..]) {
        (one_of, _) if !one_of.is_empty() => (one_of, true),
        (_, any_of) if !any_of.is_empty() => (any_of, false),
        _ => return None,
    };
    if any.properties.is_empty() {
        return None;
    }
    let is_object = |member: &Schema| match &member.schema_kind {
        SchemaKind::Type(Type::Object(_)) => true,
        SchemaKind::Any(inner) => inner.typ.as_deref() == Some("object"),
        _ => false,
    };
    let scalar = members.iter().any(|member| match member {
        ReferenceOr::Item(member) => matches!(
            &member.schema_kind,
            SchemaKind::Type(
                Type::String(_)
                    | Type::Integer(_)
                    | Type::Number(_)
                    | Type::Boolean(_)
                    | Type::Array(_)
            )
        ),
        ReferenceOr::Reference { .. } => false,
    });
    if !scalar {
        return None;
    }
    let object = Schema {
        schema_data: Default::default(),
        schema_kind: SchemaKind::Type(Type::Object(openapiv3::ObjectType {
            properties: any.properties.clone(),
            required: any.required.clone(),
            additional_properties: any.additional_properties.clone(),
            ..Default::default()
        })),
    };
    let members = members
        .iter()
        .map(|member| match member {
            ReferenceOr::Item(inner) if is_object(inner) => ReferenceOr::Item(object.clone()),
            other => other.clone(),
        })
        .collect();
    Some(View::Union { members, exclusive })
}

/// `allOf` beside `type: object` or the schema's own properties: the
/// members, and the schema's own properties as one more member.
fn all_of_beside(any: &openapiv3::AnySchema) -> View {
    let mut members = any.all_of.clone();
    if !any.properties.is_empty() || !any.required.is_empty() || any.additional_properties.is_some()
    {
        members.push(ReferenceOr::Item(Schema {
            schema_data: Default::default(),
            schema_kind: SchemaKind::Type(Type::Object(openapiv3::ObjectType {
                properties: any.properties.clone(),
                required: any.required.clone(),
                additional_properties: any.additional_properties.clone(),
                ..Default::default()
            })),
        }));
    }
    View::AllOf(members)
}

/// Vendor hints that a schema holds any value whatever its `type` says
/// (Go's `interface{}`, TypeScript's `any`): generated servers send anything
/// there, so the SDK must decode anything.
fn free_form_hint(schema: &Schema) -> bool {
    ["x-go-type", "x-typescript-type", "x-ts-type"]
        .iter()
        .filter_map(|key| schema.schema_data.extensions.get(*key))
        .filter_map(serde_json::Value::as_str)
        .any(|hint| matches!(hint.trim(), "interface{}" | "any" | "unknown"))
}

/// An enum that openapiv3 could not read as one of its typed kinds: strings;
/// integers, as numbers or as decimal text under `type: integer` (some
/// documents list `enum: ["0", "1"]` for integers on the wire); else a mix.
fn enumeration(any: &openapiv3::AnySchema) -> View {
    let listed = || any.enumeration.iter().filter(|v| !v.is_null());
    let integers: Option<Vec<i64>> = listed()
        .map(|v| match v {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(text) if any.typ.as_deref() == Some("integer") => {
                text.trim().parse().ok()
            }
            _ => None,
        })
        .collect();
    if let Some(values) = integers.filter(|_| any.typ.as_deref() != Some("string")) {
        return View::Integer {
            format: any.format.clone(),
            values,
        };
    }
    let strings: Option<Vec<String>> = listed().map(|v| v.as_str().map(str::to_owned)).collect();
    match strings {
        Some(values) => View::String {
            format: any.format.clone(),
            values,
        },
        None => View::Unsupported("an enum whose values are neither all strings nor all integers"),
    }
}

/// A `oneOf`/`anyOf` whose members are each one constant (3.1 `const`, read
/// as a one-value `enum`), as 3.1 documents write a labelled enum: the enum
/// of those constants. Member titles name the variants (`lower/enums.rs`).
fn const_union(members: &[ReferenceOr<Schema>]) -> Option<View> {
    let mut strings = Vec::new();
    let mut integers = Vec::new();
    for member in members {
        let ReferenceOr::Item(schema) = member else {
            return None;
        };
        match view(schema) {
            View::String { values, .. } if values.len() == 1 => strings.extend(values),
            View::Integer { values, .. } if values.len() == 1 => integers.extend(values),
            _ => return None,
        }
    }
    match (strings.is_empty(), integers.is_empty()) {
        (false, true) => Some(View::String {
            format: None,
            values: strings,
        }),
        (true, false) => Some(View::Integer {
            format: None,
            values: integers,
        }),
        _ => None,
    }
}

fn format_name<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => serde_json::to_value(item)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned)),
        VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// openapiv3 boxes some nested schemas and not others; unify them.
pub fn unbox(item: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match item {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(schema) => ReferenceOr::Item((**schema).clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_form_hints_admit_anything() {
        let schema: Schema = serde_yaml::from_str(
            "type: object\nproperties: {a: {type: string}}\nx-go-type: interface{}",
        )
        .unwrap();
        assert!(matches!(view(&schema), View::Any));
        let typed: Schema = serde_yaml::from_str("type: object\nx-go-type: MyStruct").unwrap();
        assert!(matches!(view(&typed), View::Object { .. }));
    }
}
