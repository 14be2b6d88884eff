//! The configured HTTP client that every operation sends through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{
    HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, COOKIE, PROXY_AUTHORIZATION, USER_AGENT,
};
use http::Method;
use tracing::Instrument;
use url::Url;

use super::credentials::{ready_credential, Credential, CredentialPlace, ReadyCredential};
use super::error::{ConfigError, Failure, InvalidRequest, ResponseTooLarge};
use super::hooks::{Hook, HookContext};
use super::paginate::{PaginationError, Truncation};
use super::preview::BodyPreview;
use super::redact::is_secret_name;
use super::redirect::{self, Hop};
use super::request::Request;
use super::response::Response;
use super::retry::{self, RetryConfig};
use super::transport::{
    missing_tls, Body, HttpClientConfig, HttpRequest, HttpTransport, SharedTransport, TimeoutError,
    Transport,
};

/// The per-attempt time limit unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// What [`Core::new`] needs.
#[derive(Clone)]
pub struct CoreConfig {
    /// Scheme, host and optional path prefix, e.g. `https://unify.apideck.com`.
    pub base_url: String,
    /// The `User-Agent` header sent with every request.
    pub user_agent: String,
    /// Changes to the `reqwest` client the SDK builds (proxies, TLS roots).
    pub http_client: Option<HttpClientConfig>,
    /// Sends requests instead of the SDK's `reqwest` client, e.g. in tests.
    pub transport: Option<SharedTransport>,
    /// The largest response body read, in bytes.
    pub max_response_size: usize,
    /// Credentials sent on operations that name them.
    pub credentials: Vec<Credential>,
    /// Headers sent with every request (unless an operation sets the same header).
    pub headers: Vec<(String, String)>,
    /// Retry policy for every call, unless a call sets its own.
    pub retry: RetryConfig,
    /// Time limit for each attempt (`None`: wait as long as it takes).
    pub timeout: Option<Duration>,
    /// Hooks, run in this order on every attempt.
    pub hooks: Vec<Arc<dyn Hook>>,
    /// Whether request and response bodies are logged at `trace` level.
    pub trace_bodies: bool,
}

impl fmt::Debug for CoreConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CoreConfig")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size)
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

/// A validated client configuration; cheap to share behind an `Arc`.
pub struct Core {
    transport: Arc<dyn Transport>,
    base_url: String,
    user_agent: HeaderValue,
    credentials: Vec<ReadyCredential>,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// Headers whose values are marked sensitive wherever they are set.
    sensitive: Vec<HeaderName>,
    retry: RetryConfig,
    timeout: Option<Duration>,
    max_response_size: usize,
    hooks: Vec<Arc<dyn Hook>>,
    trace_bodies: bool,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.credentials.iter().map(|c| c.name).collect();
        f.debug_struct("Core")
            .field("base_url", &self.base_url)
            .field("user_agent", &self.user_agent)
            .field("credentials", &names)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size)
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

/// One call as the client sends it: where, and within which limits.
pub(super) struct Call {
    pub(super) url: Url,
    pub(super) retry: RetryConfig,
    pub(super) timeout: Option<Duration>,
    pub(super) max_body: usize,
    pub(super) replayable: bool,
    operation_id: &'static str,
    method: Method,
    route: &'static str,
}

impl Call {
    /// The span that names the call, never credentials, headers or (unless
    /// asked) bodies.
    pub(super) fn span(&self) -> tracing::Span {
        tracing::info_span!(
            "api_call",
            operation = self.operation_id,
            method = %self.method,
            route = self.route,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        )
    }
}

/// Checks a server URL: absolute http(s), no query or fragment; returns it without a trailing slash.
fn check_base_url(base_url: &str) -> Result<String, String> {
    // What a document without an absolute server gives: say what to set.
    if base_url.is_empty() {
        return Err(
            "no server URL: the API document names none; set the whole URL with the builder's \
             `server_url(..)`"
                .to_owned(),
        );
    }
    if base_url.starts_with('/') {
        return Err(format!(
            "server URL `{base_url}` is only a path (the API document gives no host): set the \
             whole URL with the builder's `server_url(..)`, e.g. `https://<host>{base_url}`"
        ));
    }
    let url = Url::parse(base_url)
        .map_err(|error| format!("server URL `{base_url}` is not a valid URL: {error}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(format!(
            "server URL `{base_url}` must be an absolute http or https URL"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Not echoed: the URL holds a password.
        return Err(
            "the server URL must not contain a user name or password; use the credential settings"
                .to_owned(),
        );
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "server URL `{base_url}` must not have a query or fragment"
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

impl Core {
    /// Checks the configuration once, so that requests cannot fail on it later.
    pub fn new(config: CoreConfig) -> Result<Self, ConfigError> {
        let base_url = check_base_url(&config.base_url).map_err(ConfigError::new)?;
        let user_agent = HeaderValue::from_str(&config.user_agent).map_err(|_| {
            ConfigError::new("the user agent contains characters not allowed in a header")
        })?;
        let credentials = config
            .credentials
            .into_iter()
            .map(ready_credential)
            .collect::<Result<Vec<_>, _>>()?;
        let headers = config
            .headers
            .iter()
            .map(|(name, value)| {
                let header = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| ConfigError::new(format!("`{name}` is not a valid header name")))?;
                // Values are not echoed: a custom header may carry a token.
                let value = HeaderValue::from_str(value).map_err(|_| {
                    ConfigError::new(format!("header `{name}` contains characters not allowed in a header (such as CR or LF)"))
                })?;
                Ok((header, value))
            })
            .collect::<Result<Vec<_>, ConfigError>>()?;
        let transport = match config.transport {
            Some(SharedTransport(transport)) => transport,
            None => {
                // Refused now rather than on every call (a transport of the
                // app's own may bring its own TLS).
                let scheme = base_url.split(':').next().unwrap_or_default();
                if let Some(refusal) = missing_tls(scheme) {
                    return Err(ConfigError::new(refusal));
                }
                Arc::new(HttpTransport::new(config.http_client.as_ref())?)
            }
        };
        let mut sensitive = vec![AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE];
        sensitive.extend(
            credentials
                .iter()
                .filter(|c| c.place == CredentialPlace::Header)
                .filter_map(|c| c.header.clone()),
        );
        Ok(Self {
            transport,
            base_url,
            user_agent,
            credentials,
            headers,
            sensitive,
            retry: config.retry,
            timeout: config.timeout,
            max_response_size: config.max_response_size,
            hooks: config.hooks,
            trace_bodies: config.trace_bodies,
        })
    }

    /// Whether a header's value is kept out of `Debug` output: every
    /// credential's header, `Authorization`, `Cookie`, and names such as
    /// `x-api-key` that the secret-name rule matches.
    fn is_sensitive(&self, name: &HeaderName) -> bool {
        self.sensitive.contains(name) || is_secret_name(name.as_str())
    }

    /// The transport requests go through.
    pub(super) fn transport(&self) -> &dyn Transport {
        self.transport.as_ref()
    }

    /// Tells every hook about an answer.
    pub(super) fn after_response(&self, context: &HookContext<'_>, response: &Response) {
        self.hooks
            .iter()
            .for_each(|hook| hook.after_response(context, response));
    }

    /// The server URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends a request, retrying as configured, and reads the whole response.
    ///
    /// A request with a problem recorded while it was built is refused here, before
    /// anything goes on the wire. Any status is a successful `Response`: deciding
    /// what a status means is the operation's job.
    pub async fn send(&self, request: Request) -> Result<Response, Failure> {
        let call = self.prepare(&request)?;
        let span = call.span();
        let started = std::time::Instant::now();
        let outcome = retry::run(&call.retry, call.replayable, |attempt| {
            span.record("attempt", attempt);
            self.attempt(&request, &call.url, call.timeout, call.max_body, attempt)
        })
        .instrument(span.clone())
        .await;
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        match &outcome {
            Ok(response) => {
                span.record("status", response.status());
            }
            Err(error) => {
                let _entered = span.enter();
                tracing::warn!(error = %error, "call failed");
            }
        }
        outcome
    }

    /// What every send of `request` starts from: the URL, and the call's
    /// retry policy and limits. A problem recorded while the request was
    /// built, or a bad server URL, refuses it before anything is sent.
    pub(super) fn prepare(&self, request: &Request) -> Result<Call, Failure> {
        if let Some(problem) = &request.problem {
            return Err(Failure::InvalidRequest(problem.clone()));
        }
        let base_url = match request
            .options
            .server_url
            .as_ref()
            .or(request.server.as_ref())
        {
            Some(url) => check_base_url(url)
                .map_err(|reason| Failure::InvalidRequest(InvalidRequest::new(reason)))?,
            None => self.base_url.clone(),
        };
        let mut url = Url::parse(&format!("{base_url}{}", request.path)).map_err(|error| {
            Failure::InvalidRequest(InvalidRequest::new(format!(
                "cannot build the URL: {error}"
            )))
        })?;
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        if let Some(link) = &request.options.page_link {
            url = follow_page_link(&url, link)?;
        }
        // A body that can be sent only once allows one attempt.
        let retry = if request.replayable_body() {
            request
                .options
                .retry
                .clone()
                .unwrap_or_else(|| self.retry.clone())
        } else {
            RetryConfig::none()
        };
        Ok(Call {
            url,
            retry,
            timeout: request.options.timeout.or(self.timeout),
            max_body: request
                .options
                .max_response_size
                .unwrap_or(self.max_response_size),
            // A request that may reach the server twice without harm: an
            // idempotent method, or one carrying an idempotency key.
            replayable: request.method.is_idempotent() || request.keyed,
            operation_id: request.operation_id,
            method: request.method.clone(),
            route: request.route,
        })
    }

    /// One attempt: the request, and the same-origin redirects it leads to,
    /// within the time limit.
    async fn attempt(
        &self,
        request: &Request,
        url: &Url,
        timeout: Option<Duration>,
        max_body: usize,
        attempt: u32,
    ) -> Result<Response, Failure> {
        let exchanges = self.follow(request, url, max_body, attempt);
        match timeout {
            Some(limit) => tokio::time::timeout(limit, exchanges)
                .await
                .unwrap_or_else(|_| Err(Failure::Timeout(TimeoutError::after(limit)))),
            None => exchanges.await,
        }
    }

    async fn follow(
        &self,
        request: &Request,
        url: &Url,
        max_body: usize,
        attempt: u32,
    ) -> Result<Response, Failure> {
        let context = HookContext {
            operation_id: request.operation_id,
            attempt,
        };
        let mut method = request.method.clone();
        let mut url = url.clone();
        let mut with_body = true;
        let mut hops = 0;
        loop {
            let http_request = self
                .http_request(request, &method, &url, with_body, &context)
                .await?;
            let response = self.exchange(http_request, max_body, &context).await?;
            if !request.follow_redirects {
                return Ok(response);
            }
            match redirect::next_hop(response.status(), response.headers(), &url, &method, hops) {
                Hop::Done => return Ok(response),
                Hop::Refuse(error) => {
                    tracing::warn!(status = error.status(), "redirect not followed");
                    return Err(Failure::Redirect(error));
                }
                Hop::Follow {
                    url: next,
                    method: next_method,
                    keep_body,
                } => {
                    tracing::debug!(status = response.status(), "following a redirect");
                    url = next;
                    method = next_method;
                    with_body = with_body && keep_body;
                    hops += 1;
                }
            }
        }
    }

    /// The request as the transport sends it, after the hooks had their say.
    pub(super) async fn http_request(
        &self,
        request: &Request,
        method: &Method,
        url: &Url,
        with_body: bool,
        context: &HookContext<'_>,
    ) -> Result<HttpRequest, Failure> {
        let mut http_request = HttpRequest::new(Body::Empty);
        *http_request.method_mut() = method.clone();
        *http_request.uri_mut() = to_uri(url)?;
        let headers = http_request.headers_mut();
        headers.insert(USER_AGENT, self.user_agent.clone());
        for credential in &self.credentials {
            let wanted = request.credentials.contains(&credential.name);
            // A per-call header (e.g. an overridden app id) beats the client's value.
            let overridden = request
                .headers
                .iter()
                .any(|(name, _)| Some(name) == credential.header.as_ref());
            if let (CredentialPlace::Header, Some(header), true, false) =
                (credential.place, &credential.header, wanted, overridden)
            {
                headers.insert(header.clone(), credential.header_value().await?);
            }
        }
        for (name, value) in &self.headers {
            if !request.headers.iter().any(|(own, _)| own == name) {
                headers.append(name.clone(), value.clone());
            }
        }
        for (name, value) in &request.headers {
            headers.append(name.clone(), value.clone());
        }
        // Cookie credentials join the operation's cookies in the one `Cookie`
        // header HTTP allows.
        for credential in &self.credentials {
            if credential.place == CredentialPlace::Cookie
                && request.credentials.contains(&credential.name)
            {
                let cookie = credential.header_value().await?;
                let mut joined: Vec<u8> = Vec::new();
                for earlier in headers.get_all(COOKIE) {
                    joined.extend_from_slice(earlier.as_bytes());
                    joined.extend_from_slice(b"; ");
                }
                joined.extend_from_slice(cookie.as_bytes());
                let value = HeaderValue::from_bytes(&joined).unwrap_or(cookie);
                headers.insert(COOKIE, value);
            }
        }
        for (name, value) in headers.iter_mut() {
            if self.is_sensitive(name) || request.sensitive.contains(name) {
                value.set_sensitive(true);
            }
        }
        if let (true, Some((body, content_type))) = (with_body, &request.body) {
            if self.trace_bodies {
                tracing::trace!(body = ?BodyPreview(body), "request body");
            }
            match HeaderValue::from_str(content_type) {
                Ok(value) => {
                    headers.insert(CONTENT_TYPE, value);
                }
                Err(_) => {
                    return Err(Failure::InvalidRequest(InvalidRequest::new(
                        "the body's media type cannot be sent in a header",
                    )))
                }
            }
            *http_request.body_mut() = Body::Bytes(body.clone());
        }
        if let (true, Some((upload, content_type))) = (with_body, &request.upload) {
            let (body, length) = super::upload::http_body(upload)
                .await
                .map_err(|reason| Failure::InvalidRequest(InvalidRequest::new(reason)))?;
            let headers = http_request.headers_mut();
            if let Ok(value) = HeaderValue::from_str(content_type) {
                headers.insert(CONTENT_TYPE, value);
            }
            if let Some(length) = length {
                headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from(length));
            }
            *http_request.body_mut() = body;
        }
        for hook in &self.hooks {
            hook.before_request(context, &mut http_request);
        }
        // Query credentials join the URL last: hooks and traces never see them,
        // and errors drop URLs.
        let mut with_credentials: Option<Url> = None;
        for credential in &self.credentials {
            if credential.place == CredentialPlace::Query
                && request.credentials.contains(&credential.name)
            {
                let value = credential.raw_value().await?;
                let url = match &mut with_credentials {
                    Some(url) => url,
                    None => with_credentials.insert(from_uri(http_request.uri())?),
                };
                url.query_pairs_mut()
                    .append_pair(credential.wire_name, value.expose());
            }
        }
        if let Some(url) = with_credentials {
            *http_request.uri_mut() = to_uri(&url)?;
        }
        Ok(http_request)
    }

    /// Sends one request through the transport; hooks and traces see the outcome.
    async fn exchange(
        &self,
        request: HttpRequest,
        max_body: usize,
        context: &HookContext<'_>,
    ) -> Result<Response, Failure> {
        let outcome = self
            .transport
            .send(request, max_body)
            .await
            .and_then(|response| {
                // A transport that does not stop at the limit is held to it here.
                if response.body().len() > max_body {
                    Err(Failure::TooLarge(ResponseTooLarge::new(
                        response.status(),
                        max_body,
                    )))
                } else {
                    Ok(response)
                }
            });
        let attempt = context.attempt;
        match &outcome {
            Ok(response) => {
                tracing::debug!(attempt, status = response.status(), "response");
                if self.trace_bodies {
                    tracing::trace!(body = ?BodyPreview(response.body()), "response body");
                }
                self.hooks
                    .iter()
                    .for_each(|hook| hook.after_response(context, response));
            }
            Err(error) => {
                tracing::debug!(attempt, error = %error, "attempt failed");
                self.hooks
                    .iter()
                    .for_each(|hook| hook.after_error(context, error));
            }
        }
        outcome
    }
}

/// `reference` (a URL or a path) resolved against the server URL `base`:
/// how a relative OAuth 2.0 token URL in a document is meant.
pub fn join_url(base: &str, reference: &str) -> Result<String, ConfigError> {
    if let Ok(absolute) = Url::parse(reference) {
        return Ok(absolute.to_string());
    }
    let base = Url::parse(&format!("{}/", base.trim_end_matches('/'))).map_err(|error| {
        ConfigError::new(format!("server URL `{base}` is not a valid URL: {error}"))
    })?;
    let relative = reference.trim_start_matches('/');
    // An absolute path replaces the base's path only when the base has none.
    let joined = if reference.starts_with('/') && base.path() == "/" {
        base.join(reference)
    } else {
        base.join(relative)
    };
    joined.map(|url| url.to_string()).map_err(|error| {
        ConfigError::new(format!(
            "token URL `{reference}` cannot be resolved: {error}"
        ))
    })
}

/// Checks, when the client is built, a value it will send in a header.
pub fn check_header_value(setting: &str, value: &str) -> Result<(), ConfigError> {
    HeaderValue::from_str(value).map(drop).map_err(|_| {
        ConfigError::new(format!(
            "`{setting}` contains characters not allowed in a header (such as CR or LF)"
        ))
    })
}

/// The URL a `Link: rel="next"` target names, relative to the request's URL;
/// another origin is refused, as redirects to one are.
fn follow_page_link(url: &Url, link: &str) -> Result<Url, Failure> {
    let invalid = |error: url::ParseError| {
        Failure::InvalidRequest(InvalidRequest::new(format!(
            "cannot read the next page's link: {error}"
        )))
    };
    let next = url.join(link).map_err(invalid)?;
    if next.origin() == url.origin() {
        Ok(next)
    } else {
        Err(Failure::Pagination(PaginationError::new(
            Truncation::OtherOrigin,
            0,
        )))
    }
}

/// A URL as the `http` crate's `Uri`.
fn to_uri(url: &Url) -> Result<http::Uri, Failure> {
    url.as_str()
        .parse()
        .map_err(|_| Failure::InvalidRequest(InvalidRequest::new("the request URL cannot be sent")))
}

/// A `Uri` (a hook may have changed it) as a `Url`.
fn from_uri(uri: &http::Uri) -> Result<Url, Failure> {
    Url::parse(&uri.to_string()).map_err(|_| {
        Failure::InvalidRequest(InvalidRequest::new("the request URL is not a valid URL"))
    })
}

#[cfg(test)]
mod tests {
    use super::super::credentials::CredentialValue;
    use super::super::secret::Secret;
    use super::*;

    #[test]
    fn page_links_are_followed_within_the_origin_only() {
        let url = Url::parse("https://api.test:8443/v1/items?page=1").unwrap();
        let follow = |link| follow_page_link(&url, link).map(String::from);
        assert_eq!(
            follow("/v1/items?page=2").unwrap(),
            "https://api.test:8443/v1/items?page=2"
        );
        assert_eq!(
            follow("https://api.test:8443/v1/items?cursor=b").unwrap(),
            "https://api.test:8443/v1/items?cursor=b"
        );
        for elsewhere in [
            "https://evil.test/v1/items?page=2",
            "http://api.test:8443/v1/items",
            "https://api.test/v1/items",
        ] {
            assert!(
                matches!(follow(elsewhere), Err(Failure::Pagination(e)) if e.reason() == Truncation::OtherOrigin),
                "{elsewhere}"
            );
        }
    }

    fn config(base_url: &str, key: &str) -> CoreConfig {
        CoreConfig {
            base_url: base_url.to_owned(),
            user_agent: "test/1.0".to_owned(),
            http_client: None,
            transport: None,
            max_response_size: super::super::DEFAULT_MAX_RESPONSE_SIZE,
            credentials: vec![Credential {
                name: "api_key",
                place: CredentialPlace::Header,
                wire_name: "authorization",
                prefix: "Bearer ",
                value: CredentialValue::Fixed(Secret::new(key)),
                secret: true,
            }],
            headers: Vec::new(),
            retry: RetryConfig::none(),
            timeout: Some(DEFAULT_TIMEOUT),
            hooks: Vec::new(),
            trace_bodies: false,
        }
    }

    #[test]
    fn rejects_bad_configuration_without_echoing_secrets() {
        let error = Core::new(config("not a url", "k")).unwrap_err();
        assert!(error.reason().contains("not a valid URL"));
        let error = Core::new(config("ftp://x", "k")).unwrap_err();
        assert!(error.reason().contains("http or https"));
        let error = Core::new(config("https://user:hunter2@x", "k")).unwrap_err();
        assert!(error.reason().contains("user name or password"));
        assert!(!error.to_string().contains("hunter2"));
        let error = Core::new(config("https://x", " ")).unwrap_err();
        assert!(error.reason().contains("must not be empty"));
        let error = Core::new(config("https://x", "sk_secret\r\n")).unwrap_err();
        assert!(error.reason().contains("CR or LF"));
        assert!(!error.to_string().contains("sk_secret"));
    }

    #[test]
    fn rejects_bad_custom_headers() {
        let mut bad_name = config("https://x", "k");
        bad_name
            .headers
            .push(("bad header".to_owned(), "v".to_owned()));
        assert!(Core::new(bad_name)
            .unwrap_err()
            .reason()
            .contains("not a valid header name"));
        let mut bad_value = config("https://x", "k");
        bad_value
            .headers
            .push(("x-token".to_owned(), "tok_secret\n".to_owned()));
        let error = Core::new(bad_value).unwrap_err();
        assert!(error.reason().contains("x-token") && !error.reason().contains("tok_secret"));
    }

    #[test]
    fn trims_the_trailing_slash_and_hides_credentials_in_debug() {
        let core = Core::new(config("https://example.com/api/", "sk_secret")).unwrap();
        assert_eq!(core.base_url(), "https://example.com/api");
        let debug = format!("{core:?}");
        assert!(debug.contains("api_key"));
        assert!(!debug.contains("sk_secret"));
    }

    #[test]
    fn a_server_url_that_is_only_a_path_or_absent_says_what_to_set() {
        let path = check_base_url("/api/v1").unwrap_err();
        assert!(
            path.contains("only a path") && path.contains("server_url") && path.contains("/api/v1"),
            "{path}"
        );
        let absent = check_base_url("").unwrap_err();
        assert!(
            absent.contains("no server URL") && absent.contains("server_url"),
            "{absent}"
        );
    }
}
