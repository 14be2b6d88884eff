//! `from_env()` reads every credential the document declares, from the
//! variable the document names (`x-sdk-env`) or else `{CLIENT}_{SETTING}`.
//! Its own test binary: environment variables are global to a process.

use fixture_auth::Vaultless;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn credentials_without_a_named_variable_are_read_from_client_prefixed_ones() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/bearer"))
        .and(header("authorization", "Bearer token-from-env"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "t1"})))
        .expect(1)
        .mount(&server)
        .await;
    // Before the variable is set, the client has no bearer token to send.
    assert!(
        Vaultless::from_env().is_ok(),
        "no credential is required by every call"
    );
    std::env::set_var("VAULTLESS_BEARER", "token-from-env");
    let client = Vaultless::builder()
        .server_url(server.uri())
        .build()
        .expect("configured from the environment");
    client
        .things()
        .with_bearer()
        .send()
        .await
        .expect("sent with the token");
}
