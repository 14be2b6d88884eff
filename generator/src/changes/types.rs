//! How models, enums and unions changed.

use std::collections::BTreeMap;

use super::{by_key, shown, Diff, Impact};
use crate::ir::{Field, TypeDef, TypeKind, TypeRef};

impl Diff {
    pub(super) fn types(&mut self, old: &[TypeDef], new: &[TypeDef]) {
        let (old_map, new_map) = (
            by_key(old, |t| t.name.clone()),
            by_key(new, |t| t.name.clone()),
        );
        for (name, def) in &new_map {
            match old_map.get(name) {
                None => self.push(Impact::Additive, format!("type {name}"), "added"),
                Some(before) => self.type_def(before, def),
            }
        }
        for name in old_map.keys().filter(|n| !new_map.contains_key(*n)) {
            self.push(Impact::Breaking, format!("type {name}"), "removed");
        }
    }

    fn type_def(&mut self, old: &TypeDef, new: &TypeDef) {
        let name = &new.name;
        if old.doc != new.doc {
            self.push(Impact::Cosmetic, format!("type {name}"), "documentation");
        }
        match (&old.kind, &new.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                self.fields(name, &a.fields, &b.fields);
                if a.extra.value != b.extra.value {
                    self.push(
                        Impact::Breaking,
                        format!("type {name}"),
                        format!(
                            "additional properties {} → {}",
                            shown(&a.extra.value),
                            shown(&b.extra.value)
                        ),
                    );
                }
                if a.default && !b.default {
                    self.push(
                        Impact::Breaking,
                        format!("type {name}"),
                        "no longer `Default`",
                    );
                }
                if a.required_parts != b.required_parts {
                    self.push(
                        Impact::Breaking,
                        format!("type {name}"),
                        "`new` takes other arguments",
                    );
                }
            }
            (TypeKind::Enum(a), TypeKind::Enum(b)) => {
                let values = |e: &crate::ir::Enum| -> BTreeMap<String, String> {
                    e.variants
                        .iter()
                        .map(|v| (v.value.clone(), v.name.clone()))
                        .collect()
                };
                let (before, after) = (values(a), values(b));
                for (value, variant) in &after {
                    match before.get(value) {
                        None => self.push(
                            Impact::Additive,
                            format!("enum {name}"),
                            format!("value `{value}` added ({variant})"),
                        ),
                        Some(old_variant) if old_variant != variant => self.push(
                            Impact::Breaking,
                            format!("enum {name}"),
                            format!("variant {old_variant} renamed {variant}"),
                        ),
                        Some(_) => {}
                    }
                }
                for value in before.keys().filter(|v| !after.contains_key(*v)) {
                    self.push(
                        Impact::Breaking,
                        format!("enum {name}"),
                        format!("value `{value}` removed"),
                    );
                }
                if a.unknown_variant != b.unknown_variant {
                    self.push(
                        Impact::Breaking,
                        format!("enum {name}"),
                        "catch-all variant renamed",
                    );
                }
            }
            (TypeKind::Tagged(a), TypeKind::Tagged(b)) => {
                let variants = |t: &crate::ir::Tagged| -> BTreeMap<String, TypeRef> {
                    t.variants
                        .iter()
                        .map(|v| (v.name.clone(), v.ty.clone()))
                        .collect()
                };
                self.variants(name, &variants(a), &variants(b));
            }
            (TypeKind::Untagged(a), TypeKind::Untagged(b)) => {
                let variants = |u: &crate::ir::Untagged| -> BTreeMap<String, TypeRef> {
                    u.variants
                        .iter()
                        .map(|v| (v.name.clone(), v.ty.clone()))
                        .collect()
                };
                self.variants(name, &variants(a), &variants(b));
            }
            (TypeKind::Alias(a), TypeKind::Alias(b))
            | (TypeKind::Newtype(a), TypeKind::Newtype(b))
                if a == b => {}
            (TypeKind::Alias(a), TypeKind::Alias(b))
            | (TypeKind::Newtype(a), TypeKind::Newtype(b)) => self.push(
                Impact::Breaking,
                format!("type {name}"),
                format!("{} → {}", shown(a), shown(b)),
            ),
            _ => self.push(Impact::Breaking, format!("type {name}"), "changed kind"),
        }
    }

    fn variants(
        &mut self,
        name: &str,
        old: &BTreeMap<String, TypeRef>,
        new: &BTreeMap<String, TypeRef>,
    ) {
        for (variant, ty) in new {
            match old.get(variant) {
                None => self.push(
                    Impact::Additive,
                    format!("union {name}"),
                    format!("variant {variant} added"),
                ),
                Some(before) if before != ty => self.push(
                    Impact::Breaking,
                    format!("union {name}"),
                    format!("variant {variant}: {} → {}", shown(before), shown(ty)),
                ),
                Some(_) => {}
            }
        }
        for variant in old.keys().filter(|v| !new.contains_key(*v)) {
            self.push(
                Impact::Breaking,
                format!("union {name}"),
                format!("variant {variant} removed"),
            );
        }
    }

    fn fields(&mut self, owner: &str, old: &[Field], new: &[Field]) {
        let (old_map, new_map) = (
            by_key(old, |f| f.rust_name.clone()),
            by_key(new, |f| f.rust_name.clone()),
        );
        for (name, field) in &new_map {
            let subject = format!("field {owner}.{name}");
            match old_map.get(name) {
                None if field.required => self.push(
                    Impact::Breaking,
                    subject,
                    "added, required (an argument of `new`)",
                ),
                None => self.push(Impact::Additive, subject, "added (optional)"),
                Some(before) => {
                    if before.ty != field.ty || before.boxed != field.boxed {
                        self.push(
                            Impact::Breaking,
                            &subject,
                            format!("type {} → {}", shown(&before.ty), shown(&field.ty)),
                        );
                    }
                    if before.required != field.required || before.nullable != field.nullable {
                        let shape = |f: &Field| match (f.required, f.nullable) {
                            (true, false) => "required",
                            (true, true) => "required, nullable",
                            (false, false) => "optional",
                            (false, true) => "optional, nullable",
                        };
                        self.push(
                            Impact::Breaking,
                            &subject,
                            format!("{} → {}", shape(before), shape(field)),
                        );
                    }
                    if before.doc != field.doc
                        || before.deprecated != field.deprecated
                        || before.example != field.example
                    {
                        self.push(Impact::Cosmetic, &subject, "documentation");
                    }
                }
            }
        }
        for name in old_map.keys().filter(|n| !new_map.contains_key(*n)) {
            self.push(Impact::Breaking, format!("field {owner}.{name}"), "removed");
        }
    }
}
