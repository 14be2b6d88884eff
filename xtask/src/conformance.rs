//! `cargo xtask conformance --spec DOC`: every operation of a document, called
//! once through its generated SDK against Prism with request validation on.
//!
//! The generator writes the crate and a program (`conformance/program.rs`)
//! that makes one call per operation with the example arguments the crate's
//! docs show (the document's examples, else values built from the schemas),
//! and prints one line per call: whether Prism accepted the request and
//! whether the answer decoded into the documented type.

mod program;
mod served;

use std::path::{Path, PathBuf};
use std::process::Command;

use sdkgen::ir::Api;
use sdkgen::CrateInfo;

use crate::prism::{self, Prism};

/// What happened to one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `resource.method`.
    pub operation: String,
    /// `accepted`, `rejected` (Prism found the request invalid), `not built`
    /// (no example arguments) or `failed` (no answer).
    pub request: String,
    /// `decoded`, `not decoded` or `-`.
    pub response: String,
    /// Prism's violations, the decode error, or why the call was not made.
    pub note: String,
    /// Whose the failure is: empty when the operation conforms; `document`
    /// when what Prism served from the document, or the document's own
    /// example request, violates the document's schema, or the operation
    /// cannot be called as documented; `prism` when Prism refused a body the
    /// document's schema admits; else `sdk`.
    pub class: String,
    /// For an answer that did not decode: its status and body.
    pub served: Option<(u16, String)>,
    /// For a refused request: the body it carried.
    pub sent: Option<String>,
}

impl Row {
    /// The request was accepted and the answer decoded.
    pub fn conforms(&self) -> bool {
        self.request == "accepted" && self.response == "decoded"
    }

    /// A failure that is not the SDK's: the document's, or Prism's.
    pub fn left_out(&self) -> bool {
        self.class == "document" || self.class == "prism"
    }
}

/// Generates the crate and the program for `spec` under `out`, runs the
/// program against Prism, and returns a row per operation in document order.
pub fn run(root: &Path, spec: &Path, out: &Path) -> Result<Vec<Row>, String> {
    let stem = spec
        .file_stem()
        .map(|s| {
            s.to_string_lossy()
                .to_lowercase()
                .replace(['.', '_', ' '], "-")
        })
        .unwrap_or_else(|| "document".to_owned());
    let name = format!("conformance-{stem}");
    let generated =
        sdkgen::generate(spec, &CrateInfo::new(&name, "0.0.0")).map_err(|e| e.to_string())?;
    // Nothing to call (a document of webhooks only); Prism refuses such a document.
    if generated
        .api
        .resources
        .iter()
        .all(|r| r.operations.is_empty())
    {
        return Ok(Vec::new());
    }
    let crate_dir = out.join(&name);
    write_all(&crate_dir, &generated.files)?;
    write_all(
        &out.join(sdkgen::emit::RUNTIME_CRATE),
        &sdkgen::runtime_crate().map_err(|e| e.to_string())?,
    )?;
    let (source, skipped) = program::source(&generated.api);
    write_all(
        &out.join("conformance-program"),
        &[
            ("Cargo.toml".to_owned(), program::manifest(&name)),
            ("src/main.rs".to_owned(), source),
        ],
    )?;
    let manifest = format!(
        "# Written by `cargo xtask conformance`.\n[workspace]\nresolver = \"2\"\nmembers = [\"{name}\", \"{}\", \"conformance-program\"]\n\n[profile.dev]\ndebug = false\n",
        sdkgen::emit::RUNTIME_CRATE
    );
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).map_err(|e| e.to_string())?;

    let binary = build(root, out)?;
    let bin = prism::install(root)?;
    let server = Prism::start(&bin, spec, &out.join("prism.log"))?;
    let output = Command::new(&binary)
        .arg(server.url())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    drop(server);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut rows: Vec<Row> = stdout.lines().filter_map(program::parse_line).collect();
    let log = std::fs::read_to_string(out.join("prism.log")).unwrap_or_default();
    let document = sdkgen::load::load(spec).map_err(|e| e.to_string())?;
    let schemas = served::Schemas::new(&document.raw)?;
    classify(&generated.api, &mut rows, &log, &schemas);
    rows.extend(skipped);
    order_like(&generated.api, &mut rows);
    if !output.status.success() {
        return Err(format!(
            "the conformance program failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(rows)
}

/// Marks each failure as the document's or the SDK's. Prism logs each request
/// it receives (`[HTTP SERVER] get /planets/1`) and, after it, any violation of
/// the document's schema by the answer it served from the document's examples;
/// a call whose answer did not decode fails because of the document when
/// Prism logged such a violation for it, or when the served body does not fit
/// the document's schema for that answer (`served`).
fn classify(api: &Api, rows: &mut [Row], log: &str, schemas: &served::Schemas) {
    let mut requests: Vec<(String, Vec<&str>, bool)> = Vec::new();
    for line in log.lines() {
        if let Some(rest) = line.split("[HTTP SERVER] ").nth(1) {
            let route: Vec<&str> = rest.split_whitespace().take(2).collect();
            requests.push((route.join(" "), Vec::new(), false));
        } else if let Some(last) = requests.last_mut() {
            last.1.push(line);
        }
    }
    for row in rows.iter_mut() {
        if row.conforms() {
            continue;
        }
        row.class = "sdk".to_owned();
        let Some(op) = api.resources.iter().find_map(|r| {
            r.operations
                .iter()
                .find(|op| format!("{}.{}", r.accessor, op.method_name) == row.operation)
        }) else {
            continue;
        };
        let method = op.http_method.to_ascii_lowercase();
        // `/a#b`: the fragment is never sent, so no server (Prism neither)
        // can tell this operation from `/a`; OpenAPI paths must differ
        // in what is sent.
        // `/a/{id}` and `/a/{number}`: the same path to a server (OpenAPI
        // forbids such twins), so it answers one of them for both.
        if let Some(twin) = twin(api, op) {
            row.class = "document".to_owned();
            row.note = format!(
                "not callable as documented: `{} {}` is the same path as `{twin}` to a server; {}",
                op.http_method, op.path_template, row.note
            );
            continue;
        }
        if let Some((sent, _)) = op.path_template.split_once('#') {
            row.class = "document".to_owned();
            row.note = format!(
                "not callable as documented: the path's `#` fragment is never sent, so `{} {sent}` is all the server sees",
                op.http_method
            );
            continue;
        }
        let found = requests.iter_mut().find(|(route, _, used)| {
            !*used
                && route.split_once(' ').is_some_and(|(m, path)| {
                    m == method && matches_template(&op.path_template, path)
                })
        });
        if let Some((_, lines, used)) = found {
            *used = true;
            let served_invalid = lines.iter().any(|l| l.contains("Violation: response"));
            if served_invalid && row.response == "not decoded" {
                row.class = "document".to_owned();
            }
        }
        // Prism could not answer: the answer it built from the document
        // violates the document's schema (it says so with a 500).
        if row.request == "rejected" && only_in(&row.note, "response") {
            row.class = "document".to_owned();
            row.note = format!(
                "Prism's answer from the document violates the document's schema: {}",
                row.note
            );
        }
        if row.class == "sdk" && row.request == "rejected" && only_in(&row.note, "body") {
            if let Some(sent) = row
                .sent
                .as_deref()
                .and_then(|b| serde_json::from_str(b).ok())
            {
                match schemas.request_violations(&method, &op.path_template, &sent) {
                    None => {
                        row.class = "prism".to_owned();
                        row.note = format!(
                            "Prism refused a body that fits the document's schema: {}",
                            row.note
                        );
                    }
                    Some(violations) if violations.only_overlapping_one_of() => {
                        row.class = "document".to_owned();
                        row.note = format!(
                            "the document's `oneOf` members overlap, so the body fits more than one and Prism refuses it: {violations}"
                        );
                    }
                    Some(violations)
                        if op.body.as_ref().and_then(|b| b.example.as_ref()) == Some(&sent) =>
                    {
                        row.class = "document".to_owned();
                        row.note = format!(
                            "the document's own example body violates its schema {violations}"
                        );
                    }
                    Some(_) => {}
                }
            }
        }
        if row.class == "sdk" {
            let violations = row.served.as_ref().and_then(|(status, body)| {
                let body = serde_json::from_str(body).ok()?;
                schemas.violations(&method, &op.path_template, *status, &body)
            });
            if let Some(violations) = violations {
                row.class = "document".to_owned();
                row.note =
                    format!("the served example violates the document's schema {violations}")
                        .chars()
                        .take(300)
                        .collect();
            }
        }
    }
}

/// Another operation with the same method whose path differs only in the
/// names of its placeholders.
fn twin(api: &Api, op: &sdkgen::ir::Operation) -> Option<String> {
    let shape = |template: &str| -> String {
        template
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "{}"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    let wanted = shape(&op.path_template);
    api.resources
        .iter()
        .flat_map(|r| &r.operations)
        .find(|other| {
            other.http_method == op.http_method
                && other.path_template != op.path_template
                && shape(&other.path_template) == wanted
        })
        .map(|other| other.path_template.clone())
}

/// Where each violation Prism listed is (`body`, `path`, `query`, `header`
/// of the request, or `response`), judging by each `"location":[...]`.
fn violation_places(note: &str) -> Vec<&str> {
    note.split("\"location\":[")
        .skip(1)
        .map(|rest| {
            if rest.starts_with("\"response\"") {
                return "response";
            }
            let rest = rest.trim_start_matches("\"request\",");
            rest.split('"').nth(1).unwrap_or_default()
        })
        .collect()
}

/// Whether Prism listed violations and all are in `place`.
fn only_in(note: &str, place: &str) -> bool {
    let places = violation_places(note);
    !places.is_empty() && places.iter().all(|p| *p == place)
}

/// Whether a request path fits a path template (`/planets/{id}`).
fn matches_template(template: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let wanted: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let got: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    wanted.len() == got.len()
        && wanted
            .iter()
            .zip(&got)
            .all(|(w, g)| (w.contains('{') && !g.is_empty()) || w == g)
}

/// Rows in the document's order of operations.
fn order_like(api: &Api, rows: &mut [Row]) {
    let order: Vec<String> = api
        .resources
        .iter()
        .flat_map(|r| {
            r.operations
                .iter()
                .map(move |op| format!("{}.{}", r.accessor, op.method_name))
        })
        .collect();
    rows.sort_by_key(|row| order.iter().position(|o| *o == row.operation));
}

fn write_all(dir: &Path, files: &[(String, String)]) -> Result<(), String> {
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Builds the program with the main target directory; returns its path.
fn build(root: &Path, out: &Path) -> Result<PathBuf, String> {
    let target = root.join("target");
    let status = crate::cargo_once()
        .args(["build", "--quiet", "--package", "conformance-program"])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("the conformance program did not build ({status})"));
    }
    Ok(target.join("debug/conformance-program"))
}

/// The table and the closing line: `N/M operations conform`, where the
/// operations whose failure is the document's are left out of `M` and named.
pub fn table(rows: &[Row]) -> String {
    let mut text =
        String::from("| operation | request | response | class | note |\n|---|---|---|---|---|\n");
    for row in rows {
        let note: String = row.note.chars().take(300).collect();
        let note = note.replace('|', "\\|");
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            row.operation, row.request, row.response, row.class, note
        ));
    }
    let conforming = rows.iter().filter(|r| r.conforms()).count();
    let named = |class: &str| -> Vec<&str> {
        rows.iter()
            .filter(|r| !r.conforms() && r.class == class)
            .map(|r| r.operation.as_str())
            .collect()
    };
    let (document, prism) = (named("document"), named("prism"));
    let counted = rows.len() - document.len() - prism.len();
    if !document.is_empty() {
        text.push_str(&format!(
            "\nLeft out, the document's own flaw (what Prism served from the document, or the document's own example request, violates the document's schema; or the operation cannot be called as documented): {}\n",
            document.join(", ")
        ));
    }
    if !prism.is_empty() {
        text.push_str(&format!(
            "\nLeft out, Prism's own limit (it refused a request body that the document's schema admits): {}\n",
            prism.join(", ")
        ));
    }
    text.push_str(&format!("\n{conforming}/{counted} operations conform"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prism_violations_are_told_apart_by_where_they_are() {
        let body = r#"HTTP 422 [{"location":["request","body","website"],"code":"format"},{"location":["request","body"],"code":"required"}]"#;
        assert!(only_in(body, "body"));
        let mixed =
            r#"HTTP 422 [{"location":["request","body"]},{"location":["request","path","id"]}]"#;
        assert!(!only_in(mixed, "body"));
        assert_eq!(violation_places(mixed), ["body", "path"]);
        let path = r#"HTTP 422  [{"code":"format","location":["path","contactid"]}]"#;
        assert_eq!(violation_places(path), ["path"]);
        let response = r#"HTTP 500 [{"location":["response","body","token"],"code":"type"}]"#;
        assert!(only_in(response, "response"));
        assert!(!only_in("HTTP 302", "body"));
    }

    #[test]
    fn request_paths_fit_their_templates() {
        assert!(matches_template("/planets/{planetId}", "/planets/17"));
        assert!(matches_template(
            "/planets/{id}/image",
            "/planets/1/image?x=1"
        ));
        assert!(!matches_template("/planets/{id}", "/planets/1/image"));
        assert!(!matches_template("/planets", "/moons"));
    }

    /// The IR of a document given as text, and the document's schemas.
    fn lowered(yaml: &str) -> (Api, served::Schemas) {
        let spec = std::env::temp_dir().join(format!(
            "conformance-{}-{}.yaml",
            std::process::id(),
            yaml.len()
        ));
        std::fs::write(&spec, yaml).unwrap();
        let generated = sdkgen::generate(&spec, &CrateInfo::new("f", "0.0.0")).unwrap();
        let document = sdkgen::load::load(&spec).unwrap();
        std::fs::remove_file(&spec).ok();
        (generated.api, served::Schemas::new(&document.raw).unwrap())
    }

    /// `resource.method` of the operation at `path`.
    fn name(api: &Api, path: &str) -> String {
        api.resources
            .iter()
            .find_map(|r| {
                r.operations
                    .iter()
                    .find(|op| op.path_template == path)
                    .map(|op| format!("{}.{}", r.accessor, op.method_name))
            })
            .unwrap()
    }

    fn refused(operation: String, note: &str, sent: Option<&str>) -> Row {
        Row {
            served: None,
            sent: sent.map(str::to_owned),
            operation,
            request: "rejected".to_owned(),
            response: "-".to_owned(),
            note: note.to_owned(),
            class: String::new(),
        }
    }

    #[test]
    fn an_operation_told_apart_by_a_path_fragment_is_the_documents_flaw() {
        let (api, schemas) = lowered(
            "openapi: 3.0.3\ninfo: {title: F, version: '1'}\npaths:\n  /schema:\n    post:\n      operationId: createSchema\n      responses: {'201': {description: Made.}}\n  /schema#kinds:\n    post:\n      operationId: createKindSchema\n      responses: {'200': {description: Made.}}\n",
        );
        let mut rows = [
            refused(name(&api, "/schema#kinds"), "HTTP 201", None),
            refused(name(&api, "/schema"), "HTTP 201", None),
        ];
        classify(&api, &mut rows, "", &schemas);
        assert_eq!(rows[0].class, "document", "{:?}", rows[0]);
        assert!(
            rows[0]
                .note
                .contains("`POST /schema` is all the server sees"),
            "{}",
            rows[0].note
        );
        assert_eq!(rows[1].class, "sdk", "{:?}", rows[1]);
    }

    #[test]
    fn paths_that_differ_only_in_placeholder_names_are_the_documents_flaw() {
        let (api, schemas) = lowered(
            "openapi: 3.0.3\ninfo: {title: F, version: '1'}\npaths:\n  /contacts/{id}:\n    get:\n      operationId: getContact\n      parameters: [{name: id, in: path, required: true, schema: {type: string, format: uuid}}]\n      responses: {'200': {description: Found.}}\n  /contacts/{number}:\n    get:\n      operationId: getContactByNumber\n      parameters: [{name: number, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: Found.}}\n  /contacts/{id}/notes:\n    get:\n      operationId: listNotes\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: Found.}}\n",
        );
        let mut rows = [
            refused(name(&api, "/contacts/{number}"), "HTTP 422 uuid", None),
            refused(name(&api, "/contacts/{id}/notes"), "HTTP 422", None),
        ];
        classify(&api, &mut rows, "", &schemas);
        assert_eq!(rows[0].class, "document", "{:?}", rows[0]);
        assert!(
            rows[0].note.contains("same path as `/contacts/{id}`"),
            "{}",
            rows[0].note
        );
        assert_eq!(rows[1].class, "sdk", "{:?}", rows[1]);
    }

    #[test]
    fn a_refused_body_is_judged_against_the_document() {
        let (api, schemas) = lowered(
            r"openapi: 3.0.3
info: {title: F, version: '1'}
paths:
  /planets:
    post:
      operationId: createPlanet
      requestBody:
        content:
          application/json:
            schema:
              oneOf: [{$ref: '#/components/schemas/Planet'}]
      responses: {'201': {description: Made.}}
  /moons:
    post:
      operationId: createMoon
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Moon'}
            example: {site: not a uri}
      responses: {'201': {description: Made.}}
components:
  schemas:
    Planet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string}
    Moon:
      type: object
      properties:
        site: {type: string, format: uri}
",
        );
        let body = r#"[{"location":["request","body"],"code":"required"}]"#;
        let mut rows = [
            refused(name(&api, "/planets"), body, Some(r#"{"name":"Mars"}"#)),
            refused(name(&api, "/planets"), body, Some(r#"{"id":1}"#)),
            refused(name(&api, "/moons"), body, Some(r#"{"site":"not a uri"}"#)),
            refused(
                name(&api, "/moons"),
                r#"[{"location":["path","id"]}]"#,
                Some(r#"{"site":"not a uri"}"#),
            ),
        ];
        classify(&api, &mut rows, "", &schemas);
        let classes: Vec<&str> = rows.iter().map(|r| r.class.as_str()).collect();
        // Fits the document: Prism's (it wants the read-only id); does not
        // fit and is the SDK's own value: the SDK's; the document's example
        // that does not fit its schema: the document's; a path refused: the SDK's.
        assert_eq!(classes, ["prism", "sdk", "document", "sdk"], "{rows:#?}");
    }

    #[test]
    fn the_closing_line_leaves_out_the_documents_own_flaws() {
        let row = |operation: &str, response: &str, class: &str| Row {
            served: None,
            sent: None,
            operation: operation.to_owned(),
            request: "accepted".to_owned(),
            response: response.to_owned(),
            note: String::new(),
            class: class.to_owned(),
        };
        let rows = [
            row("a.list", "decoded", ""),
            row("a.get", "not decoded", "document"),
            row("a.put", "not decoded", "sdk"),
        ];
        let text = table(&rows);
        assert!(text.ends_with("1/2 operations conform"), "{text}");
        assert!(
            text.contains("own flaw") && text.contains("a.get"),
            "{text}"
        );
    }
}
