//! The `Webhook` enum: requests the API sends, decoded by name → `src/webhooks.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::debug;
use super::docs::{doc, inner, own};
use super::rust_types::{ident, qualified_type};
use crate::ir::{Api, TypeRef};

/// `src/webhooks.rs`, for a document that declares webhooks.
pub fn file(api: &Api) -> TokenStream {
    let variants = api.webhooks.iter().map(|hook| {
        let variant = ident(&hook.variant);
        let text = doc(hook.doc.as_deref());
        let name = own(&format!("The `{}` webhook.", hook.name));
        let docs = if text.is_empty() {
            name
        } else {
            quote!(#name #[doc = ""] #text)
        };
        match &hook.ty {
            // Events are boxed: one large event must not size every other.
            Some(ty @ TypeRef::Named(_)) => {
                let ty = qualified_type(ty);
                quote!(#docs #variant(Box<#ty>),)
            }
            Some(ty) => {
                let ty = qualified_type(ty);
                quote!(#docs #variant(#ty),)
            }
            None => quote!(#docs #variant,),
        }
    });
    let parse_arms = api.webhooks.iter().map(|hook| {
        let variant = ident(&hook.variant);
        let name = &hook.name;
        match &hook.ty {
            Some(TypeRef::Bytes) => {
                quote!(#name => Ok(Self::#variant(bytes::Bytes::copy_from_slice(body))),)
            }
            Some(TypeRef::Named(_)) => quote!(#name => serde_json::from_slice(body).map(|event| Self::#variant(Box::new(event))),),
            Some(_) => quote!(#name => serde_json::from_slice(body).map(Self::#variant),),
            None => quote!(#name => Ok(Self::#variant),),
        }
    });
    let name_arms = api.webhooks.iter().map(|hook| {
        let variant = ident(&hook.variant);
        let name = &hook.name;
        match &hook.ty {
            Some(_) => quote!(Self::#variant(_) => #name,),
            None => quote!(Self::#variant => #name,),
        }
    });
    // `Debug` is written out, not derived: an unknown webhook's body is JSON no
    // schema describes, so any key may hold a secret.
    let shown: Vec<_> = api
        .webhooks
        .iter()
        .map(|hook| {
            let shown = hook.ty.as_ref().map(|ty| debug::shown(false, ty));
            (ident(&hook.variant), shown)
        })
        .collect();
    let debug_arms = debug::enum_arms(&shown);
    let names = api.webhooks.iter().map(|hook| &hook.name);
    let module_doc = inner(
        "Webhooks: the requests the API sends to you, decoded into typed events.\n\nRoute each request to [`Webhook::parse`] with the webhook's name (which your\nendpoint knows: the API calls the URL you registered for it).",
    );
    let uses_models = api
        .webhooks
        .iter()
        .any(|hook| matches!(hook.ty, Some(TypeRef::Named(_))));
    let models = if uses_models {
        quote!(
            use crate::models;
        )
    } else {
        quote!()
    };
    quote! {
        #module_doc
        #models

        /// A webhook request the API sent, decoded by the webhook's name.
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Webhook {
            #(#variants)*
            /// A webhook this version of the SDK does not know, kept as received.
            Unknown {
                /// The name it was received under.
                name: String,
                /// Its body, as JSON when it is JSON (else as a string of its bytes).
                body: serde_json::Value,
            },
        }

        impl Webhook {
            /// The names of the webhooks the API document declares.
            pub const NAMES: &'static [&'static str] = &[#(#names),*];

            /// Decodes `body`, the request body of the webhook called `name`. A name
            /// the SDK does not know gives [`Webhook::Unknown`], not an error; a body
            /// that does not match its webhook's schema is an error.
            pub fn parse(name: &str, body: &[u8]) -> Result<Self, serde_json::Error> {
                match name {
                    #(#parse_arms)*
                    _ => Ok(Self::Unknown {
                        name: name.to_owned(),
                        body: serde_json::from_slice(body).unwrap_or_else(|_| {
                            serde_json::Value::String(String::from_utf8_lossy(body).into_owned())
                        }),
                    }),
                }
            }

            /// The webhook's name.
            pub fn name(&self) -> &str {
                match self {
                    #(#name_arms)*
                    Self::Unknown { name, .. } => name,
                }
            }
        }

        impl std::fmt::Debug for Webhook {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    Self::Unknown { name, body } => f
                        .debug_struct("Unknown")
                        .field("name", name)
                        .field("body", &crate::runtime::RedactedBody(body))
                        .finish(),
                }
            }
        }
    }
}
