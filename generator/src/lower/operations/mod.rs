//! Paths and operations → resources with request builders.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use openapiv3::PathItem;

use super::names::{camel, snake, type_name, Namespace};
use super::pagination;
use super::settings::{extension, Settings};
use super::types::Types;
use crate::config::{Config, Include, Renames};
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::{Body, ErrorStatus, Events, Operation, ParamLocation, PathPart, Resource, TypeRef};
use crate::load::Document;

mod bodies;
mod events;
mod grouping;
mod naming;
mod parameters;
mod responses;

use grouping::{GroupFacts, GROUP_EXTENSIONS};
pub use naming::{conventional_name, repeats_resource};
use naming::{ends_in_collection, NameFacts, NAME_EXTENSIONS};
use parameters::split_path;
pub use responses::status_name;

/// HTTP methods an OpenAPI path item can hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Methods of the client type that resource accessors must not take.
const CLIENT_METHODS: [&str; 6] = ["builder", "from_env", "server_url", "clone", "fmt", "inner"];

/// Methods of a resource type that operation methods must not take.
const RESOURCE_METHODS: [&str; 3] = ["new", "clone", "fmt"];

/// Names every builder reserves for itself.
const BUILDER_FIELDS: [&str; 19] = [
    "into_pages",
    "download",
    "stream",
    "extras",
    "header",
    "query_param",
    "client",
    "send",
    "send_with_response",
    "send_untyped",
    "send_raw",
    "into_stream",
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
    /// `sdkgen.toml`'s `[include]`.
    include: Include,
    /// `sdkgen.toml`'s `[rename]` of resources and methods.
    renames: Renames,
    /// The configuration file, for errors about it.
    config_file: PathBuf,
    /// The resource renames that named a group.
    renamed_groups: BTreeSet<String>,
    /// Each resource's group as named (its rename, else the group), by index:
    /// builders are named after it.
    group_names: Vec<String>,
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
            include: Include::default(),
            renames: Renames::default(),
            config_file: PathBuf::from(crate::config::FILE_NAME),
            renamed_groups: BTreeSet::new(),
            group_names: Vec::new(),
        }
    }

    /// Applies `sdkgen.toml`: which operations, and the names that win.
    pub fn configured(mut self, config: &Config, file: Option<&Path>) -> Self {
        self.include = config.include.clone();
        self.renames = config.rename.clone();
        if let Some(file) = file {
            self.config_file = file.to_owned();
        }
        self
    }

    /// Lowers every operation of the document.
    pub fn lower_all(mut self) -> Result<LoweredOperations, Error> {
        // Every operation first: grouping looks at the whole document.
        let mut items: Vec<(&str, PathItem, String, Vec<&'static str>)> = Vec::new();
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
            let mut methods: Vec<&'static str> = METHODS
                .iter()
                .copied()
                .filter(|m| raw_order.iter().any(|r| r == m))
                .collect();
            methods.sort_by_key(|m| raw_order.iter().position(|r| r == m));
            if methods.is_empty() {
                methods = METHODS.to_vec();
            }
            methods.retain(|m| operation_of(&item, m).is_some());
            // `x-helper: true` marks what a vendor's own SDKs do on the client
            // (Algolia's chunked push): there is no such endpoint to call.
            methods.retain(|method| {
                let helper = operation_of(&item, method)
                    .and_then(|op| op.extensions.get("x-helper"))
                    .and_then(serde_json::Value::as_bool)
                    == Some(true);
                if helper {
                    self.warnings.push(Warning {
                        pointer: format!("{at}/{method}"),
                        message:
                            "left out: `x-helper: true` marks a client-side helper, not an endpoint"
                                .to_owned(),
                    });
                }
                !helper
            });
            items.push((path, item, at, methods));
        }
        let sites: Vec<Site> = items
            .iter()
            .flat_map(|(path, item, at, methods)| {
                methods.iter().filter_map(move |method| {
                    Some(Site {
                        path,
                        method,
                        item,
                        op: operation_of(item, method)?,
                        at: format!("{at}/{method}"),
                    })
                })
            })
            .filter(|site| {
                let id = site
                    .op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{}{}", site.method, camel(site.path)));
                self.include.admits(&site.op.tags, &id)
            })
            .collect();
        self.check_renames(&sites)?;
        let facts: Vec<GroupFacts> = sites
            .iter()
            .map(|site| GroupFacts {
                path: site.path,
                explicit: first_extension(&site.op.extensions, &GROUP_EXTENSIONS),
                tag: site.op.tags.first().map(String::as_str),
            })
            .collect();
        let groups = grouping::groups(&facts);
        let collections = grouping::collections(items.iter().map(|(path, ..)| *path));
        for (site, group) in sites.iter().zip(groups) {
            let collection = ends_in_collection(site.path, &collections);
            self.operation(site, &group, collection)?;
        }
        if let Some(group) = self
            .renames
            .resources
            .keys()
            .find(|k| !self.renamed_groups.contains(*k))
        {
            let known: Vec<&str> = self.group_keys.iter().map(String::as_str).collect();
            return Err(Error::file(
                &self.config_file,
                format!(
                    "`[rename] resources` names `{group}`, which is no tag or group of generated operations (they are: {})",
                    known.join(", ")
                ),
            ));
        }
        Ok(LoweredOperations {
            resources: self.resources,
            errors: self.errors,
            warnings: self.warnings,
        })
    }

    fn operation(&mut self, site: &Site, group: &str, collection: bool) -> Result<(), Error> {
        let Site {
            path,
            method,
            item,
            op,
            ref at,
        } = *site;
        let at = at.as_str();
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
        let renamed = self.renames.methods.get(&operation_id);
        let preferred = match renamed
            .map(String::as_str)
            .or_else(|| first_extension(&op.extensions, &NAME_EXTENSIONS))
        {
            Some(name) => vec![snake(name), snake(&operation_id)],
            None => naming::candidates(&NameFacts {
                operation_id: &operation_id,
                group,
                method,
                path,
                item: path.trim_end_matches('/').ends_with('}'),
                collection,
            }),
        };
        let resource_index = self.resource_for(group);
        // Groups that fold to one resource (`Foo Bar`, `foo_bar`) share its methods.
        let method_name = self
            .method_names
            .entry(self.group_keys[resource_index].clone())
            .or_insert_with(|| Namespace::with_reserved(RESOURCE_METHODS))
            .claim_spelled(&preferred, &operation_id, snake);
        // Builders live in their resource's module and name models as
        // `models::X`, so they only need to be unique there: no builder is ever
        // renamed for a model's sake.
        let builder_base = type_name(&format!(
            "{} {}",
            camel(&self.group_names[resource_index]),
            camel(&method_name)
        ));
        let builder_name = self.builder_names[resource_index]
            .claim_first(&[builder_base.clone(), format!("{builder_base}Request")]);
        let module = snake(&builder_name);

        let mut names = Namespace::with_reserved(BUILDER_FIELDS);
        let mut params = Vec::new();
        for (param, param_at) in self.merged_parameters(item, op, at)? {
            params.push(self.parameter(param, param_at, &builder_name, &module, &mut names)?);
        }
        self.undeclared_path_params(path, at, &mut params, &mut names);
        let path_parts = split_path(path, &params);
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
        let event_data = self.event_data(op, at, &builder_name, &module, resource_index)?;
        let error_statuses = self.error_statuses(op, at, &builder_name, &module)?;
        let credentials = self.credentials(op, at)?;

        let operation = Operation {
            operation_id,
            method_name,
            builder_name,
            http_method: method.to_ascii_uppercase(),
            path_template: path.to_owned(),
            path: path_parts,
            summary: op.summary.as_deref().map(summary_line),
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
            idempotency_header: None,
            events: None,
            server: crate::lower::servers::operation_server(op, item),
        };
        let events = event_data.map(|(format, media_type, data)| Events {
            format,
            media_type,
            data,
            flag: stream_flag(&self.types.defs, operation.body.as_ref()),
        });
        let idempotency_header = parameters::idempotency_header(&operation.params);
        let mut operation = operation;
        operation.idempotency_header = idempotency_header;
        operation.events = events;
        match pagination::detect(&self.types.defs, self.doc, op, at, &operation) {
            Ok(pagination) => operation.pagination = pagination,
            Err(warning) => self.warnings.push(warning),
        }
        self.resources[resource_index].operations.push(operation);
        Ok(())
    }

    /// Every rename names an operation or a group that is generated: a
    /// misspelt key would otherwise change nothing, silently.
    fn check_renames(&self, sites: &[Site<'_>]) -> Result<(), Error> {
        let ids: Vec<String> = sites
            .iter()
            .map(|site| {
                site.op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{}{}", site.method, camel(site.path)))
            })
            .collect();
        if let Some(id) = self.renames.methods.keys().find(|id| !ids.contains(id)) {
            return Err(Error::file(
                &self.config_file,
                format!("`[rename] methods` names `{id}`, which is no generated operation's operationId"),
            ));
        }
        Ok(())
    }

    fn resource_for(&mut self, group: &str) -> usize {
        let key = snake(group);
        if let Some(index) = self.group_keys.iter().position(|k| *k == key) {
            return index;
        }
        // A group named like a client method (`builder`) or item is a resource
        // all the same: `builder_resource()` and `BuilderResource`. A rename
        // in `sdkgen.toml` is the name first tried.
        let rename = [group, key.as_str()]
            .into_iter()
            .find_map(|k| self.renames.resources.get_key_value(k));
        if let Some((k, _)) = rename {
            self.renamed_groups.insert(k.clone());
        }
        let named = rename.map_or(group, |(_, to)| to.as_str()).to_owned();
        let named = named.as_str();
        let wanted = snake(named);
        let accessor = self.accessors.claim_spelled(
            &[wanted.clone(), format!("{wanted}_resource")],
            named,
            snake,
        );
        let type_name = self.resource_types.claim_spelled(
            &[type_name(named), format!("{}Resource", type_name(named))],
            named,
            type_name,
        );
        self.group_keys.push(key);
        self.group_names.push(named.to_owned());
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

/// One operation and where it is written.
struct Site<'s> {
    path: &'s str,
    method: &'static str,
    item: &'s PathItem,
    op: &'s openapiv3::Operation,
    /// Its JSON pointer.
    at: String,
}

/// The first of `keys` an operation's extensions set to a string.
fn first_extension<'e>(
    extensions: &'e indexmap::IndexMap<String, serde_json::Value>,
    keys: &[&str],
) -> Option<&'e str> {
    keys.iter().find_map(|key| extension(extensions, key))
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

/// The boolean body property that asks for an answer as a stream (`stream`),
/// if the body has one.
fn stream_flag(defs: &[crate::ir::TypeDef], body: Option<&Body>) -> Option<String> {
    let TypeRef::Named(name) = &body?.ty else {
        return None;
    };
    let def = defs.iter().find(|def| &def.name == name)?;
    let crate::ir::TypeKind::Struct(fields) = &def.kind else {
        return None;
    };
    fields
        .fields
        .iter()
        .find(|field| field.wire_name == "stream" && field.ty == TypeRef::Bool)
        .map(|field| field.wire_name.clone())
}

/// A summary as the first line of a doc comment, with a capital first letter
/// as a person writes one (`list repositories` → `List repositories`), unless
/// its first word is not a plain lower-case word: `iOS`, `eTag` and `get_user`
/// are spelled that way on purpose.
fn summary_line(text: &str) -> String {
    let text = text.trim();
    let first_word = text.split_whitespace().next().unwrap_or_default();
    let plain = first_word.chars().all(|c| c.is_ascii_lowercase());
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if plain => format!("{}{}", first.to_ascii_uppercase(), chars.as_str()),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::summary_line;

    #[test]
    fn summaries_start_with_a_capital_unless_the_first_word_is_spelled_so() {
        assert_eq!(summary_line(" list repositories "), "List repositories");
        assert_eq!(summary_line("Get a connection"), "Get a connection");
        assert_eq!(summary_line("iOS devices"), "iOS devices");
        assert_eq!(summary_line("get_user by id"), "get_user by id");
        assert_eq!(summary_line("v1 models"), "v1 models");
        assert_eq!(summary_line(""), "");
    }
}
