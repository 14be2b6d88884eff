//! Hooks: user code that sees each attempt's request before it is sent, and
//! its response or error after.

use super::error::Failure;
use super::response::Response;
use super::transport::HttpRequest;

/// Which call and attempt a hook is seeing.
#[derive(Debug, Clone, Copy)]
pub struct HookContext<'a> {
    /// The operation, as the API document names it (e.g. `connectionsAll`).
    pub operation_id: &'a str,
    /// The attempt, counted from 1 (retries are attempts 2, 3, ...).
    pub attempt: u32,
}

/// Observes or changes requests and sees their outcomes. Hooks run in the order
/// they were registered, on every attempt. To rotate a credential, prefer the
/// client's key provider, which may be async.
pub trait Hook: Send + Sync + 'static {
    /// Called before an attempt is sent; may add or change headers, the URL, ...
    fn before_request(&self, context: &HookContext<'_>, request: &mut HttpRequest) {
        let _ = (context, request);
    }

    /// Called when an attempt got a response, whatever its status.
    fn after_response(&self, context: &HookContext<'_>, response: &Response) {
        let _ = (context, response);
    }

    /// Called when an attempt failed without a response (connection, timeout, ...).
    fn after_error(&self, context: &HookContext<'_>, error: &Failure) {
        let _ = (context, error);
    }
}

/// A hook from a closure that runs before each attempt.
pub fn before_request<F>(hook: F) -> impl Hook
where
    F: Fn(&HookContext<'_>, &mut HttpRequest) + Send + Sync + 'static,
{
    BeforeRequest(hook)
}

struct BeforeRequest<F>(F);

impl<F> Hook for BeforeRequest<F>
where
    F: Fn(&HookContext<'_>, &mut HttpRequest) + Send + Sync + 'static,
{
    fn before_request(&self, context: &HookContext<'_>, request: &mut HttpRequest) {
        (self.0)(context, request)
    }
}

/// A hook from a closure that runs after each attempt, with its outcome.
pub fn after<F>(hook: F) -> impl Hook
where
    F: Fn(&HookContext<'_>, Result<&Response, &Failure>) + Send + Sync + 'static,
{
    After(hook)
}

struct After<F>(F);

impl<F> Hook for After<F>
where
    F: Fn(&HookContext<'_>, Result<&Response, &Failure>) + Send + Sync + 'static,
{
    fn after_response(&self, context: &HookContext<'_>, response: &Response) {
        (self.0)(context, Ok(response))
    }

    fn after_error(&self, context: &HookContext<'_>, error: &Failure) {
        (self.0)(context, Err(error))
    }
}
