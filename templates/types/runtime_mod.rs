//! The few types the models use: dates, numbers, nullable fields, unknown
//! enum values, and the redaction their `Debug` applies. No HTTP client.

mod bounded;
mod datetime;
pub mod nullable;
mod number;
/// Plumbing for the models' `Serialize` and `Deserialize` impls.
#[doc(hidden)]
pub mod object;
pub mod redact;
pub mod tagged;
mod unknown;
pub mod untagged;

pub use bounded::{bounded, MAX_ERROR_TEXT};
pub use datetime::{DateTime, InvalidDateTime};
pub use nullable::{Nullable, NullableField};
pub use number::{NotFinite, Number};
pub use redact::{is_secret_name, Redacted, RedactedBody, RedactedJson};
pub use unknown::{
    known_integer, open_enum, open_integer_enum, InvalidEnumValue, UnknownInteger, UnknownValue,
};
