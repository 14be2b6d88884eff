//! Streams described the OpenAPI 3.2 way, through the crate generated from
//! `tests/fixtures/events.yml`: events told apart by their `event` name,
//! each with its own `data` type; text events; `text/plain` documented as
//! JSON lines.

use fixture_events::models::ChatStreamBody;
use fixture_events::resources::chat::ChatStreamEvent;
use fixture_events::{Error, Events, RetryConfig};
use futures_util::StreamExt;
use tests::chunked::serve;

fn client(url: &str) -> Events {
    Events::builder()
        .server_url(url)
        .retry(RetryConfig::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn each_event_name_decodes_as_its_own_type() {
    let (url, request) = serve(
        200,
        "text/event-stream",
        vec![
            "event: delta\ndata: {\"text\": \"Hel\"}\n\n",
            "event: note\ndata: thinking {not json}\n\n",
            "event: delta\ndata: {\"text\": 5}\n\n",
            "event: ping\ndata: 1\n\n",
            "event: delta\ndata: {\"text\": \"lo\"}\n\nevent: usage\n",
            "data: {\"tokens\": 7}\n\n",
        ],
        true,
    )
    .await;
    let events: Vec<_> = client(&url)
        .chat()
        .stream(ChatStreamBody::new("hi"))
        .stream()
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 6, "{events:?}");
    let data = |i: usize| &events[i].as_ref().unwrap().data;
    assert!(matches!(data(0), ChatStreamEvent::Delta(d) if d.text == "Hel"));
    assert_eq!(events[0].as_ref().unwrap().event.as_deref(), Some("delta"));
    // Text data is not read as JSON.
    assert!(matches!(data(1), ChatStreamEvent::Note(n) if n == "thinking {not json}"));
    // A `delta` whose data does not fit is an error naming the field, and
    // the stream goes on.
    match &events[2] {
        Err(Error::Decode(error)) => assert_eq!(error.path(), Some("text")),
        other => panic!("expected a decode error, got {other:?}"),
    }
    // A name the document does not know is kept, not an error.
    assert!(matches!(data(3), ChatStreamEvent::Other(raw) if raw == "1"));
    assert_eq!(events[3].as_ref().unwrap().event.as_deref(), Some("ping"));
    assert!(matches!(data(4), ChatStreamEvent::Delta(d) if d.text == "lo"));
    assert!(matches!(data(5), ChatStreamEvent::Usage(u) if u.tokens == 7));
    let request = request.await.unwrap();
    assert!(request.contains("accept: text/event-stream"), "{request}");
}

#[tokio::test]
async fn text_events_are_the_text_sent() {
    let (url, _) = serve(
        200,
        "text/event-stream",
        vec![
            "id: 1\ndata: first line\ndata: second line\n\n",
            "data: {\"a\": 1}\n\n",
        ],
        true,
    )
    .await;
    let events: Vec<_> = client(&url)
        .log()
        .tail()
        .stream()
        .await
        .unwrap()
        .collect()
        .await;
    let events: Vec<_> = events.into_iter().map(Result::unwrap).collect();
    assert_eq!(events[0].data, "first line\nsecond line");
    assert_eq!(events[0].id.as_deref(), Some("1"));
    assert_eq!(events[1].data, "{\"a\": 1}");
}

#[tokio::test]
async fn text_plain_documented_as_json_lines_is_a_stream_of_values() {
    let (url, request) = serve(
        200,
        "text/plain",
        vec!["{\"id\": 1, \"title\": \"a\"}\n{\"id\"", ": 2}\n"],
        true,
    )
    .await;
    let entries: Vec<_> = client(&url)
        .feed()
        .read()
        .stream()
        .await
        .unwrap()
        .collect()
        .await;
    let ids: Vec<i64> = entries.into_iter().map(|e| e.unwrap().id).collect();
    assert_eq!(ids, [1, 2]);
    let request = request.await.unwrap();
    assert!(request.contains("accept: text/plain"), "{request}");
}
