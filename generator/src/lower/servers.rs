//! `servers` → the client's choice of server: every entry, named from its
//! description, and its URL template's variables, typed where the document
//! lists their values; and the server an operation or path names for itself.

use openapiv3::{Schema, SchemaData, SchemaKind, StringType, Type};

use super::enums;
use super::names::{camel, snake, type_name, Namespace};
use crate::diagnostics::Warning;
use crate::ir::{Gate, Server, ServerVariable, TypeDef, TypeKind, TypeRef};
use crate::load::Document;

/// The servers and server variables of a document.
pub struct Servers {
    /// Every entry, in document order.
    pub list: Vec<Server>,
    /// The variables of their URL templates, each once.
    pub variables: Vec<ServerVariable>,
    /// Enums for variables whose values the document lists.
    pub defs: Vec<TypeDef>,
}

/// Reads the document's `servers`; enum names are claimed in `names`.
pub fn lower(doc: &Document, names: &mut Namespace, warnings: &mut Vec<Warning>) -> Servers {
    let mut variants = Namespace::default();
    let mut list = Vec::new();
    let mut variables: Vec<ServerVariable> = Vec::new();
    let mut defs = Vec::new();
    for (index, server) in doc.openapi.servers.iter().enumerate() {
        let described = server
            .description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let candidates: Vec<String> = described
            .map(variant_name)
            .into_iter()
            .filter(|name| !name.is_empty())
            .chain((index == 0).then(|| "Default".to_owned()))
            .chain([format!("Server{index}")])
            .collect();
        list.push(Server {
            name: variants.claim_first(&candidates),
            url: server.url.trim_end_matches('/').to_owned(),
            description: described.map(str::to_owned),
        });
        for (wire, variable) in server.variables.iter().flatten() {
            if variables.iter().any(|v| &v.wire_name == wire) {
                continue;
            }
            let values: Vec<String> = variable.enumeration.clone();
            let ty = if values.is_empty() {
                TypeRef::String
            } else {
                let name = names.claim_first(&[type_name(&format!("Server {wire}"))]);
                let schema = Schema {
                    schema_data: SchemaData::default(),
                    schema_kind: SchemaKind::Type(Type::String(StringType {
                        enumeration: values.iter().cloned().map(Some).collect(),
                        ..Default::default()
                    })),
                };
                defs.push(TypeDef {
                    module: snake(&name),
                    origin: format!("#/servers/{index}/variables/{wire}"),
                    doc: variable.description.clone(),
                    kind: TypeKind::Enum(enums::lower(&schema, &values, false)),
                    gate: Gate::Always,
                    name: name.clone(),
                });
                TypeRef::Named(name)
            };
            if !values.is_empty() && !values.contains(&variable.default) {
                warnings.push(Warning {
                    pointer: format!("/servers/{index}/variables/{wire}/default"),
                    message: format!(
                        "the default `{}` is not among the listed values",
                        variable.default
                    ),
                });
            }
            variables.push(ServerVariable {
                rust_name: format!("server_{}", snake(wire)),
                wire_name: wire.clone(),
                default: variable.default.clone(),
                ty,
                doc: variable.description.clone(),
            });
        }
    }
    Servers {
        list,
        variables,
        defs,
    }
}

/// The server an operation names for itself (its own `servers`, else its
/// path's), with variables at their defaults.
pub fn operation_server(op: &openapiv3::Operation, item: &openapiv3::PathItem) -> Option<String> {
    let server = op.servers.first().or_else(|| item.servers.first())?;
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    Some(url.trim_end_matches('/').to_owned())
}

/// `Production server` → `Production`, `EU (Frankfurt)` → `EuFrankfurt`:
/// the description's words, without the words every server has.
fn variant_name(description: &str) -> String {
    let words: Vec<&str> = description
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                w.to_ascii_lowercase().as_str(),
                "server" | "host" | "api" | "url" | "the" | "environment"
            )
        })
        .take(4)
        .collect();
    let leading_digit = words
        .first()
        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let text = words.join(" ");
    camel(&if leading_digit {
        format!("Server {text}")
    } else {
        text
    })
}

/// Applies `sdkgen.toml`'s `[server]`: variable defaults (checked against the
/// values the document lists) and the default entry, which moves first.
/// Returns the chosen entry's index in the document; a value that names
/// nothing is an error.
pub fn configure(
    servers: &mut Servers,
    config: &crate::config::ServerDefaults,
) -> Result<usize, String> {
    for (name, value) in &config.variables {
        let Some(variable) = servers.variables.iter_mut().find(|v| &v.wire_name == name) else {
            let known: Vec<&str> = servers
                .variables
                .iter()
                .map(|v| v.wire_name.as_str())
                .collect();
            return Err(format!(
                "`[server] variables` names `{name}`, which no server URL has (it has: {})",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ));
        };
        if let TypeRef::Named(enum_name) = &variable.ty {
            let listed = servers
                .defs
                .iter()
                .find(|d| &d.name == enum_name)
                .and_then(|d| match &d.kind {
                    TypeKind::Enum(e) => Some(
                        e.variants
                            .iter()
                            .map(|v| v.value.clone())
                            .collect::<Vec<_>>(),
                    ),
                    _ => None,
                });
            if let Some(listed) = listed.filter(|listed| !listed.contains(value)) {
                return Err(format!(
                    "`[server] variables.{name}` is `{value}`, which the document does not list (it lists: {})",
                    listed.join(", ")
                ));
            }
        }
        variable.default = value.clone();
    }
    let Some(wanted) = &config.default else {
        return Ok(0);
    };
    let index = servers
        .list
        .iter()
        .position(|s| {
            s.url == wanted.trim_end_matches('/')
                || s.description.as_ref() == Some(wanted)
                || &s.name == wanted
        })
        .or_else(|| wanted.parse::<usize>().ok().filter(|i| *i < servers.list.len()))
        .ok_or_else(|| {
            format!(
                "`[server] default` is `{wanted}`, which is no server's URL, description or index (0 to {})",
                servers.list.len().saturating_sub(1)
            )
        })?;
    let chosen = servers.list.remove(index);
    servers.list.insert(0, chosen);
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::variant_name;

    #[test]
    fn servers_are_named_from_their_descriptions() {
        assert_eq!(variant_name("Production server"), "Production");
        assert_eq!(
            variant_name("Apideck Unify production host"),
            "ApideckUnifyProduction"
        );
        assert_eq!(variant_name("Sandbox environment"), "Sandbox");
        assert_eq!(variant_name("EU (Frankfurt)"), "EuFrankfurt");
        assert_eq!(variant_name("2nd region"), "Server2ndRegion");
    }
}
