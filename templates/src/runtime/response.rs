//! A received response, fully read, before it is decoded.

use bytes::Bytes;
use http::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::decode::decode_json;
use super::error::{ApiError, Failure, HeadersPreview};
use super::preview::{BodyPreview, Preview};

/// Status, headers and the whole body of a response.
///
/// `Debug` shows the body as a bounded preview with secret-named JSON values
/// redacted (a hook that logs responses must not log tokens); `body()` has it all.
#[derive(Clone)]
pub struct Response {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &HeadersPreview(&self.headers))
            .field("body", &BodyPreview(&self.body))
            .finish()
    }
}

impl Response {
    /// Bundles a received response.
    pub fn new(status: u16, headers: HeaderMap, body: Bytes) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Decodes a success body as JSON into `T`; a mismatch is a [`DecodeError`](super::DecodeError)
    /// that keeps the body and names where in it the decoder stopped.
    pub fn json<T: DeserializeOwned>(self) -> Result<T, Failure> {
        self.decode().map(ApiResponse::into_value)
    }

    /// Decodes a success body as JSON, keeping the status and headers beside it.
    pub fn decode<T: DeserializeOwned>(self) -> Result<ApiResponse<T>, Failure> {
        match decode_json(&self.body) {
            Ok(value) => Ok(ApiResponse {
                status: self.status,
                headers: self.headers,
                value,
            }),
            Err(error) => Err(Failure::Decode(
                error
                    .into_decode_error(self.status, self.body)
                    .with_headers(self.headers),
            )),
        }
    }

    /// Decodes a success body as any JSON value, whatever the API documents;
    /// an empty body is `null`.
    pub fn decode_untyped(self) -> Result<ApiResponse<serde_json::Value>, Failure> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(self.empty().map(|()| serde_json::Value::Null));
        }
        self.decode()
    }

    /// A success whose body is not JSON: the bytes as received.
    pub fn raw(self) -> ApiResponse<Vec<u8>> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            value: self.body.to_vec(),
        }
    }

    /// A success whose body carries nothing the API documents.
    pub fn empty(self) -> ApiResponse<()> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            value: (),
        }
    }

    /// Wraps an error response, decoding its body into `T` where it fits.
    pub fn api_error<T: DeserializeOwned>(self) -> ApiError<T> {
        let model = serde_json::from_slice(&self.body).ok();
        ApiError::new(self.status, self.headers, self.body, model)
    }
}

/// A successful call's decoded body together with the response's status and
/// headers (rate limits, request ids). Dereferences to the body.
///
/// `Debug` redacts secret headers (`Set-Cookie`, `Authorization`) and shows
/// the body through the runtime's secret-aware preview: a free-form JSON body
/// or a raw one may carry tokens.
#[derive(Clone)]
pub struct ApiResponse<T> {
    status: u16,
    headers: HeaderMap,
    value: T,
}

impl<T: std::fmt::Debug + 'static> std::fmt::Debug for ApiResponse<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiResponse")
            .field("status", &self.status)
            .field("headers", &HeadersPreview(&self.headers))
            .field("value", &Preview(&self.value))
            .finish()
    }
}

impl<T> ApiResponse<T> {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// Takes the decoded body.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Converts the body, keeping status and headers.
    pub fn map<U>(self, convert: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            value: convert(self.value),
        }
    }

    /// Splits into status, headers and body.
    pub fn into_parts(self) -> (u16, HeaderMap, T) {
        (self.status, self.headers, self.value)
    }
}

impl<T> std::ops::Deref for ApiResponse<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(body: &'static str) -> Response {
        Response::new(200, HeaderMap::new(), Bytes::from_static(body.as_bytes()))
    }

    #[test]
    fn json_decodes_or_keeps_the_body() {
        assert_eq!(response("[1,2]").json::<Vec<u8>>().unwrap(), vec![1, 2]);
        match response("<html>").json::<Vec<u8>>() {
            Err(Failure::Decode(error)) => {
                assert_eq!(error.body(), b"<html>");
                assert!(error.message().contains("expected value"));
            }
            other => panic!("expected a decode failure, got {other:?}"),
        }
    }

    #[test]
    fn decode_errors_name_the_path_of_the_failing_value() {
        #[derive(Debug, serde::Deserialize)]
        struct Page {
            #[allow(dead_code)]
            hits: Vec<Hit>,
        }
        #[derive(Debug, serde::Deserialize)]
        struct Hit {
            #[allow(dead_code)]
            highlights: std::collections::BTreeMap<String, Vec<u8>>,
        }
        let body = r#"{"hits": [{"highlights": {}}, {"highlights": {"title": "Dune"}}]}"#;
        let Err(Failure::Decode(error)) = response(body).decode::<Page>() else {
            panic!("a string where a list belongs must not decode");
        };
        assert_eq!(error.path(), Some("hits[1].highlights.title"));
        let shown = error.to_string();
        assert!(shown.contains("at `hits[1].highlights.title`"), "{shown}");
        assert!(shown.contains("invalid type: string \"Dune\""), "{shown}");
        assert_eq!(error.body(), body.as_bytes(), "the body is kept");
        // A body that is not JSON at all has no path.
        let Err(Failure::Decode(error)) = response("<html>").json::<Page>() else {
            panic!("HTML is not JSON");
        };
        assert_eq!(error.path(), None);
    }

    #[test]
    fn untyped_decoding_reads_any_json_and_empty_bodies() {
        let value = response(r#"{"a": [1, "two"]}"#).decode_untyped().unwrap();
        assert_eq!(value.value()["a"][1], "two");
        assert_eq!(
            response("").decode_untyped().unwrap().into_value(),
            serde_json::Value::Null
        );
        assert!(matches!(
            response("<html>").decode_untyped(),
            Err(Failure::Decode(_))
        ));
    }

    #[test]
    fn decode_keeps_status_and_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", "9".parse().unwrap());
        let response = Response::new(201, headers, Bytes::from_static(b"[1]"));
        let decoded = response.decode::<Vec<u8>>().unwrap();
        assert_eq!(decoded.status(), 201);
        assert_eq!(decoded.headers()["x-ratelimit-remaining"], "9");
        assert_eq!(decoded.len(), 1, "derefs to the body");
        assert_eq!(decoded.into_value(), vec![1]);
    }

    #[test]
    fn debug_redacts_secret_headers_and_free_form_bodies() {
        let mut headers = HeaderMap::new();
        headers.insert("set-cookie", "session=hidden-1".parse().unwrap());
        headers.insert("authorization", "Bearer hidden-2".parse().unwrap());
        headers.insert("x-request-id", "req-7".parse().unwrap());
        let json = Response::new(
            200,
            headers.clone(),
            Bytes::from_static(br#"{"id":"j1","refresh_token":"hidden-3"}"#),
        )
        .decode::<serde_json::Value>()
        .unwrap();
        let debug = format!("{json:?}");
        for secret in ["hidden-1", "hidden-2", "hidden-3"] {
            assert!(!debug.contains(secret), "{secret}: {debug}");
        }
        assert!(debug.contains("req-7") && debug.contains("j1"), "{debug}");

        let raw = Response::new(200, headers, Bytes::from_static(b"password=hidden-4")).raw();
        let debug = format!("{raw:?}");
        assert!(!debug.contains("hidden-4"), "{debug}");
        let text = raw.map(|bytes| String::from_utf8(bytes).unwrap());
        assert!(!format!("{text:?}").contains("hidden-4"), "{text:?}");
    }

    #[test]
    fn api_error_keeps_undecodable_bodies() {
        let error = response("not json").api_error::<Vec<u8>>();
        assert!(error.model().is_none());
        assert_eq!(error.body_text(), "not json");
    }
}
