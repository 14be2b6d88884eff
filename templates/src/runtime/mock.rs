//! A fake server for app tests, behind the `mock` feature: no sockets, each
//! request routed to its operation by method and path template, answered
//! from expectations the test set, and recorded for assertions.
//!
//! Generated crates wrap it in a typed `mock::Mock` whose methods mirror the
//! client's (`mock.pets().list().returns(pets)`); this is the engine.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use http::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::decode::{decode_json, DataError};
use super::error::{Failure, InvalidRequest};
use super::response::Response;
use super::transport::{Body, HttpRequest, Transport, TransportFuture};

/// One operation the mock can route to.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// The operation's id, as the document names it.
    pub operation_id: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template, e.g. `/pets/{id}`.
    pub path: &'static str,
}

/// A request the mock received, as the app sent it.
#[derive(Clone, PartialEq)]
pub struct RecordedCall {
    /// The operation it was routed to; `None` for a request no operation matches.
    pub operation_id: Option<String>,
    /// The HTTP method.
    pub method: String,
    /// The path, percent-encoded as sent.
    pub path: String,
    /// The query parameters, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers, in order (names lower case).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

impl RecordedCall {
    /// The first value of query parameter `name`.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body decoded as JSON into `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, DataError> {
        decode_json(&self.body)
    }
}

/// Header values of credentials are not printed.
impl fmt::Debug for RecordedCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let secret = super::redact::is_secret_name(name)
                    || matches!(
                        name.as_str(),
                        "authorization" | "cookie" | "proxy-authorization"
                    );
                (
                    name.as_str(),
                    if secret { "[redacted]" } else { value.as_str() },
                )
            })
            .collect();
        f.debug_struct("RecordedCall")
            .field("operation_id", &self.operation_id)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

/// An answer set up for an operation.
#[derive(Debug, Clone)]
struct Answer {
    status: u16,
    content_type: Option<String>,
    body: Bytes,
}

#[derive(Debug, Default)]
struct State {
    /// Answers by operation, used in order; the last one answers every later call.
    answers: Vec<(String, VecDeque<Answer>)>,
    calls: Vec<RecordedCall>,
    problems: Vec<String>,
}

/// The mock transport: give it to a client with `.transport(..)`; clones
/// share expectations and recorded calls.
#[derive(Debug, Clone)]
pub struct MockTransport {
    routes: &'static [Route],
    state: Arc<Mutex<State>>,
}

impl MockTransport {
    /// A mock that routes to `routes` (the generated crate's operations).
    pub fn new(routes: &'static [Route]) -> Self {
        Self {
            routes,
            state: Arc::default(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push(&self, operation_id: &str, answer: Answer) {
        let mut state = self.state();
        match state.answers.iter_mut().find(|(id, _)| id == operation_id) {
            Some((_, queue)) => queue.push_back(answer),
            None => state
                .answers
                .push((operation_id.to_owned(), VecDeque::from([answer]))),
        }
    }

    /// Every call received, in order.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.state().calls.clone()
    }

    /// The calls routed to `operation_id`, in order.
    pub fn calls_to(&self, operation_id: &str) -> Vec<RecordedCall> {
        self.state()
            .calls
            .iter()
            .filter(|call| call.operation_id.as_deref() == Some(operation_id))
            .cloned()
            .collect()
    }

    /// What went wrong so far: calls no operation matched, and calls to an
    /// operation with no answer set up.
    pub fn problems(&self) -> Vec<String> {
        self.state().problems.clone()
    }

    /// Panics, listing them, when any call went unanswered: for the end of
    /// a test.
    pub fn verify(&self) {
        let problems = self.problems();
        assert!(
            problems.is_empty(),
            "the mock received calls it could not answer:\n- {}",
            problems.join("\n- ")
        );
    }

    /// The operation `method` and `path` reach: the template with the most
    /// literal text among those that match.
    fn route(&self, method: &str, path: &str) -> Option<&'static Route> {
        self.routes
            .iter()
            .filter(|route| route.method == method && matches_template(route.path, path))
            .max_by_key(|route| literal_length(route.path))
    }

    fn answer(&self, request: HttpRequest) -> Result<Response, Failure> {
        let uri = request.uri();
        let method = request.method().as_str().to_owned();
        let path = uri.path().to_owned();
        let route = self.route(&method, &path);
        let call = RecordedCall {
            operation_id: route.map(|r| r.operation_id.to_owned()),
            method: method.clone(),
            path: path.clone(),
            query: url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
                .map(|(n, v)| (n.into_owned(), v.into_owned()))
                .collect(),
            headers: request
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: request
                .body()
                .as_bytes()
                .map(Bytes::copy_from_slice)
                .unwrap_or_default(),
        };
        let mut state = self.state();
        state.calls.push(call);
        let Some(route) = route else {
            let problem = format!("no operation of this API is `{method} {path}`");
            state.problems.push(problem.clone());
            return Err(refused(problem));
        };
        let answer = state
            .answers
            .iter_mut()
            .find(|(id, _)| id == route.operation_id)
            .and_then(|(_, queue)| {
                if queue.len() > 1 {
                    queue.pop_front()
                } else {
                    queue.front().cloned()
                }
            });
        let Some(answer) = answer else {
            let problem = format!(
                "`{}` ({method} {path}) was called, but the test set up no answer for it",
                route.operation_id
            );
            state.problems.push(problem.clone());
            return Err(refused(problem));
        };
        let mut headers = HeaderMap::new();
        if let Some(value) = answer
            .content_type
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(CONTENT_TYPE, value);
        }
        Ok(Response::new(answer.status, headers, answer.body))
    }
}

fn refused(problem: String) -> Failure {
    Failure::InvalidRequest(InvalidRequest::new(format!("mock: {problem}")))
}

impl Transport for MockTransport {
    fn send(&self, request: HttpRequest, _max_body: usize) -> TransportFuture<'_> {
        Box::pin(async move {
            // A file or stream upload is read whole, as a server would, so
            // that the recorded call holds what the app sent.
            let (parts, body) = request.into_parts();
            let body = match body {
                Body::Stream(mut chunks) => {
                    let mut whole = BytesMut::new();
                    while let Some(chunk) = chunks.next().await {
                        let chunk = chunk.map_err(|error| {
                            refused(format!("the request body could not be read: {error}"))
                        })?;
                        whole.extend_from_slice(&chunk);
                    }
                    Body::Bytes(whole.freeze())
                }
                other => other,
            };
            self.answer(HttpRequest::from_parts(parts, body))
        })
    }
}

/// Turns an answer value into a body and its media type.
type Encode<T> = fn(&T) -> Result<(Bytes, Option<&'static str>), String>;

/// The answers of one operation, typed: what its success returns is `T`.
pub struct Expect<T> {
    mock: MockTransport,
    operation_id: &'static str,
    status: u16,
    encode: Encode<T>,
    answer: PhantomData<fn(&T)>,
}

impl<T> fmt::Debug for Expect<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expect")
            .field("operation_id", &self.operation_id)
            .field("status", &self.status)
            .finish()
    }
}

impl<T: Serialize> Expect<T> {
    /// Answers of `operation_id` whose success (`status`) body is JSON.
    pub fn json(mock: &MockTransport, operation_id: &'static str, status: u16) -> Self {
        Self {
            mock: mock.clone(),
            operation_id,
            status,
            encode: |value| {
                serde_json::to_vec(value)
                    .map(|body| (Bytes::from(body), Some("application/json")))
                    .map_err(|error| error.to_string())
            },
            answer: PhantomData,
        }
    }
}

impl Expect<()> {
    /// Answers of `operation_id` whose success (`status`) has no body.
    pub fn empty(mock: &MockTransport, operation_id: &'static str, status: u16) -> Self {
        Self {
            mock: mock.clone(),
            operation_id,
            status,
            encode: |()| Ok((Bytes::new(), None)),
            answer: PhantomData,
        }
    }
}

impl Expect<Vec<u8>> {
    /// Answers of `operation_id` whose success (`status`) body is raw bytes.
    pub fn bytes(mock: &MockTransport, operation_id: &'static str, status: u16) -> Self {
        Self {
            mock: mock.clone(),
            operation_id,
            status,
            encode: |bytes| {
                Ok((
                    Bytes::copy_from_slice(bytes),
                    Some("application/octet-stream"),
                ))
            },
            answer: PhantomData,
        }
    }
}

impl<T> Expect<T> {
    /// Answers the next call (and every later one, unless more answers
    /// follow) with the documented success status and `value`.
    ///
    /// # Panics
    ///
    /// When `value` cannot be serialized (a map with non-text keys): the
    /// test set up an answer no server could send.
    pub fn returns(self, value: T) -> Self {
        let (body, content_type) = (self.encode)(&value).unwrap_or_else(|error| {
            panic!(
                "mock: `{}` answer cannot be encoded: {error}",
                self.operation_id
            )
        });
        let status = self.status;
        self.push(status, content_type.map(str::to_owned), body)
    }

    /// Answers the next call with an error `status` and a JSON `body` (the
    /// API's error model, or any JSON), as the server would.
    ///
    /// # Panics
    ///
    /// When `body` cannot be serialized.
    pub fn fails_with(self, status: u16, body: impl Serialize) -> Self {
        let body = serde_json::to_vec(&body).unwrap_or_else(|error| {
            panic!(
                "mock: `{}` error body cannot be encoded: {error}",
                self.operation_id
            )
        });
        self.push(status, Some("application/json".to_owned()), body.into())
    }

    /// Answers the next call with any status, media type and body (a
    /// stream of events as text, say).
    pub fn responds(self, status: u16, content_type: &str, body: impl Into<Bytes>) -> Self {
        self.push(status, Some(content_type.to_owned()), body.into())
    }

    fn push(self, status: u16, content_type: Option<String>, body: Bytes) -> Self {
        self.mock.push(
            self.operation_id,
            Answer {
                status,
                content_type,
                body,
            },
        );
        self
    }

    /// The calls the app made to this operation, in order.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.mock.calls_to(self.operation_id)
    }
}

/// Whether `path` (percent-encoded) fits `template`: each `{name}` matches
/// text without `/`, at least one character.
fn matches_template(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    template.len() == path.len()
        && template
            .iter()
            .zip(&path)
            .all(|(pattern, segment)| matches_segment(pattern, segment))
}

/// One segment: literal text and `{params}` in any mix (`{id}.json`).
fn matches_segment(pattern: &str, segment: &str) -> bool {
    match pattern.find('{') {
        None => pattern == segment,
        Some(open) => {
            let Some(rest) = segment.strip_prefix(&pattern[..open]) else {
                return false;
            };
            let after = pattern[open..]
                .find('}')
                .map_or("", |close| &pattern[open + close + 1..]);
            // The parameter takes one or more characters, then the rest must fit.
            (1..=rest.len())
                .filter(|end| rest.is_char_boundary(*end))
                .any(|end| matches_segment(after, &rest[end..]))
        }
    }
}

/// How much of a template is literal: more literal text wins a tie
/// (`/pets/mine` over `/pets/{id}`).
fn literal_length(template: &str) -> usize {
    let mut inside = false;
    template
        .chars()
        .filter(|c| {
            match c {
                '{' => inside = true,
                '}' => {
                    inside = false;
                    return false;
                }
                _ => {}
            }
            !inside
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::super::transport::Body;
    use super::*;

    const ROUTES: &[Route] = &[
        Route {
            operation_id: "getPet",
            method: "GET",
            path: "/pets/{id}",
        },
        Route {
            operation_id: "getMine",
            method: "GET",
            path: "/pets/mine",
        },
        Route {
            operation_id: "getFile",
            method: "GET",
            path: "/files/{name}.json",
        },
    ];

    fn request(method: &str, url: &str, body: &'static str) -> HttpRequest {
        let mut request = HttpRequest::new(Body::Bytes(Bytes::from_static(body.as_bytes())));
        *request.method_mut() = method.parse().unwrap();
        *request.uri_mut() = url.parse().unwrap();
        request
    }

    #[test]
    fn templates_route_to_the_most_literal_match() {
        let mock = MockTransport::new(ROUTES);
        assert_eq!(mock.route("GET", "/pets/7").unwrap().operation_id, "getPet");
        assert_eq!(
            mock.route("GET", "/pets/mine").unwrap().operation_id,
            "getMine"
        );
        assert_eq!(
            mock.route("GET", "/files/a.b.json").unwrap().operation_id,
            "getFile"
        );
        assert!(mock.route("GET", "/files/.json").is_none());
        assert!(mock.route("POST", "/pets/7").is_none());
        assert!(mock.route("GET", "/pets/7/toys").is_none());
    }

    #[test]
    fn answers_in_order_then_repeats_the_last_and_records_calls() {
        let mock = MockTransport::new(ROUTES);
        let pets = Expect::<serde_json::Value>::json(&mock, "getPet", 200)
            .returns(serde_json::json!({"name": "Rex"}))
            .fails_with(404, serde_json::json!({"message": "gone"}));
        let first = mock
            .answer(request("GET", "http://mock.test/pets/7?x=1", ""))
            .unwrap();
        assert_eq!(
            (first.status(), first.body()),
            (200, &br#"{"name":"Rex"}"#[..])
        );
        for _ in 0..2 {
            let later = mock
                .answer(request("GET", "http://mock.test/pets/8", ""))
                .unwrap();
            assert_eq!(later.status(), 404);
        }
        let calls = pets.calls();
        assert_eq!(calls.len(), 3);
        assert_eq!(
            (calls[0].path.as_str(), calls[0].query("x")),
            ("/pets/7", Some("1"))
        );
        mock.verify();
    }

    #[test]
    fn unexpected_calls_fail_clearly_and_verify_lists_them() {
        let mock = MockTransport::new(ROUTES);
        let error = mock
            .answer(request("GET", "http://mock.test/pets/mine", ""))
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`getMine` (GET /pets/mine) was called, but the test set up no answer"),
            "{error}"
        );
        let error = mock
            .answer(request("DELETE", "http://mock.test/zoo", "{}"))
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("no operation of this API is `DELETE /zoo`"),
            "{error}"
        );
        assert_eq!(mock.calls()[1].body, Bytes::from_static(b"{}"));
        let verified = std::panic::catch_unwind(|| mock.verify()).unwrap_err();
        let message = verified.downcast_ref::<String>().unwrap();
        assert!(
            message.contains("getMine") && message.contains("DELETE /zoo"),
            "{message}"
        );
    }
}
