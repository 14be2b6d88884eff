//! Where JSON Schema keeps schemas inside a schema, for the passes that walk
//! schemas (3.1 rewriting, bundling files, comparing shapes).

/// How a keyword holds the schemas under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaChild {
    /// One schema (`items`, `not`, …).
    One,
    /// A list of schemas (`allOf`, `prefixItems`, …).
    List,
    /// Schemas by name (`properties`, `$defs`, …).
    Map,
}

/// How `key`, inside a schema, holds schemas; `None` when it holds none.
pub fn schema_child(key: &str) -> Option<SchemaChild> {
    match key {
        "items"
        | "additionalProperties"
        | "not"
        | "if"
        | "then"
        | "else"
        | "contains"
        | "contentSchema" => Some(SchemaChild::One),
        "allOf" | "oneOf" | "anyOf" | "prefixItems" => Some(SchemaChild::List),
        "properties" | "patternProperties" | "$defs" => Some(SchemaChild::Map),
        _ => None,
    }
}

/// Whether the value under `key` is not OpenAPI at all (an example payload or
/// a vendor extension), so the passes that rewrite the document leave it be.
pub fn is_foreign(key: &str) -> bool {
    matches!(key, "example" | "examples") || key.starts_with("x-")
}
