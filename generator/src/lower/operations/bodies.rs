//! Request bodies: which media type is sent and how.

use openapiv3::{AdditionalProperties, ReferenceOr, RequestBody};

use super::Operations;
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::{Body, BodyEncoding, TypeRef};
use crate::load::Document;
use crate::lower::view::{view, View};

impl Operations<'_, '_> {
    pub(super) fn body(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        at: &str,
        builder: &str,
        module: &str,
    ) -> Result<Option<Body>, Error> {
        let (body, at) = self.doc.resolve(body, at)?;
        // JSON first, then the richer encodings, then whatever is listed first.
        let preference = |media: &str| -> (u8, BodyEncoding) {
            let essence = media.split(';').next().unwrap_or(media).trim();
            match essence {
                _ if is_json(essence) => (0, BodyEncoding::Json),
                "multipart/form-data" => (1, BodyEncoding::Multipart),
                "application/x-www-form-urlencoded" => (2, BodyEncoding::Form),
                _ if essence.starts_with("text/") => (3, BodyEncoding::Text),
                _ => (4, BodyEncoding::Bytes),
            }
        };
        let Some((media, media_type, encoding)) = body
            .content
            .iter()
            .map(|(media, media_type)| (media, media_type, preference(media)))
            .min_by_key(|(_, _, (rank, _))| *rank)
            .map(|(media, media_type, (_, encoding))| (media, media_type, encoding))
        else {
            return Ok(None);
        };
        let schema_at = format!("{at}/content/{}/schema", escape_token(media));
        let ty = match (encoding, &media_type.schema) {
            (BodyEncoding::Json | BodyEncoding::Form, Some(schema)) => {
                self.types
                    .type_of(schema, &format!("{builder}Body"), &schema_at, module)?
            }
            (BodyEncoding::Json | BodyEncoding::Form, None) => TypeRef::Json,
            (BodyEncoding::Multipart, _) => TypeRef::Multipart,
            (BodyEncoding::Text, _) => TypeRef::String,
            (BodyEncoding::Bytes, _) => TypeRef::Bytes,
        };
        let known_bytes = media.starts_with("application/octet-stream")
            || media == "*/*"
            || media.contains("image/");
        if encoding == BodyEncoding::Bytes && !known_bytes {
            self.warnings.push(Warning {
                pointer: format!("{at}/content/{}", escape_token(media)),
                message: format!("`{media}` bodies are sent as raw bytes that the caller encodes"),
            });
        }
        let fields = match (encoding, &media_type.schema) {
            (BodyEncoding::Multipart, Some(schema)) => {
                multipart_fields(self.doc, schema, &schema_at)?
            }
            _ => None,
        };
        // `{type: object, properties: {}, additionalProperties: false}` admits
        // only `{}`: the SDK sends that itself rather than offer a setter.
        let empty = encoding == BodyEncoding::Json
            && match &media_type.schema {
                Some(schema) => {
                    let (schema, _) = self.doc.resolve(schema, &schema_at)?;
                    matches!(
                        view(&schema),
                        View::Object { properties, additional: Some(AdditionalProperties::Any(false)), .. }
                            if properties.is_empty()
                    )
                }
                None => false,
            };
        let media_type = if media == "*/*" {
            "application/octet-stream".to_owned()
        } else {
            media.clone()
        };
        Ok(Some(Body {
            media_type,
            encoding,
            ty,
            empty,
            required: body.required,
            doc: body
                .description
                .as_deref()
                .or(fields.as_deref())
                .map(str::trim)
                .map(str::to_owned),
        }))
    }
}

/// For a multipart body, a sentence listing the form's fields, for the docs.
fn multipart_fields(
    doc: &Document,
    schema: &ReferenceOr<openapiv3::Schema>,
    at: &str,
) -> Result<Option<String>, Error> {
    let (schema, _) = doc.resolve(schema, at)?;
    let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = &schema.schema_kind else {
        return Ok(None);
    };
    let fields: Vec<String> = object
        .properties
        .iter()
        .map(|(name, property)| {
            let binary = matches!(property, ReferenceOr::Item(p) if matches!(&p.schema_kind,
                openapiv3::SchemaKind::Type(openapiv3::Type::String(s))
                    if matches!(s.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary))));
            let required = if object.required.contains(name) { ", required" } else { "" };
            format!("`{name}` ({}{required})", if binary { "file" } else { "text" })
        })
        .collect();
    Ok((!fields.is_empty())
        .then(|| format!("A multipart form with the fields {}.", fields.join(", "))))
}

/// Whether a media type carries JSON (`application/json`, `…+json`).
pub fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or(media).trim();
    essence == "application/json" || essence.ends_with("+json")
}
