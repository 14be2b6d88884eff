//! `webhooks` (OpenAPI 3.1): the requests an API sends to its users, as
//! typed events.

use openapiv3::{PathItem, ReferenceOr, RequestBody};

use super::names::{camel, Namespace};
use super::types::Types;
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::{TypeRef, Webhook};
use crate::load::Document;
use crate::media::is_json;

/// The module that holds the webhooks' inline types.
const MODULE: &str = "webhook_events";

/// One [`Webhook`] per entry of the document's `webhooks`, in document order.
pub fn lower(
    doc: &Document,
    types: &mut Types<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Webhook>, Error> {
    let Some(entries) = doc.lookup("/webhooks").and_then(|w| w.as_mapping()) else {
        return Ok(Vec::new());
    };
    let mut names = Namespace::with_reserved(["Unknown"]);
    let mut webhooks = Vec::new();
    for (key, node) in entries {
        let Some(name) = key.as_str() else { continue };
        let at = format!("/webhooks/{}", escape_token(name));
        let item: ReferenceOr<PathItem> = serde_yaml::from_value(node.clone())
            .map_err(|e| doc.error(&at, format!("not a valid path item: {e}")))?;
        let (item, at) = doc.resolve(&item, &at)?;
        let operations = [
            ("post", &item.post),
            ("put", &item.put),
            ("patch", &item.patch),
            ("get", &item.get),
            ("delete", &item.delete),
        ];
        let Some((method, operation)) = operations
            .iter()
            .find_map(|(method, op)| op.as_ref().map(|op| (*method, op)))
        else {
            warnings.push(Warning {
                pointer: at,
                message: format!("webhook `{name}` describes no request; left out"),
            });
            continue;
        };
        let op_at = format!("{at}/{method}");
        let mut ty = None;
        if let Some(body) = &operation.request_body {
            let (body, body_at): (RequestBody, String) =
                doc.resolve(body, &format!("{op_at}/requestBody"))?;
            match body.content.iter().find(|(media, _)| is_json(media)) {
                Some((media, media_type)) => {
                    if let Some(schema) = &media_type.schema {
                        let schema_at = format!("{body_at}/content/{}/schema", escape_token(media));
                        let hint = format!("{} Event", camel(name));
                        ty = Some(types.type_of(schema, &camel(&hint), &schema_at, MODULE)?);
                    }
                }
                None if !body.content.is_empty() => {
                    ty = Some(TypeRef::Bytes);
                }
                None => {}
            }
        }
        let doc_text = operation
            .summary
            .as_deref()
            .or(operation.description.as_deref())
            .or(item.summary.as_deref())
            .or(item.description.as_deref())
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned);
        webhooks.push(Webhook {
            variant: names.claim_spelled(&[], name, camel),
            name: name.to_owned(),
            ty,
            doc: doc_text,
        });
    }
    Ok(webhooks)
}
