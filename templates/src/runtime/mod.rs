//! Low-level HTTP runtime shared by every operation of this crate.
//!
//! Generated operation builders describe a request with [`Request`] and hand it to
//! [`Core::send`]; everything that does not depend on the API description (URL and
//! header encoding, credentials, sending, decoding) lives here, once.

mod client;
mod datetime;
mod error;
pub mod nullable;
mod paginate;
mod query;
mod request;
mod response;
mod secret;
pub mod tagged;

pub use client::{check_header_value, Core, CoreConfig, Credential};
pub use datetime::{DateTime, InvalidDateTime};
pub use error::{
    ApiError, ConfigError, DecodeError, Failure, InvalidRequest, TimeoutError, TransportError,
};
pub use paginate::paginate;
pub use query::QueryStyle;
pub use request::Request;
pub use response::{ApiResponse, Response};
pub use secret::Secret;

/// Re-exported so generated code and users name one `Method` type.
pub use reqwest::Method;
