//! Pagination found by convention: parameter names and the page's shape
//! must both match, or the operation is not paginated.

use super::build::{self, Common};
use super::shape::{self, is_bool, is_cursor, is_integer, is_string, Reached};
use super::Context;
use crate::ir::Pagination;

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

/// Page properties (strings, or integers) that hold the next cursor.
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

/// The items, found by convention, and the `has_more` flag, if any.
fn common(cx: &Context<'_>) -> Option<Common> {
    let (items, item) = shape::items(cx.types, cx.page)?;
    Some(Common {
        items,
        item,
        has_more: has_more(cx),
    })
}

/// A cursor parameter and a next cursor in the page.
fn cursor(cx: &Context<'_>) -> Option<Pagination> {
    let param = cx.param_named(&CURSOR_PARAMS, is_string)?;
    let next = shape::find(cx.types, cx.page, &NEXT_CURSORS, is_cursor)?;
    Some(build::cursor(common(cx)?, param, next))
}

/// An `after` parameter that takes the last item's `id`, with a flag or a
/// page size to tell the last page by.
fn after_last(cx: &Context<'_>) -> Option<Pagination> {
    let param = cx.param_named(&AFTER_PARAMS, is_string)?;
    let common = common(cx)?;
    let id = shape::follow(cx.types, &common.item, &["id"])
        .ok()
        .filter(|id| is_string(&shape::resolved(cx.types, &id.ty)))?;
    let limit = cx.param_named(&SIZE_PARAMS, is_integer);
    if common.has_more.is_none() && limit.is_none() {
        return None;
    }
    Some(build::after_last(common, param, id, limit))
}

/// A documented `Link` response header.
fn link_header(cx: &Context<'_>) -> Option<Pagination> {
    if !cx.declares_link_header() || cx.follows_links().is_err() {
        return None;
    }
    Some(build::link_header(common(cx)?))
}

/// A page number that says where it starts, and a page size parameter.
fn numbered(cx: &Context<'_>) -> Option<Pagination> {
    let param = cx.param_named(&PAGE_PARAMS, is_integer)?;
    let size = cx.param_named(&SIZE_PARAMS, is_integer)?;
    let common = common(cx)?;
    let total_pages = shape::find(cx.types, cx.page, &TOTAL_PAGES, is_integer);
    let first = cx.first_page(&param.wire_name)?;
    Some(build::numbered(
        common,
        param,
        first,
        Some(size),
        total_pages,
    ))
}

/// An offset and a limit parameter.
fn offset(cx: &Context<'_>) -> Option<Pagination> {
    let param = cx.param_named(&OFFSET_PARAMS, is_integer)?;
    let limit = cx.param_named(&SIZE_PARAMS, is_integer)?;
    let common = common(cx)?;
    let total = shape::find(cx.types, cx.page, &TOTAL_ITEMS, is_integer);
    Some(build::offset(common, param, Some(limit), total))
}
