//! The configured HTTP client that every operation sends through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT};
use tracing::Instrument;
use url::Url;

use super::credentials::{Credential, CredentialValue};
use super::error::{ConfigError, CredentialError, Failure, InvalidRequest};
use super::hooks::{Hook, HookContext};
use super::request::Request;
use super::response::Response;
use super::retry::{self, RetryConfig};

/// The per-attempt time limit unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// What [`Core::new`] needs.
#[derive(Clone)]
pub struct CoreConfig {
    /// Scheme, host and optional path prefix, e.g. `https://unify.apideck.com`.
    pub base_url: String,
    /// The `User-Agent` header sent with every request.
    pub user_agent: String,
    /// A caller-supplied client (proxies, TLS roots); a default one otherwise.
    pub http_client: Option<reqwest::Client>,
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
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

struct ReadyCredential {
    name: &'static str,
    header: HeaderName,
    prefix: &'static str,
    value: CredentialValue,
    secret: bool,
}

/// A validated client configuration; cheap to share behind an `Arc`.
pub struct Core {
    http: reqwest::Client,
    base_url: String,
    user_agent: HeaderValue,
    credentials: Vec<ReadyCredential>,
    headers: Vec<(HeaderName, HeaderValue)>,
    retry: RetryConfig,
    timeout: Option<Duration>,
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
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

/// Checks a server URL: absolute http(s), no query or fragment; returns it without a trailing slash.
fn check_base_url(base_url: &str) -> Result<String, String> {
    let url = Url::parse(base_url)
        .map_err(|error| format!("server URL `{base_url}` is not a valid URL: {error}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(format!(
            "server URL `{base_url}` must be an absolute http or https URL"
        ));
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
        Ok(Self {
            http: config.http_client.unwrap_or_default(),
            base_url,
            user_agent,
            credentials,
            headers,
            retry: config.retry,
            timeout: config.timeout,
            hooks: config.hooks,
            trace_bodies: config.trace_bodies,
        })
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
        if let Some(problem) = request.problem {
            return Err(Failure::InvalidRequest(problem));
        }
        let base_url = match &request.options.server_url {
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
        let retry = request.options.retry.as_ref().unwrap_or(&self.retry);
        let timeout = request.options.timeout.or(self.timeout);
        // The span names the call, never credentials, headers or (unless asked) bodies.
        let span = tracing::info_span!(
            "api_call",
            operation = request.operation_id,
            method = %request.method,
            path = %url.path(),
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = std::time::Instant::now();
        let outcome = retry::run(retry, |attempt| {
            span.record("attempt", attempt);
            self.attempt(&request, &url, timeout, attempt)
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

    async fn attempt(
        &self,
        request: &Request,
        url: &Url,
        timeout: Option<Duration>,
        attempt: u32,
    ) -> Result<Response, Failure> {
        let context = HookContext {
            operation_id: request.operation_id,
            attempt,
        };
        let mut builder = self
            .http
            .request(request.method.clone(), url.clone())
            .header(USER_AGENT, self.user_agent.clone());
        if let Some(timeout) = timeout {
            builder = builder.timeout(timeout);
        }
        for credential in &self.credentials {
            let wanted = request.credentials.contains(&credential.name);
            // A per-call header (e.g. an overridden app id) beats the client's value.
            let overridden = request
                .headers
                .iter()
                .any(|(name, _)| *name == credential.header);
            if wanted && !overridden {
                builder =
                    builder.header(credential.header.clone(), credential.header_value().await?);
            }
        }
        for (name, value) in &self.headers {
            if !request.headers.iter().any(|(own, _)| own == name) {
                builder = builder.header(name.clone(), value.clone());
            }
        }
        for (name, value) in &request.headers {
            builder = builder.header(name.clone(), value.clone());
        }
        if let Some((body, content_type)) = &request.body {
            if self.trace_bodies {
                tracing::trace!(body = %String::from_utf8_lossy(body), "request body");
            }
            builder = builder
                .header(CONTENT_TYPE, content_type.as_str())
                .body(body.clone());
        }
        let mut http_request = builder.build()?;
        for hook in &self.hooks {
            hook.before_request(&context, &mut http_request);
        }
        let outcome = self.exchange(http_request).await;
        match &outcome {
            Ok(response) => {
                tracing::debug!(attempt, status = response.status(), "response");
                if self.trace_bodies {
                    tracing::trace!(body = %String::from_utf8_lossy(response.body()), "response body");
                }
                self.hooks
                    .iter()
                    .for_each(|hook| hook.after_response(&context, response));
            }
            Err(error) => {
                tracing::debug!(attempt, error = %error, "attempt failed");
                self.hooks
                    .iter()
                    .for_each(|hook| hook.after_error(&context, error));
            }
        }
        outcome
    }

    async fn exchange(&self, request: reqwest::Request) -> Result<Response, Failure> {
        let response = self.http.execute(request).await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        Ok(Response::new(status, headers, body))
    }
}

impl ReadyCredential {
    async fn header_value(&self) -> Result<HeaderValue, Failure> {
        let secret = match &self.value {
            CredentialValue::Fixed(secret) => secret.clone(),
            CredentialValue::Provider(provider) => provider
                .key()
                .await
                .map_err(|reason| Failure::Credentials(CredentialError::new(self.name, reason)))?,
        };
        let mut value = HeaderValue::from_str(&format!("{}{}", self.prefix, secret.expose()))
            .map_err(|_| {
                Failure::Credentials(CredentialError::new(
                    self.name,
                    "the value contains characters not allowed in a header",
                ))
            })?;
        value.set_sensitive(self.secret);
        Ok(value)
    }
}

/// Checks, when the client is built, a value it will send in a header.
pub fn check_header_value(setting: &str, value: &str) -> Result<(), ConfigError> {
    HeaderValue::from_str(value).map(drop).map_err(|_| {
        ConfigError::new(format!(
            "`{setting}` contains characters not allowed in a header (such as CR or LF)"
        ))
    })
}

fn ready_credential(credential: Credential) -> Result<ReadyCredential, ConfigError> {
    let header = HeaderName::from_bytes(credential.header.as_bytes()).map_err(|_| {
        ConfigError::new(format!(
            "`{}` is not a valid header name",
            credential.header
        ))
    })?;
    if let CredentialValue::Fixed(secret) = &credential.value {
        if secret.expose().trim().is_empty() {
            return Err(ConfigError::new(format!(
                "`{}` must not be empty",
                credential.name
            )));
        }
        check_header_value(
            credential.name,
            &format!("{}{}", credential.prefix, secret.expose()),
        )?;
    }
    Ok(ReadyCredential {
        name: credential.name,
        header,
        prefix: credential.prefix,
        value: credential.value,
        secret: credential.secret,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::secret::Secret;

    fn config(base_url: &str, key: &str) -> CoreConfig {
        CoreConfig {
            base_url: base_url.to_owned(),
            user_agent: "test/1.0".to_owned(),
            http_client: None,
            credentials: vec![Credential {
                name: "api_key",
                header: "authorization",
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
}
