//! Decides which fields and variants are boxed: those that would make a type
//! infinitely large (a cycle), and union variants much larger than their siblings.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Resource, TypeDef, TypeKind, TypeRef};

/// Union variants estimated above this many bytes are boxed, which keeps every
/// union well inside clippy's `large_enum_variant` limit (a 200-byte spread).
const LARGE_VARIANT: usize = 96;

/// Marks `boxed` on fields and variants.
pub fn mark_boxes(types: &mut [TypeDef]) {
    let edges: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|t| (t.name.clone(), direct(&t.kind)))
        .collect();
    for def in types.iter_mut() {
        let name = def.name.clone();
        let in_cycle =
            |ty: &TypeRef| matches!(ty, TypeRef::Named(target) if reaches(&edges, target, &name));
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| f.boxed = in_cycle(&f.ty)),
            TypeKind::Tagged(t) => t
                .variants
                .iter_mut()
                .for_each(|v| v.boxed = in_cycle(&v.ty)),
            TypeKind::Untagged(u) => u
                .variants
                .iter_mut()
                .for_each(|v| v.boxed = in_cycle(&v.ty)),
            TypeKind::Enum(_) | TypeKind::Alias(_) | TypeKind::Newtype(_) => {}
        }
    }
    let sizes = Sizes {
        types,
        memo: BTreeMap::new(),
    };
    let large: Vec<(usize, Vec<usize>)> = types
        .iter()
        .enumerate()
        .filter_map(|(index, def)| {
            let tys: Vec<&TypeRef> = match &def.kind {
                TypeKind::Tagged(t) => t.variants.iter().map(|v| &v.ty).collect(),
                TypeKind::Untagged(u) => u.variants.iter().map(|v| &v.ty).collect(),
                _ => return None,
            };
            let mut sizes = sizes.clone();
            Some((
                index,
                tys.iter()
                    .enumerate()
                    .filter(|(_, ty)| sizes.of(ty) > LARGE_VARIANT)
                    .map(|(i, _)| i)
                    .collect(),
            ))
        })
        .collect();
    for (index, variants) in large {
        for variant in variants {
            match &mut types[index].kind {
                TypeKind::Tagged(t) => t.variants[variant].boxed = true,
                TypeKind::Untagged(u) => u.variants[variant].boxed = true,
                _ => {}
            }
        }
    }
}

/// Boxes the variants of per-operation answer enums (one per success status)
/// whose body is estimated above [`LARGE_VARIANT`] bytes, as union variants are.
pub fn mark_answer_boxes(types: &[TypeDef], resources: &mut [Resource]) {
    let mut sizes = Sizes {
        types,
        memo: BTreeMap::new(),
    };
    let answers = resources
        .iter_mut()
        .flat_map(|r| &mut r.operations)
        .filter_map(|op| op.success.by_status.as_mut());
    for answer in answers {
        for variant in &mut answer.variants {
            variant.boxed = variant
                .ty
                .as_ref()
                .is_some_and(|ty| sizes.of(ty) > LARGE_VARIANT);
        }
    }
}

/// A rough size estimate in bytes; it only has to rank variants.
#[derive(Clone)]
struct Sizes<'a> {
    types: &'a [TypeDef],
    memo: BTreeMap<String, usize>,
}

impl Sizes<'_> {
    fn of(&mut self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Bool => 1,
            TypeRef::I32 => 4,
            TypeRef::I64 | TypeRef::Number => 16,
            TypeRef::DateTime => 40,
            TypeRef::Multipart => 24,
            TypeRef::String | TypeRef::Bytes | TypeRef::List(_) | TypeRef::Map(_) => 24,
            TypeRef::Json => 32,
            TypeRef::Named(name) => self.named(name),
        }
    }

    fn named(&mut self, name: &str) -> usize {
        if let Some(size) = self.memo.get(name) {
            return *size;
        }
        // Provisional value, so that cycles (which are boxed anyway) terminate.
        self.memo.insert(name.to_owned(), 8);
        let types = self.types;
        let size = match types.iter().find(|t| t.name == name).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => {
                24 + s
                    .fields
                    .iter()
                    .map(|f| if f.boxed { 8 } else { self.of(&f.ty) + 8 })
                    .sum::<usize>()
            }
            Some(TypeKind::Enum(_)) => 24,
            Some(TypeKind::Tagged(t)) => {
                8 + t
                    .variants
                    .iter()
                    .map(|v| if v.boxed { 8 } else { self.of(&v.ty) })
                    .max()
                    .unwrap_or(32)
            }
            Some(TypeKind::Untagged(u)) => {
                8 + u
                    .variants
                    .iter()
                    .map(|v| if v.boxed { 8 } else { self.of(&v.ty) })
                    .max()
                    .unwrap_or(0)
            }
            Some(TypeKind::Alias(ty) | TypeKind::Newtype(ty)) => self.of(ty),
            None => 8,
        };
        self.memo.insert(name.to_owned(), size);
        size
    }
}

/// Types held inline (not behind a list or map) by a type.
fn direct(kind: &TypeKind) -> Vec<String> {
    let named = |ty: &TypeRef| match ty {
        TypeRef::Named(name) => Some(name.clone()),
        _ => None,
    };
    match kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| named(&f.ty)).collect(),
        TypeKind::Tagged(t) => t.variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeKind::Untagged(u) => u.variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => named(ty).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

fn reaches(edges: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_owned()];
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if seen.insert(node.clone()) {
            stack.extend(edges.get(&node).into_iter().flatten().cloned());
        }
    }
    false
}
