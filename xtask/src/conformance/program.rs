//! The program a conformance run builds: a client with placeholder
//! credentials, then one call per operation, each reported on its own line.

use sdkgen::emit::examples::{call_with, Bodies};
use sdkgen::ir::{Api, Auth};

use super::Row;

/// What starts each reported line, so other output is never mistaken for one.
const MARK: &str = "CONFORMANCE";

/// The program's `Cargo.toml`, depending on the generated crate `sdk`.
pub fn manifest(sdk: &str) -> String {
    format!(
        "[package]\nname = \"conformance-program\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{sdk} = {{ path = \"../{sdk}\" }}\nserde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n"
    )
}

/// `src/main.rs`, and a row for each operation it cannot call (no example
/// value for a parameter).
pub fn source(api: &Api) -> (String, Vec<Row>) {
    let lib = api.crate_name.replace('-', "_");
    let client = &api.client.name;
    let mut calls = String::new();
    let mut skipped = Vec::new();
    for resource in &api.resources {
        for op in &resource.operations {
            let operation = format!("{}.{}", resource.accessor, op.method_name);
            match call_with(api, resource, op, Bodies::Document) {
                Some(expression) => calls.push_str(&format!(
                    "    report({operation:?}, async {{\n        let _answer = {expression};\n        Ok::<(), Box<dyn std::error::Error>>(())\n    }}\n    .await);\n"
                )),
                None => skipped.push(Row {
                    served: None,
                    sent: None,
                    operation,
                    request: "not built".to_owned(),
                    response: "-".to_owned(),
                    note: "no example value for a parameter".to_owned(),
                    class: "sdk".to_owned(),
                }),
            }
        }
    }
    let credentials: String = api
        .client
        .settings
        .iter()
        .map(|s| match s.auth {
            Auth::Basic => format!("\n        .{}(\"conformance\", \"conformance\")", s.name),
            _ => format!("\n        .{}(\"conformance\")", s.name),
        })
        .collect();
    let source = format!(
        r#"//! Written by `cargo xtask conformance`: one call per operation.
#![allow(unused_imports)]

use {lib}::{{models, runtime, Error, {client}}};

#[tokio::main]
async fn main() {{
    let url = std::env::args().nth(1).expect("the server URL");
    let client = {client}::builder()
        .server_url(url)
        .retry({lib}::runtime::RetryConfig::none()){credentials}
        .hook(runtime::before_request(|_, request| {{
            let body = request.body().as_bytes().filter(|body| !body.is_empty()).map(<[u8]>::to_vec);
            *SENT.lock().unwrap() = body;
        }}))
        .build()
        .expect("a client");
{calls}}}

/// The body of the last request sent, to check a refused one against the document.
static SENT: std::sync::Mutex<Option<Vec<u8>>> = std::sync::Mutex::new(None);

/// One line per call: whether the server accepted the request, whether the
/// answer decoded, and why not.
fn report(operation: &str, result: Result<(), Box<dyn std::error::Error>>) {{
    // For an answer that did not decode, its status and body (as a JSON
    // string), to check against the document's schema.
    let mut served = String::new();
    let (request, response, note) = match &result {{
        Ok(()) => ("accepted", "decoded", String::new()),
        Err(error) => match error.downcast_ref::<Error>() {{
            Some(Error::Decode(decode)) => {{
                let body = String::from_utf8_lossy(decode.body());
                served = format!("{{}}\t{{}}", decode.status(), serde_json::Value::from(body));
                ("accepted", "not decoded", decode.to_string())
            }}
            Some(error) if error.status().is_some() => {{
                let violations = error
                    .headers()
                    .and_then(|h| h.get("sl-violations"))
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let status = error.status().unwrap_or_default();
                // Prism lists what is wrong in the body's `validation`.
                let said = error
                    .body()
                    .and_then(|body| serde_json::from_slice::<serde_json::Value>(body).ok())
                    .and_then(|body| body.get("validation").map(|v| v.to_string()))
                    .or_else(|| error.message().map(str::to_owned))
                    .unwrap_or_default();
                ("rejected", "-", format!("HTTP {{status}} {{violations}} {{said}}"))
            }}
            Some(error) => ("failed", "-", error.to_string()),
            None => ("not built", "-", error.to_string()),
        }},
    }};
    let note = note.replace(['\t', '\n'], " ");
    // For a refused request, the body it carried (as a JSON string).
    let sent = match SENT.lock().unwrap().take() {{
        Some(body) if request == "rejected" => {{
            serde_json::Value::from(String::from_utf8_lossy(&body)).to_string()
        }}
        _ => String::new(),
    }};
    if served.is_empty() {{
        served = "\t".to_owned();
    }}
    println!("{MARK}\t{{operation}}\t{{request}}\t{{response}}\t{{note}}\t{{served}}\t{{sent}}");
}}
"#
    );
    (source, skipped)
}

/// A row from one of the program's lines.
pub fn parse_line(line: &str) -> Option<Row> {
    let mut parts = line.strip_prefix(MARK)?.strip_prefix('\t')?.split('\t');
    let operation = parts.next()?.to_owned();
    let request = parts.next()?.to_owned();
    let response = parts.next()?.to_owned();
    let note = parts.next().unwrap_or_default().to_owned();
    let served = match (parts.next(), parts.next()) {
        (Some(status), Some(body)) if !status.is_empty() => {
            let body: String = serde_json::from_str(body).ok()?;
            Some((status.parse().ok()?, body))
        }
        _ => None,
    };
    let sent = match parts.next() {
        Some(body) if !body.is_empty() => Some(serde_json::from_str(body).ok()?),
        _ => None,
    };
    Some(Row {
        operation,
        request,
        response,
        note,
        class: String::new(),
        served,
        sent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_into_rows_and_other_output_is_ignored() {
        let row = parse_line("CONFORMANCE\tpets.list\taccepted\tdecoded\t\t\t\t").unwrap();
        assert!(row.conforms());
        assert_eq!((row.served, row.sent), (None, None));
        let row =
            parse_line("CONFORMANCE\tpets.create\trejected\t-\tHTTP 422\t\t\t\"{\\\"a\\\":1}\"")
                .unwrap();
        assert_eq!(row.sent.as_deref(), Some(r#"{"a":1}"#));
        let row = parse_line(
            "CONFORMANCE\tpets.get\taccepted\tnot decoded\tmissing field\t200\t\"{\\\"a\\\":1}\"\t",
        )
        .unwrap();
        assert_eq!(row.served, Some((200, r#"{"a":1}"#.to_owned())));
        let row = parse_line("CONFORMANCE\tpets.get\trejected\t-\tHTTP 422 bad").unwrap();
        assert_eq!(
            (row.request.as_str(), row.note.as_str()),
            ("rejected", "HTTP 422 bad")
        );
        assert!(!row.conforms());
        assert_eq!(parse_line("warning: something"), None);
    }
}
