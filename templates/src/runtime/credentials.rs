//! Credentials: a fixed secret, or one fetched (and rotated) by user code.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::secret::Secret;

/// The future a [`KeyProvider`] returns.
pub type KeyFuture = Pin<Box<dyn Future<Output = Result<Secret, String>> + Send>>;

/// Supplies a credential each time a request is sent, e.g. from a vault that
/// rotates it. Any `Fn() -> impl Future<Output = Result<String, E>>` is one.
pub trait KeyProvider: Send + Sync + 'static {
    /// The current credential, or why it cannot be had.
    fn key(&self) -> KeyFuture;
}

impl<F, Fut, E> KeyProvider for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, E>> + Send + 'static,
    E: fmt::Display,
{
    fn key(&self) -> KeyFuture {
        let future = self();
        Box::pin(async move {
            future
                .await
                .map(Secret::new)
                .map_err(|error| error.to_string())
        })
    }
}

/// Where a credential's value comes from.
#[derive(Clone)]
pub enum CredentialValue {
    /// A value set once.
    Fixed(Secret),
    /// A value asked for on every attempt.
    Provider(Arc<dyn KeyProvider>),
}

impl fmt::Debug for CredentialValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialValue::Fixed(secret) => write!(f, "Fixed({secret:?})"),
            CredentialValue::Provider(_) => f.write_str("Provider"),
        }
    }
}

/// Where a credential travels on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialPlace {
    /// A header, e.g. `Authorization` or `X-Api-Key`.
    Header,
    /// A query parameter. It is added after hooks have seen the request, so
    /// hooks, traces and errors never show it.
    Query,
    /// A cookie, added to the `Cookie` header (which is always sensitive).
    Cookie,
}

/// The value of an HTTP basic credential (`user:password`, base64-encoded),
/// to send after `Basic `.
pub fn basic_credentials(username: &str, password: &str) -> Secret {
    use base64::Engine as _;
    Secret::new(base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}")))
}

/// A value the client sends on the operations that ask for it, e.g. an API
/// key (a security scheme of the API document).
#[derive(Debug, Clone)]
pub struct Credential {
    /// The name operations use to ask for it (see [`Request::credentials`](super::Request::credentials)).
    pub name: &'static str,
    /// Where it goes.
    pub place: CredentialPlace,
    /// The header, query parameter or cookie that carries it.
    pub wire_name: &'static str,
    /// Text placed before the value, such as `"Bearer "`.
    pub prefix: &'static str,
    /// The value, or where to get it.
    pub value: CredentialValue,
    /// Whether the value is secret; secret headers are marked sensitive.
    pub secret: bool,
}
