//! Query encoding of `deepObject` filters, and cursor pagination as a stream.

use apideck_vault::models::{Log, LogsFilter};
use apideck_vault::runtime::RetryConfig;
use apideck_vault::{DateTime, Error, Vault};
use futures_util::StreamExt;
use serde_json::{json, Value};
use tests::examples;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Vault {
    Vault::builder()
        .api_key("sk_test")
        .app_id("app")
        .consumer_id("test-consumer")
        .server_url(server.uri())
        .retry(RetryConfig::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn deep_object_filters_are_bracketed_typed_and_rfc3339() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/vault/logs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0, None)))
        .mount(&server)
        .await;
    let filter = LogsFilter::default()
        .with_connector_id("crm+hubspot")
        .with_status_code(201)
        .with_start_date(DateTime::parse("2024-05-01T00:00:00.000Z").unwrap());
    client(&server)
        .logs()
        .list()
        .filter(filter)
        .limit(20)
        .send()
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.query(),
        Some(
            "filter%5Bconnector_id%5D=crm%2Bhubspot&filter%5Bstart_date%5D=2024-05-01T00%3A00%3A00.000Z\
             &filter%5Bstatus_code%5D=201&limit=20"
        )
    );
    let pairs: Vec<(String, String)> = requests[0].url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [
            ("filter[connector_id]", "crm+hubspot"),
            ("filter[start_date]", "2024-05-01T00:00:00.000Z"),
            ("filter[status_code]", "201"),
            ("limit", "20"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

/// A logs page whose items have ids `page-0`, `page-1`, and the given next cursor.
fn page(number: usize, next: Option<&str>) -> Value {
    let spec = tests::vault_spec();
    let log = examples::example(&spec, examples::component(&spec, "Log")).unwrap();
    let items: Vec<Value> = (0..2)
        .map(|i| {
            let mut item = log.clone();
            item["id"] = json!(format!("{number}-{i}"));
            item
        })
        .collect();
    json!({
        "status_code": 200,
        "status": "OK",
        "data": items,
        "meta": {"items_on_page": 2, "cursors": {"previous": null, "current": null, "next": next}}
    })
}

async fn mount_pages(server: &MockServer, second: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0, Some("c1"))))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("cursor", "c1"))
        .respond_with(second)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(2, None)))
        .mount(server)
        .await;
}

#[tokio::test]
async fn into_stream_walks_every_page_until_the_cursor_runs_out() {
    let server = MockServer::start().await;
    mount_pages(
        &server,
        ResponseTemplate::new(200).set_body_json(page(1, Some("c2"))),
    )
    .await;
    let logs: Vec<Result<Log, Error>> = client(&server)
        .logs()
        .list()
        .limit(2)
        .into_stream()
        .collect()
        .await;
    let ids: Vec<String> = logs.into_iter().map(|log| log.unwrap().id).collect();
    assert_eq!(ids, ["0-0", "0-1", "1-0", "1-1", "2-0", "2-1"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3, "one request per page");
    assert!(
        requests
            .iter()
            .all(|r| r.url.query_pairs().any(|(k, v)| k == "limit" && v == "2")),
        "settings carry over"
    );
}

#[tokio::test]
async fn an_error_on_page_two_is_passed_through_and_ends_the_stream() {
    let server = MockServer::start().await;
    let failure = ResponseTemplate::new(500).set_body_json(json!({"message": "upstream down"}));
    mount_pages(&server, failure).await;
    let results: Vec<Result<Log, Error>> =
        client(&server).logs().list().into_stream().collect().await;
    assert_eq!(results.len(), 3, "two items, then the error, then nothing");
    assert!(results[..2].iter().all(Result::is_ok));
    match &results[2] {
        Err(Error::Unexpected(error)) => assert_eq!(error.status(), 500),
        other => panic!("expected the 500, got {other:?}"),
    }
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "page three is never requested"
    );
}

#[tokio::test]
async fn send_still_returns_one_page() {
    let server = MockServer::start().await;
    mount_pages(
        &server,
        ResponseTemplate::new(200).set_body_json(page(1, Some("c2"))),
    )
    .await;
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0, Some("c1"))))
        .mount(&server)
        .await;
    let first = client(&server).logs().list().send().await.unwrap();
    assert_eq!(first.data.len(), 2);
    let next = first
        .meta
        .and_then(|m| m.cursors)
        .and_then(|c| c.next)
        .and_then(apideck_vault::Nullable::into_value);
    assert_eq!(
        next.as_deref(),
        Some("c1"),
        "the caller can page by hand too"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
