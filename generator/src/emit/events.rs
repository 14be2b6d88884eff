//! The methods that read an answer as it arrives: `stream()` for an
//! operation that answers a stream of values (server-sent events, JSON
//! lines), typed; `download()` for one whose answer is raw bytes, unbounded.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::own;
use super::rust_types::qualified_type;
use crate::ir::{Operation, StreamFormat, TypeRef};

/// `stream()` for `op` when it answers with events, built from the request
/// `build` makes; nothing otherwise.
pub fn stream_method(op: &Operation, build: &TokenStream) -> TokenStream {
    let download = download_method(op, build);
    let Some(events) = &op.events else {
        return download;
    };
    let ty = qualified_type(&events.ty);
    let shown = match &events.ty {
        TypeRef::Named(name) => format!("[`models::{name}`]"),
        _ => "JSON".to_owned(),
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
    let open = match events.format {
        StreamFormat::ServerSentEvents => quote!(runtime::EventStream::new(
            response.status,
            response.body,
            response.limit,
        )),
        StreamFormat::JsonLines => quote!(runtime::JsonLines::new(
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
