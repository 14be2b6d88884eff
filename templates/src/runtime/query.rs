//! Serialization of query parameters by OpenAPI `style`.

use serde_json::Value;

/// How a query parameter is laid out, as OpenAPI's `style` and `explode` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `style: form`; with `explode`, arrays repeat the name and objects spread their keys.
    Form {
        /// OpenAPI's `explode` (true by default for `form`).
        explode: bool,
    },
    /// `style: spaceDelimited`: array items joined by spaces.
    SpaceDelimited,
    /// `style: pipeDelimited`: array items joined by `|`.
    PipeDelimited,
    /// `style: deepObject`: `name[key]=value` for each key, nested as deep as the value goes.
    DeepObject,
}

/// Renders a scalar as it appears in a URL: strings bare, everything else as JSON text.
pub(crate) fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        Value::Bool(_) | Value::Number(_) => Some(value.to_string()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Appends the `(name, value)` pairs for one parameter; `null` adds nothing.
pub(crate) fn encode(
    name: &str,
    value: &Value,
    style: QueryStyle,
    out: &mut Vec<(String, String)>,
) {
    match (value, style) {
        (Value::Null, _) => {}
        (Value::Array(items), QueryStyle::Form { explode: true }) => {
            out.extend(
                items
                    .iter()
                    .filter_map(scalar)
                    .map(|item| (name.to_owned(), item)),
            );
        }
        (Value::Array(items), _) => {
            let separator = match style {
                QueryStyle::SpaceDelimited => " ",
                QueryStyle::PipeDelimited => "|",
                _ => ",",
            };
            let joined: Vec<String> = items.iter().filter_map(scalar).collect();
            out.push((name.to_owned(), joined.join(separator)));
        }
        (Value::Object(_), QueryStyle::DeepObject) => deep_object(name, value, out),
        (Value::Object(fields), QueryStyle::Form { explode: true }) => {
            for (key, field) in fields {
                if let Some(text) = scalar(field) {
                    out.push((key.clone(), text));
                }
            }
        }
        (Value::Object(fields), _) => {
            let flat: Vec<String> = fields
                .iter()
                .filter_map(|(key, field)| scalar(field).map(|text| format!("{key},{text}")))
                .collect();
            out.push((name.to_owned(), flat.join(",")));
        }
        (scalar_value, _) => {
            if let Some(text) = scalar(scalar_value) {
                out.push((name.to_owned(), text));
            }
        }
    }
}

fn deep_object(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                deep_object(&format!("{prefix}[{key}]"), field, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                deep_object(&format!("{prefix}[]"), item, out);
            }
        }
        other => {
            if let Some(text) = scalar(other) {
                out.push((prefix.to_owned(), text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(value: Value, style: QueryStyle) -> Vec<(String, String)> {
        let mut out = Vec::new();
        encode("p", &value, style, &mut out);
        out
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    const FORM: QueryStyle = QueryStyle::Form { explode: true };

    #[test]
    fn scalars_render_without_quotes() {
        assert_eq!(pairs(json!("crm"), FORM), owned(&[("p", "crm")]));
        assert_eq!(pairs(json!(true), FORM), owned(&[("p", "true")]));
        assert_eq!(pairs(json!(10.5), FORM), owned(&[("p", "10.5")]));
        assert_eq!(pairs(json!(null), FORM), owned(&[]));
    }

    #[test]
    fn arrays_follow_the_style() {
        assert_eq!(
            pairs(json!(["a", "b"]), FORM),
            owned(&[("p", "a"), ("p", "b")])
        );
        assert_eq!(
            pairs(json!(["a", "b"]), QueryStyle::Form { explode: false }),
            owned(&[("p", "a,b")])
        );
        assert_eq!(
            pairs(json!(["a", "b"]), QueryStyle::SpaceDelimited),
            owned(&[("p", "a b")])
        );
        assert_eq!(
            pairs(json!(["a", "b"]), QueryStyle::PipeDelimited),
            owned(&[("p", "a|b")])
        );
    }

    #[test]
    fn deep_objects_bracket_every_key() {
        let value =
            json!({"connector_id": "x", "status_code": 201, "nested": {"k": false}, "skip": null});
        assert_eq!(
            pairs(value, QueryStyle::DeepObject),
            owned(&[
                ("p[connector_id]", "x"),
                ("p[nested][k]", "false"),
                ("p[status_code]", "201")
            ])
        );
    }

    #[test]
    fn form_objects_spread_or_flatten() {
        assert_eq!(
            pairs(json!({"a": 1, "b": "x"}), FORM),
            owned(&[("a", "1"), ("b", "x")])
        );
        assert_eq!(
            pairs(
                json!({"a": 1, "b": "x"}),
                QueryStyle::Form { explode: false }
            ),
            owned(&[("p", "a,1,b,x")])
        );
    }
}
