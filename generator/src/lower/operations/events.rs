//! Answers read as a stream of values: server-sent events and JSON lines,
//! and the type each value decodes as.

use heck::ToUpperCamelCase;
use openapiv3::{ReferenceOr, Schema, StatusCode};

use super::Operations;
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::{EventData, EventEnum, NamedEvent, StreamFormat, TypeRef};
use crate::lower::names::type_name;
use crate::lower::view::{view, View};
use crate::media::{essence, stream_format};

/// The fields of a server-sent event, as OpenAPI 3.2 describes one whole.
const EVENT_FIELDS: [&str; 4] = ["data", "event", "id", "retry"];

impl Operations<'_, '_> {
    /// The stream of values a 2xx answer can be read as, when it lists
    /// `text/event-stream`, a JSON-lines media type, or `text/plain` that it
    /// describes as JSON lines: its format, media type, and how one value
    /// is read.
    pub(super) fn event_data(
        &mut self,
        op: &openapiv3::Operation,
        at: &str,
        builder: &str,
        module: &str,
        resource_index: usize,
    ) -> Result<Option<(StreamFormat, String, EventData)>, Error> {
        for (code, response) in &op.responses.responses {
            let StatusCode::Code(status @ 200..=299) = code else {
                continue;
            };
            let (response, response_at) = self
                .doc
                .resolve(response, &format!("{at}/responses/{status}"))?;
            let Some((media, media_type, format)) =
                response.content.iter().find_map(|(media, media_type)| {
                    let media_at = format!("{response_at}/content/{}", escape_token(media));
                    stream_format(media)
                        .or_else(|| {
                            self.text_as_lines(media, &media_at, response.description.as_str())
                        })
                        .map(|format| (media, media_type, format))
                })
            else {
                continue;
            };
            let media_at = format!("{response_at}/content/{}", escape_token(media));
            let item_at = format!("{media_at}/itemSchema");
            let item: Option<ReferenceOr<Schema>> = self
                .doc
                .lookup(&item_at)
                .and_then(|node| serde_yaml::from_value(node.clone()).ok());
            let source = match (item, &media_type.schema) {
                (Some(item), _) => Some((item, item_at)),
                (None, Some(schema)) => Some((schema.clone(), format!("{media_at}/schema"))),
                (None, None) => None,
            };
            let hint = format!("{builder}Item");
            let data = match (format, source) {
                (_, None) => EventData::Json(TypeRef::Json),
                (StreamFormat::ServerSentEvents, Some((schema, at))) => {
                    self.sse_data(&schema, &at, builder, module, resource_index)?
                }
                (StreamFormat::JsonLines, Some((schema, at))) => {
                    match self.types.type_of(&schema, &hint, &at, module)? {
                        // A document describing the whole answer as a list.
                        TypeRef::List(item) => EventData::Json(*item),
                        ty => EventData::Json(ty),
                    }
                }
            };
            return Ok(Some((format, essence(media).to_owned(), data)));
        }
        Ok(None)
    }

    /// `text/plain` counts as JSON lines when the document says so: it
    /// gives an `itemSchema`, or the answer's or schema's description names
    /// the format.
    fn text_as_lines(
        &self,
        media: &str,
        media_at: &str,
        description: &str,
    ) -> Option<StreamFormat> {
        if essence(media) != "text/plain" {
            return None;
        }
        let node = self.doc.lookup(media_at)?;
        let schema_description = node
            .get("schema")
            .and_then(|schema| schema.get("description"))
            .and_then(serde_yaml::Value::as_str)
            .unwrap_or_default();
        let said = |text: &str| {
            let text = text.to_ascii_lowercase().replace(['-', '_'], " ");
            [
                "ndjson",
                "json lines",
                "jsonl",
                "newline delimited json",
                "line delimited json",
                "one json object per line",
                "one json value per line",
            ]
            .iter()
            .any(|phrase| text.contains(phrase))
        };
        (node.get("itemSchema").is_some() || said(description) || said(schema_description))
            .then_some(StreamFormat::JsonLines)
    }

    /// How an event's `data` is read. A schema of a whole event (`data`
    /// beside `event`, `id`, `retry`, as OpenAPI 3.2 describes them) gives
    /// the type of its `data`, and a union of them, each fixing its `event`
    /// name, gives a type per name; any other schema is the `data`'s own.
    fn sse_data(
        &mut self,
        schema: &ReferenceOr<Schema>,
        at: &str,
        builder: &str,
        module: &str,
        resource_index: usize,
    ) -> Result<EventData, Error> {
        let (resolved, resolved_at) = self.doc.resolve(schema, at)?;
        match view(&resolved) {
            View::Object { properties, .. } if is_whole_event(&properties) => {
                let data_at = format!("{resolved_at}/properties/data");
                let hint = format!("{builder}Data");
                Ok(
                    match self.event_payload(&properties, &data_at, &hint, module)? {
                        Some(ty) => EventData::Json(ty),
                        None => EventData::Text,
                    },
                )
            }
            View::Union { members, .. } => {
                match self.events_by_name(
                    &members,
                    &resolved_at,
                    builder,
                    module,
                    resource_index,
                )? {
                    Some(by_name) => Ok(EventData::ByName(by_name)),
                    None => {
                        let hint = format!("{builder}Item");
                        Ok(EventData::Json(
                            self.types.type_of(schema, &hint, at, module)?,
                        ))
                    }
                }
            }
            _ => {
                let hint = format!("{builder}Item");
                Ok(EventData::Json(
                    self.types.type_of(schema, &hint, at, module)?,
                ))
            }
        }
    }

    /// A union of whole events, each fixing its `event` name, as one
    /// variant per name; `None` when the members are not such events.
    fn events_by_name(
        &mut self,
        members: &[ReferenceOr<Schema>],
        at: &str,
        builder: &str,
        module: &str,
        resource_index: usize,
    ) -> Result<Option<EventEnum>, Error> {
        let keyword = self
            .doc
            .lookup(at)
            .and_then(|node| {
                ["oneOf", "anyOf"]
                    .into_iter()
                    .find(|k| node.get(k).is_some())
            })
            .unwrap_or("oneOf");
        let mut shapes = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let (member, member_at) = self
                .doc
                .resolve(member, &format!("{at}/{keyword}/{index}"))?;
            let View::Object { properties, .. } = view(&member) else {
                return Ok(None);
            };
            if !is_whole_event(&properties) {
                return Ok(None);
            }
            let Some(name) = self.fixed_event_name(&properties, &member_at)? else {
                self.warnings.push(Warning {
                    pointer: member_at,
                    message: "an event in this union does not fix its `event` name, so events are not told apart by name: each `data` is read as the union".to_owned(),
                });
                return Ok(None);
            };
            let doc = member
                .schema_data
                .description
                .clone()
                .or(member.schema_data.title.clone());
            shapes.push((name, properties, member_at, doc));
        }
        let mut variants: Vec<NamedEvent> = Vec::new();
        for (event, properties, member_at, doc) in shapes {
            if variants.iter().any(|v| v.event == event) {
                self.warnings.push(Warning {
                    pointer: member_at,
                    message: format!(
                        "the event `{event}` is described twice; the first description is used"
                    ),
                });
                continue;
            }
            let mut name = type_name(&event.to_upper_camel_case());
            if name.is_empty() || name == "Other" {
                name = format!("{name}Event");
            }
            while variants.iter().any(|v| v.name == name) {
                name.push('_');
            }
            let hint = format!("{builder}{name}");
            let data_at = format!("{member_at}/properties/data");
            let data = self.event_payload(&properties, &data_at, &hint, module)?;
            variants.push(NamedEvent {
                event,
                name,
                data,
                doc: doc.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()),
            });
        }
        let name = self.builder_names[resource_index]
            .claim_first(&[format!("{builder}Event"), format!("{builder}StreamEvent")]);
        Ok(Some(EventEnum { name, variants }))
    }

    /// The one value an event's `event` property admits.
    fn fixed_event_name(
        &self,
        properties: &[(String, ReferenceOr<Schema>)],
        at: &str,
    ) -> Result<Option<String>, Error> {
        let Some((_, event)) = properties.iter().find(|(name, _)| name == "event") else {
            return Ok(None);
        };
        let (event, _) = self.doc.resolve(event, &format!("{at}/properties/event"))?;
        Ok(match view(&event) {
            View::String { values, .. } if values.len() == 1 => values.into_iter().next(),
            _ => None,
        })
    }

    /// The type of a whole event's `data`: its `contentSchema` when the text
    /// holds JSON, `None` (text) for a plain string, else the schema's type.
    fn event_payload(
        &mut self,
        properties: &[(String, ReferenceOr<Schema>)],
        data_at: &str,
        hint: &str,
        module: &str,
    ) -> Result<Option<TypeRef>, Error> {
        let Some((_, data)) = properties.iter().find(|(name, _)| name == "data") else {
            return Ok(Some(TypeRef::Json));
        };
        let (resolved, resolved_at) = self.doc.resolve(data, data_at)?;
        let content_at = format!("{resolved_at}/contentSchema");
        if let Some(content) = self
            .doc
            .lookup(&content_at)
            .and_then(|node| serde_yaml::from_value::<ReferenceOr<Schema>>(node.clone()).ok())
        {
            return Ok(Some(self.types.type_of(
                &content,
                hint,
                &content_at,
                module,
            )?));
        }
        match view(&resolved) {
            View::String {
                format: None,
                values,
            } if values.is_empty() => Ok(None),
            _ => Ok(Some(self.types.type_of(data, hint, data_at, module)?)),
        }
    }
}

/// Whether an object's properties are a server-sent event's fields, `data`
/// among them.
fn is_whole_event(properties: &[(String, ReferenceOr<Schema>)]) -> bool {
    properties.iter().any(|(name, _)| name == "data")
        && properties
            .iter()
            .all(|(name, _)| EVENT_FIELDS.contains(&name.as_str()))
}
