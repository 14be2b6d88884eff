//! Documented error responses → variants of the crate's `Error` enum.

use std::collections::BTreeMap;

use super::operations::{status_name, ErrorUse};
use crate::ir::{ErrorDetails, ErrorStatus, ErrorVariant, Field, TypeDef, TypeKind, TypeRef};

/// The name of the common view of error bodies (reserved for it in `names`).
const DETAILS_NAME: &str = "ErrorDetails";

/// One variant per documented status, in status order, then one per
/// documented range (`ClientError` for `4XX`), then `Unexpected` for `default`
/// and anything undocumented. A status whose operations disagree on the body's
/// schema keeps the body as JSON.
pub fn variants(uses: &[ErrorUse]) -> Vec<ErrorVariant> {
    let mut by_status: BTreeMap<ErrorStatus, Vec<&Option<TypeRef>>> = BTreeMap::new();
    for (status, ty) in uses {
        by_status.entry(*status).or_default().push(ty);
    }
    by_status.entry(ErrorStatus::Default).or_default();
    let model_of = |tys: &[&Option<TypeRef>]| match tys.first() {
        Some(first) if tys.iter().all(|t| t == first) => (*first).clone(),
        _ => None,
    };
    by_status
        .iter()
        .map(|(status, tys)| {
            let (name, doc) = match *status {
                ErrorStatus::Exact(code) => {
                    (status_name(code), format!("The server answered {code}."))
                }
                ErrorStatus::Range(hundred) => (
                    range_name(hundred),
                    format!(
                        "The server answered a {hundred}xx status that has no variant of its own."
                    ),
                ),
                ErrorStatus::Default => (
                    "Unexpected".to_owned(),
                    "Any other error status: the API's `default` response.".to_owned(),
                ),
            };
            ErrorVariant {
                name,
                status: *status,
                model: model_of(tys),
                doc,
            }
        })
        .collect()
}

/// The variant name of a status range.
pub fn range_name(hundred: u16) -> String {
    match hundred {
        1 => "Informational".to_owned(),
        3 => "Redirection".to_owned(),
        4 => "ClientError".to_owned(),
        5 => "ServerError".to_owned(),
        other => format!("Status{other}xx"),
    }
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
