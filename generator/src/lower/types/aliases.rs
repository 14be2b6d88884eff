//! Aliases: those that expand into themselves become tuple structs, and
//! cycles of plain aliases are reported.

use std::collections::BTreeSet;

use crate::diagnostics::Error;
use crate::ir::{TypeDef, TypeKind, TypeRef};
use crate::load::Document;

/// Aliases of lists and maps that reach themselves through other aliases,
/// lists and maps only (`Tree = Vec<Tree>`, `A = Map<B>`, `B = Vec<A>`) become
/// tuple structs: Rust rejects a type alias that expands into itself.
pub fn wrap_recursive_aliases(defs: &mut [TypeDef]) {
    fn reaches(defs: &[TypeDef], ty: &TypeRef, target: &str, seen: &mut BTreeSet<String>) -> bool {
        match ty {
            TypeRef::List(inner) | TypeRef::Map(inner) => reaches(defs, inner, target, seen),
            TypeRef::Named(name) if name == target => true,
            TypeRef::Named(name) if seen.insert(name.clone()) => {
                match defs.iter().find(|d| &d.name == name).map(|d| &d.kind) {
                    Some(TypeKind::Alias(next)) => reaches(defs, next, target, seen),
                    _ => false,
                }
            }
            _ => false,
        }
    }
    let recursive: Vec<usize> = defs
        .iter()
        .enumerate()
        .filter(|(_, def)| match &def.kind {
            TypeKind::Alias(ty @ (TypeRef::List(_) | TypeRef::Map(_))) => {
                reaches(defs, ty, &def.name, &mut BTreeSet::new())
            }
            _ => false,
        })
        .map(|(index, _)| index)
        .collect();
    for index in recursive {
        if let TypeKind::Alias(ty) = &defs[index].kind {
            defs[index].kind = TypeKind::Newtype(ty.clone());
        }
    }
}

/// A type that is only another name for itself (`A: {$ref: B}`, `B: {$ref: A}`)
/// has no shape at all; report the first such chain.
pub fn check_alias_cycles(doc: &Document, defs: &[TypeDef]) -> Result<(), Error> {
    let target = |name: &str| match defs.iter().find(|d| d.name == name).map(|d| &d.kind) {
        Some(TypeKind::Alias(TypeRef::Named(next))) => Some(next.clone()),
        _ => None,
    };
    for def in defs {
        let mut chain = vec![def.name.clone()];
        let mut current = def.name.clone();
        while let Some(next) = target(&current) {
            if next == def.name {
                let pointer = def.origin.trim_start_matches('#');
                return Err(doc.error(
                    pointer,
                    format!(
                        "`$ref`s go round in a circle ({} → {next}) without describing a value",
                        chain.join(" → ")
                    ),
                ));
            }
            if chain.contains(&next) {
                break;
            }
            chain.push(next.clone());
            current = next;
        }
    }
    Ok(())
}
