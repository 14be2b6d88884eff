//! The methods that read an answer as it arrives: `stream()` for an
//! operation that answers a stream of values (server-sent events, JSON
//! lines), typed; `download()` for one whose answer is raw bytes, unbounded.

use proc_macro2::TokenStream;
use quote::quote;

use super::debug;
use super::docs::own;
use super::rust_types::{ident, qualified_type};
use crate::ir::{EventData, EventEnum, Operation, StreamFormat, TypeRef};

/// `stream()` for `op` when it answers with events, built from the request
/// `build` makes; nothing otherwise.
pub fn stream_method(op: &Operation, build: &TokenStream) -> TokenStream {
    let download = download_method(op, build);
    let Some(events) = &op.events else {
        return download;
    };
    let (ty, shown) = match &events.data {
        EventData::Json(ty @ TypeRef::Named(name)) => {
            (qualified_type(ty), format!("[`models::{name}`]"))
        }
        EventData::Json(ty) => (qualified_type(ty), "JSON".to_owned()),
        EventData::Text => (quote!(String), "text".to_owned()),
        EventData::ByName(by_name) => {
            let name = ident(&by_name.name);
            (
                quote!(#name),
                format!("[`{}`] by the event's name", by_name.name),
            )
        }
    };
    let media = &events.media_type;
    let flag = events
        .flag
        .as_ref()
        .map(|name| quote!(request.json_flag(#name);));
    let flag_doc = events
        .flag
        .as_ref()
        .map(|name| format!(" The body's `{name}` is set to `true`."))
        .unwrap_or_default();
    let (what, stream_type, end) = match events.format {
        StreamFormat::ServerSentEvents => (
            format!("server-sent events as they arrive, each event's `data` decoded as {shown}"),
            quote!(runtime::EventStream<#ty, Error>),
            "an event that does not decode is an `Err` item and the stream goes on; a cut \
             connection, or an event longer than the size limit, is an `Err` item that ends \
             it; `[DONE]` ends it too",
        ),
        StreamFormat::JsonLines => (
            format!("JSON values one per line (`{media}`) as they arrive, each decoded as {shown}"),
            quote!(runtime::JsonLines<#ty, Error>),
            "a line that does not decode is an `Err` item and the stream goes on; a cut \
             connection, or a line longer than the size limit, is an `Err` item that ends it",
        ),
    };
    let doc = own(&format!(
        "Sends the request and reads the answer as {what}.{flag_doc}\n\n\
         Retries apply until the answer starts, and the time limit covers the wait for it. \
         In the stream, {end} (the limit is [`max_response_size`](Self::max_response_size)). \
         An error status is an [`Error`] as with [`send`](Self::send)."
    ));
    let open =
        match (events.format, &events.data) {
            (StreamFormat::ServerSentEvents, EventData::Json(_)) => quote!(
                runtime::EventStream::new(response.status, response.body, response.limit,)
            ),
            (StreamFormat::ServerSentEvents, EventData::Text) => {
                quote!(runtime::EventStream::with_decoder(
                    response.status,
                    response.body,
                    response.limit,
                    runtime::text_data,
                ))
            }
            (StreamFormat::ServerSentEvents, EventData::ByName(by_name)) => {
                let decode = decoder(by_name);
                quote!(runtime::EventStream::with_decoder(
                    response.status,
                    response.body,
                    response.limit,
                    #decode,
                ))
            }
            (StreamFormat::JsonLines, _) => quote!(runtime::JsonLines::new(
                response.status,
                response.body,
                response.limit,
            )),
        };
    quote! {
        #doc
        pub async fn stream(self) -> Result<#stream_type, Error> {
            #build
            request.accept(#media);
            #flag
            match self.client.inner.core.send_streaming(request).await? {
                runtime::Streamed::Open(response) => Ok(#open),
                runtime::Streamed::Answer(response) => Err(Error::from_response(response)),
            }
        }

        #download
    }
}

/// The function that reads an event's `data` by its name.
fn decoder(by_name: &EventEnum) -> TokenStream {
    let name = ident(&by_name.name);
    let arms = by_name.variants.iter().map(|variant| {
        let event = &variant.event;
        let variant_name = ident(&variant.name);
        match &variant.data {
            Some(_) => {
                quote!(#event => #name::#variant_name(runtime::decode_json(data.as_bytes())?),)
            }
            None => quote!(#event => #name::#variant_name(data.to_owned()),),
        }
    });
    quote! {
        |event, data| {
            Ok(match event {
                #(#arms)*
                _ => #name::Other(data.to_owned()),
            })
        }
    }
}

/// The enum of an operation's events by name, when the document gives each
/// name its own `data`.
pub fn event_enum(op: &Operation) -> TokenStream {
    let Some(EventData::ByName(by_name)) = op.events.as_ref().map(|events| &events.data) else {
        return quote!();
    };
    let name = ident(&by_name.name);
    let variants = by_name.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let mut text = format!("A `{}` event.", variant.event);
        if let Some(doc) = &variant.doc {
            text = format!("{text}\n\n{doc}");
        }
        let doc = own(&text);
        match &variant.data {
            Some(ty) => {
                let ty = qualified_type(ty);
                quote!(#doc #variant_name(#ty),)
            }
            None => quote!(#doc #variant_name(String),),
        }
    });
    let mut shown: Vec<_> = by_name
        .variants
        .iter()
        .map(|variant| {
            let ty = variant.data.as_ref().unwrap_or(&TypeRef::String);
            (ident(&variant.name), Some(debug::shown(false, ty)))
        })
        .collect();
    shown.push((ident("Other"), Some(debug::shown(false, &TypeRef::String))));
    let debug = debug::for_enum(&name, &shown);
    let doc = own(&format!(
        "The `data` of one event of [`{}::stream`], by the event's name.",
        op.builder_name
    ));
    quote! {
        #doc
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An event of another name (one this SDK does not know yet),
            /// its `data` as sent.
            Other(String),
        }

        #debug
    }
}

/// `download()` for an operation whose success answer is raw bytes.
fn download_method(op: &Operation, build: &TokenStream) -> TokenStream {
    if op.success.ty != Some(TypeRef::Bytes) {
        return quote!();
    }
    let doc = own(
        "Sends the request and hands the answer's body over as it arrives, with no size \
         limit (a large export, a file): [`runtime::ByteStream`] is a `Stream` of chunks, \
         [`write_to`](runtime::ByteStream::write_to) a file, or \
         [`into_async_read`](runtime::ByteStream::into_async_read). Retries and the time \
         limit apply until the answer starts. An error status is an [`Error`] as with \
         [`send`](Self::send).",
    );
    quote! {
        #doc
        pub async fn download(self) -> Result<runtime::ByteStream<Error>, Error> {
            #build
            match self.client.inner.core.send_streaming(request).await? {
                runtime::Streamed::Open(response) => Ok(runtime::ByteStream::new(response)),
                runtime::Streamed::Answer(response) => Err(Error::from_response(response)),
            }
        }
    }
}
