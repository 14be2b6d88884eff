//! Contract tests: every SDK operation against Stoplight Prism serving our
//! document and, when present, Apideck's published one. Prism validates each
//! request against the document and reports problems in `sl-violations`.
//!
//! `cargo xtask test` starts the servers and sets `PRISM_URL` (and
//! `PRISM_PUBLISHED_URL`); a plain `cargo test` skips these tests with a notice.

use std::time::Instant;

use apideck_vault::models::{
    ConnectionImportData, ConnectionInput, ConnectionMigrateData, ConsumersFilter,
    CreateCallbackState, CreateConsumerRequest, LogsFilter, Session, UpdateConsentRequest,
    UpdateConsumerRequest,
};
use apideck_vault::runtime::RetryConfig;
use apideck_vault::{Error, Vault};
use serde_json::json;

/// The servers to test against: (label, URL).
fn servers() -> Vec<(&'static str, String)> {
    let required = std::env::var_os("CONTRACT_TESTS_REQUIRED").is_some();
    let mut servers = Vec::new();
    match std::env::var("PRISM_URL") {
        Ok(url) => servers.push(("spec/vault.yml", url)),
        Err(_) if required => panic!("CONTRACT_TESTS_REQUIRED is set but PRISM_URL is not"),
        Err(_) => println!("SKIPPED contract tests: PRISM_URL is not set (run `cargo xtask test`)"),
    }
    match std::env::var("PRISM_PUBLISHED_URL") {
        Ok(url) => servers.push(("published vault.yml", url)),
        Err(_) if !servers.is_empty() => {
            println!("SKIPPED contract tests against the published document: it is not beside this checkout")
        }
        Err(_) => {}
    }
    servers
}

fn client(url: &str, prefer: Option<u16>) -> Vault {
    let mut builder = Vault::builder()
        .api_key("sk_contract_test")
        .app_id("dSBdXd2H6Mqwfg0atXHXYcysLJE9qyn1VwBtXHX")
        .consumer_id("test-consumer")
        .server_url(url)
        .retry(RetryConfig::none());
    if let Some(code) = prefer {
        builder = builder.header("Prefer", format!("code={code}"));
    }
    builder.build().unwrap()
}

fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// What one call came back with: the status and any violations Prism reported.
type Outcome = Result<(u16, Option<String>), Error>;

/// Calls every operation once; each entry is (operationId, outcome).
async fn call_all(vault: &Vault) -> Vec<(&'static str, Outcome)> {
    macro_rules! call {
        ($id:literal, $request:expr) => {
            (
                $id,
                $request.send_with_response().await.map(|response| {
                    let violations = response
                        .headers()
                        .get("sl-violations")
                        .map(|v| v.to_str().unwrap_or("?").to_owned());
                    (response.status(), violations)
                }),
            )
        };
    }
    let (api, service) = ("crm", "pipedrive");
    vec![
        call!(
            "consumersAdd",
            vault.consumers().create(from_json::<CreateConsumerRequest>(json!({
                "consumer_id": "test_consumer_id",
                "metadata": {"account_name": "SpaceX", "user_name": "Elon", "email": "elon@example.com"}
            })))
        ),
        call!(
            "consumersAll",
            vault.consumers().list().limit(20).filter(ConsumersFilter::default().with_consumer_id("test_consumer_id"))
        ),
        call!("consumersOne", vault.consumers().get("test_consumer_id")),
        call!(
            "consumersUpdate",
            vault.consumers().update("test_consumer_id", from_json::<UpdateConsumerRequest>(json!({"metadata": {"user_name": "Elon"}})))
        ),
        call!("consumersDelete", vault.consumers().delete("test_consumer_id")),
        call!(
            "consumerRequestCountsAll",
            vault.consumer_request_counts().list("test_consumer_id", "2021-05-01T12:00:00.000Z", "2021-05-30T12:00:00.000Z")
        ),
        call!("connectionsAll", vault.connections().list().api(api).configured(true)),
        call!("connectionsOne", vault.connections().get(api, service)),
        call!(
            "connectionsUpdate",
            vault.connections().update(api, service, ConnectionInput::default().with_enabled(true))
        ),
        call!("connectionsDelete", vault.connections().delete(api, service)),
        call!(
            "connectionsImport",
            vault.connections().imports(
                api,
                service,
                from_json::<ConnectionImportData>(json!({"credentials": {"access_token": "at_1", "refresh_token": "rt_1"}}))
            )
        ),
        call!(
            "connectionsMigrate",
            vault.connections().migrate(api, service, ConnectionMigrateData::new("quickbooks-online".to_owned()))
        ),
        call!("connectionsToken", vault.connections().token(api, service)),
        call!("validateConnectionState", vault.validate_connection().state(api, service)),
        call!(
            "createCallbackState",
            vault.create_callback().state(
                api,
                service,
                CreateCallbackState::default().with_redirect_uri("https://example.com/callback")
            )
        ),
        call!("connectionConsentsAll", vault.connection_consents().list(api, service)),
        call!(
            "connectionConsentUpdate",
            vault.connection_consent().update(api, service, from_json::<UpdateConsentRequest>(json!({"granted": true, "resources": "*"})))
        ),
        call!("connectionSettingsAll", vault.connection_settings().list(api, service, "leads")),
        call!(
            "connectionSettingsUpdate",
            vault.connection_settings().update(api, service, "leads", ConnectionInput::default().with_enabled(true))
        ),
        call!("customFieldsAll", vault.custom_fields().list(api, service, "leads").resource_id("lead_1")),
        call!("connectionCustomMappingsAll", vault.connection_custom_mappings().list(api, service, "leads")),
        call!("customMappingsAll", vault.custom_mappings().list(api, service)),
        call!(
            "sessionsCreate",
            vault.sessions().create().body(from_json::<Session>(json!({"redirect_uri": "https://example.com/done"})))
        ),
        call!(
            "logsAll",
            vault.logs().list().limit(20).filter(
                LogsFilter::default()
                    .with_connector_id("crm+pipedrive")
                    .with_status_code(201)
            )
        ),
    ]
}

#[tokio::test]
async fn every_operation_is_accepted_and_its_answer_decodes() {
    for (label, url) in servers() {
        let started = Instant::now();
        let outcomes = call_all(&client(&url, None)).await;
        assert_eq!(outcomes.len(), 24, "every SDK operation is exercised");
        let mut failures = Vec::new();
        for (id, outcome) in &outcomes {
            match outcome {
                Ok((status, None)) if (200..300).contains(status) => {}
                Ok((status, violations)) => failures.push(format!(
                    "{id}: HTTP {status}, sl-violations: {violations:?}"
                )),
                Err(error) => failures.push(format!("{id}: {error}")),
            }
        }
        assert!(
            failures.is_empty(),
            "against {label}:\n{}",
            failures.join("\n")
        );
        println!(
            "contract ({label}): 24 operations passed in {:?}",
            started.elapsed()
        );
    }
}

/// Which documented error statuses each operation declares beyond the common ones.
fn extra_statuses(id: &str) -> &'static [u16] {
    match id {
        "connectionsMigrate" => &[409],
        _ => &[],
    }
}

fn variant_for(status: u16, error: &Error) -> bool {
    match status {
        400 => matches!(error, Error::BadRequest(e) if e.model().is_some()),
        401 => matches!(error, Error::Unauthorized(e) if e.model().is_some()),
        402 => matches!(error, Error::PaymentRequired(e) if e.model().is_some()),
        404 => matches!(error, Error::NotFound(e) if e.model().is_some()),
        409 => matches!(error, Error::Conflict(e) if e.model().is_some()),
        422 => matches!(error, Error::Unprocessable(e) if e.model().is_some()),
        _ => false,
    }
}

#[tokio::test]
async fn documented_error_statuses_decode_into_their_variants() {
    for (label, url) in servers() {
        let started = Instant::now();
        let mut checked = 0;
        let mut failures = Vec::new();
        for status in [400, 401, 402, 404, 409, 422] {
            for (id, outcome) in call_all(&client(&url, Some(status))).await {
                let documented = [400, 401, 402, 404, 422].contains(&status)
                    || extra_statuses(id).contains(&status);
                if !documented {
                    continue;
                }
                checked += 1;
                match outcome {
                    Err(error) if variant_for(status, &error) && error.status() == Some(status) => {
                    }
                    Err(error) => failures.push(format!(
                        "{id} with Prefer code={status}: wrong variant {error:?}"
                    )),
                    Ok((got, _)) => {
                        failures.push(format!("{id} with Prefer code={status}: got HTTP {got}"))
                    }
                }
            }
        }
        assert_eq!(checked, 24 * 5 + 1);
        assert!(
            failures.is_empty(),
            "against {label}:\n{}",
            failures.join("\n")
        );
        println!(
            "contract ({label}): {checked} error responses decoded in {:?}",
            started.elapsed()
        );
    }
}

/// The check above can fail: Prism flags a request that breaks the document.
#[tokio::test]
async fn a_request_that_breaks_the_document_is_flagged() {
    for (label, url) in servers() {
        let outcome = client(&url, None).logs().list().limit(1000).send().await;
        match outcome {
            Err(Error::Unprocessable(error)) => {
                let violations = error
                    .headers()
                    .get("sl-violations")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                assert!(
                    violations.contains("limit"),
                    "against {label}: {violations}"
                );
            }
            other => panic!("against {label}: expected Prism to refuse limit=1000, got {other:?}"),
        }
    }
}

/// The crate's `examples/` (the seed's flows) run to completion against Prism.
/// `cargo test --workspace` builds them beside this test's binary.
#[test]
fn the_examples_run_against_the_mock_server() {
    let servers = servers();
    if servers.is_empty() {
        return;
    }
    let examples_dir = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(std::path::Path::parent)
        .map(|debug| debug.join("examples"))
        .unwrap();
    let names = [
        "list_connections",
        "update_connection_settings",
        "import_tokens",
        "walk_logs",
    ];
    for (label, url) in &servers {
        for name in names {
            let binary = examples_dir.join(name);
            if !binary.is_file() {
                assert!(
                    std::env::var_os("CONTRACT_TESTS_REQUIRED").is_none(),
                    "{} is not built: run `cargo test --workspace`",
                    binary.display()
                );
                println!("SKIPPED example {name}: not built (run `cargo test --workspace`)");
                continue;
            }
            let output = std::process::Command::new(&binary)
                .env("APIDECK_SERVER_URL", url)
                .env("APIDECK_API_KEY", "sk_contract_test")
                .env("APIDECK_APP_ID", "dSBdXd2H6Mqwfg0atXHXYcysLJE9qyn1VwBtXHX")
                .env("APIDECK_CONSUMER_ID", "test-consumer")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success(),
                "{label}: example {name} failed:\n{stdout}\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(!stdout.trim().is_empty(), "{label}: {name} printed nothing");
            assert!(
                !stdout.contains("at_example"),
                "{label}: {name} printed a token: {stdout}"
            );
        }
    }
}
