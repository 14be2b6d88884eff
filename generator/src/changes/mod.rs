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

mod operations;
mod types;

use crate::ir::{Api, ErrorVariant, Setting, TypeRef, Webhook};

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
