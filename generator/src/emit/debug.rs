//! `Debug` impls that keep secrets out of logs: values lowering marked secret
//! print as `[redacted]`, and free-form JSON prints with the values of
//! secret-named keys redacted (the runtime's `RedactedJson`).
//!
//! Every `fmt` is `#[inline]`, as std's derives mark `clone` and `eq`: an
//! inline function is compiled in the crate that calls it, not in the SDK, so
//! an app pays for the `Debug` of the types it prints, not of all of them
//! (measured in BENCHMARKS.md, "Compile time against progenitor").

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::TypeRef;

/// How one value appears in `Debug` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Its own `Debug`.
    Plain,
    /// `[redacted]` (with `Some`/`None` kept, so absence stays visible).
    Redacted,
    /// As JSON, secret-named keys redacted.
    Json,
}

/// How many `Option`s wrap the value in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapping {
    /// `T`.
    Bare,
    /// `Option<T>`.
    Option,
    /// `Option<Option<T>>`.
    OptionOption,
}

/// How a value of type `ty` is shown.
pub fn shown(sensitive: bool, ty: &TypeRef) -> Shown {
    if sensitive {
        Shown::Redacted
    } else if free_form(ty) {
        Shown::Json
    } else {
        Shown::Plain
    }
}

/// Types whose keys no schema names, so any of them may hold a secret.
pub fn free_form(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Json | TypeRef::Map(_) => true,
        TypeRef::List(inner) => free_form(inner),
        _ => false,
    }
}

/// An expression for `.field(_, here)`, reading the value at `place`.
pub fn value(place: TokenStream, shown: Shown, wrapping: Wrapping) -> TokenStream {
    match (shown, wrapping) {
        (Shown::Plain, _) => quote!(&#place),
        (Shown::Json, _) => quote!(&crate::runtime::RedactedJson(&#place)),
        (Shown::Redacted, Wrapping::Bare) => quote!(&crate::runtime::Redacted),
        (Shown::Redacted, Wrapping::Option) => {
            quote!(&#place.as_ref().map(|_| crate::runtime::Redacted))
        }
        (Shown::Redacted, Wrapping::OptionOption) => {
            quote!(&#place.as_ref().map(|value| value.as_ref().map(|_| crate::runtime::Redacted)))
        }
    }
}

/// `impl Debug` for a struct, given each field's label and value expression.
pub fn for_struct(name: &Ident, fields: &[(String, TokenStream)]) -> TokenStream {
    let label = name.to_string();
    let fields = fields
        .iter()
        .map(|(label, value)| quote!(.field(#label, #value)));
    quote! {
        impl std::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label)
                    #(#fields)*
                    .finish()
            }
        }
    }
}

/// `impl Debug` for an enum whose variants each hold one value (`Some`, shown
/// so) or none (`None`).
pub fn for_enum(name: &Ident, variants: &[(Ident, Option<Shown>)]) -> TokenStream {
    let arms = enum_arms(variants);
    quote! {
        impl std::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// The `match self` arms of [`for_enum`], for an enum that also has variants
/// of its own shape (the webhooks' `Unknown { name, body }`).
pub fn enum_arms(variants: &[(Ident, Option<Shown>)]) -> Vec<TokenStream> {
    variants
        .iter()
        .map(|(variant, shown)| {
            let label = variant.to_string();
            // `value` is already a reference here.
            let value = match shown {
                None => return quote!(Self::#variant => f.write_str(#label),),
                Some(Shown::Plain) => quote!(value),
                Some(Shown::Json) => quote!(&crate::runtime::RedactedJson(value)),
                Some(Shown::Redacted) => quote!(&crate::runtime::Redacted),
            };
            quote!(Self::#variant(value) => f.debug_tuple(#label).field(#value).finish(),)
        })
        .collect()
}
