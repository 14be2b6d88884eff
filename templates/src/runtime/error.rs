//! Error types the runtime produces; the crate's `Error` enum wraps them.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use http::header::HeaderMap;

use super::bounded::bounded;
use super::paginate::PaginationError;
use super::preview::{BodyPreview, Preview};
use super::redact::{is_secret_name, secret_texts, Redacted};
use super::redirect::RedirectError;
use super::transport::{TimeoutError, TransportError};

/// A response with an error status, as received.
///
/// The body is kept raw; `model` is the body decoded into the type the API documents
/// for that status, or `None` when the body does not fit it (an HTML page from a
/// proxy, say). Nothing the server sent is lost.
///
/// The parts live behind one `Box` so that `Result<_, Error>` stays small.
/// `Display` and `Debug` quote at most [`MAX_ERROR_TEXT`](super::MAX_ERROR_TEXT) bytes of what the
/// server sent; [`body`](Self::body) has all of it.
#[derive(Clone)]
pub struct ApiError<T>(Box<Parts<T>>);

#[derive(Clone)]
struct Parts<T> {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    model: Option<T>,
    message: Option<String>,
}

impl<T> ApiError<T> {
    /// Bundles a received error response.
    pub fn new(status: u16, headers: HeaderMap, body: Bytes, model: Option<T>) -> Self {
        let message = summary(&body);
        Self(Box::new(Parts {
            status,
            headers,
            body,
            model,
            message,
        }))
    }

    /// What the server said went wrong, in one line: the body's `type_name`,
    /// `error` or `code` and its `message`, `detail` or `error_description`
    /// (whichever it has), cut to [`MAX_ERROR_TEXT`](super::MAX_ERROR_TEXT) bytes; `None` when the body
    /// is not a JSON object with such a field.
    pub fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
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

// The model is shown through `Preview`: an undocumented status decodes into
// free-form JSON, whose own `Debug` knows nothing of secrets.
impl<T: fmt::Debug + 'static> fmt::Debug for ApiError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.0.status)
            .field("headers", &HeadersPreview(&self.0.headers))
            .field("body", &BodyPreview(&self.0.body))
            .field("model", &self.0.model.as_ref().map(Preview))
            .finish()
    }
}

/// Response headers in `Debug` output: at most 32, each value cut to
/// [`MAX_ERROR_TEXT`](super::MAX_ERROR_TEXT) bytes, and the values of `Set-Cookie`, `Authorization`
/// and secret-named headers (`x-auth-token`) redacted.
pub(crate) struct HeadersPreview<'a>(pub(crate) &'a HeaderMap);

const SHOWN_HEADERS: usize = 32;

impl fmt::Debug for HeadersPreview<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0.iter().take(SHOWN_HEADERS) {
            let secret = matches!(
                name.as_str(),
                "set-cookie" | "cookie" | "authorization" | "proxy-authorization"
            ) || is_secret_name(name.as_str())
                || value.is_sensitive();
            if secret {
                map.entry(&name.as_str(), &Redacted);
            } else {
                map.entry(
                    &name.as_str(),
                    &bounded(&String::from_utf8_lossy(value.as_bytes())),
                );
            }
        }
        if self.0.len() > SHOWN_HEADERS {
            map.entry(&"…", &format_args!("{} more", self.0.len() - SHOWN_HEADERS));
        }
        map.finish()
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
    let text = match (first(&KIND_FIELDS), first(&MESSAGE_FIELDS)) {
        (Some(kind), Some(message)) => format!("{}: {}", bounded(kind), bounded(message)),
        (Some(text), None) | (None, Some(text)) => bounded(text).into_owned(),
        (None, None) => return None,
    };
    Some(text)
}

impl<T> fmt::Display for ApiError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        status_line(self.0.status, self.0.message.as_deref(), f)
    }
}

/// `HTTP 404 (message)`. Not generic, so it is compiled once, not once per
/// error body type.
fn status_line(status: u16, message: Option<&str>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "HTTP {status}")?;
    if let Some(message) = message {
        write!(f, " ({message})")?;
    }
    Ok(())
}

impl<T: fmt::Debug + 'static> std::error::Error for ApiError<T> {}

/// A response body that does not fit the type the API documents for it.
///
/// The message is cut to [`MAX_ERROR_TEXT`](super::MAX_ERROR_TEXT) bytes (serde quotes the offending
/// value, which may be huge or secret); [`body`](Self::body) has everything.
///
/// Boxed, like [`ApiError`], so that `Result<_, Error>` stays small.
#[derive(Clone)]
pub struct DecodeError(Box<DecodeParts>);

#[derive(Clone)]
struct DecodeParts {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    message: String,
    path: Option<String>,
}

impl DecodeError {
    /// Records a failed decode with serde's message, scrubbed of any value the
    /// body holds under a secret-named key (serde quotes values it rejects).
    pub fn new(status: u16, body: Bytes, message: impl Into<String>) -> Self {
        let message = scrub(message.into(), &body);
        Self(Box::new(DecodeParts {
            status,
            headers: HeaderMap::new(),
            body,
            message: bounded(&message).into_owned(),
            path: None,
        }))
    }

    /// Records where in the body the value that failed to decode is
    /// (`hits[0].highlights`), bounded like the message.
    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.0.path = Some(bounded(&path.into()).into_owned());
        self
    }

    /// Where in the body decoding failed, as fields and list indexes from
    /// the top (`hits[0].highlights`); `None` when the body is not JSON at
    /// all or the top-level value itself is wrong.
    pub fn path(&self) -> Option<&str> {
        self.0.path.as_deref()
    }

    /// Keeps the response's headers beside the body.
    pub fn with_headers(mut self, headers: HeaderMap) -> Self {
        self.0.headers = headers;
        self
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The response headers (rate limits, request ids, ...).
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }

    /// The raw body that failed to decode.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// The decoder's explanation, with line and column.
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

/// Removes from serde's `message` every string the body holds under a
/// secret-named key. serde quotes a rejected string with `{:?}`, so the quoted,
/// escaped form is what is searched for; a replacement cannot create another
/// match, since every needle starts and ends with a quote.
fn scrub(mut message: String, body: &[u8]) -> String {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return message;
    };
    let mut needles: Vec<String> = secret_texts(&value)
        .into_iter()
        .map(|secret| format!("{secret:?}"))
        .collect();
    needles.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    needles.dedup();
    for needle in needles.iter().take(256) {
        if message.contains(needle.as_str()) {
            message = message.replace(needle.as_str(), "\"[redacted]\"");
        }
    }
    message
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.0.status)
            .field("headers", &HeadersPreview(&self.0.headers))
            .field("body", &BodyPreview(&self.0.body))
            .field("message", &self.0.message)
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the HTTP {} response body ({} bytes)",
            self.0.status,
            self.0.body.len(),
        )?;
        if let Some(path) = &self.0.path {
            write!(f, " at `{path}`")?;
        }
        write!(f, ": {}", self.0.message)
    }
}

impl std::error::Error for DecodeError {}

/// A response body larger than the client accepts; reading stopped at the limit.
#[derive(Debug, Clone)]
pub struct ResponseTooLarge {
    status: u16,
    limit: usize,
}

impl ResponseTooLarge {
    /// Records a response to status `status` that passed `limit` bytes.
    pub fn new(status: u16, limit: usize) -> Self {
        Self { status, limit }
    }

    /// The response's status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The limit, in bytes, that the body passed.
    pub fn limit(&self) -> usize {
        self.limit
    }
}

impl fmt::Display for ResponseTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the HTTP {} response body is larger than the limit of {} bytes",
            self.status, self.limit
        )
    }
}

impl std::error::Error for ResponseTooLarge {}

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
            reason: bounded(&reason.into()).into_owned(),
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
    /// See [`RedirectError`].
    Redirect(RedirectError),
    /// See [`ResponseTooLarge`].
    TooLarge(ResponseTooLarge),
    /// See [`PaginationError`].
    Pagination(PaginationError),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Transport(error) => error.fmt(f),
            Failure::Timeout(error) => error.fmt(f),
            Failure::InvalidRequest(error) => error.fmt(f),
            Failure::Decode(error) => error.fmt(f),
            Failure::Credentials(error) => error.fmt(f),
            Failure::Redirect(error) => error.fmt(f),
            Failure::TooLarge(error) => error.fmt(f),
            Failure::Pagination(error) => error.fmt(f),
        }
    }
}

impl Failure {
    /// The HTTP client's error as a failure: a timeout, a request it could
    /// not build, or a transport error.
    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Failure::Timeout(TimeoutError::from_reqwest(error))
        } else if error.is_builder() {
            Failure::InvalidRequest(InvalidRequest::new(error.without_url().to_string()))
        } else {
            Failure::Transport(TransportError::from_reqwest(error))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::bounded::MAX_ERROR_TEXT;
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
    fn text_from_the_server_is_bounded() {
        let long = "é".repeat(MAX_ERROR_TEXT);
        let cut = bounded(&long);
        assert!(cut.len() < MAX_ERROR_TEXT + 32, "{}", cut.len());
        assert!(cut.ends_with(&format!("({} more bytes)", long.len() - MAX_ERROR_TEXT)));
        assert_eq!(bounded("short"), "short");
        let error = DecodeError::new(200, Bytes::from(long.clone()), long.clone());
        assert!(error.message().len() < MAX_ERROR_TEXT + 32);
        assert_eq!(error.body(), long.as_bytes(), "the body stays whole");
        assert!(format!("{error:?}").len() < 3 * MAX_ERROR_TEXT);
        let api = ApiError::new(400, HeaderMap::new(), Bytes::from(long.clone()), Some(long));
        assert!(format!("{api:?}").len() < 4 * MAX_ERROR_TEXT, "{api:?}");
    }

    #[test]
    fn decode_errors_never_quote_secrets() {
        let body = br#"{"access_token": "at_hidden_value", "expires_in": "soon"}"#;
        let message = serde_json::from_slice::<std::collections::BTreeMap<String, u8>>(body)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("at_hidden_value"),
            "serde quotes it: {message}"
        );
        let error = DecodeError::new(200, Bytes::from_static(body), message);
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("at_hidden_value"), "{shown}");
        assert_eq!(error.body(), body, "the body itself is kept");
    }

    #[test]
    fn scrubbing_cannot_grow_and_finds_escaped_secrets() {
        // Forty one-letter secrets that also occur in the replacement text.
        let body = format!("[{}]", vec![r#"{"token":"e"}"#; 40].join(","));
        let message = r#"invalid type: string "e", expected u8"#.repeat(3);
        let scrubbed = scrub(message.clone(), body.as_bytes());
        assert!(scrubbed.len() <= message.len() + 3 * 16, "{scrubbed}");
        assert!(!scrubbed.contains(r#""e""#), "{scrubbed}");
        // A secret with a quote, a backslash and a newline, as serde would report it.
        let body = br#"{"password": "q\"b\\c\nd"}"#;
        let message = serde_json::from_slice::<std::collections::BTreeMap<String, u8>>(body)
            .unwrap_err()
            .to_string();
        assert!(message.contains("\\\\c"), "serde escapes it: {message}");
        assert!(!scrub(message, body).contains("\\\\c"));
    }

    #[test]
    fn previews_hide_secret_headers_and_secretive_text() {
        let mut headers = HeaderMap::new();
        headers.insert("set-cookie", "session=abc123".parse().unwrap());
        headers.insert("x-auth-token", "tok123".parse().unwrap());
        headers.insert("x-request-id", "req-1".parse().unwrap());
        for i in 0..40 {
            headers.insert(
                http::header::HeaderName::from_bytes(format!("x-h{i}").as_bytes()).unwrap(),
                "v".repeat(2000).parse().unwrap(),
            );
        }
        let body = Bytes::from_static(b"access_token=form123&x=1");
        let error = ApiError::new(400, headers, body, None::<()>);
        let debug = format!("{error:?}");
        for secret in ["abc123", "tok123", "form123"] {
            assert!(!debug.contains(secret), "{secret}: {debug}");
        }
        assert!(debug.contains("req-1") && debug.contains("more"), "{debug}");
        assert!(debug.len() < 40 * MAX_ERROR_TEXT, "{} bytes", debug.len());
    }

    #[test]
    fn debug_of_a_free_form_error_model_redacts_secret_keys() {
        // Undocumented statuses decode into free-form JSON, whose own `Debug`
        // knows nothing of secrets.
        let body = br#"{"error":"expired","access_token":"hidden-1","auth":{"Authorization":"Bearer hidden-2"}}"#;
        let model: serde_json::Value = serde_json::from_slice(body).unwrap();
        let error = ApiError::new(401, HeaderMap::new(), Bytes::from_static(body), Some(model));
        let debug = format!("{error:?}");
        for secret in ["hidden-1", "hidden-2"] {
            assert!(!debug.contains(secret), "{secret}: {debug}");
        }
        assert!(debug.contains("expired"), "{debug}");
    }

    #[test]
    fn decode_error_keeps_body_and_message() {
        let err = DecodeError::new(200, Bytes::from_static(b"oops"), "expected value");
        assert_eq!(err.body(), b"oops");
        assert!(err.to_string().contains("HTTP 200"));
        assert!(err.to_string().contains("expected value"));
    }
}
