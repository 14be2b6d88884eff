//! One operation's request builder: its fields, setters and per-call options.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::send::send;
use super::slots::{slot_argument, slot_field_type, split, Slot};
use crate::emit::debug::{self, Shown, Wrapping};
use crate::emit::docs::{doc, own};
use crate::emit::rust_types::ident;
use crate::ir::{Api, Operation, Param, ParamLocation, Resource};

pub(super) fn builder(
    api: &Api,
    resource: &Resource,
    op: &Operation,
    enums: &BTreeSet<&str>,
) -> TokenStream {
    let client = ident(&api.client.name);
    let name = ident(&op.builder_name);
    let (positional, setters) = split(op);
    let positional_fields = positional.iter().map(|slot| {
        let field = slot.name();
        let ty = slot_field_type(slot);
        quote!(#field: #ty,)
    });
    let setter_fields = setters.iter().map(|slot| {
        let field = slot.name();
        let ty = slot_field_type(slot);
        quote!(#field: Option<#ty>,)
    });
    let setter_methods = setters.iter().map(|slot| setter(slot, enums));
    let send = send(op);
    let stream = op
        .pagination
        .as_ref()
        .map(|p| crate::emit::pagination::methods(api, op, p));
    // Builders holding a secret (or free-form JSON) print it redacted.
    let shown = |slots: &[Slot<'_>], wrapping| -> Vec<(String, TokenStream)> {
        slots
            .iter()
            .map(|slot| {
                let field = slot.name();
                (
                    field.to_string(),
                    debug::value(quote!(self.#field), slot.shown(), wrapping),
                )
            })
            .collect()
    };
    let (derive_debug, debug_impl) = if positional
        .iter()
        .chain(&setters)
        .all(|slot| slot.shown() == Shown::Plain)
    {
        (quote!(Debug,), quote!())
    } else {
        let mut fields = vec![
            ("client".to_owned(), quote!(&self.client)),
            ("options".to_owned(), quote!(&self.options)),
            ("extras".to_owned(), quote!(&self.extras)),
        ];
        fields.extend(shown(&positional, Wrapping::Bare));
        fields.extend(shown(&setters, Wrapping::Option));
        (quote!(), debug::for_struct(&name, &fields))
    };
    let doc = own(&format!(
        "Request builder for [`{}::{}`]; finish with [`send`]({}::send).",
        resource.type_name, op.method_name, op.builder_name
    ));
    quote! {
        #doc
        #[derive(#derive_debug Clone)]
        #[must_use = "a request does nothing until `.send()` is awaited"]
        pub struct #name {
            client: #client,
            options: runtime::CallOptions,
            extras: runtime::Extras,
            #(#positional_fields)*
            #(#setter_fields)*
        }

        impl #name {
            #(#setter_methods)*

            /// Retries this call with `retry` instead of the client's policy.
            pub fn retry(mut self, retry: runtime::RetryConfig) -> Self {
                self.options.retry = Some(retry);
                self
            }

            /// Limits each attempt of this call to `timeout` instead of the client's limit.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.timeout = Some(timeout);
                self
            }

            /// Sends this call to another server than the client's.
            pub fn server_url(mut self, url: impl Into<String>) -> Self {
                self.options.server_url = Some(url.into());
                self
            }

            /// Fails this call with [`Error::ResponseTooLarge`] when a response body
            /// is longer than `bytes`, instead of the client's limit.
            pub fn max_response_size(mut self, bytes: usize) -> Self {
                self.options.max_response_size = Some(bytes);
                self
            }

            /// Adds a header to this call only (`Prefer`, a trace id). A name or
            /// value HTTP does not allow (CR, LF), or a header the SDK or the
            /// connection sets (`Host`, `Content-Length`, `Content-Type`, ...),
            /// makes `send` fail with [`Error::InvalidRequest`] before anything
            /// is sent. Secret-looking names (`x-api-key`) are redacted like
            /// credentials.
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.extras.header(name, value);
                self
            }

            /// Adds a query parameter to this call only, beside the documented ones.
            pub fn query_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.extras.query(name, value);
                self
            }

            #send

            #stream
        }

        #debug_impl
    }
}

fn setter(slot: &Slot<'_>, enums: &BTreeSet<&str>) -> TokenStream {
    let name = slot.name();
    let (ty, convert) = slot_argument(slot, enums);
    let mut docs = doc(slot.doc());
    if let Slot::Param(Param {
        global: Some(setting),
        ..
    }) = slot
    {
        let note = own(&format!(
            "Overrides the client's `{setting}` for this call."
        ));
        docs = if slot.doc().is_some() {
            quote!(#docs #[doc = ""] #note)
        } else {
            note
        };
    }
    if docs.is_empty() {
        docs = own(&match slot {
            Slot::Param(p) => format!(
                "Sets the `{}` {} parameter.",
                p.wire_name,
                location_name(p.location)
            ),
            Slot::Body(_) => "Sets the request body.".to_owned(),
        });
    }
    quote! {
        #docs
        pub fn #name(mut self, value: #ty) -> Self {
            self.#name = Some(value #convert);
            self
        }
    }
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}
