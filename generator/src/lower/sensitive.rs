//! Which properties and parameters hold secrets, so that `Debug` redacts them.
//!
//! The rule, in order: `x-sdk-sensitive: true|false` on the schema or parameter
//! decides; otherwise `format: password` or `writeOnly: true` make a value
//! secret; otherwise a textual value is secret when its snake-cased name is one
//! of [`SECRET_NAMES`] or ends with one of [`SECRET_SUFFIXES`]. The generated
//! runtime applies the same name rule to keys of free-form JSON.

use heck::ToSnakeCase;
use openapiv3::{Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
use serde_json::Value as Json;

use crate::ir::TypeRef;

/// Names that are secrets (after snake-casing).
pub const SECRET_NAMES: [&str; 15] = [
    "access_token",
    "api_key",
    "apikey",
    "auth_token",
    "authorization",
    "bearer_token",
    "client_secret",
    "id_token",
    "passwd",
    "password",
    "private_key",
    "refresh_token",
    "secret",
    "session_token",
    "token",
];

/// Name endings that mark a secret.
pub const SECRET_SUFFIXES: [&str; 6] = [
    "_api_key",
    "_apikey",
    "_password",
    "_private_key",
    "_secret",
    "_token",
];

/// Whether `name` (a property, parameter or header name) names a secret.
pub fn is_secret_name(name: &str) -> bool {
    let snake = name.to_snake_case();
    SECRET_NAMES.contains(&snake.as_str())
        || SECRET_SUFFIXES.iter().any(|suffix| snake.ends_with(suffix))
}

/// What the document says about one value, beyond its name and type.
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks {
    /// `x-sdk-sensitive`, when given.
    pub explicit: Option<bool>,
    /// `format: password`.
    pub password: bool,
    /// `writeOnly: true`.
    pub write_only: bool,
}

impl Marks {
    /// The marks of a (resolved) schema.
    pub fn of(schema: &Schema) -> Self {
        let password = matches!(
            &schema.schema_kind,
            SchemaKind::Type(Type::String(string))
                if matches!(string.format, VariantOrUnknownOrEmpty::Item(StringFormat::Password))
        );
        Self {
            explicit: explicit(&schema.schema_data.extensions),
            password,
            write_only: schema.schema_data.write_only,
        }
    }
}

/// `x-sdk-sensitive: true|false`.
pub fn explicit(extensions: &indexmap::IndexMap<String, Json>) -> Option<bool> {
    extensions.get("x-sdk-sensitive").and_then(Json::as_bool)
}

/// Applies the rule to a value called `name` of type `ty`.
pub fn is_sensitive(name: &str, ty: &TypeRef, marks: Marks) -> bool {
    marks.explicit.unwrap_or_else(|| {
        marks.password || marks.write_only || (textual(ty) && is_secret_name(name))
    })
}

/// Types a secret can be written in; flags and counts named `token_*` are not secrets.
fn textual(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String | TypeRef::Json | TypeRef::Bytes | TypeRef::Named(_) => true,
        TypeRef::List(inner) | TypeRef::Map(inner) => textual(inner),
        TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::Number
        | TypeRef::DateTime
        | TypeRef::Multipart => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_types_and_marks() {
        let text = TypeRef::String;
        let none = Marks::default();
        assert!(is_sensitive("access_token", &text, none));
        assert!(is_sensitive("clientSecret", &text, none));
        assert!(is_sensitive("X-Api-Key", &text, none));
        assert!(!is_sensitive("token_type", &text, none));
        assert!(!is_sensitive("session_token", &TypeRef::Bool, none));
        assert!(!is_sensitive("name", &text, none));
        let password = Marks {
            password: true,
            ..none
        };
        assert!(is_sensitive("pin", &text, password));
        let write_only = Marks {
            write_only: true,
            ..none
        };
        assert!(is_sensitive("anything", &TypeRef::I64, write_only));
        let off = Marks {
            explicit: Some(false),
            password: true,
            ..none
        };
        assert!(!is_sensitive("password", &text, off));
        let on = Marks {
            explicit: Some(true),
            ..none
        };
        assert!(is_sensitive("state", &text, on));
    }
}
