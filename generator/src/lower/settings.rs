//! Security schemes and global parameters → client settings.

use openapiv3::{APIKeyLocation, SecurityScheme};
use serde_json::Value as Json;

use super::names::{snake, Namespace};
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::{Auth, Place, Setting};
use crate::load::Document;

/// The client builder's own methods, which settings must not take as names.
const BUILDER_METHODS: [&str; 16] = [
    "server",
    "server_url",
    "user_agent",
    "header",
    "http_client",
    "transport",
    "max_response_size",
    "retry",
    "timeout",
    "without_timeout",
    "hook",
    "trace_bodies",
    "build",
    "default",
    "clone",
    "fmt",
];

/// Client settings and which security scheme each credential came from.
#[derive(Debug)]
pub struct Settings {
    /// In declaration order: security schemes first, then global parameters.
    pub list: Vec<Setting>,
    /// Security scheme name → setting name.
    pub schemes: Vec<(String, String)>,
    /// `x-sdk-global` value → setting name.
    globals: Vec<(String, String)>,
    names: Namespace,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            list: Vec::new(),
            schemes: Vec::new(),
            globals: Vec::new(),
            names: Namespace::with_reserved(BUILDER_METHODS),
        }
    }
}

/// Reads a string extension such as `x-sdk-name`.
pub fn extension<'a>(
    extensions: &'a indexmap::IndexMap<String, Json>,
    key: &str,
) -> Option<&'a str> {
    extensions.get(key).and_then(Json::as_str)
}

impl Settings {
    /// One credential setting per supported security scheme.
    pub fn from_security_schemes(
        doc: &Document,
        warnings: &mut Vec<Warning>,
    ) -> Result<Self, Error> {
        let mut settings = Self::default();
        let Some(components) = &doc.openapi.components else {
            return Ok(settings);
        };
        for (scheme_name, scheme) in &components.security_schemes {
            let at = format!("/components/securitySchemes/{}", escape_token(scheme_name));
            let (scheme, _) = doc.resolve(scheme, &at)?;
            let (place, wire_name, default_prefix, auth, extensions) = match &scheme {
                SecurityScheme::APIKey {
                    location,
                    name,
                    extensions,
                    ..
                } => match location {
                    APIKeyLocation::Header => (
                        Place::Header,
                        name.to_ascii_lowercase(),
                        "",
                        Auth::Value,
                        extensions,
                    ),
                    APIKeyLocation::Query => {
                        (Place::Query, name.clone(), "", Auth::Value, extensions)
                    }
                    APIKeyLocation::Cookie => {
                        (Place::Cookie, name.clone(), "", Auth::Value, extensions)
                    }
                },
                SecurityScheme::HTTP {
                    scheme, extensions, ..
                } if scheme.eq_ignore_ascii_case("bearer") => (
                    Place::Header,
                    "authorization".to_owned(),
                    "Bearer ",
                    Auth::Value,
                    extensions,
                ),
                SecurityScheme::HTTP {
                    scheme, extensions, ..
                } if scheme.eq_ignore_ascii_case("basic") => (
                    Place::Header,
                    "authorization".to_owned(),
                    "Basic ",
                    Auth::Basic,
                    extensions,
                ),
                SecurityScheme::HTTP { scheme, .. } => {
                    warnings.push(Warning {
                        pointer: at,
                        message: format!(
                            "HTTP `{scheme}` authentication needs a challenge and response the SDK does not implement; operations that require only this scheme are sent without credentials"
                        ),
                    });
                    continue;
                }
                SecurityScheme::OAuth2 {
                    flows, extensions, ..
                } => {
                    let client_credentials = flows.client_credentials.as_ref();
                    let mut scopes: Vec<String> = client_credentials
                        .map(|flow| flow.scopes.keys().cloned().collect())
                        .unwrap_or_default();
                    scopes.sort();
                    let auth = Auth::OAuth2 {
                        token_url: client_credentials.map(|flow| flow.token_url.clone()),
                        scopes,
                    };
                    (
                        Place::Header,
                        "authorization".to_owned(),
                        "Bearer ",
                        auth,
                        extensions,
                    )
                }
                SecurityScheme::OpenIDConnect { extensions, .. } => (
                    Place::Header,
                    "authorization".to_owned(),
                    "Bearer ",
                    Auth::OAuth2 {
                        token_url: None,
                        scopes: Vec::new(),
                    },
                    extensions,
                ),
            };
            // Schemes whose names fold together (`key`, `Key`) are told apart by
            // the header they fill.
            let name = settings.names.claim_spelled(
                &[
                    extension(extensions, "x-sdk-name").map_or_else(|| snake(scheme_name), snake),
                    snake(&wire_name),
                ],
                scheme_name,
                snake,
            );
            let prefix = extension(extensions, "x-sdk-value-prefix")
                .unwrap_or(default_prefix)
                .to_owned();
            settings.schemes.push((scheme_name.clone(), name.clone()));
            settings.list.push(Setting {
                name,
                place,
                wire_name,
                prefix,
                auth,
                credential: true,
                secret: true,
                required: false,
                doc: scheme
                    .description()
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .map(str::to_owned),
                env: extension(extensions, "x-sdk-env").map(str::to_owned),
                example: None,
            });
        }
        Ok(settings)
    }

    /// The setting a global header parameter binds to, created on first use.
    pub fn bind_global(
        &mut self,
        name: &str,
        header: &str,
        doc: Option<&str>,
        example: Option<&Json>,
        env: Option<&str>,
    ) -> String {
        let key = snake(name);
        // A global named like a credential (e.g. `app_id`) is that credential's value.
        let name = match self.globals.iter().find(|(k, _)| *k == key) {
            Some((_, name)) => name.clone(),
            None if self.list.iter().any(|s| s.name == key && s.credential) => key.clone(),
            None => self
                .names
                .claim_spelled(&[key.clone(), format!("{key}_header")], name, snake),
        };
        if !self.globals.iter().any(|(k, _)| *k == key) {
            self.globals.push((key, name.clone()));
        }
        if let Some(existing) = self.list.iter_mut().find(|s| s.name == name) {
            if existing.example.is_none() {
                existing.example = example.and_then(Json::as_str).map(str::to_owned);
            }
            if existing.env.is_none() {
                existing.env = env.map(str::to_owned);
            }
        } else {
            self.list.push(Setting {
                name: name.clone(),
                place: Place::Header,
                wire_name: header.to_ascii_lowercase(),
                prefix: String::new(),
                auth: Auth::Value,
                credential: false,
                secret: false,
                required: false,
                doc: doc
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .map(str::to_owned),
                env: env.map(str::to_owned),
                example: example.and_then(Json::as_str).map(str::to_owned),
            });
        }
        name
    }

    /// The setting for a security scheme, if it is supported.
    pub fn for_scheme(&self, scheme: &str) -> Option<&str> {
        self.schemes
            .iter()
            .find(|(s, _)| s == scheme)
            .map(|(_, name)| name.as_str())
    }
}

/// Credentials the document names no variable for (`x-sdk-env`) are read
/// from `{CLIENT}_{SETTING}` (`TASK_BOARD_BEARER_AUTH`): prefixed with the
/// client's name, so two SDKs in one app do not read each other's keys.
/// HTTP basic credentials are a pair and have none.
pub fn default_env_vars(settings: &mut [Setting], client_name: &str) {
    use heck::ToShoutySnakeCase;
    for setting in settings {
        if setting.credential && setting.env.is_none() && setting.auth != Auth::Basic {
            setting.env = Some(format!(
                "{}_{}",
                client_name.to_shouty_snake_case(),
                setting.name.to_shouty_snake_case()
            ));
        }
    }
}

/// `SecurityScheme` has no shared accessor for its description.
trait Describe {
    fn description(&self) -> Option<&str>;
}

impl Describe for SecurityScheme {
    fn description(&self) -> Option<&str> {
        match self {
            SecurityScheme::APIKey { description, .. }
            | SecurityScheme::HTTP { description, .. }
            | SecurityScheme::OAuth2 { description, .. }
            | SecurityScheme::OpenIDConnect { description, .. } => description.as_deref(),
        }
    }
}
