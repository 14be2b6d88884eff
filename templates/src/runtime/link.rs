//! The `rel="next"` target of `Link` response headers (RFC 8288).

use http::header::{HeaderMap, LINK};

/// The target of the first link whose relation types include `next`, as
/// written (it may be relative to the request's URL), from every `Link` header.
pub fn next_link(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|value| {
            links(value)
                .find(|(_, rels)| has_next(rels))
                .map(|(t, _)| t)
        })
        .map(str::to_owned)
}

/// Whether a `rel` value (space-separated relation types) holds `next`.
fn has_next(rels: &str) -> bool {
    rels.split_ascii_whitespace()
        .any(|rel| rel.eq_ignore_ascii_case("next"))
}

/// Each link of one header value: its target and its `rel` parameter.
fn links(value: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = value;
    std::iter::from_fn(move || loop {
        let start = rest.find('<')?;
        let end = start + rest[start..].find('>')?;
        let target = &rest[start + 1..end];
        rest = &rest[end + 1..];
        let params = unquoted(rest, ',').next().unwrap_or_default();
        rest = &rest[params.len()..];
        if let Some(rels) = rel(params) {
            return Some((target.trim(), rels));
        }
    })
}

/// The `rel` parameter of `; name=value; …`, unquoted.
fn rel(params: &str) -> Option<&str> {
    unquoted(params, ';').find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("rel")
            .then(|| value.trim().trim_matches('"'))
    })
}

/// `text` split at each `separator` outside a quoted string (in which a
/// backslash escapes the next character).
fn unquoted(text: &str, separator: char) -> impl Iterator<Item = &str> {
    let mut quoted = false;
    let mut escaped = false;
    text.split(move |c: char| {
        let split = c == separator && !quoted;
        if escaped {
            escaped = false;
        } else if c == '\\' && quoted {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        }
        split
    })
}

#[cfg(test)]
mod tests {
    use super::next_link;
    use http::header::{HeaderMap, HeaderValue, LINK};

    fn headers(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(LINK, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn finds_next_among_other_relations() {
        let link = r#"<https://a.test/x?page=1>; rel="first", <https://a.test/x?page=3>; rel="next", <https://a.test/x?page=9>; rel="last""#;
        assert_eq!(
            next_link(&headers(&[link])).as_deref(),
            Some("https://a.test/x?page=3")
        );
    }

    #[test]
    fn reads_unquoted_multiple_and_differently_cased_relations() {
        assert_eq!(
            next_link(&headers(&["</p?c=2>; REL=Next"])).as_deref(),
            Some("/p?c=2")
        );
        assert_eq!(
            next_link(&headers(&[
                r#"</p?c=3>; title="a, b; rel=next"; rel="prefetch next""#
            ]))
            .as_deref(),
            Some("/p?c=3"),
            "a comma inside a quoted title is not a separator"
        );
        assert_eq!(
            next_link(&headers(&[r#"</p?c=4>; title="x; rel=next"; rel="prev""#])),
            None,
            "`rel=` inside a quoted title is not the relation"
        );
    }

    #[test]
    fn looks_through_every_link_header() {
        let headers = headers(&[r#"</p?c=1>; rel="prev""#, r#"</p?c=3>; rel="next""#]);
        assert_eq!(next_link(&headers).as_deref(), Some("/p?c=3"));
    }

    #[test]
    fn no_next_relation_is_none() {
        assert_eq!(next_link(&headers(&[r#"</p?c=1>; rel="prev""#])), None);
        assert_eq!(next_link(&headers(&["garbage", "<unclosed"])), None);
        assert_eq!(next_link(&HeaderMap::new()), None);
    }
}
