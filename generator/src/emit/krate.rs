//! Crate-level files: `lib.rs`, `Cargo.toml`, `README.md` and the copied runtime.

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::rust_types::ident;
use crate::ir::{Api, Operation, Param, ParamLocation, TypeKind, TypeRef};
use crate::templates;

/// `src/lib.rs`.
pub fn lib_rs(api: &Api) -> TokenStream {
    let client = ident(&api.client.name);
    let builder = ident(&api.client.builder_name);
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
        pub mod runtime;

        pub use client::{#client, #builder, DEFAULT_SERVER_URL, USER_AGENT};
        pub use error::Error;
    }
}

/// The Rust library name of a package name (`apideck-vault` → `apideck_vault`).
pub fn lib_name(api: &Api) -> String {
    api.crate_name.replace('-', "_")
}

fn fill(template: &str, values: &[(&str, &str)]) -> String {
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
        ],
    )
}

/// `README.md`, whose examples compile as doctests of the crate.
pub fn readme(api: &Api, stamp: &str) -> String {
    let lib = lib_name(api);
    fill(
        templates::README,
        &[
            ("stamp", stamp),
            ("crate_name", &api.crate_name),
            ("crate_version", &api.crate_version),
            ("lib_name", &lib),
            ("title", &api.title),
            ("api_version", &api.api_version),
            ("description", api.description.as_deref().unwrap_or("")),
            ("usage", &usage(api)),
            ("error_example", &error_example(api)),
            ("operations", &operations(api)),
        ],
    )
}

/// The builder calls that configure a client in examples.
fn builder_lines(api: &Api) -> String {
    let mut lines = format!("    let client = {}::builder()\n", api.client.name);
    for setting in api
        .client
        .settings
        .iter()
        .filter(|s| s.required || s.example.is_some())
    {
        let value = match (&setting.env, &setting.example) {
            (Some(env), _) if setting.secret => format!("std::env::var({env:?})?"),
            (_, Some(example)) => format!("{example:?}"),
            (Some(env), None) => format!("std::env::var({env:?})?"),
            (None, None) => format!("std::env::var({:?})?", setting.name.to_shouty_snake_case()),
        };
        lines.push_str(&format!("        .{}({value})\n", setting.name));
    }
    lines.push_str("        .build()?;\n");
    lines
}

fn usage(api: &Api) -> String {
    let mut text = format!("use {}::{};\n\n", lib_name(api), api.client.name);
    text.push_str("#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {\n");
    text.push_str(&builder_lines(api));
    // One resource is enough to show the shape; the list below names the rest.
    if let Some(resource) = api.resources.first() {
        for op in &resource.operations {
            if let Some(call) = call(api, op) {
                let binding = if op.success.ty.is_some() {
                    format!("let {} = ", op.method_name)
                } else {
                    String::new()
                };
                text.push_str(&format!(
                    "\n    {binding}client.{}().{}.send().await?;\n",
                    resource.accessor, call
                ));
                if op.success.ty.is_some() {
                    text.push_str(&format!("    println!(\"{{{}:?}}\");\n", op.method_name));
                }
            }
        }
    }
    text.push_str("    Ok(())\n}");
    text
}

fn error_example(api: &Api) -> String {
    let lib = lib_name(api);
    let Some((resource, op)) = api
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().map(move |o| (r, o)))
        .find(|(_, o)| call(api, o).is_some())
    else {
        return format!(
            "use {lib}::Error;\n\nfn report(error: Error) {{\n    eprintln!(\"{{error}}\");\n}}"
        );
    };
    let call = call(api, op).unwrap_or_default();
    let arms: String = api
        .errors
        .iter()
        .filter(|e| e.status.is_some())
        .take(2)
        .map(|e| format!("        Err(Error::{}(error)) => eprintln!(\"{{}}: {{:?}}\", error.status(), error.model()),\n", e.name))
        .collect();
    format!(
        "use {lib}::{{Error, {client}}};\n\n#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{builder}    match client.{accessor}().{call}.send().await {{\n        Ok(value) => println!(\"{{value:?}}\"),\n{arms}        Err(other) => eprintln!(\"failed with status {{:?}}: {{other}}\", other.status()),\n    }}\n    Ok(())\n}}",
        client = api.client.name,
        builder = builder_lines(api),
        accessor = resource.accessor,
    )
}

/// `op(args)` with example arguments, or `None` when an argument has no simple literal.
fn call(api: &Api, op: &Operation) -> Option<String> {
    let mut args = Vec::new();
    for param in op
        .params
        .iter()
        .filter(|p| p.required && p.global.is_none())
    {
        args.push(literal(api, &param.ty, param.example.as_ref(), param)?);
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        match &body.ty {
            TypeRef::Named(name) if has_default(api, name) => {
                args.push(format!("{}::models::{name}::default()", lib_name(api)))
            }
            TypeRef::Map(_) => args.push("Default::default()".to_owned()),
            _ => return None,
        }
    }
    Some(format!("{}({})", op.method_name, args.join(", ")))
}

fn has_default(api: &Api, name: &str) -> bool {
    api.types
        .iter()
        .any(|t| t.name == name && matches!(&t.kind, TypeKind::Struct(s) if s.default))
}

fn literal(api: &Api, ty: &TypeRef, example: Option<&Value>, param: &Param) -> Option<String> {
    match (ty, example) {
        (TypeRef::String, Some(Value::String(text))) => Some(format!("{text:?}")),
        (TypeRef::String, _) => Some(format!("{:?}", format!("{}-value", param.rust_name))),
        (TypeRef::Bool, example) => {
            Some(example.and_then(Value::as_bool).unwrap_or(true).to_string())
        }
        (TypeRef::I32 | TypeRef::I64, example) => {
            Some(example.and_then(Value::as_i64).unwrap_or(1).to_string())
        }
        (TypeRef::Named(name), Some(Value::String(text)))
            if api
                .types
                .iter()
                .any(|t| &t.name == name && matches!(t.kind, TypeKind::Enum(_))) =>
        {
            Some(format!("{text:?}"))
        }
        _ => None,
    }
}

fn operations(api: &Api) -> String {
    let mut text = String::new();
    for resource in &api.resources {
        text.push_str(&format!("### `client.{}()`\n\n", resource.accessor));
        text.push_str("| Method | HTTP | Summary |\n| --- | --- | --- |\n");
        for op in &resource.operations {
            let args: Vec<String> = op
                .params
                .iter()
                .filter(|p| p.required && p.global.is_none())
                .map(|p| p.rust_name.clone())
                .chain(
                    op.body
                        .iter()
                        .filter(|b| b.required)
                        .map(|_| "body".to_owned()),
                )
                .collect();
            let setters: Vec<String> = op
                .params
                .iter()
                .filter(|p| !p.required || p.global.is_some())
                .filter(|p| p.location != ParamLocation::Path)
                .map(|p| format!("`.{}()`", p.rust_name))
                .collect();
            let summary = op.summary.as_deref().unwrap_or("").replace('|', "\\|");
            let setters = if setters.is_empty() {
                String::new()
            } else {
                format!(" Options: {}.", setters.join(", "))
            };
            text.push_str(&format!(
                "| `{}({})` | `{} {}` | {}{} |\n",
                op.method_name,
                args.join(", "),
                op.http_method,
                op.path_template,
                summary,
                setters
            ));
        }
        text.push('\n');
    }
    text.trim_end().to_owned()
}
