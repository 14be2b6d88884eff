//! Keeping secrets out of `Debug` output.
//!
//! Generated models print fields the generator judged secret as [`Redacted`],
//! and free-form JSON through [`RedactedJson`], which applies the same rule to
//! object keys the API document never named.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::bounded::Bounded;

/// What `Debug` prints instead of a secret value.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Property names that are secrets whatever the document says (after
/// snake-casing: `accessToken` and `access-token` are `access_token`).
pub const SECRET_NAMES: [&str; 15] = [
    "access_token",
    "api_key",
    "apikey",
    "auth_token",
    "authorization",
    "bearer_token",
    "client_secret",
    "id_token",
    "passwd",
    "password",
    "private_key",
    "refresh_token",
    "secret",
    "session_token",
    "token",
];

/// Name endings that mark a secret (`webhook_secret`, `admin_password`, ...).
pub const SECRET_SUFFIXES: [&str; 6] = [
    "_api_key",
    "_apikey",
    "_password",
    "_private_key",
    "_secret",
    "_token",
];

/// Whether a property called `name` holds a secret, by [`SECRET_NAMES`] and
/// [`SECRET_SUFFIXES`]. The generator applies the same rule to the document.
pub fn is_secret_name(name: &str) -> bool {
    let snake = snake_case(name);
    SECRET_NAMES.contains(&snake.as_str())
        || SECRET_SUFFIXES.iter().any(|suffix| snake.ends_with(suffix))
}

/// `accessToken`, `Access-Token`, `ACCESS_TOKEN` all become `access_token`, and
/// `APIToken` becomes `api_token`: words split where the generator's `heck`
/// splits them (lower → upper, and before the last capital of a run of capitals
/// followed by a lower-case letter).
fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (index, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_uppercase() && index > 0 {
            let previous = chars[index - 1];
            let next_lower = chars.get(index + 1).is_some_and(|n| n.is_lowercase());
            let boundary = previous.is_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_uppercase() && next_lower);
            if boundary && !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.extend(c.to_lowercase());
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// Formats any serializable value as JSON `Debug` output, with the value of
/// every object key that [`is_secret_name`] redacted, at any depth.
pub struct RedactedJson<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> fmt::Debug for RedactedJson<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_value(self.0) {
            Ok(mut value) => {
                redact(&mut value);
                fmt::Debug::fmt(&value, f)
            }
            Err(_) => f.write_str("[unprintable]"),
        }
    }
}

/// Words that, anywhere in text that is not JSON, suggest it may carry a
/// secret (`access_token=…` in a form body, say).
const SECRET_HINTS: [&str; 8] = [
    "token",
    "secret",
    "passw",
    "api_key",
    "apikey",
    "private",
    "authorization",
    "bearer",
];

/// Whether text that is not JSON may carry a secret (see [`SECRET_HINTS`]).
pub(crate) fn may_hold_secret(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    SECRET_HINTS.iter().any(|hint| text.contains(hint))
}

/// A received body kept as JSON (an unknown webhook's, say) in `Debug` output:
/// secret-named keys redacted as by [`RedactedJson`]; a body that came as text,
/// not JSON, is shown only when nothing in it looks like a secret. At most
/// [`MAX_ERROR_TEXT`](super::MAX_ERROR_TEXT) bytes are shown: a body can
/// be large.
pub struct RedactedBody<'a>(pub &'a Value);

impl fmt::Debug for RedactedBody<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::String(text) if may_hold_secret(text) => {
                write!(f, "[not shown: may hold a secret] ({} bytes)", text.len())
            }
            value => fmt::Debug::fmt(&Bounded(&RedactedJson(value)), f),
        }
    }
}

/// Replaces, at any depth, the value of every key that [`is_secret_name`]
/// matches with `"[redacted]"` (nulls stay null).
pub fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if is_secret_name(key) && !value.is_null() {
                    *value = Value::String("[redacted]".to_owned());
                } else {
                    redact(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// The text values stored under secret-named keys anywhere in `value`, so
/// that messages quoting them can be scrubbed.
pub fn secret_texts(value: &Value) -> Vec<&str> {
    let mut found = Vec::new();
    collect(value, false, &mut found);
    found
}

fn collect<'a>(value: &'a Value, secret: bool, found: &mut Vec<&'a str>) {
    match value {
        Value::String(text) if secret => found.push(text),
        Value::Object(map) => map
            .iter()
            .for_each(|(key, value)| collect(value, secret || is_secret_name(key), found)),
        Value::Array(items) => items.iter().for_each(|item| collect(item, secret, found)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_name_rule() {
        for name in [
            "access_token",
            "accessToken",
            "Refresh-Token",
            "client_secret",
            "API_KEY",
            "apiKey",
            "password",
            "webhook_secret",
            "x-session-token",
            "private_key",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "token_type",
            "expires_in",
            "secretary",
            "name",
            "instance_url",
            "keys",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn json_keys_with_secret_names_are_redacted_at_any_depth() {
        let value = json!({
            "instance_url": "https://shown",
            "client_secret": "hidden-1",
            "nested": [{"password": "hidden-2", "refresh_token": null}],
        });
        let debug = format!("{:?}", RedactedJson(&value));
        assert!(
            !debug.contains("hidden-1") && !debug.contains("hidden-2"),
            "{debug}"
        );
        assert!(
            debug.contains("https://shown") && debug.contains("[redacted]"),
            "{debug}"
        );
        assert!(debug.contains("Null"), "null stays visible: {debug}");
        assert_eq!(format!("{Redacted:?}"), "[redacted]");
    }

    #[test]
    fn bodies_redact_secret_keys_and_hide_secretive_text() {
        let json = json!({"id": "shown-1", "access_token": "hidden-1"});
        let debug = format!("{:?}", RedactedBody(&json));
        assert!(
            debug.contains("shown-1") && !debug.contains("hidden-1"),
            "{debug}"
        );
        let form = Value::String("grant=x&ACCESS_TOKEN=hidden-2".to_owned());
        let debug = format!("{:?}", RedactedBody(&form));
        assert_eq!(debug, "[not shown: may hold a secret] (29 bytes)");
        let plain = Value::String("job j9 archived".to_owned());
        assert_eq!(
            format!("{:?}", RedactedBody(&plain)),
            r#"String("job j9 archived")"#
        );
    }

    #[test]
    fn body_text_with_credentials_is_hidden_and_long_bodies_are_bounded() {
        for text in ["Authorization: Basic aGlkZGVu", "bearer hidden-5"] {
            let debug = format!("{:?}", RedactedBody(&Value::String(text.to_owned())));
            assert!(debug.starts_with("[not shown"), "{debug}");
        }
        let long = json!({"items": vec!["x".repeat(100); 100]});
        let debug = format!("{:?}", RedactedBody(&long));
        assert!(
            debug.len() < 2 * super::super::bounded::MAX_ERROR_TEXT,
            "{} bytes",
            debug.len()
        );
    }

    #[test]
    fn secret_texts_are_found_under_secret_keys_only() {
        let value = json!({"a": "shown", "credentials": {"token": "t1"}, "api_key": {"x": "t2"}});
        assert_eq!(secret_texts(&value), ["t2", "t1"]);
    }
}
