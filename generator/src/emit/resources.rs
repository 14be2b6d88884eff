//! Resources and their request builders → `src/resources/*.rs`.

use std::collections::BTreeSet;
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;

use super::debug::{self, Shown, Wrapping};
use super::docs::{doc, inner, own};
use super::rust_types::{ident, qualified_type, Uses};
use super::Tokens;
use crate::ir::{
    Api, Body, BodyEncoding, ErrorStatus, EventData, Operation, Param, ParamLocation, PathPart,
    QueryStyle, Resource, SuccessEnum, TypeKind, TypeRef,
};

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

/// How a parameter or body is passed to the builder.
pub(super) enum Slot<'a> {
    Param(&'a Param),
    Body(&'a Body),
}

impl Slot<'_> {
    fn name(&self) -> proc_macro2::Ident {
        match self {
            Slot::Param(p) => ident(&p.rust_name),
            Slot::Body(_) => ident("body"),
        }
    }

    fn ty(&self) -> &TypeRef {
        match self {
            Slot::Param(p) => &p.ty,
            Slot::Body(b) => &b.ty,
        }
    }

    fn doc(&self) -> Option<&str> {
        match self {
            Slot::Param(p) => p.doc.as_deref(),
            Slot::Body(b) => b.doc.as_deref(),
        }
    }

    fn shown(&self) -> Shown {
        match self {
            Slot::Param(p) => debug::shown(p.sensitive, &p.ty),
            Slot::Body(b) => debug::shown(false, &b.ty),
        }
    }
}

/// Most arguments an operation method takes before required values move to
/// setters (clippy's `too_many_arguments` counts `&self` too).
const MAX_ARGUMENTS: usize = 6;

/// Required parameters (path ones first, in path order) and a required body are
/// arguments; everything else is a setter. Past [`MAX_ARGUMENTS`], required
/// query and header values, then the last path values, become setters that
/// `send` insists on.
pub(super) fn split(op: &Operation) -> (Vec<Slot<'_>>, Vec<Slot<'_>>) {
    let mut positional = Vec::new();
    let mut setters = Vec::new();
    for param in &op.params {
        if param.required && param.global.is_none() {
            positional.push(Slot::Param(param));
        } else {
            setters.push(Slot::Param(param));
        }
    }
    // A body that can only be `{}` is the SDK's to send, not the caller's.
    if let Some(body) = op.body.as_ref().filter(|b| !b.empty) {
        if body.required {
            positional.push(Slot::Body(body));
        } else {
            setters.push(Slot::Body(body));
        }
    }
    while positional.len() > MAX_ARGUMENTS {
        let Some(index) = positional
            .iter()
            .rposition(|slot| matches!(slot, Slot::Param(p) if p.location != ParamLocation::Path))
        else {
            break;
        };
        setters.insert(0, positional.remove(index));
    }
    // A path of more parameters than that (some APIs page by path) keeps its
    // first ones as arguments; the last become setters too.
    while positional.len() > MAX_ARGUMENTS {
        let Some(index) = positional
            .iter()
            .rposition(|slot| matches!(slot, Slot::Param(_)))
        else {
            break;
        };
        setters.insert(0, positional.remove(index));
    }
    (positional, setters)
}

/// An argument type that accepts what callers naturally have (`&str` for strings).
fn argument(ty: &TypeRef, enums: &BTreeSet<&str>) -> (TokenStream, TokenStream) {
    let rust = qualified_type(ty);
    match ty {
        TypeRef::String => (quote!(impl Into<String>), quote!(.into())),
        // Raw bytes to send: in memory, a file or a stream.
        TypeRef::Bytes => (quote!(impl Into<runtime::Upload>), quote!(.into())),
        TypeRef::Named(name) if enums.contains(name.as_str()) => {
            (quote!(impl Into<#rust>), quote!(.into()))
        }
        _ => (rust, quote!()),
    }
}

/// The argument type of a parameter or body: JSON lines to send are taken
/// from a list or a stream.
fn slot_argument(slot: &Slot<'_>, enums: &BTreeSet<&str>) -> (TokenStream, TokenStream) {
    match lines_item(slot) {
        Some(item) => {
            let item = qualified_type(item);
            (quote!(impl Into<runtime::Lines<#item>>), quote!(.into()))
        }
        None => argument(slot.ty(), enums),
    }
}

/// The type a builder keeps a parameter or body in.
fn slot_field_type(slot: &Slot<'_>) -> TokenStream {
    match lines_item(slot) {
        Some(item) => {
            let item = qualified_type(item);
            quote!(runtime::Lines<#item>)
        }
        None => field_type(slot.ty()),
    }
}

/// The type of one line of a JSON-lines body.
fn lines_item<'a>(slot: &Slot<'a>) -> Option<&'a TypeRef> {
    match slot {
        Slot::Body(Body {
            encoding: BodyEncoding::JsonLines,
            ty: TypeRef::List(item),
            ..
        }) => Some(item),
        _ => None,
    }
}

/// The type a builder keeps a value in: raw bytes to send are an `Upload`.
fn field_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Bytes => quote!(runtime::Upload),
        other => qualified_type(other),
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
        .map(success_enum);
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
        .map(|op| builder(api, resource, op, enums));
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
        let (ty, _) = slot_argument(slot, enums);
        quote!(#arg: #ty)
    });
    let values = positional.iter().map(|slot| {
        let arg = slot.name();
        let (_, convert) = slot_argument(slot, enums);
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

fn builder(api: &Api, resource: &Resource, op: &Operation, enums: &BTreeSet<&str>) -> TokenStream {
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
        .map(|p| super::pagination::methods(api, op, p));
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

fn query_style(style: QueryStyle) -> TokenStream {
    match style {
        QueryStyle::Form { explode } => quote!(runtime::QueryStyle::Form { explode: #explode }),
        QueryStyle::SpaceDelimited => quote!(runtime::QueryStyle::SpaceDelimited),
        QueryStyle::PipeDelimited => quote!(runtime::QueryStyle::PipeDelimited),
        QueryStyle::DeepObject => quote!(runtime::QueryStyle::DeepObject),
    }
}

fn send(op: &Operation) -> TokenStream {
    let method = ident(&op.http_method);
    let route = &op.path_template;
    let operation_id = &op.operation_id;
    let credentials = &op.credentials;
    let credentials = if credentials.is_empty() {
        quote!()
    } else {
        quote!(request.credentials(&[#(#credentials),*]);)
    };
    let (positional, _) = split(op);
    let path = op.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(request.literal(#text);),
        PathPart::Param(name) => {
            let wire = op
                .params
                .iter()
                .find(|p| &p.rust_name == name)
                .map_or(name.as_str(), |p| p.wire_name.as_str());
            let field = ident(name);
            let argument = positional
                .iter()
                .any(|slot| matches!(slot, Slot::Param(p) if &p.rust_name == name));
            if argument {
                quote!(request.path_param(#wire, &self.#field);)
            } else {
                // A setter: when it was not called, `send` refuses the call.
                quote! {
                    if let Some(value) = &self.#field {
                        request.path_param(#wire, value);
                    }
                }
            }
        }
    });
    let params = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .map(|p| {
            let wire = &p.wire_name;
            let field = ident(&p.rust_name);
            let set = param(p, wire, &field);
            if p.sensitive && p.location == ParamLocation::Header {
                quote!(#set request.sensitive(#wire);)
            } else {
                set
            }
        });
    // An operation that documents a redirect wants it as its answer.
    let redirects = if op.error_statuses.iter().any(|status| match status {
        ErrorStatus::Exact(code) => (300..=399).contains(code),
        ErrorStatus::Range(hundred) => *hundred == 3,
        ErrorStatus::Default => false,
    }) || op
        .success
        .statuses
        .iter()
        .any(|status| (300..=399).contains(status))
    {
        quote!(request.redirects_are_answers();)
    } else {
        quote!()
    };
    // A documented idempotency header gets a key on every call, the
    // caller's or a new one, so the call may be retried.
    let idempotency = op
        .idempotency_header
        .as_ref()
        .map(|name| quote!(request.idempotency_key(#name);));
    // Required values that became setters (see `split`) must still be given.
    let (_, setters) = split(op);
    let required_setters = setters.iter().filter_map(|slot| match slot {
        Slot::Param(p) if p.required && p.global.is_none() => {
            let field = ident(&p.rust_name);
            let setter = &p.rust_name;
            Some(quote! {
                if self.#field.is_none() {
                    request.missing(#setter);
                }
            })
        }
        _ => None,
    });
    let body = op.body.as_ref().map(|body| {
        if body.empty {
            return quote!(request.json(&serde_json::Map::new()););
        }
        let media = &body.media_type;
        let field = quote!(self.body);
        let (value, by_ref) = if body.required {
            (field, quote!(&self.body))
        } else {
            (quote!(body), quote!(body))
        };
        let send = match body.encoding {
            BodyEncoding::Json => quote!(request.json(#by_ref);),
            BodyEncoding::Form => quote!(request.form(#by_ref);),
            BodyEncoding::Multipart => quote!(request.multipart(#by_ref);),
            BodyEncoding::JsonLines => quote!(request.json_lines(#by_ref, #media);),
            BodyEncoding::Text => quote!(request.bytes(#value, #media);),
            BodyEncoding::Bytes => quote!(request.upload(#by_ref, #media);),
        };
        let owned = body.encoding == BodyEncoding::Text;
        match (body.required, owned) {
            (true, _) => send,
            (false, true) => quote!(if let Some(body) = self.body { #send }),
            (false, false) => quote!(if let Some(body) = &self.body { #send }),
        }
    });
    let literals = |statuses: &[u16]| -> Vec<proc_macro2::Literal> {
        statuses
            .iter()
            .map(|s| proc_macro2::Literal::u16_unsuffixed(*s))
            .collect()
    };
    let statuses = literals(&op.success.statuses);
    let pattern = if statuses.is_empty() {
        quote!(200..=299)
    } else if op.success.statuses.iter().all(|s| (300..=399).contains(s)) {
        // An operation that answers by redirecting still succeeds on a 2xx
        // (a server that answers the request itself).
        quote!(200..=299 | #(#statuses)|*)
    } else {
        quote!(#(#statuses)|*)
    };
    let empty = literals(&op.success.empty_statuses);
    // What `send` returns, and the status arms that decode it.
    let (output, arms, send_doc) = match &op.success.by_status {
        Some(answer) => {
            let name = ident(&answer.name);
            let arms = answer.variants.iter().map(|variant| {
                let variant_name = ident(&variant.name);
                let status = proc_macro2::Literal::u16_unsuffixed(variant.status);
                match &variant.ty {
                    Some(TypeRef::Bytes) => {
                        quote!(#status => Ok(response.raw().map(#name::#variant_name)),)
                    }
                    Some(ty) if variant.boxed => {
                        let ty = qualified_type(ty);
                        quote!(#status => response
                            .decode::<#ty>()
                            .map(|decoded| decoded.map(|body| #name::#variant_name(Box::new(body))))
                            .map_err(Error::from),)
                    }
                    Some(ty) => {
                        let ty = qualified_type(ty);
                        quote!(#status => response
                            .decode::<#ty>()
                            .map(|decoded| decoded.map(#name::#variant_name))
                            .map_err(Error::from),)
                    }
                    None => {
                        quote!(#status => Ok(response.empty().map(|()| #name::#variant_name)),)
                    }
                }
            });
            (
                quote!(#name),
                quote!(#(#arms)*),
                "Sends the request and decodes the response by its status.",
            )
        }
        None => {
            let (output, decode, empty_arm) = match (&op.success.ty, empty.is_empty()) {
                (Some(TypeRef::Bytes), true) => (
                    qualified_type(&TypeRef::Bytes),
                    quote!(Ok(response.raw())),
                    quote!(),
                ),
                (Some(ty), true) => (
                    qualified_type(ty),
                    quote!(response.decode().map_err(Error::from)),
                    quote!(),
                ),
                (Some(TypeRef::Bytes), false) => (
                    quote!(Option<Vec<u8>>),
                    quote!(Ok(response.raw().map(Some))),
                    quote!(#(#empty)|* => Ok(response.empty().map(|()| None)),),
                ),
                (Some(ty), false) => {
                    let ty = qualified_type(ty);
                    (
                        quote!(Option<#ty>),
                        quote!(response
                            .decode::<#ty>()
                            .map(|decoded| decoded.map(Some))
                            .map_err(Error::from)),
                        quote!(#(#empty)|* => Ok(response.empty().map(|()| None)),),
                    )
                }
                (None, _) => (quote!(()), quote!(Ok(response.empty())), quote!()),
            };
            (
                output,
                quote!(#pattern => #decode, #empty_arm),
                "Sends the request and decodes the response.",
            )
        }
    };
    let send_doc = own(send_doc);
    // An operation's own server, unless the client was given one.
    let server = op.server.as_ref().map(|url| {
        quote! {
            if !self.client.inner.explicit_server {
                request.server(#url);
            }
        }
    });
    // The request as the operation describes it, ready to send.
    let build = quote! {
        let mut request = runtime::Request::new(runtime::Method::#method, #operation_id, #route);
        #server
        #credentials
        #(#path)*
        #(#params)*
        request.extras(&self.extras);
        #idempotency
        #redirects
        #(#required_setters)*
        #body
        request.options(self.options);
    };
    let events = super::events::stream_method(op, &build);
    quote! {
        #send_doc
        pub async fn send(self) -> Result<#output, Error> {
            self.send_with_response().await.map(runtime::ApiResponse::into_value)
        }

        /// Like [`send`](Self::send), also returning the response's status and headers.
        pub async fn send_with_response(self) -> Result<runtime::ApiResponse<#output>, Error> {
            let response = self.send_raw().await?;
            match response.status() {
                #arms
                _ => Err(Error::from_response(response)),
            }
        }

        /// Sends the request and decodes a success (any 2xx) as untyped JSON
        /// (`null` for an empty body), whatever the document says it holds; an
        /// error status is an [`Error`] as with [`send`](Self::send).
        pub async fn send_untyped(self) -> Result<runtime::ApiResponse<serde_json::Value>, Error> {
            Error::untyped(self.send_raw().await?)
        }

        /// Sends the request and returns the response as received (status,
        /// headers and body bytes), whatever its status, decoding nothing.
        /// Credentials, retries, hooks, limits and tracing apply as for
        /// [`send`](Self::send); only failures to get a response are errors.
        pub async fn send_raw(self) -> Result<runtime::Response, Error> {
            #build
            Ok(self.client.inner.core.send(request).await?)
        }

        #events
    }
}

/// The enum an operation whose success statuses carry different types returns.
fn success_enum(answer: &SuccessEnum) -> TokenStream {
    let name = ident(&answer.name);
    let variants = answer.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let doc = own(&format!("The server answered {}.", variant.status));
        match &variant.ty {
            Some(ty) if variant.boxed => {
                let ty = qualified_type(ty);
                quote!(#doc #variant_name(Box<#ty>),)
            }
            Some(ty) => {
                let ty = qualified_type(ty);
                quote!(#doc #variant_name(#ty),)
            }
            None => quote!(#doc #variant_name,),
        }
    });
    // Written out, not derived: a free-form body may hold secrets under any key.
    let shown: Vec<_> = answer
        .variants
        .iter()
        .map(|variant| {
            let ty = variant.ty.as_ref();
            (ident(&variant.name), ty.map(|ty| debug::shown(false, ty)))
        })
        .collect();
    let debug = debug::for_enum(&name, &shown);
    let doc = own("What the call returns, by the success status the server chose.");
    quote! {
        #doc
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        #debug
    }
}

/// Sets one query, header or cookie parameter on `request`.
fn param(p: &Param, wire: &str, field: &proc_macro2::Ident) -> TokenStream {
    match (p.location, &p.global) {
        (ParamLocation::Query, _) if p.json => quote!(request.query_json(#wire, &self.#field);),
        (ParamLocation::Query, _) => {
            let style = query_style(p.style);
            quote!(request.query(#wire, &self.#field, #style);)
        }
        (ParamLocation::Header, None) if p.json => {
            quote!(request.header_json(#wire, &self.#field);)
        }
        (_, Some(setting)) => {
            let setting_field = ident(setting);
            let value =
                quote!(&self.#field.as_deref().or(self.client.inner.#setting_field.as_deref()));
            if p.required {
                quote!(request.required_header(#wire, #value, #setting);)
            } else {
                quote!(request.header(#wire, #value);)
            }
        }
        (ParamLocation::Cookie, None) => quote!(request.cookie(#wire, &self.#field);),
        (_, None) => quote!(request.header(#wire, &self.#field);),
    }
}
