//! Schemas → named model types and type references.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaData};

use super::enums;
use super::examples;
use super::names::{camel, snake, type_name, Namespace};
use super::sensitive::Marks;
use super::view::{view, View};
use crate::diagnostics::{escape_token, unescape_token, Error, Warning};
use crate::ir::{Gate, TypeDef, TypeKind, TypeRef};
use crate::load::keywords::{schema_child, SchemaChild};
use crate::load::Document;

mod aliases;
mod objects;
mod unions;

pub use aliases::{check_alias_cycles, wrap_recursive_aliases};
pub use objects::name_required_parts;

/// Facts about a property's schema that live beside its type.
#[derive(Debug, Clone, Default)]
struct Facts {
    nullable: bool,
    read_only: bool,
    deprecated: bool,
    marks: Marks,
    doc: Option<String>,
    example: Option<serde_json::Value>,
}

/// Builds model types from schemas, naming each one once.
pub struct Types<'d> {
    doc: &'d Document,
    /// The crate-wide type namespace.
    pub names: Namespace,
    /// Every type defined so far.
    pub defs: Vec<TypeDef>,
    /// Component schema name → Rust type name.
    components: IndexMap<String, String>,
    /// Non-component `$ref` targets already lowered.
    by_pointer: BTreeMap<String, TypeRef>,
    /// `$ref` targets being lowered, to stop on a cycle that no name breaks.
    in_progress: BTreeSet<String>,
    facts: BTreeMap<String, Facts>,
    /// The next schema lowered is a union member: a bare `{type: object}`
    /// there stays a struct, since `serde_json::Value` would swallow every
    /// value meant for the variants after it.
    union_member: bool,
    /// Fallbacks taken.
    pub warnings: Vec<Warning>,
}

/// The documentation of a schema: its description, else its title.
pub fn describe(data: &SchemaData) -> Option<String> {
    data.description
        .as_deref()
        .or(data.title.as_deref())
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
}

impl<'d> Types<'d> {
    /// Starts with `names` already holding the crate's fixed type names.
    pub fn new(doc: &'d Document, names: Namespace) -> Self {
        Self {
            doc,
            names,
            defs: Vec::new(),
            components: IndexMap::new(),
            by_pointer: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            facts: BTreeMap::new(),
            union_member: false,
            warnings: Vec::new(),
        }
    }

    /// Claims a name for every component schema, in document order, so that
    /// components keep their own names and inline types yield to them.
    /// `renames` (from `sdkgen.toml`) give some components the name they
    /// must have.
    pub fn declare_components(&mut self, renames: &BTreeMap<String, String>) {
        if let Some(components) = &self.doc.openapi.components {
            // Renamed components claim first: an override always wins.
            let ordered = components
                .schemas
                .keys()
                .filter(|name| renames.contains_key(*name))
                .chain(
                    components
                        .schemas
                        .keys()
                        .filter(|name| !renames.contains_key(*name)),
                );
            for name in ordered {
                let rust = match renames.get(name) {
                    Some(wanted) => {
                        self.names
                            .claim_spelled(&[type_name(wanted)], wanted, type_name)
                    }
                    None => self.names.claim_spelled(&[], name, type_name),
                };
                self.components.insert(name.clone(), rust);
            }
            // Document order, as before, for everything that lists them.
            let order: Vec<&String> = components.schemas.keys().collect();
            self.components
                .sort_by_key(|name, _| order.iter().position(|n| *n == name));
        }
    }

    /// Whether the document has a component schema `name`.
    pub fn has_component(&self, name: &str) -> bool {
        self.components.contains_key(name)
    }

    /// Defines every component schema.
    pub fn lower_components(&mut self) -> Result<(), Error> {
        let Some(components) = &self.doc.openapi.components else {
            return Ok(());
        };
        for (name, schema) in &components.schemas {
            let rust = self.components[name].clone();
            let pointer = format!("/components/schemas/{}", escape_token(name));
            let module = snake(&rust);
            match schema {
                ReferenceOr::Reference { reference } => {
                    let target = self.reference(reference, &pointer, &module)?;
                    self.push(TypeDef {
                        name: rust,
                        module,
                        origin: format!("#{pointer}"),
                        doc: None,
                        kind: TypeKind::Alias(target),
                        gate: Gate::Always,
                    });
                }
                ReferenceOr::Item(schema) => {
                    self.define(&rust, schema, view(schema), &pointer, &module)?
                }
            }
        }
        Ok(())
    }

    /// The type of a schema used at `pointer`; inline types that need a name get
    /// one built from `hint` and live in `module`.
    pub fn type_of(
        &mut self,
        schema: &ReferenceOr<Schema>,
        hint: &str,
        pointer: &str,
        module: &str,
    ) -> Result<TypeRef, Error> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer, module),
            ReferenceOr::Item(schema) => self.inline(schema, hint, pointer, module),
        }
    }

    fn reference(&mut self, reference: &str, at: &str, module: &str) -> Result<TypeRef, Error> {
        let target = self.doc.ref_target(reference, at)?;
        if let Some(name) = target
            .strip_prefix("/components/schemas/")
            .filter(|n| !n.contains('/'))
        {
            let name = unescape_token(name);
            return match self.components.get(&name) {
                Some(rust) => Ok(TypeRef::Named(rust.clone())),
                None => Err(self.doc.error(
                    &format!("{at}/$ref"),
                    format!("`$ref: {reference}` points at nothing: there is no schema `{name}` in components"),
                )),
            };
        }
        if let Some(known) = self.by_pointer.get(&target) {
            return Ok(known.clone());
        }
        if !self.in_progress.insert(target.clone()) {
            self.warn(at, format!("`$ref: {reference}` refers to itself without a named type in between; using serde_json::Value"));
            return Ok(TypeRef::Json);
        }
        let (schema, target) = self.doc.resolve::<Schema>(
            &ReferenceOr::Reference {
                reference: reference.to_owned(),
            },
            at,
        )?;
        let hint: String = target
            .split('/')
            .filter(|t| {
                !matches!(
                    *t,
                    "" | "components" | "schemas" | "properties" | "paths" | "content" | "$defs"
                )
            })
            .map(|t| camel(&unescape_token(t)))
            .collect();
        let lowered = self.inline(&schema, &hint, &target, module);
        self.in_progress.remove(&target);
        let lowered = lowered?;
        self.by_pointer.insert(target, lowered.clone());
        Ok(lowered)
    }

    fn inline(
        &mut self,
        schema: &Schema,
        hint: &str,
        pointer: &str,
        module: &str,
    ) -> Result<TypeRef, Error> {
        let shape = view(schema);
        let union_member = std::mem::take(&mut self.union_member);
        if needs_name(&shape) || self.open_record(&shape, pointer) {
            // One type per place in the document, however it is reached (inline or by `$ref`).
            if let Some(known) = self.by_pointer.get(pointer) {
                return Ok(known.clone());
            }
            let candidates = inline_names(hint, &shape, pointer);
            if let Some(component) = self.same_component(&candidates[0], schema) {
                self.by_pointer
                    .insert(pointer.to_owned(), TypeRef::Named(component.clone()));
                return Ok(TypeRef::Named(component));
            }
            let name = self.names.claim_first(&candidates);
            self.by_pointer
                .insert(pointer.to_owned(), TypeRef::Named(name.clone()));
            self.union_member = union_member;
            self.define(&name, schema, shape, pointer, module)?;
            Ok(TypeRef::Named(name))
        } else {
            self.unnamed(shape, hint, pointer, module)
        }
    }

    /// The type of a schema that does not get a name of its own.
    fn unnamed(
        &mut self,
        shape: View,
        hint: &str,
        pointer: &str,
        module: &str,
    ) -> Result<TypeRef, Error> {
        Ok(match shape {
            View::String { format, .. } if format.as_deref() == Some("date-time") => {
                TypeRef::DateTime
            }
            View::String { .. } => TypeRef::String,
            View::Integer { format, .. } if format.as_deref() == Some("int32") => TypeRef::I32,
            View::Integer { .. } => TypeRef::I64,
            View::Number => TypeRef::Number,
            View::Boolean => TypeRef::Bool,
            View::Array { items: Some(items) } => TypeRef::List(Box::new(self.type_of(
                &items,
                &format!("{hint}Item"),
                &format!("{pointer}/items"),
                module,
            )?)),
            View::Array { items: None } => TypeRef::List(Box::new(TypeRef::Json)),
            View::Object {
                additional: Some(AdditionalProperties::Schema(value)),
                ..
            } => TypeRef::Map(Box::new(self.type_of(
                &value,
                &format!("{hint}Value"),
                &format!("{pointer}/additionalProperties"),
                module,
            )?)),
            View::Object {
                additional: None, ..
            } => TypeRef::Json,
            View::Object { .. } => TypeRef::Map(Box::new(TypeRef::Json)),
            View::Union { members, exclusive } => {
                let keyword = if exclusive { "oneOf" } else { "anyOf" };
                match members.iter().position(|m| !is_null_only(m)) {
                    Some(index) => self.type_of(
                        &members[index],
                        hint,
                        &format!("{pointer}/{keyword}/{index}"),
                        module,
                    )?,
                    None => TypeRef::Json,
                }
            }
            // The one member that says what the value is; the others only
            // document it (`allOf: [$ref, {description}]`).
            View::AllOf(members) => match members.iter().position(|m| !documents_only(m)) {
                Some(index) => self.type_of(
                    &members[index],
                    hint,
                    &format!("{pointer}/allOf/{index}"),
                    module,
                )?,
                None => TypeRef::Json,
            },
            View::Any => TypeRef::Json,
            View::Unsupported(why) => {
                self.warn(pointer, format!("{why}; using serde_json::Value"));
                TypeRef::Json
            }
        })
    }

    /// Defines the named type `name` for `schema`.
    fn define(
        &mut self,
        name: &str,
        schema: &Schema,
        shape: View,
        pointer: &str,
        module: &str,
    ) -> Result<(), Error> {
        // Reserve the slot first so a parent is listed before the types inside it.
        let slot = self.push(TypeDef {
            name: name.to_owned(),
            module: module.to_owned(),
            origin: format!("#{pointer}"),
            doc: describe(&schema.schema_data),
            kind: TypeKind::Alias(TypeRef::Json),
            gate: Gate::Always,
        });
        let open_record = self.open_record(&shape, pointer);
        // `{type: object}` and nothing else promises nothing about what it
        // holds: it is a named `serde_json::Value`, so any value decodes
        // (documents put strings there too). A union's member stays a struct:
        // a `Value` would take every value meant for the variants after it.
        let union_member = std::mem::take(&mut self.union_member);
        let kind = match shape {
            View::Object {
                properties,
                required,
                additional,
            } if !properties.is_empty()
                || (additional.is_none() && union_member)
                || open_record =>
            {
                TypeKind::Struct(self.structure(
                    name,
                    &properties,
                    &required,
                    additional.as_ref(),
                    pointer,
                    module,
                )?)
            }
            View::String { values, .. } if !values.is_empty() => {
                TypeKind::Enum(enums::lower(schema, &values, false))
            }
            View::Integer { values, .. } if !values.is_empty() => {
                let values: Vec<String> = values.iter().map(i64::to_string).collect();
                TypeKind::Enum(enums::lower(schema, &values, true))
            }
            View::Union { members, exclusive } if effective(&members) > 1 => {
                self.union(name, schema, &members, exclusive, pointer, module)?
            }
            View::AllOf(members) if members.len() > 1 => {
                self.all_of(name, &members, pointer, module)?
            }
            other => TypeKind::Alias(self.unnamed(other, name, pointer, module)?),
        };
        self.defs[slot].kind = kind;
        Ok(())
    }

    /// Lists and maps nested three deep (`Map<Map<Map<T>>>`) get a name of
    /// their own, so that a field's type stays readable (and under clippy's
    /// type complexity limit once wrapped in `Option`).
    fn name_if_deep(&mut self, ty: TypeRef, hint: &str, pointer: &str, module: &str) -> TypeRef {
        fn depth(ty: &TypeRef) -> usize {
            match ty {
                TypeRef::List(inner) | TypeRef::Map(inner) => 1 + depth(inner),
                _ => 0,
            }
        }
        if depth(&ty) < 3 {
            return ty;
        }
        let name = self
            .names
            .claim_first(&[type_name(hint), type_name(&format!("{hint} Collection"))]);
        self.push(TypeDef {
            name: name.clone(),
            module: module.to_owned(),
            origin: format!("#{pointer}"),
            doc: None,
            kind: TypeKind::Alias(ty),
            gate: Gate::Always,
        });
        TypeRef::Named(name)
    }

    /// The component named `natural` (the name an inline type would take), if
    /// it describes the same values as `schema`: documents often add a
    /// component for an enum that stays inline where it began, and taking the
    /// component keeps the type's name instead of pushing the inline one to a
    /// new name.
    fn same_component(&self, natural: &str, schema: &Schema) -> Option<String> {
        let (wire, rust) = self.components.iter().find(|(_, rust)| *rust == natural)?;
        let ReferenceOr::Item(component) =
            self.doc.openapi.components.as_ref()?.schemas.get(wire)?
        else {
            return None;
        };
        (shape_only(component) == shape_only(schema)).then(|| rust.clone())
    }

    /// Whether the object at `pointer` declares a (still empty) `properties`
    /// list beside `additionalProperties`: a record whose fields are not named
    /// yet, not a map. It becomes a struct that keeps every key in its extra
    /// map, so that naming a property later (Apideck's `metadata` gained
    /// `company_id`) adds a field instead of changing the type.
    fn open_record(&self, shape: &View, pointer: &str) -> bool {
        let View::Object {
            properties,
            additional: Some(additional),
            ..
        } = shape
        else {
            return false;
        };
        properties.is_empty()
            && !matches!(additional, AdditionalProperties::Any(false))
            && self
                .doc
                .lookup(pointer)
                .and_then(|schema| schema.get("properties"))
                .is_some()
    }

    fn push(&mut self, def: TypeDef) -> usize {
        self.defs.push(def);
        self.defs.len() - 1
    }

    fn facts(&mut self, schema: &ReferenceOr<Schema>, pointer: &str) -> Result<Facts, Error> {
        let data = match schema {
            ReferenceOr::Item(item) => {
                let mut facts = facts_of(item, self.doc, pointer);
                // `allOf: [$ref, {description}]` documents the place in a member.
                if let (None, View::AllOf(members)) = (&facts.doc, view(item)) {
                    facts.doc = members.iter().find_map(|member| match member {
                        ReferenceOr::Item(member) if only_documents(member) => {
                            describe(&member.schema_data)
                        }
                        _ => None,
                    });
                }
                // `null` can also come from what the schema wraps: a `null`
                // member beside one type (`anyOf: [X, {type: 'null'}]`), or the
                // one schema an `allOf` names (3.1's `$ref` with siblings).
                facts.nullable |= match view(item) {
                    View::Union { members, .. } => members.iter().any(is_null_only),
                    // `null` passes an `allOf` when it passes every member:
                    // a nullable schema beside members that only document it.
                    View::AllOf(members) => {
                        let mut all = !members.is_empty();
                        for (index, member) in members.iter().enumerate() {
                            let at = format!("{pointer}/allOf/{index}");
                            let (resolved, _) = self.doc.resolve(member, &at)?;
                            all &= matches!(view(&resolved), View::Any)
                                || self.facts(member, &at)?.nullable;
                        }
                        all
                    }
                    _ => false,
                };
                return Ok(facts);
            }
            ReferenceOr::Reference { reference } => reference,
        };
        if let Some(facts) = self.facts.get(data) {
            return Ok(facts.clone());
        }
        let (resolved, _) = self.doc.resolve(schema, pointer)?;
        let facts = facts_of(&resolved, self.doc, pointer);
        self.facts.insert(data.clone(), facts.clone());
        Ok(facts)
    }

    fn warn(&mut self, pointer: &str, message: String) {
        self.warnings.push(Warning {
            pointer: pointer.to_owned(),
            message,
        });
    }
}

fn facts_of(schema: &Schema, doc: &Document, pointer: &str) -> Facts {
    let data = &schema.schema_data;
    let example = examples::example(doc, schema, pointer);
    Facts {
        nullable: data.nullable,
        read_only: data.read_only,
        deprecated: data.deprecated,
        marks: Marks::of(schema),
        doc: describe(data),
        example,
    }
}

/// A schema without what only documents it (descriptions, examples, titles,
/// extensions), enum values in a stable order: what decides its Rust type.
fn shape_only(schema: &Schema) -> serde_json::Value {
    fn strip(schema: &mut serde_json::Value) {
        let serde_json::Value::Object(map) = schema else {
            return;
        };
        map.retain(|key, _| {
            !matches!(
                key.as_str(),
                "description" | "title" | "example" | "examples" | "externalDocs"
            ) && !key.starts_with("x-")
        });
        for (key, value) in map.iter_mut() {
            match (schema_child(key), value) {
                (_, serde_json::Value::Array(values)) if key == "enum" => {
                    values.sort_by_key(ToString::to_string)
                }
                (Some(SchemaChild::Map), serde_json::Value::Object(named)) => {
                    named.values_mut().for_each(strip)
                }
                (Some(SchemaChild::List), serde_json::Value::Array(members)) => {
                    members.iter_mut().for_each(strip)
                }
                (Some(SchemaChild::One), inner) => strip(inner),
                _ => {}
            }
        }
    }
    let mut value = serde_json::to_value(schema).unwrap_or_default();
    strip(&mut value);
    value
}

/// Names an inline type may take, best first: its context (`ConnectionHealth`),
/// then with its kind (`ConnectionHealthEnum`) when a component has that name,
/// then its place in the document (`ConnectionPropertiesHealth`), which no
/// other inline type shares.
fn inline_names(hint: &str, shape: &View, pointer: &str) -> Vec<String> {
    let kind = match shape {
        View::String { .. } | View::Integer { .. } => "Enum",
        View::Union { .. } => "Union",
        View::Object { .. } | View::AllOf(_) => "Object",
        _ => "Value",
    };
    let place: String = pointer
        .trim_start_matches('#')
        .trim_start_matches("/components/schemas/")
        .split('/')
        .map(unescape_token)
        .collect::<Vec<_>>()
        .join(" ");
    vec![
        type_name(hint),
        type_name(&format!("{hint} {kind}")),
        type_name(&place),
    ]
}
/// Whether a schema needs a named Rust type of its own.
fn needs_name(shape: &View) -> bool {
    match shape {
        View::Object {
            properties,
            additional,
            ..
        } => !properties.is_empty() || additional.is_none(),
        View::String { values, .. } => !values.is_empty(),
        View::Integer { values, .. } => !values.is_empty(),
        View::Union { members, .. } => effective(members) > 1,
        View::AllOf(members) => members.iter().filter(|m| !documents_only(m)).count() > 1,
        _ => false,
    }
}

/// An inline schema that constrains nothing (a description, a title, an
/// example beside a `$ref` in an `allOf`).
fn documents_only(member: &ReferenceOr<Schema>) -> bool {
    matches!(member, ReferenceOr::Item(schema) if only_documents(schema))
}

fn only_documents(schema: &Schema) -> bool {
    matches!(view(schema), View::Any) && !schema.schema_data.nullable
}

/// Members of a union that can hold a value (a bare `nullable` member adds only `null`).
fn effective(members: &[ReferenceOr<Schema>]) -> usize {
    members.iter().filter(|m| !is_null_only(m)).count()
}

fn is_null_only(member: &ReferenceOr<Schema>) -> bool {
    match member {
        ReferenceOr::Item(schema) => {
            matches!(view(schema), View::Any) && schema.schema_data.nullable
                || matches!(&schema.schema_kind, openapiv3::SchemaKind::Any(any) if any.typ.as_deref() == Some("null"))
        }
        ReferenceOr::Reference { .. } => false,
    }
}
