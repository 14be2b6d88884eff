//! Answers of JSON values one per line (NDJSON, JSON Lines, JSON text
//! sequences), read as they arrive, each line decoded as the documented type.

use std::collections::VecDeque;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_util::stream::{BoxStream, Stream, StreamExt};
use serde::de::DeserializeOwned;

use super::decode::decode_json;
use super::error::{DecodeError, Failure};

/// The record separator that starts each value of a JSON text sequence
/// (RFC 7464); it is read like a line break.
const RECORD_SEPARATOR: u8 = 0x1e;

/// The values of one answer, as a [`Stream`] of `Result<T, E>`, where `E` is
/// the SDK's error type.
///
/// A line that does not decode as `T` is an `Err` item and the stream goes
/// on; a line longer than the size limit, or a failure to read on, is an
/// `Err` item that ends the stream. Blank lines are skipped; a last line
/// without a line break is read like any other, so a connection cut inside a
/// value shows as that value's decode error.
pub struct JsonLines<T, E = Failure> {
    body: BoxStream<'static, Result<Bytes, Failure>>,
    status: u16,
    limit: usize,
    pending: BytesMut,
    ready: VecDeque<Result<T, Failure>>,
    ended: bool,
    error: PhantomData<fn() -> E>,
}

// Nothing in it is pinned structurally: values are only moved out of the
// queue, never borrowed across polls.
impl<T, E> Unpin for JsonLines<T, E> {}

impl<T, E> std::fmt::Debug for JsonLines<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JsonLines")
    }
}

impl<T: DeserializeOwned, E> JsonLines<T, E> {
    /// Reads `body` (the answer with `status`) as values, no line longer than
    /// `limit` bytes.
    pub fn new(
        status: u16,
        body: BoxStream<'static, Result<Bytes, Failure>>,
        limit: usize,
    ) -> Self {
        Self {
            body,
            status,
            limit,
            pending: BytesMut::new(),
            ready: VecDeque::new(),
            ended: false,
            error: PhantomData,
        }
    }

    /// Moves every complete line out of `pending` into `ready`.
    fn split_lines(&mut self) {
        while let Some(at) = self
            .pending
            .iter()
            .position(|&b| b == b'\n' || b == RECORD_SEPARATOR)
        {
            let line = self.pending.split_to(at + 1);
            self.push_line(&line[..at]);
        }
    }

    fn push_line(&mut self, line: &[u8]) {
        let text = trim(line);
        if text.is_empty() {
            return;
        }
        let item = decode_json(text).map_err(|error| {
            Failure::Decode(error.into_decode_error(self.status, Bytes::copy_from_slice(text)))
        });
        self.ready.push_back(item);
    }

    fn too_long(&self) -> Failure {
        Failure::Decode(DecodeError::new(
            self.status,
            Bytes::new(),
            format!("a line is longer than the limit of {} bytes", self.limit),
        ))
    }
}

/// `line` without the spaces and carriage return around it.
fn trim(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(line.len());
    let end = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |at| at + 1);
    &line[start..end]
}

impl<T: DeserializeOwned, E: From<Failure>> Stream for JsonLines<T, E> {
    type Item = Result<T, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Poll::Ready(Some(item.map_err(E::from)));
            }
            if self.ended {
                return Poll::Ready(None);
            }
            match self.body.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(chunk))) => {
                    self.pending.extend_from_slice(&chunk);
                    self.split_lines();
                    if self.pending.len() > self.limit {
                        self.ended = true;
                        let failure = self.too_long();
                        self.ready.push_back(Err(failure));
                    }
                }
                Poll::Ready(Some(Err(failure))) => {
                    self.ended = true;
                    self.ready.push_back(Err(failure));
                }
                Poll::Ready(None) => {
                    self.ended = true;
                    let rest = self.pending.split();
                    self.push_line(&rest);
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::stream;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Hit {
        id: u32,
    }

    async fn read(chunks: Vec<&'static [u8]>, limit: usize) -> Vec<Result<Hit, Failure>> {
        let body = stream::iter(chunks.into_iter().map(|c| Ok(Bytes::from_static(c)))).boxed();
        JsonLines::<Hit, Failure>::new(200, body, limit)
            .collect()
            .await
    }

    #[tokio::test]
    async fn values_split_across_chunks_and_line_endings() {
        let items = read(
            vec![
                b"{\"id\":1}\r\n{\"i",
                b"d\":2}\n\n",
                b"\x1e{\"id\":3}\n{\"id\":4}",
            ],
            64,
        )
        .await;
        let ids: Vec<u32> = items.into_iter().map(|i| i.unwrap().id).collect();
        assert_eq!(ids, [1, 2, 3, 4]);
    }

    #[tokio::test]
    async fn a_bad_line_is_an_error_and_the_rest_is_read() {
        let items = read(vec![b"{\"id\":1}\n{oops}\n{\"id\":3}\n"], 64).await;
        assert_eq!(items.len(), 3);
        assert!(matches!(&items[1], Err(Failure::Decode(error)) if error.body() == b"{oops}"));
        assert_eq!(items[2].as_ref().unwrap().id, 3);
    }

    #[tokio::test]
    async fn a_line_over_the_limit_ends_the_stream() {
        let items = read(
            vec![
                b"{\"id\":1}\n{\"id\":2, \"padding\": \"xxxxxxxxxxxxxxxxxxxxxxxx\"",
                b"}\n{\"id\":3}\n",
            ],
            32,
        )
        .await;
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(items[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("longer than the limit"));
    }

    #[tokio::test]
    async fn a_value_cut_short_is_a_decode_error() {
        let items = read(vec![b"{\"id\":1}\n{\"id\":"], 64).await;
        assert_eq!(items.len(), 2);
        assert!(items[1].is_err());
    }
}
