//! OAuth 2.0 client credentials (RFC 6749 §4.4): the SDK fetches an access
//! token from the token endpoint, keeps it until shortly before it expires,
//! and sends it as a bearer token.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::bounded::bounded;
use super::credentials::{basic_credentials, KeyFuture, KeyProvider};
use super::secret::Secret;
use super::transport::{Body, HttpRequest, HttpTransport, Transport};

/// How long a token without `expires_in` is reused before a new one is fetched.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(300);
/// The most a token is renewed ahead of its expiry.
const MAX_EARLY_RENEWAL: Duration = Duration::from_secs(60);
/// How long the token endpoint may take to answer.
const TOKEN_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest token response read.
const MAX_TOKEN_RESPONSE: usize = 64 * 1024;

/// Fetches and caches access tokens with the client credentials grant.
///
/// The client id and secret go in HTTP basic authentication
/// (`client_secret_basic`, which RFC 6749 requires servers to accept). One
/// fetch runs at a time; callers waiting meanwhile share its token. A token is
/// renewed a tenth of its lifetime (at most a minute) before `expires_in` ends.
#[derive(Clone)]
pub struct ClientCredentials {
    inner: Arc<Inner>,
}

struct Inner {
    token_url: String,
    scopes: Vec<String>,
    client_id: String,
    client_secret: Secret,
    transport: Result<HttpTransport, String>,
    cached: Mutex<Option<(Secret, Instant)>>,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.inner.token_url)
            .field("scopes", &self.inner.scopes)
            .field("client_id", &self.inner.client_id)
            .field("client_secret", &self.inner.client_secret)
            .finish_non_exhaustive()
    }
}

impl ClientCredentials {
    /// A token source for `token_url`, asking for `scopes`.
    pub fn new(
        token_url: impl Into<String>,
        scopes: &[&str],
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                token_url: token_url.into(),
                scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
                client_id: client_id.into(),
                client_secret: Secret::new(client_secret),
                transport: HttpTransport::new(None).map_err(|e| e.to_string()),
                cached: Mutex::new(None),
            }),
        }
    }

    /// Replaces the scopes asked for (the document's are the default).
    pub fn with_scopes(self, scopes: &[&str]) -> Self {
        let inner = &self.inner;
        Self::new(
            inner.token_url.clone(),
            scopes,
            inner.client_id.clone(),
            inner.client_secret.expose().to_owned(),
        )
    }

    /// The current token, fetching a new one when there is none or it is
    /// about to expire.
    pub async fn token(&self) -> Result<Secret, String> {
        let mut cached = self.inner.cached.lock().await;
        if let Some((token, renew_at)) = cached.as_ref() {
            if Instant::now() < *renew_at {
                return Ok(token.clone());
            }
        }
        let (token, lifetime) = self.fetch().await?;
        let early = (lifetime / 10).min(MAX_EARLY_RENEWAL);
        *cached = Some((
            token.clone(),
            Instant::now() + lifetime.saturating_sub(early),
        ));
        Ok(token)
    }

    async fn fetch(&self) -> Result<(Secret, Duration), String> {
        let inner = &self.inner;
        let transport = inner.transport.as_ref().map_err(Clone::clone)?;
        let url = url::Url::parse(&inner.token_url)
            .map_err(|e| format!("the token URL `{}` is not valid: {e}", inner.token_url))?;
        // The serializer is not `Send`: it must not live across an `await`.
        let form = {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            form.append_pair("grant_type", "client_credentials");
            if !inner.scopes.is_empty() {
                form.append_pair("scope", &inner.scopes.join(" "));
            }
            form.finish()
        };
        let mut request = HttpRequest::new(Body::Bytes(form.into()));
        *request.method_mut() = http::Method::POST;
        *request.uri_mut() = url
            .as_str()
            .parse()
            .map_err(|_| format!("the token URL `{url}` cannot be sent"))?;
        let basic = basic_credentials(&inner.client_id, inner.client_secret.expose());
        let mut authorization = HeaderValue::from_str(&format!("Basic {}", basic.expose()))
            .map_err(|_| "the client id or secret cannot be sent in a header".to_owned())?;
        authorization.set_sensitive(true);
        let headers = request.headers_mut();
        headers.insert(AUTHORIZATION, authorization);
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let response =
            tokio::time::timeout(TOKEN_TIMEOUT, transport.send(request, MAX_TOKEN_RESPONSE))
                .await
                .map_err(|_| format!("the token endpoint did not answer within {TOKEN_TIMEOUT:?}"))?
                .map_err(|failure| format!("the token request failed: {failure}"))?;
        let scrub = |text: String| text.replace(inner.client_secret.expose(), "[redacted]");
        if !(200..300).contains(&response.status()) {
            let body = String::from_utf8_lossy(response.body()).into_owned();
            return Err(scrub(format!(
                "the token endpoint answered {}: {}",
                response.status(),
                bounded(&body)
            )));
        }
        let answer: serde_json::Value = serde_json::from_slice(response.body())
            .map_err(|e| format!("the token endpoint's answer is not JSON: {e}"))?;
        let token = answer
            .get("access_token")
            .and_then(serde_json::Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or("the token endpoint's answer has no `access_token`")?;
        let lifetime = answer
            .get("expires_in")
            .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
            .map_or(DEFAULT_TOKEN_LIFETIME, Duration::from_secs);
        Ok((Secret::new(token), lifetime))
    }
}

impl KeyProvider for ClientCredentials {
    fn key(&self) -> KeyFuture {
        let this = self.clone();
        Box::pin(async move { this.token().await })
    }
}
