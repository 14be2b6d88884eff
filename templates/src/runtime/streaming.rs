//! Sending a request whose success answer is read as it arrives (server-sent
//! events): the same URL, credentials, hooks and retry policy as any call,
//! up to the start of a success answer.

use std::sync::{Arc, Mutex};

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use tracing::Instrument;

use super::client::Core;
use super::error::{Failure, ResponseTooLarge};
use super::hooks::HookContext;
use super::request::Request;
use super::response::Response;
use super::retry;
use super::transport::StreamingResponse;
use super::transport::TimeoutError;

/// What a streaming call got: a success answer still arriving, or any other
/// answer, read whole, for the operation to turn into its error.
#[derive(Debug)]
pub enum Streamed {
    /// A 2xx answer whose body is read as it arrives.
    Open(StreamingResponse),
    /// Any other answer, with its whole (bounded) body.
    Answer(Response),
}

impl Core {
    /// Sends `request` and, for a 2xx answer, hands its body over as it
    /// arrives. Attempts are retried as [`send`](Self::send) retries them
    /// until an answer starts; once a success answer streams, nothing is
    /// retried. The time limit covers the wait for the answer to start, not
    /// the reading of the stream; redirects are not followed (a 3xx is an
    /// answer like any other).
    pub async fn send_streaming(&self, request: Request) -> Result<Streamed, Failure> {
        let call = self.prepare(&request)?;
        let span = call.span();
        let opened: Arc<Mutex<Option<StreamingResponse>>> = Arc::default();
        let outcome = retry::run(&call.retry, call.replayable, |attempt| {
            span.record("attempt", attempt);
            let opened = opened.clone();
            let (request, call) = (&request, &call);
            async move {
                let context = HookContext {
                    operation_id: request.operation_id,
                    attempt,
                };
                let http_request = self
                    .http_request(request, &request.method, &call.url, true, &context)
                    .await?;
                let started = self.transport().send_streaming(http_request, call.max_body);
                let response = match call.timeout {
                    Some(limit) => tokio::time::timeout(limit, started)
                        .await
                        .unwrap_or_else(|_| Err(Failure::Timeout(TimeoutError::after(limit)))),
                    None => started.await,
                }?;
                let status = response.status;
                if (200..300).contains(&status) {
                    // Hooks see the head; the body is the caller's to read.
                    let head = Response::new(status, response.headers.clone(), Bytes::new());
                    self.after_response(&context, &head);
                    *opened.lock().unwrap_or_else(|e| e.into_inner()) = Some(response);
                    return Ok(head);
                }
                let answer = read_whole(response, call.max_body).await?;
                self.after_response(&context, &answer);
                Ok(answer)
            }
        })
        .instrument(span.clone())
        .await;
        let answer = outcome?;
        span.record("status", answer.status());
        let open = opened.lock().unwrap_or_else(|e| e.into_inner()).take();
        Ok(match open {
            Some(mut stream) if (200..300).contains(&answer.status()) => {
                stream.limit = call.max_body;
                Streamed::Open(stream)
            }
            _ => Streamed::Answer(answer),
        })
    }
}

/// The whole body of a streamed answer, up to `max_body` bytes.
async fn read_whole(response: StreamingResponse, max_body: usize) -> Result<Response, Failure> {
    let StreamingResponse {
        status,
        headers,
        mut body,
        ..
    } = response;
    let mut whole = BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk?;
        if chunk.len() > max_body.saturating_sub(whole.len()) {
            return Err(Failure::TooLarge(ResponseTooLarge::new(status, max_body)));
        }
        whole.extend_from_slice(&chunk);
    }
    Ok(Response::new(status, headers, whole.freeze()))
}
