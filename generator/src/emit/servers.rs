//! The client's choice of server: the `Server` enum of every entry the
//! document lists, a builder setter per URL template variable, and the base
//! URL `build()` makes of them.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::own;
use super::rust_types::ident;
use crate::ir::{Api, TypeRef};

/// The pieces `client.rs` puts together.
pub struct ServerParts {
    /// The `Server` enum, or nothing when the document lists no server.
    pub enum_def: TokenStream,
    /// Builder fields.
    pub fields: TokenStream,
    /// Builder setters.
    pub setters: TokenStream,
    /// The base URL `build()` uses when no `server_url` was given.
    pub chosen_url: TokenStream,
}

/// Whether the document's default server has a host: without one (a path
/// such as `/api/v1`, or no server at all) every client must be given a URL.
pub fn has_host(api: &Api) -> bool {
    let server = &api.client.default_server;
    server.starts_with("http://") || server.starts_with("https://")
}

/// The server parts of `api`'s client.
pub fn parts(api: &Api) -> ServerParts {
    let servers = &api.client.servers;
    if servers.is_empty() {
        return ServerParts {
            enum_def: quote!(),
            fields: quote!(),
            setters: quote!(),
            chosen_url: quote!(DEFAULT_SERVER_URL.to_owned()),
        };
    }
    let variants: Vec<_> = servers.iter().map(|s| ident(&s.name)).collect();
    let docs = servers.iter().map(|s| {
        own(&match &s.description {
            Some(text) => format!("{text} (`{}`).", s.url),
            None => format!("`{}`.", s.url),
        })
    });
    let urls = servers.iter().map(|s| &s.url);
    let descriptions = servers.iter().map(|s| match &s.description {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    });
    let first = &variants[0];
    let variables = &api.client.server_variables;
    let fields = variables.iter().map(|v| {
        let name = ident(&v.rust_name);
        quote!(#name: Option<String>,)
    });
    let setters = variables.iter().map(|v| {
        let name = ident(&v.rust_name);
        let wire = &v.wire_name;
        let default = &v.default;
        let text = own(&format!(
            "Sets the server URL's `{{{wire}}}` (by default `{default}`).{}",
            v.doc
                .as_deref()
                .map(|d| format!(" {}", d.trim()))
                .unwrap_or_default()
        ));
        match &v.ty {
            TypeRef::Named(type_name) => {
                let ty = ident(type_name);
                let ty = quote!(crate::models::#ty);
                quote! {
                    #text
                    pub fn #name(mut self, value: #ty) -> Self {
                        self.#name = Some(value.as_str().to_owned());
                        self
                    }
                }
            }
            _ => quote! {
                #text
                pub fn #name(mut self, value: impl Into<String>) -> Self {
                    self.#name = Some(value.into());
                    self
                }
            },
        }
    });
    let substitutions = variables.iter().map(|v| {
        let name = ident(&v.rust_name);
        let placeholder = format!("{{{}}}", v.wire_name);
        let default = &v.default;
        quote!(.replace(#placeholder, self.#name.as_deref().unwrap_or(#default)))
    });
    let count = proc_macro2::Literal::usize_unsuffixed(servers.len());
    ServerParts {
        enum_def: quote! {
            /// The servers the API document lists; pick one with the builder's
            /// `server(..)` (the first is the default), or give any URL with
            /// `server_url(..)`.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum Server {
                #(#docs #variants,)*
            }

            impl Server {
                /// Every server, in the document's order.
                pub const ALL: [Server; #count] = [#(Server::#variants),*];

                /// Its URL template, with `{variables}` the builder fills.
                pub fn url_template(&self) -> &'static str {
                    match self {
                        #(Self::#variants => #urls,)*
                    }
                }

                /// Its description in the document.
                pub fn description(&self) -> Option<&'static str> {
                    match self {
                        #(Self::#variants => #descriptions,)*
                    }
                }

                /// The server whose description is `text` (ignoring case).
                pub fn with_description(text: &str) -> Option<Self> {
                    Self::ALL
                        .into_iter()
                        .find(|server| server.description().is_some_and(|d| d.eq_ignore_ascii_case(text)))
                }
            }
        },
        fields: quote! {
            server: Option<Server>,
            #(#fields)*
        },
        setters: quote! {
            /// Sends requests to `server`, one of those the document lists, its URL
            /// variables filled by their setters or their defaults.
            pub fn server(mut self, server: Server) -> Self {
                self.server = Some(server);
                self
            }

            #(#setters)*
        },
        chosen_url: quote! {
            String::from(self.server.unwrap_or(Server::#first).url_template())
                #(#substitutions)*
        },
    }
}
