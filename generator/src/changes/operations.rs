//! How operations and their parameters changed.

use std::collections::BTreeMap;

use super::{by_key, shown, Diff, Impact};
use crate::ir::{Api, Operation, Param, TypeRef};

impl Diff {
    pub(super) fn operations(&mut self, old: &Api, new: &Api) {
        let flatten = |api: &'_ Api| -> Vec<(String, Operation)> {
            api.resources
                .iter()
                .flat_map(|r| {
                    r.operations.iter().map(move |op| {
                        (format!("{}().{}()", r.accessor, op.method_name), op.clone())
                    })
                })
                .collect()
        };
        let (old_ops, new_ops) = (flatten(old), flatten(new));
        let old_map: BTreeMap<&str, &Operation> =
            old_ops.iter().map(|(k, op)| (k.as_str(), op)).collect();
        let new_map: BTreeMap<&str, &Operation> =
            new_ops.iter().map(|(k, op)| (k.as_str(), op)).collect();
        for (key, op) in &new_map {
            let subject = format!("operation {key}");
            match old_map.get(key) {
                None => self.push(
                    Impact::Additive,
                    subject,
                    format!("added ({} {})", op.http_method, op.path_template),
                ),
                Some(before) => self.operation(&subject, before, op),
            }
        }
        for key in old_map.keys().filter(|k| !new_map.contains_key(*k)) {
            self.push(Impact::Breaking, format!("operation {key}"), "removed");
        }
    }

    fn operation(&mut self, subject: &str, old: &Operation, new: &Operation) {
        if old.http_method != new.http_method || old.path_template != new.path_template {
            self.push(
                Impact::Breaking,
                subject,
                format!(
                    "now {} {} (was {} {})",
                    new.http_method, new.path_template, old.http_method, old.path_template
                ),
            );
        }
        if old.builder_name != new.builder_name {
            self.push(
                Impact::Breaking,
                subject,
                format!(
                    "builder renamed {} → {}",
                    old.builder_name, new.builder_name
                ),
            );
        }
        self.params(subject, &old.params, &new.params);
        match (&old.body, &new.body) {
            (None, Some(body)) if body.required => {
                self.push(Impact::Breaking, subject, "now takes a required body")
            }
            (None, Some(_)) => self.push(Impact::Additive, subject, "optional body added"),
            (Some(_), None) => self.push(Impact::Breaking, subject, "body removed"),
            (Some(a), Some(b)) if a.ty != b.ty || a.required != b.required => self.push(
                Impact::Breaking,
                subject,
                format!("body {} → {}", shown(&a.ty), shown(&b.ty)),
            ),
            _ => {}
        }
        match (&old.success.by_status, &new.success.by_status) {
            (Some(before), Some(after)) if before != after => {
                // The answer enum is non-exhaustive: a status added is a variant added.
                let kept = before.variants.iter().all(|v| after.variants.contains(v));
                let (impact, detail) = if kept && before.name == after.name {
                    (Impact::Additive, "success status added")
                } else {
                    (Impact::Breaking, "success statuses changed")
                };
                self.push(impact, subject, detail);
            }
            (None, Some(after)) => self.push(
                Impact::Breaking,
                subject,
                format!("returns `{}` by status", after.name),
            ),
            (Some(before), None) => self.push(
                Impact::Breaking,
                subject,
                format!("no longer returns `{}`", before.name),
            ),
            _ => {}
        }
        if (old.success.ty != new.success.ty
            || old.success.empty_statuses != new.success.empty_statuses)
            && old.success.by_status.is_none()
            && new.success.by_status.is_none()
        {
            let name = |ty: &Option<TypeRef>| ty.as_ref().map_or("()".to_owned(), shown);
            self.push(
                Impact::Breaking,
                subject,
                format!(
                    "returns {} instead of {}",
                    name(&new.success.ty),
                    name(&old.success.ty)
                ),
            );
        }
        if old.pagination.is_some() && new.pagination.is_none() {
            self.push(Impact::Breaking, subject, "`into_stream()` removed");
        } else if old.pagination.is_none() && new.pagination.is_some() {
            self.push(Impact::Additive, subject, "`into_stream()` added");
        }
        if old.deprecated != new.deprecated
            || old.summary != new.summary
            || old.description != new.description
        {
            self.push(Impact::Cosmetic, subject, "documentation or deprecation");
        }
    }

    fn params(&mut self, subject: &str, old: &[Param], new: &[Param]) {
        let (old_map, new_map) = (
            by_key(old, |p| p.rust_name.clone()),
            by_key(new, |p| p.rust_name.clone()),
        );
        for (name, param) in &new_map {
            match old_map.get(name) {
                None if param.required && param.global.is_none() => self.push(
                    Impact::Breaking,
                    subject,
                    format!("required parameter `{name}` added"),
                ),
                None => self.push(
                    Impact::Additive,
                    subject,
                    format!("parameter `{name}` added"),
                ),
                Some(before) if before.ty != param.ty => self.push(
                    Impact::Breaking,
                    subject,
                    format!(
                        "parameter `{name}`: {} → {}",
                        shown(&before.ty),
                        shown(&param.ty)
                    ),
                ),
                Some(before) if param.required && !before.required && param.global.is_none() => {
                    self.push(
                        Impact::Breaking,
                        subject,
                        format!("parameter `{name}` now required"),
                    )
                }
                Some(before) if !param.required && before.required && before.global.is_none() => {
                    // A required argument becomes a setter.
                    self.push(
                        Impact::Breaking,
                        subject,
                        format!("parameter `{name}` now optional"),
                    )
                }
                Some(before)
                    if before.wire_name != param.wire_name
                        || before.location != param.location
                        || before.style != param.style =>
                {
                    self.push(
                        Impact::Additive,
                        subject,
                        format!("parameter `{name}` sent differently"),
                    )
                }
                Some(before) if before.doc != param.doc => self.push(
                    Impact::Cosmetic,
                    subject,
                    format!("parameter `{name}` documentation"),
                ),
                Some(_) => {}
            }
        }
        // Positional arguments are matched by position: an order change breaks calls.
        let positional = |params: &[Param]| -> Vec<String> {
            params
                .iter()
                .filter(|p| p.required && p.global.is_none())
                .map(|p| p.rust_name.clone())
                .collect()
        };
        let (before, after) = (positional(old), positional(new));
        if before != after
            && before.iter().all(|p| after.contains(p))
            && before.len() == after.len()
        {
            self.push(Impact::Breaking, subject, "required parameters reordered");
        }
        for name in old_map.keys().filter(|n| !new_map.contains_key(*n)) {
            self.push(
                Impact::Breaking,
                subject,
                format!("parameter `{name}` removed"),
            );
        }
    }
}
