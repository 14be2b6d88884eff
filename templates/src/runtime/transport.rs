//! Putting a request on the wire and reading the whole answer, within a size limit.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use futures_util::stream::{BoxStream, StreamExt};
use reqwest::redirect::Policy;

use super::error::{ConfigError, Failure, ResponseTooLarge};
use super::response::Response;

/// The largest response body a client reads unless configured otherwise: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 16 * 1024 * 1024;

/// How long an idle connection stays in the pool: below the 5 s keep-alive
/// of Node.js and Apache servers. `http_client(..)` can change it.
pub const POOL_IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(4);

/// The future a [`Transport`] returns.
pub type TransportFuture<'a> = Pin<Box<dyn Future<Output = Result<Response, Failure>> + Send + 'a>>;

/// Changes the `reqwest` client the SDK builds (proxies, TLS roots, pools).
///
/// The one place reqwest shows in this crate's API, on purpose: the HTTP
/// client's own settings. Everything else (hooks, transports, errors) is in
/// the `http` crate's types, so an app on another reqwest still builds.
pub type HttpClientConfig =
    Arc<dyn Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync>;

/// A request as hooks see it and transports send it.
pub type HttpRequest = http::Request<Body>;

/// A request body: none, bytes (sent again on a retry), or chunks from a
/// file or a stream.
#[derive(Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// Bytes in memory.
    Bytes(Bytes),
    /// Chunks read as they are sent.
    Stream(BoxStream<'static, std::io::Result<Bytes>>),
}

impl Body {
    /// The bytes, for a body held in memory (`None` for a stream).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Self::Empty => Some(&[]),
            Self::Bytes(bytes) => Some(bytes),
            Self::Stream(_) => None,
        }
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("Body::Empty"),
            Self::Bytes(bytes) => write!(f, "Body::Bytes({} bytes)", bytes.len()),
            Self::Stream(_) => f.write_str("Body::Stream"),
        }
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Self::Bytes(bytes)
    }
}

/// The same request for `reqwest`.
fn to_reqwest(request: HttpRequest) -> Result<reqwest::Request, Failure> {
    let (parts, body) = request.into_parts();
    let body = match body {
        Body::Empty => reqwest::Body::from(Bytes::new()),
        Body::Bytes(bytes) => reqwest::Body::from(bytes),
        Body::Stream(stream) => reqwest::Body::wrap_stream(stream),
    };
    reqwest::Request::try_from(http::Request::from_parts(parts, body))
        .map_err(Failure::from_reqwest)
}

/// An answer whose body is read as it arrives (server-sent events).
pub struct StreamingResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers.
    pub headers: http::HeaderMap,
    /// The body, chunk by chunk; a failure to read on is the last item.
    pub body: BoxStream<'static, Result<Bytes, Failure>>,
    /// The call's size limit, which bounds one event of a stream.
    pub limit: usize,
}

impl fmt::Debug for StreamingResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamingResponse")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// The future [`Transport::send_streaming`] returns.
pub type StreamingFuture<'a> =
    Pin<Box<dyn Future<Output = Result<StreamingResponse, Failure>> + Send + 'a>>;

/// Sends one request and reads the whole response.
///
/// The SDK's own is [`HttpTransport`]; tests and apps can supply another (a
/// recorded replay, a fault injector). Whatever it returns still goes through
/// the client's redirect policy, size limit, time limit and retries.
///
/// A transport must not follow redirects itself: one built on a `reqwest`
/// client with its default policy would re-send the request, with every header
/// except `Authorization` and cookies, to whatever host a server names. Build
/// such a client with `redirect(reqwest::redirect::Policy::none())`.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request`; a body longer than `max_body` bytes should fail with
    /// [`Failure::TooLarge`] without being read further.
    fn send(&self, request: HttpRequest, max_body: usize) -> TransportFuture<'_>;

    /// Sends `request` and hands the body over as it arrives. By default the
    /// whole body is read with [`send`](Self::send) (up to `max_body` bytes)
    /// and handed over in one chunk.
    fn send_streaming(&self, request: HttpRequest, max_body: usize) -> StreamingFuture<'_> {
        Box::pin(async move {
            let response = self.send(request, max_body).await?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = Bytes::copy_from_slice(response.body());
            Ok(StreamingResponse {
                status,
                headers,
                body: futures_util::stream::once(async move { Ok(body) }).boxed(),
                limit: max_body,
            })
        })
    }
}

/// The default transport: a `reqwest` client that never follows redirects by
/// itself (the SDK decides which redirects are safe to follow) and stops
/// reading a body at the size limit.
#[derive(Debug, Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
}

impl HttpTransport {
    /// Builds the client, letting `configure` change the builder first. The
    /// redirect policy is set after `configure`, so it cannot be turned back on.
    pub fn new(configure: Option<&HttpClientConfig>) -> Result<Self, ConfigError> {
        // Idle pooled connections are dropped before common server keep-alive
        // timeouts end them (5 s in Node.js and Apache, 60 s on AWS load
        // balancers): a request sent on a connection the server has just
        // closed fails, and only idempotent or keyed requests are retried.
        let builder = reqwest::Client::builder().pool_idle_timeout(POOL_IDLE_TIMEOUT);
        let builder = match configure {
            Some(configure) => configure(builder),
            None => builder,
        };
        let client = builder.redirect(Policy::none()).build().map_err(|error| {
            ConfigError::new(format!(
                "cannot build the HTTP client: {}",
                error.without_url()
            ))
        })?;
        Ok(Self { client })
    }
}

impl Transport for HttpTransport {
    fn send_streaming(&self, request: HttpRequest, max_body: usize) -> StreamingFuture<'_> {
        Box::pin(self.stream(request, max_body))
    }

    fn send(&self, request: HttpRequest, max_body: usize) -> TransportFuture<'_> {
        Box::pin(async move {
            let mut response = self.execute(request).await?;
            let status = response.status().as_u16();
            let too_large = || Failure::TooLarge(ResponseTooLarge::new(status, max_body));
            // A declared length over the limit fails before any byte is read.
            let declared = response.content_length().unwrap_or(0);
            if usize::try_from(declared).map_or(true, |length| length > max_body) {
                return Err(too_large());
            }
            let headers = std::mem::take(response.headers_mut());
            // The declared length is the server's word: reserve no more than a
            // modest start, and let the buffer grow with what really arrives.
            let start = usize::try_from(declared).unwrap_or(0).min(64 * 1024);
            let mut body = BytesMut::with_capacity(start);
            while let Some(chunk) = response.chunk().await.map_err(Failure::from_reqwest)? {
                if chunk.len() > max_body.saturating_sub(body.len()) {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(Response::new(status, headers, body.freeze()))
        })
    }
}

impl HttpTransport {
    /// Sends `request` with reqwest, up to the start of the answer.
    async fn execute(&self, request: HttpRequest) -> Result<reqwest::Response, Failure> {
        self.client
            .execute(to_reqwest(request)?)
            .await
            .map_err(Failure::from_reqwest)
    }

    /// The answer with its body as a stream of chunks, read on demand.
    async fn stream(
        &self,
        request: HttpRequest,
        max_body: usize,
    ) -> Result<StreamingResponse, Failure> {
        let mut response = self.execute(request).await?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let body = response
            .bytes_stream()
            .map(|chunk| chunk.map_err(Failure::from_reqwest))
            .boxed();
        Ok(StreamingResponse {
            status,
            headers,
            body,
            limit: max_body,
        })
    }
}

/// A transport in a client's configuration, shown by name only.
#[derive(Clone)]
pub struct SharedTransport(pub Arc<dyn Transport>);

impl fmt::Debug for SharedTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Transport")
    }
}
