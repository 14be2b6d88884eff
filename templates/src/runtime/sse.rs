//! Server-sent events: an answer read as it arrives, each event's `data`
//! decoded as the documented type.
//!
//! Parsing is `eventsource-stream`'s (the WHATWG rules: `data` lines joined
//! with newlines, `event`, `id` and `retry` kept, comments and heartbeats
//! skipped). Around it, the SDK bounds an event's size, ends the stream at a
//! `[DONE]` sentinel, yields a decode error for one bad event without ending
//! the stream, and reports a connection cut inside an event as an error.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use eventsource_stream::{EventStreamError, Eventsource};
use futures_util::stream::{BoxStream, Stream, StreamExt};
use serde::de::DeserializeOwned;

use super::decode::{decode_json, DataError};
use super::error::{DecodeError, Failure};

/// What an event stream's data ends with when the API marks the end in-band
/// (OpenAI-style chat completions send `data: [DONE]`).
pub const DONE: &str = "[DONE]";

/// One server-sent event.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The event's type (`event:`), or `None` for the default, `message`.
    pub event: Option<String>,
    /// The event's id (`id:`), if it has one.
    pub id: Option<String>,
    /// How long the server asks a client to wait before reconnecting (`retry:`).
    pub retry: Option<Duration>,
    /// The `data`, decoded.
    pub data: T,
}

/// The events of one answer, as a [`Stream`] of `Result<Event<T>, E>`, where
/// `E` is the SDK's error type.
///
/// A `data` that does not decode as `T` is an `Err` item and the stream goes
/// on; a connection cut (inside an event or between events the server did not
/// end cleanly), or an event longer than the size limit, is an `Err` item and
/// the stream ends. `[DONE]` ends the stream.
pub struct EventStream<T, E = Failure> {
    inner: BoxStream<'static, Result<Event<T>, Failure>>,
    error: PhantomData<fn() -> E>,
}

impl<T, E> std::fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventStream")
    }
}

/// How an event's `data` becomes the stream's item: given the event's name
/// (`message` when it has none) and its data, the value or why not.
///
/// Generated SDKs pass one when the type of `data` depends on the event's
/// name, or when `data` is text rather than JSON.
pub type DataDecoder<T> = fn(event: &str, data: &str) -> Result<T, DataError>;

impl<T: DeserializeOwned + Send + 'static, E> EventStream<T, E> {
    /// Reads `body` (the answer with `status`) as events whose `data` is
    /// JSON, none longer than `max_event` bytes.
    pub fn new(
        status: u16,
        body: BoxStream<'static, Result<Bytes, Failure>>,
        max_event: usize,
    ) -> Self {
        Self::with_decoder(status, body, max_event, |_, data| {
            decode_json(data.as_bytes())
        })
    }
}

impl<T: Send + 'static, E> EventStream<T, E> {
    /// Reads `body` as events whose `data` `decode` turns into `T`.
    pub fn with_decoder(
        status: u16,
        body: BoxStream<'static, Result<Bytes, Failure>>,
        max_event: usize,
        decode: DataDecoder<T>,
    ) -> Self {
        let bounded = Bounded::new(body, max_event, status);
        let inner = bounded
            .eventsource()
            .map(move |item| match item {
                // `[DONE]` ends the stream: `None` here, then nothing.
                Ok(event) if event.data.trim() == DONE => None,
                Ok(event) => Some(read(status, event, decode)),
                Err(EventStreamError::Transport(failure)) => Some(Err(failure)),
                Err(other) => Some(Err(Failure::Decode(DecodeError::new(
                    status,
                    Bytes::new(),
                    format!("the event stream cannot be read: {other}"),
                )))),
            })
            .take_while(|step| std::future::ready(step.is_some()))
            .filter_map(std::future::ready)
            .boxed();
        Self {
            inner,
            error: PhantomData,
        }
    }
}

/// Text `data`, as sent (an event documented as text rather than JSON).
pub fn text_data(_event: &str, data: &str) -> Result<String, DataError> {
    Ok(data.to_owned())
}

impl<T, E: From<Failure>> Stream for EventStream<T, E> {
    type Item = Result<Event<T>, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner
            .poll_next_unpin(cx)
            .map(|item| item.map(|result| result.map_err(E::from)))
    }
}

/// One parsed event as `Event<T>`.
fn read<T>(
    status: u16,
    event: eventsource_stream::Event,
    decode: DataDecoder<T>,
) -> Result<Event<T>, Failure> {
    let data = event.data.trim_end_matches('\n');
    let name = if event.event.is_empty() {
        "message"
    } else {
        event.event.as_str()
    };
    let decoded = decode(name, data).map_err(|error| {
        Failure::Decode(error.into_decode_error(status, Bytes::copy_from_slice(data.as_bytes())))
    })?;
    Ok(Event {
        event: (name != "message").then(|| name.to_owned()),
        id: (!event.id.is_empty()).then_some(event.id),
        retry: event.retry,
        data: decoded,
    })
}

/// The body's bytes, checked on the way: an event (the bytes since the last
/// blank line) longer than `limit` fails the stream, and a body that ends in
/// the middle of an event is a failure rather than a quiet end.
struct Bounded {
    inner: BoxStream<'static, Result<Bytes, Failure>>,
    limit: usize,
    /// Bytes since the last event boundary, and whether any of them is not
    /// a line break (an event begun).
    pending: usize,
    begun: bool,
    /// The last two bytes seen, to find a boundary split across chunks.
    tail: [u8; 2],
    done: bool,
    /// An event grew past the limit somewhere in what was read.
    over: bool,
    status: u16,
}

impl Bounded {
    fn new(inner: BoxStream<'static, Result<Bytes, Failure>>, limit: usize, status: u16) -> Self {
        Self {
            inner,
            limit,
            pending: 0,
            begun: false,
            tail: [0; 2],
            done: false,
            over: false,
            status,
        }
    }

    fn failure(&self, message: String) -> Failure {
        Failure::Decode(DecodeError::new(self.status, Bytes::new(), message))
    }

    fn note(&mut self, chunk: &[u8]) {
        for &byte in chunk {
            let boundary = byte == b'\n' && (self.tail[1] == b'\n' || self.tail == *b"\n\r")
                || byte == b'\r' && self.tail[1] == b'\r';
            if boundary {
                self.pending = 0;
                self.begun = false;
            } else {
                self.pending += 1;
                self.over |= self.pending > self.limit;
                if byte != b'\n' && byte != b'\r' {
                    self.begun = true;
                }
            }
            self.tail = [self.tail[1], byte];
        }
    }
}

impl Stream for Bounded {
    type Item = Result<Bytes, Failure>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.inner.poll_next_unpin(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                self.note(&chunk);
                if self.over {
                    self.done = true;
                    let message =
                        format!("an event is longer than the limit of {} bytes", self.limit);
                    return Poll::Ready(Some(Err(self.failure(message))));
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(failure))) => {
                self.done = true;
                Poll::Ready(Some(Err(failure)))
            }
            Poll::Ready(None) => {
                self.done = true;
                if self.begun {
                    let message = "the event stream ended in the middle of an event".to_owned();
                    return Poll::Ready(Some(Err(self.failure(message))));
                }
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }
}
