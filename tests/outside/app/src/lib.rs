//! A small app on a generated SDK: the names of the models a server has.

use ollama_api::{Error, OllamaApi};

/// The names of the models installed on the server `client` talks to.
pub async fn installed_models(client: &OllamaApi) -> Result<Vec<String>, Error> {
    let list = client.api().list().send().await?;
    Ok(list
        .models
        .unwrap_or_default()
        .into_iter()
        .filter_map(|model| model.name)
        .collect())
}

/// The app's own HTTP client for everything else, built with its own reqwest.
pub fn own_http_client() -> reqwest::Client {
    reqwest::Client::new()
}
