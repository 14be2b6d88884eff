//! Streams a 1 GiB download from a local server to a file through the
//! generated `streaming` fixture's `download()`, then uploads that file with
//! `Upload::file`, and reports throughput and the process's peak resident
//! memory after each, to show memory stays flat whatever the size. Not a
//! timed test: run it by hand, `cargo bench -p tests --bench download`, and
//! record the numbers in BENCHMARKS.md.

use std::time::Instant;

use fixture_streaming::{RetryConfig, Streaming};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const TOTAL: u64 = 1 << 30;
const CHUNK: usize = 1 << 16;

/// Peak resident set size of this process, in MiB (Linux `VmHWM`).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await.unwrap();
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {TOTAL}\r\n\r\n"
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        let chunk = vec![7u8; CHUNK];
        let mut sent = 0u64;
        while sent < TOTAL {
            socket.write_all(&chunk).await.unwrap();
            sent += CHUNK as u64;
        }
    });
    let client = Streaming::builder()
        .server_url(&url)
        .retry(RetryConfig::none())
        .build()
        .unwrap();
    let before = peak_rss_mib();
    let path = std::env::temp_dir().join(format!("bench-download-{}.bin", std::process::id()));
    let started = Instant::now();
    let written = client
        .archives()
        .get("big")
        .download()
        .await
        .unwrap()
        .write_to(&path)
        .await
        .unwrap();
    let elapsed = started.elapsed();
    let after = peak_rss_mib();
    let on_disk = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    assert_eq!((written, on_disk), (TOTAL, TOTAL));
    println!(
        "download of {} MiB to a file: {:.2} s, {:.0} MiB/s; peak RSS {:.1} MiB before, {:.1} MiB after",
        TOTAL >> 20,
        elapsed.as_secs_f64(),
        (TOTAL >> 20) as f64 / elapsed.as_secs_f64(),
        before,
        after
    );

    // The same file back up: a server that reads the whole body and answers 204.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let received = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = vec![0u8; CHUNK];
        let mut total = 0u64;
        let mut head_done = false;
        let mut head = Vec::new();
        loop {
            let n = socket.read(&mut buffer).await.unwrap();
            if n == 0 {
                break;
            }
            if head_done {
                total += n as u64;
            } else {
                head.extend_from_slice(&buffer[..n]);
                if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                    head_done = true;
                    total += (head.len() - end - 4) as u64;
                }
            }
            if total >= TOTAL {
                break;
            }
        }
        socket
            .write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
            .await
            .unwrap();
        total
    });
    let client = Streaming::builder()
        .server_url(&url)
        .retry(RetryConfig::none())
        .build()
        .unwrap();
    let started = Instant::now();
    client
        .archives()
        .update("big", fixture_streaming::runtime::Upload::file(&path))
        .send()
        .await
        .unwrap();
    let elapsed = started.elapsed();
    let peak = peak_rss_mib();
    std::fs::remove_file(&path).ok();
    assert_eq!(received.await.unwrap(), TOTAL);
    println!(
        "upload of {} MiB from a file: {:.2} s, {:.0} MiB/s; peak RSS {:.1} MiB after",
        TOTAL >> 20,
        elapsed.as_secs_f64(),
        (TOTAL >> 20) as f64 / elapsed.as_secs_f64(),
        peak
    );
}
