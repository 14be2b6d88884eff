//! Decoding one JSON value (a whole body, an event's `data`, a line) into its
//! type, naming where in the value the decoder stopped.

use std::fmt;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::error::DecodeError;

/// Why a JSON value did not decode as its type: what was wrong and, when the
/// value is a map or list, where (`hits[0].title`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    message: String,
    path: Option<String>,
}

impl DataError {
    /// A failure with no position inside the value (text that is not the
    /// expected kind at all, an unknown event).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            path: None,
        }
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where in the value, as fields and list indexes from the top; `None`
    /// when the value itself is wrong.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The error an SDK call reports: the answer's `status` and the `body`
    /// (or the part of it) that did not decode.
    pub(crate) fn into_decode_error(self, status: u16, body: Bytes) -> DecodeError {
        let error = DecodeError::new(status, body, self.message);
        match self.path {
            Some(path) => error.at_path(path),
            None => error,
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "at `{path}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for DataError {}

/// Decodes `json` as one `T` with nothing after it.
///
/// serde_path_to_error follows the decoder through maps and lists, so a
/// mismatch deep in a page names its field, not only a byte column.
pub fn decode_json<T: DeserializeOwned>(json: &[u8]) -> Result<T, DataError> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => deserializer
            .end()
            .map(|()| value)
            .map_err(|error| DataError::new(error.to_string())),
        Err(error) => {
            let path = error.path().to_string();
            Err(DataError {
                path: (path != ".").then_some(path),
                message: error.into_inner().to_string(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;

    #[test]
    fn names_the_field_that_did_not_decode() {
        let error =
            decode_json::<Vec<BTreeMap<String, u32>>>(br#"[{"id": 1}, {"id": "x"}]"#).unwrap_err();
        assert_eq!(error.path(), Some("[1].id"));
        assert!(error.message().contains("invalid type"), "{error}");
        assert!(error.to_string().starts_with("at `[1].id`: "), "{error}");
    }

    #[test]
    fn refuses_what_follows_the_value() {
        let error = decode_json::<Vec<u8>>(b"[1] [2]").unwrap_err();
        assert_eq!(error.path(), None);
        assert!(error.message().contains("trailing characters"), "{error}");
        assert_eq!(decode_json::<Vec<u8>>(b" [1]\n").unwrap(), vec![1]);
    }
}
