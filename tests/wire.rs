//! On the wire, through the crate generated from `tests/fixtures/wire.yml`:
//! retries that never send a write twice unless it carries an idempotency
//! key, that recover from a pooled connection the server closed, and that
//! give up at once on a name that does not resolve; and headers and query
//! parameters added to one call.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fixture_wire::models::Item;
use fixture_wire::runtime::before_request;
use fixture_wire::{Backoff, Error, RetryConfig, Wire};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Retries at once and often: what is retried shows in the attempt count.
fn eager() -> RetryConfig {
    RetryConfig::backoff(Backoff {
        initial_interval: Duration::from_millis(5),
        max_interval: Duration::from_millis(20),
        exponent: 2.0,
        max_elapsed_time: Duration::from_secs(10),
        jitter: false,
    })
    .max_attempts(4)
}

fn client(url: &str) -> Wire {
    Wire::builder()
        .server_url(url)
        .retry(eager())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_timed_out_post_without_a_key_reaches_the_server_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/items"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"name": "late"}))
                .set_delay(Duration::from_millis(500)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let outcome = client(&server.uri())
        .items()
        .create(Item::new("pen"))
        .timeout(Duration::from_millis(100))
        .send()
        .await;
    assert!(matches!(outcome, Err(Error::Timeout(_))), "{outcome:?}");
    // Also after a 503: the server may have acted on it.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = client(&server.uri())
        .items()
        .create(Item::new("pen"))
        .send()
        .await;
    assert_eq!(outcome.unwrap_err().status(), Some(503));
}

#[tokio::test]
async fn a_post_refused_with_429_is_sent_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"name": "pen"})))
        .expect(1)
        .mount(&server)
        .await;
    let item = client(&server.uri())
        .items()
        .create(Item::new("pen"))
        .send()
        .await
        .unwrap();
    assert_eq!(item.name, "pen");
}

/// Answers 503 to the first `failures` requests, then 201, and keeps every
/// request's `Idempotency-Key`.
struct FlakyThenCreated {
    failures: usize,
    keys: Arc<Mutex<Vec<Option<String>>>>,
}

impl Respond for FlakyThenCreated {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut keys = self.keys.lock().unwrap();
        keys.push(
            request
                .headers
                .get("idempotency-key")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        );
        if keys.len() <= self.failures {
            ResponseTemplate::new(503)
        } else {
            ResponseTemplate::new(201).set_body_json(json!({"name": "order"}))
        }
    }
}

#[tokio::test]
async fn a_documented_idempotency_key_is_sent_on_every_attempt_and_allows_retries() {
    let server = MockServer::start().await;
    let keys = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("POST"))
        .and(path("/orders"))
        .respond_with(FlakyThenCreated {
            failures: 2,
            keys: keys.clone(),
        })
        .mount(&server)
        .await;
    let wire = client(&server.uri());
    let order = wire.orders().create(Item::new("pen")).send().await.unwrap();
    assert_eq!(order.name, "order");
    let sent = keys.lock().unwrap().clone();
    assert_eq!(sent.len(), 3, "two 503s, then created: {sent:?}");
    let first = sent[0].clone().expect("a key on the first attempt");
    assert!(
        sent.iter()
            .all(|key| key.as_deref() == Some(first.as_str())),
        "{sent:?}"
    );
    let uuid: Vec<&str> = first.split('-').collect();
    assert_eq!(
        uuid.iter().map(|part| part.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "a UUID: {first}"
    );
    assert!(uuid[2].starts_with('4'), "version 4: {first}");
    // Each call has its own key; a caller's key is kept.
    keys.lock().unwrap().clear();
    wire.orders().create(Item::new("pen")).send().await.unwrap();
    let second = keys.lock().unwrap()[0].clone().unwrap();
    assert_ne!(second, first);
    keys.lock().unwrap().clear();
    wire.orders()
        .create(Item::new("pen"))
        .idempotency_key("order-7")
        .send()
        .await
        .unwrap();
    assert_eq!(keys.lock().unwrap()[0].as_deref(), Some("order-7"));
}

/// A server that answers the first request on its first connection, then
/// closes that connection when the next request arrives on it, unanswered:
/// what a keep-alive timeout does to a pooled connection. Every other
/// connection is answered. Returns its URL and the count of requests read.
async fn closes_its_first_connection_after_one_answer() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        let mut connections = 0;
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            connections += 1;
            let stale = connections == 1;
            let seen = counter.clone();
            tokio::spawn(async move {
                let mut answered = 0;
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    // One request: headers up to the blank line, then the
                    // body its Content-Length announces.
                    let end = loop {
                        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                            break end + 4;
                        }
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    };
                    let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|line| line.strip_prefix("content-length:"))
                        .and_then(|value| value.trim().parse().ok())
                        .unwrap_or(0);
                    while buffer.len() < end + length {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    }
                    buffer.drain(..end + length);
                    seen.fetch_add(1, Ordering::SeqCst);
                    if stale && answered == 1 {
                        return;
                    }
                    let body = br#"[{"name":"pen"}]"#;
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                        body.len()
                    );
                    if socket.write_all(answer.as_bytes()).await.is_err()
                        || socket.write_all(body).await.is_err()
                    {
                        return;
                    }
                    answered += 1;
                }
            });
        }
    });
    (url, seen)
}

#[tokio::test]
async fn a_get_on_a_pooled_connection_the_server_closed_succeeds_on_retry() {
    let (url, seen) = closes_its_first_connection_after_one_answer().await;
    let wire = client(&url);
    assert_eq!(wire.items().list().send().await.unwrap().len(), 1);
    // Sent on the pooled connection, which the server closes unanswered.
    let second = wire.items().list().send().await;
    assert_eq!(second.unwrap().len(), 1, "retried on a new connection");
    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_post_on_a_pooled_connection_the_server_closed_is_not_sent_again() {
    let (url, seen) = closes_its_first_connection_after_one_answer().await;
    let wire = client(&url);
    wire.items().list().send().await.unwrap();
    let outcome = wire.items().create(Item::new("pen")).send().await;
    assert!(matches!(outcome, Err(Error::Transport(_))), "{outcome:?}");
    assert_eq!(seen.load(Ordering::SeqCst), 2, "the POST went out once");
}

#[tokio::test]
async fn a_name_that_does_not_resolve_is_not_retried() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let counter = attempts.clone();
    let wire = Wire::builder()
        .server_url("http://no-such-host.invalid")
        .retry(eager())
        .hook(before_request(move |_, _| {
            counter.fetch_add(1, Ordering::SeqCst);
        }))
        .build()
        .unwrap();
    let outcome = wire.items().list().send().await;
    let Err(Error::Transport(error)) = &outcome else {
        panic!("a transport error: {outcome:?}");
    };
    assert!(error.is_name_resolution(), "{error}");
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn headers_and_query_parameters_can_be_added_to_one_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(header("prefer", "respond-async"))
        .and(query_param("trace", "on"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let wire = client(&server.uri());
    let items = wire
        .items()
        .list()
        .header("Prefer", "respond-async")
        .query_param("trace", "on")
        .send()
        .await
        .unwrap();
    assert!(items.is_empty());
}

#[tokio::test]
async fn headers_http_or_the_sdk_owns_are_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(0)
        .mount(&server)
        .await;
    let wire = client(&server.uri());
    for (name, value) in [
        ("Host", "evil.example"),
        ("content-length", "0"),
        ("Transfer-Encoding", "chunked"),
        ("x-note", "a\r\nx-injected: 1"),
        ("bad name", "v"),
    ] {
        let outcome = wire.items().list().header(name, value).send().await;
        let Err(Error::InvalidRequest(refusal)) = &outcome else {
            panic!("{name} refused: {outcome:?}");
        };
        let text = refusal.to_string();
        assert!(
            !text.contains("x-injected"),
            "the value is not echoed: {text}"
        );
    }
}

#[test]
fn a_builder_s_debug_hides_secret_looking_extra_headers() {
    let wire = client("https://api.example.com");
    let builder = wire
        .items()
        .list()
        .header("x-api-key", "s3cr3t")
        .header("prefer", "minimal");
    let text = format!("{builder:?}");
    assert!(!text.contains("s3cr3t"), "{text}");
    assert!(text.contains("minimal"), "{text}");
}
