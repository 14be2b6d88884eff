//! The client type and its builder → `src/client.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, inner, own};
use super::rust_types::ident;
use crate::ir::{Api, Setting};

/// Settings that operations read per call (bound to a global parameter).
fn globals(api: &Api) -> Vec<&Setting> {
    api.client
        .settings
        .iter()
        .filter(|s| {
            api.resources
                .iter()
                .flat_map(|r| &r.operations)
                .flat_map(|o| &o.params)
                .any(|p| p.global.as_deref() == Some(s.name.as_str()))
        })
        .collect()
}

/// `src/client.rs`.
pub fn file(api: &Api) -> TokenStream {
    let client = ident(&api.client.name);
    let builder = ident(&api.client.builder_name);
    let server = &api.client.default_server;
    let globals = globals(api);
    let settings = &api.client.settings;

    let resource_imports = api.resources.iter().map(|r| {
        let module = ident(&r.module);
        let ty = ident(&r.type_name);
        quote!(use crate::resources::#module::#ty;)
    });
    let accessors = api.resources.iter().map(|r| {
        let accessor = ident(&r.accessor);
        let ty = ident(&r.type_name);
        let ops: Vec<String> = r
            .operations
            .iter()
            .map(|o| format!("`{}`", o.method_name))
            .collect();
        let text = own(&format!(
            "The `{}` operations: {}.",
            r.accessor,
            ops.join(", ")
        ));
        quote! {
            #text
            pub fn #accessor(&self) -> #ty {
                #ty::new(self.clone())
            }
        }
    });

    let inner_fields = globals.iter().map(|s| {
        let name = ident(&s.name);
        quote!(pub(crate) #name: Option<String>,)
    });
    let debug_fields = globals.iter().map(|s| {
        let name = ident(&s.name);
        let label = &s.name;
        if s.secret {
            quote!(.field(#label, &self.inner.#name.as_ref().map(|_| "[redacted]")))
        } else {
            quote!(.field(#label, &self.inner.#name))
        }
    });
    let builder_fields = settings.iter().map(|s| {
        let name = ident(&s.name);
        if s.secret {
            quote!(#name: Option<Secret>,)
        } else {
            quote!(#name: Option<String>,)
        }
    });
    // Secret settings are `Secret`s, whose `Debug` prints `[redacted]`.
    let builder_debug = settings.iter().map(|s| {
        let name = ident(&s.name);
        let label = &s.name;
        quote!(.field(#label, &self.#name))
    });
    let setters = settings.iter().map(setter);
    let checks = settings.iter().map(build_check);
    let credentials = settings.iter().filter(|s| s.credential).map(|s| {
        let name = ident(&s.name);
        let label = &s.name;
        let header = &s.header;
        let prefix = &s.prefix;
        let secret = s.secret;
        let value = if s.secret { quote!(value.clone()) } else { quote!(Secret::new(value.as_str())) };
        quote! {
            if let Some(value) = &self.#name {
                credentials.push(Credential { name: #label, header: #header, prefix: #prefix, value: #value, secret: #secret });
            }
        }
    });
    let inner_values = globals.iter().map(|s| {
        let name = ident(&s.name);
        if s.secret {
            quote!(#name: self.#name.map(|value| value.expose().to_owned()),)
        } else {
            quote!(#name: self.#name,)
        }
    });

    let has_credentials = settings.iter().any(|s| s.credential);
    let credentials_init = if has_credentials {
        quote!(let mut credentials = Vec::new();)
    } else {
        quote!(let credentials = Vec::new();)
    };
    let mut runtime_imports = Vec::new();
    if !settings.is_empty() {
        runtime_imports.push(quote!(check_header_value));
    }
    if settings.iter().any(|s| s.required) {
        runtime_imports.push(quote!(ConfigError));
    }
    runtime_imports.extend([quote!(Core), quote!(CoreConfig)]);
    if has_credentials {
        runtime_imports.push(quote!(Credential));
    }
    if settings.iter().any(|s| s.secret) || has_credentials {
        runtime_imports.push(quote!(Secret));
    }
    let module_doc = inner(&format!(
        "The [`{}`] client and its builder.",
        api.client.name
    ));
    let client_doc = doc(api.description.as_deref().or(Some(&api.title)));
    let client_note = own(&format!(
        "\nBuild one with [`{}::builder`]. Cloning is cheap: clones share one connection pool\nand configuration, so keep one per application.",
        api.client.name
    ));
    let server_doc = own(&format!(
        "The server requests go to unless [`{}::server_url`] says otherwise.",
        api.client.builder_name
    ));
    let agent_doc = own(&format!(
        "The `User-Agent` sent unless [`{}::user_agent`] says otherwise.",
        api.client.builder_name
    ));
    let builder_doc = own(&format!(
        "Configures a [`{}`]; finish with [`{}::build`].",
        api.client.name, api.client.builder_name
    ));
    quote! {
        #module_doc
        use std::fmt;
        use std::sync::Arc;

        #(#resource_imports)*
        use crate::runtime::{#(#runtime_imports),*};
        use crate::Error;

        #server_doc
        pub const DEFAULT_SERVER_URL: &str = #server;

        #agent_doc
        pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        #client_doc
        #client_note
        #[derive(Clone)]
        pub struct #client {
            pub(crate) inner: Arc<Inner>,
        }

        /// What every clone of a client shares.
        pub(crate) struct Inner {
            pub(crate) core: Core,
            #(#inner_fields)*
        }

        impl fmt::Debug for #client {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!(#client))
                    .field("core", &self.inner.core)
                    #(#debug_fields)*
                    .finish()
            }
        }

        impl #client {
            /// Starts configuring a client.
            pub fn builder() -> #builder {
                #builder::default()
            }

            /// The server URL requests go to.
            pub fn server_url(&self) -> &str {
                self.inner.core.base_url()
            }

            #(#accessors)*
        }

        #builder_doc
        #[derive(Default, Clone)]
        pub struct #builder {
            server_url: Option<String>,
            user_agent: Option<String>,
            http_client: Option<reqwest::Client>,
            headers: Vec<(String, String)>,
            #(#builder_fields)*
        }

        impl fmt::Debug for #builder {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!(#builder))
                    .field("server_url", &self.server_url)
                    .field("user_agent", &self.user_agent)
                    .field("headers", &self.headers.iter().map(|(name, _)| name).collect::<Vec<_>>())
                    #(#builder_debug)*
                    .finish_non_exhaustive()
            }
        }

        impl #builder {
            #(#setters)*

            /// Sends requests to another server, e.g. a mock or a proxy.
            pub fn server_url(mut self, url: impl Into<String>) -> Self {
                self.server_url = Some(url.into());
                self
            }

            /// Replaces the `User-Agent` header.
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.user_agent = Some(user_agent.into());
                self
            }

            /// Adds a header to every request, e.g. for a proxy or a mock server
            /// (`Prefer: code=404`). An operation's own header of that name wins.
            pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.headers.push((name.into(), value.into()));
                self
            }

            /// Sends requests through this `reqwest` client (proxies, TLS roots, timeouts).
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.http_client = Some(client);
                self
            }

            /// Checks the configuration and creates the client.
            ///
            /// Fails with [`Error::Config`] when a required value is missing, a value
            /// cannot be sent in a header, or the server URL is malformed.
            pub fn build(self) -> Result<#client, Error> {
                #(#checks)*
                #credentials_init
                #(#credentials)*
                let core = Core::new(CoreConfig {
                    base_url: self.server_url.unwrap_or_else(|| DEFAULT_SERVER_URL.to_owned()),
                    user_agent: self.user_agent.unwrap_or_else(|| USER_AGENT.to_owned()),
                    http_client: self.http_client,
                    credentials,
                    headers: self.headers,
                })?;
                Ok(#client {
                    inner: Arc::new(Inner { core, #(#inner_values)* }),
                })
            }
        }
    }
}

fn setter(setting: &Setting) -> TokenStream {
    let name = ident(&setting.name);
    let docs = doc(setting.doc.as_deref());
    let docs = if setting.doc.is_some() {
        docs
    } else {
        own(&format!(
            "Sets `{}` (sent as `{}`).",
            setting.name, setting.header
        ))
    };
    let value = if setting.secret {
        quote!(Secret::new(value))
    } else {
        quote!(value.into())
    };
    quote! {
        #docs
        pub fn #name(mut self, value: impl Into<String>) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

/// Refuses a missing required value and a value that cannot be a header.
fn build_check(setting: &Setting) -> TokenStream {
    let name = ident(&setting.name);
    let label = &setting.name;
    let expose = if setting.secret {
        quote!(value.expose())
    } else {
        quote!(value)
    };
    let missing = format!("`{label}` is required: set it with `.{label}(..)`");
    let presence = if setting.required {
        quote! {
            if self.#name.is_none() {
                return Err(ConfigError::new(#missing).into());
            }
        }
    } else {
        quote!()
    };
    quote! {
        #presence
        if let Some(value) = &self.#name {
            check_header_value(#label, #expose)?;
        }
    }
}
