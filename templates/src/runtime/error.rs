//! Error types the runtime produces; the crate's `Error` enum wraps them.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;

/// A response with an error status, as received.
///
/// The body is kept raw; `model` is the body decoded into the type the API documents
/// for that status, or `None` when the body does not fit it (an HTML page from a
/// proxy, say). Nothing the server sent is lost.
///
/// The parts live behind one `Box` so that `Result<_, Error>` stays small.
#[derive(Debug, Clone)]
pub struct ApiError<T>(Box<Parts<T>>);

#[derive(Debug, Clone)]
struct Parts<T> {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    model: Option<T>,
}

impl<T> ApiError<T> {
    /// Bundles a received error response.
    pub fn new(status: u16, headers: HeaderMap, body: Bytes, model: Option<T>) -> Self {
        Self(Box::new(Parts {
            status,
            headers,
            body,
            model,
        }))
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The response headers (rate limits, request ids, ...).
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }

    /// The raw response body.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0.body)
    }

    /// The decoded error model, if the body matched the documented schema.
    pub fn model(&self) -> Option<&T> {
        self.0.model.as_ref()
    }

    /// Takes the decoded error model.
    pub fn into_model(self) -> Option<T> {
        self.0.model
    }
}

/// Field names that APIs commonly use for an error's kind and its message.
const KIND_FIELDS: [&str; 3] = ["type_name", "error", "code"];
const MESSAGE_FIELDS: [&str; 3] = ["message", "detail", "error_description"];

/// Picks a short "kind: message" summary out of a JSON error body, if it has one.
fn summary(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let object = value.as_object()?;
    let first = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| object.get(*name).and_then(serde_json::Value::as_str))
    };
    match (first(&KIND_FIELDS), first(&MESSAGE_FIELDS)) {
        (Some(kind), Some(message)) => Some(format!("{kind}: {message}")),
        (Some(text), None) | (None, Some(text)) => Some(text.to_owned()),
        (None, None) => None,
    }
}

impl<T> fmt::Display for ApiError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.0.status)?;
        if let Some(summary) = summary(&self.0.body) {
            write!(f, " ({summary})")?;
        }
        Ok(())
    }
}

impl<T: fmt::Debug> std::error::Error for ApiError<T> {}

/// A response body that does not fit the type the API documents for it.
#[derive(Debug, Clone)]
pub struct DecodeError {
    status: u16,
    body: Bytes,
    message: String,
}

impl DecodeError {
    /// Records a failed decode with serde's message.
    pub fn new(status: u16, body: Bytes, message: impl Into<String>) -> Self {
        Self {
            status,
            body,
            message: message.into(),
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The raw body that failed to decode.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The decoder's explanation, with line and column.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the HTTP {} response body ({} bytes): {}",
            self.status,
            self.body.len(),
            self.message
        )
    }
}

impl std::error::Error for DecodeError {}

/// A failure to reach the server or to read its answer (DNS, TLS, connection reset).
#[derive(Debug)]
pub struct TransportError(reqwest::Error);

impl TransportError {
    /// Wraps the HTTP client's error.
    pub fn new(source: reqwest::Error) -> Self {
        Self(source)
    }

    /// Whether the connection could not be established at all.
    pub fn is_connect(&self) -> bool {
        self.0.is_connect()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error: {}", self.0)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// The server did not answer within the configured time.
#[derive(Debug)]
pub struct TimeoutError(reqwest::Error);

impl TimeoutError {
    /// Wraps the HTTP client's timeout error.
    pub fn new(source: reqwest::Error) -> Self {
        Self(source)
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the request timed out")
    }
}

impl std::error::Error for TimeoutError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// A request refused before anything was sent, e.g. a header value containing CR/LF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest(String);

impl InvalidRequest {
    /// Describes what is wrong; never include secret values in `reason`.
    pub fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }

    /// What is wrong with the request.
    pub fn reason(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid request: {}", self.0)
    }
}

impl std::error::Error for InvalidRequest {}

/// A client configuration that cannot work (empty key, malformed URL, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(String);

impl ConfigError {
    /// Describes what is wrong; never include secret values in `reason`.
    pub fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }

    /// What is wrong with the configuration.
    pub fn reason(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid client configuration: {}", self.0)
    }
}

impl std::error::Error for ConfigError {}

/// A credential provider could not supply a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialError {
    credential: &'static str,
    reason: String,
}

impl CredentialError {
    /// Records why the provider of `credential` failed.
    pub fn new(credential: &'static str, reason: impl Into<String>) -> Self {
        Self {
            credential,
            reason: reason.into(),
        }
    }

    /// Which credential (e.g. `api_key`).
    pub fn credential(&self) -> &str {
        self.credential
    }

    /// What the provider said.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not get `{}`: {}", self.credential, self.reason)
    }
}

impl std::error::Error for CredentialError {}

/// Everything the runtime itself can fail with; the crate's `Error` converts from it.
#[derive(Debug)]
pub enum Failure {
    /// See [`TransportError`].
    Transport(TransportError),
    /// See [`TimeoutError`].
    Timeout(TimeoutError),
    /// See [`InvalidRequest`].
    InvalidRequest(InvalidRequest),
    /// See [`DecodeError`].
    Decode(DecodeError),
    /// See [`CredentialError`].
    Credentials(CredentialError),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Transport(error) => error.fmt(f),
            Failure::Timeout(error) => error.fmt(f),
            Failure::InvalidRequest(error) => error.fmt(f),
            Failure::Decode(error) => error.fmt(f),
            Failure::Credentials(error) => error.fmt(f),
        }
    }
}

impl From<reqwest::Error> for Failure {
    fn from(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Failure::Timeout(TimeoutError::new(error))
        } else if error.is_builder() {
            Failure::InvalidRequest(InvalidRequest::new(error.without_url().to_string()))
        } else {
            Failure::Transport(TransportError::new(error))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(body: &'static str) -> ApiError<()> {
        ApiError::new(
            404,
            HeaderMap::new(),
            Bytes::from_static(body.as_bytes()),
            None,
        )
    }

    #[test]
    fn display_summarises_json_error_bodies() {
        let err = api_error(r#"{"type_name":"EntityNotFoundError","message":"No such thing"}"#);
        assert_eq!(
            err.to_string(),
            "HTTP 404 (EntityNotFoundError: No such thing)"
        );
        let err = api_error(r#"{"detail":"gone"}"#);
        assert_eq!(err.to_string(), "HTTP 404 (gone)");
    }

    #[test]
    fn display_tolerates_any_body() {
        assert_eq!(api_error("<html>").to_string(), "HTTP 404");
        assert_eq!(api_error("").to_string(), "HTTP 404");
        assert_eq!(api_error("[1,2]").to_string(), "HTTP 404");
    }

    #[test]
    fn decode_error_keeps_body_and_message() {
        let err = DecodeError::new(200, Bytes::from_static(b"oops"), "expected value");
        assert_eq!(err.body(), b"oops");
        assert!(err.to_string().contains("HTTP 200"));
        assert!(err.to_string().contains("expected value"));
    }
}
