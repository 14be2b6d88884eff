//! A raw answer read as it arrives, for bodies too large to hold in memory
//! (exports, files): no size limit applies, unlike bodies the SDK decodes.

use std::marker::PhantomData;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::stream::{BoxStream, Stream, StreamExt};
use http::header::HeaderMap;
use tokio::io::AsyncWriteExt;

use super::error::Failure;
use super::transport::StreamingResponse;

/// The body of a success answer as a [`Stream`] of chunks (`Result<Bytes,
/// E>`, where `E` is the SDK's error type), with its status and headers.
/// A failure to read on is the last item.
pub struct ByteStream<E = Failure> {
    status: u16,
    headers: HeaderMap,
    body: BoxStream<'static, Result<Bytes, Failure>>,
    error: PhantomData<fn() -> E>,
}

impl<E> std::fmt::Debug for ByteStream<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByteStream")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl<E> ByteStream<E>
where
    E: From<Failure> + std::error::Error + Send + Sync + 'static,
{
    /// The body of `response`, read on demand.
    pub fn new(response: StreamingResponse) -> Self {
        Self {
            status: response.status,
            headers: response.headers,
            body: response.body,
            error: PhantomData,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The length the server announced (`Content-Length`), if any.
    pub fn content_length(&self) -> Option<u64> {
        self.headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse().ok())
    }

    /// Writes the body to a new file at `path` (replacing one that exists)
    /// as it arrives, and returns the number of bytes written. On any
    /// failure the partial file is removed; a failure to read the answer is
    /// an `io::Error` whose inner error is the SDK's.
    pub async fn write_to(mut self, path: impl AsRef<Path>) -> std::io::Result<u64> {
        let path = path.as_ref();
        let mut file = tokio::fs::File::create(path).await?;
        let mut written = 0u64;
        let outcome: std::io::Result<()> = async {
            while let Some(chunk) = self.body.next().await {
                let chunk = chunk.map_err(|failure| std::io::Error::other(E::from(failure)))?;
                file.write_all(&chunk).await?;
                written += chunk.len() as u64;
            }
            file.flush().await
        }
        .await;
        if let Err(error) = outcome {
            drop(file);
            let _ = tokio::fs::remove_file(path).await;
            return Err(error);
        }
        Ok(written)
    }

    /// The body as a [`tokio::io::AsyncRead`] (to copy into a file, a hash,
    /// a decompressor); a failure to read the answer is an `io::Error`
    /// whose inner error is the SDK's.
    pub fn into_async_read(self) -> impl tokio::io::AsyncRead + Send + Unpin {
        tokio_util::io::StreamReader::new(
            self.body
                .map(|chunk| chunk.map_err(|failure| std::io::Error::other(E::from(failure)))),
        )
    }
}

impl<E: From<Failure>> Stream for ByteStream<E> {
    type Item = Result<Bytes, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.body
            .poll_next_unpin(cx)
            .map(|item| item.map(|chunk| chunk.map_err(E::from)))
    }
}
