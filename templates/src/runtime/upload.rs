//! Request bodies that need not sit in memory: raw bytes, a file read as it
//! is sent (again on each retry), or a stream of chunks that can be sent
//! once; and JSON values sent one per line, from a list or a stream.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_util::stream::{self, BoxStream, Stream, StreamExt};
use serde::Serialize;

use super::transport::Body;

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

/// Bytes equal bytes, a file the same path; a stream equals only itself.
impl PartialEq for Upload {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Bytes(a), Self::Bytes(b)) => a == b,
            (Self::File(a), Self::File(b)) => a == b,
            (Self::Stream(a), Self::Stream(b)) => Arc::ptr_eq(&a.0, &b.0),
            _ => false,
        }
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

impl From<&'static str> for Upload {
    fn from(text: &'static str) -> Self {
        Self::Bytes(Bytes::from_static(text.as_bytes()))
    }
}

impl From<String> for Upload {
    fn from(text: String) -> Self {
        Self::Bytes(text.into())
    }
}

/// How much of a file is read at a time: tokio's default of 4 KiB makes a
/// large upload several times slower (BENCHMARKS.md, "Streamed download").
const READ_CHUNK: usize = 64 * 1024;

/// The body a `reqwest` request sends for `segments` one after another (a
/// file or a stream alone; a multipart form's parts and the text around
/// them), with its length when every segment's is known.
pub(crate) async fn http_body(segments: &[Upload]) -> Result<(Body, Option<u64>), String> {
    let mut streams: Vec<BoxStream<'static, std::io::Result<Bytes>>> = Vec::new();
    let mut length = Some(0u64);
    for segment in segments {
        let (chunks, size) = match segment {
            Upload::Bytes(bytes) => (
                stream::once(std::future::ready(Ok(bytes.clone()))).boxed(),
                Some(bytes.len() as u64),
            ),
            Upload::File(path) => {
                let file = tokio::fs::File::open(path)
                    .await
                    .map_err(|error| format!("cannot read the file to upload: {error}"))?;
                let size = file.metadata().await.ok().map(|m| m.len());
                (
                    tokio_util::io::ReaderStream::with_capacity(file, READ_CHUNK).boxed(),
                    size,
                )
            }
            Upload::Stream(one_shot) => (
                one_shot
                    .take()
                    .ok_or_else(|| "a stream body can be sent only once".to_owned())?,
                None,
            ),
        };
        streams.push(chunks);
        length = length.zip(size).map(|(sum, size)| sum + size);
    }
    Ok((
        Body::Stream(stream::iter(streams).flatten().boxed()),
        length,
    ))
}

/// A body of JSON values sent one per line (NDJSON, JSON Lines).
///
/// From a `Vec` the values are serialized up front and sent again on a
/// retry. From a stream or an iterator they are serialized as they are sent,
/// so a large import need not sit in memory; such a body can be sent only
/// once, so the call is not retried.
pub struct Lines<T> {
    source: LinesSource<T>,
}

enum LinesSource<T> {
    Items(Vec<T>),
    Stream(Arc<Mutex<Option<BoxStream<'static, T>>>>),
}

impl<T: Clone> Clone for Lines<T> {
    fn clone(&self) -> Self {
        let source = match &self.source {
            LinesSource::Items(items) => LinesSource::Items(items.clone()),
            LinesSource::Stream(stream) => LinesSource::Stream(Arc::clone(stream)),
        };
        Self { source }
    }
}

impl<T: fmt::Debug> fmt::Debug for Lines<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            LinesSource::Items(items) => f.debug_tuple("Lines").field(items).finish(),
            LinesSource::Stream(_) => f.write_str("Lines(stream)"),
        }
    }
}

impl<T> From<Vec<T>> for Lines<T> {
    fn from(items: Vec<T>) -> Self {
        Self {
            source: LinesSource::Items(items),
        }
    }
}

impl<T: Serialize + Send + 'static> Lines<T> {
    /// The values of `stream`, serialized as they are sent (once: the call
    /// is not retried).
    pub fn stream<S>(stream: S) -> Self
    where
        S: Stream<Item = T> + Send + 'static,
    {
        Self {
            source: LinesSource::Stream(Arc::new(Mutex::new(Some(stream.boxed())))),
        }
    }

    /// The values of `items`, serialized as they are sent (once: the call is
    /// not retried). Collect them into a `Vec` for a body that is retried.
    pub fn iter<I>(items: I) -> Self
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: Send + 'static,
    {
        Self::stream(stream::iter(items))
    }

    /// The body to send: bytes for a list, a one-shot stream otherwise.
    pub(crate) fn to_upload(&self) -> Result<Upload, String> {
        match &self.source {
            LinesSource::Items(items) => {
                let mut body = Vec::new();
                for item in items {
                    line(&mut body, item)?;
                }
                Ok(Upload::Bytes(body.into()))
            }
            LinesSource::Stream(stream) => {
                let stream = stream
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .take()
                    .ok_or_else(|| "a stream body can be sent only once".to_owned())?;
                Ok(Upload::stream(stream.map(|item| {
                    let mut body = Vec::new();
                    line(&mut body, &item)
                        .map(|()| Bytes::from(body))
                        .map_err(std::io::Error::other)
                })))
            }
        }
    }
}

/// Appends `item` as JSON and a line break.
fn line<T: Serialize>(body: &mut Vec<u8>, item: &T) -> Result<(), String> {
    serde_json::to_writer(&mut *body, item)
        .map_err(|error| format!("a line of the body cannot be serialized: {error}"))?;
    body.push(b'\n');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn sent(upload: Upload) -> Vec<u8> {
        let Upload::Stream(one_shot) = upload else {
            panic!("expected a stream");
        };
        let chunks: Vec<_> = one_shot.take().unwrap().collect().await;
        chunks
            .into_iter()
            .flat_map(|c| c.unwrap().to_vec())
            .collect()
    }

    #[tokio::test]
    async fn lines_from_a_list_or_a_stream_are_the_same_bytes() {
        let list = Lines::from(vec![serde_json::json!({"id": 1}), serde_json::json!("two")]);
        assert_eq!(
            list.to_upload().unwrap(),
            Upload::Bytes(Bytes::from_static(b"{\"id\":1}\n\"two\"\n"))
        );
        // A list is sent again on a retry; a stream only once.
        assert!(list.to_upload().unwrap().is_replayable());
        let streamed = Lines::iter(vec![serde_json::json!({"id": 1}), serde_json::json!("two")]);
        let upload = streamed.to_upload().unwrap();
        assert!(!upload.is_replayable());
        assert_eq!(sent(upload).await, b"{\"id\":1}\n\"two\"\n");
        assert!(streamed.to_upload().is_err(), "a stream is sent once");
    }

    #[tokio::test]
    async fn segments_are_sent_in_order_with_their_length() {
        let dir = std::env::temp_dir().join(format!("sdk-upload-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("part.bin");
        std::fs::write(&path, b"file").unwrap();
        let segments = [Upload::from("<"), Upload::file(&path), Upload::from(">")];
        let (_, length) = http_body(&segments).await.unwrap();
        assert_eq!(length, Some(6));
        let streamed = [Upload::from("<"), Upload::stream(stream::empty())];
        let (_, length) = http_body(&streamed).await.unwrap();
        assert_eq!(length, None, "a stream's length is not known");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
