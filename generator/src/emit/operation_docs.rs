//! The rustdoc of an operation's method, laid out like the pages of a
//! hand-written SDK: what it does, its route, an example that compiles, what
//! it returns and the errors it can end with.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, own};
use super::examples::call;
use super::krate::lib_name;
use super::resources::{split, Slot};
use crate::ir::{Api, ErrorStatus, Operation, Resource, StreamFormat, TypeRef};

/// Summary, description, route, `# Example`, `# Returns` and `# Errors`.
pub fn operation_doc(api: &Api, resource: &Resource, op: &Operation) -> TokenStream {
    let summary = doc(op.summary.as_deref());
    let description = doc(op.description.as_deref());
    let separator = if op.summary.is_some() && op.description.is_some() {
        quote!(#[doc = ""])
    } else {
        quote!()
    };
    // Undocumented, the route is the first line (a blank one would be the
    // summary rustdoc shows in lists).
    let gap = if op.summary.is_some() || op.description.is_some() {
        "\n"
    } else {
        ""
    };
    let origin = own(&format!(
        "{gap}`{} {}` (`{}`).",
        op.http_method, op.path_template, op.operation_id
    ));
    let arguments = arguments(op).map(|text| {
        let text = doc(Some(&format!("# Arguments\n\n{text}")));
        quote!(#[doc = ""] #text)
    });
    let example = example(api, resource, op).map(|text| own(&format!("\n# Example\n\n{text}")));
    let returns = own(&format!("\n# Returns\n\n{}", returns(op)));
    let errors = own(&format!("\n# Errors\n\n{}", errors(api, op)));
    let deprecated = if op.deprecated {
        quote!(#[deprecated = "deprecated by the API"])
    } else {
        quote!()
    };
    quote! { #summary #separator #description #origin #arguments #example #returns #errors #deprecated }
}

/// The method's arguments with what the document says of them; the builder's
/// setters carry their own docs.
fn arguments(op: &Operation) -> Option<String> {
    let (positional, _) = split(op);
    let lines: Vec<String> = positional
        .iter()
        .map(|slot| match slot {
            Slot::Param(param) => match param.doc.as_deref().map(str::trim) {
                Some(what) if !what.is_empty() => {
                    format!("- `{}`: {}", param.rust_name, what.replace('\n', " "))
                }
                _ => format!("- `{}`", param.rust_name),
            },
            Slot::Body(body) => {
                let what = body
                    .doc
                    .as_deref()
                    .unwrap_or("the request body")
                    .replace('\n', " ");
                format!("- `body`: {}", what.trim())
            }
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// A `no_run` doctest that builds the call with example values.
fn example(api: &Api, resource: &Resource, op: &Operation) -> Option<String> {
    let call = call(api, resource, op)?;
    let lib = lib_name(api);
    let client = &api.client.name;
    let line = match (stream_read(op, &call, "stream"), &op.success.ty) {
        (Some(read), _) => format!("# use futures_util::StreamExt;\n{read}"),
        (None, Some(_)) => format!("let answer = {call};\nprintln!(\"{{answer:?}}\");"),
        (None, None) => format!("{call};"),
    };
    let runtime = if call.contains("runtime::") {
        "runtime, "
    } else {
        ""
    };
    Some(format!(
        "```rust,no_run\n# use {lib}::{{models, {runtime}{client}}};\n# async fn example(client: {client}) -> Result<(), Box<dyn std::error::Error>> {{\n{line}\n# Ok(())\n# }}\n```"
    ))
}

/// For an operation that answers only a stream, `call` (which ends in
/// `.send().await?`) rewritten to open the stream into `name` and print each
/// item: the stream's bytes unread would say nothing. Unindented lines.
pub(super) fn stream_read(op: &Operation, call: &str, name: &str) -> Option<String> {
    let builder = call
        .strip_suffix(".send().await?")
        .filter(|_| stream_only(op))?;
    Some(format!(
        "let mut {name} = {builder}.stream().await?;\n\
         while let Some(item) = {name}.next().await {{\n    println!(\"{{:?}}\", item?);\n}}"
    ))
}

/// Whether the operation answers only a stream (server-sent events or JSON
/// lines), which `send()` would hand back as unread bytes.
fn stream_only(op: &Operation) -> bool {
    op.events.is_some() && op.success.ty == Some(TypeRef::Bytes)
}

/// What `send()` gives back, and `stream()` where the answer is a stream.
fn returns(op: &Operation) -> String {
    let success = &op.success;
    let statuses: Vec<String> = success.statuses.iter().map(u16::to_string).collect();
    let on = if statuses.is_empty() {
        "a success".to_owned()
    } else {
        format!("HTTP {}", statuses.join(" or "))
    };
    let value = match (&success.by_status, &success.ty) {
        (Some(answer), _) => format!("[`{}`], one variant per status", answer.name),
        (None, Some(TypeRef::Bytes)) => "the body's bytes".to_owned(),
        (None, Some(TypeRef::Named(name))) if success.empty_statuses.is_empty() => {
            format!("[`models::{name}`]")
        }
        (None, Some(TypeRef::Named(name))) => {
            format!("[`models::{name}`], in `Some` (`None` for a body-less status)")
        }
        (None, Some(_)) => "the decoded body".to_owned(),
        (None, None) => "`()`: the answer has no body the API documents".to_owned(),
    };
    let stream = match op.events.as_ref().map(|events| events.format) {
        Some(StreamFormat::ServerSentEvents) => {
            " `stream()` reads the answer as server-sent events as they arrive."
        }
        Some(StreamFormat::JsonLines) => {
            " `stream()` reads the answer as JSON values, one per line, as they arrive."
        }
        None => "",
    };
    format!(
        "On {on}, `send()` returns {value}; `send_with_response()` adds the status and headers.{stream}"
    )
}

/// The `Error` variants this operation's documented statuses map to, then
/// the failures any call can end with.
fn errors(api: &Api, op: &Operation) -> String {
    let mut documented: Vec<String> = Vec::new();
    for status in &op.error_statuses {
        let Some(variant) = api.errors.iter().find(|e| e.status == *status) else {
            continue;
        };
        let label = match status {
            ErrorStatus::Exact(code) => code.to_string(),
            ErrorStatus::Range(hundred) => format!("{hundred}XX"),
            ErrorStatus::Default => "any other status".to_owned(),
        };
        let entry = format!("[`Error::{}`] ({label})", variant.name);
        if !documented.contains(&entry) {
            documented.push(entry);
        }
    }
    let listed = if documented.is_empty() {
        "The API documents no error status for this operation; any error status is an \
         [`Error`] variant all the same."
            .to_owned()
    } else {
        format!("Documented: {}.", documented.join(", "))
    };
    format!(
        "{listed} Any call can also end with [`Error::Transport`] or [`Error::Timeout`] \
         (after the retry policy gave up), [`Error::Decode`] (a body that does not fit its \
         type) or [`Error::InvalidRequest`] (refused before sending)."
    )
}
