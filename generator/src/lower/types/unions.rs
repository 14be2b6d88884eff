//! `oneOf`/`anyOf`: discriminated unions and untagged ones, and their variant names.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema};

use super::super::names::{camel, Namespace};
use super::super::view::{view, View};
use super::{is_null_only, Types};
use crate::diagnostics::Error;
use crate::ir::{Tagged, TaggedVariant, TypeKind, TypeRef, Untagged, UntaggedVariant};

impl Types<'_> {
    pub(super) fn union(
        &mut self,
        name: &str,
        schema: &Schema,
        members: &[ReferenceOr<Schema>],
        exclusive: bool,
        pointer: &str,
        module: &str,
    ) -> Result<TypeKind, Error> {
        let keyword = if exclusive { "oneOf" } else { "anyOf" };
        let members: Vec<(usize, &ReferenceOr<Schema>)> = members
            .iter()
            .enumerate()
            .filter(|(_, m)| !is_null_only(m))
            .collect();
        let mut variant_names = Namespace::default();
        let all_refs = members
            .iter()
            .all(|(_, m)| matches!(m, ReferenceOr::Reference { .. }));
        if let (Some(discriminator), true) = (&schema.schema_data.discriminator, all_refs) {
            let mut variants = Vec::new();
            let mut seen_tags = BTreeSet::new();
            for (index, member) in &members {
                let ReferenceOr::Reference { reference } = member else {
                    continue;
                };
                let ty =
                    self.reference(reference, &format!("{pointer}/{keyword}/{index}"), module)?;
                let component = reference.rsplit('/').next().unwrap_or(reference);
                let mut tags: Vec<String> = discriminator
                    .mapping
                    .iter()
                    .filter(|(_, target)| *target == reference || target.as_str() == component)
                    .map(|(tag, _)| tag.clone())
                    .collect();
                if tags.is_empty() {
                    tags.push(component.to_owned());
                }
                // A tag can select only one variant: the first that claims it.
                tags.retain(|tag| seen_tags.insert(tag.clone()));
                if tags.is_empty() {
                    self.warn(
                        pointer,
                        format!("`{reference}` has no discriminator value of its own; left out"),
                    );
                    continue;
                }
                let name = variant_names.claim_spelled(&[], &tags[0], camel);
                variants.push(TaggedVariant {
                    name,
                    tags,
                    ty,
                    boxed: false,
                });
            }
            let unknown_variant =
                variant_names.claim_first(&["Unknown".to_owned(), "UnknownVariant".to_owned()]);
            return Ok(TypeKind::Tagged(Tagged {
                property: discriminator.property_name.clone(),
                variants,
                unknown_variant,
            }));
        }
        let mut variants = Vec::new();
        for (index, member) in members {
            let at = format!("{pointer}/{keyword}/{index}");
            self.union_member = true;
            let lowered = match member {
                ReferenceOr::Reference { reference } => self
                    .reference(reference, &at, module)
                    .map(|ty| (variant_label(&ty, None), ty)),
                ReferenceOr::Item(inner) => {
                    let label = variant_label(&TypeRef::Json, Some(&view(inner)));
                    self.inline(inner, &format!("{name}{label}"), &at, module)
                        .map(|ty| (label, ty))
                }
            };
            self.union_member = false;
            let (label, ty) = lowered?;
            variants.push(UntaggedVariant {
                name: variant_names.claim_first(&variant_candidates(&label, member)),
                ty,
                boxed: false,
            });
        }
        // Serde tries variants in order: an integer must be tried before a number
        // can claim it, so `10` stays `10` and only `10.5` is a float.
        variants.sort_by_key(|v| matches!(v.ty, TypeRef::Number));
        Ok(TypeKind::Untagged(Untagged { variants }))
    }
}

/// The variant name an untagged union member gets.
/// Names for an untagged variant, best first: its kind (`String`, `Object`,
/// the type's name), then the member's title, then the kind with its first
/// property (`ObjectWithId`), then the kind with an ordinal, so that two
/// members of one kind never need a number.
fn variant_candidates(label: &str, member: &ReferenceOr<Schema>) -> Vec<String> {
    let mut candidates = vec![label.to_owned()];
    if let ReferenceOr::Item(inner) = member {
        if let Some(title) = inner.schema_data.title.as_deref() {
            candidates.push(camel(title));
        }
        if let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = &inner.schema_kind {
            if let Some(first) = object.properties.keys().next() {
                candidates.push(format!("{label}With{}", camel(first)));
            }
        }
    }
    const ORDINALS: [&str; 9] = [
        "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    ];
    candidates.extend(ORDINALS.iter().map(|o| format!("{o}{label}")));
    candidates
}

fn variant_label(ty: &TypeRef, inline: Option<&View>) -> String {
    match (inline, ty) {
        (Some(View::String { values, .. }), _) if !values.is_empty() => "Enum".to_owned(),
        (Some(View::Integer { values, .. }), _) if !values.is_empty() => "Enum".to_owned(),
        (Some(View::String { .. }), _) | (None, TypeRef::String) => "String".to_owned(),
        (Some(View::Integer { .. }), _) | (None, TypeRef::I32 | TypeRef::I64) => {
            "Integer".to_owned()
        }
        (Some(View::Number), _) | (None, TypeRef::Number) => "Number".to_owned(),
        (Some(View::Boolean), _) | (None, TypeRef::Bool) => "Boolean".to_owned(),
        (Some(View::Array { .. }), _) | (None, TypeRef::List(_)) => "List".to_owned(),
        (Some(View::Object { .. } | View::AllOf(_)), _) | (None, TypeRef::Map(_)) => {
            "Object".to_owned()
        }
        (None, TypeRef::Named(name)) => name.clone(),
        _ => "Value".to_owned(),
    }
}
