//! Resources and their request builders → `src/resources/*.rs`.

mod builder;
mod send;
mod slots;

use std::collections::BTreeSet;
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{inner, own};
use super::rust_types::{ident, Uses};
use super::Tokens;
use crate::ir::{Api, EventData, Operation, Resource, TypeKind, TypeRef};
pub(super) use slots::{split, Slot};

/// `resources/mod.rs` and one file per resource.
pub fn files(api: &Api) -> Vec<(String, Tokens<'_>)> {
    // Aliases of `String` take `impl Into<_>`, so `"crm"` works as an argument; so do
    // enums, which only their variants satisfy (text converts with a checked `parse`).
    let enums: Arc<BTreeSet<&str>> = Arc::new(
        api.types
            .iter()
            .filter(|t| takes_str(api, &t.kind))
            .map(|t| t.name.as_str())
            .collect(),
    );
    let mod_rs = Tokens::new(move || {
        let modules = api.resources.iter().map(|r| {
            let module = ident(&r.module);
            let cfg = super::features::cfg_one(&r.feature);
            quote!(#cfg pub mod #module;)
        });
        let module_doc = inner("Operation groups; each is reached from a method on the client\nand compiled with the cargo feature of its name.");
        quote! { #module_doc #(#modules)* }
    });
    let mut files = vec![("src/resources/mod.rs".to_owned(), mod_rs)];
    for resource in &api.resources {
        let enums = Arc::clone(&enums);
        files.push((
            format!("src/resources/{}.rs", resource.module),
            Tokens::new(move || resource_file(api, resource, &enums)),
        ));
    }
    files
}

fn takes_str(api: &Api, kind: &TypeKind) -> bool {
    match kind {
        TypeKind::Enum(e) => !e.integer,
        TypeKind::Alias(TypeRef::String) => true,
        TypeKind::Alias(TypeRef::Named(target)) => api
            .types
            .iter()
            .find(|t| &t.name == target)
            .is_some_and(|t| takes_str(api, &t.kind)),
        _ => false,
    }
}

fn resource_file(api: &Api, resource: &Resource, enums: &BTreeSet<&str>) -> TokenStream {
    let client = ident(&api.client.name);
    let name = ident(&resource.type_name);
    let mut uses = Uses::default();
    for op in &resource.operations {
        op.params.iter().for_each(|p| uses.add(&p.ty));
        if let Some(body) = op.body.as_ref().filter(|b| !b.empty) {
            uses.add(&body.ty);
        }
        if let Some(ty) = &op.success.ty {
            uses.add(ty);
        }
        for variant in op.success.by_status.iter().flat_map(|e| &e.variants) {
            if let Some(ty) = &variant.ty {
                uses.add(ty);
            }
        }
        if let Some(pagination) = &op.pagination {
            uses.add(&pagination.item);
        }
        match op.events.as_ref().map(|events| &events.data) {
            Some(EventData::Json(ty)) => uses.add(ty),
            Some(EventData::ByName(by_name)) => by_name
                .variants
                .iter()
                .filter_map(|variant| variant.data.as_ref())
                .for_each(|ty| uses.add(ty)),
            Some(EventData::Text) | None => {}
        }
    }
    let imports = uses.qualified_imports();
    let answers = resource
        .operations
        .iter()
        .filter_map(|op| op.success.by_status.as_ref())
        .map(send::success_enum);
    let events = resource.operations.iter().map(super::events::event_enum);
    // Runtime items are written `runtime::X`, so builders may take any name
    // but `Error`, the client's and the prelude's (see `crate::scope`).
    let methods = resource
        .operations
        .iter()
        .map(|op| method(api, resource, op, enums));
    let builders = resource
        .operations
        .iter()
        .map(|op| builder::builder(api, resource, op, enums));
    let module_doc = inner(&format!("The `{}` operations.", resource.accessor));
    let struct_doc = own(&format!(
        "The `{}` operations, reached with [`{}::{}`].",
        resource.accessor, api.client.name, resource.accessor
    ));
    quote! {
        #module_doc
        #imports
        use crate::runtime;
        use crate::{Error, #client};

        #struct_doc
        #[derive(Debug, Clone)]
        pub struct #name {
            client: #client,
        }

        impl #name {
            pub(crate) fn new(client: #client) -> Self {
                Self { client }
            }

            #(#methods)*
        }

        #(#builders)*

        #(#answers)*

        #(#events)*
    }
}

fn method(api: &Api, resource: &Resource, op: &Operation, enums: &BTreeSet<&str>) -> TokenStream {
    let name = ident(&op.method_name);
    let builder = ident(&op.builder_name);
    let (positional, _) = split(op);
    let args = positional.iter().map(|slot| {
        let arg = slot.name();
        let (ty, _) = slots::slot_argument(slot, enums);
        quote!(#arg: #ty)
    });
    let values = positional.iter().map(|slot| {
        let arg = slot.name();
        let (_, convert) = slots::slot_argument(slot, enums);
        if convert.is_empty() {
            quote!(#arg)
        } else {
            quote!(#arg: #arg #convert)
        }
    });
    let (_, setters) = split(op);
    let empty = setters.iter().map(Slot::name);
    let docs = super::operation_docs::operation_doc(api, resource, op);
    quote! {
        #docs
        pub fn #name(&self, #(#args),*) -> #builder {
            #builder {
                client: self.client.clone(),
                options: runtime::CallOptions::default(),
                extras: runtime::Extras::default(),
                #(#values,)*
                #(#empty: None,)*
            }
        }
    }
}
