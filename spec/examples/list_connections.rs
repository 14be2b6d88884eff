//! Lists the consumer's connections to one unified API, with their state.
//!
//! `cargo run --example list_connections -- crm` with `APIDECK_API_KEY`,
//! `APIDECK_APP_ID` and `APIDECK_CONSUMER_ID` set (and `APIDECK_SERVER_URL` for
//! a mock server).

use apideck_vault::Vault;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api = std::env::args().nth(1).unwrap_or_else(|| "crm".to_owned());
    let mut builder = Vault::builder();
    if let Ok(url) = std::env::var("APIDECK_SERVER_URL") {
        builder = builder.server_url(url);
    }
    let vault = builder.build()?;
    let connections = vault.connections().list().api(api).send().await?;
    for connection in &connections.data {
        println!(
            "{} ({}): {}",
            connection.name.as_deref().unwrap_or("?"),
            connection.service_id.as_deref().unwrap_or("?"),
            connection.state.as_ref().map_or("unknown", |s| s.as_str()),
        );
    }
    Ok(())
}
