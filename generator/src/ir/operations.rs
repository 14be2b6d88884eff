//! Operations: their parameters, bodies, answers, events and pagination.

use serde::Serialize;

use super::TypeRef;

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
