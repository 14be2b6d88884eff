//! The client's settings (credentials, global header values): how the builder
//! holds each, sets it, falls back to the environment, and sends it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{doc, own};
use crate::emit::rust_types::ident;
use crate::ir::{Api, Auth, Place, Setting};

/// How the builder holds and the client uses one setting.
pub(super) struct Slot<'a> {
    pub(super) setting: &'a Setting,
    /// Operations read it per call (a global header parameter).
    pub(super) global: bool,
}

impl Slot<'_> {
    /// A credential whose value may come from an async provider (not a global:
    /// those must be known as text to be overridable per call).
    pub(super) fn has_provider(&self) -> bool {
        self.setting.credential && self.setting.secret && !self.global
    }
}

pub(super) fn slots(api: &Api) -> Vec<Slot<'_>> {
    let params: Vec<&str> = api
        .resources
        .iter()
        .flat_map(|r| &r.operations)
        .flat_map(|o| &o.params)
        .filter_map(|p| p.global.as_deref())
        .collect();
    api.client
        .settings
        .iter()
        .map(|setting| Slot {
            setting,
            global: params.contains(&setting.name.as_str()),
        })
        .collect()
}

/// The token URL and scopes of an OAuth 2.0 client credentials flow.
pub(super) fn client_credentials(setting: &Setting) -> Option<(&str, &[String])> {
    match &setting.auth {
        Auth::OAuth2 {
            token_url: Some(url),
            scopes,
        } => Some((url, scopes)),
        _ => None,
    }
}

pub(super) fn setter(slot: &Slot<'_>) -> TokenStream {
    let setting = slot.setting;
    let name = ident(&setting.name);
    let place = match setting.place {
        Place::Header => "header",
        Place::Query => "query parameter",
        Place::Cookie => "cookie",
    };
    let mut docs = match &setting.doc {
        Some(text) => doc(Some(text)),
        None => own(&format!(
            "Sets `{}` (sent as the `{}` {place}).",
            setting.name, setting.wire_name
        )),
    };
    if setting.auth == Auth::Basic {
        return quote! {
            #docs
            pub fn #name(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                self.#name = Some(CredentialValue::Fixed(basic_credentials(&username.into(), &password.into())));
                self
            }
        };
    }
    if let Some(env) = &setting.env {
        let note = own(&format!("Defaults to the `{env}` environment variable."));
        docs = quote!(#docs #[doc = ""] #note);
    }
    let value = if slot.has_provider() {
        quote!(CredentialValue::Fixed(Secret::new(value)))
    } else {
        quote!(value.into())
    };
    let provider = if slot.has_provider() && setting.auth != Auth::Basic {
        let provider_name = ident(&format!("{}_provider", setting.name));
        let text = own(&format!(
            "Asks `provider` for `{}` before every attempt, e.g. to rotate it; replaces a fixed value.",
            setting.name
        ));
        quote! {
            #text
            pub fn #provider_name(mut self, provider: impl KeyProvider) -> Self {
                self.#name = Some(CredentialValue::Provider(Arc::new(provider)));
                self
            }
        }
    } else {
        quote!()
    };
    let fetch = match client_credentials(setting) {
        Some((url, scopes)) => {
            let method = ident(&format!("{}_client_credentials", setting.name));
            let text = own(&format!(
                "Fetches `{}` from `{url}` with the OAuth 2.0 client credentials grant{}, keeps it until shortly before it expires, and sends it as a bearer token; replaces a fixed value.",
                setting.name,
                if scopes.is_empty() { String::new() } else { format!(" (scopes: {})", scopes.join(", ")) }
            ));
            let grant = ident(&format!("{}_grant", setting.name));
            let token_url = ident(&format!("{}_token_url", setting.name));
            let token_doc = own(&format!(
                "Fetches `{}` tokens from `url` instead of `{url}`; a relative URL resolves against the server.",
                setting.name
            ));
            let _ = scopes;
            quote! {
                #text
                pub fn #method(mut self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
                    self.#grant = Some((client_id.into(), client_secret.into()));
                    self.#name = None;
                    self
                }

                #token_doc
                pub fn #token_url(mut self, url: impl Into<String>) -> Self {
                    self.#token_url = Some(url.into());
                    self
                }
            }
        }
        None => quote!(),
    };
    // A fixed value replaces a client credentials grant set before it.
    let forget_grant = client_credentials(setting).map(|_| {
        let grant = ident(&format!("{}_grant", setting.name));
        quote!(self.#grant = None;)
    });
    quote! {
        #docs
        pub fn #name(mut self, value: impl Into<String>) -> Self {
            self.#name = Some(#value);
            #forget_grant
            self
        }

        #provider
        #fetch
    }
}

/// `let name = ...;` in `build`: the set value or the environment's, checked.
pub(super) fn resolve(slot: &Slot<'_>) -> TokenStream {
    let setting = slot.setting;
    let name = ident(&setting.name);
    let label = &setting.name;
    let from_env = match (&setting.env, slot.has_provider()) {
        (Some(env), true) => quote! {
            .or_else(|| std::env::var(#env).ok().filter(|v| !v.is_empty()).map(|v| CredentialValue::Fixed(Secret::new(v))))
        },
        (Some(env), false) => {
            quote!(.or_else(|| std::env::var(#env).ok().filter(|v| !v.is_empty())))
        }
        (None, _) => quote!(),
    };
    let missing = match &setting.env {
        Some(env) => format!(
            "`{label}` is required: set it with `.{label}(..)` or the `{env}` environment variable"
        ),
        None => format!("`{label}` is required: set it with `.{label}(..)`"),
    };
    let presence = if setting.required {
        quote! {
            let Some(#name) = #name else {
                return Err(ConfigError::new(#missing).into());
            };
        }
    } else {
        quote!()
    };
    // Credentials are checked by `Core::new`; plain values here.
    let check = match (slot.has_provider(), setting.required) {
        (true, _) => quote!(),
        (false, true) => quote!(check_header_value(#label, &#name)?;),
        (false, false) => quote! {
            if let Some(value) = &#name {
                check_header_value(#label, value)?;
            }
        },
    };
    quote! {
        let #name = self.#name #from_env;
        #presence
        #check
    }
}

/// Pushes a credential in `build`.
pub(super) fn credential(slot: &Slot<'_>) -> TokenStream {
    let setting = slot.setting;
    let name = ident(&setting.name);
    let label = &setting.name;
    let wire_name = &setting.wire_name;
    let place = match setting.place {
        Place::Header => quote!(CredentialPlace::Header),
        Place::Query => quote!(CredentialPlace::Query),
        Place::Cookie => quote!(CredentialPlace::Cookie),
    };
    let prefix = &setting.prefix;
    let secret = setting.secret;
    let value = if slot.has_provider() {
        quote!(value.clone())
    } else {
        quote!(CredentialValue::Fixed(Secret::new(value.as_str())))
    };
    let push = quote!(credentials.push(Credential { name: #label, place: #place, wire_name: #wire_name, prefix: #prefix, value: #value, secret: #secret }););
    if setting.required {
        quote! { { let value = &#name; #push } }
    } else {
        quote! {
            if let Some(value) = &#name {
                #push
            }
        }
    }
}
