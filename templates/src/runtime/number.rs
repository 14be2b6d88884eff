//! `type: number` values: read and built as numbers, kept exactly as sent.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A JSON number (`type: number`), kept exactly as the server sent it, so that
/// `400` stays `400` and never comes back as `400.0`.
///
/// Build one from any integer (`201.into()`) or, fallibly, from an `f64`
/// (`Number::try_from(1.5)`); read it with [`as_f64`](Self::as_f64) or
/// [`as_i64`](Self::as_i64), or compare it with an integer or float directly.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Number(serde_json::Number);

impl Number {
    /// The value as a float (exact for integers up to 2^53).
    pub fn as_f64(&self) -> f64 {
        self.0.as_f64().unwrap_or(f64::NAN)
    }

    /// The value as an integer, when it is one that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    /// The value as an unsigned integer, when it is one that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }

    fn as_i128(&self) -> Option<i128> {
        self.0
            .as_i64()
            .map(i128::from)
            .or_else(|| self.0.as_u64().map(i128::from))
    }

    /// Whether the value was sent as an integer.
    pub fn is_integer(&self) -> bool {
        self.0.is_i64() || self.0.is_u64()
    }
}

macro_rules! from_integers {
    ($($ty:ty),*) => {
        $(impl From<$ty> for Number {
            fn from(value: $ty) -> Self {
                Self(serde_json::Number::from(value))
            }
        }

        impl PartialEq<$ty> for Number {
            fn eq(&self, other: &$ty) -> bool {
                // Every integer type widens losslessly to i128.
                self.as_i128() == Some(*other as i128)
            }
        })*
    };
}

from_integers!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// An `f64` that JSON cannot carry: NaN or infinite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NotFinite(pub f64);

impl fmt::Display for NotFinite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is not a JSON number", self.0)
    }
}

impl std::error::Error for NotFinite {}

impl TryFrom<f64> for Number {
    type Error = NotFinite;

    fn try_from(value: f64) -> Result<Self, NotFinite> {
        serde_json::Number::from_f64(value)
            .map(Self)
            .ok_or(NotFinite(value))
    }
}

impl PartialEq<f64> for Number {
    fn eq(&self, other: &f64) -> bool {
        self.as_f64() == *other
    }
}

impl From<serde_json::Number> for Number {
    fn from(value: serde_json::Number) -> Self {
        Self(value)
    }
}

impl From<Number> for serde_json::Number {
    fn from(value: Number) -> Self {
        value.0
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_builds_and_keeps_numbers_exactly() {
        let n: Number = serde_json::from_str("400").unwrap();
        assert!(n == 400 && n == 400.0 && n.is_integer());
        assert_eq!(serde_json::to_string(&n).unwrap(), "400");
        let f: Number = serde_json::from_str("10.5").unwrap();
        assert_eq!((f.as_f64(), f.as_i64()), (10.5, None));
        assert_eq!(serde_json::to_string(&f).unwrap(), "10.5");
        assert_eq!(Number::from(201), 201);
        assert_eq!(Number::try_from(1.5).unwrap(), 1.5);
        assert!(Number::try_from(f64::NAN).is_err());
        assert_eq!(format!("{n:?} {f}"), "400 10.5");
    }
}
