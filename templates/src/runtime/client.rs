//! The configured HTTP client that every operation sends through.

use std::fmt;

use reqwest::header::{HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT};
use url::Url;

use super::error::{ConfigError, Failure, InvalidRequest};
use super::request::Request;
use super::response::Response;
use super::secret::Secret;

/// A value the client sends in a header on the operations that ask for it,
/// e.g. an API key (a security scheme of the API document).
#[derive(Debug, Clone)]
pub struct Credential {
    /// The name operations use to ask for it (see [`Request::credentials`]).
    pub name: &'static str,
    /// The header that carries it.
    pub header: &'static str,
    /// Text placed before the value, such as `"Bearer "`.
    pub prefix: &'static str,
    /// The value itself.
    pub value: Secret,
    /// Whether the value is secret; secret headers are marked sensitive.
    pub secret: bool,
}

/// What [`Core::new`] needs.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// Scheme, host and optional path prefix, e.g. `https://unify.apideck.com`.
    pub base_url: String,
    /// The `User-Agent` header sent with every request.
    pub user_agent: String,
    /// A caller-supplied client (proxies, TLS roots, timeouts); a default one otherwise.
    pub http_client: Option<reqwest::Client>,
    /// Credentials sent on operations that name them.
    pub credentials: Vec<Credential>,
    /// Headers sent with every request (unless an operation sets the same header).
    pub headers: Vec<(String, String)>,
}

struct ReadyCredential {
    name: &'static str,
    header: HeaderName,
    value: HeaderValue,
}

/// A validated client configuration; cheap to share behind an `Arc`.
pub struct Core {
    http: reqwest::Client,
    base_url: String,
    user_agent: HeaderValue,
    credentials: Vec<ReadyCredential>,
    headers: Vec<(HeaderName, HeaderValue)>,
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
            .finish_non_exhaustive()
    }
}

impl Core {
    /// Checks the configuration once, so that requests cannot fail on it later.
    pub fn new(config: CoreConfig) -> Result<Self, ConfigError> {
        let url = Url::parse(&config.base_url).map_err(|error| {
            ConfigError::new(format!(
                "server URL `{}` is not a valid URL: {error}",
                config.base_url
            ))
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(ConfigError::new(format!(
                "server URL `{}` must be an absolute http or https URL",
                config.base_url
            )));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(ConfigError::new(format!(
                "server URL `{}` must not have a query or fragment",
                config.base_url
            )));
        }
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
            base_url: url.as_str().trim_end_matches('/').to_owned(),
            user_agent,
            credentials,
            headers,
        })
    }

    /// The server URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends a request and reads the whole response.
    ///
    /// A request with a problem recorded while it was built is refused here, before
    /// anything goes on the wire. Any status is a successful `Response`: deciding
    /// what a status means is the operation's job.
    pub async fn send(&self, request: Request) -> Result<Response, Failure> {
        if let Some(problem) = request.problem {
            return Err(Failure::InvalidRequest(problem));
        }
        let mut url =
            Url::parse(&format!("{}{}", self.base_url, request.path)).map_err(|error| {
                Failure::InvalidRequest(InvalidRequest::new(format!(
                    "cannot build the URL: {error}"
                )))
            })?;
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        let mut builder = self
            .http
            .request(request.method, url)
            .header(USER_AGENT, self.user_agent.clone());
        for credential in &self.credentials {
            let wanted = request.credentials.contains(&credential.name);
            // A per-call header (e.g. an overridden app id) beats the client's value.
            let overridden = request
                .headers
                .iter()
                .any(|(name, _)| *name == credential.header);
            if wanted && !overridden {
                builder = builder.header(credential.header.clone(), credential.value.clone());
            }
        }
        for (name, value) in &self.headers {
            if !request.headers.iter().any(|(own, _)| own == name) {
                builder = builder.header(name.clone(), value.clone());
            }
        }
        for (name, value) in request.headers {
            builder = builder.header(name, value);
        }
        if let Some((body, content_type)) = request.body {
            builder = builder.header(CONTENT_TYPE, content_type).body(body);
        }
        let response = builder.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        Ok(Response::new(status, headers, body))
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
    if credential.value.expose().trim().is_empty() {
        return Err(ConfigError::new(format!(
            "`{}` must not be empty",
            credential.name
        )));
    }
    let mut value = HeaderValue::from_str(&format!(
        "{}{}",
        credential.prefix,
        credential.value.expose()
    ))
    .map_err(|_| {
        ConfigError::new(format!(
            "`{}` contains characters not allowed in a header (such as CR or LF)",
            credential.name
        ))
    })?;
    value.set_sensitive(credential.secret);
    Ok(ReadyCredential {
        name: credential.name,
        header,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str, key: &str) -> CoreConfig {
        CoreConfig {
            base_url: base_url.to_owned(),
            user_agent: "test/1.0".to_owned(),
            http_client: None,
            credentials: vec![Credential {
                name: "api_key",
                header: "authorization",
                prefix: "Bearer ",
                value: Secret::new(key),
                secret: true,
            }],
            headers: Vec::new(),
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
