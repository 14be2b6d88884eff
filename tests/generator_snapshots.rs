//! Snapshots of the IR and of generated files: reviewed once, then any change
//! in the generator's output shows up as a diff to accept or fix.

use generator::CrateInfo;

fn generate(spec: &std::path::Path, name: &str) -> generator::Generated {
    let krate = CrateInfo {
        name: name.to_owned(),
        version: "0.1.0".to_owned(),
    };
    generator::generate(spec, &krate).unwrap_or_else(|e| panic!("{e}"))
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

/// No public type name ends in a number the generator added to tell it apart:
/// builders are scoped to their resource module and inline types are named
/// from their context. A trailing digit must come from the document itself.
#[test]
fn no_public_name_gets_a_disambiguating_number() {
    let mut documents = vec![("vault".to_owned(), tests::root().join("spec/vault.yml"))];
    documents.extend(xtask::fixtures(&tests::root()));
    let ends_in_digit = |name: &str| name.ends_with(|c: char| c.is_ascii_digit());
    for (stem, spec) in documents {
        let api = generate(&spec, "naming-check").api;
        for def in &api.types {
            let source = def.origin.rsplit('/').next().unwrap_or_default();
            assert!(
                !ends_in_digit(&def.name) || ends_in_digit(source),
                "{stem}: type {} (from {})",
                def.name,
                def.origin
            );
        }
        for resource in &api.resources {
            assert!(
                !ends_in_digit(&resource.type_name),
                "{stem}: {}",
                resource.type_name
            );
            for op in &resource.operations {
                assert!(
                    !ends_in_digit(&op.builder_name) || ends_in_digit(&op.operation_id),
                    "{stem}: builder {}",
                    op.builder_name
                );
            }
        }
    }
}
