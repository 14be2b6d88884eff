//! Whether a body fits the document's own schema, checked with a JSON Schema
//! validator (the `jsonschema` crate), to say whose a failure is.
//!
//! - An answer Prism served from the document's examples that did not decode:
//!   Prism logs such violations only some of the time (never a required
//!   property an example leaves out), so the failure is the document's when
//!   the served body does not fit, and the SDK's when it does.
//! - A request body Prism refused: the document's when it is the document's
//!   own example and does not fit; Prism's when it fits (Prism requires
//!   `readOnly` properties inside a `oneOf`, which OpenAPI exempts requests
//!   from); else the SDK's.

use sdkgen::diagnostics::escape_token;
use sdkgen::media::is_json;
use serde_json::{Map, Value};

/// The document as one JSON Schema resource: OpenAPI 3.0's `nullable`
/// rewritten as a `null` alternative, its boolean exclusive bounds dropped
/// (draft 7 reads them as numbers), so `#/components/...` pointers resolve
/// inside it.
pub struct Schemas {
    root: Value,
    /// The same, with `readOnly` properties no longer required: what a
    /// request body must satisfy.
    requests: Value,
}

impl Schemas {
    /// Prepares the loaded document's tree.
    pub fn new(raw: &serde_yaml::Value) -> Result<Self, String> {
        let mut root = serde_json::to_value(raw).map_err(|e| e.to_string())?;
        to_json_schema(&mut root);
        let mut requests = root.clone();
        let mut edits = Vec::new();
        read_only_required(&root, &root, String::new(), &mut edits);
        for (pointer, name) in edits {
            if let Some(Value::Array(required)) =
                requests.pointer_mut(&format!("{pointer}/required"))
            {
                required.retain(|n| n.as_str() != Some(&name));
            }
        }
        Ok(Self { root, requests })
    }

    /// Why a request `body` does not fit the schema of `method path`'s request
    /// body (`readOnly` properties not required), or `None`.
    pub fn request_violations(&self, method: &str, path: &str, body: &Value) -> Option<Violations> {
        let at = self.follow(format!(
            "/paths/{}/{method}/requestBody",
            escape_token(path)
        ))?;
        let content = self.follow(format!("{at}/content"))?;
        let media = self
            .root
            .pointer(&content)?
            .as_object()?
            .keys()
            .find(|m| is_json(m))?;
        let schema = format!("{content}/{}/schema", escape_token(media));
        validate(&self.requests, &schema, body)
    }

    /// Why `body` does not fit the schema of the `status` answer of
    /// `method path` (the first few violations, with where they are), or
    /// `None` when it fits or the document gives no schema to check against.
    pub fn violations(
        &self,
        method: &str,
        path: &str,
        status: u16,
        body: &Value,
    ) -> Option<Violations> {
        let pointer = self.response_schema(method, path, status)?;
        validate(&self.root, &pointer, body)
    }

    /// The pointer of the JSON schema of an operation's answer with `status`
    /// (else its `2XX`, else `default` answer), through a `$ref` to a shared
    /// response.
    fn response_schema(&self, method: &str, path: &str, status: u16) -> Option<String> {
        let responses = format!("/paths/{}/{method}/responses", escape_token(path));
        let listed = self.root.pointer(&responses)?.as_object()?;
        let key = [
            status.to_string(),
            format!("{}XX", status / 100),
            "default".to_owned(),
        ]
        .into_iter()
        .find(|key| listed.contains_key(key))?;
        let at = self.follow(format!("{responses}/{}", escape_token(&key)))?;
        let content = self.follow(format!("{at}/content"))?;
        let media = self
            .root
            .pointer(&content)?
            .as_object()?
            .keys()
            .find(|m| is_json(m))?;
        let schema = format!("{content}/{}/schema", escape_token(media));
        self.root.pointer(&schema)?;
        Some(schema)
    }
}

impl Schemas {
    /// The pointer `at` leads to once its `$ref`s are followed (documents
    /// split across files refer even to a response's `content`).
    fn follow(&self, mut at: String) -> Option<String> {
        for _ in 0..8 {
            match self.root.pointer(&at)?.get("$ref").and_then(Value::as_str) {
                Some(target) => at = sdkgen::load::percent_decode(target.strip_prefix('#')?),
                None => return Some(at),
            }
        }
        None
    }
}

/// The first few violations of the schema at `pointer` in `root` by `body`.
fn validate(root: &Value, pointer: &str, body: &Value) -> Option<Violations> {
    root.pointer(pointer)?;
    let mut schema = root.clone();
    schema.as_object_mut()?.insert(
        "$ref".to_owned(),
        Value::String(format!("#{}", fragment(pointer))),
    );
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&schema)
        .ok()?;
    let found: Vec<String> = validator
        .iter_errors(body)
        .take(3)
        .map(|error| {
            let at = error.instance_path().to_string();
            let at = if at.is_empty() { "/".to_owned() } else { at };
            format!("at `{at}`: {error}")
        })
        .collect();
    (!found.is_empty()).then_some(Violations(found))
}

/// What a validator found wrong with a body, each with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violations(Vec<String>);

impl Violations {
    /// Every violation is a `oneOf` whose members overlap: the body fits
    /// more than one, so no body of that kind can fit exactly one.
    pub fn only_overlapping_one_of(&self) -> bool {
        self.0.iter().all(|v| {
            v.contains("is valid under more than one of the schemas listed in the 'oneOf'")
        })
    }
}

impl std::fmt::Display for Violations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("; "))
    }
}

/// Every (object schema, property) where a required property is `readOnly`
/// (directly or through a `$ref`), found by walking `node` at `pointer`.
fn read_only_required(
    root: &Value,
    node: &Value,
    pointer: String,
    edits: &mut Vec<(String, String)>,
) {
    match node {
        Value::Object(map) => {
            if let (Some(Value::Array(required)), Some(Value::Object(properties))) =
                (map.get("required"), map.get("properties"))
            {
                for name in required.iter().filter_map(Value::as_str) {
                    if properties.get(name).is_some_and(|p| is_read_only(root, p)) {
                        edits.push((pointer.clone(), name.to_owned()));
                    }
                }
            }
            for (key, child) in map {
                read_only_required(
                    root,
                    child,
                    format!("{pointer}/{}", escape_token(key)),
                    edits,
                );
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                read_only_required(root, child, format!("{pointer}/{index}"), edits);
            }
        }
        _ => {}
    }
}

fn is_read_only(root: &Value, schema: &Value) -> bool {
    let mut schema = schema;
    for _ in 0..8 {
        if schema.get("readOnly") == Some(&Value::Bool(true)) {
            return true;
        }
        match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| root.pointer(&sdkgen::load::percent_decode(pointer)))
        {
            Some(target) => schema = target,
            None => return false,
        }
    }
    false
}

/// A JSON pointer as a URI fragment: `{`, `}` and other characters a URI
/// may not hold, percent-encoded (`/paths/~1a~1{id}` → `…%7Bid%7D`).
fn fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for byte in pointer.bytes() {
        if byte.is_ascii_alphanumeric() || b"/~-._!$&'()*+,;=:@?".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Rewrites OpenAPI 3.0 schema keywords draft 7 reads otherwise, everywhere
/// in the tree (a key named `nullable` whose value is `true` is the keyword:
/// a property of that name holds a schema object, not `true`).
fn to_json_schema(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for child in map.values_mut() {
                to_json_schema(child);
            }
            for bound in ["exclusiveMinimum", "exclusiveMaximum"] {
                if map.get(bound).is_some_and(Value::is_boolean) {
                    map.remove(bound);
                }
            }
            if map.get("nullable") == Some(&Value::Bool(true)) {
                map.remove("nullable");
                let inner = Value::Object(std::mem::take(map));
                let mut null = Map::new();
                null.insert("type".to_owned(), Value::String("null".to_owned()));
                map.insert(
                    "anyOf".to_owned(),
                    Value::Array(vec![Value::Object(null), inner]),
                );
            }
        }
        Value::Array(items) => items.iter_mut().for_each(to_json_schema),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schemas() -> Schemas {
        let raw: serde_yaml::Value = serde_yaml::from_str(
            r"
openapi: 3.0.3
paths:
  /creatives/{id}:
    get:
      responses:
        '200': {$ref: '#/components/responses/Creative'}
  /drafts/{id}:
    get:
      responses:
        '200':
          description: x
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Creative'}
    patch:
      responses:
        '200':
          description: x
          content: {$ref: '#/paths/~1drafts~1%7Bid%7D/get/responses/200/content'}
  /other:
    get:
      responses:
        default:
          description: x
          content:
            application/json:
              schema: {type: object, properties: {n: {type: integer, nullable: true, minimum: 0, exclusiveMinimum: true}}}
components:
  responses:
    Creative:
      description: x
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Creative'}
  schemas:
    Creative:
      type: object
      required: [deleted]
      properties:
        deleted: {type: boolean}
        nullable: {type: string}
",
        )
        .unwrap();
        Schemas::new(&raw).unwrap()
    }

    #[test]
    fn a_served_answer_missing_a_required_property_is_named() {
        let found = schemas()
            .violations("get", "/creatives/{id}", 200, &json!({"id": "crv_1"}))
            .unwrap()
            .to_string();
        assert!(
            found.contains("\"deleted\" is a required property"),
            "{found}"
        );
        assert_eq!(
            schemas().violations("get", "/creatives/{id}", 200, &json!({"deleted": false})),
            None
        );
        // Through a percent-encoded `$ref` to another answer's content, and
        // a path with a placeholder (its braces are percent-encoded too).
        let found = schemas()
            .violations("patch", "/drafts/{id}", 200, &json!({}))
            .unwrap()
            .to_string();
        assert!(
            found.contains("\"deleted\" is a required property"),
            "{found}"
        );
    }

    #[test]
    fn nullable_and_boolean_bounds_read_as_openapi_3_0_means_them() {
        let schemas = schemas();
        assert_eq!(
            schemas.violations("get", "/other", 500, &json!({"n": null})),
            None
        );
        assert_eq!(
            schemas.violations("get", "/other", 500, &json!({"n": 0})),
            None
        );
        assert!(schemas
            .violations("get", "/other", 500, &json!({"n": "x"}))
            .is_some());
        // A property named `nullable` is not the keyword.
        assert!(schemas
            .violations(
                "get",
                "/creatives/{id}",
                200,
                &json!({"deleted": true, "nullable": 1})
            )
            .is_some());
    }

    #[test]
    fn request_bodies_need_not_carry_read_only_properties() {
        let raw: serde_yaml::Value = serde_yaml::from_str(
            r"
openapi: 3.0.3
paths:
  /bodies:
    post:
      requestBody:
        content:
          application/json:
            schema:
              oneOf: [{$ref: '#/components/schemas/Planet'}]
components:
  schemas:
    Planet:
      type: object
      required: [id, name]
      properties:
        id: {$ref: '#/components/schemas/Id'}
        name: {type: string, format: uri}
    Id: {type: integer, readOnly: true}
",
        )
        .unwrap();
        let schemas = Schemas::new(&raw).unwrap();
        assert_eq!(
            schemas.request_violations("post", "/bodies", &json!({"name": "https://a.example"})),
            None
        );
        // `name` is still required (the violation shows as the `oneOf`'s).
        let found = schemas
            .request_violations("post", "/bodies", &json!({"id": 1}))
            .unwrap()
            .to_string();
        assert!(found.contains("oneOf"), "{found}");
        // Answers still must carry it.
        assert!(
            schemas
                .violations("post", "/bodies", 200, &json!({"name": "x"}))
                .is_none(),
            "no answer is documented"
        );
    }

    #[test]
    fn a_body_that_fits_two_members_of_a_one_of_is_told_apart() {
        let raw: serde_yaml::Value = serde_yaml::from_str(
            r"
openapi: 3.0.3
paths:
  /auth:
    post:
      requestBody:
        content:
          application/json:
            schema:
              oneOf:
                - {type: object, required: [key]}
                - {type: object, properties: {user: {type: string}}}
",
        )
        .unwrap();
        let schemas = Schemas::new(&raw).unwrap();
        let overlap = schemas
            .request_violations("post", "/auth", &json!({"key": "k"}))
            .unwrap();
        assert!(overlap.only_overlapping_one_of(), "{overlap}");
        let wrong = schemas
            .request_violations("post", "/auth", &json!(7))
            .unwrap();
        assert!(!wrong.only_overlapping_one_of(), "{wrong}");
    }

    #[test]
    fn no_schema_means_nothing_to_say() {
        assert_eq!(schemas().violations("post", "/other", 200, &json!(1)), None);
    }
}
