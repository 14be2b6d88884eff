//! Bodies and decoded values in errors' and responses' `Debug`: bounded, so
//! a large body cannot flood a log, and redacted, so a secret in it is not
//! printed.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;

use bytes::Bytes;
use serde_json::Value;

use super::bounded::{bounded, Bounded, MAX_ERROR_TEXT};
use super::redact::{may_hold_secret, redact, RedactedBody, RedactedJson};

/// A body in `Debug` output: its size and the start of its text, with the
/// values of secret-named JSON keys redacted. A body that is not JSON is shown
/// only when nothing in it looks like a secret.
pub(crate) struct BodyPreview<'a>(pub(crate) &'a [u8]);

impl fmt::Debug for BodyPreview<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match serde_json::from_slice::<serde_json::Value>(self.0) {
            Ok(mut value) => {
                redact(&mut value);
                value.to_string()
            }
            Err(_) => {
                if may_hold_secret(&String::from_utf8_lossy(self.0)) {
                    return write!(f, "[not shown: may hold a secret] ({} bytes)", self.0.len());
                }
                let start = &self.0[..self.0.len().min(MAX_ERROR_TEXT + 4)];
                String::from_utf8_lossy(start).into_owned()
            }
        };
        write!(f, "{:?} ({} bytes)", bounded(&text), self.0.len())
    }
}

/// A decoded value of a type the runtime does not know (a success body, an
/// error model) in `Debug` output.
///
/// Free-form JSON (a value, or a list, map or option of values: the shapes
/// the generator gives an untyped body) is redacted as by [`RedactedBody`];
/// raw bytes and text are shown like a received body ([`BodyPreview`]); any
/// other type through its own `Debug`, cut to
/// [`MAX_ERROR_TEXT`](super::MAX_ERROR_TEXT) bytes, since generated
/// models redact their secret fields themselves. A type that holds free-form
/// JSON in some other shape is not shown at all: its `Debug` would know
/// nothing of secrets. The type is found by downcasting, so that generated
/// code needs no extra impls.
pub(crate) struct Preview<'a, T>(pub(crate) &'a T);

impl<T: fmt::Debug + 'static> fmt::Debug for Preview<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let any: &dyn Any = self.0;
        if let Some(json) = any.downcast_ref::<Value>() {
            return fmt::Debug::fmt(&RedactedBody(json), f);
        }
        if let Some(items) = any.downcast_ref::<Vec<Value>>() {
            return fmt::Debug::fmt(&Bounded(&RedactedJson(items)), f);
        }
        if let Some(map) = any.downcast_ref::<BTreeMap<String, Value>>() {
            return fmt::Debug::fmt(&Bounded(&RedactedJson(map)), f);
        }
        if let Some(json) = any.downcast_ref::<Option<Value>>() {
            return match json {
                Some(json) => f.debug_tuple("Some").field(&RedactedBody(json)).finish(),
                None => f.write_str("None"),
            };
        }
        if let Some(bytes) = any.downcast_ref::<Vec<u8>>() {
            return fmt::Debug::fmt(&BodyPreview(bytes), f);
        }
        if let Some(bytes) = any.downcast_ref::<Bytes>() {
            return fmt::Debug::fmt(&BodyPreview(bytes), f);
        }
        if let Some(text) = any.downcast_ref::<String>() {
            return fmt::Debug::fmt(&BodyPreview(text.as_bytes()), f);
        }
        if std::any::type_name::<T>().contains("serde_json::") {
            return write!(
                f,
                "[not shown: free-form JSON] ({})",
                std::any::type_name::<T>()
            );
        }
        fmt::Debug::fmt(&Bounded(self.0), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn previews_redact_free_form_json_in_any_shape_and_keep_other_debug() {
        let secret = json!({"token": "hidden-6", "id": "shown-6"});
        let shapes = [
            format!("{:?}", Preview(&secret)),
            format!("{:?}", Preview(&vec![secret.clone()])),
            format!("{:?}", Preview(&Some(secret.clone()))),
            format!(
                "{:?}",
                Preview(&BTreeMap::from([("a".to_owned(), secret.clone())]))
            ),
        ];
        for debug in &shapes {
            assert!(
                debug.contains("shown-6") && !debug.contains("hidden-6"),
                "{debug}"
            );
        }
        let nested = BTreeMap::from([("a".to_owned(), Some(secret))]);
        let debug = format!("{:?}", Preview(&nested));
        assert!(
            debug.starts_with("[not shown: free-form JSON]") && !debug.contains("hidden-6"),
            "{debug}"
        );
        assert_eq!(format!("{:?}", Preview(&vec![1, 2])), "[1, 2]");
        assert!(!format!("{:?}", Preview(&b"token=hidden-7".to_vec())).contains("hidden-7"));
    }
}
