//! Documented error responses → variants of the crate's `Error` enum.

use std::collections::BTreeMap;

use super::operations::{status_name, ErrorUse};
use crate::ir::{ErrorVariant, TypeRef};

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
