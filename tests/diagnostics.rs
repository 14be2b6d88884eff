//! Broken documents get errors that name the file, the place and the problem;
//! constructs we cannot express get warnings, and generation goes on.

use std::path::PathBuf;

use sdkgen::ir::{ParamLocation, PathPart, TypeRef};
use sdkgen::{CrateInfo, Error, Generated};

fn write_spec(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdk-diagnostics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn generate(name: &str, text: &str) -> Result<Generated, Error> {
    let krate = CrateInfo::new("diag", "0.1.0");
    sdkgen::generate(&write_spec(name, text), &krate)
}

const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n";

#[test]
fn yaml_syntax_error_names_file_line_and_column() {
    let error = generate("syntax.yml", &format!("{HEAD}paths:\n  /a: [\n")).unwrap_err();
    assert!(error.file.ends_with("syntax.yml"));
    assert_eq!(error.position.map(|p| p.0), Some(7), "{error}");
    assert!(error.message.contains("not valid YAML"), "{error}");
}

#[test]
fn json_documents_are_read_too() {
    let json = r#"{"openapi": "3.0.3", "info": {"title": "J", "version": "1"}, "paths": {}}"#;
    assert!(generate("ok.json", json).is_ok());
}

#[test]
fn json_with_surrogate_pairs_loads() {
    // An emoji outside the Basic Multilingual Plane, escaped as JSON tools write it.
    let json =
        r#"{"openapi": "3.0.3", "info": {"title": "J \ud83d\udc4d", "version": "1"}, "paths": {}}"#;
    let generated = generate("emoji.json", json).unwrap();
    assert_eq!(generated.api.title, "J \u{1f44d}");
}

#[test]
fn json_errors_name_the_line_and_pointer() {
    let json = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"J\", \"version\": \"1\"},\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\"responses\": {\"200\": 7}}\n    }\n  }\n}\n";
    let error = generate("structure.json", json).unwrap_err();
    assert_eq!(
        error.pointer.as_deref(),
        Some("/paths/~1a/get/responses/200"),
        "{error}"
    );
    assert_eq!(error.position, Some((6, 29)), "{error}");
    let syntax = generate(
        "syntax.json",
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": }\n",
    )
    .unwrap_err();
    assert_eq!(syntax.position, Some((3, 11)), "{syntax}");
    assert!(syntax.message.starts_with("not valid JSON"), "{syntax}");
}

#[test]
fn refs_to_text_files_fill_text_fields_and_are_left_out_elsewhere() {
    let dir = std::env::temp_dir().join(format!("sdk-diagnostics-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("intro.md"),
        "# Welcome\n\nUse *this* API: it works.\n",
    )
    .unwrap();
    let root = dir.join("api.yml");
    std::fs::write(
        &root,
        format!("{HEAD}  description:\n    $ref: ./intro.md\npaths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: ./intro.md\n"),
    )
    .unwrap();
    let generated = sdkgen::generate(&root, &CrateInfo::new("diag", "0.1.0")).unwrap();
    assert_eq!(
        generated.api.description.as_deref(),
        Some("# Welcome\n\nUse *this* API: it works.")
    );
    let warning = generated
        .warnings
        .iter()
        .find(|w| w.pointer == "/components/schemas/A")
        .expect("a warning for the schema that names a text file");
    assert!(
        warning.message.contains("neither YAML nor JSON"),
        "{warning:?}"
    );
}

#[test]
fn invalid_structure_points_into_the_document() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        '200': 7\n"
    );
    let error = generate("structure.yml", &text).unwrap_err();
    assert_eq!(
        error.pointer.as_deref(),
        Some("/paths/~1a/get/responses/200"),
        "{error}"
    );
    assert_eq!(error.position.map(|p| p.0), Some(10), "{error}");
    assert!(error.to_string().contains("structure.yml:10:"), "{error}");
}

#[test]
fn dangling_ref_is_reported_where_it_is_used() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/Missing'\n"
    );
    let error = generate("dangling.yml", &text).unwrap_err();
    assert_eq!(
        error.pointer.as_deref(),
        Some("/components/schemas/A/properties/b/$ref"),
        "{error}"
    );
    assert!(error.message.contains("no schema `Missing`"), "{error}");
    assert_eq!(error.position.map(|p| p.0), Some(12), "{error}");
}

#[test]
fn duplicate_operation_ids_are_refused() {
    let op = |id: &str| {
        format!("      operationId: {id}\n      responses:\n        '204':\n          description: ok\n")
    };
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n{}  /b:\n    get:\n{}",
        op("same"),
        op("same")
    );
    let error = generate("duplicate.yml", &text).unwrap_err();
    assert_eq!(
        error.pointer.as_deref(),
        Some("/paths/~1b/get/operationId"),
        "{error}"
    );
    assert!(
        error.message.contains("already used by #/paths/~1a/get"),
        "{error}"
    );
    assert_eq!(error.position.map(|p| p.0), Some(14), "{error}");
}

#[test]
fn client_side_helpers_are_left_out_with_a_warning() {
    let text = format!("{HEAD}paths:\n  /chunkedPush:\n    get:\n      operationId: chunkedPush\n      x-helper: true\n      responses:\n        '204':\n          description: ok\n  /push:\n    post:\n      operationId: push\n      responses:\n        '204':\n          description: ok\n");
    let generated = generate("helper.yml", &text).expect("generates");
    let warning = generated.warnings.first().expect("a warning");
    assert_eq!(warning.pointer, "/paths/~1chunkedPush/get");
    assert!(warning.message.contains("client-side helper"), "{warning}");
    let operations: Vec<&str> = generated
        .api
        .resources
        .iter()
        .flat_map(|r| &r.operations)
        .map(|op| op.path_template.as_str())
        .collect();
    assert_eq!(operations, ["/push"]);
}

#[test]
fn undeclared_path_placeholder_is_a_required_string_with_a_warning() {
    let text = format!("{HEAD}paths:\n  /apps/{{app_id}}:\n    get:\n      operationId: a\n      responses:\n        '204':\n          description: ok\n");
    let generated = generate("placeholder.yml", &text).expect("generates");
    let warning = generated.warnings.first().expect("a warning");
    assert_eq!(warning.pointer, "/paths/~1apps~1{app_id}/get");
    assert!(warning.message.contains("`{app_id}`"), "{warning}");
    let operation = &generated.api.resources[0].operations[0];
    let param = &operation.params[0];
    assert_eq!(
        (
            param.wire_name.as_str(),
            param.location,
            param.required,
            &param.ty
        ),
        ("app_id", ParamLocation::Path, true, &TypeRef::String)
    );
    assert_eq!(
        operation.path,
        [
            PathPart::Literal("/apps/".to_owned()),
            PathPart::Param("app_id".to_owned())
        ]
    );
}

#[test]
fn missing_file_and_wrong_version_are_clear() {
    let krate = CrateInfo::new("diag", "0.1.0");
    let error =
        sdkgen::generate(std::path::Path::new("/nonexistent/spec.yml"), &krate).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("/nonexistent/spec.yml: error: cannot read"),
        "{error}"
    );
    let error = generate(
        "v4.yml",
        "openapi: 4.0.0\ninfo: {title: T, version: '1'}\npaths: {}\n",
    )
    .unwrap_err();
    assert!(
        error
            .message
            .contains("only OpenAPI 3.0.x, 3.1.x and 3.2.x documents are supported; this one declares `4.0.0`"),
        "{error}"
    );
    // 3.2 is read through 3.1; what it adds that is not generated is named.
    let generated = generate(
        "v32.yml",
        "openapi: 3.2.0\ninfo: {title: T, version: '1'}\npaths:\n  /search:\n    query:\n      responses: {'200': {description: ok}}\n",
    )
    .unwrap();
    assert!(
        generated.warnings.iter().any(
            |w| w.pointer == "/paths/~1search/query" && w.message.contains("not generated yet")
        ),
        "{:?}",
        generated.warnings
    );
    // 3.1 is read, and a 3.1 schema error names the 3.1 version and its place.
    let error = generate(
        "v31.yml",
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents:\n  schemas:\n    A:\n      type: object\n      required: 7\n",
    )
    .unwrap_err();
    assert!(error.message.contains("OpenAPI 3.1.0"), "{error}");
    assert_eq!(
        error.pointer.as_deref(),
        Some("/components/schemas/A"),
        "{error}"
    );
    assert_eq!(error.position.map(|(line, _)| line), Some(5), "{error}");
}

#[test]
fn unsupported_schema_falls_back_with_a_warning() {
    let text = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          not: {{type: string}}\n");
    let generated = generate("not.yml", &text).expect("generation goes on");
    let warning = generated.warnings.first().expect("a warning");
    assert_eq!(warning.pointer, "/components/schemas/A/properties/b");
    assert!(warning.message.contains("serde_json::Value"), "{warning}");
    let model = generated
        .files
        .iter()
        .find(|(p, _)| p == "src/models/a.rs")
        .unwrap();
    assert!(
        model.1.contains("pub b: Option<serde_json::Value>"),
        "{}",
        model.1
    );
}

/// What the generator does not turn into code is named, never dropped in
/// silence: callbacks, links, and schemes it cannot send.
#[test]
fn callbacks_links_webhooks_and_unsendable_schemes_are_named() {
    let text = "openapi: 3.1.0
info: {title: T, version: '1'}
components:
  securitySchemes:
    digest: {type: http, scheme: digest}
    cert: {type: mutualTLS}
webhooks:
  jobDone:
    post:
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses: {'200': {description: OK.}}
paths:
  /jobs:
    post:
      operationId: createJob
      callbacks:
        onDone:
          '{$request.body#/callback}':
            post:
              responses: {'200': {description: OK.}}
      responses:
        '201':
          description: Created.
          links:
            GetJob: {operationId: getJob}
";
    let generated = generate("unsaid.yml", text).expect("generation goes on");
    let said = |pointer: &str, words: &str| {
        generated
            .warnings
            .iter()
            .any(|w| w.pointer == pointer && w.message.contains(words))
    };
    assert!(
        said("/paths/~1jobs/post/callbacks", "onDone"),
        "{:?}",
        generated.warnings
    );
    assert!(
        said("/paths/~1jobs/post/responses/201/links", "GetJob"),
        "{:?}",
        generated.warnings
    );
    // Webhooks are typed events, not a warning.
    assert!(generated
        .files
        .iter()
        .any(|(path, _)| path == "src/webhooks.rs"));
    assert!(
        said("/components/securitySchemes/digest", "digest"),
        "{:?}",
        generated.warnings
    );
    assert!(
        said("/components/securitySchemes/cert", "mutual TLS"),
        "{:?}",
        generated.warnings
    );
}

/// Numbers wider than 64 bits are valid JSON Schema: the document loads.
#[test]
fn integer_bounds_beyond_64_bits_load() {
    let text = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        n: {{type: integer, format: int64, minimum: -9223372036854776000, maximum: 99999999999999999999}}\n");
    let generated = generate("wide.yml", &text).unwrap_or_else(|e| panic!("{e}"));
    let model = generated
        .files
        .iter()
        .find(|(path, _)| path == "src/models/a.rs")
        .unwrap();
    assert!(model.1.contains("pub n: Option<i64>"), "{}", model.1);
}

/// A mistake in a file another refers to is reported in that file, at its
/// line and JSON pointer there.
#[test]
fn errors_in_referenced_files_name_that_file_and_line() {
    let dir = std::env::temp_dir().join(format!("sdk-multi-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("parts")).unwrap();
    std::fs::write(
        dir.join("root.yml"),
        format!("{HEAD}paths:\n  /a:\n    $ref: './parts/a.yml#/item'\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("parts/a.yml"),
        "# Path items.\nitem:\n  get:\n    responses: 7\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("missing.yml"),
        format!("{HEAD}paths:\n  /a:\n    $ref: './nowhere.yml'\n"),
    )
    .unwrap();
    let krate = CrateInfo::new("diag", "0.1.0");
    let error = sdkgen::generate(&dir.join("root.yml"), &krate).unwrap_err();
    assert!(error.file.ends_with("parts/a.yml"), "{error}");
    assert_eq!(
        error.pointer.as_deref(),
        Some("/item/get/responses"),
        "{error}"
    );
    assert_eq!(error.position.map(|(line, _)| line), Some(4), "{error}");
    let error = sdkgen::generate(&dir.join("missing.yml"), &krate).unwrap_err();
    assert!(error.message.contains("nowhere.yml"), "{error}");
    assert_eq!(error.pointer.as_deref(), Some("/paths/~1a"), "{error}");
    std::fs::remove_dir_all(&dir).ok();
}
