//! Server-sent events through the crate generated from
//! `tests/fixtures/streaming.yml` (a streaming chat API), from a local server
//! that writes its answer in pieces: events split across reads, multi-line
//! data, comments, `[DONE]`, an oversized event, a malformed event and a
//! connection cut mid-stream.

use std::time::Duration;

use fixture_streaming::models::{ChatChunk, ChatRequest};
use fixture_streaming::runtime::Event;
use fixture_streaming::{Error, RetryConfig, Streaming};
use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A server that answers one request with `status` and the body written in
/// `pieces` (as chunks, a short pause between them), ending the chunked body
/// properly when `complete`, else cutting the connection. The request it read
/// comes back through the receiver.
async fn serve(
    status: u16,
    content_type: &'static str,
    pieces: Vec<&'static str>,
    complete: bool,
) -> (String, oneshot::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sent, received) = oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut chunk = [0u8; 4096];
        // Headers, then as much body as Content-Length says.
        let end = loop {
            let n = socket.read(&mut chunk).await.unwrap();
            request.extend_from_slice(&chunk[..n]);
            if let Some(at) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
        };
        let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or(0);
        while request.len() < end + length {
            let n = socket.read(&mut chunk).await.unwrap();
            request.extend_from_slice(&chunk[..n]);
        }
        let _ = sent.send(String::from_utf8_lossy(&request).into_owned());
        let head = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n"
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        for piece in pieces {
            let chunk = format!("{:x}\r\n{piece}\r\n", piece.len());
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
            socket.flush().await.unwrap();
            tokio::time::sleep(Duration::from_millis(15)).await;
        }
        if complete {
            let _ = socket.write_all(b"0\r\n\r\n").await;
        }
        // Dropping the socket closes the connection.
    });
    (url, received)
}

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
