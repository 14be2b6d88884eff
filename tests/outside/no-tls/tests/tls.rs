//! Without the `rustls` or `native-tls` feature the SDK has no TLS: an
//! `https` server must be refused when the client is built, with the fix in
//! the message, instead of failing every call with a transport error.

use ollama_api::OllamaApi;

#[test]
fn an_https_server_is_refused_when_the_client_is_built() {
    let error = OllamaApi::builder()
        .server_url("https://ollama.example")
        .build()
        .expect_err("a build without TLS cannot reach an https server");
    let text = error.to_string();
    assert!(
        text.contains("rustls") && text.contains("native-tls"),
        "the error names the features that fix it: {text}"
    );
}

#[test]
fn a_plain_http_server_needs_no_tls() {
    assert!(OllamaApi::builder()
        .server_url("http://localhost:11434")
        .build()
        .is_ok());
}
