//! The runtime around every call: retries, timeouts, configuration from the
//! environment, key providers, hooks, tracing, and response metadata.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use apideck_vault::runtime::{self, Failure, Response};
use apideck_vault::{Backoff, Error, HookContext, RetryConfig, Vault};
use serde_json::json;
use tests::examples;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn connection() -> serde_json::Value {
    let spec = tests::vault_spec();
    examples::example(&spec, examples::component(&spec, "GetConnectionResponse")).unwrap()
}

/// Quick backoff so tests do not wait: 10 ms, doubling, for at most `max_elapsed`.
fn quick(max_elapsed: Duration) -> RetryConfig {
    RetryConfig::backoff(Backoff {
        initial_interval: Duration::from_millis(10),
        max_interval: Duration::from_millis(100),
        exponent: 2.0,
        max_elapsed_time: max_elapsed,
        jitter: false,
    })
}

fn builder(url: &str) -> apideck_vault::VaultBuilder {
    Vault::builder()
        .api_key("sk_runtime_key")
        .app_id("app")
        .consumer_id("consumer")
        .server_url(url)
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

/// Answers `first` once, then 200 with a connection.
async fn flaky(server: &MockServer, first: ResponseTemplate) {
    Mock::given(method("GET"))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(connection()))
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_503_then_200_succeeds_after_one_retry() {
    let server = MockServer::start().await;
    flaky(&server, ResponseTemplate::new(503)).await;
    let vault = builder(&server.uri())
        .retry(quick(Duration::from_secs(5)))
        .build()
        .unwrap();
    vault.connections().get("crm", "x").send().await.unwrap();
    assert_eq!(requests(&server).await.len(), 2);
}

/// Retry-After is honoured, measured on tokio's paused clock: the wait between
/// the two attempts is the server's 1 s, not the backoff's 10 ms.
#[tokio::test(start_paused = true)]
async fn retry_after_is_waited_for_on_the_paused_clock() {
    let server = MockServer::start().await;
    flaky(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
    )
    .await;
    let starts = Arc::new(Mutex::new(Vec::new()));
    let recorded = starts.clone();
    // No pooled connections and no timeout: no other timer can move the paused clock.
    let vault = builder(&server.uri())
        .http_client(|http| http.pool_max_idle_per_host(0))
        .without_timeout()
        .retry(quick(Duration::from_secs(30)))
        .hook(runtime::before_request(move |_, _| {
            recorded.lock().unwrap().push(tokio::time::Instant::now())
        }))
        .build()
        .unwrap();
    vault.connections().get("crm", "x").send().await.unwrap();
    let starts = starts.lock().unwrap();
    assert_eq!(starts.len(), 2);
    let waited = starts[1] - starts[0];
    assert!(
        waited >= Duration::from_secs(1) && waited < Duration::from_millis(1100),
        "{waited:?}"
    );
}

#[tokio::test]
async fn a_400_is_never_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400))
        .mount(&server)
        .await;
    let vault = builder(&server.uri())
        .retry(quick(Duration::from_secs(5)))
        .build()
        .unwrap();
    let error = vault
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::BadRequest(_)));
    assert_eq!(requests(&server).await.len(), 1);
}

/// Counts attempts that failed without a response.
fn counting_errors(counter: Arc<AtomicUsize>) -> impl apideck_vault::Hook {
    runtime::after(move |_, outcome: Result<&Response, &Failure>| {
        if outcome.is_err() {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    })
}

#[tokio::test]
async fn connection_refused_is_retried_only_when_configured() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}"); // nothing listens here any more
    for (retry_connection_errors, expect_many) in [(true, true), (false, false)] {
        let attempts = Arc::new(AtomicUsize::new(0));
        let retry =
            quick(Duration::from_millis(200)).retry_connection_errors(retry_connection_errors);
        let vault = builder(&url)
            .retry(retry)
            .hook(counting_errors(attempts.clone()))
            .build()
            .unwrap();
        let error = vault
            .connections()
            .get("crm", "x")
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::Transport(ref e) if e.is_connect()),
            "{error:?}"
        );
        let attempts = attempts.load(Ordering::SeqCst);
        assert_eq!(
            attempts > 1,
            expect_many,
            "{attempts} attempts with retry_connection_errors={retry_connection_errors}"
        );
    }
}

#[tokio::test]
async fn max_elapsed_time_is_respected() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let vault = builder(&server.uri())
        .retry(quick(Duration::from_millis(300)))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let error = vault
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503), "the last response is returned");
    // Waits of 10, 20, 40, 80, 100, 100 ms fit in 300 ms; the next does not.
    let attempts = requests(&server).await.len();
    assert!((4..=8).contains(&attempts), "{attempts} attempts");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn per_call_config_beats_client_config_beats_defaults() {
    // Client says never retry; the call says retry.
    let server = MockServer::start().await;
    flaky(&server, ResponseTemplate::new(503)).await;
    let vault = builder(&server.uri())
        .retry(RetryConfig::none())
        .build()
        .unwrap();
    vault
        .connections()
        .get("crm", "x")
        .retry(quick(Duration::from_secs(5)))
        .send()
        .await
        .unwrap();
    assert_eq!(requests(&server).await.len(), 2, "the call's policy won");

    // Client says retry; the call says never.
    let server = MockServer::start().await;
    flaky(&server, ResponseTemplate::new(503)).await;
    let vault = builder(&server.uri())
        .retry(quick(Duration::from_secs(5)))
        .build()
        .unwrap();
    let error = vault
        .connections()
        .get("crm", "x")
        .retry(RetryConfig::none())
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(requests(&server).await.len(), 1, "the call's policy won");

    // Nothing set: the default policy retries a 503 (after about 0.5–1 s).
    let server = MockServer::start().await;
    flaky(&server, ResponseTemplate::new(503)).await;
    builder(&server.uri())
        .build()
        .unwrap()
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap();
    assert_eq!(
        requests(&server).await.len(),
        2,
        "the default policy retried"
    );
}

#[test]
fn the_default_policy_is_apideck_s() {
    let default = RetryConfig::default();
    let backoff = default.backoff_settings().unwrap();
    assert_eq!(backoff.initial_interval, Duration::from_millis(500));
    assert_eq!(backoff.max_interval, Duration::from_secs(60));
    assert_eq!(backoff.exponent, 1.5);
    assert_eq!(backoff.max_elapsed_time, Duration::from_secs(900));
    assert!(backoff.jitter);
    assert_eq!(default, RetryConfig::backoff(Backoff::default()));
    assert_eq!(
        runtime::DEFAULT_RETRY_STATUSES,
        [408, 429, 500, 502, 503, 504]
    );
}

#[tokio::test]
async fn a_retried_patch_sends_the_same_body_every_time() {
    // A PATCH carries no idempotency key in this API: it is tried again only
    // when the server refused it unread (429), never after a 502.
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(429))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    let spec = tests::vault_spec();
    let updated = examples::example(
        &spec,
        examples::component(&spec, "UpdateConnectionResponse"),
    )
    .unwrap();
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(updated))
        .mount(&server)
        .await;
    let vault = builder(&server.uri())
        .retry(quick(Duration::from_secs(5)))
        .build()
        .unwrap();
    let input = apideck_vault::models::ConnectionInput::default().with_enabled(false);
    vault
        .connections()
        .update("crm", "x", input)
        .send()
        .await
        .unwrap();
    let bodies: Vec<Vec<u8>> = requests(&server)
        .await
        .into_iter()
        .map(|r| r.body)
        .collect();
    assert_eq!(bodies.len(), 3);
    assert!(bodies.iter().all(|b| *b == bodies[0]), "identical bodies");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&bodies[0]).unwrap(),
        json!({"enabled": false})
    );
}

#[tokio::test]
async fn a_patch_answered_502_is_not_sent_again() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(502))
        .expect(1)
        .mount(&server)
        .await;
    let vault = builder(&server.uri())
        .retry(quick(Duration::from_secs(5)))
        .build()
        .unwrap();
    let input = apideck_vault::models::ConnectionInput::default().with_enabled(false);
    let outcome = vault.connections().update("crm", "x", input).send().await;
    assert_eq!(outcome.unwrap_err().status(), Some(502));
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(connection())
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let vault = builder(&server.uri())
        .timeout(Duration::from_millis(150))
        .retry(RetryConfig::none())
        .build()
        .unwrap();
    let error = vault
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    // A per-call limit beats the client's.
    let patient = builder(&server.uri())
        .timeout(Duration::from_secs(30))
        .retry(RetryConfig::none())
        .build()
        .unwrap();
    let error = patient
        .connections()
        .get("crm", "x")
        .timeout(Duration::from_millis(150))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
}

/// Environment variables are process-wide, so every case runs in this one test.
#[tokio::test]
async fn configuration_falls_back_to_the_environment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer sk_from_env"))
        .and(header("x-apideck-app-id", "app_from_env"))
        .and(header("x-apideck-consumer-id", "consumer_from_env"))
        .respond_with(ResponseTemplate::new(200).set_body_json(connection()))
        .expect(1)
        .mount(&server)
        .await;
    std::env::set_var("APIDECK_API_KEY", "sk_from_env");
    std::env::set_var("APIDECK_APP_ID", "app_from_env");
    std::env::set_var("APIDECK_CONSUMER_ID", "consumer_from_env");
    let from_env = Vault::builder().server_url(server.uri()).build().unwrap();
    from_env.connections().get("crm", "x").send().await.unwrap();
    assert!(Vault::from_env().is_ok());

    // Explicit values beat the environment.
    let explicit = Vault::builder()
        .api_key("sk_explicit")
        .server_url(server.uri())
        .build()
        .unwrap();
    let sent = explicit.connections().get("crm", "x").send().await;
    assert!(sent.is_err(), "the mock only answers the environment's key");
    let last = requests(&server).await.pop().unwrap();
    assert_eq!(last.headers["authorization"], "Bearer sk_explicit");

    for name in ["APIDECK_API_KEY", "APIDECK_APP_ID", "APIDECK_CONSUMER_ID"] {
        std::env::remove_var(name);
    }
    let missing = Vault::from_env().unwrap_err();
    assert!(missing.to_string().contains("APIDECK_API_KEY"), "{missing}");
}

#[tokio::test]
async fn an_async_key_provider_is_asked_on_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(connection()))
        .mount(&server)
        .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let vault = Vault::builder()
        .api_key_provider(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move { Ok::<_, String>(format!("sk_rotated_{n}")) }
        })
        .app_id("app")
        .consumer_id("consumer")
        .server_url(server.uri())
        .build()
        .unwrap();
    vault.connections().get("crm", "x").send().await.unwrap();
    vault.connections().get("crm", "x").send().await.unwrap();
    let keys: Vec<String> = requests(&server)
        .await
        .iter()
        .map(|r| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(keys, ["Bearer sk_rotated_0", "Bearer sk_rotated_1"]);

    let failing = Vault::builder()
        .api_key_provider(|| async { Err::<String, _>("vault sealed") })
        .app_id("app")
        .consumer_id("consumer")
        .server_url(server.uri())
        .build()
        .unwrap();
    let error = failing
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Credentials(_)) && error.to_string().contains("vault sealed"),
        "{error}"
    );
    assert_eq!(
        requests(&server).await.len(),
        2,
        "nothing sent without a key"
    );
}

#[tokio::test]
async fn hooks_run_in_the_order_registered_and_can_change_requests() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-trace", "first+second"))
        .respond_with(ResponseTemplate::new(200).set_body_json(connection()))
        .expect(1)
        .mount(&server)
        .await;
    let log = Arc::new(Mutex::new(Vec::new()));
    let hook = |name: &'static str| {
        let log = log.clone();
        runtime::before_request(
            move |context: &HookContext<'_>, request: &mut runtime::HttpRequest| {
                log.lock().unwrap().push(format!(
                    "{name} {} #{}",
                    context.operation_id, context.attempt
                ));
                let previous = request
                    .headers()
                    .get("x-trace")
                    .map(|v| v.to_str().unwrap().to_owned());
                let value = previous.map_or(name.to_owned(), |p| format!("{p}+{name}"));
                request
                    .headers_mut()
                    .insert("x-trace", value.parse().unwrap());
            },
        )
    };
    let seen = log.clone();
    let vault = builder(&server.uri())
        .hook(hook("first"))
        .hook(hook("second"))
        .hook(runtime::after(
            move |_, outcome: Result<&Response, &Failure>| {
                seen.lock().unwrap().push(format!(
                    "after {}",
                    outcome.map(|r| r.status()).unwrap_or(0)
                ));
            },
        ))
        .build()
        .unwrap();
    vault.connections().get("crm", "x").send().await.unwrap();
    assert_eq!(
        *log.lock().unwrap(),
        [
            "first connectionsOne #1",
            "second connectionsOne #1",
            "after 200"
        ]
    );
}

/// A `Write` that appends into a shared buffer, for capturing log output.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn traces_name_the_call_but_never_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "bad key"})))
        .mount(&server)
        .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let vault = builder(&server.uri())
        .retry(RetryConfig::none())
        .trace_bodies(true)
        .build()
        .unwrap();
    let error = vault
        .connections()
        .get("crm", "x")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized(_)));
    let output = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(output.contains("api_call"), "{output}");
    assert!(output.contains("connectionsOne"), "{output}");
    // The route, not the path: path values may be personal data or secrets.
    assert!(
        output.contains("/vault/connections/{unified_api}/{service_id}"),
        "{output}"
    );
    assert!(!output.contains("/vault/connections/crm/x"), "{output}");
    assert!(
        !output.contains("sk_runtime_key"),
        "the key leaked into traces:\n{output}"
    );
    assert!(!format!("{vault:?} {error:?} {error}").contains("sk_runtime_key"));
}

#[tokio::test]
async fn successes_carry_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(connection())
                .insert_header("x-ratelimit-remaining", "41"),
        )
        .mount(&server)
        .await;
    let vault = builder(&server.uri()).build().unwrap();
    let response = vault
        .connections()
        .get("crm", "x")
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-ratelimit-remaining"], "41");
    assert_eq!(response.status_code, 200, "derefs to the decoded body");
}

#[tokio::test]
async fn per_call_server_url_is_used_and_checked() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(connection()))
        .expect(1)
        .mount(&server)
        .await;
    let vault = builder("https://unreachable.invalid").build().unwrap();
    vault
        .connections()
        .get("crm", "x")
        .server_url(server.uri())
        .send()
        .await
        .unwrap();
    let error = vault
        .connections()
        .get("crm", "x")
        .server_url("not a url")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
}
