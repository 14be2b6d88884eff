//! The generated `mock` feature, as an app's tests use it: typed answers,
//! error answers, what the app sent, and calls nobody set up.

use apideck_vault::mock::Mock;
use apideck_vault::models::{Connection, GetConnectionsResponse};
use apideck_vault::Error;

/// The code under test: an app function that lists a consumer's connections.
async fn connected_services(
    client: &apideck_vault::Vault,
    consumer: &str,
) -> Result<Vec<String>, Error> {
    let page = client
        .connections()
        .list()
        .consumer_id(consumer)
        .api("crm")
        .send()
        .await?;
    Ok(page
        .data
        .into_iter()
        .filter_map(|connection| connection.service_id)
        .collect())
}

fn connection(service: &str) -> Connection {
    serde_json::from_value(serde_json::json!({"service_id": service})).unwrap()
}

#[tokio::test]
async fn a_typed_answer_reaches_the_app_and_the_request_is_recorded() {
    let mock = Mock::new();
    let list = mock
        .connections()
        .list()
        .returns(GetConnectionsResponse::new(
            200,
            "OK",
            vec![connection("salesforce"), connection("hubspot")],
        ));
    let services = connected_services(&mock.client(), "user-7").await.unwrap();
    assert_eq!(services, ["salesforce", "hubspot"]);
    let calls = list.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].method, "GET");
    assert_eq!(calls[0].path, "/vault/connections");
    assert_eq!(calls[0].query("api"), Some("crm"));
    assert_eq!(calls[0].header("x-apideck-consumer-id"), Some("user-7"));
    // Credentials are sent, and never printed.
    assert_eq!(calls[0].header("authorization"), Some("Bearer mock"));
    assert!(!format!("{:?}", calls[0]).contains("Bearer mock"));
    mock.verify();
}

#[tokio::test]
async fn an_error_answer_is_the_operation_s_error_and_answers_go_in_order() {
    let mock = Mock::new();
    mock.connections()
        .list()
        .fails_with(
            401,
            serde_json::json!({"status_code": 401, "error": "Unauthorized", "message": "bad key"}),
        )
        .returns(GetConnectionsResponse::new(
            200,
            "OK",
            vec![connection("xero")],
        ));
    let client = mock.client();
    let first = connected_services(&client, "u").await.unwrap_err();
    assert_eq!(first.status(), Some(401));
    assert!(matches!(first, Error::Unauthorized(_)), "{first:?}");
    assert_eq!(connected_services(&client, "u").await.unwrap(), ["xero"]);
    // The last answer stands for every later call.
    assert_eq!(connected_services(&client, "u").await.unwrap(), ["xero"]);
    assert_eq!(mock.calls().len(), 3);
}

#[tokio::test]
async fn a_call_nobody_set_up_fails_clearly_and_verify_says_so() {
    let mock = Mock::new();
    let error = connected_services(&mock.client(), "u").await.unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(
        error.to_string().contains(
            "`connectionsAll` (GET /vault/connections) was called, but the test set up no answer"
        ),
        "{error}"
    );
    let failure = std::panic::catch_unwind(|| mock.verify()).unwrap_err();
    let message = failure.downcast_ref::<String>().unwrap();
    assert!(message.contains("connectionsAll"), "{message}");
}

/// Uploads from a file or a stream reach the mock whole, as a server would
/// read them, so an app's test can assert on what it uploaded.
#[tokio::test]
async fn an_upload_from_a_file_or_a_stream_is_recorded_whole() {
    use fixture_streaming::runtime::Upload;
    let mock = fixture_streaming::mock::Mock::new();
    let update = mock.archives().update().returns(());
    let client = mock.client();
    let path = std::env::temp_dir().join(format!("mock-upload-{}", std::process::id()));
    std::fs::write(&path, b"from a file").unwrap();
    client
        .archives()
        .update("a1", Upload::file(&path))
        .send()
        .await
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    let chunks = futures_util::stream::iter(
        ["from ", "a stream"].map(|text| Ok(text.as_bytes().to_vec().into())),
    );
    client
        .archives()
        .update("a2", Upload::stream(chunks))
        .send()
        .await
        .unwrap();
    let bodies: Vec<Vec<u8>> = update.calls().iter().map(|c| c.body.to_vec()).collect();
    assert_eq!(bodies, [b"from a file".to_vec(), b"from a stream".to_vec()]);
}
