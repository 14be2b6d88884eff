//! When the typed answer does not help: a decode error that says where the
//! body went wrong, the response as received (`send_raw`) and an untyped
//! decode (`send_untyped`), each still sent with credentials and retries.

use std::time::Duration;

use apideck_vault::runtime::{Backoff, RetryConfig};
use apideck_vault::{Error, Vault};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer, retry: RetryConfig) -> Vault {
    Vault::builder()
        .api_key("sk_test_escape")
        .app_id("app")
        .consumer_id("consumer")
        .server_url(server.uri())
        .retry(retry)
        .build()
        .expect("valid configuration")
}

/// A list whose second connection has a number where its name belongs.
fn misfit_list() -> serde_json::Value {
    json!({
        "status_code": 200,
        "status": "OK",
        "data": [{"id": "crm+a", "name": "A"}, {"id": "crm+b", "name": 42}]
    })
}

#[tokio::test]
async fn decode_errors_name_the_path_of_the_value_and_keep_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/vault/connections"))
        .respond_with(ResponseTemplate::new(200).set_body_json(misfit_list()))
        .mount(&server)
        .await;
    let error = client(&server, RetryConfig::none())
        .connections()
        .list()
        .send()
        .await
        .expect_err("a number is not a name");
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(decode.path(), Some("data[1].name"));
    let shown = error.to_string();
    assert!(shown.contains("at `data[1].name`"), "{shown}");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(decode.body()).unwrap(),
        misfit_list()
    );
}

#[tokio::test]
async fn send_untyped_reads_what_the_typed_answer_cannot() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/vault/connections"))
        .and(header("authorization", "Bearer sk_test_escape"))
        .respond_with(ResponseTemplate::new(200).set_body_json(misfit_list()))
        .expect(1)
        .mount(&server)
        .await;
    let answer = client(&server, RetryConfig::none())
        .connections()
        .list()
        .send_untyped()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.value()["data"][1]["name"], 42);
}

#[tokio::test]
async fn send_untyped_keeps_error_statuses_typed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/vault/connections"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"status_code": 404, "message": "gone"})),
        )
        .mount(&server)
        .await;
    let error = client(&server, RetryConfig::none())
        .connections()
        .list()
        .send_untyped()
        .await
        .expect_err("404 is an error");
    assert_eq!(error.status(), Some(404));
}

#[tokio::test]
async fn send_raw_returns_any_status_after_retrying() {
    let server = MockServer::start().await;
    // The first answer is retried, as for `send`; the second is returned as is.
    Mock::given(method("GET"))
        .and(path("/vault/connections"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/vault/connections"))
        .and(header("authorization", "Bearer sk_test_escape"))
        .respond_with(ResponseTemplate::new(418).set_body_string("short and stout"))
        .expect(1)
        .mount(&server)
        .await;
    let retry = RetryConfig::backoff(Backoff {
        initial_interval: Duration::from_millis(1),
        max_interval: Duration::from_millis(2),
        ..Backoff::default()
    });
    let response = client(&server, retry)
        .connections()
        .list()
        .send_raw()
        .await
        .expect("a response, whatever its status");
    assert_eq!(response.status(), 418);
    assert_eq!(response.body(), b"short and stout");
}
