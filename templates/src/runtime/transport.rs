//! Putting a request on the wire and reading the whole answer, within a size limit.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use bytes::BytesMut;
use reqwest::redirect::Policy;

use super::error::{ConfigError, Failure, ResponseTooLarge};
use super::response::Response;

/// The largest response body a client reads unless configured otherwise: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 16 * 1024 * 1024;

/// The future a [`Transport`] returns.
pub type TransportFuture<'a> = Pin<Box<dyn Future<Output = Result<Response, Failure>> + Send + 'a>>;

/// Changes the `reqwest` client the SDK builds (proxies, TLS roots, pools).
pub type HttpClientConfig =
    Arc<dyn Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync>;

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
    fn send(&self, request: reqwest::Request, max_body: usize) -> TransportFuture<'_>;
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
        let builder = reqwest::Client::builder();
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
    fn send(&self, request: reqwest::Request, max_body: usize) -> TransportFuture<'_> {
        Box::pin(async move {
            let mut response = self.client.execute(request).await?;
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
            while let Some(chunk) = response.chunk().await? {
                if chunk.len() > max_body.saturating_sub(body.len()) {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(Response::new(status, headers, body.freeze()))
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
