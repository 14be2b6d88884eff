//! Stage 2: the OpenAPI document → our IR, with every Rust name decided here.

mod boxing;
mod enums;
mod errors;
mod examples;
mod features;
mod inputs;
pub mod names;
mod operations;
mod pagination;
mod parameters_only;
pub mod sensitive;
mod servers;
mod settings;
mod types;
mod view;
mod webhooks;

use names::{type_name, Namespace};
use operations::Operations;
use settings::{extension, Settings};
use types::Types;

use std::path::PathBuf;

use crate::config::{Config, Tls};
use crate::diagnostics::{Error, Warning};
use crate::ir::{Api, Client, Package};
use crate::load::Document;

pub use operations::{conventional_name, repeats_resource};

/// What the generated crate is called and versioned as, and what its
/// `sdkgen.toml` says.
#[derive(Debug, Clone)]
pub struct CrateInfo {
    /// Cargo package name, e.g. `apideck-vault`.
    pub name: String,
    /// Crate version.
    pub version: String,
    /// Where the runtime crate is, relative to this crate's directory (unless
    /// the configuration names a published version).
    pub runtime_path: String,
    /// The configuration (empty when there is no `sdkgen.toml`).
    pub config: Config,
    /// The file `config` was read from, for errors about its values.
    pub config_file: Option<PathBuf>,
}

impl CrateInfo {
    /// A crate whose runtime crate is written beside it (`../sdkgen-runtime`).
    pub fn new(name: impl Into<String>, version: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            version: version.into(),
            runtime_path: format!("../{}", crate::emit::RUNTIME_CRATE),
            config: Config::default(),
            config_file: None,
        }
    }

    /// An error about a value of the configuration.
    fn config_error(&self, message: String) -> Error {
        let file = self
            .config_file
            .clone()
            .unwrap_or_else(|| PathBuf::from(crate::config::FILE_NAME));
        Error::file(&file, message)
    }
}

/// The IR and the fallbacks taken while building it.
#[derive(Debug, Clone)]
pub struct Lowered {
    /// The SDK to emit.
    pub api: Api,
    /// Constructs that were approximated, sorted.
    pub warnings: Vec<Warning>,
}

/// Lowers a loaded document.
pub fn lower(doc: &Document, krate: &CrateInfo) -> Result<Lowered, Error> {
    let info = &doc.openapi.info;
    let client_name = extension(&info.extensions, "x-sdk-client-name")
        .map_or_else(|| type_name(&info.title), type_name);
    // `Nullable` (an API of that title) would clash with the runtime's `Nullable`.
    let taken = names::RUNTIME_AT_ROOT.contains(&client_name.as_str())
        || client_name == names::RUNTIME_TRAIT_AT_ROOT
        || client_name == "Webhook"
        || client_name == "Server";
    let client_name = if taken {
        format!("{client_name}Client")
    } else {
        client_name
    };
    let builder_name = format!("{client_name}Builder");
    let mut warnings = doc.warnings.clone();

    // Models live in `models` and are named `models::X` everywhere else, so
    // they only avoid what a models file sees (`crate::scope`), not the
    // client's or `Error`'s names.
    let names = Namespace::default();
    let mut types = Types::new(doc, names);
    types.declare_components(&krate.config.rename.types);
    if let Some(name) = krate
        .config
        .rename
        .types
        .keys()
        .find(|name| !types.has_component(name))
    {
        return Err(krate.config_error(format!(
            "`[rename] types` names `{name}`, which is no component schema of the document"
        )));
    }
    types.lower_components()?;

    let mut settings = Settings::from_security_schemes(doc, &mut warnings)?;
    settings::default_env_vars(&mut settings.list, &client_name);
    let lowered = Operations::new(doc, &mut types, &mut settings, &client_name)
        .configured(&krate.config, krate.config_file.as_deref())
        .lower_all()?;
    let (mut resources, error_uses) = (lowered.resources, lowered.errors);
    warnings.extend(lowered.warnings);
    let webhooks = webhooks::lower(doc, &mut types, &mut warnings)?;

    // A setting is required when every operation needs it.
    let operations: Vec<_> = resources.iter().flat_map(|r| &r.operations).collect();
    for setting in &mut settings.list {
        setting.required = !operations.is_empty()
            && operations.iter().all(|op| {
                op.credentials.contains(&setting.name)
                    || op
                        .params
                        .iter()
                        .any(|p| p.required && p.global.as_deref() == Some(setting.name.as_str()))
            });
    }

    let errors = errors::variants(&error_uses);
    let mut servers = servers::lower(doc, &mut types.names, &mut warnings);
    let chosen = servers::configure(&mut servers, &krate.config.server)
        .map_err(|message| krate.config_error(message))?;
    types.defs.extend(servers.defs);
    let mut defs = std::mem::take(&mut types.defs);
    types::check_alias_cycles(doc, &defs)?;
    types::wrap_recursive_aliases(&mut defs);
    warnings.append(&mut types.warnings);
    inputs::apply(&mut defs, &mut types.names, &mut resources);
    parameters_only::apply(&mut defs, &resources);
    types::name_required_parts(&mut defs, &mut types.names);
    boxing::mark_boxes(&mut defs);
    boxing::mark_answer_boxes(&defs, &mut resources);
    features::apply(&mut defs, &mut resources, &errors, &webhooks);
    let error_details = errors::details(&errors, &defs);
    warnings.sort();
    warnings.dedup();

    let default_server = default_server(doc, chosen, &servers.variables, &mut warnings);
    let config = &krate.config;
    let package = Package {
        description: config.package.description.clone(),
        license: config.package.license.clone(),
        repository: config.package.repository.clone(),
        authors: config.package.authors.clone(),
        runtime_version: config.runtime.version.clone(),
        tls: match config.runtime.tls.unwrap_or_default() {
            Tls::Rustls => "rustls".to_owned(),
            Tls::NativeTls => "native-tls".to_owned(),
        },
        types_only: config.output.types_only,
    };
    Ok(Lowered {
        api: Api {
            crate_name: krate.name.clone(),
            crate_version: krate.version.clone(),
            runtime_path: krate
                .config
                .runtime
                .path
                .clone()
                .unwrap_or_else(|| krate.runtime_path.clone()),
            package,
            title: info.title.trim().to_owned(),
            api_version: info.version.clone(),
            description: info
                .description
                .as_deref()
                .map(str::trim)
                .map(str::to_owned),
            client: Client {
                name: client_name,
                builder_name,
                default_server,
                servers: servers.list,
                server_variables: servers.variables,
                settings: settings.list,
            },
            resources,
            types: defs,
            errors,
            error_details,
            webhooks,
        },
        warnings,
    })
}

/// The first server's URL, with `{variables}` replaced by their defaults.
fn default_server(
    doc: &Document,
    chosen: usize,
    variables: &[crate::ir::ServerVariable],
    warnings: &mut Vec<Warning>,
) -> String {
    let Some(server) = doc.openapi.servers.get(chosen) else {
        warnings.push(Warning {
            pointer: "/servers".to_owned(),
            message: "no server URL: clients must set `server_url`".to_owned(),
        });
        return String::new();
    };
    let mut url = server.url.clone();
    for variable in variables {
        url = url.replace(&format!("{{{}}}", variable.wire_name), &variable.default);
    }
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        warnings.push(Warning {
            pointer: format!("/servers/{chosen}/url"),
            message: format!(
                "`{url}` is not an absolute http(s) URL: clients must set `server_url`"
            ),
        });
    }
    url.trim_end_matches('/').to_owned()
}
