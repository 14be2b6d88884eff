//! Serde support for optional fields whose schema is `nullable`.
//!
//! Such a field has three states on the wire: absent, `null`, or a value. The
//! generated field is `Option<Option<T>>` with `#[serde(default, with =
//! "crate::runtime::nullable", skip_serializing_if = "Option::is_none")]`, so
//! `None` is absent, `Some(None)` is an explicit `null`, and a round trip keeps
//! whichever the server sent.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Serializes `Some(None)` as `null` and `Some(Some(v))` as `v`.
///
/// `None` never reaches this function: the field's `skip_serializing_if` omits it.
pub fn serialize<T, S>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Serialize,
    S: Serializer,
{
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads a present field: `null` becomes `Some(None)`.
///
/// An absent field never reaches this function: `#[serde(default)]` yields `None`.
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(default, with = "super", skip_serializing_if = "Option::is_none")]
        field: Option<Option<u32>>,
    }

    fn round_trip(json: &str) -> (Holder, String) {
        let holder: Holder = serde_json::from_str(json).unwrap();
        let back = serde_json::to_string(&holder).unwrap();
        (holder, back)
    }

    #[test]
    fn keeps_absent_null_and_value_apart() {
        assert_eq!(round_trip("{}"), (Holder { field: None }, "{}".to_owned()));
        assert_eq!(
            round_trip(r#"{"field":null}"#),
            (Holder { field: Some(None) }, r#"{"field":null}"#.to_owned())
        );
        assert_eq!(
            round_trip(r#"{"field":7}"#),
            (
                Holder {
                    field: Some(Some(7))
                },
                r#"{"field":7}"#.to_owned()
            )
        );
    }
}
