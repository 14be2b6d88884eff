//! Putting a request on the wire and reading the whole answer, within a size
//! limit; and how that fails (no answer, or none in time).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::stream::{BoxStream, StreamExt};
use reqwest::redirect::Policy;

use super::error::{ConfigError, Failure, InvalidRequest, ResponseTooLarge};
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

/// Whether this build has a TLS backend: the crate's `rustls` or `native-tls`
/// feature, one of which is on by default.
const HAS_TLS: bool = cfg!(any(feature = "rustls", feature = "native-tls"));

/// Why a URL with `scheme` cannot be reached by a build with or without TLS;
/// `None` when it can. Without this, every call to an `https` server fails
/// with a connection error that does not say what is missing.
pub(crate) fn tls_refusal(scheme: &str, has_tls: bool) -> Option<&'static str> {
    (scheme.eq_ignore_ascii_case("https") && !has_tls).then_some(
        "an https server needs TLS, and this build has none: turn on the SDK's \
         `rustls` (or `native-tls`) cargo feature, which `default-features = false` turns off",
    )
}

/// [`tls_refusal`] for this build.
pub(crate) fn missing_tls(scheme: &str) -> Option<&'static str> {
    tls_refusal(scheme, HAS_TLS)
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
        if let Some(refusal) = missing_tls(request.uri().scheme_str().unwrap_or_default()) {
            return Err(Failure::InvalidRequest(InvalidRequest::new(refusal)));
        }
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

/// A failure to reach the server or to read its answer (DNS, TLS, connection reset).
#[derive(Debug)]
pub struct TransportError {
    source: Box<dyn std::error::Error + Send + Sync>,
    connect: bool,
    name_resolution: bool,
    body: bool,
}

impl TransportError {
    /// A transport of your own could not connect: the request never left,
    /// so it is retried whatever its method.
    pub fn connect(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self {
            source: source.into(),
            connect: true,
            name_resolution: false,
            body: false,
        }
    }

    /// A transport of your own failed after the request may have left (a
    /// reset, a cut answer): only replayable requests are retried.
    pub fn broken(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self {
            source: source.into(),
            connect: false,
            name_resolution: false,
            body: false,
        }
    }

    /// The HTTP client's error, without the URL: a query string may hold a
    /// credential.
    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        let error = error.without_url();
        let connect = error.is_connect();
        // hyper-util reports resolver failures as a connect error whose
        // message is "dns error"; no typed accessor exists.
        let name_resolution = connect
            && sources(&error).any(|text| {
                let text = text.to_ascii_lowercase();
                text.contains("dns error") || text.contains("failed to lookup address")
            });
        let body = error.is_body() || error.is_decode();
        Self {
            source: Box::new(error),
            connect,
            name_resolution,
            body,
        }
    }

    /// Whether the connection could not be established at all (the request
    /// never left), name resolution included.
    pub fn is_connect(&self) -> bool {
        self.connect
    }

    /// Whether the server's name could not be resolved: a misspelled host or
    /// a missing network, which waiting does not mend.
    pub fn is_name_resolution(&self) -> bool {
        self.name_resolution
    }

    /// Whether the failure came while reading an answer that had begun
    /// (its body was cut short), as opposed to before any answer.
    pub fn is_body(&self) -> bool {
        self.body
    }
}

/// The messages of an error and of each error below it.
fn sources<'a>(error: &'a (dyn std::error::Error + 'static)) -> impl Iterator<Item = String> + 'a {
    std::iter::successors(Some(error), |e| e.source()).map(|e| e.to_string())
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error: {}", self.source)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// The server did not answer within the configured time.
#[derive(Debug)]
pub struct TimeoutError {
    limit: Option<Duration>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TimeoutError {
    /// The HTTP client's timeout error (without the URL).
    pub(crate) fn from_reqwest(source: reqwest::Error) -> Self {
        Self {
            limit: None,
            source: Some(Box::new(source.without_url())),
        }
    }

    /// An attempt that took longer than `limit`.
    pub fn after(limit: Duration) -> Self {
        Self {
            limit: Some(limit),
            source: None,
        }
    }

    /// The time limit that ran out, when known.
    pub fn limit(&self) -> Option<Duration> {
        self.limit
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.limit {
            Some(limit) => write!(f, "the request timed out after {limit:?}"),
            None => f.write_str("the request timed out"),
        }
    }
}

impl std::error::Error for TimeoutError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_without_a_tls_backend_is_refused_with_the_fix() {
        let refusal = tls_refusal("https", false).expect("refused");
        assert!(refusal.contains("`rustls`") && refusal.contains("`native-tls`"));
        assert_eq!(tls_refusal("HTTPS", false), Some(refusal));
        assert_eq!(tls_refusal("https", true), None);
        assert_eq!(tls_refusal("http", false), None);
    }
}
