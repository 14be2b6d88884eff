//! The SDK against a hostile server and a careless log: it never panics, never
//! storms the server, never sends a credential to another origin and never
//! prints a secret.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use apideck_vault::models::{
    ConnectionImportData, ConnectionImportDataCredentials, CreateSessionResponse,
    CreateSessionResponseData,
};
use apideck_vault::runtime::{Backoff, RedirectRefusal, RetryConfig, MAX_REDIRECTS};
use apideck_vault::{Error, Vault};
use serde_json::json;
use tests::examples;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_hostile_key_0123";
const APP_ID: &str = "app_id_that_is_a_credential";
const ACCESS_TOKEN: &str = "at_secret_access_token";
const REFRESH_TOKEN: &str = "rt_secret_refresh_token";

fn builder(server: &MockServer) -> apideck_vault::VaultBuilder {
    Vault::builder()
        .api_key(KEY)
        .app_id(APP_ID)
        .consumer_id("consumer")
        .server_url(server.uri())
}

fn connection() -> serde_json::Value {
    let spec = tests::vault_spec();
    examples::example(&spec, examples::component(&spec, "GetConnectionResponse")).unwrap()
}

/// Backoff starting at `initial`, doubling, without jitter, for at most `budget`.
fn backoff(initial: Duration, budget: Duration) -> RetryConfig {
    RetryConfig::backoff(Backoff {
        initial_interval: initial,
        max_interval: Duration::from_secs(60),
        exponent: 2.0,
        max_elapsed_time: budget,
        jitter: false,
    })
}

/// Gets one connection, expecting the call to fail.
async fn fail(vault: &Vault) -> Error {
    vault
        .connections()
        .get("crm", "x")
        .send()
        .await
        .expect_err("the call fails")
}

/// A server that answers every request with `template`.
async fn serve(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

fn import_data() -> ConnectionImportData {
    ConnectionImportData::default().with_credentials(
        ConnectionImportDataCredentials::default()
            .with_access_token(ACCESS_TOKEN)
            .with_refresh_token(REFRESH_TOKEN),
    )
}

// --- Retry-After -----------------------------------------------------------

/// Failure 1: `Retry-After: u64::MAX` after an attempt that took a second
/// overflowed `Duration` addition and panicked in the caller.
#[tokio::test]
async fn an_enormous_retry_after_ends_the_call_without_panicking() {
    let server = serve(
        ResponseTemplate::new(503)
            .insert_header("retry-after", "18446744073709551615")
            .set_delay(Duration::from_millis(1100)),
    )
    .await;
    let vault = builder(&server)
        .retry(backoff(Duration::from_millis(10), Duration::from_secs(60)))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = fail(&vault).await;
    assert_eq!(
        error.status(),
        Some(503),
        "the last response's error: {error}"
    );
    assert_eq!(received(&server).await.len(), 1, "no sleep past the budget");
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// Failure 2: `Retry-After: 0` replaced the backoff, so a call retried at once,
/// about a thousand times in two seconds. The schedule is now the minimum.
#[tokio::test]
async fn a_zero_or_past_retry_after_cannot_shorten_the_backoff() {
    for (name, value) in [
        ("retry-after", "0".to_owned()),
        ("retry-after-ms", "-5000".to_owned()),
        (
            "retry-after",
            httpdate::fmt_http_date(std::time::SystemTime::now() - Duration::from_secs(3600)),
        ),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503).insert_header(name, value.as_str()))
            .mount(&server)
            .await;
        let vault = builder(&server)
            // Waits of 100, 200, 400 and 800 ms fit in 2 s; the next would not.
            .retry(backoff(Duration::from_millis(100), Duration::from_secs(2)))
            .build()
            .unwrap();
        let error = vault
            .connections()
            .get("crm", "x")
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(503));
        let attempts = received(&server).await.len();
        assert!(
            (3..=5).contains(&attempts),
            "{name}: {value}: {attempts} attempts in 2 s"
        );
    }
}

// --- Redirects ---------------------------------------------------------------

/// Failure 3: a 307 to another origin re-sent the app id and the import body
/// (access and refresh tokens) there. No redirect to another origin is followed.
#[tokio::test]
async fn a_redirect_to_another_origin_carries_no_credential_and_no_body() {
    for status in [301, 302, 303, 307, 308] {
        let evil = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(connection()))
            .mount(&evil)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(connection()))
            .mount(&evil)
            .await;
        let origin = MockServer::start().await;
        let location = format!("{}/steal", evil.uri());
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(status).insert_header("location", location.as_str()),
            )
            .mount(&origin)
            .await;
        let vault = builder(&origin).build().unwrap();
        let outcome = vault
            .connections()
            .imports("crm", "pipedrive", import_data())
            .send()
            .await;
        let leaked = received(&evil).await;
        assert!(
            leaked.is_empty(),
            "{status}: the other origin received {:?}",
            leaked
                .iter()
                .map(|r| (
                    r.headers.clone(),
                    String::from_utf8_lossy(&r.body).into_owned()
                ))
                .collect::<Vec<_>>()
        );
        assert!(outcome.is_err(), "{status}: the call fails");
        assert_eq!(received(&origin).await.len(), 1, "{status}: not retried");
    }
}

// --- Sensitive headers and Debug -------------------------------------------

/// Failure 4: the app id header was an ordinary header, so it showed in the
/// `Debug` of the request a hook receives.
#[tokio::test]
async fn credential_headers_are_sensitive_in_the_request_hooks_see() {
    let server = serve(ResponseTemplate::new(200).set_body_json(connection())).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let vault = builder(&server)
        .hook(apideck_vault::runtime::before_request(move |_, request| {
            record.lock().unwrap().push(format!("{request:?}"));
        }))
        .build()
        .unwrap();
    vault.connections().get("crm", "x").send().await.unwrap();
    vault
        .connections()
        .get("crm", "x")
        .app_id("per_call_app_id_secret")
        .send()
        .await
        .unwrap();
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    for debug in seen.iter() {
        assert!(!debug.contains(KEY), "{debug}");
        assert!(!debug.contains(APP_ID), "{debug}");
        assert!(!debug.contains("per_call_app_id_secret"), "{debug}");
        assert!(
            debug.contains("x-apideck-app-id"),
            "the header is there: {debug}"
        );
    }
    // Still sent as set.
    let sent = received(&server).await;
    assert_eq!(sent[0].headers["x-apideck-app-id"], APP_ID);
    assert_eq!(
        sent[1].headers["x-apideck-app-id"],
        "per_call_app_id_secret"
    );
}

/// Failure 5: models and request builders that carry tokens printed them.
#[test]
fn secret_fields_are_redacted_in_debug_but_serialized_in_full() {
    let data = import_data();
    let debug = format!("{data:?} {data:#?}");
    assert!(
        !debug.contains(ACCESS_TOKEN) && !debug.contains(REFRESH_TOKEN),
        "{debug}"
    );
    assert!(
        debug.contains("access_token"),
        "the field is named: {debug}"
    );
    let json = serde_json::to_string(&data).unwrap();
    assert!(
        json.contains(ACCESS_TOKEN) && json.contains(REFRESH_TOKEN),
        "{json}"
    );

    let session = CreateSessionResponse::new(
        200,
        "OK",
        CreateSessionResponseData::new("https://vault.example/session", "st_secret_session_token"),
    );
    let debug = format!("{session:?}");
    assert!(!debug.contains("st_secret_session_token"), "{debug}");
    assert!(debug.contains("https://vault.example/session"), "{debug}");

    let vault = Vault::builder()
        .api_key(KEY)
        .app_id(APP_ID)
        .build()
        .unwrap();
    let request = vault
        .connections()
        .imports("crm", "pipedrive", import_data())
        .app_id("per_call_app_id_secret");
    let debug = format!("{request:?}");
    for secret in [
        KEY,
        APP_ID,
        ACCESS_TOKEN,
        REFRESH_TOKEN,
        "per_call_app_id_secret",
    ] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
}

/// Secrets under names the document does not list (free-form maps, unknown
/// properties) are redacted by the same name rule.
#[test]
fn secret_names_inside_free_form_json_are_redacted_in_debug() {
    let mut data = import_data();
    data.settings = Some(apideck_vault::Nullable::Value(
        [
            ("client_secret".to_owned(), json!("cs_hidden_value")),
            ("instance_url".to_owned(), json!("https://shown.example")),
        ]
        .into_iter()
        .collect::<std::collections::BTreeMap<_, _>>()
        .into(),
    ));
    data.additional_properties
        .insert("nested".to_owned(), json!({"password": "pw_hidden_value"}));
    let debug = format!("{data:?}");
    assert!(
        !debug.contains("cs_hidden_value") && !debug.contains("pw_hidden_value"),
        "{debug}"
    );
    assert!(debug.contains("https://shown.example"), "{debug}");
}

// --- Bounded error text and bodies ------------------------------------------

/// Failure 6: a decode error quoted the offending value whole, so an 8 MiB
/// string gave an 8 MiB message.
#[tokio::test]
async fn decode_error_text_is_bounded_and_the_body_kept_whole() {
    let server = MockServer::start().await;
    let huge = "x".repeat(8 << 20);
    let body = json!({"status_code": 200, "status": "OK", "data": huge}).to_string();
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body.clone()))
        .mount(&server)
        .await;
    let vault = builder(&server).retry(RetryConfig::none()).build().unwrap();
    let error = fail(&vault).await;
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error}");
    };
    assert!(
        error.to_string().len() < 1024,
        "{} bytes",
        error.to_string().len()
    );
    assert!(format!("{error:?}").len() < 4096, "Debug is bounded too");
    assert_eq!(decode.body(), body.as_bytes(), "the raw body is kept whole");
}

/// An error body with an enormous message gives a bounded `Display`.
#[tokio::test]
async fn api_error_text_is_bounded() {
    let server = MockServer::start().await;
    let message = "m".repeat(1 << 20);
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "status_code": 400, "error": "Bad Request", "type_name": "RequestValidationError",
            "message": message,
        })))
        .mount(&server)
        .await;
    let vault = builder(&server).retry(RetryConfig::none()).build().unwrap();
    let error = fail(&vault).await;
    assert!(matches!(error, Error::BadRequest(_)), "{error:?}");
    assert!(
        error.to_string().len() < 1024,
        "{} bytes",
        error.to_string().len()
    );
    assert!(format!("{error:?}").len() < 4096, "Debug is bounded too");
}

// --- What held, and must keep holding ----------------------------------------

/// 100,000 nested arrays are a decode error, not a stack overflow.
#[tokio::test]
async fn deeply_nested_json_is_a_decode_error() {
    let server = MockServer::start().await;
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    let vault = builder(&server).retry(RetryConfig::none()).build().unwrap();
    let error = fail(&vault).await;
    assert!(matches!(error, Error::Decode(_)), "{error}");
}

/// Many calls at once on one client all succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_concurrent_calls_on_one_client_succeed() {
    let server = serve(ResponseTemplate::new(200).set_body_json(connection())).await;
    let vault = builder(&server).build().unwrap();
    let calls = (0..500).map(|i| {
        let vault = vault.clone();
        tokio::spawn(async move {
            vault
                .connections()
                .get("crm", format!("service-{i}"))
                .send()
                .await
        })
    });
    let outcomes = futures_util::future::join_all(calls).await;
    assert!(outcomes.into_iter().all(|o| o.unwrap().is_ok()));
    assert_eq!(received(&server).await.len(), 500);
}

/// The refused redirect is an error that says what happened and where to.
#[tokio::test]
async fn a_cross_origin_redirect_is_an_error_with_status_and_location() {
    let origin = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", "https://elsewhere.example/x"),
        )
        .mount(&origin)
        .await;
    let vault = builder(&origin).build().unwrap();
    let error = fail(&vault).await;
    let Error::Redirect(redirect) = &error else {
        panic!("expected Error::Redirect, got {error:?}");
    };
    assert_eq!(redirect.status(), 302);
    assert_eq!(redirect.location(), "https://elsewhere.example/x");
    assert_eq!(redirect.refusal(), RedirectRefusal::CrossOrigin);
    assert_eq!(error.status(), Some(302));
    assert!(error.to_string().contains("another origin"), "{error}");
}

/// Same-origin redirects are followed with credentials; 307/308 repeat the
/// method and body, 301/302/303 after a POST continue as a body-less GET.
#[tokio::test]
async fn same_origin_redirects_are_followed() {
    for (status, final_method, keeps_body) in [
        (301, "GET", false),
        (302, "GET", false),
        (303, "GET", false),
        (307, "POST", true),
        (308, "POST", true),
    ] {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::path("/final"))
            .respond_with(ResponseTemplate::new(200).set_body_json(connection()))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).insert_header("location", "/final"))
            .mount(&server)
            .await;
        let vault = builder(&server).build().unwrap();
        vault
            .connections()
            .imports("crm", "pipedrive", import_data())
            .send()
            .await
            .unwrap_or_else(|error| panic!("{status}: {error}"));
        let requests = received(&server).await;
        assert_eq!(requests.len(), 2, "{status}");
        let last = &requests[1];
        assert_eq!(last.url.path(), "/final", "{status}");
        assert_eq!(last.method.as_str(), final_method, "{status}");
        assert_eq!(!last.body.is_empty(), keeps_body, "{status}");
        assert_eq!(
            last.headers["x-apideck-app-id"], APP_ID,
            "{status}: same origin"
        );
        if keeps_body {
            assert_eq!(last.body, requests[0].body, "{status}: the same body");
        }
    }
}

#[tokio::test]
async fn a_redirect_loop_ends_after_the_limit() {
    let server = serve(ResponseTemplate::new(307).insert_header("location", "/again")).await;
    let vault = builder(&server).build().unwrap();
    let error = fail(&vault).await;
    assert!(
        matches!(&error, Error::Redirect(r) if r.refusal() == RedirectRefusal::TooMany),
        "{error:?}"
    );
    assert_eq!(received(&server).await.len(), MAX_REDIRECTS + 1);
}

/// `max_attempts` bounds a policy whose time budget would allow more.
#[tokio::test]
async fn max_attempts_bounds_the_retries() {
    let server = serve(ResponseTemplate::new(503)).await;
    let vault = builder(&server)
        .retry(backoff(Duration::from_millis(1), Duration::from_secs(600)).max_attempts(3))
        .build()
        .unwrap();
    let error = fail(&vault).await;
    assert_eq!(error.status(), Some(503));
    assert_eq!(received(&server).await.len(), 3);
}

// --- Response size ---------------------------------------------------------

#[tokio::test]
async fn bodies_over_the_limit_fail_per_client_and_per_call() {
    let server = serve(ResponseTemplate::new(200).set_body_json(connection())).await;
    let size = serde_json::to_vec(&connection()).unwrap().len();
    let small = builder(&server)
        .max_response_size(size - 1)
        .build()
        .unwrap();
    let error = small
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap_err();
    let Error::ResponseTooLarge(too_large) = &error else {
        panic!("expected ResponseTooLarge, got {error:?}");
    };
    assert_eq!((too_large.status(), too_large.limit()), (200, size - 1));
    // A call may raise (or lower) its own limit.
    small
        .connections()
        .get("crm", "x")
        .max_response_size(size)
        .send()
        .await
        .unwrap();
    let roomy = builder(&server).build().unwrap();
    let error = roomy
        .connections()
        .get("crm", "x")
        .max_response_size(10)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ResponseTooLarge(_)), "{error:?}");
}

/// A server that streams without a length is cut off at the limit, not buffered:
/// a raw listener sends chunks until the client hangs up.
#[tokio::test]
async fn an_endless_chunked_body_is_cut_off_at_the_limit() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await.unwrap();
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        socket.write_all(head.as_bytes()).await.unwrap();
        let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
        // At most 256 MiB, so the test ends even if the client kept reading.
        let mut sent = 0usize;
        for _ in 0..4096 {
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                break;
            }
            sent += 64 * 1024;
        }
        sent
    });
    let vault = Vault::builder()
        .api_key(KEY)
        .app_id(APP_ID)
        .consumer_id("consumer")
        .server_url(format!("http://{address}"))
        .max_response_size(1024 * 1024)
        .retry(RetryConfig::none())
        .build()
        .unwrap();
    let error = fail(&vault).await;
    assert!(matches!(error, Error::ResponseTooLarge(_)), "{error:?}");
    drop(vault);
    let sent = tokio::time::timeout(Duration::from_secs(30), server)
        .await
        .expect("the server stops once the client hangs up")
        .unwrap();
    assert!(
        sent < 64 * 1024 * 1024,
        "the client stopped reading: {sent} bytes sent"
    );
}

/// A hook that logs every response, and an app that logs the error of a body
/// that did not decode, never print a token the server sent.
#[tokio::test]
async fn responses_and_decode_errors_in_logs_hide_tokens() {
    let server = MockServer::start().await;
    let mut body = connection();
    body["data"]["settings"] = json!({"access_token": "at_from_server_hidden"});
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status_code": 200, "status": "OK",
            "data": {"credentials": {"refresh_token": "rt_from_server_hidden"}, "enabled": "not a bool"}
        })))
        .mount(&server)
        .await;
    let logged = Arc::new(Mutex::new(Vec::new()));
    let log = logged.clone();
    let vault = builder(&server)
        .retry(RetryConfig::none())
        .hook(apideck_vault::runtime::after(move |_, outcome| {
            log.lock().unwrap().push(format!("{outcome:?}"));
        }))
        .build()
        .unwrap();
    let token = vault.connections().token("crm", "x").send().await.unwrap();
    let error = fail(&vault).await;
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    let mut printed = logged.lock().unwrap().clone();
    printed.push(format!("{token:?}"));
    printed.push(format!("{error} {error:?}"));
    assert_eq!(printed.len(), 4);
    for line in printed {
        assert!(
            !line.contains("at_from_server_hidden") && !line.contains("rt_from_server_hidden"),
            "{line}"
        );
    }
}
