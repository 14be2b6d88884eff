//! Paths and operations → resources with request builders.

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, Parameter, ParameterSchemaOrContent, PathItem,
    QueryStyle as OaQueryStyle, ReferenceOr, RequestBody, Response, StatusCode,
};

use super::errors::range_name;
use super::names::{camel, snake, type_name, Namespace};
use super::pagination;
use super::sensitive::{self, Marks};
use super::settings::{extension, Settings};
use super::types::Types;
use super::view::{view, View};
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::{
    Body, BodyEncoding, ErrorStatus, Operation, Param, ParamLocation, PathPart, Place, QueryStyle,
    Resource, Success, SuccessEnum, SuccessVariant, TypeRef,
};
use crate::load::Document;

/// HTTP methods an OpenAPI path item can hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Methods of the client type that resource accessors must not take.
const CLIENT_METHODS: [&str; 6] = ["builder", "from_env", "server_url", "clone", "fmt", "inner"];

/// Methods of a resource type that operation methods must not take.
const RESOURCE_METHODS: [&str; 3] = ["new", "clone", "fmt"];

/// Names every builder reserves for itself.
const BUILDER_FIELDS: [&str; 12] = [
    "client",
    "send",
    "send_with_response",
    "into_stream",
    "into_pages",
    "body",
    "new",
    "options",
    "retry",
    "timeout",
    "server_url",
    "max_response_size",
];

/// What one operation documents for an error status.
pub type ErrorUse = (ErrorStatus, Option<TypeRef>);

/// The result of lowering every operation.
pub struct LoweredOperations {
    /// Operation groups in order of first appearance.
    pub resources: Vec<Resource>,
    /// Error statuses documented across all operations.
    pub errors: Vec<ErrorUse>,
    /// Fallbacks taken.
    pub warnings: Vec<Warning>,
}

/// Lowers all operations, grouped into resources in order of first appearance.
pub struct Operations<'a, 'd> {
    doc: &'d Document,
    types: &'a mut Types<'d>,
    settings: &'a mut Settings,
    /// Error statuses documented across all operations.
    pub errors: Vec<ErrorUse>,
    /// Fallbacks taken.
    pub warnings: Vec<Warning>,
    resources: Vec<Resource>,
    /// Builder type names, one scope per resource module (by resource index).
    builder_names: Vec<Namespace>,
    /// The client type, which every resource module imports.
    client_name: String,
    /// Resource type names: `client.rs` imports them beside its own items.
    resource_types: Namespace,
    method_names: BTreeMap<String, Namespace>,
    /// `snake(group)` of each resource, by index.
    group_keys: Vec<String>,
    /// Client method names: resources must not shadow the client's own methods.
    accessors: Namespace,
    operation_ids: BTreeMap<String, String>,
}

impl<'a, 'd> Operations<'a, 'd> {
    /// Prepares to lower `doc`'s operations, defining inline types in `types`.
    pub fn new(
        doc: &'d Document,
        types: &'a mut Types<'d>,
        settings: &'a mut Settings,
        client_name: &str,
    ) -> Self {
        Self {
            doc,
            types,
            settings,
            errors: Vec::new(),
            warnings: Vec::new(),
            resources: Vec::new(),
            builder_names: Vec::new(),
            client_name: client_name.to_owned(),
            resource_types: {
                // A resource type lives in its module beside the builders.
                let mut scope = Namespace::with_reserved(crate::scope::resource_scope());
                scope.claim(client_name);
                scope.claim(&format!("{client_name}Builder"));
                scope
            },
            method_names: BTreeMap::new(),
            group_keys: Vec::new(),
            accessors: Namespace::with_reserved(CLIENT_METHODS),
            operation_ids: BTreeMap::new(),
        }
    }

    /// Lowers every operation of the document.
    pub fn lower_all(mut self) -> Result<LoweredOperations, Error> {
        for (path, item) in &self.doc.openapi.paths.paths {
            let at = format!("/paths/{}", escape_token(path));
            // A referenced path item (`components/pathItems` in 3.1) is read,
            // and reported, where it is written.
            let (item, at) = self.doc.resolve::<PathItem>(item, &at)?;
            // Methods in document order, which the typed model does not keep.
            let raw_order: Vec<String> = self
                .doc
                .lookup(&at)
                .and_then(|node| node.as_mapping())
                .map(|map| {
                    map.keys()
                        .filter_map(|k| k.as_str())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            let mut methods: Vec<&str> = raw_order
                .iter()
                .map(String::as_str)
                .filter(|m| METHODS.contains(m))
                .collect();
            if methods.is_empty() {
                methods = METHODS.to_vec();
            }
            for method in methods {
                if let Some(operation) = operation_of(&item, method) {
                    let op_at = format!("{at}/{method}");
                    self.operation(path, method, &item, operation, &op_at)?;
                }
            }
        }
        Ok(LoweredOperations {
            resources: self.resources,
            errors: self.errors,
            warnings: self.warnings,
        })
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &PathItem,
        op: &openapiv3::Operation,
        at: &str,
    ) -> Result<(), Error> {
        let operation_id = op
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{method}{}", camel(path)));
        if let Some(first) = self
            .operation_ids
            .insert(operation_id.clone(), at.to_owned())
        {
            return Err(self.doc.error(
                &format!("{at}/operationId"),
                format!("operationId `{operation_id}` is already used by #{first}; operationIds must be unique"),
            ));
        }
        let group = extension(&op.extensions, "x-sdk-group")
            .map(str::to_owned)
            .or_else(|| op.tags.first().cloned())
            .unwrap_or_else(|| "default".to_owned());
        let method_base = extension(&op.extensions, "x-sdk-name")
            .map_or_else(|| conventional_name(&operation_id, &group), snake);
        let resource_index = self.resource_for(&group);
        // Groups that fold to one resource (`Foo Bar`, `foo_bar`) share its methods.
        let method_name = self
            .method_names
            .entry(self.group_keys[resource_index].clone())
            .or_insert_with(|| Namespace::with_reserved(RESOURCE_METHODS))
            .claim_spelled(&[method_base, snake(&operation_id)], &operation_id, snake);
        // Builders live in their resource's module and name models as
        // `models::X`, so they only need to be unique there: no builder is ever
        // renamed for a model's sake.
        let builder_base = type_name(&format!("{} {}", camel(&group), camel(&method_name)));
        let builder_name = self.builder_names[resource_index]
            .claim_first(&[builder_base.clone(), format!("{builder_base}Request")]);
        let module = snake(&builder_name);

        let mut names = Namespace::with_reserved(BUILDER_FIELDS);
        let mut params = Vec::new();
        for (param, param_at) in self.merged_parameters(item, op, at)? {
            params.push(self.parameter(param, param_at, &builder_name, &module, &mut names)?);
        }
        let path_parts = split_path(path, &params).map_err(|name| {
            self.doc.error(at, format!("path `{path}` has a `{{{name}}}` placeholder but no path parameter of that name"))
        })?;
        // A path parameter the template does not use cannot be sent; drop it.
        params.retain(|p| {
            let used = p.location != ParamLocation::Path
                || path_parts.contains(&PathPart::Param(p.rust_name.clone()));
            if !used {
                self.warnings.push(Warning {
                    pointer: at.to_owned(),
                    message: format!(
                        "path parameter `{}` does not appear in `{path}`; left out",
                        p.wire_name
                    ),
                });
            }
            used
        });
        // Required path parameters become arguments in path order.
        let path_order: Vec<&str> = path_parts
            .iter()
            .filter_map(|p| {
                if let PathPart::Param(n) = p {
                    Some(n.as_str())
                } else {
                    None
                }
            })
            .collect();
        params.sort_by_key(|p| match p.location {
            ParamLocation::Path => path_order
                .iter()
                .position(|n| *n == p.rust_name)
                .unwrap_or(0),
            _ => usize::MAX,
        });
        let body = match &op.request_body {
            Some(body) => self.body(body, &format!("{at}/requestBody"), &builder_name, &module)?,
            None => None,
        };
        if !op.callbacks.is_empty() {
            let names: Vec<&str> = op.callbacks.keys().map(String::as_str).collect();
            self.warnings.push(Warning {
                pointer: format!("{at}/callbacks"),
                message: format!(
                    "callbacks ({}) are requests the API sends to you: no client code is generated for them",
                    names.join(", ")
                ),
            });
        }
        let success = self.success(op, at, &builder_name, &module, resource_index)?;
        let error_statuses = self.error_statuses(op, at, &builder_name, &module)?;
        let credentials = self.credentials(op, at)?;

        let operation = Operation {
            operation_id,
            method_name,
            builder_name,
            http_method: method.to_ascii_uppercase(),
            path_template: path.to_owned(),
            path: path_parts,
            summary: op.summary.as_deref().map(str::trim).map(str::to_owned),
            description: op
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned),
            deprecated: op.deprecated,
            params,
            body,
            credentials,
            success,
            error_statuses,
            pagination: None,
        };
        let mut operation = operation;
        match pagination::detect(&self.types.defs, self.doc, op, at, &operation) {
            Ok(pagination) => operation.pagination = pagination,
            Err(warning) => self.warnings.push(warning),
        }
        self.resources[resource_index].operations.push(operation);
        Ok(())
    }

    fn resource_for(&mut self, group: &str) -> usize {
        let key = snake(group);
        if let Some(index) = self.group_keys.iter().position(|k| *k == key) {
            return index;
        }
        // A group named like a client method (`builder`) or item is a resource
        // all the same: `builder_resource()` and `BuilderResource`.
        let accessor =
            self.accessors
                .claim_spelled(&[key.clone(), format!("{key}_resource")], group, snake);
        let type_name = self.resource_types.claim_spelled(
            &[type_name(group), format!("{}Resource", type_name(group))],
            group,
            type_name,
        );
        self.group_keys.push(key);
        let mut scope = Namespace::with_reserved(crate::scope::resource_scope());
        scope.claim(&type_name);
        scope.claim(&self.client_name);
        self.builder_names.push(scope);
        self.resources.push(Resource {
            module: accessor.clone(),
            // Decided with the other features, once every resource is known.
            feature: String::new(),
            accessor,
            type_name,
            operations: Vec::new(),
        });
        self.resources.len() - 1
    }

    /// Path-level parameters, overridden by operation parameters of the same
    /// name and location; each resolved, with the pointer it was found at.
    fn merged_parameters(
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
        Ok(merged)
    }

    fn parameter(
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
        let hint = format!("{builder}{}", camel(&data.name));
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
        let marks = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                Marks::of(&self.doc.resolve(schema, &format!("{at}/schema"))?.0)
            }
            ParameterSchemaOrContent::Content(_) => Marks::default(),
        };
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
            example: data.example.clone(),
            json,
            sensitive,
        })
    }

    fn body(
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

    fn success(
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
        for (code, response) in &op.responses.responses {
            let hint = format!("{builder}Response");
            match code {
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
                    })
                    .chain(empty.iter().map(|status| SuccessVariant {
                        name: success_name(*status),
                        status: *status,
                        ty: None,
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

    fn error_statuses(
        &mut self,
        op: &openapiv3::Operation,
        at: &str,
        builder: &str,
        module: &str,
    ) -> Result<Vec<ErrorStatus>, Error> {
        let mut statuses = Vec::new();
        for (code, response) in &op.responses.responses {
            let (status, key, hint) = match code {
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

    fn credentials(&mut self, op: &openapiv3::Operation, at: &str) -> Result<Vec<String>, Error> {
        let requirements = op.security.as_ref().or(self.doc.openapi.security.as_ref());
        let mut names = Vec::new();
        for (index, requirement) in requirements.into_iter().flatten().enumerate() {
            for scheme in requirement.keys() {
                let defined = self
                    .doc
                    .openapi
                    .components
                    .as_ref()
                    .is_some_and(|c| c.security_schemes.contains_key(scheme));
                if !defined {
                    let pointer = if op.security.is_some() {
                        format!("{at}/security/{index}")
                    } else {
                        format!("/security/{index}")
                    };
                    return Err(self.doc.error(&pointer, format!("security scheme `{scheme}` is not defined in components/securitySchemes")));
                }
                if let Some(setting) = self.settings.for_scheme(scheme) {
                    if !names.iter().any(|n| n == setting) {
                        names.push(setting.to_owned());
                    }
                }
            }
        }
        Ok(names)
    }
}

fn operation_of<'i>(item: &'i PathItem, method: &str) -> Option<&'i openapiv3::Operation> {
    match method {
        "get" => item.get.as_ref(),
        "put" => item.put.as_ref(),
        "post" => item.post.as_ref(),
        "delete" => item.delete.as_ref(),
        "options" => item.options.as_ref(),
        "head" => item.head.as_ref(),
        "patch" => item.patch.as_ref(),
        "trace" => item.trace.as_ref(),
        _ => None,
    }
}

/// Path-level parameters, overridden by operation parameters of the same name and place.
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

/// `consumersAll` in group `Consumers` → `list`; see the README for the convention.
pub fn conventional_name(operation_id: &str, group: &str) -> String {
    let id = camel(operation_id);
    let group = camel(group);
    let rest = id
        .strip_prefix(&group)
        .filter(|r| !r.is_empty())
        .unwrap_or(&id);
    let mapped = match rest {
        "All" => "list",
        "One" => "get",
        "Add" => "create",
        "Update" => "update",
        "Delete" => "delete",
        other => return snake(other),
    };
    mapped.to_owned()
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

/// Whether a media type carries JSON (`application/json`, `…+json`).
pub fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or(media).trim();
    essence == "application/json" || essence.ends_with("+json")
}

/// Splits `/a/{b}/c` into literals and parameters; errs with an unknown placeholder.
fn split_path(path: &str, params: &[Param]) -> Result<Vec<PathPart>, String> {
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
        let param = params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == name)
            .ok_or_else(|| name.to_owned())?;
        parts.push(PathPart::Param(param.rust_name.clone()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    Ok(parts)
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
        other => return format!("Status{other}"),
    };
    name.to_owned()
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
        other => return format!("Status{other}"),
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventional_names_follow_the_operation_id() {
        assert_eq!(conventional_name("connectionsAll", "Connections"), "list");
        assert_eq!(conventional_name("connectionsOne", "Connections"), "get");
        assert_eq!(conventional_name("consumersAdd", "Consumers"), "create");
        assert_eq!(
            conventional_name("connectionsImport", "Connections"),
            "import"
        );
        assert_eq!(conventional_name("getPetById", "pets"), "get_pet_by_id");
    }

    #[test]
    fn status_names_cover_common_codes() {
        assert_eq!(status_name(422), "Unprocessable");
        assert_eq!(status_name(418), "Status418");
    }
}
