//! Detection on small documents: what each convention needs, and hints that
//! do not fit.

use std::path::Path;

use crate::ir::{PageStyle, Pagination};
use crate::lower::{lower, CrateInfo, Lowered};

/// Lowers a document with one `GET /things` operation, given its parameters
/// (as YAML flow items), its 200 schema and extra operation keys.
fn lowered(params: &[&str], schema: &str, extra: &str) -> Lowered {
    let params = format!("[{}]", params.join(", "));
    let source = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /things:\n    get:\n      operationId: thingsAll\n      parameters: {params}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {schema}\n{extra}components:\n  schemas:\n    Thing:\n      type: object\n      required: [id]\n      properties:\n        id: {{type: string}}\n    Num: {{type: integer, minimum: 0}}\n"
    );
    let doc = crate::load::parse(Path::new("t.yml"), source).unwrap();
    lower(&doc, &CrateInfo::new("t", "0.1.0")).unwrap()
}

fn pagination(lowered: &Lowered) -> Option<&Pagination> {
    lowered.api.resources[0].operations[0].pagination.as_ref()
}

const STRING: &str = "schema: {type: string}";
const INTEGER: &str = "schema: {type: integer}";

fn query(name: &str, schema: &str) -> String {
    format!("{{name: {name}, in: query, {schema}}}")
}

const LIST: &str = "{type: object, properties: {data: {type: array, items: {$ref: '#/components/schemas/Thing'}}, next_cursor: {type: string}, has_more: {type: boolean}, total: {type: integer}}}";

#[test]
fn a_cursor_needs_both_the_parameter_and_the_next_cursor() {
    let cursor = query("cursor", STRING);
    let found = lowered(&[&cursor], LIST, "");
    let Some(Pagination {
        style: PageStyle::Cursor { param, next },
        items,
        has_more,
        ..
    }) = pagination(&found)
    else {
        panic!("not a cursor: {:?}", pagination(&found));
    };
    assert_eq!(
        (param.as_str(), next.as_slice()),
        ("cursor", &["next_cursor".to_owned()][..])
    );
    assert_eq!(items, &["data"]);
    assert_eq!(has_more.as_deref(), Some(&["has_more".to_owned()][..]));

    let no_next = "{type: object, properties: {data: {type: array, items: {type: string}}}}";
    assert!(pagination(&lowered(&[&cursor], no_next, "")).is_none());
    let other = query("since", STRING);
    assert!(pagination(&lowered(&[&other], LIST, "")).is_none());
}

#[test]
fn numbers_need_a_first_page_a_page_size_and_a_list() {
    let page = query("page", "schema: {type: integer, minimum: 1}");
    let size = query("per_page", INTEGER);
    assert!(matches!(
        pagination(&lowered(&[&page, &size], LIST, "")).map(|p| &p.style),
        Some(PageStyle::Page { first: 1, .. })
    ));
    assert!(
        pagination(&lowered(&[&page], LIST, "")).is_none(),
        "no page size"
    );
    let from_anywhere = query("page", INTEGER);
    assert!(
        pagination(&lowered(&[&from_anywhere, &size], LIST, "")).is_none(),
        "a page number that may start at 0 or 1"
    );
    let summary = "{type: object, properties: {count: {type: integer}}}";
    assert!(
        pagination(&lowered(&[&page, &size], summary, "")).is_none(),
        "no list"
    );
    let text_page = query("page", STRING);
    assert!(pagination(&lowered(&[&text_page, &size], LIST, "")).is_none());
}

#[test]
fn offsets_read_the_total() {
    let offset = query("offset", INTEGER);
    let limit = query("limit", INTEGER);
    let found = lowered(&[&offset, &limit], LIST, "");
    let Some(PageStyle::Offset { total, .. }) = pagination(&found).map(|p| &p.style) else {
        panic!("not offsets");
    };
    assert_eq!(total.as_deref(), Some(&["total".to_owned()][..]));
}

/// Of two lists, neither with a usual name, none is the items.
#[test]
fn ambiguous_lists_are_not_items() {
    let offset = query("offset", INTEGER);
    let limit = query("limit", INTEGER);
    let two = "{type: object, properties: {left: {type: array, items: {type: string}}, right: {type: array, items: {type: string}}}}";
    assert!(pagination(&lowered(&[&offset, &limit], two, "")).is_none());
}

#[test]
fn a_hint_that_does_not_fit_is_a_warning() {
    let hint = "      x-sdk-pagination: {style: offset, offset: skip}\n";
    let found = lowered(&[], LIST, hint);
    assert!(pagination(&found).is_none());
    let warning = &found.warnings[0];
    assert_eq!(warning.pointer, "/paths/~1things/get/x-sdk-pagination");
    assert_eq!(
        warning.message,
        "not paginated: no integer query or header parameter `skip`"
    );

    let body_input = "      x-speakeasy-pagination: {type: cursor, inputs: [{name: c, in: requestBody, type: cursor}], outputs: {nextCursor: $.next_cursor}}\n";
    let found = lowered(&[], LIST, body_input);
    assert!(found.warnings[0]
        .message
        .contains("only `parameters` are supported"));
}

#[test]
fn json_paths_and_pointers_reach_nested_values() {
    let cursor = query("c", STRING);
    let nested = "{type: object, properties: {data: {type: array, items: {type: string}}, meta: {type: object, properties: {following: {type: string}}}}}";
    let hint = "      x-speakeasy-pagination: {type: cursor, inputs: [{name: c, in: parameters, type: cursor}], outputs: {nextCursor: $.meta.following, results: $.data}}\n";
    let found = lowered(&[&cursor], nested, hint);
    assert!(
        matches!(
            pagination(&found).map(|p| &p.style),
            Some(PageStyle::Cursor { next, .. }) if next == &["meta", "following"]
        ),
        "{:?}",
        found.warnings
    );
}

/// A page number whose schema is a named integer (`type Num = i64`) from 0.
#[test]
fn named_integer_parameters_count_and_their_minimum_is_read() {
    let page = query("page", "schema: {$ref: '#/components/schemas/Num'}");
    let size = query("per_page", INTEGER);
    assert!(matches!(
        pagination(&lowered(&[&page, &size], LIST, "")).map(|p| &p.style),
        Some(PageStyle::Page { first: 0, .. })
    ));
}

/// An integer next cursor (Box's `next_marker`) is a cursor too.
#[test]
fn integer_next_cursors_count() {
    let marker = query("marker", STRING);
    let page = "{type: object, properties: {entries: {type: array, items: {type: string}}, next_marker: {type: integer}}}";
    assert!(matches!(
        pagination(&lowered(&[&marker], page, "")).map(|p| &p.style),
        Some(PageStyle::Cursor { next, .. }) if next == &["next_marker"]
    ));
}

/// A next-page URL is fetched with GET: a POST with a `Link` header is not
/// paginated by it, and a hint that says so is a warning.
#[test]
fn only_get_operations_follow_next_page_urls() {
    let get = "        '200':\n          description: ok\n          headers:\n            Link: {schema: {type: string}}\n";
    let with_link = |method: &str| {
        format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /things:\n    {method}:\n      operationId: thingsAll\n      responses:\n{get}          content:\n            application/json:\n              schema: {{type: array, items: {{type: string}}}}\n      x-sdk-pagination: {{style: link}}\n"
        )
    };
    let lower_text = |source: String| {
        let doc = crate::load::parse(Path::new("t.yml"), source).unwrap();
        lower(&doc, &CrateInfo::new("t", "0.1.0")).unwrap()
    };
    assert!(pagination(&lower_text(with_link("get"))).is_some());
    let post = lower_text(with_link("post"));
    assert!(pagination(&post).is_none());
    assert_eq!(
        post.warnings[0].message,
        "not paginated: next-page URLs are fetched with GET, and this operation is POST"
    );
}
