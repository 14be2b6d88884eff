//! The change report between two versions of a document: each difference
//! classified as users of the generated crate feel it, and the semver step.

use sdkgen::changes::{compare, Bump, Impact, Report};
use sdkgen::CrateInfo;

fn api(name: &str) -> sdkgen::ir::Api {
    let krate = CrateInfo::new("shop", "0.1.0");
    let spec = tests::root().join("tests/fixtures/changes").join(name);
    sdkgen::generate(&spec, &krate)
        .unwrap_or_else(|e| panic!("{e}"))
        .api
}

fn has(report: &Report, impact: Impact, subject: &str, detail: &str) -> bool {
    report
        .changes
        .iter()
        .any(|c| c.impact == impact && c.subject == subject && c.detail.contains(detail))
}

#[test]
fn each_difference_is_classified_as_users_feel_it() {
    let report = compare(&api("v1.yml"), &api("v2.yml"));
    let expected = [
        (Impact::Additive, "field Item.color", "added (optional)"),
        (Impact::Additive, "enum Color", "value `blue` added"),
        (
            Impact::Additive,
            "operation items().create()",
            "added (POST /items)",
        ),
        (
            Impact::Additive,
            "operation items().list()",
            "parameter `color` added",
        ),
        (Impact::Additive, "Error::TooManyRequests", "added"),
        (Impact::Cosmetic, "field Item.name", "documentation"),
        (Impact::Breaking, "field Item.legacy", "removed"),
        (Impact::Breaking, "field Item.price", "type i64 → String"),
        (Impact::Breaking, "field Item.sku", "added, required"),
    ];
    for (impact, subject, detail) in expected {
        assert!(
            has(&report, impact, subject, detail),
            "missing {impact:?} {subject}: {detail} in\n{report}"
        );
    }
    assert_eq!(report.bump(), Bump::Major, "{report}");
    assert!(report.is_breaking());
    // Breaking changes are listed first.
    assert_eq!(report.changes[0].impact, Impact::Breaking);
    let text = report.to_string();
    assert!(text.starts_with("semver: major (3 breaking"), "{text}");
}

#[test]
fn additions_alone_are_minor_and_nothing_is_none() {
    let (v1, v2) = (api("v1.yml"), api("v2.yml"));
    // Backwards, the same update removes what v2 added: still major.
    assert_eq!(compare(&v2, &v1).bump(), Bump::Major);
    assert_eq!(compare(&v1, &v1).bump(), Bump::None);
    assert!(compare(&v1, &v1).changes.is_empty());
    // Keep only v2's additions on top of v1: take v2 and restore v1's breaking parts.
    let mut additive = v2.clone();
    for def in &mut additive.types {
        if def.name == "Item" {
            let sdkgen::ir::TypeKind::Struct(item) = &mut def.kind else {
                panic!("Item is a struct");
            };
            let sdkgen::ir::TypeKind::Struct(old) =
                &v1.types.iter().find(|t| t.name == "Item").unwrap().kind
            else {
                panic!("Item is a struct");
            };
            item.fields = old.fields.clone();
        }
    }
    let report = compare(&v1, &additive);
    assert_eq!(report.bump(), Bump::Minor, "{report}");
}

/// The two representation changes that made additive Vault updates look
/// breaking (10.24.41 → 10.28.1 and 10.23.17 → 10.24.9): an open object that
/// names its first property, and a component added with an inline enum's name
/// and values. Both are additive now.
#[test]
fn growth_seen_in_the_vault_history_is_additive() {
    let report = compare(&api("growth-v1.yml"), &api("growth-v2.yml"));
    assert_eq!(report.bump(), Bump::Minor, "{report}");
    assert!(
        has(
            &report,
            Impact::Additive,
            "field ThingMetadata.owner_id",
            "added (optional)"
        ),
        "{report}"
    );
    // The open object is a struct from the start, and builds from a map.
    let v1 = api("growth-v1.yml");
    let metadata = v1.types.iter().find(|t| t.name == "ThingMetadata");
    assert!(
        matches!(metadata.map(|t| &t.kind), Some(sdkgen::ir::TypeKind::Struct(s)) if s.extra.open),
        "{metadata:?}"
    );
    // The inline enum keeps its name by being the component.
    let v2 = api("growth-v2.yml");
    assert!(!v2
        .types
        .iter()
        .any(|t| t.name.starts_with("ThingHealth") && t.name != "ThingHealth"));
}
