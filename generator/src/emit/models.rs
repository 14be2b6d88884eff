//! Model types → `src/models/*.rs`.

mod enums;
mod structs;
mod unions;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, inner, own};
use super::rust_types::{ident, rust_type, Uses};
use super::Tokens;
use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Every alias by name (`type Address = String;`), so a union can tell which
/// of its variants are the same Rust type.
type Aliases<'a> = BTreeMap<&'a str, &'a TypeRef>;

/// One file per module, plus `models/mod.rs` re-exporting every type.
pub fn files(types: &[TypeDef]) -> Vec<(String, Tokens<'_>)> {
    let mut modules: BTreeMap<&str, Vec<&TypeDef>> = BTreeMap::new();
    for def in types {
        modules.entry(def.module.as_str()).or_default().push(def);
    }
    let mod_rs = {
        let modules = modules.clone();
        Tokens::new(move || {
            let declarations = modules.iter().map(|(module, defs)| {
                let module_ident = ident(module);
                let names = defs.iter().map(|d| ident(&d.name));
                // Lowering gates a module's types alike.
                let cfg = super::features::cfg(&defs[0].gate);
                quote! {
                    #cfg
                    mod #module_ident;
                    #cfg
                    pub use #module_ident::{#(#names),*};
                }
            });
            let module_doc = inner("The API's data types: request bodies, responses and everything inside them.\n\nEvery type keeps properties it does not know in `additional_properties`, so\nnothing a newer server sends is lost when a value is read and written back.");
            quote! { #module_doc #(#declarations)* }
        })
    };
    let aliases: Arc<Aliases> = Arc::new(
        types
            .iter()
            .filter_map(|def| match &def.kind {
                TypeKind::Alias(target) => Some((def.name.as_str(), target)),
                _ => None,
            })
            .collect(),
    );
    let mut files = vec![("src/models/mod.rs".to_owned(), mod_rs)];
    for (module, defs) in modules {
        let aliases = Arc::clone(&aliases);
        files.push((
            format!("src/models/{module}.rs"),
            Tokens::new(move || module_file(&defs, &aliases)),
        ));
    }
    files
}

fn module_file(defs: &[&TypeDef], aliases: &Aliases) -> TokenStream {
    let mut uses = Uses::default();
    let local: BTreeSet<String> = defs.iter().map(|d| d.name.clone()).collect();
    let mut items = Vec::new();
    let mut needs_serde_derive = false;
    for def in defs {
        match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| uses.add(&f.ty));
                uses.add(&s.extra.value);
                uses.map = true;
                needs_serde_derive = true;
                items.push(structs::structure(def, s));
            }
            TypeKind::Enum(e) if e.integer => {
                items.push(super::integer_enums::integer_enum(def, e, type_doc(def)))
            }
            TypeKind::Enum(e) => items.push(enums::enumeration(def, e)),
            TypeKind::Tagged(t) => {
                t.variants.iter().for_each(|v| uses.add(&v.ty));
                needs_serde_derive = true;
                items.push(unions::tagged(def, t, aliases));
            }
            TypeKind::Untagged(u) => {
                u.variants.iter().for_each(|v| uses.add(&v.ty));
                needs_serde_derive = true;
                items.push(unions::untagged(def, u, aliases));
            }
            TypeKind::Alias(ty) => {
                uses.add(ty);
                items.push(alias(def, ty));
            }
            TypeKind::Newtype(ty) => {
                uses.add(ty);
                needs_serde_derive = true;
                items.push(newtype(def, ty));
            }
        }
    }
    let imports = uses.imports(quote!(super), &local);
    let serde = if needs_serde_derive || defs.iter().any(|d| matches!(d.kind, TypeKind::Enum(_))) {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    } else {
        quote!()
    };
    quote! { #serde #imports #(#items)* }
}

fn type_doc(def: &TypeDef) -> TokenStream {
    let origin = own(&format!("Defined at `{}`.", def.origin));
    match &def.doc {
        Some(_) => {
            let text = doc(def.doc.as_deref());
            quote! { #text #[doc = ""] #origin }
        }
        None => origin,
    }
}

fn boxed(ty: &TypeRef, boxed: bool) -> TokenStream {
    let inner = rust_type(ty);
    if boxed {
        quote!(Box<#inner>)
    } else {
        inner
    }
}

/// A list or map that contains itself, as a transparent tuple struct.
fn newtype(def: &TypeDef, ty: &TypeRef) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_doc(def);
    let ty = rust_type(ty);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct #name(pub #ty);

        impl From<#ty> for #name {
            fn from(value: #ty) -> Self {
                Self(value)
            }
        }
    }
}

fn alias(def: &TypeDef, ty: &TypeRef) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_doc(def);
    let ty = rust_type(ty);
    quote! { #docs pub type #name = #ty; }
}
