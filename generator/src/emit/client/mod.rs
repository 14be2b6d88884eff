//! The client type and its builder → `src/client.rs`.

use proc_macro2::TokenStream;
use quote::quote;

mod settings;

use super::docs::{doc, inner, own};
use super::rust_types::ident;
use crate::ir::{Api, Auth};
use settings::{client_credentials, credential, resolve, setter, slots, Slot};

/// `src/client.rs`.
pub fn file(api: &Api) -> TokenStream {
    let client = ident(&api.client.name);
    let builder = ident(&api.client.builder_name);
    let server = &api.client.default_server;
    let slots = slots(api);
    let globals: Vec<&Slot<'_>> = slots.iter().filter(|s| s.global).collect();

    // Resource types are written by path: this file imports runtime items,
    // and a resource may be named like one.
    let accessors = api.resources.iter().map(|r| {
        let accessor = ident(&r.accessor);
        let module = ident(&r.module);
        let name = ident(&r.type_name);
        let ty = quote!(crate::resources::#module::#name);
        let ops: Vec<String> = r
            .operations
            .iter()
            .map(|o| format!("`{}`", o.method_name))
            .collect();
        let text = own(&format!(
            "The `{}` operations: {}.\n\nNeeds the cargo feature `{}` (on by default).",
            r.accessor,
            ops.join(", "),
            r.feature
        ));
        let cfg = super::features::cfg_one(&r.feature);
        quote! {
            #text
            #cfg
            pub fn #accessor(&self) -> #ty {
                #ty::new(self.clone())
            }
        }
    });

    let inner_fields = globals.iter().map(|s| {
        let name = ident(&s.setting.name);
        quote!(pub(crate) #name: Option<String>,)
    });
    let debug_fields = globals.iter().map(|s| {
        let name = ident(&s.setting.name);
        let label = &s.setting.name;
        if s.setting.secret {
            quote!(.field(#label, &self.inner.#name.as_ref().map(|_| "[redacted]")))
        } else {
            quote!(.field(#label, &self.inner.#name))
        }
    });
    let builder_fields = slots.iter().map(|s| {
        let name = ident(&s.setting.name);
        let oauth = client_credentials(s.setting).map(|_| {
            let grant = ident(&format!("{}_grant", s.setting.name));
            let token_url = ident(&format!("{}_token_url", s.setting.name));
            quote!(#grant: Option<(String, String)>, #token_url: Option<String>,)
        });
        if s.has_provider() {
            quote!(#name: Option<CredentialValue>, #oauth)
        } else {
            quote!(#name: Option<String>, #oauth)
        }
    });
    // Client credentials grants become token providers once the server is
    // known, so that a relative token URL resolves against it.
    let grants = slots.iter().filter_map(|s| {
        let (url, scopes) = client_credentials(s.setting)?;
        let name = ident(&s.setting.name);
        let grant = ident(&format!("{}_grant", s.setting.name));
        let token_url = ident(&format!("{}_token_url", s.setting.name));
        Some(quote! {
            if let Some((client_id, client_secret)) = self.#grant.take() {
                let token_url = join_url(&chosen_url, self.#token_url.as_deref().unwrap_or(#url))?;
                let source = ClientCredentials::new(token_url, &[#(#scopes),*], client_id, client_secret);
                self.#name = Some(CredentialValue::Provider(Arc::new(source)));
            }
        })
    });
    let builder_debug = slots.iter().map(|s| {
        let name = ident(&s.setting.name);
        let label = &s.setting.name;
        if s.setting.secret {
            quote!(.field(#label, &self.#name.as_ref().map(|_| "[redacted]")))
        } else {
            quote!(.field(#label, &self.#name))
        }
    });
    let setters = slots.iter().map(setter);
    let resolve = slots.iter().map(resolve);
    let credentials = slots
        .iter()
        .filter(|s| s.setting.credential)
        .map(credential);
    let inner_values = globals.iter().map(|s| {
        let name = ident(&s.setting.name);
        if s.setting.required {
            quote!(#name: Some(#name),)
        } else {
            quote!(#name,)
        }
    });

    let has_credentials = slots.iter().any(|s| s.setting.credential);
    let credentials_init = if has_credentials {
        quote!(let mut credentials = Vec::new();)
    } else {
        quote!(let credentials = Vec::new();)
    };
    let runtime_imports = runtime_imports(&slots);

    let module_doc = inner(&format!(
        "The [`{}`] client and its builder.",
        api.client.name
    ));
    let client_doc = doc(api.description.as_deref().or(Some(&api.title)));
    let client_note = own(&format!(
        "\nBuild one with [`{0}::builder`] (or [`{0}::from_env`]). Cloning is cheap: clones\nshare one connection pool and configuration, so keep one per application.",
        api.client.name
    ));
    let env_vars: Vec<String> = slots
        .iter()
        .filter_map(|s| {
            s.setting
                .env
                .as_ref()
                .map(|env| format!("`{env}` ({})", s.setting.name))
        })
        .collect();
    let from_env_doc = own(&format!(
        "A client configured from the environment: {}.\n\nEquivalent to `{}::builder().build()`, since the builder falls back to these\nvariables for anything not set explicitly.",
        if env_vars.is_empty() { "no variables are defined for this API".to_owned() } else { env_vars.join(", ") },
        api.client.name
    ));
    // Only where an operation names a server of its own.
    let own_servers = api
        .resources
        .iter()
        .flat_map(|r| &r.operations)
        .any(|op| op.server.is_some());
    // Read by `Debug` too, so that a build with only some resource features
    // (none of them with a server of its own) still reads it.
    let explicit_debug =
        own_servers.then(|| quote!(.field("explicit_server", &self.inner.explicit_server)));
    let (explicit_field, explicit_value, explicit_init) = if own_servers {
        (
            quote! {
                /// The builder was given a server URL: it wins over the servers
                /// operations name for themselves.
                pub(crate) explicit_server: bool,
            },
            quote!(let explicit_server = self.server_url.is_some();),
            quote!(explicit_server,),
        )
    } else {
        (quote!(), quote!(), quote!())
    };
    let build_self = if slots
        .iter()
        .any(|s| client_credentials(s.setting).is_some())
    {
        quote!(mut self)
    } else {
        quote!(self)
    };
    let super::servers::ServerParts {
        enum_def: server_enum,
        fields: server_fields,
        setters: server_setters,
        chosen_url,
    } = super::servers::parts(api);
    let server_doc = own(&if super::servers::has_host(api) {
        format!(
            "The server requests go to unless [`{}::server_url`] says otherwise.",
            api.client.builder_name
        )
    } else {
        // `build` refuses it and says so; the docs say it first.
        format!(
            "What the API document gives as its server: no host, so every client must be \
             given the whole URL with [`{}::server_url`].",
            api.client.builder_name
        )
    });
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
        use std::time::Duration;

        use crate::runtime::{#(#runtime_imports),*};
        use crate::Error;

        #server_doc
        pub const DEFAULT_SERVER_URL: &str = #server;

        #server_enum

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
            #explicit_field
            #(#inner_fields)*
        }

        impl fmt::Debug for #client {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!(#client))
                    .field("core", &self.inner.core)
                    #explicit_debug
                    #(#debug_fields)*
                    .finish()
            }
        }

        impl #client {
            /// Starts configuring a client.
            pub fn builder() -> #builder {
                #builder::default()
            }

            #from_env_doc
            pub fn from_env() -> Result<Self, Error> {
                Self::builder().build()
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
            http_client: Option<HttpClientConfig>,
            transport: Option<SharedTransport>,
            max_response_size: Option<usize>,
            headers: Vec<(String, String)>,
            retry: Option<RetryConfig>,
            timeout: Option<Option<Duration>>,
            hooks: Vec<Arc<dyn Hook>>,
            trace_bodies: bool,
            #server_fields
            #(#builder_fields)*
        }

        impl fmt::Debug for #builder {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!(#builder))
                    .field("server_url", &self.server_url)
                    .field("user_agent", &self.user_agent)
                    .field("headers", &self.headers.iter().map(|(name, _)| name).collect::<Vec<_>>())
                    .field("retry", &self.retry)
                    .field("timeout", &self.timeout)
                    .field("max_response_size", &self.max_response_size)
                    .field("transport", &self.transport)
                    .field("hooks", &self.hooks.len())
                    #(#builder_debug)*
                    .finish_non_exhaustive()
            }
        }

        impl #builder {
            #(#setters)*

            #server_setters

            /// Sends requests to another server, e.g. a mock or a proxy.
            pub fn server_url(mut self, url: impl Into<String>) -> Self {
                self.server_url = Some(url.into());
                self
            }

            /// Replaces the `User-Agent` header (by default the crate's name and version).
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

            /// Changes the `reqwest` client the SDK builds (proxies, TLS roots,
            /// connection limits): the builder is [`runtime::reqwest`](crate::runtime::reqwest)'s,
            /// whatever reqwest the app uses itself. Redirects stay the SDK's to
            /// follow (same origin only), whatever `configure` sets.
            pub fn http_client(
                mut self,
                configure: impl Fn(crate::runtime::reqwest::ClientBuilder) -> crate::runtime::reqwest::ClientBuilder + Send + Sync + 'static,
            ) -> Self {
                self.http_client = Some(Arc::new(configure));
                self
            }

            /// Sends every request through `transport` instead of the SDK's HTTP
            /// client, e.g. a recorded replay in tests. Redirects, the size limit,
            /// time limits, retries and hooks still apply.
            pub fn transport(mut self, transport: impl Transport) -> Self {
                self.transport = Some(SharedTransport(Arc::new(transport)));
                self
            }

            /// The largest response body a call reads, in bytes (by default
            /// [`DEFAULT_MAX_RESPONSE_SIZE`](crate::runtime::DEFAULT_MAX_RESPONSE_SIZE),
            /// 16 MiB); a longer one fails with [`Error::ResponseTooLarge`]. Each
            /// call can override it.
            pub fn max_response_size(mut self, bytes: usize) -> Self {
                self.max_response_size = Some(bytes);
                self
            }

            /// How failed calls are retried (by default: backoff from 500 ms up to
            /// 60 s, at most 10 attempts within 15 minutes, on connection errors
            /// and 408, 429, 500, 502, 503, 504; a `Retry-After` longer than the
            /// backoff's wait is honoured). Each call can override it.
            pub fn retry(mut self, retry: RetryConfig) -> Self {
                self.retry = Some(retry);
                self
            }

            /// Time limit for each attempt (60 s by default); a slow attempt fails with
            /// [`Error::Timeout`]. Each call can override it.
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = Some(Some(timeout));
                self
            }

            /// Lets attempts take as long as they take.
            pub fn without_timeout(mut self) -> Self {
                self.timeout = Some(None);
                self
            }

            /// Runs `hook` on every attempt of every call, after the hooks added before it.
            pub fn hook(mut self, hook: impl Hook) -> Self {
                self.hooks.push(Arc::new(hook));
                self
            }

            /// Also logs request and response bodies (at `trace` level). Off by default:
            /// bodies may hold personal data or tokens.
            pub fn trace_bodies(mut self, enabled: bool) -> Self {
                self.trace_bodies = enabled;
                self
            }

            /// Checks the configuration and creates the client.
            ///
            /// Settings not given fall back to their environment variables. Fails with
            /// [`Error::Config`] when a required value is missing, a value cannot be
            /// sent in a header, or the server URL is malformed.
            pub fn build(#build_self) -> Result<#client, Error> {
                #explicit_value
                let chosen_url = match &self.server_url {
                    Some(url) => url.clone(),
                    None => #chosen_url,
                };
                #(#grants)*
                #(#resolve)*
                #credentials_init
                #(#credentials)*
                let core = Core::new(CoreConfig {
                    base_url: chosen_url,
                    user_agent: self.user_agent.unwrap_or_else(|| USER_AGENT.to_owned()),
                    http_client: self.http_client,
                    transport: self.transport,
                    max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
                    credentials,
                    headers: self.headers,
                    retry: self.retry.unwrap_or_default(),
                    timeout: self.timeout.unwrap_or(Some(DEFAULT_TIMEOUT)),
                    hooks: self.hooks,
                    trace_bodies: self.trace_bodies,
                })?;
                Ok(#client {
                    inner: Arc::new(Inner { core, #explicit_init #(#inner_values)* }),
                })
            }
        }
    }
}

/// The runtime items `src/client.rs` uses: only those its settings need, so
/// the file compiles without unused imports.
fn runtime_imports(slots: &[Slot<'_>]) -> Vec<TokenStream> {
    let has_credentials = slots.iter().any(|s| s.setting.credential);
    let mut runtime_imports = Vec::new();
    if slots.iter().any(|s| !s.has_provider()) {
        runtime_imports.push(quote!(check_header_value));
    }
    if slots.iter().any(|s| s.setting.required) {
        runtime_imports.push(quote!(ConfigError));
    }
    runtime_imports.extend([quote!(Core), quote!(CoreConfig)]);
    if has_credentials {
        runtime_imports.extend([quote!(Credential), quote!(CredentialValue)]);
    }
    if slots
        .iter()
        .any(|s| s.has_provider() && s.setting.auth != Auth::Basic)
    {
        runtime_imports.push(quote!(KeyProvider));
    }
    if has_credentials {
        runtime_imports.push(quote!(CredentialPlace));
    }
    // Basic credentials arrive encoded; every other value is wrapped here.
    if slots
        .iter()
        .any(|s| s.setting.credential && (s.setting.auth != Auth::Basic || s.setting.env.is_some()))
    {
        runtime_imports.push(quote!(Secret));
    }
    if slots.iter().any(|s| s.setting.auth == Auth::Basic) {
        runtime_imports.push(quote!(basic_credentials));
    }
    if slots
        .iter()
        .any(|s| client_credentials(s.setting).is_some())
    {
        runtime_imports.push(quote!(ClientCredentials));
        runtime_imports.push(quote!(join_url));
    }
    runtime_imports.extend([
        quote!(Hook),
        quote!(HttpClientConfig),
        quote!(RetryConfig),
        quote!(SharedTransport),
        quote!(Transport),
        quote!(DEFAULT_MAX_RESPONSE_SIZE),
        quote!(DEFAULT_TIMEOUT),
    ]);
    runtime_imports
}
