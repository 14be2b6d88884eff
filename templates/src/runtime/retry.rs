//! Retrying failed attempts: which failures, how long to wait, when to stop.

use std::future::Future;
use std::time::{Duration, SystemTime};

use backon::{BackoffBuilder, ExponentialBuilder};
use http::header::HeaderMap;
use tokio::time::Instant;

use super::error::Failure;
use super::response::Response;

/// Exponential backoff between attempts.
#[derive(Debug, Clone, PartialEq)]
pub struct Backoff {
    /// Wait before the first retry.
    pub initial_interval: Duration,
    /// Longest wait between two attempts.
    pub max_interval: Duration,
    /// Factor by which the wait grows after each retry.
    pub exponent: f32,
    /// No retry starts once this much time has passed since the first attempt.
    pub max_elapsed_time: Duration,
    /// Adds a random extra wait of up to 100%, so that many clients do not retry in step.
    pub jitter: bool,
}

impl Default for Backoff {
    /// 500 ms, growing by 1.5 up to 60 s, for at most 15 minutes, with jitter.
    fn default() -> Self {
        Self {
            initial_interval: Duration::from_millis(500),
            max_interval: Duration::from_secs(60),
            exponent: 1.5,
            max_elapsed_time: Duration::from_secs(15 * 60),
            jitter: true,
        }
    }
}

/// When to try a request again: set on the client, overridable per call.
///
/// Two limits bound every policy: [`Backoff::max_elapsed_time`] and
/// [`max_attempts`](Self::max_attempts) (by default [`DEFAULT_MAX_ATTEMPTS`]),
/// so no server answer can make a call loop without end.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryConfig {
    backoff: Option<Backoff>,
    retry_connection_errors: bool,
    statuses: Vec<u16>,
    max_attempts: u32,
}

/// The statuses retried unless configured otherwise: timeouts, rate limits and server errors.
pub const DEFAULT_RETRY_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

/// Attempts per call (the first one included) unless configured otherwise.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 10;

/// The longest wait between two attempts, whatever the configuration: longer
/// waits are better served by the caller's own scheduling.
const LONGEST_WAIT: Duration = Duration::from_secs(24 * 60 * 60);

impl Default for RetryConfig {
    /// Backoff with [`Backoff::default`], retrying connection errors and
    /// [`DEFAULT_RETRY_STATUSES`], at most [`DEFAULT_MAX_ATTEMPTS`] attempts.
    fn default() -> Self {
        Self::backoff(Backoff::default())
    }
}

impl RetryConfig {
    /// Never retry.
    pub fn none() -> Self {
        Self {
            backoff: None,
            retry_connection_errors: false,
            statuses: Vec::new(),
            max_attempts: 1,
        }
    }

    /// Retry with `backoff`, on connection errors and [`DEFAULT_RETRY_STATUSES`],
    /// at most [`DEFAULT_MAX_ATTEMPTS`] attempts.
    pub fn backoff(backoff: Backoff) -> Self {
        Self {
            backoff: Some(backoff),
            retry_connection_errors: true,
            statuses: DEFAULT_RETRY_STATUSES.to_vec(),
            max_attempts: DEFAULT_MAX_ATTEMPTS,
        }
    }

    /// Whether failures to connect, and timeouts, are retried.
    pub fn retry_connection_errors(mut self, retry: bool) -> Self {
        self.retry_connection_errors = retry;
        self
    }

    /// The response statuses that are retried.
    pub fn statuses(mut self, statuses: impl IntoIterator<Item = u16>) -> Self {
        self.statuses = statuses.into_iter().collect();
        self
    }

    /// At most this many attempts per call, the first one included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff, unless retrying is off.
    pub fn backoff_settings(&self) -> Option<&Backoff> {
        self.backoff.as_ref()
    }

    /// The most attempts a call makes.
    pub fn attempts_limit(&self) -> u32 {
        self.max_attempts
    }

    /// Whether `outcome` is tried again. A `replayable` request is one that
    /// may reach the server twice without harm: an idempotent method (GET,
    /// HEAD, PUT, DELETE, OPTIONS) or one that carries an idempotency key.
    /// Any other (a POST, a PATCH) is sent again only when the server cannot
    /// have acted on it: the connection was never made, or it answered 429.
    fn is_retryable(&self, outcome: &Result<Response, Failure>, replayable: bool) -> bool {
        match outcome {
            Ok(response) => {
                self.statuses.contains(&response.status())
                    && (replayable || response.status() == 429)
            }
            Err(Failure::Timeout(_)) => self.retry_connection_errors && replayable,
            // A name that does not resolve will not resolve a second later.
            Err(Failure::Transport(error)) if error.is_name_resolution() => false,
            Err(Failure::Transport(error)) if error.is_connect() => self.retry_connection_errors,
            // Sent, and then the connection closed or reset before the
            // whole answer came (a pooled connection the server had just
            // closed, most often): the server may have acted on it.
            Err(Failure::Transport(_)) => self.retry_connection_errors && replayable,
            Err(_) => false,
        }
    }
}

/// The wait a response asks for: `retry-after-ms`, else `Retry-After` in
/// seconds or as an HTTP date.
///
/// Never fails and never overflows: negative values and past dates are zero,
/// values too large for a `Duration` are `Duration::MAX`, and text that is none
/// of these is `None`.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(millis) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        if millis.is_nan() {
            return None;
        }
        return Some(
            Duration::try_from_secs_f64(millis.max(0.0) / 1000.0).unwrap_or(Duration::MAX),
        );
    }
    let value = text("retry-after")?;
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            value
                .parse::<u64>()
                .map_or(Duration::MAX, Duration::from_secs),
        );
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(
        date.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// The backoff's schedule of waits, with settings that cannot overflow or shrink.
fn schedule(backoff: &Backoff) -> impl Iterator<Item = Duration> {
    let longest = backoff
        .max_interval
        .min(backoff.max_elapsed_time)
        .min(LONGEST_WAIT);
    let factor = if backoff.exponent.is_finite() && backoff.exponent >= 1.0 {
        backoff.exponent
    } else {
        1.0
    };
    let builder = ExponentialBuilder::new()
        .with_min_delay(backoff.initial_interval.min(longest))
        .with_max_delay(longest)
        .with_factor(factor)
        .without_max_times();
    if backoff.jitter {
        builder.with_jitter()
    } else {
        builder
    }
    .build()
}

/// How long to wait before the next attempt: the schedule's wait, or longer if
/// the server asks for longer. A server can slow retries down, never speed them up.
pub fn next_delay(scheduled: Duration, asked: Option<Duration>) -> Duration {
    asked.map_or(scheduled, |asked| asked.max(scheduled))
}

/// Runs `attempt` (numbered from 1) until it succeeds, fails for good, runs out
/// of attempts, or the next wait would end past the backoff's time limit;
/// returns the last outcome. `replayable` says whether the request may reach
/// the server more than once (see [`RetryConfig`]'s policy).
pub async fn run<F, Fut>(
    config: &RetryConfig,
    replayable: bool,
    mut attempt: F,
) -> Result<Response, Failure>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<Response, Failure>>,
{
    let started = Instant::now();
    let mut schedule = config.backoff.as_ref().map(schedule);
    let mut number: u32 = 1;
    loop {
        let outcome = attempt(number).await;
        let (Some(backoff), Some(schedule)) = (&config.backoff, schedule.as_mut()) else {
            return outcome;
        };
        if !config.is_retryable(&outcome, replayable) || number >= config.max_attempts {
            return outcome;
        }
        let Some(scheduled) = schedule.next() else {
            return outcome;
        };
        let asked = outcome
            .as_ref()
            .ok()
            .and_then(|response| retry_after(response.headers()));
        // A server asking for more than a day is not going to be retried.
        if asked.is_some_and(|asked| asked > LONGEST_WAIT) {
            return outcome;
        }
        let delay = next_delay(scheduled.min(LONGEST_WAIT), asked);
        // A wait that would end past the budget is not started: the caller gets
        // the last answer now rather than the same answer later.
        if started.elapsed().saturating_add(delay) > backoff.max_elapsed_time {
            return outcome;
        }
        tracing::debug!(
            attempt = number,
            delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            "retrying"
        );
        tokio::time::sleep(delay).await;
        number = number.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::super::transport::TimeoutError;
    use super::*;
    use bytes::Bytes;

    fn response(
        status: u16,
        headers: &[(&'static str, &'static str)],
    ) -> Result<Response, Failure> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().unwrap());
        }
        Ok(Response::new(status, map, Bytes::new()))
    }

    fn fixed(initial_ms: u64, max_elapsed_ms: u64) -> RetryConfig {
        RetryConfig::backoff(Backoff {
            initial_interval: Duration::from_millis(initial_ms),
            max_interval: Duration::from_secs(60),
            exponent: 2.0,
            max_elapsed_time: Duration::from_millis(max_elapsed_ms),
            jitter: false,
        })
    }

    /// Replays `script` (one outcome per attempt) and reports each attempt's start time.
    async fn replay(
        config: &RetryConfig,
        script: Vec<Result<Response, Failure>>,
    ) -> (u16, Vec<Duration>) {
        let start = Instant::now();
        let mut script = script.into_iter();
        let mut starts = Vec::new();
        let outcome = run(config, true, |_| {
            starts.push(start.elapsed());
            let next = script.next().expect("no more attempts scripted");
            async move { next }
        })
        .await;
        (outcome.map(|r| r.status()).unwrap_or(0), starts)
    }

    #[tokio::test(start_paused = true)]
    async fn a_503_then_200_succeeds_after_one_backoff() {
        let (status, starts) = replay(
            &fixed(500, 60_000),
            vec![response(503, &[]), response(200, &[])],
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(starts, [Duration::ZERO, Duration::from_millis(500)]);
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_beats_the_backoff() {
        let script = vec![
            response(429, &[("retry-after", "1")]),
            response(429, &[("retry-after-ms", "250")]),
            response(200, &[]),
        ];
        let (status, starts) = replay(&fixed(10, 60_000), script).await;
        assert_eq!(status, 200);
        assert_eq!(
            starts,
            [
                Duration::ZERO,
                Duration::from_secs(1),
                Duration::from_millis(1250)
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_backoff_grows_and_stops_at_max_elapsed_time() {
        let script = (0..10).map(|_| response(500, &[])).collect();
        let (status, starts) = replay(&fixed(100, 1_000), script).await;
        assert_eq!(status, 500, "the last response is returned");
        // backon computes in f32, so a wait may come out a few microseconds long,
        // which the timer rounds up to the next millisecond.
        let expected = [0u128, 100, 300, 700];
        let ms: Vec<u128> = starts.iter().map(Duration::as_millis).collect();
        assert_eq!(
            ms.len(),
            expected.len(),
            "waits of 100, 200, 400 ms; the next (800) would pass 1 s: {ms:?}"
        );
        assert!(
            ms.iter()
                .zip(expected)
                .all(|(got, want)| got.abs_diff(want) <= 2),
            "{ms:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn other_statuses_and_none_are_not_retried() {
        assert_eq!(
            replay(&fixed(10, 1_000), vec![response(400, &[])])
                .await
                .1
                .len(),
            1
        );
        assert_eq!(
            replay(&RetryConfig::none(), vec![response(503, &[])])
                .await
                .1
                .len(),
            1
        );
        let only_418 = fixed(10, 1_000).statuses([418]);
        assert_eq!(replay(&only_418, vec![response(503, &[])]).await.1.len(), 1);
        assert_eq!(
            replay(&only_418, vec![response(418, &[]), response(200, &[])])
                .await
                .0,
            200
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_server_cannot_shorten_the_schedule() {
        let script = vec![
            response(503, &[("retry-after", "0")]),
            response(503, &[("retry-after-ms", "-100")]),
            response(503, &[("retry-after-ms", "1")]),
            response(200, &[]),
        ];
        let (status, starts) = replay(&fixed(100, 60_000), script).await;
        assert_eq!(status, 200);
        let ms: Vec<u128> = starts.iter().map(Duration::as_millis).collect();
        let expected = [0u128, 100, 300, 700];
        assert!(
            ms.iter()
                .zip(expected)
                .all(|(got, want)| got.abs_diff(want) <= 2),
            "waits of 100, 200, 400 ms: {ms:?}"
        );
    }

    /// An attempt that took 2 s, then a wait of `u64::MAX` seconds: the sum
    /// used to overflow and panic.
    #[tokio::test(start_paused = true)]
    async fn an_enormous_retry_after_ends_the_call_at_once() {
        for header in [
            ("retry-after", "18446744073709551615"),
            ("retry-after", "99999999999999999999999999"),
            ("retry-after-ms", "1e400"),
        ] {
            let start = Instant::now();
            let mut attempts = 0;
            let outcome = run(&fixed(10, 60_000), true, |_| {
                attempts += 1;
                async move {
                    tokio::time::sleep(Duration::from_secs(2)).await;
                    response(503, &[header])
                }
            })
            .await;
            assert_eq!(outcome.unwrap().status(), 503, "{header:?}");
            assert_eq!(attempts, 1, "{header:?}");
            assert_eq!(
                start.elapsed(),
                Duration::from_secs(2),
                "no sleep: {header:?}"
            );
        }
    }

    #[test]
    fn a_write_without_a_key_is_retried_only_when_the_server_cannot_have_acted() {
        let config = RetryConfig::default();
        let timeout = || {
            Err(Failure::Timeout(TimeoutError::after(Duration::from_secs(
                1,
            ))))
        };
        // Replayable (GET, PUT, DELETE, or a keyed POST): timeouts and 5xx.
        assert!(config.is_retryable(&timeout(), true));
        assert!(config.is_retryable(&response(503, &[]), true));
        assert!(config.is_retryable(&response(429, &[]), true));
        // A POST without a key: a 429 was refused unread; a timeout or a
        // 5xx may have been acted on.
        assert!(!config.is_retryable(&timeout(), false));
        assert!(!config.is_retryable(&response(503, &[]), false));
        assert!(!config.is_retryable(&response(500, &[]), false));
        assert!(config.is_retryable(&response(429, &[]), false));
        // Never: a status outside the list.
        assert!(!config.is_retryable(&response(400, &[]), true));
        assert!(!RetryConfig::none().is_retryable(&response(503, &[]), true));
    }

    #[tokio::test(start_paused = true)]
    async fn max_attempts_bounds_every_policy() {
        let script = (0..20).map(|_| response(503, &[])).collect();
        let (status, starts) = replay(&fixed(1, 3_600_000).max_attempts(4), script).await;
        assert_eq!((status, starts.len()), (503, 4));
        let script = (0..20).map(|_| response(503, &[])).collect();
        let (_, starts) = replay(&fixed(1, 3_600_000), script).await;
        assert_eq!(starts.len(), DEFAULT_MAX_ATTEMPTS as usize);
        assert_eq!(RetryConfig::none().max_attempts(0).attempts_limit(), 1);
    }

    /// Settings that would make the schedule overflow or shrink are tamed.
    #[tokio::test(start_paused = true)]
    async fn odd_backoff_settings_do_not_panic() {
        for exponent in [f32::NAN, f32::INFINITY, -3.0, 0.0, 1e30] {
            let config = RetryConfig::backoff(Backoff {
                initial_interval: Duration::MAX,
                max_interval: Duration::MAX,
                exponent,
                max_elapsed_time: Duration::MAX,
                jitter: true,
            })
            .max_attempts(3);
            let start = Instant::now();
            let script = (0..3).map(|_| response(503, &[])).collect();
            let (status, starts) = replay(&config, script).await;
            assert_eq!((status, starts.len()), (503, 3), "{exponent}");
            assert!(start.elapsed() <= 2 * 2 * LONGEST_WAIT, "{exponent}");
        }
    }

    /// Even with no time budget at all, a server cannot park a call for years.
    #[tokio::test(start_paused = true)]
    async fn a_retry_after_past_a_day_ends_the_call() {
        let unlimited = RetryConfig::backoff(Backoff {
            max_elapsed_time: Duration::MAX,
            ..Backoff::default()
        });
        let start = Instant::now();
        let (status, starts) = replay(
            &unlimited,
            vec![response(503, &[("retry-after", "99999999999")])],
        )
        .await;
        assert_eq!((status, starts.len()), (503, 1));
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[test]
    fn next_delay_takes_the_longer_wait() {
        let second = Duration::from_secs(1);
        assert_eq!(next_delay(second, None), second);
        assert_eq!(next_delay(second, Some(Duration::ZERO)), second);
        assert_eq!(next_delay(second, Some(3 * second)), 3 * second);
        assert_eq!(next_delay(second, Some(Duration::MAX)), Duration::MAX);
    }

    #[test]
    fn retry_after_saturates() {
        let headers = |name: &'static str, value: &'static str| {
            let mut map = HeaderMap::new();
            map.insert(name, value.parse().unwrap());
            map
        };
        let cases = [
            (
                "retry-after",
                "18446744073709551615",
                Some(Duration::from_secs(u64::MAX)),
            ),
            ("retry-after", "184467440737095516150", Some(Duration::MAX)),
            ("retry-after", "-1", None),
            ("retry-after", "", None),
            ("retry-after-ms", "-5000", Some(Duration::ZERO)),
            ("retry-after-ms", "1e400", Some(Duration::MAX)),
            ("retry-after-ms", "-inf", Some(Duration::ZERO)),
            ("retry-after-ms", "NaN", None),
        ];
        for (name, value, expected) in cases {
            assert_eq!(
                retry_after(&headers(name, value)),
                expected,
                "{name}: {value}"
            );
        }
    }

    #[test]
    fn retry_after_reads_seconds_milliseconds_and_dates() {
        let headers = |name: &'static str, value: String| {
            let mut map = HeaderMap::new();
            map.insert(name, value.parse().unwrap());
            map
        };
        assert_eq!(
            retry_after(&headers("retry-after", "3".into())),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_after(&headers("retry-after-ms", "1500".into())),
            Some(Duration::from_millis(1500))
        );
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
        let wait = retry_after(&headers("retry-after", later)).unwrap();
        assert!(
            wait > Duration::from_secs(110) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
        let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(60));
        assert_eq!(
            retry_after(&headers("retry-after", past)),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("retry-after", "soon".into())), None);
    }
}
