//! A local server that writes its answer in pieces, as a streaming API
//! does: for tests of server-sent events and JSON lines.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A server that answers one request with `status` and the body written in
/// `pieces` (as chunks, a short pause between them), ending the chunked body
/// properly when `complete`, else cutting the connection. The request it read
/// comes back through the receiver.
pub async fn serve(
    status: u16,
    content_type: &'static str,
    pieces: Vec<&'static str>,
    complete: bool,
) -> (String, oneshot::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sent, received) = oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut chunk = [0u8; 4096];
        // Headers, then as much body as Content-Length says.
        let end = loop {
            let n = socket.read(&mut chunk).await.unwrap();
            request.extend_from_slice(&chunk[..n]);
            if let Some(at) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
        };
        let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or(0);
        while request.len() < end + length {
            let n = socket.read(&mut chunk).await.unwrap();
            request.extend_from_slice(&chunk[..n]);
        }
        let _ = sent.send(String::from_utf8_lossy(&request).into_owned());
        let head = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n"
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        for piece in pieces {
            let chunk = format!("{:x}\r\n{piece}\r\n", piece.len());
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
            socket.flush().await.unwrap();
            tokio::time::sleep(Duration::from_millis(15)).await;
        }
        if complete {
            let _ = socket.write_all(b"0\r\n\r\n").await;
        }
        // Dropping the socket closes the connection.
    });
    (url, received)
}
