//! Pagination: every page (or every item of every page) of a listing as one
//! stream, whatever tells the next page apart (a cursor, a page number, an
//! offset, a `Link` header).
//!
//! A listing that cannot finish ends with a [`PaginationError`], never
//! silently: a server that hands out a cursor it already gave, or fresh
//! cursors for empty pages forever, would otherwise be asked forever or cut
//! the listing short without anyone noticing.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::future::Future;

use futures_util::stream::{self, Stream, StreamExt};

/// Pages in a row without items after which a listing that still names a next
/// page ends with [`Truncation::EmptyPages`].
pub const MAX_EMPTY_PAGES: usize = 16;

/// What a page says about the listing: how many items it held and, unless it
/// was the last, the request for the next page (named by a key: the cursor,
/// page number, offset or URL).
#[derive(Debug)]
pub struct Step<R> {
    items: usize,
    next: Option<(String, R)>,
    not_a_page: bool,
}

impl<R> Step<R> {
    /// The last page.
    pub fn last(items: usize) -> Self {
        Self {
            items,
            next: None,
            not_a_page: false,
        }
    }

    /// A page followed by the one `request` fetches; an empty `key` (a server's
    /// way of saying "no more") makes this the last page.
    pub fn then(items: usize, key: impl Into<String>, request: R) -> Self {
        let key = key.into();
        let next = (!key.is_empty()).then_some((key, request));
        Self {
            items,
            next,
            not_a_page: false,
        }
    }

    /// A success answer that is not a page (`202 Accepted` where a page of
    /// results was expected): the listing ends with [`Truncation::NotAPage`].
    pub fn not_a_page() -> Self {
        Self {
            items: 0,
            next: None,
            not_a_page: true,
        }
    }
}

/// Why a listing ended before its last page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Truncation {
    /// The server named the page it had just sent as the next one.
    RepeatedCursor,
    /// The server named a page it had sent before (A → B → A).
    CursorCycle,
    /// [`MAX_EMPTY_PAGES`] pages in a row held no items, yet named a next page.
    EmptyPages,
    /// The next page's link points to another origin (scheme, host and port),
    /// which is never followed, as redirects are not.
    OtherOrigin,
    /// The server answered with a success that holds no page (`202 Accepted`
    /// while the results are still being prepared).
    NotAPage,
}

/// A listing that was cut short: the items before it were yielded, and
/// nothing more is fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaginationError {
    reason: Truncation,
    pages: usize,
}

impl PaginationError {
    /// A listing cut short for `reason` after `pages` pages.
    pub fn new(reason: Truncation, pages: usize) -> Self {
        Self { reason, pages }
    }

    /// Why the listing stopped.
    pub fn reason(&self) -> Truncation {
        self.reason
    }

    /// Pages received before it stopped.
    pub fn pages(&self) -> usize {
        self.pages
    }
}

impl fmt::Display for PaginationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            Truncation::RepeatedCursor => {
                "the server named the page it had just sent as the next one"
            }
            Truncation::CursorCycle => "the server named a page it had already sent",
            Truncation::EmptyPages => "the server sent empty pages that never ended",
            Truncation::OtherOrigin => "the next page's link points to another origin",
            Truncation::NotAPage => "the server answered with something other than a page",
        };
        match self.pages {
            0 => write!(f, "the listing was truncated: {why}"),
            pages => write!(f, "the listing was truncated after {pages} pages: {why}"),
        }
    }
}

impl std::error::Error for PaginationError {}

struct State<R> {
    next: Option<R>,
    last_key: Option<String>,
    seen: HashSet<String>,
    pages: usize,
    empty_pages: usize,
    stopped: Option<PaginationError>,
}

/// Streams `first`'s page and each following one.
///
/// `send` fetches a page; `step` reads it, with the request that fetched it, to
/// count its items and make the request for the next page. The stream ends
/// after the last page, after yielding the first error, or with a
/// [`PaginationError`] (after the page that caused it) when the next page is one
/// already fetched or after [`MAX_EMPTY_PAGES`] empty pages in a row.
pub fn pages<R, P, E, Fut>(
    first: R,
    send: impl Fn(R) -> Fut + Copy,
    step: impl Fn(R, &P) -> Step<R> + Copy,
) -> impl Stream<Item = Result<P, E>>
where
    R: Clone,
    E: From<PaginationError>,
    Fut: Future<Output = Result<P, E>>,
{
    let state = State {
        next: Some(first),
        last_key: None,
        seen: HashSet::new(),
        pages: 0,
        empty_pages: 0,
        stopped: None,
    };
    stream::unfold(state, move |mut state| async move {
        if let Some(error) = state.stopped.take() {
            return Some((Err(error.into()), state));
        }
        let request = state.next.take()?;
        let page = match send(request.clone()).await {
            Ok(page) => page,
            Err(error) => return Some((Err(error), state)),
        };
        state.pages += 1;
        let Step {
            items,
            next,
            not_a_page,
        } = step(request, &page);
        if not_a_page {
            state.stopped = Some(PaginationError::new(Truncation::NotAPage, state.pages));
        }
        state.empty_pages = if items == 0 { state.empty_pages + 1 } else { 0 };
        if let Some((key, request)) = next {
            let reason = if state.last_key.as_deref() == Some(key.as_str()) {
                Some(Truncation::RepeatedCursor)
            } else if state.seen.contains(&key) {
                Some(Truncation::CursorCycle)
            } else if state.empty_pages >= MAX_EMPTY_PAGES {
                Some(Truncation::EmptyPages)
            } else {
                None
            };
            match reason {
                Some(reason) => {
                    state.stopped = Some(PaginationError::new(reason, state.pages));
                }
                None => {
                    state.seen.insert(key.clone());
                    state.last_key = Some(key);
                    state.next = Some(request);
                }
            }
        }
        Some((Ok(page), state))
    })
}

/// Every item of every page of `pages`, taken by `items`; an error ends the
/// stream as it ends `pages`.
pub fn page_items<P, T, E>(
    pages: impl Stream<Item = Result<P, E>>,
    items: impl Fn(P) -> Vec<T>,
) -> impl Stream<Item = Result<T, E>> {
    pages
        .map(move |page| {
            let items: VecDeque<Result<T, E>> = match page {
                Ok(page) => items(page).into_iter().map(Ok).collect(),
                Err(error) => VecDeque::from([Err(error)]),
            };
            stream::iter(items)
        })
        .flatten()
}

/// Whether a page of `items` items is shorter than the `size` asked for (an
/// unknown size: no).
pub fn short_page(items: usize, size: Option<impl Into<i64>>) -> bool {
    size.map(Into::into)
        .is_some_and(|size| i64::try_from(items).is_ok_and(|items| items < size))
}

/// Whether page `number`, counting from `first`, is the last of `total_pages`
/// (an unknown total: no).
pub fn last_page(number: impl Into<i64>, first: i64, total_pages: Option<impl Into<i64>>) -> bool {
    let pages = number.into().saturating_sub(first).saturating_add(1);
    total_pages
        .map(Into::into)
        .is_some_and(|total| pages >= total)
}

/// Whether `offset` is past the `total` items of a listing (an unknown
/// total: no).
pub fn offset_reached(offset: impl Into<i64>, total: Option<impl Into<i64>>) -> bool {
    let offset = offset.into();
    total.map(Into::into).is_some_and(|total| offset >= total)
}

#[cfg(test)]
mod tests {
    use super::{
        last_page, offset_reached, page_items, pages, short_page, PaginationError, Step,
        Truncation, MAX_EMPTY_PAGES,
    };
    use futures_util::StreamExt;
    use std::cell::Cell;

    #[derive(Debug, PartialEq)]
    enum Failed {
        Page(u32),
        Truncated(Truncation, usize),
    }

    impl From<PaginationError> for Failed {
        fn from(error: PaginationError) -> Self {
            Failed::Truncated(error.reason(), error.pages())
        }
    }

    /// Walks a fake API whose page `n` is `items(n)` and whose request for the
    /// page after `n` is `n + 1`, named by `key(n)` (`None`: the last page).
    async fn walk(
        items: impl Fn(u32) -> Vec<u32> + Copy,
        key: impl Fn(u32) -> Option<String> + Copy,
        fail_on: Option<u32>,
    ) -> (Vec<Result<u32, Failed>>, u32) {
        let fetched = Cell::new(0);
        let send = |page: u32| {
            fetched.set(fetched.get() + 1);
            async move {
                if Some(page) == fail_on {
                    Err(Failed::Page(page))
                } else {
                    Ok((page, items(page)))
                }
            }
        };
        let step = move |request: u32, page: &(u32, Vec<u32>)| match key(page.0) {
            Some(key) => Step::then(page.1.len(), key, request + 1),
            None => Step::last(page.1.len()),
        };
        let all = page_items(pages(0u32, send, step), |page: (u32, Vec<u32>)| page.1)
            .collect()
            .await;
        (all, fetched.get())
    }

    fn two_items(n: u32) -> Vec<u32> {
        vec![n * 10, n * 10 + 1]
    }

    #[tokio::test]
    async fn walks_every_page_in_order() {
        let (items, fetched) = walk(two_items, |n| (n < 2).then(|| n.to_string()), None).await;
        assert_eq!(items, [0, 1, 10, 11, 20, 21].map(Ok));
        assert_eq!(fetched, 3);
    }

    #[tokio::test]
    async fn an_error_is_yielded_once_and_ends_the_stream() {
        let (items, fetched) = walk(two_items, |n| Some(n.to_string()), Some(1)).await;
        assert_eq!(items, vec![Ok(0), Ok(1), Err(Failed::Page(1))]);
        assert_eq!(fetched, 2);
    }

    #[tokio::test]
    async fn an_empty_key_is_the_last_page() {
        let (items, fetched) = walk(two_items, |_| Some(String::new()), None).await;
        assert_eq!(items, vec![Ok(0), Ok(1)]);
        assert_eq!(fetched, 1);
    }

    #[tokio::test]
    async fn the_same_cursor_twice_is_an_error_after_the_page() {
        let (items, fetched) = walk(two_items, |_| Some("again".to_owned()), None).await;
        assert_eq!(
            items,
            vec![
                Ok(0),
                Ok(1),
                Ok(10),
                Ok(11),
                Err(Failed::Truncated(Truncation::RepeatedCursor, 2))
            ]
        );
        assert_eq!(fetched, 2, "the repeated page is not fetched again");
    }

    /// A → B → A: the cycle is noticed over several pages.
    #[tokio::test]
    async fn a_cursor_cycle_is_an_error() {
        let (items, fetched) = walk(
            |n| vec![n],
            |n| Some(["a", "b"][n as usize % 2].to_owned()),
            None,
        )
        .await;
        assert_eq!(
            items,
            vec![
                Ok(0),
                Ok(1),
                Ok(2),
                Err(Failed::Truncated(Truncation::CursorCycle, 3))
            ]
        );
        assert_eq!(fetched, 3);
    }

    /// Fresh cursors for empty pages forever: the listing gives up, loudly.
    #[tokio::test]
    async fn endless_empty_pages_are_an_error() {
        let (items, fetched) = walk(|_| Vec::new(), |n| Some(n.to_string()), None).await;
        assert_eq!(
            items,
            vec![Err(Failed::Truncated(
                Truncation::EmptyPages,
                MAX_EMPTY_PAGES
            ))]
        );
        assert_eq!(fetched as usize, MAX_EMPTY_PAGES);
    }

    /// A few empty pages between full ones are a server's business.
    #[tokio::test]
    async fn some_empty_pages_in_a_row_are_fine() {
        let (items, _) = walk(
            |n| if n % 4 == 3 { vec![n] } else { Vec::new() },
            |n| (n < 7).then(|| n.to_string()),
            None,
        )
        .await;
        assert_eq!(items, vec![Ok(3), Ok(7)]);
    }

    /// An answer that is not a page is yielded, then ends the listing.
    #[tokio::test]
    async fn an_answer_that_is_not_a_page_is_an_error() {
        let send = |page: u32| async move { Ok::<_, Failed>(page) };
        let step = |request: u32, page: &u32| match page {
            0 => Step::then(1, "next", request + 1),
            _ => Step::not_a_page(),
        };
        let all: Vec<Result<u32, Failed>> = pages(0u32, send, step).collect().await;
        assert_eq!(
            all,
            vec![
                Ok(0),
                Ok(1),
                Err(Failed::Truncated(Truncation::NotAPage, 2))
            ]
        );
    }

    #[test]
    fn page_ends_are_told_by_size_number_and_total() {
        assert!(short_page(2, Some(3)));
        assert!(!short_page(3, Some(3_i32)));
        assert!(!short_page(0, None::<i64>));
        assert!(last_page(3, 1, Some(3)), "pages 1, 2, 3 of 3");
        assert!(!last_page(2, 1, Some(3)));
        assert!(last_page(2, 0, Some(3)), "pages 0, 1, 2 of 3");
        assert!(!last_page(100, 1, None::<i64>));
        assert!(offset_reached(10, Some(10)));
        assert!(!offset_reached(9, Some(10_i32)));
        assert!(!offset_reached(9, None::<i64>));
    }

    #[test]
    fn the_message_says_the_listing_was_truncated_and_why() {
        let error = PaginationError::new(Truncation::CursorCycle, 3);
        assert_eq!(
            error.to_string(),
            "the listing was truncated after 3 pages: the server named a page it had already sent"
        );
    }
}
