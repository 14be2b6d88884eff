//! `format: date-time` values: typed, and written back exactly as read.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// An RFC 3339 timestamp.
///
/// It keeps the text it was parsed from, so a value read from the API is sent
/// back byte for byte (`.000Z` stays `.000Z`, `+02:00` stays `+02:00`), while
/// [`DateTime::value`] gives the instant for arithmetic and comparisons.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: String,
    value: OffsetDateTime,
}

/// Why a string is not an RFC 3339 timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidDateTime(String);

impl fmt::Display for InvalidDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an RFC 3339 date-time: {}", self.0)
    }
}

impl std::error::Error for InvalidDateTime {}

impl DateTime {
    /// Parses an RFC 3339 timestamp such as `2024-05-01T12:30:00Z`.
    pub fn parse(text: impl Into<String>) -> Result<Self, InvalidDateTime> {
        let text = text.into();
        match OffsetDateTime::parse(&text, &Rfc3339) {
            Ok(value) => Ok(Self { text, value }),
            Err(error) => Err(InvalidDateTime(error.to_string())),
        }
    }

    /// The instant.
    pub fn value(&self) -> OffsetDateTime {
        self.value
    }

    /// The timestamp as text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl TryFrom<OffsetDateTime> for DateTime {
    type Error = InvalidDateTime;

    /// Formats the instant in RFC 3339, which cannot express years outside
    /// 0..=9999 or offsets with seconds.
    fn try_from(value: OffsetDateTime) -> Result<Self, Self::Error> {
        match value.format(&Rfc3339) {
            Ok(text) => Ok(Self { text, value }),
            Err(error) => Err(InvalidDateTime(error.to_string())),
        }
    }
}

impl FromStr for DateTime {
    type Err = InvalidDateTime;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({})", self.text)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_exact_text() {
        for text in [
            "2023-03-01T00:00:00.000Z",
            "2024-05-01T12:30:00+02:00",
            "1999-12-31T23:59:59Z",
        ] {
            let parsed: DateTime = serde_json::from_value(serde_json::json!(text)).unwrap();
            assert_eq!(
                serde_json::to_value(&parsed).unwrap(),
                serde_json::json!(text)
            );
        }
    }

    #[test]
    fn compares_and_converts_instants() {
        let a = DateTime::parse("2024-05-01T12:30:00+02:00").unwrap();
        let b = DateTime::parse("2024-05-01T10:30:00Z").unwrap();
        assert_eq!(a.value(), b.value());
        let formatted = DateTime::try_from(b.value()).unwrap();
        assert_eq!(formatted.as_str(), "2024-05-01T10:30:00Z");
    }

    #[test]
    fn rejects_what_is_not_rfc_3339() {
        assert!(DateTime::parse("yesterday").is_err());
        assert!(
            serde_json::from_value::<DateTime>(serde_json::json!("2024-13-01T00:00:00Z")).is_err()
        );
    }
}
