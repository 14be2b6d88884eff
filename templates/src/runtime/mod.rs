//! Low-level HTTP runtime shared by every operation of an SDK crate.
//!
//! Generated operation builders describe a request with [`Request`] and hand it to
//! [`Core::send`]; everything that does not depend on the API description (URL and
//! header encoding, credentials, retries, hooks, tracing, sending, decoding) lives
//! here, once. It is its own crate, which each SDK re-exports as `runtime`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod bounded;
mod client;
mod credentials;
mod datetime;
mod decode;
mod download;
mod error;
mod extra;
mod hooks;
mod lines;
mod link;
#[cfg(feature = "mock")]
mod mock;
mod multipart;
pub mod nullable;
mod number;
mod oauth2;
/// Plumbing for the generated models' `Serialize` and `Deserialize` impls.
#[doc(hidden)]
pub mod object;
mod options;
mod paginate;
mod preview;
mod query;
pub mod redact;
mod redirect;
mod request;
mod response;
mod retry;
mod secret;
mod signature;
mod sse;
mod streaming;
pub mod tagged;
mod transport;
mod unknown;
pub mod untagged;
mod upload;

pub use bounded::{bounded, MAX_ERROR_TEXT};
pub use client::{check_header_value, join_url, Core, CoreConfig, DEFAULT_TIMEOUT};
pub use credentials::{
    basic_credentials, Credential, CredentialPlace, CredentialValue, KeyFuture, KeyProvider,
};
pub use datetime::{DateTime, InvalidDateTime};
pub use decode::{decode_json, DataError};
pub use download::ByteStream;
pub use error::{
    ApiError, ConfigError, CredentialError, DecodeError, Failure, InvalidRequest, ResponseTooLarge,
};
pub use extra::Extras;
pub use hooks::{after, before_request, Hook, HookContext};
pub use lines::JsonLines;
pub use link::next_link;
#[cfg(feature = "mock")]
pub use mock::{Expect, MockTransport, RecordedCall, Route};
pub use multipart::Multipart;
pub use nullable::{Nullable, NullableField};
pub use number::{NotFinite, Number};
pub use oauth2::{ClientCredentials, DEFAULT_TOKEN_LIFETIME};
pub use options::CallOptions;
pub use paginate::{
    last_page, offset_reached, page_items, pages, short_page, PaginationError, Step, Truncation,
    MAX_EMPTY_PAGES,
};
pub use query::QueryStyle;
pub use redact::{is_secret_name, Redacted, RedactedBody, RedactedJson};
pub use redirect::{RedirectError, RedirectRefusal, MAX_REDIRECTS};
pub use request::Request;
pub use response::{ApiResponse, Response};
pub use retry::{
    next_delay, retry_after, Backoff, RetryConfig, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_STATUSES,
};
pub use secret::Secret;
pub use signature::{verify_hmac_sha256, SignatureError, StandardWebhook, DEFAULT_TOLERANCE};
pub use sse::{text_data, DataDecoder, Event, EventStream, DONE};
pub use streaming::Streamed;
pub use transport::{
    Body, HttpClientConfig, HttpRequest, HttpTransport, SharedTransport, StreamingFuture,
    StreamingResponse, TimeoutError, Transport, TransportError, TransportFuture,
    DEFAULT_MAX_RESPONSE_SIZE, POOL_IDLE_TIMEOUT,
};
pub use unknown::{
    known_integer, open_enum, open_integer_enum, InvalidEnumValue, UnknownInteger, UnknownValue,
};
pub use upload::{Lines, OneShot, Upload};

/// Re-exported so generated code and users name one `Method` type.
pub use http::{HeaderMap, HeaderName, HeaderValue, Method};

/// The reqwest this runtime sends with, for the one place its types are part
/// of the API: `http_client(|builder| ..)`, which configures its client
/// (proxies, TLS roots, pools). Use it rather than a reqwest of your own,
/// whose types would not match when its major version differs.
pub use reqwest;
