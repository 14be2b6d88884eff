//! Per-call settings that override the client's.

use std::time::Duration;

use super::retry::RetryConfig;

/// Overrides for one call; unset fields fall back to the client's settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallOptions {
    /// Retry policy for this call.
    pub retry: Option<RetryConfig>,
    /// Time limit for each attempt of this call.
    pub timeout: Option<Duration>,
    /// Server for this call, e.g. a regional endpoint.
    pub server_url: Option<String>,
    /// The largest response body this call reads, in bytes.
    pub max_response_size: Option<usize>,
    /// A page link (a `Link: rel="next"` target) to request instead of the
    /// call's own path and query, resolved against the call's URL and followed
    /// only within its origin.
    pub page_link: Option<String>,
}
