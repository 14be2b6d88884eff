//! The intermediate model: what the SDK is, independent of OpenAPI and of Rust syntax.
//!
//! Lowering produces it and decides every Rust name in it; emitting only reads it.
//! It is plain data so that tests can snapshot it and people can read it.

use serde::Serialize;

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

/// One API operation and the builder that sends it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// The document's `operationId`.
    pub operation_id: String,
    /// Method name on the resource, e.g. `list`.
    pub method_name: String,
    /// Rust name of the request builder type.
    pub builder_name: String,
    /// HTTP method, upper case.
    pub http_method: String,
    /// The path template as written in the document.
    pub path_template: String,
    /// The path split into fixed text and parameters.
    pub path: Vec<PathPart>,
    /// The `summary`.
    pub summary: Option<String>,
    /// The `description`.
    pub description: Option<String>,
    /// Whether the operation is deprecated.
    pub deprecated: bool,
    /// Parameters: required path parameters first in path order, then the rest.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// Names of the client credentials this operation sends.
    pub credentials: Vec<String>,
    /// What a successful response decodes into.
    pub success: Success,
    /// Documented error statuses.
    pub error_statuses: Vec<ErrorStatus>,
    /// How to walk pages, for operations that return one page of a list.
    pub pagination: Option<Pagination>,
    /// The header the operation documents for an idempotency key
    /// (`Idempotency-Key`), which the SDK fills for each call.
    pub idempotency_header: Option<String>,
    /// The server-sent events a success answer can be read as.
    pub events: Option<Events>,
    /// The server the operation (or its path) names for itself, which
    /// replaces the client's unless the client was given a server URL.
    pub server: Option<String>,
}

/// How a list operation's pages are walked: what asks for the next page, where
/// a page keeps its items, and what says the listing is over.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pagination {
    /// What asks for the next page.
    pub style: PageStyle,
    /// Rust field names from the page down to its items; empty when the page
    /// is the list itself.
    pub items: Vec<String>,
    /// The item type.
    pub item: TypeRef,
    /// Rust field names from the page down to a flag that is `false` on the
    /// last page (`has_more`), if the page has one.
    pub has_more: Option<Vec<String>>,
    /// One sentence for the generated docs: how the listing pages, in the
    /// document's own names.
    pub doc: String,
    /// For an operation whose success statuses carry different types, the
    /// variant of its answer enum that holds a page; any other answer ends the
    /// listing with an error.
    pub variant: Option<String>,
}

/// What asks for the next page. Parameters are named by their Rust names;
/// paths into the page are Rust field names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PageStyle {
    /// The page names the next cursor (a string at `next`), which the next
    /// request sends in the parameter `param`.
    Cursor {
        /// The cursor parameter.
        param: String,
        /// Where the page keeps the next cursor.
        next: Vec<String>,
    },
    /// The last item's `id` (a string field of the item) is sent in `param`
    /// (`after`, `starting_after`); a page shorter than `limit` is the last.
    AfterLast {
        /// The parameter that takes the last item's id.
        param: String,
        /// The item's id field.
        id: String,
        /// The page size parameter, if any.
        limit: Option<String>,
    },
    /// Numbered pages: `param` counts up from `first`; a page that is empty,
    /// shorter than `size`, or number `total_pages` is the last.
    Page {
        /// The page number parameter.
        param: String,
        /// The number of the first page (0 or 1).
        first: i64,
        /// The page size parameter, if any.
        size: Option<String>,
        /// Where the page keeps the number of pages, if it does.
        total_pages: Option<Vec<String>>,
    },
    /// `param` skips that many items and advances by the items received; a
    /// page that is empty, shorter than `limit`, or reaches `total` is the last.
    Offset {
        /// The offset parameter.
        param: String,
        /// The page size parameter, if any.
        limit: Option<String>,
        /// Where the page keeps the number of items in the listing, if it does.
        total: Option<Vec<String>>,
    },
    /// The response's `Link: <…>; rel="next"` header (RFC 8288) is the next
    /// page's URL.
    LinkHeader,
    /// The page holds the next page's URL (a string at `next`).
    NextUrl {
        /// Where the page keeps the URL.
        next: Vec<String>,
    },
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PathPart {
    /// Fixed text, sent as written.
    Literal(String),
    /// A path parameter, by its Rust name.
    Param(String),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
    /// A cookie (sent as a `Cookie` header).
    Cookie,
}

/// How a query parameter is serialized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum QueryStyle {
    /// `style: form`.
    Form {
        /// `explode`.
        explode: bool,
    },
    /// `style: spaceDelimited`.
    SpaceDelimited,
    /// `style: pipeDelimited`.
    PipeDelimited,
    /// `style: deepObject`.
    DeepObject,
}

/// One operation parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    /// The name on the wire.
    pub wire_name: String,
    /// The Rust name of the setter or argument.
    pub rust_name: String,
    /// Where it is sent.
    pub location: ParamLocation,
    /// Whether the operation requires it.
    pub required: bool,
    /// Its type.
    pub ty: TypeRef,
    /// Query serialization (query parameters only).
    pub style: QueryStyle,
    /// Documentation.
    pub doc: Option<String>,
    /// The client setting that provides its default, if any.
    pub global: Option<String>,
    /// An example value from the document, for documentation.
    pub example: Option<serde_json::Value>,
    /// Sent as JSON text (`content: application/json` instead of `schema`).
    pub json: bool,
    /// Holds a secret: redacted in `Debug` output and, in a header, marked sensitive.
    pub sensitive: bool,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Body {
    /// The media type sent.
    pub media_type: String,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// Its type.
    pub ty: TypeRef,
    /// The schema admits only `{}`: the SDK sends it, with no argument or setter.
    pub empty: bool,
    /// Whether the operation requires it.
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// An example of it: the document's (the media type's `example`, else
    /// its first `examples` entry, else its schema's), else for a text or
    /// raw-byte body one its schema implies (base64 text for `format: byte`).
    pub example: Option<serde_json::Value>,
    /// For a multipart body, the form's fields as the document lists them.
    pub parts: Vec<FormPart>,
}

/// An operation's answer as a stream of values: server-sent events
/// (`text/event-stream`) or JSON values one per line (NDJSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Events {
    /// How the values are put on the wire.
    pub format: StreamFormat,
    /// The media type asked for (`Accept`).
    pub media_type: String,
    /// How one value (an event's `data`, a line) is read.
    pub data: EventData,
    /// A boolean body property that asks for the stream (`stream`), set to
    /// `true` by `stream()`.
    pub flag: Option<String>,
}

/// How one streamed value is read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum EventData {
    /// JSON, decoded as this type: the media type's `itemSchema` (OpenAPI
    /// 3.2) when it has one, else its `schema` (the item type where that
    /// describes a list of them). For events described whole (3.2), the
    /// type of their `data`.
    Json(TypeRef),
    /// Text, as sent (an event whose `data` is documented as a string).
    Text,
    /// Events whose `data` type depends on their `event` name, as the
    /// document fixes it for each.
    ByName(EventEnum),
}

/// The per-operation enum of the events a stream may carry, by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventEnum {
    /// The enum's name (in the resource module, beside the builder).
    pub name: String,
    /// One variant per event name; events of other names are `Other`.
    pub variants: Vec<NamedEvent>,
}

/// One event name and the type of its `data`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedEvent {
    /// The `event` name on the wire.
    pub event: String,
    /// The variant's name.
    pub name: String,
    /// The type its `data` decodes as; `None` for text.
    pub data: Option<TypeRef>,
    /// From the member's description.
    pub doc: Option<String>,
}

/// How a stream of values is put on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StreamFormat {
    /// `text/event-stream`.
    ServerSentEvents,
    /// NDJSON, JSON Lines or JSON text sequences.
    JsonLines,
}

/// One field of a multipart form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormPart {
    /// The field's name.
    pub name: String,
    /// A file (`format: binary`) rather than text.
    pub file: bool,
    /// Whether the form must have it.
    pub required: bool,
    /// An example text value: the schema's own, else one it implies.
    pub example: Option<String>,
}

/// How a body is put on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BodyEncoding {
    /// Serialized with serde_json.
    Json,
    /// `multipart/form-data`, built with the runtime's `Multipart`.
    Multipart,
    /// `application/x-www-form-urlencoded`, from a model.
    Form,
    /// Text (`text/*`), sent as given.
    Text,
    /// Sent as given bytes.
    Bytes,
    /// A list of values, each serialized with serde_json on a line of its
    /// own (NDJSON, JSON Lines).
    JsonLines,
}

/// What a successful call returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Success {
    /// The 2xx statuses documented.
    pub statuses: Vec<u16>,
    /// The decoded type; `None` means the body is ignored and `()` returned.
    pub ty: Option<TypeRef>,
    /// Documented 2xx statuses without a body while others have one: the call
    /// then returns `Option<T>`, `None` for these.
    pub empty_statuses: Vec<u16>,
    /// When 2xx statuses carry different types: the enum the call returns,
    /// one variant per status (`ty` is then `None`).
    pub by_status: Option<SuccessEnum>,
}

/// The per-operation answer of an operation whose success statuses carry
/// different types, declared in its resource's module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuccessEnum {
    /// Type name, e.g. `ReposCreateResponse`.
    pub name: String,
    /// One per documented status, in status order.
    pub variants: Vec<SuccessVariant>,
}

/// One status of a [`SuccessEnum`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuccessVariant {
    /// Variant name, e.g. `Accepted`.
    pub name: String,
    /// The status it stands for.
    pub status: u16,
    /// What its body decodes into; `None` for a body-less status.
    pub ty: Option<TypeRef>,
    /// Boxed because the body is much larger than the other variants'.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub boxed: bool,
}

/// Which error responses an `Error` variant stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum ErrorStatus {
    /// One status, e.g. 404.
    Exact(u16),
    /// A documented range (`4XX` is `Range(4)`): its statuses without their own variant.
    Range(u16),
    /// The `default` response, and any status the document does not mention.
    Default,
}

/// A variant of the crate's `Error` enum for one documented status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorVariant {
    /// Variant name, e.g. `NotFound`.
    pub name: String,
    /// The statuses it stands for.
    pub status: ErrorStatus,
    /// The model its body decodes into; `None` keeps it as `serde_json::Value`.
    pub model: Option<TypeRef>,
    /// Documentation.
    pub doc: String,
}

/// A reference to a type, as a field, parameter or body uses it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// Any JSON number, kept exactly as sent (the runtime's `Number`).
    Number,
    /// An RFC 3339 timestamp (`format: date-time`).
    DateTime,
    /// A multipart form (the runtime's `Multipart`).
    Multipart,
    /// Any JSON value.
    Json,
    /// Raw bytes.
    Bytes,
    /// A named model type.
    Named(String),
    /// `Vec<T>`.
    List(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
}

/// A named model type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// Rust name.
    pub name: String,
    /// Module (file) under `models` that holds it.
    pub module: String,
    /// Where it was defined, as a JSON pointer into the document.
    pub origin: String,
    /// Documentation.
    pub doc: Option<String>,
    /// What it is.
    pub kind: TypeKind,
    /// The cargo features that compile its module.
    pub gate: Gate,
}

/// The cargo features under which a model module is compiled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Gate {
    /// Always: errors, webhooks or every resource reach it.
    Always,
    /// When any of these features is on: the resources that reach it, or
    /// only [`FULL_FEATURE`] for a type no operation reaches.
    AnyOf(Vec<String>),
}

/// The feature that turns on every resource; the crate's default.
pub const FULL_FEATURE: &str = "full";

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeKind {
    /// An object with known fields; unknown fields are kept in `extra`.
    Struct(Struct),
    /// A string enum that keeps unknown values.
    Enum(Enum),
    /// A `oneOf` whose variant is chosen by a discriminator property.
    Tagged(Tagged),
    /// A `oneOf`/`anyOf` decided by trying each variant in order.
    Untagged(Untagged),
    /// Another name for a type.
    Alias(TypeRef),
    /// A list or map that contains itself (`Tree = Vec<Tree>`): a tuple
    /// struct, since a Rust type alias cannot refer to itself. Serialized as
    /// the value it wraps.
    Newtype(TypeRef),
}

/// An object type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Struct {
    /// Known properties, in document order.
    pub fields: Vec<Field>,
    /// The map that keeps additional and unknown properties.
    pub extra: Extra,
    /// Whether every field is optional, so `Default` can be derived.
    pub default: bool,
    /// With more required fields than a constructor should take as arguments:
    /// the name of the plain struct of required fields that `new` takes instead.
    pub required_parts: Option<String>,
}

/// The catch-all map of a struct.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extra {
    /// Rust field name, usually `additional_properties`.
    pub rust_name: String,
    /// Value type; `Json` unless `additionalProperties` names a schema.
    pub value: TypeRef,
    /// The document says other keys are expected (`additionalProperties` is
    /// `true` or a schema), so the type converts from a plain map.
    pub open: bool,
}

/// One struct field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The property name on the wire.
    pub wire_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// The by-value setter, e.g. `with_metadata`.
    pub setter: String,
    /// Its type.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true`: an explicit `null` is kept apart from absence.
    pub nullable: bool,
    /// `readOnly: true`.
    pub read_only: bool,
    /// Holds a secret (see `lower::sensitive`): redacted in `Debug` output.
    pub sensitive: bool,
    /// Boxed to break a cycle of types.
    pub boxed: bool,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// An example value from the document, for documentation.
    pub example: Option<serde_json::Value>,
}

/// An enum of strings or of integers that keeps unknown values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enum {
    /// Known values.
    pub variants: Vec<EnumVariant>,
    /// The variant that keeps any other value.
    pub unknown_variant: String,
    /// The values are integers on the wire (their text is decimal).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub integer: bool,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumVariant {
    /// Rust variant name.
    pub name: String,
    /// The value on the wire (decimal text for an integer enum).
    pub value: String,
    /// What the document says the value means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// A discriminated union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tagged {
    /// The discriminator property.
    pub property: String,
    /// Variants by tag value.
    pub variants: Vec<TaggedVariant>,
    /// The variant that keeps values with an unknown tag.
    pub unknown_variant: String,
}

/// One variant of a discriminated union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaggedVariant {
    /// Rust variant name.
    pub name: String,
    /// Discriminator values that select it.
    pub tags: Vec<String>,
    /// Its payload type.
    pub ty: TypeRef,
    /// Boxed because the payload is large.
    pub boxed: bool,
}

/// An undiscriminated union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Untagged {
    /// Variants, in the order decoding tries them.
    pub variants: Vec<UntaggedVariant>,
}

/// One variant of an undiscriminated union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UntaggedVariant {
    /// Rust variant name.
    pub name: String,
    /// Its payload type.
    pub ty: TypeRef,
    /// Boxed because the payload is large.
    pub boxed: bool,
}
