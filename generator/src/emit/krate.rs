//! Crate-level files: `lib.rs`, `Cargo.toml`, `README.md` and the copied runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_types::ident;
use crate::ir::Api;
use crate::templates;

/// `src/lib.rs`.
pub fn lib_rs(api: &Api) -> TokenStream {
    let root_items = crate::lower::names::RUNTIME_AT_ROOT.map(ident);
    let root_trait = ident(crate::lower::names::RUNTIME_TRAIT_AT_ROOT);
    // A crate of its own, compiled once for every SDK (`emit::runtime_crate`).
    let runtime = ident(&super::RUNTIME_CRATE.replace('-', "_"));
    let (webhooks_mod, webhooks_use) = if api.webhooks.is_empty() {
        (TokenStream::new(), TokenStream::new())
    } else {
        let skip = quote!(#[rustfmt::skip]);
        (
            quote!(#skip pub mod webhooks;),
            quote!(
                pub use webhooks::Webhook;
            ),
        )
    };
    // In the order rustfmt keeps: types by name, then constants.
    let mut types = vec![api.client.name.clone(), api.client.builder_name.clone()];
    if !api.client.servers.is_empty() {
        types.push("Server".to_owned());
    }
    types.sort();
    let types = types.iter().map(|name| ident(name));
    quote! {
        #![doc = include_str!("../README.md")]
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        // Generated modules are laid out by prettyplease; rustfmt leaves them be.
        #[rustfmt::skip]
        mod client;
        #[rustfmt::skip]
        mod error;
        #[rustfmt::skip]
        pub mod models;
        #[rustfmt::skip]
        pub mod resources;
        #webhooks_mod

        // Laid out by prettyplease, like the modules, so that its width never
        // depends on the formatter.
        #[rustfmt::skip]
        pub use client::{#(#types,)* DEFAULT_SERVER_URL, USER_AGENT};
        pub use error::Error;
        pub use runtime::#root_trait;
        pub use runtime::{#(#root_items),*};
        // In rustfmt's order: this file is formatted by it.
        #[doc(inline)]
        pub use #runtime as runtime;
        #webhooks_use
    }
}

/// The Rust library name of a package name (`apideck-vault` → `apideck_vault`).
pub fn lib_name(api: &Api) -> String {
    api.crate_name.replace('-', "_")
}

pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(&format!("{{{{{key}}}}}"), value)
        })
}

/// `Cargo.toml`.
pub fn cargo_toml(api: &Api, stamp: &str) -> String {
    let summary = format!("Typed async client for the {}", api.title).replace('"', "'");
    fill(
        templates::CARGO_TOML,
        &[
            ("stamp", stamp),
            ("crate_name", &api.crate_name),
            ("crate_version", &api.crate_version),
            ("summary", &summary),
            ("features", &super::features::table(api)),
            ("runtime_name", super::RUNTIME_CRATE),
            ("runtime_version", super::RUNTIME_VERSION),
            ("runtime_path", &api.runtime_path),
        ],
    )
}
