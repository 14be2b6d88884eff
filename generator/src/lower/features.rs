//! Cargo features: one per resource, so that an app using a few resources of a
//! large API compiles only those and the models they reach.
//!
//! Gates are decided per model module, not per type, because a module is the
//! unit `mod` declarations switch on and off. A module is compiled when any
//! resource reaching one of its types is on; since a compiled module compiles
//! all its types, the modules those types refer to inherit its features, until
//! nothing changes. What errors or webhooks reach is always compiled.

use std::collections::{BTreeMap, BTreeSet};

use super::inputs::{collect_names, referenced};
use super::parameters_only::non_parameter_types;
use crate::ir::{ErrorVariant, Gate, Resource, TypeDef, TypeRef, Webhook, FULL_FEATURE};

/// Names each resource's feature and gates every model module.
pub fn apply(
    defs: &mut [TypeDef],
    resources: &mut [Resource],
    errors: &[ErrorVariant],
    webhooks: &[Webhook],
) {
    name_features(resources);
    let module_of: BTreeMap<&str, &str> = defs
        .iter()
        .map(|d| (d.name.as_str(), d.module.as_str()))
        .collect();
    // Module → modules its types name.
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for def in defs.iter() {
        let targets = edges.entry(def.module.as_str()).or_default();
        for name in referenced(&def.kind) {
            if let Some(module) = module_of.get(name) {
                targets.insert(module);
            }
        }
    }

    let always_roots = errors
        .iter()
        .filter_map(|e| e.model.as_ref())
        .chain(webhooks.iter().filter_map(|w| w.ty.as_ref()));
    let always = closure(&edges, roots(always_roots, &module_of));
    let mut reached_by: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (index, resource) in resources.iter().enumerate() {
        let types = resource.operations.iter().flat_map(|op| {
            op.params
                .iter()
                .map(|p| &p.ty)
                .chain(non_parameter_types(op))
        });
        for module in closure(&edges, roots(types, &module_of)) {
            reached_by.entry(module).or_default().insert(index);
        }
    }

    let gates: BTreeMap<String, Gate> = edges
        .keys()
        .map(|module| {
            let by = reached_by.get(module);
            let gate = if always.contains(module) || by.is_some_and(|b| b.len() == resources.len())
            {
                Gate::Always
            } else if let Some(by) = by {
                Gate::AnyOf(by.iter().map(|&i| resources[i].feature.clone()).collect())
            } else if resources.is_empty() {
                Gate::Always
            } else {
                Gate::AnyOf(vec![FULL_FEATURE.to_owned()])
            };
            (module.to_string(), gate)
        })
        .collect();
    for def in defs.iter_mut() {
        def.gate = gates[&def.module].clone();
    }
}

/// Feature names: the resource's module in kebab case, never `default` or `full`.
fn name_features(resources: &mut [Resource]) {
    let mut taken: BTreeSet<String> = ["default", FULL_FEATURE]
        .into_iter()
        .map(str::to_owned)
        .collect();
    for resource in resources.iter_mut() {
        let base = resource
            .module
            .trim_start_matches("r#")
            .trim_matches('_')
            .replace('_', "-");
        let mut name = base.clone();
        while taken.contains(&name) {
            name.push_str("-resource");
        }
        taken.insert(name.clone());
        resource.feature = name;
    }
}

fn roots<'a>(
    types: impl Iterator<Item = &'a TypeRef>,
    module_of: &BTreeMap<&'a str, &'a str>,
) -> BTreeSet<&'a str> {
    let mut names = Vec::new();
    for ty in types {
        collect_names(ty, &mut names);
    }
    names
        .into_iter()
        .filter_map(|name| module_of.get(name).copied())
        .collect()
}

/// Every module reachable from `start`, `start` included.
fn closure<'a>(
    edges: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    start: BTreeSet<&'a str>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<&str> = start.into_iter().collect();
    while let Some(module) = pending.pop() {
        if seen.insert(module) {
            pending.extend(edges.get(module).into_iter().flatten().copied());
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Enum, TypeKind};

    fn resource(module: &str) -> Resource {
        Resource {
            accessor: module.to_owned(),
            type_name: module.to_owned(),
            module: module.to_owned(),
            feature: String::new(),
            operations: Vec::new(),
        }
    }

    #[test]
    fn feature_names_are_kebab_case_and_never_default_or_full() {
        let mut resources = vec![
            resource("tax_rates"),
            resource("full"),
            resource("default"),
            resource("r#type"),
        ];
        name_features(&mut resources);
        let names: Vec<&str> = resources.iter().map(|r| r.feature.as_str()).collect();
        assert_eq!(
            names,
            ["tax-rates", "full-resource", "default-resource", "type"]
        );
    }

    #[test]
    fn unreached_modules_wait_for_full_and_no_resources_means_always() {
        let def = TypeDef {
            name: "Lonely".to_owned(),
            module: "lonely".to_owned(),
            origin: String::new(),
            doc: None,
            kind: TypeKind::Enum(Enum {
                variants: Vec::new(),
                unknown_variant: "Unknown".to_owned(),
                integer: false,
            }),
            gate: Gate::Always,
        };
        let mut defs = vec![def.clone()];
        apply(&mut defs, &mut [resource("a")], &[], &[]);
        assert_eq!(defs[0].gate, Gate::AnyOf(vec!["full".to_owned()]));
        let mut defs = vec![def];
        apply(&mut defs, &mut [], &[], &[]);
        assert_eq!(defs[0].gate, Gate::Always);
    }
}
