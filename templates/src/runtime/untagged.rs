//! Decoding `oneOf`/`anyOf` unions without a discriminator: the variants are
//! tried in order on the buffered value, and when none fits the error says
//! why each did not, with the place in the value where it failed (serde's
//! own untagged decoding only says that no variant matched).

use serde::de::DeserializeOwned;
use serde_json::Value;

/// The variants tried so far and why each did not fit.
#[derive(Debug, Default)]
pub struct Attempts(Vec<String>);

impl Attempts {
    /// Decodes `value` as the variant `name` holds, or records why it does not fit.
    pub fn try_variant<T: DeserializeOwned>(&mut self, name: &str, value: &Value) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(decoded) => Some(decoded),
            Err(error) => {
                let path = error.path().to_string();
                let why = error.into_inner().to_string();
                self.0.push(if path == "." {
                    format!("as {name}: {why}")
                } else {
                    format!("as {name} at `{path}`: {why}")
                });
                None
            }
        }
    }

    /// The error when no variant of `union` fits, naming each variant's failure.
    pub fn error<E: serde::de::Error>(self, union: &str) -> E {
        E::custom(format!(
            "the value fits no variant of `{union}` ({})",
            self.0.join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_first_variant_that_fits_wins_and_failures_name_their_place() {
        #[derive(Debug, serde::Deserialize)]
        struct Point {
            #[allow(dead_code)]
            x: i64,
        }
        let mut attempts = Attempts::default();
        let value = json!({"x": "far"});
        assert!(attempts.try_variant::<Point>("Point", &value).is_none());
        assert!(attempts.try_variant::<Vec<u8>>("Bytes", &value).is_none());
        let error: serde_json::Error = attempts.error("Shape");
        let text = error.to_string();
        assert!(text.contains("fits no variant of `Shape`"), "{text}");
        assert!(
            text.contains("as Point at `x`: invalid type: string \"far\""),
            "{text}"
        );
        assert!(text.contains("as Bytes: invalid type: map"), "{text}");
        let mut attempts = Attempts::default();
        assert_eq!(
            attempts.try_variant::<String>("Text", &json!("ok")),
            Some("ok".to_owned())
        );
    }
}
