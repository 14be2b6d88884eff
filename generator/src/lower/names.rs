//! Rust names for OpenAPI names: cased with heck, keyword-safe, and unique.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be plain identifiers (strict, reserved and edition keywords).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Runtime items the crate root re-exports beside the client: the client's name
/// must not be one of them.
pub const RUNTIME_AT_ROOT: [&str; 8] = [
    "ApiResponse",
    "Backoff",
    "DateTime",
    "Hook",
    "HookContext",
    "Nullable",
    "Number",
    "RetryConfig",
];

/// The runtime trait the crate root re-exports (on a line of its own, so the
/// list above keeps fitting the width rustfmt and prettyplease agree on): the
/// client's name must not be it either.
pub const RUNTIME_TRAIT_AT_ROOT: &str = "NullableField";

/// Keeps ASCII letters, digits and `_`; anything else would not be a portable
/// identifier (or module file name), so it becomes `_` (snake) or is dropped.
fn ascii_only(name: &str, replacement: Option<char>) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || (c == '_' && !out.ends_with('_')) {
            out.push(c);
        } else if let Some(r) = replacement {
            if !out.ends_with(r) {
                out.push(r);
            }
        }
    }
    out
}

/// A snake_case name usable as a field, method, argument or module.
pub fn snake(raw: &str) -> String {
    let mut name = ascii_only(&raw.to_snake_case(), Some('_'))
        .trim_matches('_')
        .to_owned();
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// An UpperCamelCase name usable as a type or variant.
pub fn camel(raw: &str) -> String {
    let mut name = ascii_only(&raw.to_upper_camel_case(), None);
    if name.is_empty() {
        name = symbol_words(raw);
    }
    if name.is_empty() {
        name = "Value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push_str("Value");
    }
    name
}

/// A type name: like [`camel`], and never one a models file already sees
/// (see [`crate::scope`]).
pub fn type_name(raw: &str) -> String {
    let mut name = camel(raw);
    if crate::scope::taken_by_scope(&name) {
        name.push_str("Model");
    }
    name
}

/// Spells out values made only of symbols (`*`, `+`, `-`), which have no letters to case.
fn symbol_words(raw: &str) -> String {
    raw.chars()
        .filter_map(|c| match c {
            '*' => Some("Star"),
            '+' => Some("Plus"),
            '-' => Some("Minus"),
            '/' => Some("Slash"),
            '.' => Some("Dot"),
            '=' => Some("Equals"),
            '<' => Some("Less"),
            '>' => Some("Greater"),
            '!' => Some("Not"),
            '@' => Some("At"),
            '#' => Some("Hash"),
            '$' => Some("Dollar"),
            '%' => Some("Percent"),
            '&' => Some("And"),
            _ => None,
        })
        .collect()
}

/// The word for a character that casing drops.
fn char_word(c: char) -> String {
    let word = match c {
        '_' => "underscore",
        ' ' => "space",
        '-' => "dash",
        '~' => "tilde",
        ':' => "colon",
        ',' => "comma",
        ';' => "semicolon",
        '(' | ')' | '[' | ']' | '{' | '}' => "bracket",
        '?' => "question",
        '\'' | '"' => "quote",
        '^' => "caret",
        '|' => "pipe",
        '\\' => "backslash",
        c => {
            let word = symbol_words(&c.to_string());
            // Letters of other scripts have no ASCII spelling but their code point.
            return if word.is_empty() {
                format!("u{:04x}", u32::from(c))
            } else {
                word.to_lowercase()
            };
        }
    };
    word.to_owned()
}

/// `raw` spelled out, from plainest to most literal, to be cased by the caller:
/// as written; with every symbol named (`a-b` is `a dash b`); and with capitals
/// marked too (`Self` is `upper self`); and, should an earlier name have taken
/// that, with every letter's case marked. Casing folds `a-b`, `a_b` and `A B`
/// together; the last two spellings keep distinct raw names apart, so a scope
/// does not need numbers to tell them apart.
pub fn spellings(raw: &str) -> [String; 4] {
    let mut symbols = String::new();
    let mut literal = String::new();
    let mut cased = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            symbols.push(c);
            if c.is_ascii_uppercase() {
                literal.push_str(" upper ");
                literal.push(c.to_ascii_lowercase());
                cased.push_str(" upper ");
                cased.push(c.to_ascii_lowercase());
            } else if c.is_ascii_lowercase() {
                literal.push(c);
                cased.push_str(" lower ");
                cased.push(c);
            } else {
                literal.push(c);
                cased.push(c);
            }
        } else {
            let word = format!(" {} ", char_word(c));
            symbols.push_str(&word);
            literal.push_str(&word);
            cased.push_str(&word);
        }
    }
    [raw.to_owned(), symbols, literal, cased]
}

/// A set of names already taken in one scope; hands out unique ones.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            taken: reserved.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Takes `base`, or `base2`, `base3`, ... if it is taken (`base_2` for snake names).
    pub fn claim(&mut self, base: &str) -> String {
        let snake_case =
            base.contains('_') || base.chars().all(|c| c.is_lowercase() || c.is_ascii_digit());
        let stem = if snake_case {
            format!("{}_", base.trim_end_matches('_'))
        } else {
            base.to_owned()
        };
        let mut candidate = base.to_owned();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{stem}{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    /// Takes the first of `candidates` that is free. Only when every one is
    /// taken (a document that names its components after each other's inline
    /// types, say) does the last get a number, so that a claim always succeeds.
    pub fn claim_first(&mut self, candidates: &[String]) -> String {
        match candidates.iter().find(|c| !self.taken.contains(c.as_str())) {
            Some(free) => {
                self.taken.insert(free.clone());
                free.clone()
            }
            None => self.claim(candidates.last().map_or("Type", String::as_str)),
        }
    }

    /// Takes the first free name among `preferred` (context-derived names,
    /// say), then the [`spellings`] of `raw` cased by `case`. Only a name taken
    /// in every spelling (the same raw name twice, or a scope that reserves a
    /// spelled form) falls back to a number.
    pub fn claim_spelled(
        &mut self,
        preferred: &[String],
        raw: &str,
        case: impl Fn(&str) -> String,
    ) -> String {
        let mut candidates: Vec<String> = preferred.to_vec();
        for spelled in spellings(raw) {
            let name = case(&spelled);
            if !candidates.contains(&name) {
                candidates.push(name);
            }
        }
        self.claim_first(&candidates)
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names_are_valid_identifiers() {
        assert_eq!(snake("unified_api"), "unified_api");
        assert_eq!(snake("x-apideck-consumer-id"), "x_apideck_consumer_id");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("$$"), "value");
        assert_eq!(snake("addresses[].city"), "addresses_city");
        assert_eq!(snake("x²"), "x");
        assert_eq!(snake("٣"), "value");
        assert_eq!(snake("café-au-lait"), "caf_au_lait");
    }

    #[test]
    fn camel_names_handle_symbols_digits_and_reserved() {
        assert_eq!(camel("oauth2"), "Oauth2");
        assert_eq!(camel("*"), "Star");
        assert_eq!(camel("1-day"), "V1Day");
        assert_eq!(camel("self"), "SelfValue");
        assert_eq!(camel("①"), "Value");
        assert_eq!(camel("ᾖ"), "Value");
        // Only what a models file sees is taken: the prelude and its imports.
        assert_eq!(type_name("string"), "StringModel");
        assert_eq!(type_name("option"), "OptionModel");
        assert_eq!(type_name("serialize"), "SerializeModel");
        assert_eq!(type_name("date-time"), "DateTimeModel");
        assert_eq!(type_name("request"), "Request");
        assert_eq!(type_name("error"), "Error");
        assert_eq!(type_name("api_response"), "ApiResponse");
        assert_eq!(type_name("connection"), "Connection");
    }

    #[test]
    fn claims_are_unique_and_deterministic() {
        let mut names = Namespace::with_reserved(["client"]);
        assert_eq!(names.claim("client"), "client_2");
        assert_eq!(names.claim("Connection"), "Connection");
        assert_eq!(names.claim("Connection"), "Connection2");
        assert_eq!(names.claim("Connection"), "Connection3");
        assert!(names.contains("Connection2"));
        let candidates = ["Health".to_owned(), "HealthEnum".to_owned()];
        assert_eq!(names.claim_first(&candidates), "Health");
        assert_eq!(names.claim_first(&candidates), "HealthEnum");
        assert_eq!(names.claim_first(&candidates), "HealthEnum2");
        let mut fields = Namespace::default();
        assert_eq!(fields.claim("self_"), "self_");
        assert_eq!(fields.claim("self_"), "self_2");
    }

    #[test]
    fn names_that_fold_together_are_spelled_out_not_numbered() {
        let mut fields = Namespace::default();
        let field = |raw: &str| snake(raw);
        assert_eq!(fields.claim_spelled(&[], "fooBar", field), "foo_bar");
        assert_eq!(
            fields.claim_spelled(&[], "foo_bar", field),
            "foo_underscore_bar"
        );
        assert_eq!(fields.claim_spelled(&[], "foo-bar", field), "foo_dash_bar");
        assert_eq!(
            fields.claim_spelled(&[], "Foo_Bar", field),
            "upper_foo_underscore_upper_bar"
        );
        assert_eq!(fields.claim_spelled(&[], "self", field), "self_");
        assert_eq!(fields.claim_spelled(&[], "Self", field), "upper_self");
        let preferred = ["send_query".to_owned()];
        assert_eq!(
            fields.claim_spelled(&preferred, "send", field),
            "send_query"
        );
        let mut variants = Namespace::default();
        let variant = |raw: &str| camel(raw);
        assert_eq!(variants.claim_spelled(&[], "①", variant), "Value");
        assert_eq!(variants.claim_spelled(&[], "½", variant), "U00bd");
        assert_eq!(variants.claim_spelled(&[], "a b", variant), "AB");
        assert_eq!(variants.claim_spelled(&[], "a.b", variant), "ADotB");
        assert_eq!(variants.claim_spelled(&[], "A-B", variant), "ADashB");
        assert_eq!(
            variants.claim_spelled(&[], "a-b", variant),
            "LowerADashLowerB"
        );
    }

    #[test]
    fn the_literal_spelling_keeps_distinct_names_apart() {
        let raws = [
            "a-b", "a_b", "A B", "a b", "aB", "AB", "ab", "A_b", "a.b", "a__b", "a1", "a 1", "①",
            "½", "x²", "Self", "self", "SELF",
        ];
        let literal: BTreeSet<String> = raws.iter().map(|r| snake(&spellings(r)[2])).collect();
        assert_eq!(literal.len(), raws.len(), "{literal:?}");
    }
}
