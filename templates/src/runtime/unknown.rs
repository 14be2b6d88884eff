//! Values of open enums that this version of the SDK does not know.

use std::fmt;

/// An enum value the API sent that this version of the SDK does not know
/// (the API added it later), kept exactly as received.
///
/// Only decoding creates one, and only for text that is not a known value, so
/// an `Unknown` variant never stands in for a variant the SDK has: matching on
/// the known variants stays correct as the SDK learns new values.
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

/// The enum value for `text`: the known variant `known` finds, else `unknown`
/// wrapping the text. Generated `From<&str>`/`From<String>` impls call this.
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
}
