//! Recognises cursor-paginated list operations.
//!
//! `x-sdk-pagination: {cursor: <query parameter>, items: <JSON pointer>, next:
//! <JSON pointer>}` on an operation says where things are; without it, an
//! operation with a `cursor` query parameter whose response has `/data` (a
//! list) and `/meta/cursors/next` (a string) is taken to be paginated.

use serde_json::Value as Json;

use crate::ir::{Operation, Pagination, ParamLocation, TypeDef, TypeKind, TypeRef};

/// Where the cursor and the page parts are, as JSON pointers into the response.
struct Hint<'a> {
    cursor: &'a str,
    items: &'a str,
    next: &'a str,
}

const CONVENTION: Hint<'static> = Hint {
    cursor: "cursor",
    items: "/data",
    next: "/meta/cursors/next",
};

/// The operation's pagination; an explicit extension that does not fit the
/// operation is an `Err` with the reason (the caller warns and goes on).
pub fn detect(
    types: &[TypeDef],
    op: &Operation,
    extension: Option<&Json>,
) -> Result<Option<Pagination>, String> {
    let explicit = match extension {
        Some(value) => {
            let field = |name: &str| {
                value
                    .get(name)
                    .and_then(Json::as_str)
                    .ok_or(format!("`x-sdk-pagination` needs a string `{name}`"))
            };
            Some(Hint {
                cursor: field("cursor")?,
                items: field("items")?,
                next: field("next")?,
            })
        }
        None => None,
    };
    let hint = explicit.as_ref().unwrap_or(&CONVENTION);
    match resolve(types, op, hint) {
        Ok(pagination) => Ok(Some(pagination)),
        Err(reason) if explicit.is_some() => Err(reason),
        Err(_) => Ok(None),
    }
}

fn resolve(types: &[TypeDef], op: &Operation, hint: &Hint<'_>) -> Result<Pagination, String> {
    let cursor = op
        .params
        .iter()
        .find(|p| {
            p.location == ParamLocation::Query
                && p.wire_name == hint.cursor
                && p.ty == TypeRef::String
        })
        .ok_or(format!("no string query parameter `{}`", hint.cursor))?;
    let page = op
        .success
        .ty
        .as_ref()
        .ok_or("the operation returns no body")?;
    let items_path: Vec<&str> = hint.items.trim_start_matches('/').split('/').collect();
    let [items_name] = items_path.as_slice() else {
        return Err(format!(
            "items must be a top-level property, not `{}`",
            hint.items
        ));
    };
    let items = field(types, page, items_name)?;
    let TypeRef::List(item) = &items.0 else {
        return Err(format!("`{}` is not a list", hint.items));
    };
    let mut next_cursor = Vec::new();
    let mut current = page.clone();
    for step in hint.next.trim_start_matches('/').split('/') {
        let (ty, rust_name, _) = field(types, &current, step)?;
        next_cursor.push(rust_name);
        current = ty;
    }
    if current != TypeRef::String {
        return Err(format!("`{}` is not a string", hint.next));
    }
    Ok(Pagination {
        cursor_param: cursor.rust_name.clone(),
        items_field: items.1.clone(),
        items_optional: !items.2,
        item: (**item).clone(),
        next_cursor,
    })
}

/// A struct field by wire name: its type, Rust name and whether it is required.
fn field(
    types: &[TypeDef],
    ty: &TypeRef,
    wire_name: &str,
) -> Result<(TypeRef, String, bool), String> {
    let TypeRef::Named(name) = ty else {
        return Err(format!("cannot look up `{wire_name}` in a non-object"));
    };
    match types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
        Some(TypeKind::Struct(s)) => s
            .fields
            .iter()
            .find(|f| f.wire_name == wire_name)
            .map(|f| (f.ty.clone(), f.rust_name.clone(), f.required && !f.nullable))
            .ok_or(format!("`{name}` has no property `{wire_name}`")),
        Some(TypeKind::Alias(target) | TypeKind::Newtype(target)) => {
            field(types, target, wire_name)
        }
        _ => Err(format!("`{name}` is not an object")),
    }
}
