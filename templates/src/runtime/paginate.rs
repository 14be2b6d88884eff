//! Cursor pagination: every item of every page as one stream.

use std::collections::{HashSet, VecDeque};
use std::future::Future;

use futures_util::stream::{self, Stream};

struct State<R, T> {
    next: Option<R>,
    items: VecDeque<T>,
    seen: HashSet<String>,
    empty_pages: usize,
}

/// Pages in a row without items after which a stream ends: a server that
/// keeps handing out fresh cursors for empty pages would otherwise be asked
/// forever, and nothing the caller does with the items could stop it.
pub const MAX_EMPTY_PAGES: usize = 16;

/// Streams the items of `first` and of each following page.
///
/// `send` fetches a page, `split` takes its items and the next cursor, and
/// `with_cursor` makes the request for the page after. The stream ends when the
/// cursor is absent or empty, when it repeats any earlier cursor (a server that
/// loops, even over several pages, would otherwise never end it), or after
/// [`MAX_EMPTY_PAGES`] empty pages in a row; an error is yielded once and ends
/// the stream.
pub fn paginate<R, P, T, E, Fut>(
    first: R,
    send: impl Fn(R) -> Fut + Copy,
    with_cursor: impl Fn(R, String) -> R + Copy,
    split: impl Fn(P) -> (Vec<T>, Option<String>) + Copy,
) -> impl Stream<Item = Result<T, E>>
where
    R: Clone,
    Fut: Future<Output = Result<P, E>>,
{
    let state = State {
        next: Some(first),
        items: VecDeque::new(),
        seen: HashSet::new(),
        empty_pages: 0,
    };
    stream::unfold(state, move |mut state| async move {
        loop {
            if let Some(item) = state.items.pop_front() {
                return Some((Ok(item), state));
            }
            let request = state.next.take()?;
            match send(request.clone()).await {
                Ok(page) => {
                    let (items, cursor) = split(page);
                    state.empty_pages = if items.is_empty() {
                        state.empty_pages + 1
                    } else {
                        0
                    };
                    state.items.extend(items);
                    let cursor = cursor.filter(|c| {
                        !c.is_empty()
                            && state.empty_pages < MAX_EMPTY_PAGES
                            && state.seen.insert(c.clone())
                    });
                    state.next = cursor.map(|c| with_cursor(request, c));
                }
                Err(error) => return Some((Err(error), state)),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::paginate;
    use futures_util::StreamExt;

    /// A fake API: page `n` holds items `[10n, 10n + 1]`; `pages` pages in all.
    async fn run(
        pages: u32,
        fail_on: Option<u32>,
        cursor_for: fn(u32) -> Option<String>,
    ) -> Vec<Result<u32, String>> {
        let send = move |page: u32| async move {
            if Some(page) == fail_on {
                Err(format!("page {page} failed"))
            } else {
                let next = if page + 1 < pages {
                    cursor_for(page + 1)
                } else {
                    None
                };
                Ok((vec![page * 10, page * 10 + 1], next))
            }
        };
        let stream = paginate(
            0u32,
            send,
            |_, cursor: String| cursor.parse().unwrap_or(u32::MAX),
            |page: (Vec<u32>, Option<String>)| page,
        );
        stream.collect().await
    }

    #[tokio::test]
    async fn walks_every_page_in_order() {
        let items = run(3, None, |n| Some(n.to_string())).await;
        assert_eq!(items, vec![Ok(0), Ok(1), Ok(10), Ok(11), Ok(20), Ok(21)]);
    }

    #[tokio::test]
    async fn an_error_is_yielded_once_and_ends_the_stream() {
        let items = run(3, Some(1), |n| Some(n.to_string())).await;
        assert_eq!(items, vec![Ok(0), Ok(1), Err("page 1 failed".to_owned())]);
    }

    #[tokio::test]
    async fn empty_or_repeated_cursors_end_the_stream() {
        assert_eq!(
            run(3, None, |_| Some(String::new())).await,
            vec![Ok(0), Ok(1)]
        );
        assert_eq!(
            run(5, None, |_| Some("1".to_owned())).await.len(),
            4,
            "page 1 is not fetched twice"
        );
    }

    /// A → B → A: the cycle is noticed over several pages.
    #[tokio::test]
    async fn a_cursor_cycle_ends_the_stream() {
        let fetched = std::cell::Cell::new(0);
        let send = |page: u32| {
            fetched.set(fetched.get() + 1);
            async move { Ok::<_, String>((vec![page], Some(["a", "b"][page as usize % 2].to_owned()))) }
        };
        let items: Vec<_> = paginate(
            0u32,
            send,
            |request, _| request + 1,
            |page: (Vec<u32>, Option<String>)| page,
        )
        .collect()
        .await;
        assert_eq!(items, vec![Ok(0), Ok(1), Ok(2)]);
        assert_eq!(fetched.get(), 3);
    }

    /// Fresh cursors for empty pages forever: the stream gives up.
    #[tokio::test]
    async fn endless_empty_pages_end_the_stream() {
        let fetched = std::cell::Cell::new(0u32);
        let send = |page: u32| {
            fetched.set(fetched.get() + 1);
            async move { Ok::<_, String>((Vec::<u32>::new(), Some(page.to_string()))) }
        };
        let items: Vec<Result<u32, String>> = paginate(
            0u32,
            send,
            |request, _| request + 1,
            |page: (Vec<u32>, Option<String>)| page,
        )
        .collect()
        .await;
        assert!(items.is_empty());
        assert_eq!(fetched.get() as usize, super::MAX_EMPTY_PAGES);
    }
}
