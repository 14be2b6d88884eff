//! Credentials: a fixed secret, or one fetched (and rotated) by user code.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use http::header::{HeaderName, HeaderValue, COOKIE};

use super::client::check_header_value;
use super::error::{ConfigError, CredentialError, Failure};
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

/// A credential checked when the client is built, ready to be sent.
pub(crate) struct ReadyCredential {
    pub(crate) name: &'static str,
    pub(crate) place: CredentialPlace,
    /// The header it fills: its own, `Cookie`, or none for a query parameter.
    pub(crate) header: Option<HeaderName>,
    /// The query parameter or cookie name.
    pub(crate) wire_name: &'static str,
    prefix: &'static str,
    value: CredentialValue,
    secret: bool,
}

impl ReadyCredential {
    /// The value with its prefix, from the fixed value or the provider.
    pub(crate) async fn raw_value(&self) -> Result<Secret, Failure> {
        let secret = match &self.value {
            CredentialValue::Fixed(secret) => secret.clone(),
            CredentialValue::Provider(provider) => provider
                .key()
                .await
                .map_err(|reason| Failure::Credentials(CredentialError::new(self.name, reason)))?,
        };
        Ok(Secret::new(format!("{}{}", self.prefix, secret.expose())))
    }

    /// The header value: the credential, or `name=value` for a cookie.
    pub(crate) async fn header_value(&self) -> Result<HeaderValue, Failure> {
        let secret = self.raw_value().await?;
        let text = match self.place {
            CredentialPlace::Cookie => format!("{}={}", self.wire_name, secret.expose()),
            _ => secret.expose().to_owned(),
        };
        let mut value = HeaderValue::from_str(&text).map_err(|_| {
            Failure::Credentials(CredentialError::new(
                self.name,
                "the value contains characters not allowed in a header",
            ))
        })?;
        value.set_sensitive(self.secret);
        Ok(value)
    }
}

/// Checks a configured credential: its header name, and a fixed value that is
/// empty or could not be sent in a header.
pub(crate) fn ready_credential(credential: Credential) -> Result<ReadyCredential, ConfigError> {
    let header = match credential.place {
        CredentialPlace::Header => Some(
            HeaderName::from_bytes(credential.wire_name.as_bytes()).map_err(|_| {
                ConfigError::new(format!(
                    "`{}` is not a valid header name",
                    credential.wire_name
                ))
            })?,
        ),
        CredentialPlace::Cookie => Some(COOKIE),
        CredentialPlace::Query => None,
    };
    if let CredentialValue::Fixed(secret) = &credential.value {
        if secret.expose().trim().is_empty() {
            return Err(ConfigError::new(format!(
                "`{}` must not be empty",
                credential.name
            )));
        }
        check_header_value(
            credential.name,
            &format!("{}{}", credential.prefix, secret.expose()),
        )?;
    }
    Ok(ReadyCredential {
        name: credential.name,
        place: credential.place,
        header,
        wire_name: credential.wire_name,
        prefix: credential.prefix,
        value: credential.value,
        secret: credential.secret,
    })
}
