//! The crate's one error type → `src/error.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{inner, own};
use super::rust_types::{ident, qualified_type, Uses};
use crate::ir::{Api, ErrorDetails, ErrorStatus, Field, TypeRef};

/// `src/error.rs`.
pub fn file(api: &Api) -> TokenStream {
    let mut uses = Uses::default();
    api.errors
        .iter()
        .filter_map(|e| e.model.as_ref())
        .for_each(|ty| uses.add(ty));
    // Models are named `models::X` here: a model may share a runtime item's name.
    let imports = uses.qualified_imports();

    let variants = api.errors.iter().map(|e| {
        let name = ident(&e.name);
        let model = qualified_type(e.model.as_ref().unwrap_or(&TypeRef::Json));
        let doc = own(&e.doc);
        quote!(#doc #name(ApiError<#model>),)
    });
    let api_names: Vec<_> = api.errors.iter().map(|e| ident(&e.name)).collect();
    // Exact statuses come first in `api.errors`, so they win over their range.
    let by_status = api.errors.iter().filter_map(|e| {
        let name = ident(&e.name);
        let pattern = match e.status {
            ErrorStatus::Exact(status) => {
                let status = proc_macro2::Literal::u16_unsuffixed(status);
                quote!(#status)
            }
            ErrorStatus::Range(hundred) => {
                let low = proc_macro2::Literal::u16_unsuffixed(hundred * 100);
                let high = proc_macro2::Literal::u16_unsuffixed(hundred * 100 + 99);
                quote!(#low..=#high)
            }
            ErrorStatus::Default => return None,
        };
        Some(quote!(#pattern => Self::#name(response.api_error()),))
    });
    let by_status: Vec<TokenStream> = by_status.collect();
    let fallback = api
        .errors
        .iter()
        .find(|e| e.status == ErrorStatus::Default)
        .map(|e| ident(&e.name))
        .unwrap_or_else(|| ident("Unexpected"));
    let has_operations = api.resources.iter().any(|r| !r.operations.is_empty());
    // Only resources decode error responses: with every one of them off, the
    // function would be dead code.
    let features: Vec<String> = api.resources.iter().map(|r| r.feature.clone()).collect();
    let cfg = if has_operations {
        super::features::cfg_any(&features)
    } else {
        quote!()
    };
    let untyped = if has_operations {
        quote! {
            /// A success (any 2xx) as untyped JSON; any other status sorted
            /// into its variant, as for a typed call.
            #cfg
            pub(crate) fn untyped(
                response: crate::runtime::Response,
            ) -> Result<crate::runtime::ApiResponse<serde_json::Value>, Self> {
                if (200..300).contains(&response.status()) {
                    response.decode_untyped().map_err(Self::from)
                } else {
                    Err(Self::from_response(response))
                }
            }
        }
    } else {
        quote!()
    };
    let from_response = match (has_operations, by_status.is_empty()) {
        (false, _) => quote!(),
        (true, true) => quote! {
            /// Wraps an error response.
            #cfg
            pub(crate) fn from_response(response: crate::runtime::Response) -> Self {
                Self::#fallback(response.api_error())
            }
        },
        (true, false) => quote! {
            /// Sorts an error response into its variant by status.
            #cfg
            pub(crate) fn from_response(response: crate::runtime::Response) -> Self {
                match response.status() {
                    #(#by_status)*
                    _ => Self::#fallback(response.api_error()),
                }
            }
        },
    };
    let details = api
        .error_details
        .as_ref()
        .map(|details| error_details(details, &api_names))
        .unwrap_or_default();
    let module_doc = inner("The error type of every call.");

    quote! {
        #module_doc
        use std::fmt;

        #imports
        use crate::runtime::{ApiError, ConfigError, CredentialError, DecodeError, Failure, InvalidRequest, PaginationError, RedirectError, ResponseTooLarge, TimeoutError, TransportError};

        /// Everything a call can fail with.
        ///
        /// Error statuses the API documents have their own variant, which carries the
        /// status, headers, raw body and the decoded error model.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum Error {
            #(#variants)*
            /// The server could not be reached or the connection broke.
            Transport(TransportError),
            /// The server did not answer in time.
            Timeout(TimeoutError),
            /// A success response whose body does not match the documented type.
            Decode(DecodeError),
            /// The request was refused before sending: a parameter or body cannot be encoded.
            InvalidRequest(InvalidRequest),
            /// The client configuration cannot work.
            Config(ConfigError),
            /// A credential provider could not supply a value.
            Credentials(CredentialError),
            /// The server redirected to another origin (or too often); the redirect
            /// was not followed, so no credential or body went there.
            Redirect(RedirectError),
            /// A response body passed the size limit; reading it stopped there.
            ResponseTooLarge(ResponseTooLarge),
            /// A listing could not finish (the server repeated a page, or sent
            /// empty pages without end); the items before it were yielded.
            Pagination(PaginationError),
        }

        impl Error {
            /// The HTTP status, when a response was received.
            pub fn status(&self) -> Option<u16> {
                match self {
                    #(Self::#api_names(error) => Some(error.status()),)*
                    Self::Decode(error) => Some(error.status()),
                    Self::Redirect(error) => Some(error.status()),
                    Self::ResponseTooLarge(error) => Some(error.status()),
                    Self::Transport(_) | Self::Timeout(_) | Self::InvalidRequest(_) | Self::Config(_) | Self::Credentials(_) | Self::Pagination(_) => None,
                }
            }

            /// The response headers (rate limits, request ids), when a response was received.
            pub fn headers(&self) -> Option<&crate::runtime::HeaderMap> {
                match self {
                    #(Self::#api_names(error) => Some(error.headers()),)*
                    Self::Decode(error) => Some(error.headers()),
                    _ => None,
                }
            }

            /// The raw response body, when a response was received and kept.
            pub fn body(&self) -> Option<&[u8]> {
                match self {
                    #(Self::#api_names(error) => Some(error.body()),)*
                    Self::Decode(error) => Some(error.body()),
                    _ => None,
                }
            }

            /// In one line, what went wrong as the server put it (for error
            /// statuses) or as the decoder did (for undecodable success bodies);
            /// `None` for other errors, whose `Display` says it all.
            pub fn message(&self) -> Option<&str> {
                match self {
                    #(Self::#api_names(error) => error.message(),)*
                    Self::Decode(error) => Some(error.message()),
                    _ => None,
                }
            }

            #from_response

            #untyped
        }

        #details

        impl fmt::Display for Error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // One `write!` for every status, not one per variant: each
                // expands to its own formatting code.
                let (kind, error): (&str, &dyn fmt::Display) = match self {
                    #(Self::#api_names(error) => (stringify!(#api_names), error),)*
                    Self::Transport(error) => return error.fmt(f),
                    Self::Timeout(error) => return error.fmt(f),
                    Self::Decode(error) => return error.fmt(f),
                    Self::InvalidRequest(error) => return error.fmt(f),
                    Self::Config(error) => return error.fmt(f),
                    Self::Credentials(error) => return error.fmt(f),
                    Self::Redirect(error) => return error.fmt(f),
                    Self::ResponseTooLarge(error) => return error.fmt(f),
                    Self::Pagination(error) => return error.fmt(f),
                };
                write!(f, "{kind}: {error}")
            }
        }

        impl std::error::Error for Error {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Self::Transport(error) => Some(error),
                    Self::Timeout(error) => Some(error),
                    Self::Decode(error) => Some(error),
                    Self::InvalidRequest(error) => Some(error),
                    Self::Config(error) => Some(error),
                    Self::Credentials(error) => Some(error),
                    Self::Redirect(error) => Some(error),
                    Self::ResponseTooLarge(error) => Some(error),
                    Self::Pagination(error) => Some(error),
                    _ => None,
                }
            }
        }

        impl From<Failure> for Error {
            fn from(failure: Failure) -> Self {
                match failure {
                    Failure::Transport(error) => Self::Transport(error),
                    Failure::Timeout(error) => Self::Timeout(error),
                    Failure::Decode(error) => Self::Decode(error),
                    Failure::InvalidRequest(error) => Self::InvalidRequest(error),
                    Failure::Credentials(error) => Self::Credentials(error),
                    Failure::Redirect(error) => Self::Redirect(error),
                    Failure::TooLarge(error) => Self::ResponseTooLarge(error),
                    Failure::Pagination(error) => Self::Pagination(error),
                }
            }
        }

        impl From<PaginationError> for Error {
            fn from(error: PaginationError) -> Self {
                Self::Pagination(error)
            }
        }

        impl From<ConfigError> for Error {
            fn from(error: ConfigError) -> Self {
                Self::Config(error)
            }
        }
    }
}

/// The view of the fields all error models share, and `Error::details`.
fn error_details(details: &ErrorDetails, variants: &[proc_macro2::Ident]) -> TokenStream {
    let name = ident(&details.name);
    let fields = details.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let doc = own(&format!("The body's `{}`, if present.", f.wire_name));
        let ty = match &f.ty {
            TypeRef::String => quote!(&'a str),
            other => {
                let ty = qualified_type(other);
                quote!(&'a #ty)
            }
        };
        quote!(#doc pub #field: Option<#ty>,)
    });
    let reads: Vec<TokenStream> = details.fields.iter().map(read).collect();
    let arms = variants.iter().map(|variant| {
        let reads = &reads;
        quote! {
            Self::#variant(error) => error.model().map(|model| #name { #(#reads,)* }),
        }
    });
    quote! {
        /// The fields every documented error body has, read from whichever variant
        /// holds the error, so one line serves them all:
        /// `error.details().and_then(|d| d.message)`.
        #[derive(Debug, Clone, Copy, PartialEq)]
        #[non_exhaustive]
        pub struct #name<'a> {
            #(#fields)*
        }

        impl Error {
            /// The shared fields of the error body, when the server answered with
            /// a documented error status and its body matched the documented model.
            pub fn details(&self) -> Option<#name<'_>> {
                match self {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    }
}

/// `field: <borrow of model.field as Option<&T>>`.
fn read(f: &Field) -> TokenStream {
    let field = ident(&f.rust_name);
    let text = f.ty == TypeRef::String;
    let value = match (f.required, f.nullable, text) {
        (true, false, true) => quote!(Some(model.#field.as_str())),
        (true, false, false) => quote!(Some(&model.#field)),
        (false, true, true) => {
            quote!(model.#field.as_ref().and_then(crate::runtime::Nullable::value).map(String::as_str))
        }
        (false, true, false) => {
            quote!(model.#field.as_ref().and_then(crate::runtime::Nullable::value))
        }
        (_, _, true) => quote!(model.#field.as_deref()),
        (_, _, false) => quote!(model.#field.as_ref()),
    };
    quote!(#field: #value)
}
