//! The intermediate model: what the SDK is, independent of OpenAPI and of Rust syntax.
//!
//! Lowering produces it and decides every Rust name in it; emitting only reads it.
//! It is plain data so that tests can snapshot it and people can read it.

mod operations;
mod types;

use serde::Serialize;

pub use operations::*;
pub use types::*;

/// A whole SDK crate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// Cargo package name, e.g. `apideck-vault`.
    pub crate_name: String,
    /// Crate version written to `Cargo.toml`.
    pub crate_version: String,
    /// The runtime crate's directory, relative to this crate's.
    pub runtime_path: String,
    /// Package metadata and dependencies from the configuration.
    pub package: Package,
    /// The document's `info.title`.
    pub title: String,
    /// The document's `info.version`.
    pub api_version: String,
    /// The document's `info.description`.
    pub description: Option<String>,
    /// The client type and its settings.
    pub client: Client,
    /// Operation groups, in the order they first appear in the document.
    pub resources: Vec<Resource>,
    /// Every named model type, in a stable order.
    pub types: Vec<TypeDef>,
    /// Variants of the crate's `Error` enum for documented error statuses.
    pub errors: Vec<ErrorVariant>,
    /// The fields that every documented error body shares, when they share any.
    pub error_details: Option<ErrorDetails>,
    /// The requests the API sends to its users (3.1 `webhooks`), in document order.
    pub webhooks: Vec<Webhook>,
}

/// What `Cargo.toml` says beyond the name and version.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Package {
    /// `description`; from the title otherwise.
    pub description: Option<String>,
    /// `license`; MIT otherwise.
    pub license: Option<String>,
    /// `repository`.
    pub repository: Option<String>,
    /// `authors`.
    pub authors: Vec<String>,
    /// A published runtime version to depend on, instead of the path.
    pub runtime_version: Option<String>,
    /// The TLS backend on by default: `rustls` or `native-tls`.
    pub tls: String,
    /// Models only: no client, no runtime dependency.
    pub types_only: bool,
}

/// A webhook: a request the API sends, decoded into a typed event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Webhook {
    /// Its name in the document, which callers pass to `Webhook::parse`.
    pub name: String,
    /// Its variant of the crate's `Webhook` enum.
    pub variant: String,
    /// What its body decodes into; `None` when it has none.
    pub ty: Option<TypeRef>,
    /// Documentation.
    pub doc: Option<String>,
}

/// A borrowed view of the fields common to every error model, so a caller can
/// read them without matching on the variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorDetails {
    /// Rust name of the view type, e.g. `ErrorDetails`.
    pub name: String,
    /// The shared fields, in the first model's order.
    pub fields: Vec<Field>,
}

/// The entry point type users construct, e.g. `Vault`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Client {
    /// Rust name of the client type.
    pub name: String,
    /// Rust name of its builder.
    pub builder_name: String,
    /// The first server URL of the document.
    pub default_server: String,
    /// Every server the document lists.
    pub servers: Vec<Server>,
    /// The variables of the servers' URL templates.
    pub server_variables: Vec<ServerVariable>,
    /// Values set once on the client: credentials and global header parameters.
    pub settings: Vec<Setting>,
}

/// One entry of the document's `servers`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Server {
    /// Its variant of the client's `Server` enum, from its description.
    pub name: String,
    /// Its URL template (`https://{region}.api.example.com`).
    pub url: String,
    /// Its description.
    pub description: Option<String>,
}

/// A variable of a server URL template, set on the client builder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerVariable {
    /// Its name in the template.
    pub wire_name: String,
    /// The builder setter (`server_region`).
    pub rust_name: String,
    /// Its value unless set.
    pub default: String,
    /// `String`, or the enum of the values the document lists.
    pub ty: TypeRef,
    /// Documentation.
    pub doc: Option<String>,
}

/// A value configured on the client, sent as a header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setting {
    /// Rust name of the builder setter and field, e.g. `api_key`.
    pub name: String,
    /// Where the value travels.
    pub place: Place,
    /// The header (lower case), query parameter or cookie that carries it.
    pub wire_name: String,
    /// Text sent before the value, e.g. `Bearer `.
    pub prefix: String,
    /// How the user supplies the value.
    pub auth: Auth,
    /// Whether this is a security scheme (sent as a credential).
    pub credential: bool,
    /// Whether the value must be hidden from debug output and logs.
    pub secret: bool,
    /// Whether the client cannot be built without it.
    pub required: bool,
    /// Documentation for the setter.
    pub doc: Option<String>,
    /// Environment variable that conventionally holds it (`x-sdk-env`).
    pub env: Option<String>,
    /// An example value from the document, for documentation.
    pub example: Option<String>,
}

/// Where a setting's value travels on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Place {
    /// A header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// How a credential's value is supplied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Auth {
    /// One value, as is (an API key, a bearer token, a global parameter).
    Value,
    /// HTTP basic: a user name and a password, sent encoded after `Basic `.
    Basic,
    /// An OAuth 2.0 bearer token, set directly or by a provider; with the
    /// client credentials flow, also fetched from `token_url` by the SDK.
    OAuth2 {
        /// The client credentials flow's token endpoint, when the document has one.
        token_url: Option<String>,
        /// The flow's scopes, sorted.
        scopes: Vec<String>,
    },
}

/// A group of operations, reached as `client.<accessor>()`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resource {
    /// Method name on the client, e.g. `connections`.
    pub accessor: String,
    /// Rust type name, e.g. `Connections`.
    pub type_name: String,
    /// Module name under `resources`.
    pub module: String,
    /// The cargo feature that compiles it (and the models only it reaches).
    pub feature: String,
    /// The operations, in document order.
    pub operations: Vec<Operation>,
}
