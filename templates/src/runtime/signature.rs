//! Checking that a webhook came from the API: Standard Webhooks signatures
//! (<https://www.standardwebhooks.com>) and a plain HMAC-SHA256 of the body,
//! both compared in constant time (`hmac`'s `verify_slice`).

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use http::header::HeaderMap;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// How far a webhook's timestamp may be from now, either way, unless set
/// otherwise: five minutes, as Standard Webhooks recommends.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Why a webhook's signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// A header the scheme needs is absent (or not text).
    Missing(&'static str),
    /// A value cannot be read: a timestamp that is not a number, a secret
    /// or signature that is not base64 or hex.
    Malformed(&'static str),
    /// The timestamp is further from now than the tolerance: a replay, or a
    /// clock far off.
    Stale,
    /// No signature matches: another secret, or a changed body.
    Mismatch,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(what) => write!(f, "the webhook has no `{what}`"),
            Self::Malformed(what) => write!(f, "the webhook's `{what}` cannot be read"),
            Self::Stale => f.write_str("the webhook's timestamp is outside the tolerance"),
            Self::Mismatch => f.write_str("no webhook signature matches"),
        }
    }
}

impl std::error::Error for SignatureError {}

/// Verifies webhooks signed the Standard Webhooks way: the headers
/// `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`
/// (space-separated `v1,<base64>` entries, any of which may match), each an
/// HMAC-SHA256 of `{id}.{timestamp}.{body}` under the endpoint's secret.
///
/// ```
/// # use templates::runtime::StandardWebhook;
/// let verifier = StandardWebhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
/// let body = br#"{"test": 2432232314}"#;
/// let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1614265330);
/// verifier
///     .verify_at(
///         "msg_p5jXN8AQM9LWM0D4loKWxJek",
///         "1614265330",
///         "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
///         body,
///         at,
///     )
///     .unwrap();
/// ```
#[derive(Clone)]
pub struct StandardWebhook {
    key: Vec<u8>,
    tolerance: Duration,
}

impl fmt::Debug for StandardWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandardWebhook")
            .field("key", &"[redacted]")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl StandardWebhook {
    /// A verifier for the endpoint secret `secret`, as the API shows it
    /// (`whsec_` and base64); the tolerance is [`DEFAULT_TOLERANCE`].
    pub fn new(secret: &str) -> Result<Self, SignatureError> {
        let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
        let key = STANDARD
            .decode(encoded.trim())
            .map_err(|_| SignatureError::Malformed("secret"))?;
        Ok(Self {
            key,
            tolerance: DEFAULT_TOLERANCE,
        })
    }

    /// Accepts timestamps at most `tolerance` from now.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Verifies a webhook from its headers and raw body, against the clock.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), SignatureError> {
        let header = |name: &'static str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .ok_or(SignatureError::Missing(name))
        };
        self.verify_at(
            header("webhook-id")?,
            header("webhook-timestamp")?,
            header("webhook-signature")?,
            body,
            SystemTime::now(),
        )
    }

    /// Verifies a webhook from the three header values and the raw body, as
    /// if it arrived at `now`.
    pub fn verify_at(
        &self,
        id: &str,
        timestamp: &str,
        signatures: &str,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), SignatureError> {
        let seconds: u64 = timestamp
            .trim()
            .parse()
            .map_err(|_| SignatureError::Malformed("webhook-timestamp"))?;
        let sent = UNIX_EPOCH
            .checked_add(Duration::from_secs(seconds))
            .ok_or(SignatureError::Malformed("webhook-timestamp"))?;
        let apart = now
            .duration_since(sent)
            .or_else(|_| sent.duration_since(now))
            .unwrap_or(Duration::MAX);
        if apart > self.tolerance {
            return Err(SignatureError::Stale);
        }
        let signed = self.mac(id, timestamp.trim(), body);
        let matches = signatures
            .split_whitespace()
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|encoded| STANDARD.decode(encoded).ok())
            .any(|candidate| signed.clone().verify_slice(&candidate).is_ok());
        if matches {
            Ok(())
        } else {
            Err(SignatureError::Mismatch)
        }
    }

    /// The `webhook-signature` value for a webhook: what a server sends, and
    /// what a test of a webhook handler needs.
    pub fn sign(&self, id: &str, timestamp: u64, body: &[u8]) -> String {
        let tag = self
            .mac(id, &timestamp.to_string(), body)
            .finalize()
            .into_bytes();
        format!("v1,{}", STANDARD.encode(tag))
    }

    fn mac(&self, id: &str, timestamp: &str, body: &[u8]) -> HmacSha256 {
        // HMAC takes a key of any length.
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }
}

/// Verifies an HMAC-SHA256 of the raw `body` under `secret`, as many APIs
/// sign webhooks (GitHub's `X-Hub-Signature-256: sha256=<hex>`): `signature`
/// in hex or base64, with or without a `sha256=` prefix, compared in
/// constant time.
///
/// ```
/// # use templates::runtime::verify_hmac_sha256;
/// verify_hmac_sha256(
///     b"It's a Secret to Everybody",
///     b"Hello, World!",
///     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
/// )
/// .unwrap();
/// ```
pub fn verify_hmac_sha256(
    secret: &[u8],
    body: &[u8],
    signature: &str,
) -> Result<(), SignatureError> {
    let text = signature.trim();
    let text = text.strip_prefix("sha256=").unwrap_or(text);
    let expected = decode_hex(text)
        .or_else(|| STANDARD.decode(text).ok())
        .ok_or(SignatureError::Malformed("signature"))?;
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(body);
    mac.verify_slice(&expected)
        .map_err(|_| SignatureError::Mismatch)
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&text[at..at + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The reference vector of the Standard Webhooks specification.
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: &str = "1614265330";
    const BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn the_reference_vector_verifies() {
        let verifier = StandardWebhook::new(SECRET).unwrap();
        assert_eq!(
            verifier.verify_at(ID, TIMESTAMP, SIGNATURE, BODY, at(1614265330)),
            Ok(())
        );
        assert_eq!(verifier.sign(ID, 1614265330, BODY), SIGNATURE);
    }

    #[test]
    fn another_secret_or_body_does_not() {
        let other = StandardWebhook::new("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").unwrap();
        assert_eq!(
            other.verify_at(ID, TIMESTAMP, SIGNATURE, BODY, at(1614265330)),
            Err(SignatureError::Mismatch)
        );
        let verifier = StandardWebhook::new(SECRET).unwrap();
        assert_eq!(
            verifier.verify_at(ID, TIMESTAMP, SIGNATURE, br#"{"test": 1}"#, at(1614265330)),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verifier.verify_at("msg_other", TIMESTAMP, SIGNATURE, BODY, at(1614265330)),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn a_timestamp_outside_the_tolerance_is_stale_either_way() {
        let verifier = StandardWebhook::new(SECRET).unwrap();
        let sent = 1614265330;
        assert_eq!(
            verifier.verify_at(ID, TIMESTAMP, SIGNATURE, BODY, at(sent + 300)),
            Ok(())
        );
        assert_eq!(
            verifier.verify_at(ID, TIMESTAMP, SIGNATURE, BODY, at(sent + 301)),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verifier.verify_at(ID, TIMESTAMP, SIGNATURE, BODY, at(sent - 301)),
            Err(SignatureError::Stale)
        );
        let lenient = verifier.tolerance(Duration::from_secs(3600));
        assert_eq!(
            lenient.verify_at(ID, TIMESTAMP, SIGNATURE, BODY, at(sent + 3000)),
            Ok(())
        );
        assert_eq!(
            StandardWebhook::new(SECRET)
                .unwrap()
                .verify_at(ID, "soon", SIGNATURE, BODY, at(sent)),
            Err(SignatureError::Malformed("webhook-timestamp"))
        );
    }

    #[test]
    fn any_of_several_signatures_may_match() {
        let verifier = StandardWebhook::new(SECRET).unwrap();
        let several = format!("v1,bm90IGl0 v2,ignored {SIGNATURE} v1,AAAA");
        assert_eq!(
            verifier.verify_at(ID, TIMESTAMP, &several, BODY, at(1614265330)),
            Ok(())
        );
        assert_eq!(
            verifier.verify_at(ID, TIMESTAMP, "v1,bm90IGl0 v1a,xyz", BODY, at(1614265330)),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn headers_are_read_and_named_when_missing() {
        let verifier = StandardWebhook::new(SECRET).unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("webhook-id", ID.parse().unwrap());
        assert_eq!(
            verifier.verify(&headers, BODY),
            Err(SignatureError::Missing("webhook-timestamp"))
        );
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        headers.insert("webhook-timestamp", now.to_string().parse().unwrap());
        headers.insert(
            "webhook-signature",
            verifier.sign(ID, now, BODY).parse().unwrap(),
        );
        assert_eq!(verifier.verify(&headers, BODY), Ok(()));
    }

    #[test]
    fn the_secret_never_shows() {
        let verifier = StandardWebhook::new(SECRET).unwrap();
        let text = format!("{verifier:?}");
        assert!(!text.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "{text}");
        assert_eq!(
            StandardWebhook::new("whsec_***").unwrap_err(),
            SignatureError::Malformed("secret")
        );
    }

    #[test]
    fn a_plain_hmac_of_the_body_verifies_in_hex_or_base64() {
        // GitHub's documented example.
        let secret = b"It's a Secret to Everybody";
        let hex = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assert_eq!(
            verify_hmac_sha256(secret, b"Hello, World!", &format!("sha256={hex}")),
            Ok(())
        );
        assert_eq!(verify_hmac_sha256(secret, b"Hello, World!", hex), Ok(()));
        let base64 = STANDARD.encode(decode_hex(hex).unwrap());
        assert_eq!(
            verify_hmac_sha256(secret, b"Hello, World!", &base64),
            Ok(())
        );
        assert_eq!(
            verify_hmac_sha256(secret, b"Hello, World?", hex),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_hmac_sha256(b"wrong", b"Hello, World!", hex),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_hmac_sha256(secret, b"Hello, World!", "sha256=zz"),
            Err(SignatureError::Malformed("signature"))
        );
    }
}
