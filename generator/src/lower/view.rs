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
    /// An integer of the given `format`.
    Integer { format: Option<String> },
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
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => View::String {
            format: format_name(&s.format),
            values: s.enumeration.iter().flatten().cloned().collect(),
        },
        SchemaKind::Type(Type::Integer(i)) => View::Integer {
            format: format_name(&i.format),
        },
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
        SchemaKind::OneOf { one_of } => View::Union {
            members: one_of.clone(),
            exclusive: true,
        },
        SchemaKind::AnyOf { any_of } => View::Union {
            members: any_of.clone(),
            exclusive: false,
        },
        SchemaKind::AllOf { all_of } => View::AllOf(all_of.clone()),
        SchemaKind::Not { .. } => {
            View::Unsupported("`not` schemas cannot be expressed as a Rust type")
        }
        SchemaKind::Any(any) => {
            if !any.properties.is_empty()
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
            } else if !any.all_of.is_empty() {
                View::AllOf(any.all_of.clone())
            } else if !any.one_of.is_empty() {
                View::Union {
                    members: any.one_of.clone(),
                    exclusive: true,
                }
            } else if !any.any_of.is_empty() {
                View::Union {
                    members: any.any_of.clone(),
                    exclusive: false,
                }
            } else if any.items.is_some() || any.typ.as_deref() == Some("array") {
                View::Array {
                    items: any.items.as_ref().map(|i| Box::new(unbox(i))),
                }
            } else if !any.enumeration.is_empty() {
                let values: Option<Vec<String>> = any
                    .enumeration
                    .iter()
                    .filter(|v| !v.is_null())
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect();
                match values {
                    Some(values) => View::String {
                        format: any.format.clone(),
                        values,
                    },
                    None => View::Unsupported("an enum whose values are not all strings"),
                }
            } else {
                match any.typ.as_deref() {
                    Some("string") => View::String {
                        format: any.format.clone(),
                        values: Vec::new(),
                    },
                    Some("integer") => View::Integer {
                        format: any.format.clone(),
                    },
                    Some("number") => View::Number,
                    Some("boolean") => View::Boolean,
                    _ => View::Any,
                }
            }
        }
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
