//! Enums: string and integer values, and the names and docs of their variants.
//!
//! Variant names come, best first, from what the document says about each
//! value: 3.1 `oneOf` members that are a `const` with a `title`, or the
//! extensions code generators already read (`x-enum-varnames`,
//! `x-enumNames`, `x-enum-values`); else from the value itself (`active` →
//! `Active`, `2` → `Value2`). Docs come from the member's `description` or
//! `x-enum-descriptions`.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema, SchemaKind};
use serde_json::Value as Json;

use super::names::{camel, spellings, Namespace};
use crate::ir::{Enum, EnumVariant};

/// What the document says about one value.
#[derive(Debug, Default, Clone)]
struct Label {
    name: Option<String>,
    doc: Option<String>,
}

/// The enum of `values` (wire text; decimal for integers) that `schema` lists.
pub fn lower(schema: &Schema, values: &[String], integer: bool) -> Enum {
    let labels = labels(schema, values);
    let mut names = Namespace::default();
    let mut seen = BTreeSet::new();
    let variants = values
        .iter()
        .zip(labels)
        .filter(|(value, _)| seen.insert(value.as_str()))
        .map(|(value, label)| {
            let fallback = if integer {
                format!("Value {}", value.replace('-', "Minus "))
            } else {
                value.clone()
            };
            let mut candidates: Vec<String> = label
                .name
                .iter()
                .filter(|n| {
                    n.trim_start()
                        .starts_with(|c: char| c.is_ascii_alphabetic())
                })
                .map(|n| camel(n))
                .collect();
            // A value with no letter or digit (`👍`, `+`) is named by its
            // symbols (`U1f44d`, `Plus`), not by casing's placeholder.
            if fallback.chars().any(|c| c.is_ascii_alphanumeric()) {
                candidates.push(camel(&fallback));
            } else {
                let [_, symbols, ..] = spellings(&fallback);
                candidates.push(camel(&symbols));
            }
            EnumVariant {
                name: names.claim_spelled(&candidates, &fallback, camel),
                value: value.clone(),
                doc: label.doc,
            }
        })
        .collect();
    Enum {
        variants,
        unknown_variant: names.claim_first(&["Unknown".to_owned(), "UnknownValue".to_owned()]),
        integer,
    }
}

/// One label per value, in order: from const members, then extensions.
fn labels(schema: &Schema, values: &[String]) -> Vec<Label> {
    let mut labels = vec![Label::default(); values.len()];
    if let Some(members) = const_members(schema) {
        for (label, member) in labels.iter_mut().zip(members) {
            if let ReferenceOr::Item(member) = member {
                label.name = member.schema_data.title.clone();
                label.doc = member.schema_data.description.clone();
            }
        }
    }
    let extension = |key: &str| schema.schema_data.extensions.get(key);
    let texts = |value: Option<&Json>| -> Vec<Option<String>> {
        value
            .and_then(Json::as_array)
            .map(|items| {
                items
                    .iter()
                    .map(|i| i.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    for key in ["x-enum-varnames", "x-enumNames"] {
        for (label, name) in labels.iter_mut().zip(texts(extension(key))) {
            label.name = label.name.take().or(name);
        }
    }
    for (label, doc) in labels
        .iter_mut()
        .zip(texts(extension("x-enum-descriptions")))
    {
        label.doc = label.doc.take().or(doc);
    }
    // `x-enum-values: [{numericValue, identifier, description}]`, matched by value.
    if let Some(entries) = extension("x-enum-values").and_then(Json::as_array) {
        for entry in entries {
            let value = match entry.get("numericValue") {
                Some(Json::String(text)) => text.clone(),
                Some(Json::Number(number)) => number.to_string(),
                _ => continue,
            };
            if let Some(at) = values.iter().position(|v| *v == value) {
                let text = |key: &str| entry.get(key).and_then(Json::as_str).map(str::to_owned);
                let label = &mut labels[at];
                label.name = label.name.take().or_else(|| text("identifier"));
                label.doc = label.doc.take().or_else(|| text("description"));
            }
        }
    }
    for label in &mut labels {
        label.doc = label
            .doc
            .take()
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty());
    }
    labels
}

/// The members of a `oneOf`/`anyOf` of constants.
fn const_members(schema: &Schema) -> Option<&[ReferenceOr<Schema>]> {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => Some(one_of),
        SchemaKind::AnyOf { any_of } => Some(any_of),
        SchemaKind::Any(any) if !any.one_of.is_empty() => Some(&any.one_of),
        SchemaKind::Any(any) if !any.any_of.is_empty() => Some(&any.any_of),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(yaml: &str) -> Schema {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn names(e: &Enum) -> Vec<(&str, &str, Option<&str>)> {
        e.variants
            .iter()
            .map(|v| (v.name.as_str(), v.value.as_str(), v.doc.as_deref()))
            .collect()
    }

    #[test]
    fn integers_are_named_from_their_values_without_labels() {
        let e = lower(
            &schema("type: integer\nenum: [1, -2]"),
            &["1".into(), "-2".into()],
            true,
        );
        assert_eq!(
            names(&e),
            [("Value1", "1", None), ("ValueMinus2", "-2", None)]
        );
        assert!(e.integer);
        assert_eq!(e.unknown_variant, "Unknown");
    }

    #[test]
    fn extensions_name_and_document_variants() {
        let e = lower(
            &schema("type: integer\nenum: [0, 1]\nx-enum-varnames: [Low, HIGH]\nx-enum-descriptions: [Least, ' ']"),
            &["0".into(), "1".into()],
            true,
        );
        assert_eq!(
            names(&e),
            [("Low", "0", Some("Least")), ("High", "1", None)]
        );
        let e = lower(
            &schema("type: string\nenum: [a, b]\nx-enumNames: [First, Second]"),
            &["a".into(), "b".into()],
            false,
        );
        assert_eq!(names(&e), [("First", "a", None), ("Second", "b", None)]);
        let e = lower(
            &schema("type: integer\nenum: ['2', '0']\nx-enum-values: [{numericValue: '0', identifier: None, description: Nothing}, {numericValue: '2', identifier: Some}]"),
            &["2".into(), "0".into()],
            true,
        );
        assert_eq!(
            names(&e),
            [("Some", "2", None), ("None", "0", Some("Nothing"))]
        );
    }

    #[test]
    fn const_members_give_titles_and_descriptions() {
        let e = lower(
            &schema("oneOf:\n- {enum: [1], title: Draft, description: Not sent yet.}\n- {enum: [2], title: sent}\n"),
            &["1".into(), "2".into()],
            true,
        );
        assert_eq!(
            names(&e),
            [("Draft", "1", Some("Not sent yet.")), ("Sent", "2", None)]
        );
    }

    #[test]
    fn values_without_letters_are_named_by_their_symbols() {
        let e = lower(
            &schema("type: string"),
            &["\u{1f44d}".into(), "\u{1f44e}".into(), "+".into()],
            false,
        );
        let got: Vec<_> = e.variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(got, ["U1f44d", "U1f44e", "Plus"]);
    }

    #[test]
    fn labels_that_collide_or_are_not_names_fall_back_to_values() {
        let e = lower(
            &schema("type: integer\nenum: [1, 2, 3]\nx-enum-varnames: [Same, Same, '9']"),
            &["1".into(), "2".into(), "3".into()],
            true,
        );
        let got: Vec<_> = e.variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(got, ["Same", "Value2", "Value3"]);
    }
}
