//! The program a conformance run builds: a client with placeholder
//! credentials, then one call per operation, each reported on its own line.

use generator::emit::examples::{call_with, Bodies};
use generator::ir::{Api, Auth};

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
        .build()
        .expect("a client");
{calls}}}

/// One line per call: whether the server accepted the request, whether the
/// answer decoded, and why not.
fn report(operation: &str, result: Result<(), Box<dyn std::error::Error>>) {{
    let (request, response, note) = match &result {{
        Ok(()) => ("accepted", "decoded", String::new()),
        Err(error) => match error.downcast_ref::<Error>() {{
            Some(Error::Decode(decode)) => ("accepted", "not decoded", decode.to_string()),
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
    println!("{MARK}\t{{operation}}\t{{request}}\t{{response}}\t{{note}}");
}}
"#
    );
    (source, skipped)
}

/// A row from one of the program's lines.
pub fn parse_line(line: &str) -> Option<Row> {
    let mut parts = line.strip_prefix(MARK)?.strip_prefix('\t')?.splitn(4, '\t');
    Some(Row {
        operation: parts.next()?.to_owned(),
        request: parts.next()?.to_owned(),
        response: parts.next()?.to_owned(),
        note: parts.next().unwrap_or_default().chars().take(300).collect(),
        class: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_into_rows_and_other_output_is_ignored() {
        let row = parse_line("CONFORMANCE\tpets.list\taccepted\tdecoded\t").unwrap();
        assert!(row.conforms());
        let row = parse_line("CONFORMANCE\tpets.get\trejected\t-\tHTTP 422 bad").unwrap();
        assert_eq!(
            (row.request.as_str(), row.note.as_str()),
            ("rejected", "HTTP 422 bad")
        );
        assert!(!row.conforms());
        assert_eq!(parse_line("warning: something"), None);
    }
}
