//! Headers and query parameters a caller adds to one call, beyond what the
//! operation documents (a `Prefer` header, a tracing id, a feature flag).

use std::fmt;

use super::redact::is_secret_name;

/// Extra headers and query parameters for one call, kept by every request
/// builder and checked when the call is sent. `Debug` hides the values of
/// secret-looking names (`authorization`, `x-api-key`, `token`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Extras {
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
}

impl Extras {
    /// Adds a header.
    pub fn header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// Adds a query parameter.
    pub fn query(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.query.push((name.into(), value.into()));
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.headers.is_empty() && self.query.is_empty()
    }
}

impl fmt::Debug for Extras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |pairs: &[(String, String)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(name, value)| {
                    let value = if is_secret_name(name) {
                        "[redacted]".to_owned()
                    } else {
                        value.clone()
                    };
                    (name.clone(), value)
                })
                .collect()
        };
        f.debug_struct("Extras")
            .field("headers", &shown(&self.headers))
            .field("query", &shown(&self.query))
            .finish()
    }
}

/// Headers the SDK or the HTTP stack sets: a caller's value would contradict
/// the body or the connection (request smuggling starts here).
pub(crate) const RESERVED_HEADERS: [&str; 11] = [
    "host",
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "upgrade",
    "te",
    "trailer",
    "proxy-connection",
    "expect",
];
