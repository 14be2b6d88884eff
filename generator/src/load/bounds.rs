//! Integer bounds the typed model cannot hold.
//!
//! `openapiv3` keeps an integer schema's `minimum`, `maximum` and `multipleOf`
//! as `i64`. Documents written by tools that print numbers as doubles say
//! `minimum: -9223372036854776000` (i64::MIN rounded) or `maximum: 1e20`,
//! which are valid JSON Schema yet fail that model. A bound beyond the i64
//! range excludes no i64 value, so it is clamped to the range; a fractional
//! bound is rounded inwards, which excludes the same integers.

use serde_yaml::{Number, Value};

/// Most integers wider than 64 bits one document may hold.
const MAX_WIDE_INTEGERS: usize = 1000;

/// Parses YAML or JSON whose integers may exceed 64 bits, which serde_yaml's
/// value cannot hold: each such integer is read as a float instead (written
/// `N.0` at the same place, so lines stay where they were).
pub fn parse_wide_integers(source: &str) -> Result<Value, serde_yaml::Error> {
    let mut text = std::borrow::Cow::Borrowed(source);
    for _ in 0..MAX_WIDE_INTEGERS {
        let error = match serde_yaml::from_str(&text) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let message = error.to_string();
        let wide = message.contains(" as i128") || message.contains(" as u128");
        let Some(at) = error
            .location()
            .filter(|_| wide)
            .and_then(|l| byte_offset(&text, l.line(), l.column()))
        else {
            return Err(error);
        };
        let digits = text[at..]
            .char_indices()
            .find(|(i, c)| !(c.is_ascii_digit() || (*i == 0 && matches!(c, '-' | '+'))))
            .map_or(text.len() - at, |(i, _)| i);
        if digits == 0 {
            return Err(error);
        }
        let mut widened = text.into_owned();
        widened.insert_str(at + digits, ".0");
        text = std::borrow::Cow::Owned(widened);
    }
    serde_yaml::from_str(&text)
}

/// The byte offset of 1-based `line` and `column` (in characters) in `text`.
fn byte_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = text.get(line_start..)?;
    let within = rest
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(i, _)| i)?;
    Some(line_start + within)
}

/// Rewrites out-of-range or fractional integer bounds in place.
pub fn fit_integer_bounds(node: &mut Value) {
    match node {
        Value::Mapping(map) => {
            if map.get("type").and_then(Value::as_str) == Some("integer") {
                for (key, round) in [
                    ("minimum", f64::ceil as fn(f64) -> f64),
                    ("maximum", f64::floor),
                ] {
                    if let Some(value) = map.get_mut(key) {
                        fit(value, round);
                    }
                }
                // A multiple that no i64 reaches cannot be kept meaningfully.
                if map
                    .get("multipleOf")
                    .is_some_and(|m| !m.is_i64() && !m.is_u64())
                {
                    map.remove("multipleOf");
                }
            }
            map.values_mut().for_each(fit_integer_bounds);
        }
        Value::Sequence(items) => items.iter_mut().for_each(fit_integer_bounds),
        _ => {}
    }
}

fn fit(value: &mut Value, round: fn(f64) -> f64) {
    if value.is_i64() {
        return;
    }
    let Some(number) = value.as_f64() else { return };
    // `as` saturates at the i64 range (and maps NaN to 0).
    let clamped = round(number) as i64;
    *value = Value::Number(Number::from(clamped));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_beyond_64_bits_and_fractions_fit_the_model() {
        let mut raw: Value = parse_wide_integers(
            "a: {type: integer, minimum: -9223372036854776000, maximum: 18446744073709551615}
b: {type: integer, minimum: 0.5, maximum: 9.5, multipleOf: 0.5}
c: {type: number, minimum: -9223372036854776000}
d: {type: integer, minimum: -3, maximum: 7}",
        )
        .unwrap();
        let json = parse_wide_integers(
            "{\"title\": \"Café ☕\", \"type\": \"integer\",\n \"maximum\": 99999999999999999999999}",
        );
        assert_eq!(json.unwrap()["maximum"].as_f64(), Some(1e23));
        fit_integer_bounds(&mut raw);
        let text = serde_yaml::to_string(&raw).unwrap();
        assert_eq!(
            text,
            "a:
  type: integer
  minimum: -9223372036854775808
  maximum: 9223372036854775807
b:
  type: integer
  minimum: 1
  maximum: 9
c:
  type: number
  minimum: -9.223372036854776e18
d:
  type: integer
  minimum: -3
  maximum: 7
"
        );
    }
}
