//! Any status, headers and body a server could send, through every Vault
//! operation's response handling: success decoding, error mapping, the
//! pagination streams, `Retry-After` and redirects (the retry policy's waits
//! run on tokio's paused clock, so they cost nothing). No input may panic, and
//! no error's text may grow with the body.

#![no_main]

use std::sync::atomic::{AtomicUsize, Ordering};

use apideck_vault::runtime::{Failure, Response, Transport, TransportFuture, MAX_ERROR_TEXT};
use apideck_vault::{Error, Vault};
use futures_util::StreamExt;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

/// What the server answers every request with.
///
/// Layout, so that seeds are readable files: bytes 0–1 the status (little
/// endian), 2–3 the status of every second answer, 4–7 which operations to
/// call (bit i: operation i; all when zero), 8–9 the response size limit (0:
/// the default), then header lines (`name: value`) up to a blank line, then the body.
struct Input {
    statuses: [u16; 2],
    operations: u32,
    max_response_size: Option<usize>,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Input {
    fn parse(data: &[u8]) -> Option<Self> {
        let number = |at: usize| u16::from_le_bytes([data[at], data[at + 1]]);
        if data.len() < 10 {
            return None;
        }
        let operations = u32::from_le_bytes([data[4], data[5], data[6], data[7]]);
        let limit = number(8);
        let rest = &data[10..];
        let split = rest.windows(2).position(|w| w == b"\n\n");
        let (head, body) = match split {
            Some(at) => (&rest[..at], &rest[at + 2..]),
            None => (&rest[..0], rest),
        };
        let mut headers = reqwest::header::HeaderMap::new();
        for line in head.split(|b| *b == b'\n').take(32) {
            let Some(colon) = line.iter().position(|b| *b == b':') else {
                continue;
            };
            let value = line[colon + 1..].strip_prefix(b" ").unwrap_or(&line[colon + 1..]);
            if let (Ok(name), Ok(value)) = (
                reqwest::header::HeaderName::from_bytes(&line[..colon]),
                reqwest::header::HeaderValue::from_bytes(value),
            ) {
                headers.append(name, value);
            }
        }
        Some(Self {
            statuses: [number(0), number(2)],
            operations,
            max_response_size: (limit != 0).then_some(usize::from(limit)),
            headers,
            body: body.to_vec(),
        })
    }
}

/// Answers in turn with the two statuses, the same headers and body.
struct Scripted {
    answers: [Response; 2],
    next: AtomicUsize,
}

impl Transport for Scripted {
    fn send(&self, _request: reqwest::Request, _max_body: usize) -> TransportFuture<'_> {
        let index = self.next.fetch_add(1, Ordering::Relaxed) % 2;
        let answer = self.answers[index].clone();
        Box::pin(async move { Ok::<_, Failure>(answer) })
    }
}

fn body<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).expect("a valid request body")
}

/// Formats an outcome the way an app's log line would, and checks it is bounded.
fn check<T: std::fmt::Debug>(outcome: Result<T, Error>) {
    if let Err(error) = outcome {
        let text = error.to_string();
        // Quoted server text is capped; the rest of a message is short.
        assert!(text.len() <= 3 * MAX_ERROR_TEXT + 256, "{} bytes", text.len());
        let _ = format!("{error:?}");
        let _ = error.status();
    }
}

async fn call_all(vault: &Vault, selected: u32) {
    let on = |bit: u32| selected == 0 || selected & (1 << bit) != 0;
    let (api, service) = ("crm", "pipedrive");
    if on(0) {
        check(vault.consumers().create(body(r#"{"consumer_id":"c"}"#)).send().await);
    }
    if on(1) {
        check(vault.consumers().list().send().await);
        let items: Vec<_> = vault.consumers().list().into_stream().take(64).collect().await;
        items.into_iter().for_each(check);
    }
    if on(2) {
        check(vault.consumers().get("c").send().await);
    }
    if on(3) {
        check(vault.consumers().update("c", body("{}")).send().await);
    }
    if on(4) {
        check(vault.consumers().delete("c").send().await);
    }
    if on(5) {
        check(
            vault
                .consumer_request_counts()
                .list("c", "2021-01-01T00:00:00Z", "2021-02-01T00:00:00Z")
                .send()
                .await,
        );
    }
    if on(6) {
        check(vault.connections().list().send().await);
    }
    if on(7) {
        check(vault.connections().get(api, service).send().await);
    }
    if on(8) {
        check(vault.connections().update(api, service, body("{}")).send().await);
    }
    if on(9) {
        check(vault.connections().delete(api, service).send().await);
    }
    if on(10) {
        check(vault.connections().imports(api, service, body("{}")).send().await);
    }
    if on(11) {
        check(
            vault
                .connections()
                .migrate(api, service, body(r#"{"target_service_id":"x"}"#))
                .send()
                .await,
        );
    }
    if on(12) {
        check(vault.connections().token(api, service).send().await);
    }
    if on(13) {
        check(vault.validate_connection().state(api, service).send().await);
    }
    if on(14) {
        check(vault.connection_consents().list(api, service).send().await);
    }
    if on(15) {
        check(
            vault
                .connection_consent()
                .update(api, service, body(r#"{"granted":true,"resources":"*"}"#))
                .send()
                .await,
        );
    }
    if on(16) {
        check(vault.create_callback().state(api, service, body(r#"{"redirect_uri":"https://x"}"#)).send().await);
    }
    if on(17) {
        check(vault.connection_settings().list(api, service, "leads").send().await);
    }
    if on(18) {
        check(vault.connection_settings().update(api, service, "leads", body("{}")).send().await);
    }
    if on(19) {
        check(vault.custom_fields().list(api, service, "leads").send().await);
    }
    if on(20) {
        check(vault.connection_custom_mappings().list(api, service, "leads").send().await);
    }
    if on(21) {
        check(vault.custom_mappings().list(api, service).send().await);
    }
    if on(22) {
        check(vault.sessions().create().send().await);
    }
    if on(23) {
        check(vault.logs().list().send().await);
        let items: Vec<_> = vault.logs().list().into_stream().take(64).collect().await;
        items.into_iter().for_each(check);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::parse(data) else {
        return;
    };
    // Retry-After is read straight, too.
    let _ = apideck_vault::runtime::retry_after(&input.headers);
    let answer = |status| Response::new(status, input.headers.clone(), input.body.clone().into());
    let mut builder = Vault::builder()
        .api_key("sk_fuzz")
        .app_id("app")
        .consumer_id("consumer")
        .server_url("https://unify.example.com")
        .transport(Scripted {
            answers: [answer(input.statuses[0]), answer(input.statuses[1])],
            next: AtomicUsize::new(0),
        });
    if let Some(limit) = input.max_response_size {
        builder = builder.max_response_size(limit);
    }
    let vault = builder.build().expect("a valid configuration");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a runtime");
    runtime.block_on(call_all(&vault, input.operations));
});
