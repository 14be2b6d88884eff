//! A raw request body that need not sit in memory: bytes, a file read as it
//! is sent (again on each retry), or a stream of chunks that can be sent once.

use std::fmt;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_util::stream::{BoxStream, Stream, StreamExt};

/// A raw request body.
///
/// Bytes and files are sent again on a retry; a stream can be sent only
/// once, so a call whose body is a stream is never retried (a second
/// attempt would have nothing to send).
#[derive(Clone)]
pub enum Upload {
    /// Bytes in memory.
    Bytes(Bytes),
    /// A file, read as it is sent (its length is sent as `Content-Length`).
    File(PathBuf),
    /// Chunks from a stream, sent once.
    Stream(OneShot),
}

/// A stream of chunks that one request takes.
#[derive(Clone)]
pub struct OneShot(Arc<Mutex<Option<BoxStream<'static, std::io::Result<Bytes>>>>>);

impl OneShot {
    /// The stream, the first time only.
    pub(crate) fn take(&self) -> Option<BoxStream<'static, std::io::Result<Bytes>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bytes(bytes) => write!(f, "Upload::Bytes({} bytes)", bytes.len()),
            Self::File(path) => f.debug_tuple("Upload::File").field(path).finish(),
            Self::Stream(_) => f.write_str("Upload::Stream"),
        }
    }
}

impl Upload {
    /// The file at `path`, read as it is sent.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self::File(path.into())
    }

    /// The chunks of `stream`, sent once (the call is not retried).
    pub fn stream<S>(stream: S) -> Self
    where
        S: Stream<Item = std::io::Result<Bytes>> + Send + 'static,
    {
        Self::Stream(OneShot(Arc::new(Mutex::new(Some(stream.boxed())))))
    }

    /// Whether the body can be sent again on a retry.
    pub fn is_replayable(&self) -> bool {
        !matches!(self, Self::Stream(_))
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        Self::Bytes(bytes.into())
    }
}

impl From<Bytes> for Upload {
    fn from(bytes: Bytes) -> Self {
        Self::Bytes(bytes)
    }
}

impl From<&'static [u8]> for Upload {
    fn from(bytes: &'static [u8]) -> Self {
        Self::Bytes(Bytes::from_static(bytes))
    }
}

impl From<String> for Upload {
    fn from(text: String) -> Self {
        Self::Bytes(text.into())
    }
}

/// The body a `reqwest` request sends for a file or a stream.
pub(crate) async fn http_body(upload: &Upload) -> Result<(reqwest::Body, Option<u64>), String> {
    match upload {
        Upload::Bytes(bytes) => Ok((bytes.clone().into(), Some(bytes.len() as u64))),
        Upload::File(path) => {
            let file = tokio::fs::File::open(path)
                .await
                .map_err(|error| format!("cannot read the file to upload: {error}"))?;
            let length = file.metadata().await.ok().map(|m| m.len());
            let stream = tokio_util::io::ReaderStream::new(file);
            Ok((reqwest::Body::wrap_stream(stream), length))
        }
        Upload::Stream(one_shot) => {
            let stream: Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>> = one_shot
                .take()
                .ok_or_else(|| "a stream body can be sent only once".to_owned())?;
            Ok((reqwest::Body::wrap_stream(stream), None))
        }
    }
}
