//! Snapshots of the IR and of generated files: reviewed once, then any change
//! in the generator's output shows up as a diff to accept or fix.

use sdkgen::CrateInfo;

fn generate(spec: &std::path::Path, name: &str) -> sdkgen::Generated {
    let krate = CrateInfo::new(name.to_owned(), "0.1.0".to_owned());
    sdkgen::generate(spec, &krate).unwrap_or_else(|e| panic!("{e}"))
}

fn snapshot_name(prefix: &str, path: &str) -> String {
    format!(
        "{prefix}__{}",
        path.trim_start_matches("src/").replace('/', "__")
    )
}

#[test]
fn vault_ir() {
    let generated = generate(&tests::root().join("spec/vault.yml"), "apideck-vault");
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    insta::assert_yaml_snapshot!("vault_ir", generated.api);
}

/// The Connections part of the Vault crate, which the TypeScript SDK docs mirror.
#[test]
fn vault_connections_files() {
    let generated = generate(&tests::root().join("spec/vault.yml"), "apideck-vault");
    for wanted in [
        "src/client.rs",
        "src/error.rs",
        "src/resources/connections.rs",
        "src/models/connection.rs",
        "src/models/form_field_option.rs",
    ] {
        let (path, text) = generated
            .files
            .iter()
            .find(|(p, _)| p == wanted)
            .expect(wanted);
        insta::assert_snapshot!(snapshot_name("vault", path), text);
    }
}

/// One fixture per construct: the IR and every model and resource file.
#[test]
fn fixtures() {
    let fixtures = xtask::fixtures(&tests::root());
    assert!(fixtures.len() >= 9, "fixtures found: {fixtures:?}");
    for (stem, spec) in fixtures {
        let generated = generate(&spec, &format!("fixture-{stem}"));
        assert!(
            generated.warnings.is_empty(),
            "{stem}: {:?}",
            generated.warnings
        );
        insta::assert_yaml_snapshot!(format!("{stem}__ir"), generated.api);
        for (path, text) in &generated.files {
            let wanted = path.starts_with("src/models/") && path != "src/models/mod.rs"
                || path.starts_with("src/resources/") && path != "src/resources/mod.rs";
            if wanted {
                insta::assert_snapshot!(snapshot_name(&stem, path), text);
            }
        }
    }
}

/// Where a name is `X2` or `x_2` and `X` or `x` is a sibling in the same
/// list (fields, variants, parameters, types, resources, settings), the
/// number was added to tell two names apart.
fn numbered_names(value: &serde_json::Value, found: &mut Vec<String>) {
    const NAME_KEYS: [&str; 8] = [
        "name",
        "rust_name",
        "setter",
        "accessor",
        "type_name",
        "module",
        "method_name",
        "builder_name",
    ];
    match value {
        serde_json::Value::Array(items) => {
            for key in NAME_KEYS {
                let names: Vec<&str> = items
                    .iter()
                    .filter_map(|item| item.get(key)?.as_str())
                    .collect();
                for name in &names {
                    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
                    if stem.len() < name.len() && names.contains(&stem.trim_end_matches('_')) {
                        found.push(format!("{key} {name}"));
                    }
                }
            }
            items.iter().for_each(|item| numbered_names(item, found));
        }
        serde_json::Value::Object(map) => map.values().for_each(|v| numbered_names(v, found)),
        _ => {}
    }
}

/// No public name ends in a number the generator added to tell it apart:
/// builders are scoped to their resource module, inline types are named from
/// their context, and names that fold together are spelled out (`a_b` beside
/// `aB` is `a_underscore_b`). Covers our documents and, when `../shared/` is
/// present, Apideck's published ones.
#[test]
fn no_public_name_gets_a_disambiguating_number() {
    let mut documents = vec![("vault".to_owned(), tests::root().join("spec/vault.yml"))];
    documents.extend(xtask::fixtures(&tests::root()));
    if let Some(dir) =
        tests::published_specs("no_public_name_gets_a_disambiguating_number (published part)")
    {
        documents.extend(xtask::corpus::documents(&dir).into_iter().map(|path| {
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (stem, path)
        }));
    }
    let mut found = Vec::new();
    for (stem, spec) in documents {
        let api = serde_json::to_value(generate(&spec, "naming-check").api).unwrap();
        let mut numbered = Vec::new();
        numbered_names(&api, &mut numbered);
        found.extend(numbered.into_iter().map(|name| format!("{stem}: {name}")));
    }
    assert!(found.is_empty(), "numbered names:\n{}", found.join("\n"));
}

/// The rule that keeps generated names from colliding (`sdkgen::scope`):
/// models files import only `scope::MODEL_IMPORTS` and sibling models; no
/// other generated file imports a model by its bare name; resource modules
/// import only modules, `Error` and the client; `client.rs` names resource
/// types by path.
#[test]
fn generated_files_only_meet_the_names_the_scope_rule_reserves() {
    let mut documents = vec![("vault".to_owned(), tests::root().join("spec/vault.yml"))];
    documents.extend(xtask::fixtures(&tests::root()));
    let allowed: Vec<String> = sdkgen::scope::MODEL_IMPORTS
        .iter()
        .map(|(path, name)| format!("use {path}::{name};"))
        .collect();
    let mut found = Vec::new();
    for (stem, spec) in documents {
        for (path, text) in generate(&spec, "scope-check").files {
            // Statements that start with `use`, joined across lines.
            let uses = text
                .split(';')
                .map(|s| s.trim())
                .filter(|s| s.starts_with("use "))
                .map(|s| s.split_whitespace().collect::<String>());
            for statement in uses {
                let in_models = path.starts_with("src/models/");
                if in_models && !statement.starts_with("usesuper::") {
                    // `use serde::{Deserialize, Serialize}` is two allowed imports.
                    let (prefix, names) = match statement.split_once("::{") {
                        Some((prefix, rest)) => (
                            prefix.to_owned(),
                            rest.trim_end_matches('}')
                                .split(',')
                                .map(str::to_owned)
                                .collect(),
                        ),
                        None => {
                            let (prefix, name) =
                                statement.rsplit_once("::").unwrap_or(("", &statement));
                            (prefix.to_owned(), vec![name.to_owned()])
                        }
                    };
                    for name in names.iter().filter(|n| !n.is_empty()) {
                        let import = format!("{} {}::{name};", "use", &prefix["use".len()..]);
                        if !allowed.contains(&import) {
                            found.push(format!("{stem} {path}: {import}"));
                        }
                    }
                }
                if !in_models && statement.starts_with("usecrate::models::") {
                    found.push(format!("{stem} {path}: {statement}"));
                }
                // Resource modules import modules, the client and `Error` only.
                let resource_imports = ["usecrate::models", "usecrate::runtime"];
                if path.starts_with("src/resources/")
                    && path != "src/resources/mod.rs"
                    && !resource_imports.contains(&statement.as_str())
                    && !statement.starts_with("usecrate::{Error,")
                {
                    found.push(format!("{stem} {path}: {statement}"));
                }
                if path == "src/client.rs" && statement.starts_with("usecrate::resources") {
                    found.push(format!("{stem} {path}: {statement}"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "imports outside the rule:\n{}",
        found.join("\n")
    );
}
