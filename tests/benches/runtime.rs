//! Runtime overhead: one SDK call against a loopback server versus the same
//! request built by hand with reqwest + serde_json, and typed decoding versus
//! decoding into `serde_json::Value`.
//!
//! `cargo bench -p tests --bench runtime`; budgets in BENCHMARKS.md.

use apideck_vault::models::GetConnectionsResponse;
use apideck_vault::{RetryConfig, Vault};
use criterion::{criterion_group, criterion_main, Criterion};
use tests::examples;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn body() -> serde_json::Value {
    let spec = tests::vault_spec();
    examples::example(&spec, examples::component(&spec, "GetConnectionsResponse")).unwrap()
}

fn call(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let body = body();
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(&body))
            .mount(&server)
            .await;
        server
    });
    let url = server.uri();
    let http = reqwest::Client::new();
    let vault = Vault::builder()
        .api_key("sk_bench")
        .app_id("app")
        .consumer_id("consumer")
        .server_url(&url)
        .retry(RetryConfig::none())
        .build()
        .unwrap();

    let mut group = c.benchmark_group("call");
    group.bench_function("sdk: connections().list()", |b| {
        b.to_async(&runtime)
            .iter(|| async { vault.connections().list().api("crm").send().await.unwrap() })
    });
    group.bench_function("hand-written reqwest + serde_json", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = http
                .get(format!("{url}/vault/connections"))
                .query(&[("api", "crm")])
                .header("authorization", "Bearer sk_bench")
                .header("x-apideck-app-id", "app")
                .header("x-apideck-consumer-id", "consumer")
                .send()
                .await
                .unwrap();
            let bytes = response.bytes().await.unwrap();
            serde_json::from_slice::<GetConnectionsResponse>(&bytes).unwrap()
        })
    });
    group.finish();
}

fn decode(c: &mut Criterion) {
    let bytes = serde_json::to_vec(&body()).unwrap();
    let mut group = c.benchmark_group("decode GetConnectionsResponse");
    group.bench_function("typed model", |b| {
        b.iter(|| serde_json::from_slice::<GetConnectionsResponse>(&bytes).unwrap())
    });
    group.bench_function("serde_json::Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(&bytes).unwrap())
    });
    group.finish();
}

criterion_group!(benches, call, decode);
criterion_main!(benches);
