//! Changes a connection's settings (here its instance URL) and shows the result.
//!
//! `cargo run --example update_connection_settings -- crm pipedrive https://acme.example.com`

use std::collections::BTreeMap;

use apideck_vault::models::ConnectionInput;
use apideck_vault::Vault;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let api = args.next().unwrap_or_else(|| "crm".to_owned());
    let service = args.next().unwrap_or_else(|| "pipedrive".to_owned());
    let instance_url = args
        .next()
        .unwrap_or_else(|| "https://acme.example.com".to_owned());
    let mut builder = Vault::builder();
    if let Ok(url) = std::env::var("APIDECK_SERVER_URL") {
        builder = builder.server_url(url);
    }
    let vault = builder.build()?;
    let settings = BTreeMap::from([("instance_url".to_owned(), instance_url.into())]);
    let input = ConnectionInput::default()
        .with_enabled(true)
        .with_settings(settings);
    let updated = vault
        .connections()
        .update(api, service, input)
        .send()
        .await?;
    // `Debug` redacts anything secret in the settings.
    println!("{:#?}", updated.data.settings);
    Ok(())
}
