//! `sdkgen.toml` and the library's `Generator`: package metadata, which
//! operations, renames that win, the default server, the runtime dependency
//! and TLS backend, types-only output; and errors that name the key and the
//! file.

use std::path::{Path, PathBuf};

use sdkgen::ir::Api;
use sdkgen::Generator;

const DOCUMENT: &str = r#"openapi: 3.0.3
info: {title: Pet Shop, version: '1'}
servers:
  - url: https://{region}.pets.example.com
    description: Production
    variables:
      region: {default: us, enum: [us, eu]}
  - url: https://sandbox.pets.example.com
    description: Sandbox
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
  /stores:
    get:
      operationId: listStores
      tags: [stores]
      responses: {'204': {description: ok}}
  /status:
    get:
      operationId: getStatus
      tags: [meta]
      responses: {'204': {description: ok}}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
"#;

/// A directory holding the document and, when given, `sdkgen.toml` beside it.
fn project(name: &str, config: Option<&str>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdkgen-config-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("openapi.yaml"), DOCUMENT).unwrap();
    if let Some(config) = config {
        std::fs::write(dir.join("sdkgen.toml"), config).unwrap();
    }
    dir
}

fn api(dir: &Path) -> Api {
    Generator::new(dir.join("openapi.yaml"))
        .generate()
        .unwrap()
        .api
}

fn file<'a>(generated: &'a sdkgen::Generated, path: &str) -> &'a str {
    &generated.files.iter().find(|(p, _)| p == path).unwrap().1
}

#[test]
fn without_configuration_the_crate_is_named_after_the_title() {
    let api = api(&project("plain", None));
    assert_eq!(api.crate_name, "pet-shop");
    assert_eq!(api.crate_version, "0.1.0");
    let accessors: Vec<&str> = api.resources.iter().map(|r| r.accessor.as_str()).collect();
    assert_eq!(accessors, ["pets", "stores", "meta"]);
    assert_eq!(api.client.default_server, "https://us.pets.example.com");
}

#[test]
fn the_configuration_names_includes_renames_and_chooses_the_server() {
    let dir = project(
        "full",
        Some(
            r#"[package]
name = "petshop-sdk"
version = "2.1.0"
description = "Pets, in Rust"
license = "Apache-2.0"
repository = "https://example.com/petshop"
authors = ["Pet Team <pets@example.com>"]

[include]
tags = ["pets"]
operations = ["getStatus"]

[rename]
resources = { pets = "animals" }
methods = { listPets = "all" }
types = { Pet = "Animal" }

[server]
default = "Production"
variables = { region = "eu" }

[runtime]
version = "0.1"
tls = "native-tls"
"#,
        ),
    );
    let generated = Generator::new(dir.join("openapi.yaml")).generate().unwrap();
    let api = &generated.api;
    assert_eq!(
        (api.crate_name.as_str(), api.crate_version.as_str()),
        ("petshop-sdk", "2.1.0")
    );
    // `stores` is left out; `getStatus` is in by its operationId.
    let accessors: Vec<&str> = api.resources.iter().map(|r| r.accessor.as_str()).collect();
    assert_eq!(accessors, ["animals", "meta"]);
    assert_eq!(api.resources[0].type_name, "Animals");
    assert_eq!(api.resources[0].operations[0].method_name, "all");
    // Builders are named after the resource as renamed.
    assert_eq!(api.resources[0].operations[0].builder_name, "AnimalsAll");
    assert!(api.types.iter().any(|t| t.name == "Animal"));
    assert!(!api.types.iter().any(|t| t.name == "Pet"));
    assert_eq!(api.client.default_server, "https://eu.pets.example.com");
    let cargo = file(&generated, "Cargo.toml");
    for line in [
        "license = \"Apache-2.0\"",
        "description = \"Pets, in Rust\"",
        "repository = \"https://example.com/petshop\"",
        "authors = [\"Pet Team <pets@example.com>\"]",
        "sdkgen-runtime = { version = \"0.1\", default-features = false }",
        "default = [\"full\", \"native-tls\"]",
    ] {
        assert!(cargo.contains(line), "{line} in\n{cargo}");
    }
    // Flags win over the file.
    let api = Generator::new(dir.join("openapi.yaml"))
        .crate_name("other")
        .version("3.0.0")
        .generate()
        .unwrap()
        .api;
    assert_eq!(
        (api.crate_name.as_str(), api.crate_version.as_str()),
        ("other", "3.0.0")
    );
}

#[test]
fn a_default_server_by_index_moves_first() {
    let dir = project("index", Some("[server]\ndefault = \"1\"\n"));
    let api = api(&dir);
    assert_eq!(
        api.client.default_server,
        "https://sandbox.pets.example.com"
    );
    assert_eq!(api.client.servers[0].name, "Sandbox");
}

#[test]
fn configuration_mistakes_name_the_key_and_the_file() {
    let cases = [
        ("[package]\nnmae = \"x\"\n", "unknown field `nmae`"),
        (
            "[rename]\nmethods = { listPet = \"all\" }\n",
            "`listPet`, which is no generated operation",
        ),
        (
            "[rename]\nresources = { animals = \"x\" }\n",
            "`animals`, which is no tag or group",
        ),
        (
            "[rename]\ntypes = { Pets = \"x\" }\n",
            "`Pets`, which is no component schema",
        ),
        (
            "[server]\nvariables = { region = \"mars\" }\n",
            "`mars`, which the document does not list (it lists: us, eu)",
        ),
        (
            "[server]\nvariables = { zone = \"a\" }\n",
            "`zone`, which no server URL has",
        ),
        (
            "[server]\ndefault = \"Staging\"\n",
            "`Staging`, which is no server's URL, description or index",
        ),
        (
            "[runtime]\ntls = \"openssl\"\n",
            "unknown variant `openssl`",
        ),
    ];
    for (index, (config, expected)) in cases.iter().enumerate() {
        let dir = project(&format!("bad{index}"), Some(config));
        let error = Generator::new(dir.join("openapi.yaml"))
            .generate()
            .unwrap_err();
        assert!(
            error.message.contains(expected),
            "{config}: {}",
            error.message
        );
        assert_eq!(error.file, dir.join("sdkgen.toml"), "{config}");
    }
}

#[test]
fn types_only_output_has_models_and_no_client() {
    let dir = project("types", Some("[output]\ntypes_only = true\n"));
    let generated = Generator::new(dir.join("openapi.yaml")).generate().unwrap();
    let paths: Vec<&str> = generated.files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(paths.contains(&"src/models/pet.rs"), "{paths:?}");
    assert!(paths.contains(&"src/runtime/datetime.rs"), "{paths:?}");
    assert!(!paths
        .iter()
        .any(|p| p.starts_with("src/resources") || *p == "src/client.rs"));
    let cargo = file(&generated, "Cargo.toml");
    for absent in ["reqwest", "tokio", "sdkgen-runtime", "futures"] {
        assert!(!cargo.contains(absent), "{absent} in\n{cargo}");
    }
}

#[test]
fn a_crate_is_written_checked_and_found_stale_after_a_hand_edit() {
    let dir = project("write", None);
    let out = dir.join("out/pet-shop");
    let generator = Generator::new(dir.join("openapi.yaml"));
    let written = generator.write_crate(&out).unwrap();
    assert!(!written.stale.is_empty());
    assert_eq!(
        written.runtime_dir.as_deref(),
        Some(dir.join("out/sdkgen-runtime").as_path())
    );
    assert!(dir.join("out/sdkgen-runtime/Cargo.toml").is_file());
    assert!(generator.check_crate(&out).unwrap().stale.is_empty());
    let client = out.join("src/client.rs");
    let text = std::fs::read_to_string(&client).unwrap();
    std::fs::write(&client, text.replace("Starts configuring", "Hand edit:")).unwrap();
    let stale = generator.check_crate(&out).unwrap().stale;
    assert_eq!(stale, [sdkgen::write::Stale::Changed(client)]);
}

#[test]
fn a_module_is_one_file_for_include() {
    let dir = project("module", None);
    let path = dir.join("out/sdk.rs");
    let output = Generator::new(dir.join("openapi.yaml"))
        .crate_name("pet_app")
        .write_module(&path)
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("pub mod models {"), "{}", &text[..400]);
    assert!(text.contains("mod client {"));
    assert!(!text.contains("mod client;"));
    assert!(!text.contains("include_str!(\"../README.md\")"));
    assert_eq!(output.generated.inputs, [dir.join("openapi.yaml")]);
}
