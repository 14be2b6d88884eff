//! Cargo features: the `[features]` table and the `#[cfg]` attributes that
//! switch resources and model modules on and off (gates come from lowering).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Gate, FULL_FEATURE};

/// `#[cfg(...)]` for a gate; nothing for [`Gate::Always`].
pub fn cfg(gate: &Gate) -> TokenStream {
    match gate {
        Gate::Always => TokenStream::new(),
        Gate::AnyOf(features) => cfg_any(features),
    }
}

/// `#[cfg(feature = "...")]` for one resource's feature.
pub fn cfg_one(feature: &str) -> TokenStream {
    quote!(#[cfg(feature = #feature)])
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", ...))]` for several.
pub fn cfg_any(features: &[String]) -> TokenStream {
    match features {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// The body of `Cargo.toml`'s `[features]` table.
pub fn table(api: &Api) -> String {
    let names: Vec<String> = api
        .resources
        .iter()
        .map(|r| format!("\"{}\"", r.feature))
        .collect();
    let list = if names.len() <= 4 {
        format!("[{}]", names.join(", "))
    } else {
        format!("[\n    {},\n]", names.join(",\n    "))
    };
    let runtime = super::RUNTIME_CRATE;
    let tls = &api.package.tls;
    if api.package.types_only {
        let mut text = format!(
            "# Every model is on by default; with `default-features = false`, name the\n\
             # resources whose models you use to compile only them.\n\
             default = [\"{FULL_FEATURE}\"]\n\
             {FULL_FEATURE} = {list}\n"
        );
        for resource in &api.resources {
            text.push_str(&format!("{} = []\n", resource.feature));
        }
        return text;
    }
    let mut text = format!(
        "# Every resource is on by default; with `default-features = false`, name the\n\
         # ones you use to compile only them and the models they reach (and a TLS\n\
         # backend below).\n\
         default = [\"{FULL_FEATURE}\", \"{tls}\"]\n\
         {FULL_FEATURE} = {list}\n\
         # The HTTP client's TLS backend: rustls (pure Rust) or the platform's.\n\
         rustls = [\"{runtime}/rustls\"]\n\
         native-tls = [\"{runtime}/native-tls\"]\n\
         # `mock::Mock`: a fake client for your app's tests.\n\
         mock = [\"{runtime}/mock\"]\n"
    );
    for resource in &api.resources {
        text.push_str(&format!("{} = []\n", resource.feature));
    }
    text
}
