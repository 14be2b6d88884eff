//! Streams through the crate generated from `tests/fixtures/streaming.yml`,
//! from a local server that writes its answer in pieces. Server-sent events:
//! events split across reads, multi-line data, comments, `[DONE]`, an
//! oversized event, a malformed event and a connection cut mid-stream. NDJSON
//! both ways, and downloads past the size limit to a file or a reader.

use std::time::Duration;

use fixture_streaming::models::{ChatChunk, ChatRequest};
use fixture_streaming::runtime::Event;
use fixture_streaming::{Error, RetryConfig, Streaming};
use futures_util::StreamExt;
use tests::chunked::serve;

fn client(url: &str) -> Streaming {
    Streaming::builder()
        .server_url(url)
        .retry(RetryConfig::none())
        .build()
        .unwrap()
}

fn chat() -> ChatRequest {
    ChatRequest::new("m1").with_prompt("hi")
}

fn delta(event: &Result<Event<ChatChunk>, Error>) -> &str {
    &event.as_ref().expect("an event").data.delta
}

#[tokio::test]
async fn events_split_across_reads_multi_line_data_and_comments_end_at_done() {
    let (url, request) = serve(
        200,
        "text/event-stream",
        vec![
            ": keep-alive\n\n",
            "data: {\"delta\":\"Hel",
            "lo\"}\n\n",
            "event: chunk\nid: 7\nretry: 1500\ndata: {\"delta\":\n",
            "data: \" there\"}\n\n",
            ":heartbeat\n\n",
            "data: [DONE]\n\n",
            "data: {\"delta\":\"never read\"}\n\n",
        ],
        true,
    )
    .await;
    let events: Vec<_> = client(&url)
        .chat()
        .create_completion(chat())
        .stream()
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(delta(&events[0]), "Hello");
    let second = events[1].as_ref().unwrap();
    assert_eq!(
        second.data.delta, " there",
        "data lines joined with a newline"
    );
    assert_eq!(second.event.as_deref(), Some("chunk"));
    assert_eq!(second.id.as_deref(), Some("7"));
    assert_eq!(second.retry, Some(Duration::from_millis(1500)));
    // The request asked for a stream.
    let request = request.await.unwrap();
    assert!(
        request
            .to_ascii_lowercase()
            .contains("accept: text/event-stream"),
        "{request}"
    );
    assert!(request.contains("\"stream\":true"), "{request}");
    assert!(request.contains("\"model\":\"m1\""), "{request}");
}

#[tokio::test]
async fn a_malformed_event_is_an_error_and_the_stream_goes_on() {
    let (url, _) = serve(
        200,
        "text/event-stream",
        vec!["data: {not json}\n\n", "data: {\"delta\":\"ok\"}\n\n"],
        true,
    )
    .await;
    let events: Vec<_> = client(&url)
        .chat()
        .create_completion(chat())
        .stream()
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 2, "{events:?}");
    let Err(Error::Decode(error)) = &events[0] else {
        panic!("a decode error: {:?}", events[0]);
    };
    assert_eq!(error.body(), b"{not json}", "the event's data is kept");
    assert_eq!(delta(&events[1]), "ok");
}

#[tokio::test]
async fn an_event_over_the_size_limit_ends_the_stream_with_an_error() {
    let long =
        Box::leak(format!("data: {{\"delta\":\"{}\"}}\n\n", "x".repeat(500)).into_boxed_str());
    let (url, _) = serve(
        200,
        "text/event-stream",
        vec![
            "data: {\"delta\":\"short\"}\n\n",
            long,
            "data: {\"delta\":\"after\"}\n\n",
        ],
        true,
    )
    .await;
    let events: Vec<_> = client(&url)
        .chat()
        .create_completion(chat())
        .max_response_size(256)
        .stream()
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(delta(&events[0]), "short");
    let text = events[1].as_ref().unwrap_err().to_string();
    assert!(
        text.contains("longer than the limit of 256 bytes"),
        "{text}"
    );
}

#[tokio::test]
async fn a_connection_cut_mid_stream_is_an_error_not_a_quiet_end() {
    let (url, _) = serve(
        200,
        "text/event-stream",
        vec!["data: {\"delta\":\"a\"}\n\n", "data: {\"del"],
        false,
    )
    .await;
    let events: Vec<_> = client(&url)
        .chat()
        .create_completion(chat())
        .stream()
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(delta(&events[0]), "a");
    assert!(events[1].is_err(), "{:?}", events[1]);
}

#[tokio::test]
async fn an_error_status_is_the_operation_s_error() {
    let (url, _) = serve(
        400,
        "application/json",
        vec!["{\"message\":\"no model\"}"],
        true,
    )
    .await;
    let outcome = client(&url).chat().create_completion(chat()).stream().await;
    let error = outcome.expect_err("a 400");
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.message(), Some("no model"));
}

#[tokio::test]
async fn the_same_operation_still_answers_json() {
    let (url, request) = serve(
        200,
        "application/json",
        vec!["{\"text\":\"Hello there\"}"],
        true,
    )
    .await;
    let completion = client(&url)
        .chat()
        .create_completion(chat())
        .send()
        .await
        .unwrap();
    assert_eq!(completion.text, "Hello there");
    let request = request.await.unwrap();
    assert!(!request.contains("\"stream\":true"), "{request}");
}

#[tokio::test]
async fn an_operation_that_only_streams_has_typed_events_too() {
    let (url, _) = serve(
        200,
        "text/event-stream",
        vec!["data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n"],
        true,
    )
    .await;
    let ticks: Vec<i64> = client(&url)
        .ticks()
        .list()
        .stream()
        .await
        .unwrap()
        .map(|event| event.unwrap().data.n)
        .collect()
        .await;
    assert_eq!(ticks, [1, 2]);
}

#[tokio::test]
async fn ndjson_answers_are_typed_values_one_per_line() {
    let (url, request) = serve(
        200,
        "application/x-ndjson",
        vec![
            "{\"id\":1,\"title\":\"Dune\"}\n{\"id\"",
            ":2}\n\n{bad}\n",
            "{\"id\":3}",
        ],
        true,
    )
    .await;
    let hits: Vec<_> = client(&url)
        .hits()
        .export()
        .stream()
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(hits.len(), 4, "{hits:?}");
    assert_eq!(hits[0].as_ref().unwrap().title.as_deref(), Some("Dune"));
    assert_eq!(hits[1].as_ref().unwrap().id, 2);
    assert!(matches!(&hits[2], Err(Error::Decode(_))), "{:?}", hits[2]);
    assert_eq!(
        hits[3].as_ref().unwrap().id,
        3,
        "a last line without a line break"
    );
    let request = request.await.unwrap().to_ascii_lowercase();
    assert!(
        request.contains("accept: application/x-ndjson"),
        "{request}"
    );
}

#[tokio::test]
async fn ndjson_bodies_go_out_one_value_per_line() {
    let (url, request) = serve(204, "text/plain", vec![], true).await;
    let hits = vec![
        fixture_streaming::models::Hit::new(1).with_title("Dune"),
        fixture_streaming::models::Hit::new(2),
    ];
    client(&url).hits().import(hits).send().await.unwrap();
    let request = request.await.unwrap();
    assert!(
        request
            .to_ascii_lowercase()
            .contains("content-type: application/x-ndjson"),
        "{request}"
    );
    assert!(
        request.ends_with("{\"id\":1,\"title\":\"Dune\"}\n{\"id\":2}\n"),
        "{request}"
    );
}

#[tokio::test]
async fn a_download_streams_past_the_size_limit_to_a_file() {
    // 64 pieces of 64 KiB: 4 MiB, far over the call's 1 KiB limit, which
    // bounds only bodies the SDK decodes.
    let piece: &'static str = Box::leak("0123456789abcdef".repeat(4096).into_boxed_str());
    let (url, _) = serve(200, "application/octet-stream", vec![piece; 64], true).await;
    let download = client(&url)
        .archives()
        .get("a1")
        .max_response_size(1024)
        .download()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    let path = std::env::temp_dir().join(format!("download-{}.bin", std::process::id()));
    let written = download.write_to(&path).await.unwrap();
    assert_eq!(written, 64 * 65536);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(bytes.len(), 64 * 65536);
    assert!(bytes.chunks(16).all(|chunk| chunk == b"0123456789abcdef"));
}

#[tokio::test]
async fn a_download_cut_short_is_an_error_and_leaves_no_partial_file() {
    let (url, _) = serve(
        200,
        "application/octet-stream",
        vec!["part one", "part two"],
        false,
    )
    .await;
    let path = std::env::temp_dir().join(format!("cut-{}.bin", std::process::id()));
    let download = client(&url).archives().get("a1").download().await.unwrap();
    let outcome = download.write_to(&path).await;
    assert!(outcome.is_err(), "{outcome:?}");
    let inner = outcome
        .unwrap_err()
        .into_inner()
        .expect("the SDK's error inside");
    assert!(inner.downcast_ref::<Error>().is_some(), "{inner}");
    assert!(!path.exists(), "the partial file is removed");
}

#[tokio::test]
async fn a_download_reads_as_async_read() {
    use tokio::io::AsyncReadExt as _;
    let (url, _) = serve(200, "application/octet-stream", vec!["abc", "def"], true).await;
    let mut reader = client(&url)
        .archives()
        .get("a1")
        .download()
        .await
        .unwrap()
        .into_async_read();
    let mut text = String::new();
    reader.read_to_string(&mut text).await.unwrap();
    assert_eq!(text, "abcdef");
}

/// Answers 503 to the first `failures` requests, then 204, and keeps each
/// request's body length.
struct FlakyThenStored {
    failures: usize,
    lengths: std::sync::Arc<std::sync::Mutex<Vec<usize>>>,
}

impl wiremock::Respond for FlakyThenStored {
    fn respond(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        let mut lengths = self.lengths.lock().unwrap();
        lengths.push(request.body.len());
        if lengths.len() <= self.failures {
            wiremock::ResponseTemplate::new(503)
        } else {
            wiremock::ResponseTemplate::new(204)
        }
    }
}

fn quick_retries() -> RetryConfig {
    RetryConfig::backoff(fixture_streaming::Backoff {
        initial_interval: Duration::from_millis(5),
        max_interval: Duration::from_millis(20),
        exponent: 2.0,
        max_elapsed_time: Duration::from_secs(10),
        jitter: false,
    })
}

#[tokio::test]
async fn a_file_upload_is_read_as_it_is_sent_and_again_on_a_retry() {
    let path = std::env::temp_dir().join(format!("upload-{}.bin", std::process::id()));
    std::fs::write(&path, vec![42u8; 300_000]).unwrap();
    let server = wiremock::MockServer::start().await;
    let lengths = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    wiremock::Mock::given(wiremock::matchers::method("PUT"))
        .and(wiremock::matchers::header("content-length", "300000"))
        .and(wiremock::matchers::header(
            "content-type",
            "application/octet-stream",
        ))
        .respond_with(FlakyThenStored {
            failures: 1,
            lengths: lengths.clone(),
        })
        .mount(&server)
        .await;
    let client = Streaming::builder()
        .server_url(server.uri())
        .retry(quick_retries())
        .build()
        .unwrap();
    client
        .archives()
        .update("a1", fixture_streaming::runtime::Upload::file(&path))
        .send()
        .await
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        *lengths.lock().unwrap(),
        [300_000, 300_000],
        "the whole file, twice"
    );
}

#[tokio::test]
async fn a_stream_upload_is_sent_once_and_never_retried() {
    let server = wiremock::MockServer::start().await;
    let lengths = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    wiremock::Mock::given(wiremock::matchers::method("PUT"))
        .respond_with(FlakyThenStored {
            failures: 1,
            lengths: lengths.clone(),
        })
        .mount(&server)
        .await;
    let client = Streaming::builder()
        .server_url(server.uri())
        .retry(quick_retries())
        .build()
        .unwrap();
    let chunks = futures_util::stream::iter(
        ["part one, ", "part two"].map(|text| Ok(text.as_bytes().to_vec().into())),
    );
    let outcome = client
        .archives()
        .update("a1", fixture_streaming::runtime::Upload::stream(chunks))
        .send()
        .await;
    assert_eq!(outcome.unwrap_err().status(), Some(503), "not retried");
    assert_eq!(*lengths.lock().unwrap(), [18]);
}

#[tokio::test]
async fn bytes_still_upload_as_before() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("PUT"))
        .and(wiremock::matchers::body_bytes(b"abc".to_vec()))
        .respond_with(wiremock::ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server.uri())
        .archives()
        .update("a1", b"abc".to_vec())
        .send()
        .await
        .unwrap();
}

/// Answers 429 (which a POST is retried after) `failures` times, then 204,
/// recording each body received.
struct BusyThenDone {
    failures: usize,
    bodies: std::sync::Arc<std::sync::Mutex<Vec<Vec<u8>>>>,
}

impl wiremock::Respond for BusyThenDone {
    fn respond(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        let mut bodies = self.bodies.lock().unwrap();
        bodies.push(request.body.clone());
        if bodies.len() <= self.failures {
            wiremock::ResponseTemplate::new(429)
        } else {
            wiremock::ResponseTemplate::new(204)
        }
    }
}

async fn busy_once(
    method: &str,
) -> (
    wiremock::MockServer,
    std::sync::Arc<std::sync::Mutex<Vec<Vec<u8>>>>,
) {
    let server = wiremock::MockServer::start().await;
    let bodies = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    wiremock::Mock::given(wiremock::matchers::method(method))
        .respond_with(BusyThenDone {
            failures: 1,
            bodies: bodies.clone(),
        })
        .mount(&server)
        .await;
    (server, bodies)
}

fn retrying(url: &str) -> Streaming {
    Streaming::builder()
        .server_url(url)
        .retry(quick_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn ndjson_bodies_stream_from_a_stream_once() {
    let (server, bodies) = busy_once("POST").await;
    let hits = futures_util::stream::iter((1..=3).map(fixture_streaming::models::Hit::new));
    let outcome = retrying(&server.uri())
        .hits()
        .import(fixture_streaming::runtime::Lines::stream(hits))
        .send()
        .await;
    assert_eq!(outcome.unwrap_err().status(), Some(429), "not retried");
    let bodies = bodies.lock().unwrap();
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0], b"{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n");
}

#[tokio::test]
async fn ndjson_bodies_from_a_list_are_sent_again_on_a_retry() {
    let (server, bodies) = busy_once("POST").await;
    let hits = vec![fixture_streaming::models::Hit::new(1)];
    retrying(&server.uri())
        .hits()
        .import(hits)
        .send()
        .await
        .unwrap();
    assert_eq!(
        *bodies.lock().unwrap(),
        [b"{\"id\":1}\n".to_vec(), b"{\"id\":1}\n".to_vec()]
    );
}

#[tokio::test]
async fn a_multipart_file_part_is_read_from_disk_and_again_on_a_retry() {
    let path = std::env::temp_dir().join(format!("attachment-{}.bin", std::process::id()));
    std::fs::write(&path, vec![7u8; 200_000]).unwrap();
    let (server, bodies) = busy_once("POST").await;
    let form = fixture_streaming::runtime::Multipart::new()
        .text("note", "scan")
        .file(
            "file",
            "scan.bin",
            fixture_streaming::runtime::Upload::file(&path),
        );
    retrying(&server.uri())
        .archives()
        .attach("a1", form)
        .send()
        .await
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    let received = server.received_requests().await.unwrap();
    let content_type = received[0]
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    let length: usize = received[0]
        .headers
        .get("content-length")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bodies = bodies.lock().unwrap();
    assert_eq!(bodies.len(), 2, "retried after the 429");
    for body in bodies.iter() {
        assert_eq!(body.len(), length, "Content-Length is the whole form");
        let head = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nscan\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        );
        assert!(body.starts_with(head.as_bytes()));
        let tail = format!("\r\n--{boundary}--\r\n");
        assert!(body.ends_with(tail.as_bytes()));
        assert_eq!(body.len(), head.len() + 200_000 + tail.len());
        assert!(body[head.len()..head.len() + 200_000]
            .iter()
            .all(|b| *b == 7));
    }
}

#[tokio::test]
async fn a_multipart_stream_part_is_sent_once() {
    let (server, bodies) = busy_once("POST").await;
    let chunks =
        futures_util::stream::iter(["a, ", "b"].map(|text| Ok(text.as_bytes().to_vec().into())));
    let form = fixture_streaming::runtime::Multipart::new().file(
        "file",
        "live.txt",
        fixture_streaming::runtime::Upload::stream(chunks),
    );
    let outcome = retrying(&server.uri())
        .archives()
        .attach("a1", form)
        .send()
        .await;
    assert_eq!(outcome.unwrap_err().status(), Some(429), "not retried");
    let bodies = bodies.lock().unwrap();
    assert_eq!(bodies.len(), 1);
    let text = String::from_utf8_lossy(&bodies[0]);
    assert!(
        text.contains(
            "filename=\"live.txt\"\r\nContent-Type: application/octet-stream\r\n\r\na, b\r\n--"
        ),
        "{text}"
    );
}
