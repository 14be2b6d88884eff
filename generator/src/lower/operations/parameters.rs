//! Path, query, header and cookie parameters of an operation.

use openapiv3::{
    AdditionalProperties, Parameter, ParameterData, ParameterSchemaOrContent, PathItem,
    QueryStyle as OaQueryStyle, Schema, SchemaKind, Type,
};

use super::naming::inline_hint;
use super::Operations;
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::{Param, ParamLocation, PathPart, Place, QueryStyle, TypeRef};
use crate::lower::examples;
use crate::lower::names::{snake, Namespace};
use crate::lower::sensitive::{self, Marks};
use crate::lower::settings::extension;
use crate::media::is_json;

impl Operations<'_, '_> {
    /// A placeholder no parameter declares (`/apps/{app_id}` without an
    /// `app_id` parameter) is a required string path parameter all the same:
    /// the path cannot be sent without it.
    pub(super) fn undeclared_path_params(
        &mut self,
        path: &str,
        at: &str,
        params: &mut Vec<Param>,
        names: &mut Namespace,
    ) {
        for name in placeholders(path) {
            let declared = params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire_name == name);
            if declared {
                continue;
            }
            self.warnings.push(Warning {
                pointer: at.to_owned(),
                message: format!(
                    "path `{path}` has a `{{{name}}}` placeholder that no parameter declares; sent as a required string"
                ),
            });
            params.push(Param {
                wire_name: name.to_owned(),
                rust_name: names.claim_spelled(
                    &[snake(name), format!("{}_path", snake(name))],
                    name,
                    snake,
                ),
                location: ParamLocation::Path,
                required: true,
                ty: TypeRef::String,
                style: QueryStyle::Form { explode: false },
                doc: None,
                global: None,
                example: None,
                json: false,
                sensitive: sensitive::is_sensitive(name, &TypeRef::String, Marks::default()),
            });
        }
    }

    /// Path-level parameters, overridden by operation parameters of the same
    /// name and location; each resolved, with the pointer it was found at.
    pub(super) fn merged_parameters(
        &self,
        item: &PathItem,
        op: &openapiv3::Operation,
        at: &str,
    ) -> Result<Vec<(Parameter, String)>, Error> {
        let path_at = at.rsplit_once('/').map_or(at, |(path, _)| path);
        let mut merged: Vec<(Parameter, String)> = Vec::new();
        let sources = item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{path_at}/parameters/{i}")))
            .chain(
                op.parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, format!("{at}/parameters/{i}"))),
            );
        for (param, pointer) in sources {
            let resolved = self.doc.resolve(param, &pointer)?;
            let same = |existing: &(Parameter, String)| {
                let (a, b) = (
                    existing.0.parameter_data_ref(),
                    resolved.0.parameter_data_ref(),
                );
                a.name == b.name
                    && std::mem::discriminant(&existing.0) == std::mem::discriminant(&resolved.0)
            };
            match merged.iter().position(same) {
                Some(index) => merged[index] = resolved,
                None => merged.push(resolved),
            }
        }
        let mut expanded = Vec::with_capacity(merged.len());
        for (param, pointer) in merged {
            match self.exploded_object(&param, &pointer)? {
                Some(members) => expanded.extend(members),
                None => expanded.push((param, pointer)),
            }
        }
        Ok(expanded)
    }

    /// A query parameter whose value is an object with named properties, sent
    /// `style: form, explode: true` (the default), puts each property on the
    /// wire as `name=value`: one parameter per property, each required when
    /// the object is and the property is. `None` for any other parameter (a
    /// map, whose keys are the caller's, stays one).
    fn exploded_object(
        &self,
        param: &Parameter,
        at: &str,
    ) -> Result<Option<Vec<(Parameter, String)>>, Error> {
        let Parameter::Query {
            parameter_data: data,
            style: OaQueryStyle::Form,
            ..
        } = param
        else {
            return Ok(None);
        };
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            return Ok(None);
        };
        if data.explode == Some(false) {
            return Ok(None);
        }
        let (schema, schema_at): (Schema, String) =
            self.doc.resolve(schema, &format!("{at}/schema"))?;
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            return Ok(None);
        };
        let closed = matches!(
            object.additional_properties,
            None | Some(AdditionalProperties::Any(false))
        );
        if object.properties.is_empty() || !closed {
            return Ok(None);
        }
        let members = object
            .properties
            .iter()
            .map(|(name, property)| {
                let property = crate::lower::view::unbox(property);
                let description = match &property {
                    openapiv3::ReferenceOr::Item(item) => item.schema_data.description.clone(),
                    openapiv3::ReferenceOr::Reference { .. } => None,
                };
                let member = Parameter::Query {
                    parameter_data: ParameterData {
                        name: name.clone(),
                        description,
                        required: data.required && object.required.contains(name),
                        deprecated: None,
                        format: ParameterSchemaOrContent::Schema(property),
                        example: None,
                        examples: Default::default(),
                        explode: Some(true),
                        extensions: Default::default(),
                    },
                    allow_reserved: false,
                    style: OaQueryStyle::Form,
                    allow_empty_value: None,
                };
                // Diagnostics and inline type names follow the property.
                let member_at = format!("{schema_at}/properties/{}", escape_token(name));
                (member, member_at)
            })
            .collect();
        Ok(Some(members))
    }

    pub(super) fn parameter(
        &mut self,
        param: Parameter,
        at: String,
        builder: &str,
        module: &str,
        names: &mut Namespace,
    ) -> Result<Param, Error> {
        let (location, style) = match &param {
            Parameter::Query { style, .. } => (
                ParamLocation::Query,
                query_style(style, param.parameter_data_ref().explode),
            ),
            Parameter::Header { .. } => {
                (ParamLocation::Header, QueryStyle::Form { explode: false })
            }
            Parameter::Path { .. } => (ParamLocation::Path, QueryStyle::Form { explode: false }),
            Parameter::Cookie { .. } => {
                (ParamLocation::Cookie, QueryStyle::Form { explode: false })
            }
        };
        let data = param.parameter_data_ref();
        let hint = inline_hint(builder, &data.name);
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.types
                    .type_of(schema, &hint, &format!("{at}/schema"), module)?
            }
            ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                Some((media, media_type)) => match &media_type.schema {
                    Some(schema) => {
                        let media_at = format!("{at}/content/{}/schema", escape_token(media));
                        self.types.type_of(schema, &hint, &media_at, module)?
                    }
                    None => TypeRef::Json,
                },
                None => TypeRef::Json,
            },
        };
        // `content:` instead of `schema:` means the value is sent as JSON text.
        let json = matches!(&data.format, ParameterSchemaOrContent::Content(content)
            if content.keys().next().is_some_and(|media| is_json(media)));
        // A path or header value is text whatever its schema leaves open
        // (`schema: {title: Dag Id}`): a string, not any JSON value.
        let ty = match (&ty, location) {
            (TypeRef::Json, ParamLocation::Path | ParamLocation::Header) if !json => {
                TypeRef::String
            }
            _ => ty,
        };
        let global = match extension(&data.extensions, "x-sdk-global") {
            Some(name) if location == ParamLocation::Header && ty == TypeRef::String => {
                Some(self.settings.bind_global(
                    name,
                    &data.name,
                    data.description.as_deref(),
                    data.example.as_ref(),
                    extension(&data.extensions, "x-sdk-env"),
                ))
            }
            Some(_) => {
                self.warnings.push(Warning {
                    pointer: at.clone(),
                    message: "`x-sdk-global` applies to string header parameters only; ignored"
                        .to_owned(),
                });
                None
            }
            None => None,
        };
        // A parameter named like a builder method (`send`) or like another
        // parameter in a different place is told apart by where it goes.
        let base = global.clone().unwrap_or_else(|| snake(&data.name));
        let place = match location {
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Path => "path",
            ParamLocation::Cookie => "cookie",
        };
        let rust_name = names.claim_spelled(
            &[base.clone(), format!("{base}_{place}")],
            &data.name,
            snake,
        );
        let resolved = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                Some(self.doc.resolve(schema, &format!("{at}/schema"))?.0)
            }
            ParameterSchemaOrContent::Content(_) => None,
        };
        let marks = resolved.as_ref().map(Marks::of).unwrap_or_default();
        // The parameter's own example, else its schema's, else a value its
        // schema's constraints ask for (a UUID, a pattern), for docs.
        let example = data.example.clone().or_else(|| {
            let schema = resolved.as_ref()?;
            examples::example(self.doc, schema, &at)
        });
        let marks = Marks {
            explicit: sensitive::explicit(&data.extensions).or(marks.explicit),
            ..marks
        };
        // A header that carries a credential is secret whatever its name.
        let credential = location != ParamLocation::Query
            && self.settings.list.iter().any(|setting| {
                setting.secret
                    && setting.place == Place::Header
                    && setting.wire_name.eq_ignore_ascii_case(&data.name)
            });
        let sensitive = credential || sensitive::is_sensitive(&data.name, &ty, marks);
        Ok(Param {
            wire_name: data.name.clone(),
            rust_name,
            location,
            required: data.required || location == ParamLocation::Path,
            ty,
            style,
            doc: data
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned),
            global,
            example,
            json,
            sensitive,
        })
    }
}

/// The header parameter that carries an idempotency key, if the operation
/// documents one: `Idempotency-Key`, `X-Idempotency-Key`, `Idempotency-Token`
/// and the like, whatever the case and separators.
pub(super) fn idempotency_header(params: &[Param]) -> Option<String> {
    params
        .iter()
        .filter(|p| p.location == ParamLocation::Header)
        .find(|p| {
            let name: String = p
                .wire_name
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let name = name.strip_prefix('x').unwrap_or(&name);
            name == "idempotencykey" || name == "idempotencytoken"
        })
        .map(|p| p.wire_name.clone())
}

fn query_style(style: &OaQueryStyle, explode: Option<bool>) -> QueryStyle {
    match style {
        OaQueryStyle::Form => QueryStyle::Form {
            explode: explode.unwrap_or(true),
        },
        OaQueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
        OaQueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
        OaQueryStyle::DeepObject => QueryStyle::DeepObject,
    }
}

/// The names of a path template's placeholders (`/a/{b}/c` → `b`).
fn placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Splits `/a/{b}/c` into literals and parameters. A placeholder without a
/// parameter (never the case once [`Operations::undeclared_path_params`] ran)
/// stays literal text.
pub(super) fn split_path(path: &str, params: &[Param]) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..open + close];
        match params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == name)
        {
            Some(param) => parts.push(PathPart::Param(param.rust_name.clone())),
            None => parts.push(PathPart::Literal(rest[open..=open + close].to_owned())),
        }
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    parts
}
