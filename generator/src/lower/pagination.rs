//! Recognises paginated list operations and how to walk their pages.
//!
//! An explicit hint decides: our `x-sdk-pagination` (one style, its
//! parameters and JSON pointers into the page; see README.md) or
//! `x-speakeasy-pagination` (its documented `type`, `inputs` and `outputs`).
//! Without one, conventions are tried (`convention.rs`), each only when the
//! parameter names *and* the response shape clearly match: a false positive
//! would send requests the API does not understand, or never stop.

mod build;
mod convention;
mod hints;
mod shape;

use openapiv3::{
    Parameter, ParameterSchemaOrContent, ReferenceOr, Response, Schema, SchemaKind, Type,
};
use serde_json::Value as Json;

use crate::diagnostics::Warning;
use crate::ir::{Operation, Pagination, Param, ParamLocation, TypeDef, TypeRef};
use crate::load::Document;

/// The operation's pagination; an explicit hint that does not fit the
/// operation is a warning with the reason (the operation is then not paginated).
pub fn detect(
    types: &[TypeDef],
    doc: &Document,
    raw: &openapiv3::Operation,
    at: &str,
    op: &Operation,
) -> Result<Option<Pagination>, Warning> {
    let Some((page, variant)) = page_type(types, op) else {
        return Ok(None);
    };
    let with_variant = |pagination: Pagination| Pagination {
        variant: variant.clone(),
        ..pagination
    };
    let context = Context {
        types,
        doc,
        raw,
        at,
        op,
        page,
    };
    for key in ["x-sdk-pagination", "x-speakeasy-pagination"] {
        if let Some(hint) = raw.extensions.get(key) {
            return hints::read(&context, key, hint)
                .map(|pagination| Some(with_variant(pagination)))
                .map_err(|reason| Warning {
                    pointer: format!("{at}/{key}"),
                    message: format!("not paginated: {reason}"),
                });
        }
    }
    Ok(convention::detect(&context).map(with_variant))
}

/// What detection looks at.
struct Context<'a> {
    types: &'a [TypeDef],
    doc: &'a Document,
    raw: &'a openapiv3::Operation,
    at: &'a str,
    op: &'a Operation,
    page: &'a TypeRef,
}

impl Context<'_> {
    /// A parameter the SDK can set on the next request (query or header), by
    /// wire name, of a type that `fits`.
    fn param(&self, wire: &str, fits: fn(&TypeRef) -> bool) -> Option<&Param> {
        self.op.params.iter().find(|p| {
            p.wire_name == wire
                && matches!(p.location, ParamLocation::Query | ParamLocation::Header)
                && p.global.is_none()
                && fits(&shape::resolved(self.types, &p.ty))
        })
    }

    /// The first of `names` the operation has as a parameter that `fits`.
    fn param_named(&self, names: &[&str], fits: fn(&TypeRef) -> bool) -> Option<&Param> {
        names.iter().find_map(|name| self.param(name, fits))
    }

    /// Whether the operation can follow next-page URLs: a link is fetched with
    /// `GET`, and re-sending another method (and its body) there would be wrong.
    fn follows_links(&self) -> Result<(), String> {
        if self.op.http_method == "GET" {
            Ok(())
        } else {
            Err(format!(
                "next-page URLs are fetched with GET, and this operation is {}",
                self.op.http_method
            ))
        }
    }

    /// Whether a success response declares a `Link` header.
    fn declares_link_header(&self) -> bool {
        let has_link = |response: &Response| {
            response
                .headers
                .keys()
                .any(|name| name.eq_ignore_ascii_case("link"))
        };
        self.raw
            .responses
            .responses
            .iter()
            .filter(|(status, _)| status.to_string().starts_with('2'))
            .any(|(status, response)| match response {
                ReferenceOr::Item(response) => has_link(response),
                reference => {
                    let at = format!("{}/responses/{status}", self.at);
                    self.doc
                        .resolve::<Response>(reference, &at)
                        .is_ok_and(|(response, _)| has_link(&response))
                }
            })
    }

    /// The number of the first page, when the parameter's schema says it: a
    /// `minimum` or `default` of 0 or 1. Guessing would skip the first page
    /// of an API that counts from the other one.
    fn first_page(&self, wire: &str) -> Option<i64> {
        self.raw
            .parameters
            .iter()
            .enumerate()
            .find_map(|(index, param)| {
                let at = format!("{}/parameters/{index}", self.at);
                let (param, _) = self.doc.resolve::<Parameter>(param, &at).ok()?;
                let data = param.parameter_data_ref();
                if data.name != wire {
                    return None;
                }
                let ParameterSchemaOrContent::Schema(schema) = &data.format else {
                    return None;
                };
                let (schema, _) = self
                    .doc
                    .resolve::<Schema>(schema, &format!("{at}/schema"))
                    .ok()?;
                let minimum = match &schema.schema_kind {
                    SchemaKind::Type(Type::Integer(integer)) => integer.minimum,
                    _ => None,
                };
                let default = schema.schema_data.default.as_ref().and_then(Json::as_i64);
                minimum
                    .or(default)
                    .filter(|first| *first == 0 || *first == 1)
            })
    }
}

/// The type a page decodes into, for operations whose success type is
/// JSON (not possibly empty), and the variant that holds it when the success
/// statuses carry different types: the one variant with a list of items.
fn page_type<'a>(types: &[TypeDef], op: &'a Operation) -> Option<(&'a TypeRef, Option<String>)> {
    let json = |ty: &&TypeRef| !matches!(ty, TypeRef::Bytes | TypeRef::Json);
    if !op.success.empty_statuses.is_empty() {
        return None;
    }
    let Some(answer) = &op.success.by_status else {
        return op.success.ty.as_ref().filter(json).map(|ty| (ty, None));
    };
    let mut pages = answer.variants.iter().filter_map(|variant| {
        let ty = variant.ty.as_ref().filter(json)?;
        shape::items(types, ty).map(|_| (ty, Some(variant.name.clone())))
    });
    let page = pages.next()?;
    pages.next().is_none().then_some(page)
}

/// `` `a.b` `` for docs.
fn dotted(wire: &[String]) -> String {
    format!("`{}`", wire.join("."))
}

#[cfg(test)]
mod tests;
