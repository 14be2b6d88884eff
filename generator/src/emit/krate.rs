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
        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        pub mod mock;

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

/// The `[package]` values every kind of crate writes.
pub struct PackageFields {
    /// `description`.
    pub summary: String,
    /// `license`.
    pub license: String,
    /// `repository` and `authors` lines, when configured.
    pub extra: String,
}

/// `description`, `license`, `repository` and `authors` of `api`'s crate.
pub fn package_fields(api: &Api) -> PackageFields {
    let package = &api.package;
    let summary = package
        .description
        .clone()
        .unwrap_or_else(|| format!("Typed async client for the {}", api.title))
        .replace('"', "'");
    let mut extra = String::new();
    if let Some(repository) = &package.repository {
        extra.push_str(&format!("repository = {}\n", toml_string(repository)));
    }
    if !package.authors.is_empty() {
        let authors: Vec<String> = package.authors.iter().map(|a| toml_string(a)).collect();
        extra.push_str(&format!("authors = [{}]\n", authors.join(", ")));
    }
    PackageFields {
        summary,
        license: package.license.clone().unwrap_or_else(|| "MIT".to_owned()),
        extra,
    }
}

/// `Cargo.toml`.
pub fn cargo_toml(api: &Api, stamp: &str) -> String {
    let fields = package_fields(api);
    let runtime = super::RUNTIME_CRATE;
    // The runtime's TLS backend is this crate's to choose (its features).
    let runtime_dependency = match &api.package.runtime_version {
        Some(version) => format!(
            "{runtime} = {{ version = {}, default-features = false }}",
            toml_string(version)
        ),
        None => format!(
            "{runtime} = {{ version = \"{}\", path = {}, default-features = false }}",
            super::RUNTIME_VERSION,
            toml_string(&api.runtime_path)
        ),
    };
    fill(
        templates::CARGO_TOML,
        &[
            ("stamp", stamp),
            ("crate_name", &api.crate_name),
            ("crate_version", &api.crate_version),
            ("summary", &fields.summary),
            ("license", &fields.license),
            ("package_extra", &fields.extra),
            ("features", &super::features::table(api)),
            ("runtime_dependency", &runtime_dependency),
        ],
    )
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' => vec!['\\', 'n'],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}
