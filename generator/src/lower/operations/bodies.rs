//! Request bodies: which media type is sent and how.

use openapiv3::{AdditionalProperties, MediaType, ReferenceOr, RequestBody};

use super::Operations;
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::{Body, BodyEncoding, FormPart, TypeRef};
use crate::load::Document;
use crate::lower::examples;
use crate::lower::view::{view, View};
use crate::media::{self, is_json};

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
            let essence = media::essence(media);
            match essence {
                _ if is_json(essence) => (0, BodyEncoding::Json),
                "multipart/form-data" => (1, BodyEncoding::Multipart),
                "application/x-www-form-urlencoded" => (2, BodyEncoding::Form),
                _ if media::is_json_lines(essence) => (2, BodyEncoding::JsonLines),
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
            // The schema describes the list, or one line of it.
            (BodyEncoding::JsonLines, Some(schema)) => {
                match self
                    .types
                    .type_of(schema, &format!("{builder}Item"), &schema_at, module)?
                {
                    list @ TypeRef::List(_) => list,
                    item => TypeRef::List(Box::new(item)),
                }
            }
            (BodyEncoding::JsonLines, None) => TypeRef::List(Box::new(TypeRef::Json)),
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
        let parts = match (encoding, &media_type.schema) {
            (BodyEncoding::Multipart, Some(schema)) => form_parts(self.doc, schema, &schema_at)?,
            _ => Vec::new(),
        };
        let fields = describe_parts(&parts);
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
        let example = self.body_example(media_type, encoding, &schema_at)?;
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
            example,
            parts,
            doc: body
                .description
                .as_deref()
                .or(fields.as_deref())
                .map(str::trim)
                .map(str::to_owned),
        }))
    }
}

impl Operations<'_, '_> {
    /// The document's example of a body, else one its schema implies.
    fn body_example(
        &self,
        media_type: &MediaType,
        encoding: BodyEncoding,
        schema_at: &str,
    ) -> Result<Option<serde_json::Value>, Error> {
        if let Some(example) = &media_type.example {
            return Ok(Some(example.clone()));
        }
        if let Some((name, first)) = media_type.examples.first() {
            let at = format!("{}/examples/{}", parent(schema_at), escape_token(name));
            // An example the document cannot resolve (a `$ref` into a file
            // the bundle left out) is no example, not an error.
            if let Ok((example, _)) = self.doc.resolve(first, &at) {
                if let Some(value) = example.value {
                    return Ok(Some(value));
                }
            }
        }
        let Some(schema) = &media_type.schema else {
            return Ok(None);
        };
        let (schema, _) = self.doc.resolve(schema, schema_at)?;
        if let Some(example) = &schema.schema_data.example {
            return Ok(Some(example.clone()));
        }
        if !matches!(encoding, BodyEncoding::Text | BodyEncoding::Bytes) {
            return Ok(None);
        }
        Ok(examples::example(self.doc, &schema, schema_at))
    }
}

/// `/a/b` → `/a`.
fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// A multipart body's fields, as the document lists them (through `allOf`).
fn form_parts(
    doc: &Document,
    schema: &ReferenceOr<openapiv3::Schema>,
    at: &str,
) -> Result<Vec<FormPart>, Error> {
    let mut properties = Vec::new();
    let mut required = Vec::new();
    collect_properties(doc, schema, at, 0, &mut properties, &mut required)?;
    let mut parts: Vec<FormPart> = Vec::with_capacity(properties.len());
    for (name, property, property_at) in properties {
        let (property, _) = doc.resolve(&property, &property_at)?;
        let file = matches!(&property.schema_kind,
            openapiv3::SchemaKind::Type(openapiv3::Type::String(s))
                if matches!(s.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)));
        let example = examples::example(doc, &property, &property_at);
        let part = FormPart {
            required: required.contains(&name),
            name,
            file,
            example: example.and_then(|value| match value {
                serde_json::Value::String(text) => Some(text),
                serde_json::Value::Number(_) | serde_json::Value::Bool(_) => {
                    Some(value.to_string())
                }
                _ => None,
            }),
        };
        // A later `allOf` member's property replaces an earlier one.
        match parts.iter_mut().find(|p| p.name == part.name) {
            Some(slot) => *slot = part,
            None => parts.push(part),
        }
    }
    Ok(parts)
}

/// The properties (name, schema, pointer) and required names of an object
/// schema, merged over its `allOf` members.
fn collect_properties(
    doc: &Document,
    schema: &ReferenceOr<openapiv3::Schema>,
    at: &str,
    depth: usize,
    properties: &mut Vec<(String, ReferenceOr<openapiv3::Schema>, String)>,
    required: &mut Vec<String>,
) -> Result<(), Error> {
    if depth > 16 {
        return Ok(());
    }
    let (schema, at) = doc.resolve(schema, at)?;
    match view(&schema) {
        View::Object {
            properties: listed,
            required: names,
            ..
        } => {
            for (name, property) in listed {
                let property_at = format!("{at}/properties/{}", escape_token(&name));
                properties.push((name, property, property_at));
            }
            required.extend(names);
        }
        View::AllOf(members) => {
            for (index, member) in members.iter().enumerate() {
                let member_at = format!("{at}/allOf/{index}");
                collect_properties(doc, member, &member_at, depth + 1, properties, required)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// For a multipart body, a sentence listing the form's fields, for the docs.
fn describe_parts(parts: &[FormPart]) -> Option<String> {
    let fields: Vec<String> = parts
        .iter()
        .map(|part| {
            let required = if part.required { ", required" } else { "" };
            let kind = if part.file { "file" } else { "text" };
            format!("`{}` ({kind}{required})", part.name)
        })
        .collect();
    (!fields.is_empty()).then(|| format!("A multipart form with the fields {}.", fields.join(", ")))
}
