//! Request-side copies of types that contain `readOnly` properties.
//!
//! A server ignores or rejects read-only properties in a request, so a body type
//! that reaches any gets an `…Input` twin without them, and so does every type
//! on the way to them. The inline objects a twinned type defines get twins with
//! it, read-only properties or not: one that names its first read-only
//! property in a later release then keeps its request type.

use std::collections::{BTreeMap, BTreeSet};

use super::names::Namespace;
use crate::ir::{Gate, Resource, TypeDef, TypeKind, TypeRef};

/// Rewrites request bodies to use input types, defining those as needed.
pub fn apply(types: &mut Vec<TypeDef>, names: &mut Namespace, resources: &mut [Resource]) {
    let needs = needing_input(types);
    if needs.is_empty() {
        return;
    }
    let mut inputs = Inputs {
        needs,
        made: BTreeMap::new(),
        new_defs: Vec::new(),
        names,
        types,
    };
    for resource in resources.iter_mut() {
        for operation in &mut resource.operations {
            if let Some(body) = &mut operation.body {
                body.ty = inputs.input_ref(&body.ty);
            }
        }
    }
    let new_defs = inputs.new_defs;
    types.extend(new_defs);
}

/// Types that have read-only fields, or reach a type that does.
fn needing_input(types: &[TypeDef]) -> BTreeSet<String> {
    let mut needs: BTreeSet<String> = types
        .iter()
        .filter(|t| matches!(&t.kind, TypeKind::Struct(s) if s.fields.iter().any(|f| f.read_only)))
        .map(|t| t.name.clone())
        .collect();
    loop {
        let before = needs.len();
        for def in types {
            if !needs.contains(&def.name)
                && referenced(&def.kind).iter().any(|n| needs.contains(*n))
            {
                needs.insert(def.name.clone());
            }
        }
        let owners: Vec<String> = types
            .iter()
            .filter(|t| needs.contains(&t.name))
            .map(|t| format!("{}/", t.origin))
            .collect();
        for def in types {
            let owned = owners
                .iter()
                .any(|owner| def.origin.starts_with(owner.as_str()));
            if owned && matches!(def.kind, TypeKind::Struct(_)) {
                needs.insert(def.name.clone());
            }
        }
        if needs.len() == before {
            return needs;
        }
    }
}

/// Names a type refers to directly or through lists and maps.
pub fn referenced(kind: &TypeKind) -> Vec<&str> {
    let tys: Vec<&TypeRef> = match kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain([&s.extra.value])
            .collect(),
        TypeKind::Tagged(t) => t.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Untagged(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => vec![ty],
        TypeKind::Enum(_) => Vec::new(),
    };
    let mut out = Vec::new();
    for ty in tys {
        collect_names(ty, &mut out);
    }
    out
}

/// Adds the names `ty` refers to directly or through lists and maps.
pub(super) fn collect_names<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::List(inner) | TypeRef::Map(inner) => collect_names(inner, out),
        _ => {}
    }
}

struct Inputs<'a> {
    needs: BTreeSet<String>,
    made: BTreeMap<String, String>,
    new_defs: Vec<TypeDef>,
    names: &'a mut Namespace,
    types: &'a [TypeDef],
}

impl Inputs<'_> {
    fn input_ref(&mut self, ty: &TypeRef) -> TypeRef {
        match ty {
            TypeRef::Named(name) if self.needs.contains(name) => {
                TypeRef::Named(self.input_name(name))
            }
            TypeRef::List(inner) => TypeRef::List(Box::new(self.input_ref(inner))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(self.input_ref(inner))),
            other => other.clone(),
        }
    }

    fn input_name(&mut self, name: &str) -> String {
        if let Some(made) = self.made.get(name) {
            return made.clone();
        }
        let input = self
            .names
            .claim_first(&[format!("{name}Input"), format!("{name}Write")]);
        // Record the name before recursing, so recursive types terminate.
        self.made.insert(name.to_owned(), input.clone());
        let Some(source) = self.types.iter().find(|t| t.name == name).cloned() else {
            return input;
        };
        let kind = match source.kind {
            TypeKind::Struct(mut s) => {
                s.fields.retain(|f| !f.read_only);
                for field in &mut s.fields {
                    field.ty = self.input_ref(&field.ty);
                }
                s.extra.value = self.input_ref(&s.extra.value);
                s.default = s.fields.iter().all(|f| !f.required);
                TypeKind::Struct(s)
            }
            TypeKind::Tagged(mut t) => {
                for variant in &mut t.variants {
                    variant.ty = self.input_ref(&variant.ty);
                }
                TypeKind::Tagged(t)
            }
            TypeKind::Untagged(mut u) => {
                for variant in &mut u.variants {
                    variant.ty = self.input_ref(&variant.ty);
                }
                TypeKind::Untagged(u)
            }
            TypeKind::Alias(ty) => TypeKind::Alias(self.input_ref(&ty)),
            TypeKind::Newtype(ty) => TypeKind::Newtype(self.input_ref(&ty)),
            kind @ TypeKind::Enum(_) => kind,
        };
        let doc = Some(match source.doc {
            Some(doc) => format!(
                "{doc}\n\nThe request form of [`{name}`]: read-only properties are left out."
            ),
            None => format!("The request form of [`{name}`]: read-only properties are left out."),
        });
        self.new_defs.push(TypeDef {
            name: input.clone(),
            module: source.module,
            origin: source.origin,
            doc,
            kind,
            gate: Gate::Always,
        });
        input
    }
}
