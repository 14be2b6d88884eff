//! Security schemes and global parameters → client settings.

use openapiv3::{APIKeyLocation, SecurityScheme};
use serde_json::Value as Json;

use super::names::{snake, Namespace};
use crate::diagnostics::{escape_token, Error, Warning};
use crate::ir::Setting;
use crate::load::Document;

/// The client builder's own methods, which settings must not take as names.
const BUILDER_METHODS: [&str; 15] = [
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
            let (header, default_prefix, extensions) = match &scheme {
                SecurityScheme::APIKey {
                    location: APIKeyLocation::Header,
                    name,
                    extensions,
                    ..
                } => (name.to_ascii_lowercase(), "", extensions),
                SecurityScheme::HTTP {
                    scheme, extensions, ..
                } if scheme.eq_ignore_ascii_case("bearer") => {
                    ("authorization".to_owned(), "Bearer ", extensions)
                }
                SecurityScheme::OAuth2 { extensions, .. }
                | SecurityScheme::OpenIDConnect { extensions, .. } => {
                    ("authorization".to_owned(), "Bearer ", extensions)
                }
                _ => {
                    warnings.push(Warning {
                        pointer: at,
                        message: "only header API keys and bearer tokens are supported; this scheme is not sent".to_owned(),
                    });
                    continue;
                }
            };
            // Schemes whose names fold together (`key`, `Key`) are told apart by
            // the header they fill.
            let name = settings.names.claim_spelled(
                &[
                    extension(extensions, "x-sdk-name").map_or_else(|| snake(scheme_name), snake),
                    snake(&header),
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
                header,
                prefix,
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
                header: header.to_ascii_lowercase(),
                prefix: String::new(),
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
