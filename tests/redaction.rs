//! Which values the generator treats as secret (`tests/fixtures/secrets.yml`),
//! and that `Debug` output and hooks never show them while the wire gets them whole.

use std::sync::{Arc, Mutex};

use fixture_secrets::models::SignIn;
use fixture_secrets::{Error, Secrets};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn sign_in() -> SignIn {
    let mut value = SignIn::new("ada".to_owned(), "pin-4711".to_owned());
    value.recovery_code = Some("rc-hidden".to_owned());
    value.webhook_secret = Some("whs-hidden".to_owned());
    value.state = Some("state-hidden".to_owned());
    value.token_type = Some("bearer-shown".to_owned());
    value.password_hint = Some("hint-shown".to_owned());
    value.has_password = Some(true);
    value.extra = Some(
        [("api_key".to_owned(), json!("extra-hidden"))]
            .into_iter()
            .collect(),
    );
    value
        .additional_properties
        .insert("clientSecret".to_owned(), json!("unknown-hidden"));
    value
}

const HIDDEN: [&str; 6] = [
    "pin-4711",
    "rc-hidden",
    "whs-hidden",
    "state-hidden",
    "extra-hidden",
    "unknown-hidden",
];

#[test]
fn the_rule_and_the_extension_decide_what_debug_hides() {
    let value = sign_in();
    let debug = format!("{value:?}");
    for secret in HIDDEN {
        assert!(!debug.contains(secret), "{secret} shows in {debug}");
    }
    // `token_type` is not a token, `x-sdk-sensitive: false` opts out, flags stay.
    for shown in [
        "ada",
        "bearer-shown",
        "hint-shown",
        "has_password: Some(true)",
    ] {
        assert!(debug.contains(shown), "{shown} hidden in {debug}");
    }
    // Serialization is untouched: every secret goes on the wire.
    let json = serde_json::to_string(&value).unwrap();
    for secret in HIDDEN {
        assert!(json.contains(secret), "{secret} missing from {json}");
    }
    let back: SignIn = serde_json::from_str(&json).unwrap();
    assert_eq!(back, value);
}

#[tokio::test]
async fn secret_header_parameters_are_sensitive_and_redacted_in_the_builder() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(header("x-api-key", "key-hidden"))
        .and(header("authorization", "Bearer token-hidden"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"user": "ada", "pin": "p"})))
        .expect(1)
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(String::new()));
    let record = seen.clone();
    let client = Secrets::builder()
        .token("token-hidden")
        .server_url(server.uri())
        .hook(fixture_secrets::runtime::before_request(
            move |_, request| {
                *record.lock().unwrap() = format!("{request:?}");
            },
        ))
        .build()
        .unwrap();
    let call = client
        .login()
        .create("key-hidden", sign_in())
        .x_trace("trace-shown");
    let debug = format!("{call:?}");
    assert!(
        !debug.contains("key-hidden") && !debug.contains("pin-4711"),
        "{debug}"
    );
    assert!(debug.contains("trace-shown"), "{debug}");
    call.send().await.unwrap();
    let hooked = seen.lock().unwrap().clone();
    assert!(
        !hooked.contains("key-hidden") && !hooked.contains("token-hidden"),
        "{hooked}"
    );
    assert!(
        hooked.contains("trace-shown"),
        "ordinary headers stay readable: {hooked}"
    );
}

/// A client of a server that answers one call to `route` with `template` (the
/// server lives as long as the returned guard).
async fn answering(verb: &str, route: &str, template: ResponseTemplate) -> (MockServer, Secrets) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(template)
        .expect(1)
        .mount(&server)
        .await;
    let client = Secrets::builder()
        .token("t")
        .server_url(server.uri())
        .build()
        .unwrap();
    (server, client)
}

/// An undocumented status decodes into free-form JSON, whose own `Debug`
/// knows nothing of secrets; the error's `Debug` must still hide them.
#[tokio::test]
async fn debug_of_an_undocumented_error_redacts_secret_named_keys() {
    let (_server, client) = answering(
        "POST",
        "/login",
        ResponseTemplate::new(401).set_body_json(
            json!({"message": "expired", "session": {"refresh_token": "rt-hidden"}}),
        ),
    )
    .await;
    let call = client.login().create("k", sign_in()).send();
    let error = call.await.unwrap_err();
    let Error::Unexpected(api_error) = &error else {
        panic!("expected an undocumented status, got {error:?}");
    };
    assert_eq!(
        api_error
            .model()
            .map(|body| &body["session"]["refresh_token"]),
        Some(&json!("rt-hidden")),
        "the model itself is whole"
    );
    let shown = format!("{error:?} {error:#?}");
    assert!(!shown.contains("rt-hidden"), "{shown}");
    assert!(shown.contains("expired"), "{shown}");
}

/// An operation that documents a redirect gets it as its answer, even to
/// another origin: nothing is followed, so nothing is sent anywhere else.
#[tokio::test]
async fn a_documented_redirect_is_returned_not_followed() {
    let (_server, client) = answering(
        "GET",
        "/elsewhere",
        ResponseTemplate::new(302).insert_header("location", "/somewhere"),
    )
    .await;
    let error = client.elsewhere().get().send().await.unwrap_err();
    let Error::Status302(redirect) = &error else {
        panic!("expected the documented 302, got {error:?}");
    };
    assert_eq!(redirect.headers()["location"], "/somewhere");
}

/// The generator and the runtime apply one name rule: the generator to the
/// document's names, the runtime to keys of free-form JSON.
#[test]
fn generator_and_runtime_share_the_secret_name_rule() {
    use fixture_secrets::runtime::redact;
    use sdkgen::lower::sensitive;
    assert_eq!(sensitive::SECRET_NAMES, redact::SECRET_NAMES);
    assert_eq!(sensitive::SECRET_SUFFIXES, redact::SECRET_SUFFIXES);
    for name in [
        "access_token",
        "accessToken",
        "AccessToken",
        "ACCESS_TOKEN",
        "x-api-key",
        "X-Api-Key",
        "apiKey",
        "clientSecret",
        "client-secret",
        "webhook.secret",
        "token",
        "tokens",
        "token_type",
        "password",
        "passwordHint",
        "secretary",
        "private_key",
        "privateKeyId",
        "id",
        "name",
        "APIToken",
        "DBPassword",
        "X-APIToken",
        "HTTPSProxySecret",
        "oauth2Token",
        "token2",
        "__token__",
        "Ünïcode_Secret",
    ] {
        assert_eq!(
            sensitive::is_secret_name(name),
            redact::is_secret_name(name),
            "{name}"
        );
    }
}
