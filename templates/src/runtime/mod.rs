//! Low-level HTTP runtime shared by every operation of this crate.
//!
//! Generated operation builders describe a request with [`Request`] and hand it to
//! [`Core::send`]; everything that does not depend on the API description (URL and
//! header encoding, credentials, retries, hooks, tracing, sending, decoding) lives
//! here, once.

mod client;
mod credentials;
mod datetime;
mod error;
mod hooks;
mod multipart;
pub mod nullable;
mod options;
mod paginate;
mod query;
mod request;
mod response;
mod retry;
mod secret;
pub mod tagged;

pub use client::{check_header_value, Core, CoreConfig, DEFAULT_TIMEOUT};
pub use credentials::{Credential, CredentialValue, KeyFuture, KeyProvider};
pub use datetime::{DateTime, InvalidDateTime};
pub use error::{
    ApiError, ConfigError, CredentialError, DecodeError, Failure, InvalidRequest, TimeoutError,
    TransportError,
};
pub use hooks::{after, before_request, Hook, HookContext};
pub use multipart::Multipart;
pub use options::CallOptions;
pub use paginate::paginate;
pub use query::QueryStyle;
pub use request::Request;
pub use response::{ApiResponse, Response};
pub use retry::{retry_after, Backoff, RetryConfig, DEFAULT_RETRY_STATUSES};
pub use secret::Secret;

/// Re-exported so generated code and users name one `Method` type.
pub use reqwest::Method;
