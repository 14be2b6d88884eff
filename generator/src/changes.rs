//! What a new version of a document means for the users of the generated crate,
//! computed from two IRs (never from text diffs).
//!
//! Every difference is classified the way the generated code makes it felt:
//! models, enums, unions and `Error` are `#[non_exhaustive]` and models are
//! built with `new(required..)` plus `with_*` setters, so adding an optional
//! property, an enum value, a union variant, an error status, an operation or
//! an optional parameter is additive; removing anything, changing a type, or
//! adding something required is breaking.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::ir::{
    Api, ErrorVariant, Field, Operation, Param, Setting, TypeDef, TypeKind, TypeRef, Webhook,
};

/// Whether users must change their code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Impact {
    /// Nothing users call changes (documentation, examples).
    Cosmetic,
    /// Something new; existing code still compiles and behaves the same.
    Additive,
    /// Existing code may stop compiling or behave differently.
    Breaking,
}

/// The semantic-versioning step an update calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Only documentation changed.
    Patch,
    /// Only additions.
    Minor,
    /// Something breaks.
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// One difference, as a user of the crate sees it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// How it affects users.
    pub impact: Impact,
    /// What changed, e.g. `field Connection.health`.
    pub subject: String,
    /// How, e.g. `added (optional)` or `type String → i64`.
    pub detail: String,
}

/// All differences between two versions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Breaking changes first, then additions, then cosmetic ones; each group sorted.
    pub changes: Vec<Change>,
}

impl Report {
    /// The version step the changes call for.
    pub fn bump(&self) -> Bump {
        match self.changes.iter().map(|c| c.impact).max() {
            None => Bump::None,
            Some(Impact::Cosmetic) => Bump::Patch,
            Some(Impact::Additive) => Bump::Minor,
            Some(Impact::Breaking) => Bump::Major,
        }
    }

    /// Whether anything breaks.
    pub fn is_breaking(&self) -> bool {
        self.bump() == Bump::Major
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |impact| self.changes.iter().filter(|c| c.impact == impact).count();
        writeln!(
            f,
            "semver: {} ({} breaking, {} additive, {} cosmetic)",
            self.bump(),
            count(Impact::Breaking),
            count(Impact::Additive),
            count(Impact::Cosmetic)
        )?;
        for change in &self.changes {
            let mark = match change.impact {
                Impact::Breaking => "BREAKING",
                Impact::Additive => "added   ",
                Impact::Cosmetic => "docs    ",
            };
            writeln!(f, "  {mark} {}: {}", change.subject, change.detail)?;
        }
        Ok(())
    }
}

/// Compares the crate generated from `old` with the one generated from `new`.
/// The report between two documents: what users of the crate generated
/// from `old` meet when it is generated from `new`.
pub fn between(old: &std::path::Path, new: &std::path::Path) -> Result<Report, crate::Error> {
    let krate = crate::CrateInfo::new("change-report", "0.0.0");
    let lower = |spec: &std::path::Path| -> Result<Api, crate::Error> {
        Ok(crate::lower::lower(&crate::load::load(spec)?, &krate)?.api)
    };
    Ok(compare(&lower(old)?, &lower(new)?))
}

/// The report between two IRs of the same API.
pub fn compare(old: &Api, new: &Api) -> Report {
    let mut diff = Diff::default();
    diff.settings(&old.client.settings, &new.client.settings);
    diff.operations(old, new);
    diff.types(&old.types, &new.types);
    diff.errors(&old.errors, &new.errors);
    diff.webhooks(&old.webhooks, &new.webhooks);
    diff.error_details(old, new);
    let mut changes = diff.changes;
    changes.sort_by(|a, b| b.impact.cmp(&a.impact).then_with(|| a.cmp(b)));
    changes.dedup();
    Report { changes }
}

#[derive(Default)]
struct Diff {
    changes: Vec<Change>,
}

fn by_key<T>(items: &[T], key: impl Fn(&T) -> String) -> BTreeMap<String, &T> {
    items.iter().map(|item| (key(item), item)).collect()
}

/// `String`, `Vec<Connection>`, ...: how a type reads in the generated code.
fn shown(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::Number => "Number".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Multipart => "Multipart".to_owned(),
        TypeRef::Json => "Value".to_owned(),
        TypeRef::Bytes => "Vec<u8>".to_owned(),
        TypeRef::Named(name) => name.clone(),
        TypeRef::List(inner) => format!("Vec<{}>", shown(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", shown(inner)),
    }
}

impl Diff {
    fn push(&mut self, impact: Impact, subject: impl Into<String>, detail: impl Into<String>) {
        self.changes.push(Change {
            impact,
            subject: subject.into(),
            detail: detail.into(),
        });
    }

    fn settings(&mut self, old: &[Setting], new: &[Setting]) {
        let (old, new) = (
            by_key(old, |s| s.name.clone()),
            by_key(new, |s| s.name.clone()),
        );
        for (name, setting) in &new {
            let subject = format!("client setting `{name}`");
            match old.get(name) {
                None if setting.required => {
                    self.push(Impact::Breaking, subject, "added, required by `build()`")
                }
                None => self.push(Impact::Additive, subject, "added"),
                Some(before) if setting.required && !before.required => {
                    self.push(Impact::Breaking, subject, "now required by `build()`")
                }
                Some(before) if before.wire_name != setting.wire_name => self.push(
                    Impact::Breaking,
                    subject,
                    format!(
                        "sent as `{}` instead of `{}`",
                        setting.wire_name, before.wire_name
                    ),
                ),
                Some(before) if before != setting => {
                    self.push(Impact::Cosmetic, subject, "documentation")
                }
                Some(_) => {}
            }
        }
        for name in old.keys().filter(|n| !new.contains_key(*n)) {
            self.push(
                Impact::Breaking,
                format!("client setting `{name}`"),
                "removed",
            );
        }
    }

    fn operations(&mut self, old: &Api, new: &Api) {
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

    fn types(&mut self, old: &[TypeDef], new: &[TypeDef]) {
        let (old_map, new_map) = (
            by_key(old, |t| t.name.clone()),
            by_key(new, |t| t.name.clone()),
        );
        for (name, def) in &new_map {
            match old_map.get(name) {
                None => self.push(Impact::Additive, format!("type {name}"), "added"),
                Some(before) => self.type_def(before, def),
            }
        }
        for name in old_map.keys().filter(|n| !new_map.contains_key(*n)) {
            self.push(Impact::Breaking, format!("type {name}"), "removed");
        }
    }

    fn type_def(&mut self, old: &TypeDef, new: &TypeDef) {
        let name = &new.name;
        if old.doc != new.doc {
            self.push(Impact::Cosmetic, format!("type {name}"), "documentation");
        }
        match (&old.kind, &new.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                self.fields(name, &a.fields, &b.fields);
                if a.extra.value != b.extra.value {
                    self.push(
                        Impact::Breaking,
                        format!("type {name}"),
                        format!(
                            "additional properties {} → {}",
                            shown(&a.extra.value),
                            shown(&b.extra.value)
                        ),
                    );
                }
                if a.default && !b.default {
                    self.push(
                        Impact::Breaking,
                        format!("type {name}"),
                        "no longer `Default`",
                    );
                }
                if a.required_parts != b.required_parts {
                    self.push(
                        Impact::Breaking,
                        format!("type {name}"),
                        "`new` takes other arguments",
                    );
                }
            }
            (TypeKind::Enum(a), TypeKind::Enum(b)) => {
                let values = |e: &crate::ir::Enum| -> BTreeMap<String, String> {
                    e.variants
                        .iter()
                        .map(|v| (v.value.clone(), v.name.clone()))
                        .collect()
                };
                let (before, after) = (values(a), values(b));
                for (value, variant) in &after {
                    match before.get(value) {
                        None => self.push(
                            Impact::Additive,
                            format!("enum {name}"),
                            format!("value `{value}` added ({variant})"),
                        ),
                        Some(old_variant) if old_variant != variant => self.push(
                            Impact::Breaking,
                            format!("enum {name}"),
                            format!("variant {old_variant} renamed {variant}"),
                        ),
                        Some(_) => {}
                    }
                }
                for value in before.keys().filter(|v| !after.contains_key(*v)) {
                    self.push(
                        Impact::Breaking,
                        format!("enum {name}"),
                        format!("value `{value}` removed"),
                    );
                }
                if a.unknown_variant != b.unknown_variant {
                    self.push(
                        Impact::Breaking,
                        format!("enum {name}"),
                        "catch-all variant renamed",
                    );
                }
            }
            (TypeKind::Tagged(a), TypeKind::Tagged(b)) => {
                let variants = |t: &crate::ir::Tagged| -> BTreeMap<String, TypeRef> {
                    t.variants
                        .iter()
                        .map(|v| (v.name.clone(), v.ty.clone()))
                        .collect()
                };
                self.variants(name, &variants(a), &variants(b));
            }
            (TypeKind::Untagged(a), TypeKind::Untagged(b)) => {
                let variants = |u: &crate::ir::Untagged| -> BTreeMap<String, TypeRef> {
                    u.variants
                        .iter()
                        .map(|v| (v.name.clone(), v.ty.clone()))
                        .collect()
                };
                self.variants(name, &variants(a), &variants(b));
            }
            (TypeKind::Alias(a), TypeKind::Alias(b))
            | (TypeKind::Newtype(a), TypeKind::Newtype(b))
                if a == b => {}
            (TypeKind::Alias(a), TypeKind::Alias(b))
            | (TypeKind::Newtype(a), TypeKind::Newtype(b)) => self.push(
                Impact::Breaking,
                format!("type {name}"),
                format!("{} → {}", shown(a), shown(b)),
            ),
            _ => self.push(Impact::Breaking, format!("type {name}"), "changed kind"),
        }
    }

    fn variants(
        &mut self,
        name: &str,
        old: &BTreeMap<String, TypeRef>,
        new: &BTreeMap<String, TypeRef>,
    ) {
        for (variant, ty) in new {
            match old.get(variant) {
                None => self.push(
                    Impact::Additive,
                    format!("union {name}"),
                    format!("variant {variant} added"),
                ),
                Some(before) if before != ty => self.push(
                    Impact::Breaking,
                    format!("union {name}"),
                    format!("variant {variant}: {} → {}", shown(before), shown(ty)),
                ),
                Some(_) => {}
            }
        }
        for variant in old.keys().filter(|v| !new.contains_key(*v)) {
            self.push(
                Impact::Breaking,
                format!("union {name}"),
                format!("variant {variant} removed"),
            );
        }
    }

    fn fields(&mut self, owner: &str, old: &[Field], new: &[Field]) {
        let (old_map, new_map) = (
            by_key(old, |f| f.rust_name.clone()),
            by_key(new, |f| f.rust_name.clone()),
        );
        for (name, field) in &new_map {
            let subject = format!("field {owner}.{name}");
            match old_map.get(name) {
                None if field.required => self.push(
                    Impact::Breaking,
                    subject,
                    "added, required (an argument of `new`)",
                ),
                None => self.push(Impact::Additive, subject, "added (optional)"),
                Some(before) => {
                    if before.ty != field.ty || before.boxed != field.boxed {
                        self.push(
                            Impact::Breaking,
                            &subject,
                            format!("type {} → {}", shown(&before.ty), shown(&field.ty)),
                        );
                    }
                    if before.required != field.required || before.nullable != field.nullable {
                        let shape = |f: &Field| match (f.required, f.nullable) {
                            (true, false) => "required",
                            (true, true) => "required, nullable",
                            (false, false) => "optional",
                            (false, true) => "optional, nullable",
                        };
                        self.push(
                            Impact::Breaking,
                            &subject,
                            format!("{} → {}", shape(before), shape(field)),
                        );
                    }
                    if before.doc != field.doc
                        || before.deprecated != field.deprecated
                        || before.example != field.example
                    {
                        self.push(Impact::Cosmetic, &subject, "documentation");
                    }
                }
            }
        }
        for name in old_map.keys().filter(|n| !new_map.contains_key(*n)) {
            self.push(Impact::Breaking, format!("field {owner}.{name}"), "removed");
        }
    }

    fn error_details(&mut self, old: &Api, new: &Api) {
        let fields = |api: &Api| -> Vec<String> {
            api.error_details
                .iter()
                .flat_map(|d| d.fields.iter().map(|f| f.rust_name.clone()))
                .collect()
        };
        let (before, after) = (fields(old), fields(new));
        for name in after.iter().filter(|n| !before.contains(n)) {
            self.push(
                Impact::Additive,
                "Error::details()",
                format!("field `{name}` added"),
            );
        }
        for name in before.iter().filter(|n| !after.contains(n)) {
            self.push(
                Impact::Breaking,
                "Error::details()",
                format!("field `{name}` removed"),
            );
        }
    }

    fn webhooks(&mut self, old: &[Webhook], new: &[Webhook]) {
        let (old_map, new_map) = (
            by_key(old, |w| w.variant.clone()),
            by_key(new, |w| w.variant.clone()),
        );
        for (variant, hook) in &new_map {
            let subject = format!("Webhook::{variant}");
            match old_map.get(variant) {
                // `Webhook` is non-exhaustive; the name used to land in `Unknown`.
                None => self.push(Impact::Additive, subject, "added"),
                Some(before) if before.ty != hook.ty || before.name != hook.name => {
                    self.push(Impact::Breaking, subject, "carries another type or name")
                }
                Some(_) => {}
            }
        }
        for variant in old_map.keys().filter(|v| !new_map.contains_key(*v)) {
            self.push(Impact::Breaking, format!("Webhook::{variant}"), "removed");
        }
    }

    fn errors(&mut self, old: &[ErrorVariant], new: &[ErrorVariant]) {
        let (old_map, new_map) = (
            by_key(old, |e| e.name.clone()),
            by_key(new, |e| e.name.clone()),
        );
        for (name, variant) in &new_map {
            let subject = format!("Error::{name}");
            match old_map.get(name) {
                // `Error` is non-exhaustive; the status used to land in `Unexpected`.
                None => self.push(Impact::Additive, subject, "added"),
                Some(before) if before.model != variant.model => {
                    let model = |m: &Option<TypeRef>| m.as_ref().map_or("Value".to_owned(), shown);
                    self.push(
                        Impact::Breaking,
                        subject,
                        format!(
                            "carries {} instead of {}",
                            model(&variant.model),
                            model(&before.model)
                        ),
                    )
                }
                Some(_) => {}
            }
        }
        for name in old_map.keys().filter(|n| !new_map.contains_key(*n)) {
            self.push(Impact::Breaking, format!("Error::{name}"), "removed");
        }
    }
}
