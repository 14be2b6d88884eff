//! Choosing a server, through the crate generated from
//! `tests/fixtures/servers.yml`: every entry of `servers` by variant, index or
//! description, URL template variables as typed setters with defaults, a
//! path's own server, and an OAuth 2.0 token URL relative to the server or
//! given by the caller.

use std::sync::{Arc, Mutex};

use fixture_servers::models::ServerRegion;
use fixture_servers::runtime::{Response, Transport, TransportFuture};
use fixture_servers::{RetryConfig, Server, Servers};
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A builder with the credential every operation needs.
fn builder() -> fixture_servers::ServersBuilder {
    Servers::builder().oauth("token")
}

#[test]
fn the_first_server_with_its_defaults_is_the_default() {
    let client = builder().build().unwrap();
    assert_eq!(client.server_url(), "https://eu.api.example.com/v1");
}

#[test]
fn servers_are_chosen_by_variant_index_or_description_and_variables_set() {
    let us = builder().server_region(ServerRegion::Us).build().unwrap();
    assert_eq!(us.server_url(), "https://us.api.example.com/v1");
    let sandbox = builder()
        .server(Server::Sandbox)
        .server_version("v2")
        .build()
        .unwrap();
    assert_eq!(sandbox.server_url(), "https://sandbox.example.com/v2");
    assert_eq!(Server::ALL[1], Server::Sandbox);
    assert_eq!(
        Server::with_description("production"),
        Some(Server::Production)
    );
    assert_eq!(
        Server::Sandbox.url_template(),
        "https://sandbox.example.com/{version}"
    );
    // An explicit URL wins.
    let mock = builder()
        .server(Server::Sandbox)
        .server_url("http://localhost:1")
        .build()
        .unwrap();
    assert_eq!(mock.server_url(), "http://localhost:1");
}

/// Records each request's URL and answers 204.
#[derive(Default, Clone)]
struct Recorder(Arc<Mutex<Vec<String>>>);

impl Transport for Recorder {
    fn send(
        &self,
        request: fixture_servers::runtime::HttpRequest,
        _max_body: usize,
    ) -> TransportFuture<'_> {
        self.0.lock().unwrap().push(request.uri().to_string());
        Box::pin(async { Ok(Response::new(204, Default::default(), Default::default())) })
    }
}

#[tokio::test]
async fn a_path_with_its_own_server_is_sent_there_unless_the_client_was_given_one() {
    let recorder = Recorder::default();
    let client = builder()
        .transport(recorder.clone())
        .retry(RetryConfig::none())
        .build()
        .unwrap();
    client.things().list().send().await.unwrap();
    client.uploads().create().send().await.unwrap();
    let explicit = builder()
        .server_url("http://localhost:9")
        .transport(recorder.clone())
        .build()
        .unwrap();
    explicit.uploads().create().send().await.unwrap();
    assert_eq!(
        *recorder.0.lock().unwrap(),
        [
            "https://eu.api.example.com/v1/things",
            "https://uploads.example.com/uploads",
            "http://localhost:9/uploads",
        ]
    );
}

#[tokio::test]
async fn a_relative_token_url_resolves_against_the_server_and_can_be_replaced() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "t1", "token_type": "bearer", "expires_in": 3600}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Servers::builder()
        .server_url(server.uri())
        .oauth_client_credentials("id", "secret")
        .build()
        .unwrap();
    client.things().list().send().await.unwrap();

    let other = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/issuer/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "t2", "token_type": "bearer", "expires_in": 3600}),
        ))
        .expect(1)
        .mount(&other)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer t2"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let replaced = Servers::builder()
        .server_url(server.uri())
        .oauth_client_credentials("id", "secret")
        .oauth_token_url(format!("{}/issuer/token", other.uri()))
        .build()
        .unwrap();
    replaced.things().list().send().await.unwrap();
}
