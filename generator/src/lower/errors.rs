//! Documented error responses → variants of the crate's `Error` enum.

use std::collections::BTreeMap;

use super::operations::{status_name, ErrorUse};
use crate::ir::{ErrorDetails, ErrorVariant, Field, TypeDef, TypeKind, TypeRef};

/// The name of the common view of error bodies (reserved for it in `names`).
const DETAILS_NAME: &str = "ErrorDetails";

/// One variant per documented status, in status order, then `Unexpected` for
/// `default` and anything undocumented. A status whose operations disagree on
/// the body's schema keeps the body as JSON.
pub fn variants(uses: &[ErrorUse]) -> Vec<ErrorVariant> {
    let mut by_status: BTreeMap<Option<u16>, Vec<&Option<TypeRef>>> = BTreeMap::new();
    for (status, ty) in uses {
        by_status.entry(*status).or_default().push(ty);
    }
    let model_of = |tys: &[&Option<TypeRef>]| match tys.first() {
        Some(first) if tys.iter().all(|t| t == first) => (*first).clone(),
        _ => None,
    };
    let mut variants: Vec<ErrorVariant> = by_status
        .iter()
        .filter_map(|(status, tys)| status.map(|s| (s, tys)))
        .map(|(status, tys)| ErrorVariant {
            name: status_name(status),
            status: Some(status),
            model: model_of(tys),
            doc: format!("The server answered {status}."),
        })
        .collect();
    variants.push(ErrorVariant {
        name: "Unexpected".to_owned(),
        status: None,
        model: by_status.get(&None).and_then(|tys| model_of(tys)),
        doc: "Any other error status: the API's `default` response.".to_owned(),
    });
    variants
}

/// The fields every variant's error model has with the same name and shape
/// (secrets and boxed fields left out), when every variant has a struct model.
pub fn details(variants: &[ErrorVariant], defs: &[TypeDef]) -> Option<ErrorDetails> {
    let structs: Vec<&[Field]> = variants
        .iter()
        .map(|variant| match &variant.model {
            Some(TypeRef::Named(name)) => {
                defs.iter()
                    .find(|d| &d.name == name)
                    .and_then(|d| match &d.kind {
                        TypeKind::Struct(s) => Some(s.fields.as_slice()),
                        _ => None,
                    })
            }
            _ => None,
        })
        .collect::<Option<_>>()?;
    let (first, rest) = structs.split_first()?;
    let same = |a: &Field, b: &Field| {
        a.wire_name == b.wire_name
            && a.rust_name == b.rust_name
            && a.ty == b.ty
            && a.required == b.required
            && a.nullable == b.nullable
    };
    let fields: Vec<Field> = first
        .iter()
        .filter(|field| !field.sensitive && !field.boxed)
        .filter(|field| {
            rest.iter()
                .all(|other| other.iter().any(|f| same(f, field)))
        })
        .cloned()
        .collect();
    (!fields.is_empty()).then(|| ErrorDetails {
        name: DETAILS_NAME.to_owned(),
        fields,
    })
}
