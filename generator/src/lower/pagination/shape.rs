//! Reading a page's type: fields by wire name, and where its items are.

use crate::ir::{Field, TypeDef, TypeKind, TypeRef};

/// A field reached from the page: Rust names of the way there, and its type.
#[derive(Debug, Clone)]
pub struct Reached {
    pub path: Vec<String>,
    pub wire: Vec<String>,
    pub ty: TypeRef,
}

/// The struct fields of `ty` (through aliases), if it is an object.
pub fn fields<'a>(types: &'a [TypeDef], ty: &TypeRef) -> Option<&'a [Field]> {
    let TypeRef::Named(name) = ty else {
        return None;
    };
    match &types.iter().find(|t| &t.name == name)?.kind {
        TypeKind::Struct(s) => Some(&s.fields),
        TypeKind::Alias(target) | TypeKind::Newtype(target) => fields(types, target),
        _ => None,
    }
}

/// `ty` with aliases (`type Page = i64`) seen through.
pub fn resolved(types: &[TypeDef], ty: &TypeRef) -> TypeRef {
    let mut current = ty.clone();
    for _ in 0..16 {
        let TypeRef::Named(name) = &current else {
            break;
        };
        match types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
            Some(TypeKind::Alias(target)) => current = target.clone(),
            _ => break,
        }
    }
    current
}

/// Follows wire names from `page`; the reason when a step is missing.
pub fn follow(types: &[TypeDef], page: &TypeRef, wire: &[&str]) -> Result<Reached, String> {
    let mut reached = Reached {
        path: Vec::new(),
        wire: Vec::new(),
        ty: page.clone(),
    };
    for step in wire {
        let field = fields(types, &reached.ty)
            .ok_or(format!("cannot look up `{step}` in a non-object"))?
            .iter()
            .find(|f| f.wire_name == *step)
            .ok_or(format!("the page has no property `{}`", wire.join(".")))?;
        reached.path.push(field.rust_name.clone());
        reached.wire.push(field.wire_name.clone());
        reached.ty = field.ty.clone();
    }
    Ok(reached)
}

/// Objects a page groups its paging details in (`meta`, `pagination`, …):
/// a name is looked for at the top and inside these, two deep at most.
const CONTAINERS: [&str; 10] = [
    "meta",
    "metadata",
    "pagination",
    "paging",
    "page_info",
    "pageInfo",
    "cursor",
    "cursors",
    "response_metadata",
    "page",
];

/// The first field named one of `names` whose type `fits`, at the top of
/// `page` or inside its paging containers; names earlier in the list win.
pub fn find(
    types: &[TypeDef],
    page: &TypeRef,
    names: &[&str],
    fits: fn(&TypeRef) -> bool,
) -> Option<Reached> {
    let start = Reached {
        path: Vec::new(),
        wire: Vec::new(),
        ty: page.clone(),
    };
    names
        .iter()
        .find_map(|name| find_in(types, &start, name, fits, 2))
}

fn find_in(
    types: &[TypeDef],
    at: &Reached,
    name: &str,
    fits: fn(&TypeRef) -> bool,
    depth: usize,
) -> Option<Reached> {
    let fields = fields(types, &at.ty)?;
    let step = |field: &Field| {
        let mut next = at.clone();
        next.path.push(field.rust_name.clone());
        next.wire.push(field.wire_name.clone());
        next.ty = field.ty.clone();
        next
    };
    if let Some(field) = fields.iter().find(|f| f.wire_name == name && fits(&f.ty)) {
        return Some(step(field));
    }
    if depth == 0 {
        return None;
    }
    fields
        .iter()
        .filter(|f| CONTAINERS.contains(&f.wire_name.as_str()))
        .find_map(|f| find_in(types, &step(f), name, fits, depth - 1))
}

/// Names a page's list of items commonly goes by, most telling first.
const ITEM_LISTS: [&str; 10] = [
    "data", "items", "results", "entries", "records", "values", "elements", "hits", "rows", "list",
];

/// Where the items are: the page itself when it is a list, else its only list
/// field, else the list field with a usual name.
pub fn items(types: &[TypeDef], page: &TypeRef) -> Option<(Reached, TypeRef)> {
    if let TypeRef::List(item) = resolved(types, page) {
        let whole = Reached {
            path: Vec::new(),
            wire: Vec::new(),
            ty: page.clone(),
        };
        return Some((whole, *item));
    }
    let fields = fields(types, page)?;
    let lists: Vec<&Field> = fields
        .iter()
        .filter(|f| matches!(resolved(types, &f.ty), TypeRef::List(_)))
        .collect();
    let chosen = match lists.as_slice() {
        [only] => *only,
        _ => ITEM_LISTS
            .iter()
            .find_map(|name| lists.iter().find(|f| f.wire_name == *name))?,
    };
    let TypeRef::List(item) = resolved(types, &chosen.ty) else {
        return None;
    };
    let reached = Reached {
        path: vec![chosen.rust_name.clone()],
        wire: vec![chosen.wire_name.clone()],
        ty: chosen.ty.clone(),
    };
    Some((reached, *item))
}

/// The items a JSON pointer (`/data`, or empty for the page itself) names.
pub fn items_at(
    types: &[TypeDef],
    page: &TypeRef,
    wire: &[&str],
) -> Result<(Reached, TypeRef), String> {
    let reached = follow(types, page, wire)?;
    match resolved(types, &reached.ty) {
        TypeRef::List(item) => Ok((reached, *item)),
        _ => Err(format!("`{}` is not a list", wire.join("."))),
    }
}

/// Whether a type is a string.
pub fn is_string(ty: &TypeRef) -> bool {
    *ty == TypeRef::String
}

/// Whether a type can be a cursor: a string, or an integer sent as text.
pub fn is_cursor(ty: &TypeRef) -> bool {
    is_string(ty) || is_integer(ty)
}

/// Whether a type is an integer.
pub fn is_integer(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::I32 | TypeRef::I64)
}

/// Whether a type is a flag.
pub fn is_bool(ty: &TypeRef) -> bool {
    *ty == TypeRef::Bool
}
