//! A request as an operation describes it, before the client sends it.

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::Method;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use serde_json::Value;

use super::error::InvalidRequest;
use super::extra::{Extras, RESERVED_HEADERS};
use super::multipart::Multipart;
use super::options::CallOptions;
use super::query::{self, QueryStyle};
use super::upload::{Lines, Upload};

/// Everything except RFC 3986 "unreserved" characters is escaped in a path
/// parameter, so a value can never add a segment (`a/b c` becomes `a%2Fb%20c`).
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Cookie values escape what would end the value or the header (`;`, `,`, spaces, controls).
const COOKIE_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'/')
    .remove(b':')
    .remove(b'@')
    .remove(b'+');

/// One HTTP request under construction.
///
/// The setters never fail; the first problem found (a value that cannot be a
/// header, a body that cannot be serialized) is kept and reported by
/// [`Core::send`](super::Core::send) before any byte is sent.
pub struct Request {
    pub(crate) method: Method,
    pub(crate) operation_id: &'static str,
    pub(crate) route: &'static str,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) credentials: &'static [&'static str],
    pub(crate) body: Option<(Bytes, String)>,
    pub(crate) options: CallOptions,
    pub(crate) problem: Option<InvalidRequest>,
    pub(crate) follow_redirects: bool,
    pub(crate) sensitive: Vec<HeaderName>,
    /// It carries an idempotency key, so it may reach the server twice.
    pub(crate) keyed: bool,
    /// The server the operation names for itself, instead of the client's.
    pub(crate) server: Option<String>,
    /// A body from files or streams, with its media type: segments sent one
    /// after another.
    pub(crate) upload: Option<(Vec<Upload>, String)>,
}

/// Shows what the request is for and which headers it sets, never values of
/// sensitive headers nor the body (its size only).
impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("operation_id", &self.operation_id)
            .field("route", &self.route)
            .field("headers", &self.headers)
            .field(
                "body",
                &self
                    .body
                    .as_ref()
                    .map(|(bytes, media)| format!("{media}, {} bytes", bytes.len())),
            )
            .field("problem", &self.problem)
            .finish_non_exhaustive()
    }
}

impl Request {
    /// Starts a request for the operation `operation_id`, whose path template
    /// is `route` (what traces show instead of the path: a path parameter may
    /// be a secret or personal data).
    pub fn new(method: Method, operation_id: &'static str, route: &'static str) -> Self {
        Self {
            method,
            operation_id,
            route,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            credentials: &[],
            body: None,
            options: CallOptions::default(),
            problem: None,
            follow_redirects: true,
            sensitive: Vec::new(),
            keyed: false,
            server: None,
            upload: None,
        }
    }

    /// The path template, e.g. `/vault/consumers/{consumer_id}`.
    pub fn route(&self) -> &'static str {
        self.route
    }

    /// The operation this request belongs to, as the API document names it.
    pub fn operation_id(&self) -> &'static str {
        self.operation_id
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Appends fixed path text from the API document, e.g. `/vault/connections/`.
    pub fn literal(&mut self, text: &str) {
        self.path.push_str(text);
    }

    /// Appends a path parameter, percent-encoded as one segment.
    ///
    /// `.` and `..` are refused: URL normalisation would turn them into a
    /// different path, so the request would reach another endpoint.
    pub fn path_param<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        match to_value(value).as_ref().and_then(query::scalar) {
            Some(text) if text.is_empty() || text == "." || text == ".." => self.refuse(format!(
                "path parameter `{name}` must not be empty, `.` or `..`"
            )),
            Some(text) => self.path.extend(utf8_percent_encode(&text, PATH_SEGMENT)),
            None => self.refuse(format!(
                "path parameter `{name}` must be a string, number or boolean"
            )),
        }
    }

    /// Adds a query parameter laid out by `style`; `None` adds nothing.
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &str, value: &T, style: QueryStyle) {
        match to_value(value) {
            Some(value) => query::encode(name, &value, style, &mut self.query),
            None => self.refuse(format!("query parameter `{name}` cannot be serialized")),
        }
    }

    /// Adds a header parameter; `None` adds nothing.
    pub fn header<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let Some(value) = to_value(value) else {
            return self.refuse(format!("header `{name}` cannot be serialized"));
        };
        let text = match &value {
            Value::Null => return,
            Value::Array(items) => items
                .iter()
                .filter_map(query::scalar)
                .collect::<Vec<_>>()
                .join(","),
            other => query::scalar(other).unwrap_or_default(),
        };
        match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&text)) {
            (Ok(name), Ok(value)) => self.headers.push((name, value)),
            // The value may be a secret: name the header, never echo the value.
            _ => self.refuse(format!(
                "header `{name}` has a value that is not allowed in HTTP headers (control characters such as CR or LF)"
            )),
        }
    }

    /// Adds a header the operation requires; a missing value refuses the request
    /// and tells the caller which setter provides it.
    pub fn required_header<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        setter: &str,
    ) {
        if matches!(to_value(value), Some(Value::Null)) {
            self.refuse(format!(
                "header `{name}` is required: set it with `.{setter}(..)`"
            ));
        } else {
            self.header(name, value);
        }
    }

    /// Adds a cookie parameter to the `Cookie` header; `None` adds nothing.
    pub fn cookie<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let Some(text) = to_value(value).as_ref().and_then(query::scalar) else {
            return;
        };
        let pair = format!("{name}={}", utf8_percent_encode(&text, COOKIE_VALUE));
        let cookie = http::header::COOKIE;
        let joined = match self
            .headers
            .iter()
            .position(|(existing, _)| *existing == cookie)
        {
            Some(index) => {
                let (_, previous) = self.headers.remove(index);
                format!("{}; {pair}", previous.to_str().unwrap_or_default())
            }
            None => pair,
        };
        match HeaderValue::from_str(&joined) {
            Ok(value) => self.headers.push((cookie, value)),
            Err(_) => self.refuse(format!("cookie `{name}` cannot be sent in a header")),
        }
    }

    /// Refuses the request: the required value set with `.{setter}(..)` is missing.
    pub fn missing(&mut self, setter: &str) {
        self.refuse(format!(
            "`{setter}` is required: set it with `.{setter}(..)`"
        ));
    }

    /// Marks the header `name` as secret: its value never shows in `Debug` output,
    /// including the request a hook receives.
    pub fn sensitive(&mut self, name: &'static str) {
        if let Ok(name) = HeaderName::from_bytes(name.as_bytes()) {
            for (_, value) in self.headers.iter_mut().filter(|(own, _)| *own == name) {
                value.set_sensitive(true);
            }
            self.sensitive.push(name);
        }
    }

    /// Sends an idempotency key in the header `name`, which the operation
    /// documents: the caller's if a setter gave one, else a new random UUID
    /// (v4) for this call, the same on every retry. A request with a key may
    /// be retried after it may have reached the server, as the server
    /// answers a repeated key with the first attempt's outcome.
    pub fn idempotency_key(&mut self, name: &'static str) {
        let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.refuse(format!("`{name}` is not a valid header name"));
        };
        if !self.headers.iter().any(|(own, _)| *own == header) {
            let key = uuid::Uuid::new_v4().to_string();
            match HeaderValue::from_str(&key) {
                Ok(value) => self.headers.push((header, value)),
                Err(_) => return self.refuse("an idempotency key could not be made".to_owned()),
            }
        }
        self.keyed = true;
    }

    /// Adds the caller's own headers and query parameters for this call. A
    /// header name or value HTTP does not allow (CR, LF), or a header the SDK
    /// or the connection owns (`Host`, `Content-Length`, `Content-Type`, ...)
    /// refuses the request, naming the header and never echoing the value.
    pub fn extras(&mut self, extras: &Extras) {
        for (name, value) in &extras.headers {
            let lower = name.to_ascii_lowercase();
            if RESERVED_HEADERS.contains(&lower.as_str()) {
                return self.refuse(format!(
                    "header `{name}` is set by the SDK or the connection and cannot be added to a call"
                ));
            }
            match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
                (Ok(name), Ok(value)) => self.headers.push((name, value)),
                (Err(_), _) => return self.refuse(format!("`{name}` is not a valid header name")),
                (_, Err(_)) => {
                    return self.refuse(format!(
                        "header `{name}` has a value that is not allowed in HTTP headers (control characters such as CR or LF)"
                    ))
                }
            }
        }
        self.query.extend(extras.query.iter().cloned());
    }

    /// Sets a raw body: bytes, a file or a stream (see [`Upload`]).
    pub fn upload(&mut self, body: &Upload, content_type: &str) {
        match body {
            Upload::Bytes(bytes) => self.body = Some((bytes.clone(), content_type.to_owned())),
            other => self.upload = Some((vec![other.clone()], content_type.to_owned())),
        }
    }

    /// Whether the body can be sent again: not a one-shot stream.
    pub(crate) fn replayable_body(&self) -> bool {
        self.upload
            .as_ref()
            .is_none_or(|(segments, _)| segments.iter().all(Upload::is_replayable))
    }

    /// Sends the request to `url`, the server the operation (or its path)
    /// names for itself, unless the call names one (`server_url`).
    pub fn server(&mut self, url: &str) {
        self.server = Some(url.to_owned());
    }

    /// Sets a body of JSON values, one per line (NDJSON, JSON Lines), sent as
    /// `media_type`.
    pub fn json_lines<T: Serialize + Send + 'static>(
        &mut self,
        items: &Lines<T>,
        media_type: &str,
    ) {
        match items.to_upload() {
            Ok(upload) => self.upload(&upload, media_type),
            Err(reason) => self.refuse(reason),
        }
    }

    /// Asks for the answer in `media_type` (`Accept`), e.g. `text/event-stream`.
    pub fn accept(&mut self, media_type: &str) {
        let Ok(value) = HeaderValue::from_str(media_type) else {
            return self.refuse(format!("`{media_type}` cannot be sent in a header"));
        };
        let accept = http::header::ACCEPT;
        self.headers.retain(|(name, _)| *name != accept);
        self.headers.push((accept, value));
    }

    /// Sets the JSON body's property `name` to `true`: the flag an operation
    /// documents for answering with a stream (`"stream": true`).
    pub fn json_flag(&mut self, name: &str) {
        let Some((bytes, _)) = &mut self.body else {
            return;
        };
        if let Ok(Value::Object(mut object)) = serde_json::from_slice::<Value>(bytes) {
            object.insert(name.to_owned(), Value::Bool(true));
            if let Ok(encoded) = serde_json::to_vec(&object) {
                *bytes = Bytes::from(encoded);
            }
        }
    }

    /// Returns redirects to the caller instead of following them, for
    /// operations that document a 3xx response.
    pub fn redirects_are_answers(&mut self) {
        self.follow_redirects = false;
    }

    /// Names the client credentials (security schemes) this operation sends.
    pub fn credentials(&mut self, names: &'static [&'static str]) {
        self.credentials = names;
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((Bytes::from(bytes), "application/json".to_owned())),
            Err(error) => self.refuse(format!("the request body cannot be serialized: {error}")),
        }
    }

    /// Applies per-call overrides of the client's settings.
    pub fn options(&mut self, options: CallOptions) {
        self.options = options;
    }

    /// Sets a raw body with its media type.
    pub fn bytes(&mut self, body: impl Into<Bytes>, content_type: &'static str) {
        self.body = Some((body.into(), content_type.to_owned()));
    }

    /// Sets an `application/x-www-form-urlencoded` body from a model's fields.
    pub fn form<T: Serialize + ?Sized>(&mut self, body: &T) {
        let Some(Value::Object(fields)) = to_value(body) else {
            return self.refuse("a form body must be an object".to_owned());
        };
        let mut pairs = Vec::new();
        for (name, value) in &fields {
            query::encode(name, value, QueryStyle::Form { explode: true }, &mut pairs);
        }
        let encoded = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish();
        self.body = Some((
            Bytes::from(encoded),
            "application/x-www-form-urlencoded".to_owned(),
        ));
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart(&mut self, form: &Multipart) {
        let (mut segments, content_type) = form.encode();
        match segments.as_mut_slice() {
            [Upload::Bytes(bytes)] => self.body = Some((std::mem::take(bytes), content_type)),
            _ => self.upload = Some((segments, content_type)),
        }
    }

    /// Adds a query parameter whose value is sent as JSON text; `None` adds nothing.
    pub fn query_json<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        match to_value(value) {
            Some(Value::Null) => {}
            Some(value) => self.query.push((name.to_owned(), value.to_string())),
            None => self.refuse(format!("query parameter `{name}` cannot be serialized")),
        }
    }

    /// Adds a header whose value is sent as JSON text; `None` adds nothing.
    pub fn header_json<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match to_value(value) {
            Some(Value::Null) => {}
            Some(value) => self.header(name, &value.to_string()),
            None => self.refuse(format!("header `{name}` cannot be serialized")),
        }
    }

    fn refuse(&mut self, reason: String) {
        if self.problem.is_none() {
            self.problem = Some(InvalidRequest::new(reason));
        }
    }
}

fn to_value<T: Serialize + ?Sized>(value: &T) -> Option<Value> {
    serde_json::to_value(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> Request {
        Request::new(Method::GET, "test", "/test")
    }

    #[test]
    fn path_params_are_one_escaped_segment() {
        let mut req = request();
        req.literal("/items/");
        req.path_param("id", "a/b c?d#é");
        assert_eq!(req.path, "/items/a%2Fb%20c%3Fd%23%C3%A9");
        assert!(req.problem.is_none());
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let mut req = request();
            req.path_param("id", value);
            assert!(req.problem.expect("refused").reason().contains("`id`"));
        }
        let mut req = request();
        req.path_param("id", "...");
        assert_eq!(req.path, "...", "only the exact dot segments are special");
    }

    /// Cookie parameters travel in one `Cookie` header.
    #[test]
    fn cookies_join_into_one_header() {
        let mut req = request();
        req.cookie("session", "abc");
        req.cookie("theme", &Some("dark"));
        req.cookie("absent", &None::<String>);
        assert_eq!(req.headers.len(), 1);
        assert_eq!(req.headers[0].1, "session=abc; theme=dark");
    }

    #[test]
    fn crlf_in_a_header_refuses_without_echoing_the_value() {
        let mut req = request();
        req.header("x-consumer", "evil\r\nInjected: yes");
        let problem = req.problem.expect("refused");
        assert!(problem.reason().contains("x-consumer"));
        assert!(!problem.reason().contains("evil"));
        assert!(req.headers.is_empty());
    }

    #[test]
    fn absent_optional_headers_are_skipped_and_required_ones_refused() {
        let mut req = request();
        req.header("x-a", &None::<String>);
        assert!(req.headers.is_empty() && req.problem.is_none());
        req.required_header("x-b", &None::<String>, "b_setter");
        assert!(req.problem.unwrap().reason().contains("`.b_setter(..)`"));
    }

    #[test]
    fn forms_and_json_values_encode() {
        let mut req = request();
        req.form(&serde_json::json!({"user": "a b", "tags": ["x", "y"], "skip": null}));
        assert_eq!(req.body.as_ref().unwrap().0, "tags=x&tags=y&user=a+b");
        req.query_json("where", &serde_json::json!({"size": 2}));
        req.header_json("x-filter", &serde_json::json!({"name": "n"}));
        assert_eq!(req.query, [("where".to_owned(), "{\"size\":2}".to_owned())]);
        assert_eq!(req.headers[0].1, "{\"name\":\"n\"}");
    }

    #[test]
    fn first_problem_wins() {
        let mut req = request();
        req.path_param("id", &serde_json::json!({"a": 1}));
        req.header("x", "a\nb");
        assert!(req
            .problem
            .unwrap()
            .reason()
            .contains("path parameter `id`"));
    }
}
