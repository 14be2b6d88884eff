//! Types only ever sent as parameter values lose `nullable`: a query string,
//! header or path has no way to say `null`, so `Option<Option<T>>` there would
//! be a state without meaning (`filter.status_code: Some(None)`).

use std::collections::BTreeSet;

use crate::ir::{Operation, Resource, TypeDef, TypeKind, TypeRef};

/// Clears `nullable` on the fields of types reached only from parameters.
pub fn apply(defs: &mut [TypeDef], resources: &[Resource]) {
    let operations = resources.iter().flat_map(|r| &r.operations);
    let mut from_parameters = BTreeSet::new();
    let mut elsewhere = BTreeSet::new();
    for op in operations {
        for param in &op.params {
            reach(defs, &param.ty, &mut from_parameters);
        }
        for ty in non_parameter_types(op) {
            reach(defs, ty, &mut elsewhere);
        }
    }
    for def in defs.iter_mut() {
        if from_parameters.contains(&def.name) && !elsewhere.contains(&def.name) {
            if let TypeKind::Struct(s) = &mut def.kind {
                s.fields.iter_mut().for_each(|f| f.nullable = false);
            }
        }
    }
}

/// The types an operation names outside its parameters: body, answers, page items.
pub(super) fn non_parameter_types(op: &Operation) -> impl Iterator<Item = &TypeRef> {
    op.body
        .iter()
        .map(|b| &b.ty)
        .chain(&op.success.ty)
        .chain(
            op.success
                .by_status
                .iter()
                .flat_map(|e| &e.variants)
                .filter_map(|v| v.ty.as_ref()),
        )
        .chain(op.pagination.iter().map(|p| &p.item))
}

/// Adds every named type `ty` reaches to `seen`.
fn reach(defs: &[TypeDef], ty: &TypeRef, seen: &mut BTreeSet<String>) {
    match ty {
        TypeRef::Named(name) => {
            if !seen.insert(name.clone()) {
                return;
            }
            let Some(def) = defs.iter().find(|d| &d.name == name) else {
                return;
            };
            match &def.kind {
                TypeKind::Struct(s) => {
                    for field in &s.fields {
                        reach(defs, &field.ty, seen);
                    }
                    reach(defs, &s.extra.value, seen);
                }
                TypeKind::Tagged(t) => t.variants.iter().for_each(|v| reach(defs, &v.ty, seen)),
                TypeKind::Untagged(u) => u.variants.iter().for_each(|v| reach(defs, &v.ty, seen)),
                TypeKind::Alias(target) | TypeKind::Newtype(target) => reach(defs, target, seen),
                TypeKind::Enum(_) => {}
            }
        }
        TypeRef::List(inner) | TypeRef::Map(inner) => reach(defs, inner, seen),
        _ => {}
    }
}
