//! Shapes the generator chooses for awkward documents, read from the files it
//! writes: what clippy would otherwise refuse in the generated crate.

use sdkgen::{CrateInfo, Generated};

fn generate(name: &str, text: &str) -> Generated {
    let dir = std::env::temp_dir().join(format!("sdk-shape-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    sdkgen::generate(&path, &CrateInfo::new("shape", "0.1.0")).unwrap()
}

fn file<'a>(generated: &'a Generated, path: &str) -> &'a str {
    generated
        .files
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: Shape, version: '1'}\nservers: [{url: 'https://api.example.com'}]\n";

#[test]
fn large_bodies_in_answer_enums_are_boxed() {
    let fields: String = (0..12)
        .map(|i| format!("        f{i}: {{type: string}}\n"))
        .collect();
    let text = format!(
        "{HEAD}paths:\n  /jobs:\n    post:\n      operationId: submit\n      tags: [jobs]\n      responses:\n        '200': {{description: done, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Big'}}}}}}}}\n        '202': {{description: queued, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Small'}}}}}}}}\ncomponents:\n  schemas:\n    Big:\n      type: object\n      properties:\n{fields}    Small:\n      type: object\n      properties:\n        id: {{type: string}}\n"
    );
    let generated = generate("answers.yml", &text);
    let jobs = file(&generated, "src/resources/jobs.rs");
    assert!(jobs.contains("Ok(Box<models::Big>)"), "{jobs}");
    assert!(jobs.contains("Accepted(models::Small)"), "{jobs}");
}

#[test]
fn paths_with_more_parameters_than_arguments_take_the_last_as_setters() {
    let names = ["a", "b", "c", "d", "e", "f", "g"];
    let template: String = names.iter().map(|n| format!("/{{{n}}}")).collect();
    let params: String = names
        .iter()
        .map(|n| {
            format!("        - {{name: {n}, in: path, required: true, schema: {{type: string}}}}\n")
        })
        .collect();
    let text = format!(
        "{HEAD}paths:\n  /x{template}:\n    get:\n      operationId: deep\n      tags: [deep]\n      parameters:\n{params}      responses:\n        '204': {{description: ok}}\n"
    );
    let generated = generate("deep.yml", &text);
    let deep = file(&generated, "src/resources/deep.rs");
    // Six arguments (seven with `&self`, clippy's limit); `g` is a setter
    // that `send` insists on.
    assert!(
        deep.contains("f: impl Into<String>,\n    ) -> DeepGet"),
        "{deep}"
    );
    assert!(deep.contains("pub fn g(mut self"), "{deep}");
    assert!(deep.contains("request.missing(\"g\")"), "{deep}");
}

/// Every operation of the Vault document is documented like the seed's pages:
/// an example call (a doctest that compiles), what it returns and its errors;
/// and the crate README calls every operation, those with required bodies too.
#[test]
fn every_operation_has_an_example_returns_and_errors() {
    let root = tests::root();
    let generated = sdkgen::generate(
        &root.join("spec/vault.yml"),
        &CrateInfo::new("apideck-vault", "0.1.0"),
    )
    .unwrap();
    let readme = file(&generated, "README.md");
    for resource in &generated.api.resources {
        let text = file(&generated, &format!("src/resources/{}.rs", resource.module));
        for section in ["Example", "Returns", "Errors"] {
            let heading = format!("    /// # {section}\n");
            let found = text.matches(heading.as_str()).count();
            let wanted = resource.operations.len();
            assert_eq!(found, wanted, "{section} in {}", resource.module);
        }
        for op in &resource.operations {
            let call = format!("client.{}().{}(", resource.accessor, op.method_name);
            assert!(readme.contains(&call), "the README never calls {call}");
        }
    }
}

/// A query parameter whose value is an object sent `style: form, explode:
/// true` puts each property on the wire as its own parameter, so the builder
/// has one setter per property, not one taking a struct.
#[test]
fn exploded_form_objects_become_one_setter_per_property() {
    let text = format!(
        "{HEAD}paths:\n  /reports:\n    get:\n      operationId: listReports\n      tags: [reports]\n      parameters:\n        - name: window\n          in: query\n          required: true\n          schema: {{$ref: '#/components/schemas/Window'}}\n        - name: labels\n          in: query\n          schema: {{type: object, additionalProperties: {{type: string}}}}\n      responses:\n        '204': {{description: ok}}\ncomponents:\n  schemas:\n    Window:\n      type: object\n      required: [from]\n      properties:\n        from: {{type: string, description: Start of the window.}}\n        to: {{type: string}}\n"
    );
    let generated = generate("exploded.yml", &text);
    let reports = file(&generated, "src/resources/reports.rs");
    // `from` is required by a required object: an argument; `to` a setter.
    assert!(reports.contains("from: impl Into<String>"), "{reports}");
    assert!(reports.contains("pub fn to(mut self"), "{reports}");
    assert!(
        reports.contains("`from`: Start of the window."),
        "{reports}"
    );
    assert!(!reports.contains("models::Window"), "{reports}");
    // A map's keys are the caller's: it stays one parameter.
    assert!(reports.contains("pub fn labels(mut self"), "{reports}");
}

/// A download that may also answer without a body (200 with bytes, 202
/// empty) returns the bytes as received, not decoded as JSON.
#[test]
fn binary_answers_beside_empty_ones_are_not_decoded_as_json() {
    let text = format!(
        "{HEAD}paths:\n  /files/{{id}}/content:\n    get:\n      operationId: download\n      tags: [files]\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n        '200': {{description: the file, content: {{application/octet-stream: {{schema: {{type: string, format: binary}}}}}}}}\n        '202': {{description: not ready yet}}\n"
    );
    let generated = generate("download.yml", &text);
    let files = file(&generated, "src/resources/files.rs");
    assert!(files.contains("Option<Vec<u8>>"), "{files}");
    assert!(!files.contains(".decode::<Vec<u8>>()"), "{files}");
}

/// Without an example, a parameter's example call uses what its schema asks
/// for (its own `example`, a UUID, a minimum length), so that the documented
/// call passes a server that validates requests.
#[test]
fn example_calls_use_values_the_parameter_schema_accepts() {
    let text = format!(
        "{HEAD}paths:\n  /tenants/{{tenant}}/runs/{{run}}:\n    get:\n      operationId: getRun\n      tags: [runs]\n      parameters:\n        - {{name: tenant, in: path, required: true, schema: {{type: string, format: uuid, minLength: 36}}}}\n        - {{name: run, in: path, required: true, schema: {{type: string, minLength: 5}}}}\n        - {{name: region, in: query, required: true, schema: {{type: string, example: eu-west}}}}\n      responses:\n        '204': {{description: ok}}\n"
    );
    let generated = generate("examples.yml", &text);
    let runs = file(&generated, "src/resources/runs.rs");
    assert!(
        runs.contains(r#".get("123e4567-e89b-12d3-a456-426614174000", "aaaaa", "eu-west")"#),
        "{runs}"
    );
}

/// A document whose server is only a path (or absent) gives no working
/// default: the README's example sets the whole URL, so copying it works.
#[test]
fn without_an_absolute_server_the_readme_example_sets_one() {
    let paths = "paths:\n  /things:\n    get:\n      operationId: listThings\n      responses: {'204': {description: ok}}\n";
    let relative = generate(
        "relative.yaml",
        &format!("openapi: 3.0.3\ninfo: {{title: Shape, version: '1'}}\nservers: [{{url: /api/v1}}]\n{paths}"),
    );
    let readme = file(&relative, "README.md");
    assert!(
        readme.contains(".server_url(\"https://api.example.com/api/v1\")"),
        "{readme}"
    );
    let absent = generate(
        "absent.yaml",
        &format!("openapi: 3.0.3\ninfo: {{title: Shape, version: '1'}}\n{paths}"),
    );
    assert!(file(&absent, "README.md").contains(".server_url(\"https://api.example.com\")"));
    let absolute = generate("absolute.yaml", &format!("{HEAD}{paths}"));
    // Its example uses the document's server (the README's "Server
    // selection" section still shows `server_url`).
    assert!(!file(&absolute, "README.md").contains("// your server"));
}

/// An operation that only answers a stream shows how to read the stream in
/// its example, not `send()`, whose bytes nobody wants.
#[test]
fn a_stream_only_operation_s_example_reads_the_stream() {
    let text = format!(
        "{HEAD}paths:\n  /ticks:\n    get:\n      operationId: listTicks\n      tags: [ticks]\n      responses:\n        '200':\n          description: ok\n          content:\n            text/event-stream:\n              schema: {{type: object, properties: {{n: {{type: integer}}}}}}\n"
    );
    let generated = generate("stream-only.yaml", &text);
    let resource = file(&generated, "src/resources/ticks.rs");
    assert!(
        resource.contains("/// let mut stream = client.ticks().list().stream().await?;"),
        "{resource}"
    );
    assert!(resource.contains("/// while let Some(item) = stream.next().await {"));
    assert!(resource.contains("/// # use futures_util::StreamExt;"));
    assert!(resource.contains("`stream()` reads"));
    let readme = file(&generated, "README.md");
    assert!(
        readme.contains("let mut list = client.ticks().list().stream().await?;")
            && readme.contains("use futures_util::StreamExt;"),
        "{readme}"
    );
}

/// A lower-case summary starts its method's docs with a capital, as a person
/// writes one; a first word spelled with capitals of its own is left alone.
#[test]
fn summaries_read_as_sentences() {
    let text = format!(
        "{HEAD}paths:\n  /things:\n    get:\n      operationId: listThings\n      tags: [things]\n      summary: list things\n      responses: {{'204': {{description: ok}}}}\n    post:\n      operationId: addThing\n      tags: [things]\n      summary: iOS things\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let generated = generate("summaries.yaml", &text);
    let resource = file(&generated, "src/resources/things.rs");
    assert!(resource.contains("/// List things\n"), "{resource}");
    assert!(resource.contains("/// iOS things\n"), "{resource}");
}
