//! Which redirects the client follows: same origin only, a few in a row.

use std::fmt;

use http::header::{HeaderMap, LOCATION};
use http::Method;
use url::Url;

use super::bounded::bounded;

/// Redirects followed in a row before the call fails.
pub const MAX_REDIRECTS: usize = 5;

/// What to do with a response.
#[derive(Debug, PartialEq)]
pub(crate) enum Hop {
    /// Not a redirect (or one without a `Location`): the response is the answer.
    Done,
    /// Send the request again to `url` with `method`, with the body only if `keep_body`.
    Follow {
        url: Url,
        method: Method,
        keep_body: bool,
    },
    /// A redirect that must not be followed.
    Refuse(RedirectError),
}

/// Decides whether the response to `method url` is a redirect to follow.
///
/// Only targets with the same scheme, host and port are followed, so neither
/// credentials nor the body ever reach a server the client was not pointed at.
/// 303, and 301/302 after a POST, continue as a body-less GET (what browsers
/// and `reqwest` do); 307 and 308 repeat the method and body.
pub(crate) fn next_hop(
    status: u16,
    headers: &HeaderMap,
    url: &Url,
    method: &Method,
    hops_so_far: usize,
) -> Hop {
    if !matches!(status, 301 | 302 | 303 | 307 | 308) {
        return Hop::Done;
    }
    let Some(location) = headers.get(LOCATION) else {
        return Hop::Done;
    };
    let text = String::from_utf8_lossy(location.as_bytes());
    let refuse = |refusal| Hop::Refuse(RedirectError::new(status, &text, refusal));
    let Ok(target) = location
        .to_str()
        .map_err(drop)
        .and_then(|location| url.join(location).map_err(drop))
    else {
        return refuse(RedirectRefusal::InvalidLocation);
    };
    if target.origin() != url.origin() {
        return refuse(RedirectRefusal::CrossOrigin);
    }
    if hops_so_far >= MAX_REDIRECTS {
        return refuse(RedirectRefusal::TooMany);
    }
    let becomes_get = status == 303 && *method != Method::HEAD
        || matches!(status, 301 | 302) && *method == Method::POST;
    if becomes_get {
        Hop::Follow {
            url: target,
            method: Method::GET,
            keep_body: false,
        }
    } else {
        Hop::Follow {
            url: target,
            method: method.clone(),
            keep_body: true,
        }
    }
}

/// Why a redirect was not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectRefusal {
    /// The target has another scheme, host or port: following would hand the
    /// request's credentials (and body) to a server the client was not given.
    CrossOrigin,
    /// More redirects in a row than the client follows.
    TooMany,
    /// The `Location` header is not a URL.
    InvalidLocation,
}

/// A redirect the client would not follow; nothing was sent to its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectError {
    status: u16,
    location: String,
    refusal: RedirectRefusal,
}

impl RedirectError {
    /// Records a refused redirect. Of `location` only the scheme, host, port
    /// and path are kept (a query string or user info may carry a signature or
    /// a token), cut to [`MAX_ERROR_TEXT`](super::MAX_ERROR_TEXT) bytes.
    pub fn new(status: u16, location: &str, refusal: RedirectRefusal) -> Self {
        let location = match url::Url::parse(location) {
            Ok(url) if url.has_host() => {
                format!("{}{}", url.origin().ascii_serialization(), url.path())
            }
            _ => location
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .to_owned(),
        };
        Self {
            status,
            location: bounded(&location).into_owned(),
            refusal,
        }
    }

    /// The redirect's status (301, 302, 303, 307 or 308).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Where the server pointed: scheme, host, port and path of its `Location`.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Why it was not followed.
    pub fn refusal(&self) -> RedirectRefusal {
        self.refusal
    }
}

impl fmt::Display for RedirectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.refusal {
            RedirectRefusal::CrossOrigin => "to another origin, which is never followed",
            RedirectRefusal::TooMany => "once too often",
            RedirectRefusal::InvalidLocation => "to a location that is not a URL",
        };
        write!(
            f,
            "HTTP {} redirected {why}: `{}`",
            self.status, self.location
        )
    }
}

impl std::error::Error for RedirectError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(status: u16, location: &str, method: Method, hops: usize) -> Hop {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, location.parse().unwrap());
        let url = Url::parse("https://api.example.com:443/v1/things?x=1").unwrap();
        next_hop(status, &headers, &url, &method, hops)
    }

    fn refusal(hop: Hop) -> RedirectRefusal {
        match hop {
            Hop::Refuse(error) => error.refusal(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn same_origin_redirects_are_followed_with_the_right_method() {
        let follow = |method: &str, keep_body| Hop::Follow {
            url: Url::parse("https://api.example.com/v2/things").unwrap(),
            method: method.parse().unwrap(),
            keep_body,
        };
        assert_eq!(
            hop(307, "/v2/things", Method::POST, 0),
            follow("POST", true)
        );
        assert_eq!(
            hop(308, "https://api.example.com/v2/things", Method::PUT, 0),
            follow("PUT", true)
        );
        assert_eq!(
            hop(303, "/v2/things", Method::POST, 0),
            follow("GET", false)
        );
        assert_eq!(
            hop(302, "/v2/things", Method::POST, 0),
            follow("GET", false)
        );
        assert_eq!(hop(301, "/v2/things", Method::GET, 0), follow("GET", true));
        assert_eq!(
            hop(302, "/v2/things", Method::DELETE, 0),
            follow("DELETE", true)
        );
    }

    #[test]
    fn other_origins_loops_and_nonsense_are_refused() {
        for target in [
            "https://evil.example.com/v1",
            "http://api.example.com/v1",
            "https://api.example.com:8443/v1",
            "//evil.example.com/v1",
        ] {
            assert_eq!(
                refusal(hop(307, target, Method::POST, 0)),
                RedirectRefusal::CrossOrigin,
                "{target}"
            );
        }
        assert_eq!(
            refusal(hop(302, "/again", Method::GET, MAX_REDIRECTS)),
            RedirectRefusal::TooMany
        );
        assert_eq!(
            refusal(hop(302, "http://[::1", Method::GET, 0)),
            RedirectRefusal::InvalidLocation
        );
    }

    #[test]
    fn non_redirects_and_missing_locations_are_answers() {
        let url = Url::parse("https://api.example.com/").unwrap();
        assert_eq!(
            next_hop(302, &HeaderMap::new(), &url, &Method::GET, 0),
            Hop::Done
        );
        assert_eq!(hop(200, "/x", Method::GET, 0), Hop::Done);
        assert_eq!(hop(304, "/x", Method::GET, 0), Hop::Done);
    }

    #[test]
    fn refused_locations_keep_no_query_or_user_info() {
        let error = RedirectError::new(
            302,
            "https://user:pw@evil.example:8443/steal?X-Amz-Signature=sig#frag",
            RedirectRefusal::CrossOrigin,
        );
        assert_eq!(error.location(), "https://evil.example:8443/steal");
        let relative = RedirectError::new(302, "/next?token=t", RedirectRefusal::TooMany);
        assert_eq!(relative.location(), "/next");
    }
}
