//! Integer enums → open Rust enums whose values travel as JSON integers.
//!
//! The string enums' emitter (`models.rs`) keeps the values as text; these
//! keep `i64`s, so a value is written as `2`, not `"2"`, and a value the SDK
//! does not know is kept as the number it was.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::debug::{self, Shown};
use super::rust_types::ident;
use crate::ir::{Enum, TypeDef};

/// The enum, its conversions and its serde impls.
pub fn integer_enum(def: &TypeDef, e: &Enum, docs: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(&e.unknown_variant);
    let value = |text: &str| Literal::i64_unsuffixed(text.parse().unwrap_or_default());
    let variants = e.variants.iter().map(super::docs::enum_variant);
    let values = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let number = value(&v.value);
        quote!(Self::#variant => #number,)
    });
    let known = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let number = value(&v.value);
        quote!(#number => Some(Self::#variant),)
    });
    let mut shown: Vec<_> = e.variants.iter().map(|v| (ident(&v.name), None)).collect();
    shown.push((unknown.clone(), Some(Shown::Plain)));
    let debug = debug::for_enum(&name, &shown);
    quote! {
        #docs
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know, kept as received.
            /// Only decoding creates it, never for a value listed above.
            #unknown(crate::runtime::UnknownInteger),
        }

        impl #name {
            /// The value as it appears on the wire.
            #[inline]
            pub fn value(self) -> i64 {
                match self {
                    #(#values)*
                    Self::#unknown(value) => value.value(),
                }
            }

            fn known(value: i64) -> Option<Self> {
                match value {
                    #(#known)*
                    _ => None,
                }
            }
        }

        impl TryFrom<i64> for #name {
            type Error = crate::runtime::UnknownInteger;

            /// The variant for a known value; a value this SDK does not list
            /// is refused rather than sent unchecked.
            #[inline]
            fn try_from(value: i64) -> Result<Self, Self::Error> {
                crate::runtime::known_integer(value, Self::known)
            }
        }

        impl From<#name> for i64 {
            #[inline]
            fn from(value: #name) -> Self {
                value.value()
            }
        }

        impl std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        #debug

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                i64::deserialize(deserializer)
                    .map(|value| crate::runtime::open_integer_enum(value, Self::known, Self::#unknown))
            }
        }
    }
}
