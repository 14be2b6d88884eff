//! The six Connections operations against an in-process mock server: what goes
//! on the wire (method, path, query, headers, body) and how every response,
//! good or bad, comes back.

use apideck_vault::models::{
    ConnectionImportData, ConnectionImportDataCredentials, ConnectionInput, GetConnectionResponse,
    GetConnectionsResponse,
};
use apideck_vault::runtime::RetryConfig;
use apideck_vault::{Error, Vault};
use serde_json::{json, Value};
use tests::examples;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sk_test_0123456789";

fn client(server: &MockServer) -> Vault {
    Vault::builder()
        .api_key(KEY)
        .app_id("app-under-test")
        .consumer_id("test-consumer")
        .server_url(server.uri())
        // Error statuses are asserted one attempt at a time; retries have their own tests.
        .retry(RetryConfig::none())
        .build()
        .expect("valid configuration")
}

/// The document's own example for a component schema.
fn example(schema: &str) -> Value {
    let spec = tests::vault_spec();
    examples::example(&spec, examples::component(&spec, schema))
        .expect("the document has an example")
}

/// Headers every Vault call sends.
fn authenticated(mock: wiremock::MockBuilder) -> wiremock::MockBuilder {
    mock.and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(header("x-apideck-app-id", "app-under-test"))
        .and(header("x-apideck-consumer-id", "test-consumer"))
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

#[tokio::test]
async fn list_sends_filters_and_decodes_the_example() {
    let server = MockServer::start().await;
    let body = example("GetConnectionsResponse");
    authenticated(Mock::given(method("GET")).and(path("/vault/connections")))
        .and(query_param("api", "crm"))
        .and(query_param("configured", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;

    let list: GetConnectionsResponse = client(&server)
        .connections()
        .list()
        .api("crm")
        .configured(true)
        .send()
        .await
        .unwrap();
    assert_eq!(list.status_code, body["status_code"].as_i64().unwrap());
    assert_eq!(list.data.len(), body["data"].as_array().unwrap().len());
    assert_eq!(
        serde_json::to_value(&list).unwrap(),
        body,
        "nothing lost in decoding"
    );
    let sent = only_request(&server).await;
    assert_eq!(sent.url.query(), Some("api=crm&configured=true"));
    assert!(sent
        .headers
        .get("user-agent")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("apideck-vault/"));
}

#[tokio::test]
async fn get_and_token_decode_a_single_connection() {
    let server = MockServer::start().await;
    let body = example("GetConnectionResponse");
    authenticated(Mock::given(method("GET")).and(path("/vault/connections/crm/pipedrive")))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;
    authenticated(Mock::given(method("POST")).and(path("/vault/connections/crm/pipedrive/token")))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;

    let vault = client(&server);
    let one: GetConnectionResponse = vault
        .connections()
        .get("crm", "pipedrive")
        .send()
        .await
        .unwrap();
    assert_eq!(serde_json::to_value(&one).unwrap(), body);
    let token: GetConnectionResponse = vault
        .connections()
        .token("crm", "pipedrive")
        .send()
        .await
        .unwrap();
    assert_eq!(token, one);
    // The document admits only `{}` as this body: the SDK sends it, no setter needed.
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[1].body, b"{}");
    assert_eq!(requests[1].headers["content-type"], "application/json");
    vault
        .validate_connection()
        .state("crm", "pipedrive")
        .send()
        .await
        .expect_err("no mock for /validate");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[2].body, b"{}");
}

#[tokio::test]
async fn update_sends_exactly_the_input_fields() {
    let server = MockServer::start().await;
    let sent_body = json!({
        "enabled": true,
        "settings": {"instance_url": "https://acme.example.com"},
        "metadata": null
    });
    authenticated(Mock::given(method("PATCH")).and(path("/vault/connections/crm/pipedrive")))
        .and(header("content-type", "application/json"))
        .and(body_json(&sent_body))
        .respond_with(ResponseTemplate::new(200).set_body_json(example("UpdateConnectionResponse")))
        .expect(1)
        .mount(&server)
        .await;

    let mut settings = std::collections::BTreeMap::new();
    settings.insert("instance_url".to_owned(), json!("https://acme.example.com"));
    let mut input = ConnectionInput::default()
        .with_enabled(true)
        .with_settings(settings);
    input.metadata = Some(apideck_vault::Nullable::Null); // an explicit null clears the metadata
    let updated = client(&server)
        .connections()
        .update("crm", "pipedrive", input)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status_code, 200);
    let sent: Value = serde_json::from_slice(&only_request(&server).await.body).unwrap();
    assert_eq!(
        sent, sent_body,
        "read-only fields cannot even be expressed in ConnectionInput"
    );
}

#[tokio::test]
async fn delete_accepts_an_empty_204() {
    let server = MockServer::start().await;
    authenticated(Mock::given(method("DELETE")).and(path("/vault/connections/crm/pipedrive")))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .connections()
        .delete("crm", "pipedrive")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn imports_posts_credentials() {
    let server = MockServer::start().await;
    let sent_body = json!({"credentials": {"access_token": "at_123", "refresh_token": null, "expires_in": 3600}});
    authenticated(Mock::given(method("POST")).and(path("/vault/connections/crm/pipedrive/import")))
        .and(body_json(&sent_body))
        .respond_with(ResponseTemplate::new(200).set_body_json(example("CreateConnectionResponse")))
        .expect(1)
        .mount(&server)
        .await;
    let mut credentials = ConnectionImportDataCredentials::default()
        .with_access_token("at_123")
        .with_expires_in(3600);
    credentials.refresh_token = Some(apideck_vault::Nullable::Null);
    let data = ConnectionImportData::default().with_credentials(credentials);
    let created = client(&server)
        .connections()
        .imports("crm", "pipedrive", data)
        .send()
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(&created).unwrap(),
        example("CreateConnectionResponse")
    );
}

#[tokio::test]
async fn path_parameters_are_one_encoded_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(example("GetConnectionResponse")))
        .mount(&server)
        .await;
    client(&server)
        .connections()
        .get("a/b c", "x?y#z")
        .send()
        .await
        .unwrap();
    assert_eq!(
        only_request(&server).await.url.path(),
        "/vault/connections/a%2Fb%20c/x%3Fy%23z"
    );
}

#[tokio::test]
async fn per_call_values_override_the_client() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-apideck-consumer-id", "other-consumer"))
        .and(header("x-apideck-app-id", "other-app"))
        .respond_with(ResponseTemplate::new(200).set_body_json(example("GetConnectionsResponse")))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .connections()
        .list()
        .consumer_id("other-consumer")
        .app_id("other-app")
        .send()
        .await
        .unwrap();
    let sent = only_request(&server).await;
    assert_eq!(
        sent.headers.get_all("x-apideck-app-id").iter().count(),
        1,
        "the override replaces the client's value"
    );
}

/// Every documented error status decodes into its own variant with the model.
#[tokio::test]
async fn documented_error_statuses_map_to_variants() {
    let cases = [
        (400, "BadRequestResponse"),
        (401, "UnauthorizedResponse"),
        (402, "PaymentRequiredResponse"),
        (404, "NotFoundResponse"),
        (422, "UnprocessableResponse"),
        (500, "UnexpectedErrorResponse"),
    ];
    for (status, schema) in cases {
        let server = MockServer::start().await;
        let body = example(schema);
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).set_body_json(&body))
            .mount(&server)
            .await;
        let error = client(&server)
            .connections()
            .get("crm", "pipedrive")
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(status));
        let model = |e: &Error| -> Option<Value> {
            match e {
                Error::BadRequest(e) if status == 400 => serde_json::to_value(e.model()?).ok(),
                Error::Unauthorized(e) if status == 401 => serde_json::to_value(e.model()?).ok(),
                Error::PaymentRequired(e) if status == 402 => serde_json::to_value(e.model()?).ok(),
                Error::NotFound(e) if status == 404 => serde_json::to_value(e.model()?).ok(),
                Error::Unprocessable(e) if status == 422 => serde_json::to_value(e.model()?).ok(),
                Error::Unexpected(e) if status == 500 => serde_json::to_value(e.model()?).ok(),
                _ => None,
            }
        };
        assert_eq!(
            model(&error),
            Some(body.clone()),
            "{status} → wrong variant or model: {error:?}"
        );
        let shown = error.to_string();
        assert!(shown.contains(&status.to_string()), "{shown}");
        if let Some(message) = body["message"].as_str() {
            assert!(
                shown.contains(message),
                "Display shows the message: {shown}"
            );
        }
    }
}

/// Every error reads the same way, whatever its variant: status, headers,
/// body, message, and the fields all Vault error bodies share.
#[tokio::test]
async fn any_error_reads_in_one_line() {
    for (status, schema) in [
        (400, "BadRequestResponse"),
        (401, "UnauthorizedResponse"),
        (402, "PaymentRequiredResponse"),
        (404, "NotFoundResponse"),
        (409, "ConflictResponse"),
        (422, "UnprocessableResponse"),
        (503, "UnexpectedErrorResponse"),
    ] {
        let server = MockServer::start().await;
        let body = example(schema);
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("x-request-id", "req-42")
                    .set_body_json(&body),
            )
            .mount(&server)
            .await;
        let error = client(&server)
            .connections()
            .get("crm", "x")
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            error.headers().unwrap()["x-request-id"],
            "req-42",
            "{status}"
        );
        assert_eq!(
            serde_json::from_slice::<Value>(error.body().unwrap()).unwrap(),
            body,
            "{status}"
        );
        let message = error
            .message()
            .unwrap_or_else(|| panic!("{status}: no message"));
        assert!(
            message.contains(body["message"].as_str().unwrap()),
            "{status}: {message}"
        );
        let details = error
            .details()
            .unwrap_or_else(|| panic!("{status}: no details"));
        assert_eq!(details.message, body["message"].as_str(), "{status}");
        assert_eq!(details.type_name, body["type_name"].as_str(), "{status}");
        assert_eq!(details.error, body["error"].as_str(), "{status}");
    }
    // A body that is not the documented model still has headers, body and no details.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_string("<html>gone</html>"))
        .mount(&server)
        .await;
    let error = client(&server)
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.body(), Some(&b"<html>gone</html>"[..]));
    assert!(error.message().is_none() && error.details().is_none());
    // An undecodable success keeps headers and body; the message is the decoder's.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req-7")
                .set_body_string("[]"),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)));
    assert_eq!(error.headers().unwrap()["x-request-id"], "req-7");
    assert!(error.message().unwrap().contains("invalid type"), "{error}");
    // Errors without a response have none of these.
    let refused = Vault::builder()
        .api_key(KEY)
        .app_id("a")
        .consumer_id("c")
        .server_url("http://127.0.0.1:9")
        .retry(RetryConfig::none())
        .build()
        .unwrap();
    let error = refused
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.headers().is_none() && error.body().is_none() && error.message().is_none());
}

#[tokio::test]
async fn an_error_body_that_is_not_json_keeps_status_and_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_string("<html>gateway</html>"))
        .mount(&server)
        .await;
    match client(&server).connections().get("crm", "x").send().await {
        Err(Error::NotFound(error)) => {
            assert!(error.model().is_none());
            assert_eq!(error.body_text(), "<html>gateway</html>");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn a_success_body_that_does_not_decode_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("surprise: not json"))
        .mount(&server)
        .await;
    match client(&server).connections().list().send().await {
        Err(Error::Decode(error)) => {
            assert_eq!(error.status(), 200);
            assert_eq!(error.body(), b"surprise: not json");
            assert!(!error.message().is_empty());
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn crlf_in_a_header_value_is_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let error = client(&server)
        .connections()
        .list()
        .consumer_id("evil\r\nX-Injected: 1")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(error.to_string().contains("x-apideck-consumer-id"));
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn bad_configuration_fails_at_build_and_never_shows_the_key() {
    let missing = Vault::builder().app_id("a").build().unwrap_err();
    assert!(
        matches!(missing, Error::Config(_)) && missing.to_string().contains("api_key"),
        "{missing}"
    );
    let crlf = Vault::builder()
        .api_key("sk_secret\nx")
        .app_id("a")
        .build()
        .unwrap_err();
    assert!(!crlf.to_string().contains("sk_secret"), "{crlf}");
    let url = Vault::builder()
        .api_key("k")
        .app_id("a")
        .server_url("not a url")
        .build()
        .unwrap_err();
    assert!(url.to_string().contains("not a valid URL"), "{url}");
    let consumer = Vault::builder()
        .api_key("k")
        .app_id("a")
        .consumer_id("x\r\ny")
        .build()
        .unwrap_err();
    assert!(consumer.to_string().contains("consumer_id"), "{consumer}");

    let vault = Vault::builder()
        .api_key("sk_live_very_secret")
        .app_id("a")
        .build()
        .unwrap();
    assert_eq!(vault.server_url(), "https://unify.apideck.com");
    let debug = format!(
        "{vault:?} {:?}",
        Vault::builder().api_key("sk_live_very_secret")
    );
    assert!(!debug.contains("sk_live_very_secret"), "{debug}");
}

#[test]
fn the_client_is_shareable_across_threads() {
    fn assert_shareable<T: Clone + Send + Sync + 'static>() {}
    assert_shareable::<Vault>();
    assert_shareable::<apideck_vault::resources::connections::ConnectionsList>();
}
