//! Decoding support for `oneOf` unions with a `discriminator`.
//!
//! The variant types keep the discriminator as an ordinary field, so serde's
//! internally tagged enums (which strip the tag) would lose it on a round trip.
//! Generated unions instead buffer the value, read the tag with [`tag`], and
//! decode the whole object into the chosen variant; a value with an unknown or
//! missing tag is kept whole in the union's catch-all variant.

use serde::Deserialize;
use serde_json::Value;

/// The string value of the discriminator property, if the value is an object that has it.
pub fn tag<'a>(value: &'a Value, property: &str) -> Option<&'a str> {
    value.get(property).and_then(Value::as_str)
}

/// Decodes a buffered value into one variant, reporting errors through `E`.
pub fn variant<T, E>(value: Value) -> Result<T, E>
where
    T: for<'de> Deserialize<'de>,
    E: serde::de::Error,
{
    T::deserialize(value).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_string_tags_only() {
        assert_eq!(tag(&json!({"kind": "a"}), "kind"), Some("a"));
        assert_eq!(tag(&json!({"kind": 1}), "kind"), None);
        assert_eq!(tag(&json!([1]), "kind"), None);
    }

    #[test]
    fn variant_errors_keep_serde_message() {
        let result: Result<u32, serde_json::Error> = variant(json!("x"));
        assert!(result.unwrap_err().to_string().contains("invalid type"));
    }
}
