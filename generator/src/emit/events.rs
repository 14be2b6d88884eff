//! The `stream()` method of an operation that answers with server-sent
//! events: the same request as `send()`, asking for `text/event-stream`, and
//! a typed stream of events back.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::own;
use super::rust_types::qualified_type;
use crate::ir::Operation;

/// `stream()` for `op` when it answers with events, built from the request
/// `build` makes; nothing otherwise.
pub fn stream_method(op: &Operation, build: &TokenStream) -> TokenStream {
    let Some(events) = &op.events else {
        return quote!();
    };
    let ty = qualified_type(&events.ty);
    let shown = match &events.ty {
        crate::ir::TypeRef::Named(name) => format!("[`models::{name}`]"),
        _ => "JSON".to_owned(),
    };
    let flag = events
        .flag
        .as_ref()
        .map(|name| quote!(request.json_flag(#name);));
    let flag_doc = events
        .flag
        .as_ref()
        .map(|name| format!(" The body's `{name}` is set to `true`."))
        .unwrap_or_default();
    let doc = own(&format!(
        "Sends the request and reads the answer as server-sent events as they arrive, each \
         event's `data` decoded as {shown}.{flag_doc}\n\n\
         Retries apply until the answer starts, and the time limit covers the wait for it. \
         In the stream, a `data` that does not decode is an `Err` item and the stream goes on; \
         a cut connection, or an event longer than the size limit \
         ([`max_response_size`](Self::max_response_size)), is an `Err` item that ends it; \
         `[DONE]` ends it too. An error status is an [`Error`] as with [`send`](Self::send)."
    ));
    quote! {
        #doc
        pub async fn stream(self) -> Result<runtime::EventStream<#ty, Error>, Error> {
            #build
            request.accept_events();
            #flag
            match self.client.inner.core.send_streaming(request).await? {
                runtime::Streamed::Open(response) => Ok(runtime::EventStream::new(
                    response.status,
                    response.body,
                    response.limit,
                )),
                runtime::Streamed::Answer(response) => Err(Error::from_response(response)),
            }
        }
    }
}
