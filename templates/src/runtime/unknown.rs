//! Values of open enums that this version of the SDK does not know.

use std::fmt;

/// An enum value this version of the SDK does not know, kept exactly as
/// received or given.
///
/// Decoding creates one for a value the API added later, and a generated
/// enum's `other(..)` for a value a caller sends on purpose; both only for
/// text that is not a known value, so an `Unknown` variant never stands in for
/// a variant the SDK has: matching on the known variants stays correct as the
/// SDK learns new values.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Text that is not a value of the enum it was parsed as (a generated enum's
/// `FromStr` and `TryFrom<&str>`): a typo stays on this side of the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidEnumValue {
    type_name: &'static str,
    value: String,
}

impl InvalidEnumValue {
    /// `value` is not one of the values the enum `type_name` lists.
    pub fn new(type_name: &'static str, value: &str) -> Self {
        Self {
            type_name,
            value: value.to_owned(),
        }
    }

    /// The text that was refused.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The enum's Rust name.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }
}

impl fmt::Display for InvalidEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a value of `{name}`; `{name}::other` sends a value the SDK does not list",
            self.value.escape_debug(),
            name = self.type_name
        )
    }
}

impl std::error::Error for InvalidEnumValue {}

/// The enum value for `text`: the known variant `known` finds, else `unknown`
/// wrapping the text. Generated enums' `other` (and so decoding) call this.
pub fn open_enum<T>(
    text: impl Into<String> + AsRef<str>,
    known: fn(&str) -> Option<T>,
    unknown: fn(UnknownValue) -> T,
) -> T {
    match known(text.as_ref()) {
        Some(value) => value,
        None => unknown(UnknownValue(text.into())),
    }
}

/// An integer enum value the API sent that this version of the SDK does not
/// know, kept exactly as received. Like [`UnknownValue`], only decoding (and
/// a refused conversion) creates one, and never for a known value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownInteger(i64);

impl UnknownInteger {
    /// The value as received.
    pub fn value(self) -> i64 {
        self.0
    }
}

impl fmt::Display for UnknownInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for UnknownInteger {}

/// The integer enum value for a decoded `value`: the known variant `known`
/// finds, else `unknown` wrapping it.
pub fn open_integer_enum<T>(
    value: i64,
    known: fn(i64) -> Option<T>,
    unknown: fn(UnknownInteger) -> T,
) -> T {
    known(value).unwrap_or_else(|| unknown(UnknownInteger(value)))
}

/// The known variant for `value`, or the refused value: what a checked
/// conversion (`TryFrom<i64>`) returns.
pub fn known_integer<T>(value: i64, known: fn(i64) -> Option<T>) -> Result<T, UnknownInteger> {
    known(value).ok_or(UnknownInteger(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Unknown(UnknownValue),
    }

    fn known(text: &str) -> Option<Color> {
        (text == "red").then_some(Color::Red)
    }

    #[test]
    fn known_integers_are_never_unknown() {
        fn known(value: i64) -> Option<&'static str> {
            (value == 1).then_some("one")
        }
        fn unknown(_: UnknownInteger) -> &'static str {
            "unknown"
        }
        assert_eq!(open_integer_enum(1, known, unknown), "one");
        assert_eq!(open_integer_enum(7, known, unknown), "unknown");
        assert_eq!(known_integer(1, known), Ok("one"));
        let refused = known_integer(7, known).unwrap_err();
        assert_eq!((refused.value(), refused.to_string()), (7, "7".to_owned()));
    }

    #[test]
    fn known_text_is_never_unknown() {
        assert_eq!(open_enum("red", known, Color::Unknown), Color::Red);
        let Color::Unknown(value) = open_enum("teal".to_owned(), known, Color::Unknown) else {
            panic!("teal is not known");
        };
        assert_eq!(
            (value.as_str(), value.to_string().as_str()),
            ("teal", "teal")
        );
    }

    #[test]
    fn an_invalid_value_names_the_text_the_type_and_the_way_out() {
        let error = InvalidEnumValue::new("Color", "re\nd");
        assert_eq!((error.value(), error.type_name()), ("re\nd", "Color"));
        assert_eq!(
            error.to_string(),
            "`re\\nd` is not a value of `Color`; `Color::other` sends a value the SDK does not list"
        );
    }
}
