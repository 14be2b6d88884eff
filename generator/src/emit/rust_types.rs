//! IR type references → Rust type tokens.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::TypeRef;

/// An identifier from a name lowering already made valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type for `ty`, with model types by their bare names (imported).
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    tokens(ty, false)
}

/// The Rust type for `ty` by path (`models::Name`, `crate::runtime::DateTime`,
/// `std::collections::BTreeMap`): for files outside `models`, which import
/// modules rather than items (see `crate::scope`).
pub fn qualified_type(ty: &TypeRef) -> TokenStream {
    tokens(ty, true)
}

fn tokens(ty: &TypeRef, qualified: bool) -> TokenStream {
    let rust_type = |ty: &TypeRef| tokens(ty, qualified);
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::Number => quote!(crate::runtime::Number),
        TypeRef::DateTime if qualified => quote!(crate::runtime::DateTime),
        TypeRef::DateTime => quote!(DateTime),
        TypeRef::Multipart if qualified => quote!(crate::runtime::Multipart),
        TypeRef::Multipart => quote!(Multipart),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Bytes => quote!(Vec<u8>),
        TypeRef::Named(name) => {
            let name = ident(name);
            if qualified {
                quote!(models::#name)
            } else {
                quote!(#name)
            }
        }
        TypeRef::List(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) if qualified => {
            let inner = rust_type(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner);
            quote!(BTreeMap<String, #inner>)
        }
    }
}

/// Named types and whether `BTreeMap` appears, for a file's `use` lines.
#[derive(Debug, Default)]
pub struct Uses {
    /// Model type names referred to.
    pub names: BTreeSet<String>,
    /// Whether `BTreeMap` is needed.
    pub map: bool,
    /// Whether the runtime's `DateTime` is needed.
    pub datetime: bool,
    /// Whether the runtime's `Multipart` is needed.
    pub multipart: bool,
}

impl Uses {
    /// Records what `ty` refers to.
    pub fn add(&mut self, ty: &TypeRef) {
        match ty {
            TypeRef::Named(name) => {
                self.names.insert(name.clone());
            }
            TypeRef::DateTime => self.datetime = true,
            TypeRef::Multipart => self.multipart = true,
            TypeRef::List(inner) => self.add(inner),
            TypeRef::Map(inner) => {
                self.map = true;
                self.add(inner);
            }
            _ => {}
        }
    }

    /// `use` lines for the recorded names, importing from `path` (e.g. `super`).
    pub fn imports(&self, path: TokenStream, exclude: &BTreeSet<String>) -> TokenStream {
        let names: Vec<Ident> = self
            .names
            .iter()
            .filter(|n| !exclude.contains(*n))
            .map(|n| ident(n))
            .collect();
        let models = match names.len() {
            0 => quote!(),
            1 => quote!(use #path::#(#names)*;),
            _ => quote!(use #path::{#(#names),*};),
        };
        let support = self.support();
        quote! { #support #models }
    }

    /// `use` lines for code that names every type by its path (`models::Name`,
    /// `crate::runtime::DateTime`, `std::collections::BTreeMap`): only `models`.
    pub fn qualified_imports(&self) -> TokenStream {
        if self.names.is_empty() {
            quote!()
        } else {
            quote!(
                use crate::models;
            )
        }
    }

    /// `BTreeMap`, `DateTime` and `Multipart`, where used.
    fn support(&self) -> TokenStream {
        let map = if self.map {
            quote!(
                use std::collections::BTreeMap;
            )
        } else {
            quote!()
        };
        let datetime = if self.datetime {
            quote!(
                use crate::runtime::DateTime;
            )
        } else {
            quote!()
        };
        let multipart = if self.multipart {
            quote!(
                use crate::runtime::Multipart;
            )
        } else {
            quote!()
        };
        quote! { #map #datetime #multipart }
    }
}
