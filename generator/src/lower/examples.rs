//! Example values a schema implies when the document gives none: a value of
//! its format, one that matches its `pattern`, fills its `minLength`, or sits
//! inside its numeric bounds. They feed the rustdoc and README examples and
//! the conformance program, so those calls pass a server that validates.
//!
//! A schema without such constraints implies nothing: its example stays the
//! type's plainest value, chosen where examples are emitted.

use openapiv3::{
    ReferenceOr, Schema, SchemaKind, StringFormat, StringType, Type, VariantOrUnknownOrEmpty,
};
use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::{json, Value};

use crate::load::Document;

/// The longest text a pattern's repetitions are allowed to produce.
const MAX_TEXT: usize = 256;

/// The schema's own `example`, else a value its constraints imply, looking
/// into `allOf` members (an id's pattern is often one member, its description
/// another); `at` is where the schema is, for resolving `$ref`s.
pub fn example(doc: &Document, schema: &Schema, at: &str) -> Option<Value> {
    within(
        schema,
        &mut |member| doc.resolve(member, at).ok().map(|(schema, _)| schema),
        0,
    )
}

fn within(
    schema: &Schema,
    resolve: &mut dyn FnMut(&ReferenceOr<Schema>) -> Option<Schema>,
    depth: usize,
) -> Option<Value> {
    if let Some(example) = &schema.schema_data.example {
        return Some(example.clone());
    }
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } if depth < 4 => all_of.iter().find_map(|member| {
            let member = resolve(member)?;
            within(&member, resolve, depth + 1)
        }),
        // A list of one item that its item schema implies (ids with a
        // format): a list may have to hold one (`minItems`).
        SchemaKind::Type(Type::Array(array)) if depth < 4 => {
            let items = resolve(&array.items.clone()?.unbox())?;
            within(&items, resolve, depth + 1).map(|item| Value::Array(vec![item]))
        }
        // The same, read loosely (an array with a string keyword beside it).
        SchemaKind::Any(any) if depth < 4 && any.items.is_some() => {
            let items = resolve(&any.items.clone()?.unbox())?;
            within(&items, resolve, depth + 1).map(|item| Value::Array(vec![item]))
        }
        _ => implied(schema),
    }
}

/// A value the schema's constraints imply, if it has any.
pub fn implied(schema: &Schema) -> Option<Value> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if string.enumeration.is_empty() => {
            string_value(string).map(Value::String)
        }
        SchemaKind::Type(Type::Integer(integer)) if integer.enumeration.is_empty() => {
            let low = integer
                .minimum
                .map(|min| min + i64::from(integer.exclusive_minimum));
            let high = integer
                .maximum
                .map(|max| max - i64::from(integer.exclusive_maximum));
            bounded(low, high, 1).map(|n| json!(n))
        }
        SchemaKind::Type(Type::Number(number)) if number.enumeration.is_empty() => {
            // Whole numbers read best; a bound that is not whole is nudged
            // inwards by one.
            let low = number.minimum.map(|min| {
                if number.exclusive_minimum || min.fract() != 0.0 {
                    min.floor() as i64 + 1
                } else {
                    min as i64
                }
            });
            let high = number.maximum.map(|max| {
                if number.exclusive_maximum || max.fract() != 0.0 {
                    max.ceil() as i64 - 1
                } else {
                    max as i64
                }
            });
            bounded(low, high, 1).map(|n| json!(n))
        }
        _ => None,
    }
}

/// `preferred` if it lies within the bounds, else the nearest bound; `None`
/// when there are no bounds (nothing is implied) or they leave no room.
fn bounded(low: Option<i64>, high: Option<i64>, preferred: i64) -> Option<i64> {
    if low.is_none() && high.is_none() {
        return None;
    }
    let value = preferred.max(low.unwrap_or(i64::MIN));
    let value = value.min(high.unwrap_or(i64::MAX));
    (value >= low.unwrap_or(i64::MIN)).then_some(value)
}

fn string_value(string: &StringType) -> Option<String> {
    let format = match &string.format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => "byte",
        VariantOrUnknownOrEmpty::Unknown(other) => other.as_str(),
        _ => "",
    };
    let by_format = match format {
        "uuid" => Some("123e4567-e89b-12d3-a456-426614174000"),
        "date" => Some("2024-01-01"),
        "date-time" => Some("2024-01-01T00:00:00Z"),
        "email" => Some("user@example.com"),
        "uri" | "url" => Some("https://example.com"),
        "hostname" => Some("example.com"),
        "ipv4" => Some("192.0.2.1"),
        "ipv6" => Some("2001:db8::1"),
        // Base64 of "example".
        "byte" => Some("ZXhhbXBsZQ=="),
        _ => None,
    };
    if let Some(text) = by_format {
        return Some(text.to_owned());
    }
    if let Some(text) = string.pattern.as_deref().and_then(matching) {
        let long_enough = string
            .min_length
            .is_none_or(|min| text.chars().count() >= min);
        let short_enough = string
            .max_length
            .is_none_or(|max| text.chars().count() <= max);
        if long_enough && short_enough {
            return Some(text);
        }
    }
    match (string.min_length, string.max_length) {
        (Some(min), _) if min > 0 => Some("a".repeat(min.min(64))),
        // A maximum below the length of the usual placeholder.
        (_, Some(max)) if max < 16 => Some("a".repeat(max.max(1))),
        _ => None,
    }
}

/// The shortest plain text matching `pattern`, if it can be built: the
/// first branch of each alternation, the fewest repetitions allowed, and a
/// letter or digit from each class where the class holds one.
fn matching(pattern: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let mut text = String::new();
    sample(&hir, &mut text)?;
    Some(text)
}

fn sample(hir: &Hir, out: &mut String) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
        HirKind::Class(Class::Unicode(class)) => {
            let pick = "a0A_-.".chars().find(|c| {
                class
                    .ranges()
                    .iter()
                    .any(|r| (r.start()..=r.end()).contains(c))
            });
            out.push(pick.or_else(|| class.ranges().first().map(|r| r.start()))?);
        }
        HirKind::Class(Class::Bytes(class)) => {
            let pick = b"a0A_-.".iter().copied().find(|c| {
                class
                    .ranges()
                    .iter()
                    .any(|r| (r.start()..=r.end()).contains(c))
            });
            let byte = pick.or_else(|| class.ranges().first().map(|r| r.start()))?;
            out.push(char::from(byte).is_ascii().then_some(char::from(byte))?);
        }
        HirKind::Repetition(repetition) => {
            let times = usize::try_from(repetition.min).ok()?;
            if times > MAX_TEXT {
                return None;
            }
            for _ in 0..times {
                sample(&repetition.sub, out)?;
                if out.len() > MAX_TEXT {
                    return None;
                }
            }
        }
        HirKind::Capture(capture) => sample(&capture.sub, out)?,
        HirKind::Concat(parts) => {
            for part in parts {
                sample(part, out)?;
            }
        }
        HirKind::Alternation(branches) => sample(branches.first()?, out)?,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(yaml: &str) -> Option<Value> {
        let schema: Schema = serde_yaml::from_str(yaml).unwrap();
        within(&schema, &mut |member| member.as_item().cloned(), 0)
    }

    #[test]
    fn patterns_give_text_that_matches_them() {
        for pattern in [
            "^ord_[0-9a-f]{26}$",
            "^bck_[a-zA-Z0-9]+$",
            "^https://[-a-zA-Z0-9@:%._+~#=/]{1,256}.(html?|pdf|png|jpg)$",
            r"^\d{3}-\d{2}$",
            "^(foo|bar)baz?$",
        ] {
            let text = matching(pattern).unwrap();
            let regex = regex::Regex::new(pattern).unwrap();
            assert!(regex.is_match(&text), "{text:?} does not match {pattern}");
        }
        assert_eq!(matching("^ord_[0-9a-f]{3}$").as_deref(), Some("ord_aaa"));
        assert_eq!(matching("^(foo|bar)baz?$").as_deref(), Some("fooba"));
        // Lookarounds and backreferences are not regular: no example.
        assert_eq!(matching("^(?=a)a$"), None);
    }

    #[test]
    fn formats_lengths_and_bounds_imply_values() {
        assert_eq!(
            string("{type: string, format: uuid}"),
            Some(json!("123e4567-e89b-12d3-a456-426614174000"))
        );
        assert_eq!(
            string("{type: string, format: byte}"),
            Some(json!("ZXhhbXBsZQ=="))
        );
        assert_eq!(string("{type: string, minLength: 3}"), Some(json!("aaa")));
        assert_eq!(
            string("{type: string, maxLength: 9}"),
            Some(json!("aaaaaaaaa"))
        );
        assert_eq!(
            string("{type: string, example: given}"),
            Some(json!("given"))
        );
        assert_eq!(
            string("{allOf: [{type: string, description: An id.}, {type: string, pattern: '^id_[0-9]$'}]}"),
            Some(json!("id_0"))
        );
        assert_eq!(string("{type: integer, minimum: 5000}"), Some(json!(5000)));
        assert_eq!(
            string("{type: integer, maximum: 0, exclusiveMaximum: true}"),
            Some(json!(-1))
        );
        assert_eq!(string("{type: number, minimum: 0.5}"), Some(json!(1)));
        assert_eq!(string("{type: integer, minimum: 3, maximum: 1}"), None);
        assert_eq!(
            string("{type: array, items: {type: string, format: uuid}}"),
            Some(json!(["123e4567-e89b-12d3-a456-426614174000"]))
        );
        assert_eq!(string("{type: array, items: {type: string}}"), None);
        // `maxLength` on an array is a mistake openapiv3 reads loosely.
        assert_eq!(
            string("{type: array, maxLength: 5, items: {type: string, minLength: 2}}"),
            Some(json!(["aa"]))
        );
        // Nothing constrains these: no example is implied.
        assert_eq!(string("{type: string}"), None);
        assert_eq!(string("{type: integer}"), None);
        assert_eq!(string("{type: string, enum: [a]}"), None);
    }
}
