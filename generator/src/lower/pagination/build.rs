//! One `Pagination` per style, from the parts found by convention or named by
//! a hint, with the sentence the generated docs use to say how it pages.

use super::dotted;
use super::shape::Reached;
use crate::ir::{PageStyle, Pagination, Param, TypeRef};

/// Where the items are and what flags the last page, shared by every style.
pub struct Common {
    pub items: Reached,
    pub item: TypeRef,
    pub has_more: Option<Reached>,
}

impl Common {
    /// The page size to tell the last page by: only without a count or flag
    /// from the server, which may cap the size below the one asked for (a
    /// short page would then end the listing early).
    fn fallback<'p>(&self, size: Option<&'p Param>, count: Option<&Reached>) -> Option<&'p Param> {
        size.filter(|_| self.has_more.is_none() && count.is_none())
    }

    fn finish(self, style: PageStyle, how: String, mut ends: Vec<String>) -> Pagination {
        if let Some(flag) = &self.has_more {
            ends.push(format!("{} is false", dotted(&flag.wire)));
        }
        let doc = format!("Pages by {how}, until {}.", either(&ends));
        Pagination {
            style,
            items: self.items.path,
            item: self.item,
            has_more: self.has_more.map(|r| r.path),
            doc,
            variant: None,
        }
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(ends: &[String]) -> String {
    match ends {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// "a page is empty", or shorter than the size asked for.
fn empty_or_short(size: Option<&Param>) -> String {
    match size {
        Some(size) => format!("a page is empty or shorter than `{}`", size.wire_name),
        None => "a page is empty".to_owned(),
    }
}

pub fn cursor(common: Common, param: &Param, next: Reached) -> Pagination {
    let how = format!(
        "sending each page's {} back as the `{}` parameter",
        dotted(&next.wire),
        param.wire_name
    );
    let style = PageStyle::Cursor {
        param: param.rust_name.clone(),
        next: next.path,
    };
    common.finish(style, how, vec!["it is absent or empty".to_owned()])
}

pub fn after_last(common: Common, param: &Param, id: Reached, limit: Option<&Param>) -> Pagination {
    let limit = common.fallback(limit, None);
    let how = format!(
        "sending the last item's {} as the `{}` parameter",
        dotted(&id.wire),
        param.wire_name
    );
    let style = PageStyle::AfterLast {
        param: param.rust_name.clone(),
        id: id.path.concat(),
        limit: limit.map(|p| p.rust_name.clone()),
    };
    common.finish(style, how, vec![empty_or_short(limit)])
}

pub fn numbered(
    common: Common,
    param: &Param,
    first: i64,
    size: Option<&Param>,
    total_pages: Option<Reached>,
) -> Pagination {
    let size = common.fallback(size, total_pages.as_ref());
    let how = format!(
        "counting the `{}` parameter up from {first}",
        param.wire_name
    );
    let mut ends = vec![empty_or_short(size)];
    if let Some(total) = &total_pages {
        ends.push(format!("the page number reaches {}", dotted(&total.wire)));
    }
    let style = PageStyle::Page {
        param: param.rust_name.clone(),
        first,
        size: size.map(|p| p.rust_name.clone()),
        total_pages: total_pages.map(|r| r.path),
    };
    common.finish(style, how, ends)
}

pub fn offset(
    common: Common,
    param: &Param,
    limit: Option<&Param>,
    total: Option<Reached>,
) -> Pagination {
    let limit = common.fallback(limit, total.as_ref());
    let how = format!(
        "advancing the `{}` parameter by the items received",
        param.wire_name
    );
    let mut ends = vec![empty_or_short(limit)];
    if let Some(total) = &total {
        ends.push(format!("the offset reaches {}", dotted(&total.wire)));
    }
    let style = PageStyle::Offset {
        param: param.rust_name.clone(),
        limit: limit.map(|p| p.rust_name.clone()),
        total: total.map(|r| r.path),
    };
    common.finish(style, how, ends)
}

pub fn link_header(common: Common) -> Pagination {
    let how =
        "following each response's `Link: <…>; rel=\"next\"` header (within the API's origin)";
    common.finish(
        PageStyle::LinkHeader,
        how.to_owned(),
        vec!["there is none".to_owned()],
    )
}

pub fn next_url(common: Common, next: Reached) -> Pagination {
    let how = format!(
        "following the URL in each page's {} (within the API's origin)",
        dotted(&next.wire)
    );
    let style = PageStyle::NextUrl { next: next.path };
    common.finish(style, how, vec!["it is absent or empty".to_owned()])
}
