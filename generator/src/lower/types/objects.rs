//! Objects: properties into fields, `allOf` members merged into one object,
//! and the struct of required fields for constructors that would take too many.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::super::enums;
use super::super::names::{camel, snake, Namespace};
use super::super::sensitive::is_sensitive;
use super::super::view::{view, View};
use super::Types;
use crate::diagnostics::{escape_token, Error};
use crate::ir::{Extra, Field, Struct, TypeDef, TypeKind, TypeRef};

/// The members of an `allOf`, merged.
#[derive(Default)]
struct Merged {
    properties: Vec<(String, ReferenceOr<Schema>)>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
    /// Members that are not objects, with their pointers.
    others: Vec<(ReferenceOr<Schema>, String)>,
}

impl Types<'_> {
    pub(super) fn structure(
        &mut self,
        name: &str,
        properties: &[(String, ReferenceOr<Schema>)],
        required: &[String],
        additional: Option<&AdditionalProperties>,
        pointer: &str,
        module: &str,
    ) -> Result<Struct, Error> {
        let mut field_names = Namespace::default();
        let mut setters = Namespace::with_reserved(["new"]);
        let mut fields = Vec::with_capacity(properties.len());
        for (wire_name, schema) in properties {
            let at = format!("{pointer}/properties/{}", escape_token(wire_name));
            let rust_name = field_names.claim_spelled(&[], wire_name, snake);
            let ty = self.type_of(schema, &format!("{name}{}", camel(wire_name)), &at, module)?;
            let ty = self.name_if_deep(ty, &format!("{name}{}", camel(wire_name)), &at, module);
            let facts = self.facts(schema, &at)?;
            // `type_` is `with_type` and `_1st` is `with_1st`: escapes are not
            // needed after a prefix.
            let setter = setters.claim_first(&[
                format!("with_{}", rust_name.trim_matches('_')),
                format!("with_{rust_name}"),
            ]);
            fields.push(Field {
                wire_name: wire_name.clone(),
                rust_name,
                setter,
                sensitive: is_sensitive(wire_name, &ty, facts.marks),
                ty,
                required: required.contains(wire_name),
                nullable: facts.nullable,
                read_only: facts.read_only,
                boxed: false,
                deprecated: facts.deprecated,
                doc: facts.doc,
                example: facts.example,
            });
        }
        let value = match additional {
            Some(AdditionalProperties::Schema(schema)) => self.type_of(
                schema,
                &format!("{name}Value"),
                &format!("{pointer}/additionalProperties"),
                module,
            )?,
            _ => TypeRef::Json,
        };
        let extra = Extra {
            rust_name: field_names.claim_spelled(&[], "additional_properties", snake),
            value,
            open: matches!(
                additional,
                Some(AdditionalProperties::Any(true) | AdditionalProperties::Schema(_))
            ),
        };
        let default = fields.iter().all(|f| !f.required);
        Ok(Struct {
            fields,
            extra,
            default,
            required_parts: None,
        })
    }
    pub(super) fn all_of(
        &mut self,
        name: &str,
        members: &[ReferenceOr<Schema>],
        pointer: &str,
        module: &str,
    ) -> Result<TypeKind, Error> {
        let mut merged = Merged::default();
        self.collect_all_of(members, pointer, 0, &mut merged)?;
        let Merged {
            properties,
            required,
            additional,
            others,
        } = merged;
        if properties.is_empty() {
            if let Some((member, at)) = self.most_specific_scalar(&others)? {
                // An inline enum member is the type itself, not an alias of
                // a second name.
                if let ReferenceOr::Item(schema) = &member {
                    match view(schema) {
                        View::String { values, .. } if !values.is_empty() => {
                            return Ok(TypeKind::Enum(enums::lower(schema, &values, false)));
                        }
                        View::Integer { values, .. } if !values.is_empty() => {
                            let values: Vec<String> = values.iter().map(i64::to_string).collect();
                            return Ok(TypeKind::Enum(enums::lower(schema, &values, true)));
                        }
                        _ => {}
                    }
                }
                return Ok(TypeKind::Alias(self.type_of(&member, name, &at, module)?));
            }
        }
        if !others.is_empty() {
            self.warn(
                pointer,
                "`allOf` members that are not objects were left out of the merged type".to_owned(),
            );
        }
        Ok(TypeKind::Struct(self.structure(
            name,
            &properties,
            &required,
            additional.as_ref(),
            pointer,
            module,
        )?))
    }

    /// The member standing for an `allOf` with no object members: the only
    /// one, or, when every member describes the same scalar type (an id's
    /// pattern and its description), the one that restricts it most (an enum,
    /// else a named schema).
    fn most_specific_scalar(
        &self,
        others: &[(ReferenceOr<Schema>, String)],
    ) -> Result<Option<(ReferenceOr<Schema>, String)>, Error> {
        if others.len() == 1 {
            return Ok(others.first().cloned());
        }
        let mut kinds = Vec::with_capacity(others.len());
        for (member, at) in others {
            let (schema, _) = self.doc.resolve(member, at)?;
            let rank = match view(&schema) {
                View::String { values, .. } => ("string", !values.is_empty()),
                View::Integer { values, .. } => ("integer", !values.is_empty()),
                View::Number => ("number", false),
                View::Boolean => ("boolean", false),
                _ => return Ok(None),
            };
            kinds.push(rank);
        }
        if kinds.iter().any(|(kind, _)| *kind != kinds[0].0) {
            return Ok(None);
        }
        let best = kinds
            .iter()
            .zip(others)
            .rev()
            .max_by_key(|((_, enumerated), (member, _))| {
                (*enumerated, matches!(member, ReferenceOr::Reference { .. }))
            })
            .map(|(_, other)| other.clone());
        Ok(best)
    }

    fn collect_all_of(
        &mut self,
        members: &[ReferenceOr<Schema>],
        pointer: &str,
        depth: usize,
        merged: &mut Merged,
    ) -> Result<(), Error> {
        if depth > 16 {
            return Err(self
                .doc
                .error(pointer, "`allOf` nests too deeply or refers to itself"));
        }
        for (index, member) in members.iter().enumerate() {
            let at = format!("{pointer}/allOf/{index}");
            let (schema, target) = self.doc.resolve(member, &at)?;
            match view(&schema) {
                View::Object {
                    properties,
                    required,
                    additional,
                } => {
                    for (key, value) in properties {
                        match merged.properties.iter_mut().find(|(k, _)| *k == key) {
                            Some(slot) => slot.1 = value,
                            None => merged.properties.push((key, value)),
                        }
                    }
                    for name in required {
                        if !merged.required.contains(&name) {
                            merged.required.push(name);
                        }
                    }
                    if additional.is_some() {
                        merged.additional = additional;
                    }
                }
                View::AllOf(inner) => self.collect_all_of(&inner, &target, depth + 1, merged)?,
                View::Any => {}
                _ => merged.others.push((member.clone(), at)),
            }
        }
        Ok(())
    }
}

/// Most required fields `new` takes as arguments (clippy's argument limit).
const MAX_CONSTRUCTOR_ARGS: usize = 7;

/// Names the struct of required fields for each struct with too many to pass
/// one by one; run once every struct (input twins too) has its final fields.
pub fn name_required_parts(defs: &mut [TypeDef], names: &mut Namespace) {
    for def in defs {
        if let TypeKind::Struct(s) = &mut def.kind {
            let required = s.fields.iter().filter(|f| f.required).count();
            s.required_parts = (required > MAX_CONSTRUCTOR_ARGS).then(|| {
                names.claim_first(&[
                    format!("{}Required", def.name),
                    format!("{}RequiredFields", def.name),
                ])
            });
        }
    }
}
