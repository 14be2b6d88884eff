//! Every pagination style of the `pagination` fixture against wiremock: the
//! exact requests each listing sends, where it stops, and the listings that
//! cannot finish ending with `Error::Pagination`.

use fixture_pagination::models::Thing;
use fixture_pagination::runtime::{RetryConfig, Truncation};
use fixture_pagination::{Error, Pagination};
use futures_util::{Stream, StreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn client(server: &MockServer) -> Pagination {
    Pagination::builder()
        .server_url(server.uri())
        .retry(RetryConfig::none())
        .build()
        .unwrap()
}

/// Answers each query string (`""` for none) with its page; anything else is
/// a 404, which the listing would report as an error.
struct Script(Vec<(String, ResponseTemplate)>);

impl Respond for Script {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = request.url.query().unwrap_or("");
        self.0
            .iter()
            .find(|(expected, _)| expected == query)
            .map_or(ResponseTemplate::new(404), |(_, page)| page.clone())
    }
}

async fn serve(route: &str, pages: Vec<(&str, ResponseTemplate)>) -> MockServer {
    let server = MockServer::start().await;
    let pages = pages.into_iter().map(|(q, p)| (q.to_owned(), p)).collect();
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(Script(pages))
        .mount(&server)
        .await;
    server
}

fn json_page(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// Items with these ids.
fn things(ids: &str) -> Value {
    ids.chars()
        .map(|id| json!({"id": id.to_string()}))
        .collect()
}

/// The query string of every request the server received, in order.
async fn queries(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_owned())
        .collect()
}

/// The ids streamed, and the error that ended the stream, if any.
async fn walk(stream: impl Stream<Item = Result<Thing, Error>>) -> (String, Option<Error>) {
    let mut ids = String::new();
    let mut stream = std::pin::pin!(stream);
    while let Some(item) = stream.next().await {
        match item {
            Ok(thing) => ids.push_str(&thing.id),
            Err(error) => return (ids, Some(error)),
        }
    }
    (ids, None)
}

fn truncation(error: Option<Error>) -> Truncation {
    match error {
        Some(Error::Pagination(error)) => error.reason(),
        other => panic!("expected Error::Pagination, got {other:?}"),
    }
}

#[tokio::test]
async fn a_cursor_in_the_body_is_sent_back_until_it_is_null() {
    let server = serve(
        "/tokens",
        vec![
            (
                "page_size=2",
                json_page(json!({"items": things("ab"), "next_page_token": "t2"})),
            ),
            (
                "page_token=t2&page_size=2",
                json_page(json!({"items": things("cd"), "next_page_token": "t3"})),
            ),
            (
                "page_token=t3&page_size=2",
                json_page(json!({"items": things("e"), "next_page_token": null})),
            ),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).tokens().list().page_size(2).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abcde", true));
    assert_eq!(
        queries(&server).await,
        [
            "page_size=2",
            "page_token=t2&page_size=2",
            "page_token=t3&page_size=2"
        ]
    );
}

#[tokio::test]
async fn an_integer_cursor_is_sent_as_text() {
    let page = |ids, next: Value| json_page(json!({"entries": things(ids), "next_marker": next}));
    let server = serve(
        "/markers",
        vec![
            ("limit=2", page("ab", json!(42))),
            ("marker=42&limit=2", page("c", Value::Null)),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).markers().list().limit(2).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abc", true));
    assert_eq!(queries(&server).await, ["limit=2", "marker=42&limit=2"]);
}

#[tokio::test]
async fn has_more_sends_the_last_id_as_starting_after() {
    let server = serve(
        "/threads",
        vec![
            (
                "limit=2",
                json_page(json!({"data": things("ab"), "has_more": true})),
            ),
            (
                "starting_after=b&limit=2",
                json_page(json!({"data": things("cd"), "has_more": true})),
            ),
            (
                "starting_after=d&limit=2",
                json_page(json!({"data": things("e"), "has_more": false})),
            ),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).threads().list().limit(2).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abcde", true));
    assert_eq!(queries(&server).await.len(), 3);
}

/// `has_more: false` ends the listing even on a full page.
#[tokio::test]
async fn has_more_false_is_the_last_page() {
    let server = serve(
        "/threads",
        vec![(
            "limit=2",
            json_page(json!({"data": things("ab"), "has_more": false})),
        )],
    )
    .await;
    let (ids, error) = walk(client(&server).threads().list().limit(2).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("ab", true));
    assert_eq!(queries(&server).await, ["limit=2"]);
}

#[tokio::test]
async fn a_bare_array_pages_by_its_last_id_until_a_short_page() {
    let server = serve(
        "/agents",
        vec![
            ("limit=2", json_page(things("ab"))),
            ("after=b&limit=2", json_page(things("cd"))),
            ("after=d&limit=2", json_page(things("e"))),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).agents().list().limit(2).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abcde", true));
    assert_eq!(
        queries(&server).await,
        ["limit=2", "after=b&limit=2", "after=d&limit=2"]
    );
}

/// Without a page size to compare with, an empty page is the end.
#[tokio::test]
async fn a_bare_array_without_a_limit_ends_on_an_empty_page() {
    let server = serve(
        "/agents",
        vec![
            ("", json_page(things("ab"))),
            ("after=b", json_page(things("c"))),
            ("after=c", json_page(things(""))),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).agents().list().into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abc", true));
    assert_eq!(queries(&server).await, ["", "after=b", "after=c"]);
}

#[tokio::test]
async fn numbered_pages_stop_at_the_page_count() {
    let page = |ids, number| {
        json_page(json!({"results": things(ids), "pagination": {"page": number, "total_pages": 3}}))
    };
    let server = serve(
        "/pages",
        vec![
            ("per_page=2", page("ab", 1)),
            ("page=2&per_page=2", page("cd", 2)),
            ("page=3&per_page=2", page("ef", 3)),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).pages().list().per_page(2).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abcdef", true));
    assert_eq!(
        queries(&server).await,
        ["per_page=2", "page=2&per_page=2", "page=3&per_page=2"],
        "page 3 of 3 is full, yet nothing more is asked"
    );
}

/// Numbered from 0 (the parameter's minimum), without a count: a short page ends it.
#[tokio::test]
async fn numbered_pages_from_zero_stop_at_a_short_page() {
    let page = |ids| json_page(json!({"records": things(ids)}));
    let server = serve(
        "/numbered",
        vec![
            ("pageSize=2", page("ab")),
            ("page=1&pageSize=2", page("cd")),
            ("page=2&pageSize=2", page("e")),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).numbered().list().page_size(2).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abcde", true));
    assert_eq!(
        queries(&server).await,
        ["pageSize=2", "page=1&pageSize=2", "page=2&pageSize=2"]
    );
}

/// A page set by the caller is where the listing starts.
#[tokio::test]
async fn numbered_pages_start_where_the_caller_says() {
    let page = |ids| json_page(json!({"records": things(ids)}));
    let server = serve(
        "/numbered",
        vec![("page=5", page("xy")), ("page=6", page(""))],
    )
    .await;
    let (ids, _) = walk(client(&server).numbered().list().page(5).into_stream()).await;
    assert_eq!(ids, "xy");
    assert_eq!(queries(&server).await, ["page=5", "page=6"]);
}

#[tokio::test]
async fn offsets_advance_by_the_items_received_until_the_total() {
    let page = |ids| json_page(json!({"entries": things(ids), "total_count": 5}));
    let server = serve(
        "/offsets",
        vec![("", page("abc")), ("offset=3", page("de"))],
    )
    .await;
    let (ids, error) = walk(client(&server).offsets().list().into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abcde", true));
    assert_eq!(
        queries(&server).await,
        ["", "offset=3"],
        "the server's own page size (3) is what the offset advances by"
    );
}

/// A server that caps the page size below the one asked for: the total, not
/// the short page, says when the listing ends.
#[tokio::test]
async fn a_total_wins_over_a_short_page() {
    let page = |ids| json_page(json!({"entries": things(ids), "total_count": 5}));
    let server = serve(
        "/offsets",
        vec![
            ("limit=100", page("ab")),
            ("offset=2&limit=100", page("cd")),
            ("offset=4&limit=100", page("e")),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).offsets().list().limit(100).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abcde", true));
    assert_eq!(queries(&server).await.len(), 3);
}

/// The document gives a total, this answer leaves it out: with no count to go
/// by, a short page may be a capped one, so only an empty page ends it.
#[tokio::test]
async fn without_the_total_offsets_go_on_to_an_empty_page() {
    let page = |ids| json_page(json!({"entries": things(ids)}));
    let server = serve(
        "/offsets",
        vec![
            ("offset=10&limit=2", page("ab")),
            ("offset=12&limit=2", page("c")),
            ("offset=13&limit=2", page("")),
        ],
    )
    .await;
    let offsets = client(&server).offsets().list().offset(10).limit(2);
    let (ids, error) = walk(offsets.into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abc", true));
    assert_eq!(queries(&server).await.len(), 3);
}

#[tokio::test]
async fn link_headers_are_followed_absolute_or_relative() {
    let server = MockServer::start().await;
    let linked = |ids, link: Option<String>| {
        let page = json_page(things(ids));
        match link {
            Some(link) => page.insert_header("link", link.as_str()),
            None => page,
        }
    };
    let absolute = format!(
        r#"<{}/linked?per_page=2&cursor=x>; rel="next", </linked?per_page=2>; rel="first""#,
        server.uri()
    );
    let pages = vec![
        ("per_page=2".to_owned(), linked("ab", Some(absolute))),
        (
            "per_page=2&cursor=x".to_owned(),
            linked(
                "cd",
                Some(r#"</linked?per_page=2&cursor=y>; rel="next""#.to_owned()),
            ),
        ),
        ("per_page=2&cursor=y".to_owned(), linked("e", None)),
    ];
    Mock::given(method("GET"))
        .and(path("/linked"))
        .respond_with(Script(pages))
        .mount(&server)
        .await;
    let (ids, error) = walk(client(&server).linked().list().per_page(2).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abcde", true));
    assert_eq!(
        queries(&server).await,
        ["per_page=2", "per_page=2&cursor=x", "per_page=2&cursor=y"]
    );
}

/// An answer whose success statuses carry different types pages through the
/// one that holds items; any other answer ends the listing with an error.
#[tokio::test]
async fn an_answer_that_is_not_a_page_ends_the_listing_with_an_error() {
    let server = serve(
        "/results/h1",
        vec![
            (
                "",
                json_page(json!({"data": things("ab")}))
                    .insert_header("link", r#"</results/h1?partition=1>; rel="next""#),
            ),
            (
                "partition=1",
                ResponseTemplate::new(202).set_body_json(json!({"message": "not yet"})),
            ),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).results().get("h1").into_stream()).await;
    assert_eq!(ids, "ab");
    assert_eq!(truncation(error), Truncation::NotAPage);
    assert_eq!(queries(&server).await, ["", "partition=1"]);
}

/// A next link to another origin is never followed, as redirects are not.
#[tokio::test]
async fn a_link_to_another_origin_ends_the_listing_with_an_error() {
    let server = serve(
        "/linked",
        vec![(
            "",
            json_page(things("ab")).insert_header(
                "link",
                r#"<https://elsewhere.example/linked?cursor=x>; rel="next""#,
            ),
        )],
    )
    .await;
    let (ids, error) = walk(client(&server).linked().list().into_stream()).await;
    assert_eq!(ids, "ab");
    assert_eq!(truncation(error), Truncation::OtherOrigin);
    assert_eq!(queries(&server).await.len(), 1);
}

#[tokio::test]
async fn speakeasy_cursor_outputs_are_read_by_their_json_path() {
    let page = |ids, next: Value| {
        json_page(json!({"records": things(ids), "paging": {"following": next}}))
    };
    let server = serve(
        "/speakeasy/cursor",
        vec![
            ("", page("ab", json!("n1"))),
            ("since=n1", page("c", json!(""))),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).hinted().speakeasy_cursor().into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abc", true));
    assert_eq!(queries(&server).await, ["", "since=n1"]);
}

#[tokio::test]
async fn speakeasy_offset_limit_inputs_name_the_parameters() {
    let page = |ids| json_page(json!({"rows": things(ids)}));
    let server = serve(
        "/speakeasy/offset",
        vec![("take=2", page("ab")), ("skip=2&take=2", page("c"))],
    )
    .await;
    let listing = client(&server).hinted().speakeasy_offset().take(2);
    let (ids, error) = walk(listing.into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abc", true));
    assert_eq!(queries(&server).await, ["take=2", "skip=2&take=2"]);
}

#[tokio::test]
async fn speakeasy_next_urls_are_followed() {
    let page = |ids, next: Value| json_page(json!({"rows": things(ids), "links": {"next": next}}));
    let server = serve(
        "/speakeasy/url",
        vec![
            ("q=z", page("ab", json!("/speakeasy/url?q=z&after=b"))),
            ("q=z&after=b", page("c", Value::Null)),
        ],
    )
    .await;
    let listing = client(&server).hinted().speakeasy_url().q("z");
    let (ids, error) = walk(listing.into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abc", true));
    assert_eq!(queries(&server).await, ["q=z", "q=z&after=b"]);
}

#[tokio::test]
async fn declared_page_parameters_and_page_count_are_used() {
    let page = |ids| json_page(json!({"hits": things(ids), "pages": 2}));
    let server = serve(
        "/declared",
        vec![("n=2", page("ab")), ("p=2&n=2", page("cd"))],
    )
    .await;
    let (ids, error) = walk(client(&server).hinted().declared_all().n(2).into_stream()).await;
    assert_eq!((ids.as_str(), error.is_none()), ("abcd", true));
    assert_eq!(queries(&server).await, ["n=2", "p=2&n=2"]);
}

#[tokio::test]
async fn into_pages_yields_whole_responses() {
    let page = |ids| json_page(json!({"entries": things(ids), "total_count": 3}));
    let server = serve(
        "/offsets",
        vec![("limit=2", page("ab")), ("offset=2&limit=2", page("c"))],
    )
    .await;
    let pages: Vec<_> = client(&server)
        .offsets()
        .list()
        .limit(2)
        .into_pages()
        .collect()
        .await;
    let sizes: Vec<(u16, usize, Option<i64>)> = pages
        .into_iter()
        .map(|page| {
            let page = page.unwrap();
            (
                page.status(),
                page.value().entries.len(),
                page.value().total_count,
            )
        })
        .collect();
    assert_eq!(sizes, [(200, 2, Some(3)), (200, 1, Some(3))]);
}

#[tokio::test]
async fn the_same_cursor_twice_ends_with_an_error() {
    let page = |ids| json_page(json!({"items": things(ids), "next_page_token": "same"}));
    let server = serve(
        "/tokens",
        vec![("", page("ab")), ("page_token=same", page("cd"))],
    )
    .await;
    let (ids, error) = walk(client(&server).tokens().list().into_stream()).await;
    assert_eq!(ids, "abcd", "the items before the repeat are yielded");
    let error = error.expect("an error ends the listing");
    assert_eq!(
        error.to_string(),
        "the listing was truncated after 2 pages: the server named the page it had just sent as the next one"
    );
    assert_eq!(truncation(Some(error)), Truncation::RepeatedCursor);
    assert_eq!(
        queries(&server).await.len(),
        2,
        "the repeated page is not asked for again"
    );
}

#[tokio::test]
async fn a_cursor_cycle_ends_with_an_error() {
    let page = |ids, next| json_page(json!({"items": things(ids), "next_page_token": next}));
    let server = serve(
        "/tokens",
        vec![
            ("", page("a", "A")),
            ("page_token=A", page("b", "B")),
            ("page_token=B", page("c", "A")),
        ],
    )
    .await;
    let (ids, error) = walk(client(&server).tokens().list().into_stream()).await;
    assert_eq!(ids, "abc");
    assert_eq!(truncation(error), Truncation::CursorCycle);
    assert_eq!(queries(&server).await.len(), 3);
}

/// Fresh cursors for empty pages, forever.
struct EndlessEmptyPages;

impl Respond for EndlessEmptyPages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let n: u32 = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "page_token")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        json_page(json!({"items": [], "next_page_token": (n + 1).to_string()}))
    }
}

#[tokio::test]
async fn endless_empty_pages_end_with_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(EndlessEmptyPages)
        .mount(&server)
        .await;
    let (ids, error) = walk(client(&server).tokens().list().into_stream()).await;
    assert_eq!(ids, "");
    let error = error.expect("an error ends the listing");
    assert!(
        error.to_string().contains("truncated after 16 pages"),
        "{error}"
    );
    assert_eq!(truncation(Some(error)), Truncation::EmptyPages);
    assert_eq!(
        queries(&server).await.len(),
        fixture_pagination::runtime::MAX_EMPTY_PAGES
    );
}

/// Operations that only look like lists get no stream; their builders are
/// the same as any other's.
#[test]
fn lookalikes_are_not_paginated() {
    let generated = |file: &str| {
        std::fs::read_to_string(format!(
            "{}/../generated/fixtures/pagination/src/resources/{file}.rs",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    assert!(!generated("lookalikes").contains("into_stream"));
    assert!(generated("tokens").contains("into_stream"));
}
