//! The app's tests, on the SDK's mock: no server, no sockets.

use ollama_api::mock::Mock;
use outside_app::installed_models;

#[tokio::test]
async fn lists_the_names_the_server_answers() {
    let mock = Mock::new();
    let list = mock.api().list().returns(
        serde_json::from_value(serde_json::json!({
            "models": [{"name": "llama3"}, {"name": "qwen2"}, {"size": 1}]
        }))
        .unwrap(),
    );
    let names = installed_models(&mock.client()).await.unwrap();
    assert_eq!(names, ["llama3", "qwen2"]);
    assert_eq!(list.calls().len(), 1);
    assert_eq!(list.calls()[0].path, "/api/tags");
    mock.verify();
}

#[tokio::test]
async fn a_server_error_reaches_the_app_as_the_sdk_s_error() {
    let mock = Mock::new();
    mock.api()
        .list()
        .fails_with(500, serde_json::json!({"error": "model store unavailable"}));
    let error = installed_models(&mock.client()).await.unwrap_err();
    assert_eq!(error.status(), Some(500));
    assert!(error.to_string().contains("model store unavailable"), "{error}");
}

#[test]
fn the_app_s_own_reqwest_builds_beside_the_sdk() {
    let _client = outside_app::own_http_client();
}
