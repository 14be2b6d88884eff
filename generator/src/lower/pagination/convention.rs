//! Pagination found by convention: parameter names and the page's shape
//! must both match, or the operation is not paginated.

use super::shape::{self, is_bool, is_integer, is_string, Reached};
use super::{dotted, Context};
use crate::ir::{PageStyle, Pagination, Param, TypeRef};

/// Query parameters that take an opaque cursor.
const CURSOR_PARAMS: [&str; 13] = [
    "cursor",
    "page_token",
    "pageToken",
    "next_token",
    "nextToken",
    "continuation_token",
    "continuationToken",
    "page_cursor",
    "pageCursor",
    "marker",
    "after",
    "starting_after",
    "startingAfter",
];

/// Page properties (strings) that hold the next cursor.
const NEXT_CURSORS: [&str; 14] = [
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "continuation_token",
    "continuationToken",
    "next_page_cursor",
    "nextPageCursor",
    "next_marker",
    "nextMarker",
    "next_offset",
    "next",
];

/// Query parameters that take the last item's id.
const AFTER_PARAMS: [&str; 5] = [
    "after",
    "starting_after",
    "startingAfter",
    "after_id",
    "afterId",
];

/// Page properties (flags) that say whether more pages follow.
const HAS_MORE: [&str; 7] = [
    "has_more",
    "hasMore",
    "has_next",
    "hasNext",
    "has_next_page",
    "hasNextPage",
    "more",
];

/// Query parameters that number pages.
const PAGE_PARAMS: [&str; 5] = ["page", "page_number", "pageNumber", "page_no", "pageNo"];

/// Query parameters that size a page.
const SIZE_PARAMS: [&str; 12] = [
    "per_page",
    "perPage",
    "page_size",
    "pageSize",
    "items_per_page",
    "itemsPerPage",
    "hitsPerPage",
    "limit",
    "size",
    "amount",
    "take",
    "max_results",
];

/// Page properties (integers) that count the pages.
const TOTAL_PAGES: [&str; 8] = [
    "total_pages",
    "totalPages",
    "nbPages",
    "page_count",
    "pageCount",
    "num_pages",
    "numPages",
    "last_page",
];

/// Query parameters that skip items.
const OFFSET_PARAMS: [&str; 2] = ["offset", "skip"];

/// Page properties (integers) that count the items of the whole listing.
const TOTAL_ITEMS: [&str; 10] = [
    "total",
    "total_count",
    "totalCount",
    "total_entries",
    "totalEntries",
    "total_results",
    "totalResults",
    "total_items",
    "totalItems",
    "nbItems",
];

/// The first style whose names and shape all match.
pub fn detect(cx: &Context<'_>) -> Option<Pagination> {
    cursor(cx)
        .or_else(|| after_last(cx))
        .or_else(|| link_header(cx))
        .or_else(|| numbered(cx))
        .or_else(|| offset(cx))
}

fn has_more(cx: &Context<'_>) -> Option<Reached> {
    shape::find(cx.types, cx.page, &HAS_MORE, is_bool)
}

fn more_clause(has_more: &Option<Reached>) -> String {
    has_more
        .as_ref()
        .map(|flag| format!(" or {} is false", dotted(&flag.wire)))
        .unwrap_or_default()
}

fn short_clause(param: Option<&Param>) -> String {
    param
        .map(|p| format!(", shorter than `{}`", p.wire_name))
        .unwrap_or_default()
}

/// A cursor parameter and a next cursor in the page.
fn cursor(cx: &Context<'_>) -> Option<Pagination> {
    let param = cx.param_named(&CURSOR_PARAMS, is_string)?;
    let next = shape::find(cx.types, cx.page, &NEXT_CURSORS, is_string)?;
    let (items, item) = shape::items(cx.types, cx.page)?;
    let has_more = has_more(cx);
    let doc = format!(
        "Pages by sending each page's {} back as the `{}` parameter, until it is absent or empty{}.",
        dotted(&next.wire),
        param.wire_name,
        more_clause(&has_more)
    );
    Some(Pagination {
        style: PageStyle::Cursor {
            param: param.rust_name.clone(),
            next: next.path,
        },
        items: items.path,
        item,
        has_more: has_more.map(|r| r.path),
        doc,
    })
}

/// An `after` parameter that takes the last item's `id`, with a flag or a
/// page size to tell the last page by.
fn after_last(cx: &Context<'_>) -> Option<Pagination> {
    let param = cx.param_named(&AFTER_PARAMS, is_string)?;
    let (items, item) = shape::items(cx.types, cx.page)?;
    let id = shape::follow(cx.types, &item, &["id"])
        .ok()
        .filter(|id| is_string(&id.ty))?;
    let limit = cx.param_named(&SIZE_PARAMS, is_integer);
    let has_more = has_more(cx);
    if has_more.is_none() && limit.is_none() {
        return None;
    }
    let doc = format!(
        "Pages by sending the last item's `id` as the `{}` parameter, until a page is empty{}{}.",
        param.wire_name,
        short_clause(limit),
        more_clause(&has_more)
    );
    Some(Pagination {
        style: PageStyle::AfterLast {
            param: param.rust_name.clone(),
            id: id.path.concat(),
            limit: limit.map(|p| p.rust_name.clone()),
        },
        items: items.path,
        item,
        has_more: has_more.map(|r| r.path),
        doc,
    })
}

/// A documented `Link` response header.
fn link_header(cx: &Context<'_>) -> Option<Pagination> {
    if !cx.declares_link_header() {
        return None;
    }
    let (items, item) = shape::items(cx.types, cx.page)?;
    Some(Pagination {
        style: PageStyle::LinkHeader,
        items: items.path,
        item,
        has_more: None,
        doc: "Pages by following each response's `Link: <…>; rel=\"next\"` header (within \
              the API's origin), until there is none."
            .to_owned(),
    })
}

/// A page number and a page size parameter.
fn numbered(cx: &Context<'_>) -> Option<Pagination> {
    let param = cx.param_named(&PAGE_PARAMS, is_integer)?;
    let size = cx.param_named(&SIZE_PARAMS, is_integer)?;
    let (items, item) = shape::items(cx.types, cx.page)?;
    let total_pages = shape::find(cx.types, cx.page, &TOTAL_PAGES, is_integer);
    let has_more = has_more(cx);
    let first = cx.first_page(&param.wire_name);
    Some(page_style(
        param,
        first,
        Some(size),
        items,
        item,
        total_pages,
        has_more,
    ))
}

/// Numbered pages, by convention or declared.
pub(super) fn page_style(
    param: &Param,
    first: i64,
    size: Option<&Param>,
    items: Reached,
    item: TypeRef,
    total_pages: Option<Reached>,
    has_more: Option<Reached>,
) -> Pagination {
    let total_clause = total_pages
        .as_ref()
        .map(|total| format!(", or the last of {}", dotted(&total.wire)))
        .unwrap_or_default();
    let doc = format!(
        "Pages by counting the `{}` parameter up from {first}, until a page is empty{}{}{}.",
        param.wire_name,
        short_clause(size),
        total_clause,
        more_clause(&has_more)
    );
    Pagination {
        style: PageStyle::Page {
            param: param.rust_name.clone(),
            first,
            size: size.map(|p| p.rust_name.clone()),
            total_pages: total_pages.map(|r| r.path),
        },
        items: items.path,
        item,
        has_more: has_more.map(|r| r.path),
        doc,
    }
}

/// An offset and a limit parameter.
fn offset(cx: &Context<'_>) -> Option<Pagination> {
    let param = cx.param_named(&OFFSET_PARAMS, is_integer)?;
    let limit = cx.param_named(&SIZE_PARAMS, is_integer)?;
    let (items, item) = shape::items(cx.types, cx.page)?;
    let total = shape::find(cx.types, cx.page, &TOTAL_ITEMS, is_integer);
    let has_more = has_more(cx);
    Some(offset_style(
        param,
        Some(limit),
        items,
        item,
        total,
        has_more,
    ))
}

/// Offsets, by convention or declared.
pub(super) fn offset_style(
    param: &Param,
    limit: Option<&Param>,
    items: Reached,
    item: TypeRef,
    total: Option<Reached>,
    has_more: Option<Reached>,
) -> Pagination {
    let total_clause = total
        .as_ref()
        .map(|total| format!(", or {} items were listed", dotted(&total.wire)))
        .unwrap_or_default();
    let doc = format!(
        "Pages by advancing the `{}` parameter by the items received, until a page is empty{}{}{}.",
        param.wire_name,
        short_clause(limit),
        total_clause,
        more_clause(&has_more)
    );
    Pagination {
        style: PageStyle::Offset {
            param: param.rust_name.clone(),
            limit: limit.map(|p| p.rust_name.clone()),
            total: total.map(|r| r.path),
        },
        items: items.path,
        item,
        has_more: has_more.map(|r| r.path),
        doc,
    }
}
