//! Brings tokens obtained elsewhere into Vault as a connection's credentials.
//!
//! `cargo run --example import_tokens -- crm pipedrive` with the tokens in
//! `ACCESS_TOKEN` and `REFRESH_TOKEN`.

use apideck_vault::models::{ConnectionImportData, ConnectionImportDataCredentials};
use apideck_vault::Vault;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let api = args.next().unwrap_or_else(|| "crm".to_owned());
    let service = args.next().unwrap_or_else(|| "pipedrive".to_owned());
    let access = std::env::var("ACCESS_TOKEN").unwrap_or_else(|_| "at_example".to_owned());
    let refresh = std::env::var("REFRESH_TOKEN").unwrap_or_else(|_| "rt_example".to_owned());
    let mut builder = Vault::builder();
    if let Ok(url) = std::env::var("APIDECK_SERVER_URL") {
        builder = builder.server_url(url);
    }
    let vault = builder.build()?;
    let data = ConnectionImportData::default().with_credentials(
        ConnectionImportDataCredentials::default()
            .with_access_token(access)
            .with_refresh_token(refresh)
            .with_expires_in(3600),
    );
    // Printing the request shows no token: secret fields are redacted.
    let request = vault.connections().imports(api, service, data);
    println!("sending {request:?}");
    let created = request.send().await?;
    println!(
        "imported: {}",
        created.data.id.as_deref().unwrap_or("(no id returned)")
    );
    Ok(())
}
