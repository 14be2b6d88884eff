//! Walks the consumer's request logs page by page, as one stream.
//!
//! `cargo run --example walk_logs -- 50` prints at most 50 entries.

use apideck_vault::models::LogsFilter;
use apideck_vault::{Error, Vault};
use futures_util::StreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let most: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(50);
    let mut builder = Vault::builder();
    if let Ok(url) = std::env::var("APIDECK_SERVER_URL") {
        builder = builder.server_url(url);
    }
    let vault = builder.build()?;
    let logs = vault
        .logs()
        .list()
        .filter(LogsFilter::default().with_status_code(200))
        .limit(20)
        .into_stream()
        .take(most);
    let mut logs = std::pin::pin!(logs);
    let mut count = 0;
    while let Some(entry) = logs.next().await {
        let entry = match entry {
            Ok(entry) => entry,
            // The server sent a cursor it had sent before (a mock server that
            // always answers the same page does): the listing cannot finish,
            // and the stream says so instead of looping or ending quietly.
            Err(Error::Pagination(truncated)) => {
                println!("the listing stopped early: {truncated}");
                break;
            }
            Err(other) => return Err(other.into()),
        };
        count += 1;
        println!(
            "{} {} → {}",
            entry.http_method, entry.path, entry.status_code
        );
    }
    println!("{count} log entries");
    Ok(())
}
