//! Success and error responses of an operation.

use heck::ToUpperCamelCase;
use openapiv3::{ReferenceOr, Response, StatusCode};

use super::Operations;
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::{ErrorStatus, Success, SuccessEnum, SuccessVariant, TypeRef};
use crate::lower::errors::range_name;
use crate::media::is_json;

impl Operations<'_, '_> {
    pub(super) fn success(
        &mut self,
        op: &openapiv3::Operation,
        at: &str,
        builder: &str,
        module: &str,
        resource_index: usize,
    ) -> Result<Success, Error> {
        let mut typed: Vec<(u16, TypeRef)> = Vec::new();
        let mut empty = Vec::new();
        let mut range = None;
        let redirects = redirects_answer(op);
        for (code, response) in &op.responses.responses {
            let hint = format!("{builder}Response");
            match code {
                // An operation that answers only by redirecting (an OAuth
                // start): the redirect is its success.
                StatusCode::Code(status @ 300..=399) if redirects => {
                    let response_at = format!("{at}/responses/{status}");
                    match self.response_type(response, &response_at, &hint, module)? {
                        Some(found) => typed.push((*status, found)),
                        None => empty.push(*status),
                    }
                }
                // No content, by definition (RFC 9110): whatever the
                // document lists, there is no body to decode.
                StatusCode::Code(status @ (204 | 205)) => {
                    let (response, response_at) = self
                        .doc
                        .resolve(response, &format!("{at}/responses/{status}"))?;
                    if response
                        .content
                        .values()
                        .any(|media| media.schema.is_some())
                    {
                        self.warnings.push(Warning {
                            pointer: format!("{response_at}/content"),
                            message: format!(
                                "a {status} answer has no body; its content is ignored"
                            ),
                        });
                    }
                    empty.push(*status);
                }
                StatusCode::Code(status @ 200..=299) => {
                    let response_at = format!("{at}/responses/{status}");
                    match self.response_type(response, &response_at, &hint, module)? {
                        Some(found) => typed.push((*status, found)),
                        None => empty.push(*status),
                    }
                }
                // `2XX`: any success status; what the exact ones do not claim.
                StatusCode::Range(2) => {
                    let response_at = format!("{at}/responses/2XX");
                    range = self.response_type(response, &response_at, &hint, module)?;
                }
                _ => {}
            }
        }
        if range.is_some() && !(typed.is_empty() && empty.is_empty()) {
            self.warnings.push(Warning {
                pointer: format!("{at}/responses/2XX"),
                message: "`2XX` beside exact success statuses: a 2xx status the document does not list is an `Unexpected` error".to_owned(),
            });
        }
        let mut kinds: Vec<&TypeRef> = typed.iter().map(|(_, ty)| ty).collect();
        kinds.dedup();
        match (kinds.as_slice(), range) {
            ([], None) => Ok(Success {
                statuses: empty,
                ty: None,
                empty_statuses: Vec::new(),
                by_status: None,
            }),
            // Only the range has a body: every 2xx decodes into it.
            ([], Some(ty)) if empty.is_empty() => Ok(Success {
                statuses: Vec::new(),
                ty: Some(ty),
                empty_statuses: Vec::new(),
                by_status: None,
            }),
            ([one], _) if kinds.len() == 1 && typed.iter().all(|(_, t)| t == *one) => {
                let ty = (*one).clone();
                Ok(Success {
                    statuses: typed.iter().map(|(s, _)| *s).collect(),
                    ty: Some(ty),
                    empty_statuses: empty,
                    by_status: None,
                })
            }
            _ => {
                // Several types: one enum variant per status.
                let mut variants: Vec<SuccessVariant> = typed
                    .iter()
                    .map(|(status, ty)| SuccessVariant {
                        name: success_name(*status),
                        status: *status,
                        ty: Some(ty.clone()),
                        boxed: false,
                    })
                    .chain(empty.iter().map(|status| SuccessVariant {
                        name: success_name(*status),
                        status: *status,
                        ty: None,
                        boxed: false,
                    }))
                    .collect();
                variants.sort_by_key(|v| v.status);
                let name = self.builder_names[resource_index]
                    .claim_first(&[format!("{builder}Response"), format!("{builder}Answer")]);
                Ok(Success {
                    statuses: variants.iter().map(|v| v.status).collect(),
                    ty: None,
                    empty_statuses: Vec::new(),
                    by_status: Some(SuccessEnum { name, variants }),
                })
            }
        }
    }

    pub(super) fn error_statuses(
        &mut self,
        op: &openapiv3::Operation,
        at: &str,
        builder: &str,
        module: &str,
    ) -> Result<Vec<ErrorStatus>, Error> {
        let mut statuses = Vec::new();
        let redirects = redirects_answer(op);
        for (code, response) in &op.responses.responses {
            let (status, key, hint) = match code {
                StatusCode::Code(300..=399) if redirects => continue,
                StatusCode::Code(status) if *status >= 300 => (
                    ErrorStatus::Exact(*status),
                    status.to_string(),
                    status_name(*status),
                ),
                StatusCode::Range(hundred) if *hundred >= 3 => (
                    ErrorStatus::Range(*hundred),
                    format!("{hundred}XX"),
                    range_name(*hundred),
                ),
                _ => continue,
            };
            let response_at = format!("{at}/responses/{key}");
            let hint = format!("{builder}{hint}");
            // A non-JSON error body stays raw in the error (its model is JSON).
            let ty = self
                .response_type(response, &response_at, &hint, module)?
                .filter(|t| *t != TypeRef::Bytes);
            self.errors.push((status, ty));
            statuses.push(status);
        }
        if let Some(default) = &op.responses.default {
            let ty = self.response_type(
                default,
                &format!("{at}/responses/default"),
                &format!("{builder}Default"),
                module,
            )?;
            self.errors.push((ErrorStatus::Default, ty));
            statuses.push(ErrorStatus::Default);
        }
        Ok(statuses)
    }

    fn response_type(
        &mut self,
        response: &ReferenceOr<Response>,
        at: &str,
        hint: &str,
        module: &str,
    ) -> Result<Option<TypeRef>, Error> {
        let (response, at) = self.doc.resolve(response, at)?;
        if !response.links.is_empty() {
            let names: Vec<&str> = response.links.keys().map(String::as_str).collect();
            self.warnings.push(Warning {
                pointer: format!("{at}/links"),
                message: format!(
                    "links ({}) are not followed: the call returns the response, and the linked operations are called like any other",
                    names.join(", ")
                ),
            });
        }
        let Some((media, media_type)) = response.content.iter().find(|(media, _)| is_json(media))
        else {
            // A body that is not JSON is handed over as bytes.
            return Ok((!response.content.is_empty()).then_some(TypeRef::Bytes));
        };
        match &media_type.schema {
            Some(schema) => {
                let schema_at = format!("{at}/content/{}/schema", escape_token(media));
                Ok(Some(self.types.type_of(schema, hint, &schema_at, module)?))
            }
            None => Ok(Some(TypeRef::Json)),
        }
    }
}

/// Whether the operation documents no success but a redirect: then the
/// redirect is the answer it exists for, not an error.
fn redirects_answer(op: &openapiv3::Operation) -> bool {
    let codes = || op.responses.responses.keys();
    !codes().any(|code| matches!(code, StatusCode::Code(200..=299) | StatusCode::Range(2)))
        && codes().any(|code| matches!(code, StatusCode::Code(300..=399)))
}

/// The variant name of a success status in a per-operation answer enum.
pub fn success_name(status: u16) -> String {
    let name = match status {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        other => return reason_name(other),
    };
    name.to_owned()
}

/// A status's registered reason as a variant name (`424` → `FailedDependency`),
/// or `Status499` for one HTTP does not name. The tables above keep the names
/// generated crates already have where they differ (`Unprocessable`).
/// Redirects keep their numbers: `Error::Found` would say nothing, and
/// `Error::Redirect` is the client's refused redirect.
fn reason_name(status: u16) -> String {
    http::StatusCode::from_u16(status)
        .ok()
        .filter(|code| !code.is_redirection())
        .and_then(|code| code.canonical_reason())
        .map(|reason| reason.replace('\'', "").to_upper_camel_case())
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
        .unwrap_or_else(|| format!("Status{status}"))
}

/// The `Error` variant name for a status.
pub fn status_name(status: u16) -> String {
    let name = match status {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Unprocessable",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        other => return reason_name(other),
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_cover_common_codes() {
        assert_eq!(status_name(422), "Unprocessable");
        assert_eq!(status_name(499), "Status499");
    }

    /// Every status HTTP names reads as its name, not `Status424`.
    #[test]
    fn registered_statuses_are_named_by_their_reason() {
        assert_eq!(status_name(424), "FailedDependency");
        assert_eq!(status_name(423), "Locked");
        assert_eq!(status_name(431), "RequestHeaderFieldsTooLarge");
        assert_eq!(status_name(507), "InsufficientStorage");
        assert_eq!(success_name(208), "AlreadyReported");
        // The names crates already have stay as they are.
        assert_eq!(success_name(203), "NonAuthoritative");
        assert_eq!(status_name(413), "PayloadTooLarge");
    }

    #[test]
    fn every_status_name_is_an_identifier() {
        for status in 100..600 {
            for name in [status_name(status), success_name(status)] {
                assert!(
                    name.starts_with(|c: char| c.is_ascii_uppercase())
                        && name.chars().all(|c| c.is_ascii_alphanumeric()),
                    "{status}: {name}"
                );
            }
        }
        assert_eq!(status_name(418), "ImATeapot");
        assert_eq!(status_name(302), "Status302");
    }
}
