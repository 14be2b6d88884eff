//! A types-only crate: the models, with serde and their builders, and the
//! model-support part of the runtime copied in; no client, no HTTP stack, no
//! async runtime. For servers, shared model crates, and people who bring
//! their own client.

use quote::quote;

use super::krate::{fill, package_fields};
use super::{models, Content, STAMP};
use crate::ir::Api;
use crate::templates;

/// Every file of the types-only crate.
pub fn files(api: &Api) -> Vec<(String, Content<'_>)> {
    let fields = package_fields(api);
    let cargo = fill(
        templates::TYPES_CARGO_TOML,
        &[
            ("stamp", STAMP),
            ("crate_name", &api.crate_name),
            ("crate_version", &api.crate_version),
            ("summary", &fields.summary),
            ("license", &fields.license),
            ("package_extra", &fields.extra),
            ("features", &super::features::table(api)),
        ],
    );
    let mut files = vec![
        ("Cargo.toml".to_owned(), Content::Text(cargo)),
        ("README.md".to_owned(), Content::Text(readme(api))),
        super::rust("src/lib.rs", move || lib_rs(api)),
        (
            "src/runtime/mod.rs".to_owned(),
            Content::Copied(templates::TYPES_RUNTIME_MOD),
        ),
    ];
    files.extend(
        templates::RUNTIME
            .iter()
            .filter(|(name, _)| templates::TYPES_RUNTIME.contains(name))
            .map(|(name, text)| (format!("src/runtime/{name}"), Content::Copied(text))),
    );
    files.extend(
        models::files(&api.types)
            .into_iter()
            .map(|(path, tokens)| (path, Content::Rust(tokens))),
    );
    files
}

fn lib_rs(api: &Api) -> proc_macro2::TokenStream {
    let _ = api;
    quote! {
        #![doc = include_str!("../README.md")]
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #[rustfmt::skip]
        pub mod models;
        pub mod runtime;

        pub use runtime::NullableField;
        pub use runtime::{DateTime, Nullable, Number};
    }
}

fn readme(api: &Api) -> String {
    let name = &api.crate_name;
    let lib = name.replace('-', "_");
    let example = api
        .types
        .iter()
        .find(|ty| matches!(ty.kind, crate::ir::TypeKind::Struct(_)))
        .map(|ty| {
            format!(
                "\nEvery model reads and writes JSON with serde:\n\n\
                 ```rust\nuse {lib}::models;\n\n\
                 fn read(json: &str) -> serde_json::Result<models::{ty}> {{\n    serde_json::from_str(json)\n}}\n```\n",
                ty = ty.name
            )
        })
        .unwrap_or_default();
    format!(
        "<!-- {STAMP} -->\n# {name}\n\n\
         The data types of the {title} (API version {version}), as Rust types with serde: \
         request bodies, responses and everything inside them. Models only: this crate has no \
         HTTP client and no async runtime, for servers, shared model crates, or a client of \
         your own.\n\n\
         Build a model with `new(..)` (its required properties) and one `with_*` setter per \
         optional property; read it with plain field access. Every model keeps properties it \
         does not know in `additional_properties`, enums keep values they do not list, and \
         nullable properties are `Option<Nullable<T>>` (absent, `null`, or a value).\n\n\
         ```toml\n[dependencies]\n{name} = \"{crate_version}\"\n```\n{example}",
        title = api.title,
        version = api.api_version,
        crate_version = api.crate_version,
    )
}
