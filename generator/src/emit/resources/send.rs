//! A builder's `send`, `send_raw` and streaming methods: the request as the
//! document describes it, and the enum of answers by success status.

use proc_macro2::TokenStream;
use quote::quote;

use super::slots::{split, Slot};
use crate::emit::debug;
use crate::emit::docs::own;
use crate::emit::rust_types::{ident, qualified_type};
use crate::ir::{
    BodyEncoding, ErrorStatus, Operation, Param, ParamLocation, PathPart, QueryStyle, SuccessEnum,
    TypeRef,
};

fn query_style(style: QueryStyle) -> TokenStream {
    match style {
        QueryStyle::Form { explode } => quote!(runtime::QueryStyle::Form { explode: #explode }),
        QueryStyle::SpaceDelimited => quote!(runtime::QueryStyle::SpaceDelimited),
        QueryStyle::PipeDelimited => quote!(runtime::QueryStyle::PipeDelimited),
        QueryStyle::DeepObject => quote!(runtime::QueryStyle::DeepObject),
    }
}

pub(super) fn send(op: &Operation) -> TokenStream {
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
    let events = crate::emit::events::stream_method(op, &build);
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
pub(super) fn success_enum(answer: &SuccessEnum) -> TokenStream {
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
