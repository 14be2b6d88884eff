//! Types: references to them, and the definitions the crate declares.

use serde::Serialize;

/// A reference to a type, as a field, parameter or body uses it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// Any JSON number, kept exactly as sent (the runtime's `Number`).
    Number,
    /// An RFC 3339 timestamp (`format: date-time`).
    DateTime,
    /// A multipart form (the runtime's `Multipart`).
    Multipart,
    /// Any JSON value.
    Json,
    /// Raw bytes.
    Bytes,
    /// A named model type.
    Named(String),
    /// `Vec<T>`.
    List(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
}

/// A named model type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// Rust name.
    pub name: String,
    /// Module (file) under `models` that holds it.
    pub module: String,
    /// Where it was defined, as a JSON pointer into the document.
    pub origin: String,
    /// Documentation.
    pub doc: Option<String>,
    /// What it is.
    pub kind: TypeKind,
    /// The cargo features that compile its module.
    pub gate: Gate,
}

/// The cargo features under which a model module is compiled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Gate {
    /// Always: errors, webhooks or every resource reach it.
    Always,
    /// When any of these features is on: the resources that reach it, or
    /// only [`FULL_FEATURE`] for a type no operation reaches.
    AnyOf(Vec<String>),
}

/// The feature that turns on every resource; the crate's default.
pub const FULL_FEATURE: &str = "full";

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeKind {
    /// An object with known fields; unknown fields are kept in `extra`.
    Struct(Struct),
    /// A string enum that keeps unknown values.
    Enum(Enum),
    /// A `oneOf` whose variant is chosen by a discriminator property.
    Tagged(Tagged),
    /// A `oneOf`/`anyOf` decided by trying each variant in order.
    Untagged(Untagged),
    /// Another name for a type.
    Alias(TypeRef),
    /// A list or map that contains itself (`Tree = Vec<Tree>`): a tuple
    /// struct, since a Rust type alias cannot refer to itself. Serialized as
    /// the value it wraps.
    Newtype(TypeRef),
}

/// An object type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Struct {
    /// Known properties, in document order.
    pub fields: Vec<Field>,
    /// The map that keeps additional and unknown properties.
    pub extra: Extra,
    /// Whether every field is optional, so `Default` can be derived.
    pub default: bool,
    /// With more required fields than a constructor should take as arguments:
    /// the name of the plain struct of required fields that `new` takes instead.
    pub required_parts: Option<String>,
}

/// The catch-all map of a struct.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extra {
    /// Rust field name, usually `additional_properties`.
    pub rust_name: String,
    /// Value type; `Json` unless `additionalProperties` names a schema.
    pub value: TypeRef,
    /// The document says other keys are expected (`additionalProperties` is
    /// `true` or a schema), so the type converts from a plain map.
    pub open: bool,
}

/// One struct field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The property name on the wire.
    pub wire_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// The by-value setter, e.g. `with_metadata`.
    pub setter: String,
    /// Its type.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true`: an explicit `null` is kept apart from absence.
    pub nullable: bool,
    /// `readOnly: true`.
    pub read_only: bool,
    /// Holds a secret (see `lower::sensitive`): redacted in `Debug` output.
    pub sensitive: bool,
    /// Boxed to break a cycle of types.
    pub boxed: bool,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// An example value from the document, for documentation.
    pub example: Option<serde_json::Value>,
}

/// An enum of strings or of integers that keeps unknown values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enum {
    /// Known values.
    pub variants: Vec<EnumVariant>,
    /// The variant that keeps any other value.
    pub unknown_variant: String,
    /// The values are integers on the wire (their text is decimal).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub integer: bool,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumVariant {
    /// Rust variant name.
    pub name: String,
    /// The value on the wire (decimal text for an integer enum).
    pub value: String,
    /// What the document says the value means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// A discriminated union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tagged {
    /// The discriminator property.
    pub property: String,
    /// Variants by tag value.
    pub variants: Vec<TaggedVariant>,
    /// The variant that keeps values with an unknown tag.
    pub unknown_variant: String,
}

/// One variant of a discriminated union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaggedVariant {
    /// Rust variant name.
    pub name: String,
    /// Discriminator values that select it.
    pub tags: Vec<String>,
    /// Its payload type.
    pub ty: TypeRef,
    /// Boxed because the payload is large.
    pub boxed: bool,
}

/// An undiscriminated union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Untagged {
    /// Variants, in the order decoding tries them.
    pub variants: Vec<UntaggedVariant>,
}

/// One variant of an undiscriminated union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UntaggedVariant {
    /// Rust variant name.
    pub name: String,
    /// Its payload type.
    pub ty: TypeRef,
    /// Boxed because the payload is large.
    pub boxed: bool,
}
