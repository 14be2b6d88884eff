//! Optional fields whose schema is `nullable`: absent, `null`, or a value.
//!
//! The generated field is `Option<Nullable<T>>` with `#[serde(default, with =
//! "crate::runtime::nullable", skip_serializing_if = "Option::is_none")]`:
//! `None` is absent, `Some(Nullable::Null)` an explicit `null`, and
//! `Some(Nullable::Value(v))` a value; a round trip keeps whichever the server sent.
//! [`NullableField`] reads such a field in one call: `file.filename.value()`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that may be an explicit `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// `null` on the wire: the API's way to say "cleared" or "not known".
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, unless `null`.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(value) => Some(value),
        }
    }

    /// Takes the value, unless `null`.
    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(value) => Some(value),
        }
    }

    /// Borrows the value inside.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    /// Converts the value inside, keeping `null`.
    pub fn map<U>(self, convert: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(convert(value)),
        }
    }
}

/// Reads an optional nullable field (`Option<Nullable<T>>`) in one call, where
/// most readers only ask "is there a value?": `file.filename.value()` is
/// `Option<&T>`, `None` whether the field was absent or `null`; `is_null()`
/// tells those two apart when it matters. Bring it into scope with
/// `use <sdk>::NullableField;` (each SDK re-exports it at its root).
pub trait NullableField<T> {
    /// The value, unless the field is absent or `null`.
    fn value(&self) -> Option<&T>;

    /// Takes the value, unless the field is absent or `null`.
    fn into_value(self) -> Option<T>;

    /// Whether the field is present and `null` (absent is not `null`).
    fn is_null(&self) -> bool;
}

impl<T> NullableField<T> for Option<Nullable<T>> {
    fn value(&self) -> Option<&T> {
        self.as_ref().and_then(Nullable::value)
    }

    fn into_value(self) -> Option<T> {
        self.and_then(Nullable::into_value)
    }

    fn is_null(&self) -> bool {
        self.as_ref().is_some_and(Nullable::is_null)
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer)
            .map(|value| value.map_or(Nullable::Null, Nullable::Value))
    }
}

/// Serializes a present field: `null` or the value.
///
/// `None` never reaches this function: the field's `skip_serializing_if` omits it.
pub fn serialize<T, S>(value: &Option<Nullable<T>>, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Serialize,
    S: Serializer,
{
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads a present field: `null` becomes `Some(Nullable::Null)` (where serde's
/// own `Option` would read it as absent).
///
/// An absent field never reaches this function: `#[serde(default)]` yields `None`.
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<Nullable<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Nullable::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_field_reads_absent_null_and_value() {
        use super::NullableField;
        let absent: Option<Nullable<u8>> = None;
        let null = Some(Nullable::<u8>::Null);
        let seven = Some(Nullable::Value(7));
        assert_eq!((absent.value(), absent.is_null()), (None, false));
        assert_eq!((null.value(), null.is_null()), (None, true));
        assert_eq!((seven.value(), seven.is_null()), (Some(&7), false));
        assert_eq!(
            (absent.into_value(), null.into_value(), seven.into_value()),
            (None, None, Some(7))
        );
    }

    #[test]
    fn helpers_read_like_option() {
        let seven = super::Nullable::from(7);
        assert_eq!((seven.value(), seven.is_null()), (Some(&7), false));
        assert_eq!(seven.map(|n| n * 2).into_value(), Some(14));
        assert_eq!(super::Nullable::<u8>::Null.as_ref().value(), None);
    }

    use super::Nullable;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(default, with = "super", skip_serializing_if = "Option::is_none")]
        field: Option<Nullable<u32>>,
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
            (
                Holder {
                    field: Some(Nullable::Null)
                },
                r#"{"field":null}"#.to_owned()
            )
        );
        assert_eq!(
            round_trip(r#"{"field":7}"#),
            (
                Holder {
                    field: Some(Nullable::Value(7))
                },
                r#"{"field":7}"#.to_owned()
            )
        );
    }
}
