//! Object types: the struct, its `new` and `with_*` setters, the conversions
//! that build it from a map or JSON, `Debug`, `Serialize` and `Deserialize`.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::debug::{self, Shown, Wrapping};
use super::super::docs::{doc, own};
use super::super::rust_types::{ident, rust_type};
use super::{boxed, type_doc};
use crate::ir::{Field, Struct, TypeDef, TypeRef};

pub(super) fn structure(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_doc(def);
    let default = if s.default {
        quote!(Default,)
    } else {
        quote!()
    };
    let fields = s.fields.iter().map(field);
    let extra_name = ident(&s.extra.rust_name);
    let extra_ty = rust_type(&s.extra.value);
    let extra_doc = own("Properties the API document does not list, kept as received.");
    let constructor = constructor(def, s);
    let conversions = conversions(def, s);
    let debug = struct_debug(&name, s);
    let serde = struct_serde(def, s);
    quote! {
        #docs
        #[derive(Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #extra_doc
            pub #extra_name: BTreeMap<String, #extra_ty>,
        }
        #constructor
        #conversions
        #debug
        #serde
    }
}

/// `Serialize` and `Deserialize` written out rather than derived: the
/// runtime's `object` module holds the loop and the checks once, so each
/// model costs the compiler a list of its properties (see BENCHMARKS.md).
/// Semantics are the derive's: a required property must be present; an
/// optional one may be absent or `null` (`None`), and is left out when `None`;
/// an optional nullable one keeps `null` apart from absence; every other
/// property lands in the extra map and is written back after the known ones.
fn struct_serde(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let type_name = &def.name;
    // `slot_` locals cannot meet `object` or `key`, nor each other (lowering
    // starts a name with `_` only before a digit, where no name can start).
    let slot = |rust_name: &str| {
        let bare = rust_name.trim_start_matches("r#").trim_start_matches('_');
        ident(&format!("slot_{bare}"))
    };
    let slots = s.fields.iter().map(|f| {
        let slot = slot(&f.rust_name);
        quote!(let mut #slot = None;)
    });
    let arms = s.fields.iter().map(|f| {
        let slot = slot(&f.rust_name);
        let wire = &f.wire_name;
        quote!(#wire => object.value(&mut #slot, #wire)?,)
    });
    let extra = ident(&s.extra.rust_name);
    let extra_slot = slot(&s.extra.rust_name);
    let values = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let slot = slot(&f.rust_name);
        let wire = &f.wire_name;
        let value = match (f.required, f.nullable) {
            (true, false) => quote!(object.required(#slot, #wire)?),
            // `Option<T>`: absent and `null` are `None`.
            (true, true) | (false, false) => quote!(object.optional(#slot)),
            // `Option<Nullable<T>>`: `null` is `Some(Nullable::Null)`.
            (false, true) => quote!(#slot),
        };
        quote!(#field: #value,)
    });
    let writes = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        if f.required {
            quote!(object.entry(#wire, &self.#field)?;)
        } else {
            quote!(object.optional(#wire, &self.#field)?;)
        }
    });
    let read = if s.fields.is_empty() {
        quote!(object.extra(key, &mut #extra_slot)?;)
    } else {
        quote! {
            match key.as_str() {
                #(#arms)*
                _ => object.extra(key, &mut #extra_slot)?,
            }
        }
    };
    let writer = if s.fields.is_empty() {
        quote!(object)
    } else {
        quote!(mut object)
    };
    quote! {
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::object::deserialize(deserializer)
            }
        }

        impl crate::runtime::object::FromObject for #name {
            const NAME: &'static str = #type_name;

            fn from_object<'de, A: serde::de::MapAccess<'de>>(
                mut object: crate::runtime::object::Reader<'de, A>,
            ) -> Result<Self, A::Error> {
                #(#slots)*
                let mut #extra_slot = BTreeMap::new();
                while let Some(key) = object.next_key()? {
                    #read
                }
                Ok(Self {
                    #(#values)*
                    #extra: #extra_slot,
                })
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let #writer = crate::runtime::object::Writer::new(serializer)?;
                #(#writes)*
                object.end(&self.#extra)
            }
        }
    }
}

/// `Debug` that redacts secret fields and secret-named keys of free-form maps
/// (every struct has one: its map of unknown properties).
fn struct_debug(name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let mut fields: Vec<(String, TokenStream)> = s
        .fields
        .iter()
        .map(|f| {
            let place = ident(&f.rust_name);
            let wrapping = match (f.required, f.nullable) {
                (true, false) => Wrapping::Bare,
                (true, true) | (false, false) => Wrapping::Option,
                (false, true) => Wrapping::OptionOption,
            };
            let shown = debug::shown(f.sensitive, &f.ty);
            (
                f.rust_name.clone(),
                debug::value(quote!(self.#place), shown, wrapping),
            )
        })
        .collect();
    let extra = ident(&s.extra.rust_name);
    fields.push((
        s.extra.rust_name.clone(),
        debug::value(quote!(self.#extra), Shown::Json, Wrapping::Bare),
    ));
    debug::for_struct(name, &fields)
}

/// The field's Rust type: `T`, `Option<T>` or, for an optional nullable field,
/// `Option<Nullable<T>>` (absent, `null` or a value).
fn field_type(field: &Field) -> TokenStream {
    let inner = boxed(&field.ty, field.boxed);
    match (field.required, field.nullable) {
        (true, false) => inner,
        (true, true) | (false, false) => quote!(Option<#inner>),
        (false, true) => quote!(Option<crate::runtime::Nullable<#inner>>),
    }
}

fn field(field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let ty = field_type(field);
    let mut docs = match (&field.doc, &field.ty) {
        (Some(text), _) => doc(Some(text)),
        (None, TypeRef::Named(name)) => own(&format!(
            "The `{}` property; see [`{name}`].",
            field.wire_name
        )),
        (None, _) => own(&format!("The `{}` property.", field.wire_name)),
    };
    if field.read_only {
        let note = own("Read-only: set by the server and ignored in requests.");
        docs = quote!(#docs #[doc = ""] #note);
    }
    if field.deprecated {
        let note = own("Deprecated by the API.");
        docs = quote!(#docs #[doc = ""] #note);
    }
    quote! { #docs pub #name: #ty, }
}

/// How a value of `ty` is passed to a constructor or setter: `impl Into<_>`
/// wherever a conversion helps (`&str` for `String`, `T` for `Box<T>`, `T` or
/// `None` for a required nullable field, a variant's value for a union).
fn argument(ty: TokenStream) -> TokenStream {
    quote!(impl Into<#ty>)
}

/// `new` (from the required fields, or from the struct of them when there are
/// many) and a `with_*` setter per optional field, so that building a value is
/// one expression although the struct is `#[non_exhaustive]`.
fn constructor(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.required).collect();
    let extra = ident(&s.extra.rust_name);
    let inits = s.fields.iter().map(|f| {
        let field_name = ident(&f.rust_name);
        match (f.required, &s.required_parts) {
            (true, None) => quote!(#field_name: #field_name.into()),
            (true, Some(_)) => quote!(#field_name: required.#field_name),
            (false, _) => quote!(#field_name: None),
        }
    });
    let (parts, new) = match (&s.required_parts, required.is_empty()) {
        (_, true) => (quote!(), quote!()),
        (None, false) => {
            let args = required.iter().map(|f| {
                let arg = ident(&f.rust_name);
                let ty = argument(field_type(f));
                quote!(#arg: #ty)
            });
            (
                quote!(),
                quote! {
                    /// Creates a value from its required properties; the optional ones start out absent.
                    pub fn new(#(#args),*) -> Self {
                        Self { #(#inits,)* #extra: BTreeMap::new() }
                    }
                },
            )
        }
        (Some(parts), false) => {
            let parts_name = ident(parts);
            let fields = required.iter().map(|f| {
                let field_name = ident(&f.rust_name);
                let ty = field_type(f);
                let doc = own(&format!("The `{}` property.", f.wire_name));
                quote!(#doc pub #field_name: #ty,)
            });
            let debug_fields: Vec<(String, TokenStream)> = required
                .iter()
                .map(|f| {
                    let place = ident(&f.rust_name);
                    let wrapping = if f.nullable {
                        Wrapping::Option
                    } else {
                        Wrapping::Bare
                    };
                    (
                        f.rust_name.clone(),
                        debug::value(
                            quote!(self.#place),
                            debug::shown(f.sensitive, &f.ty),
                            wrapping,
                        ),
                    )
                })
                .collect();
            let debug = debug::for_struct(&parts_name, &debug_fields);
            let doc = own(&format!(
                "The required properties of [`{}`], for [`{}::new`]: too many to pass one by one.",
                def.name, def.name
            ));
            (
                quote! {
                    #doc
                    #[derive(Clone, PartialEq)]
                    pub struct #parts_name {
                        #(#fields)*
                    }

                    #debug
                },
                quote! {
                    /// Creates a value from its required properties; the optional ones start out absent.
                    pub fn new(required: #parts_name) -> Self {
                        Self { #(#inits,)* #extra: BTreeMap::new() }
                    }
                },
            )
        }
    };
    let setters = s.fields.iter().filter(|f| !f.required).map(|f| {
        let field_name = ident(&f.rust_name);
        let setter = ident(&f.setter);
        let inner = boxed(&f.ty, f.boxed);
        let ty = argument(inner);
        let value = if f.nullable {
            quote!(Some(crate::runtime::Nullable::Value(value.into())))
        } else {
            quote!(Some(value.into()))
        };
        let doc = own(&format!("Sets `{}`.", f.rust_name));
        quote! {
            #doc
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#field_name = #value;
                self
            }
        }
    });
    let setters: Vec<TokenStream> = setters.collect();
    if new.is_empty() && setters.is_empty() {
        return parts;
    }
    quote! {
        #parts

        impl #name {
            #new
            #(#setters)*
        }
    }
}

/// Conversions for objects whose keys are the caller's to choose: an open
/// object (`additionalProperties` true or a schema) or one that lists no
/// properties. Without required properties, it is to a caller a map with some
/// keys named: it builds from one, and keeps doing so when the document names
/// another optional property. From JSON, known properties are read into their
/// fields, with the same checks as decoding a response.
fn conversions(def: &TypeDef, s: &Struct) -> TokenStream {
    if !s.extra.open && !s.fields.is_empty() {
        return quote!();
    }
    let name = ident(&def.name);
    let extra = ident(&s.extra.rust_name);
    let from_map = if s.fields.iter().all(|f| !f.required) {
        let value = rust_type(&s.extra.value);
        let nones = s.fields.iter().map(|f| {
            let field_name = ident(&f.rust_name);
            quote!(#field_name: None)
        });
        quote! {
            impl From<BTreeMap<String, #value>> for #name {
                /// Every key goes to the map of other properties, named or not.
                fn from(map: BTreeMap<String, #value>) -> Self {
                    Self { #(#nones,)* #extra: map }
                }
            }
        }
    } else {
        quote!()
    };
    let doc = own(&format!(
        "Reads a JSON object as a `{}`, as decoding a response would.\n\n\
         Fails when `value` is not an object, a listed property has the wrong\n\
         type or a required one is missing, or another property's value is not\n\
         what the document allows.",
        def.name
    ));
    quote! {
        #from_map

        impl TryFrom<serde_json::Value> for #name {
            type Error = serde_json::Error;

            #doc
            #[inline]
            fn try_from(value: serde_json::Value) -> Result<Self, Self::Error> {
                serde_json::from_value(value)
            }
        }
    }
}
