//! Model types → `src/models/*.rs`.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::debug::{self, Shown, Wrapping};
use super::docs::{doc, inner, own};
use super::rust_types::{ident, rust_type, Uses};
use super::Tokens;
use crate::ir::{Enum, Field, Struct, Tagged, TypeDef, TypeKind, TypeRef, Untagged};

/// One file per module, plus `models/mod.rs` re-exporting every type.
pub fn files(types: &[TypeDef]) -> Vec<(String, Tokens<'_>)> {
    let mut modules: BTreeMap<&str, Vec<&TypeDef>> = BTreeMap::new();
    for def in types {
        modules.entry(def.module.as_str()).or_default().push(def);
    }
    let mod_rs = {
        let modules = modules.clone();
        Tokens::new(move || {
            let declarations = modules.iter().map(|(module, defs)| {
                let module_ident = ident(module);
                let names = defs.iter().map(|d| ident(&d.name));
                // Lowering gates a module's types alike.
                let cfg = super::features::cfg(&defs[0].gate);
                quote! {
                    #cfg
                    mod #module_ident;
                    #cfg
                    pub use #module_ident::{#(#names),*};
                }
            });
            let module_doc = inner("The API's data types: request bodies, responses and everything inside them.\n\nEvery type keeps properties it does not know in `additional_properties`, so\nnothing a newer server sends is lost when a value is read and written back.");
            quote! { #module_doc #(#declarations)* }
        })
    };
    let mut files = vec![("src/models/mod.rs".to_owned(), mod_rs)];
    for (module, defs) in modules {
        files.push((
            format!("src/models/{module}.rs"),
            Tokens::new(move || module_file(&defs)),
        ));
    }
    files
}

fn module_file(defs: &[&TypeDef]) -> TokenStream {
    let mut uses = Uses::default();
    let local: BTreeSet<String> = defs.iter().map(|d| d.name.clone()).collect();
    let mut items = Vec::new();
    let mut needs_serde_derive = false;
    for def in defs {
        match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| uses.add(&f.ty));
                uses.add(&s.extra.value);
                uses.map = true;
                needs_serde_derive = true;
                items.push(structure(def, s));
            }
            TypeKind::Enum(e) if e.integer => {
                items.push(super::integer_enums::integer_enum(def, e, type_doc(def)))
            }
            TypeKind::Enum(e) => items.push(enumeration(def, e)),
            TypeKind::Tagged(t) => {
                t.variants.iter().for_each(|v| uses.add(&v.ty));
                needs_serde_derive = true;
                items.push(tagged(def, t));
            }
            TypeKind::Untagged(u) => {
                u.variants.iter().for_each(|v| uses.add(&v.ty));
                needs_serde_derive = true;
                items.push(untagged(def, u));
            }
            TypeKind::Alias(ty) => {
                uses.add(ty);
                items.push(alias(def, ty));
            }
            TypeKind::Newtype(ty) => {
                uses.add(ty);
                needs_serde_derive = true;
                items.push(newtype(def, ty));
            }
        }
    }
    let imports = uses.imports(quote!(super), &local);
    let serde = if needs_serde_derive || defs.iter().any(|d| matches!(d.kind, TypeKind::Enum(_))) {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    } else {
        quote!()
    };
    quote! { #serde #imports #(#items)* }
}

fn type_doc(def: &TypeDef) -> TokenStream {
    let origin = own(&format!("Defined at `{}`.", def.origin));
    match &def.doc {
        Some(_) => {
            let text = doc(def.doc.as_deref());
            quote! { #text #[doc = ""] #origin }
        }
        None => origin,
    }
}

fn structure(def: &TypeDef, s: &Struct) -> TokenStream {
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

fn boxed(ty: &TypeRef, boxed: bool) -> TokenStream {
    let inner = rust_type(ty);
    if boxed {
        quote!(Box<#inner>)
    } else {
        inner
    }
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
/// `None` for a required nullable field).
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
    // An open object whose properties are all optional is, to a caller, a map
    // with some keys named: it builds from one, and keeps doing so when the
    // document names another optional property.
    let from_map = if s.extra.open && required.is_empty() {
        let value = rust_type(&s.extra.value);
        let nones = s.fields.iter().map(|f| {
            let field_name = ident(&f.rust_name);
            quote!(#field_name: None)
        });
        quote! {
            impl From<BTreeMap<String, #value>> for #name {
                /// Every key goes to the map of other properties.
                fn from(map: BTreeMap<String, #value>) -> Self {
                    Self { #(#nones,)* #extra: map }
                }
            }
        }
    } else {
        quote!()
    };
    if new.is_empty() && setters.is_empty() {
        return quote!(#parts #from_map);
    }
    quote! {
        #parts

        impl #name {
            #new
            #(#setters)*
        }

        #from_map
    }
}

fn enumeration(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_doc(def);
    let unknown = ident(&e.unknown_variant);
    let variants = e.variants.iter().map(super::docs::enum_variant);
    let as_str = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let value = &v.value;
        quote!(Self::#variant => #value,)
    });
    // `known` binary-searches the wire values, sorted, and takes the variant
    // at the same place in a second table: a `match` on strings compiles to
    // one comparison per value (2,300 LLVM lines for Apideck's 100 webhook
    // events), and a search over `&[&str]` is compiled once for all enums.
    let mut sorted: Vec<_> = e.variants.iter().collect();
    sorted.sort_by(|a, b| a.value.cmp(&b.value));
    let sorted_values = sorted.iter().map(|v| &v.value);
    let sorted_variants = sorted.iter().map(|v| ident(&v.name));
    // Known variants print their names, an unknown value `Unknown(UnknownValue("text"))`,
    // as a derived `Debug` would.
    let mut shown: Vec<_> = e.variants.iter().map(|v| (ident(&v.name), None)).collect();
    shown.push((unknown.clone(), Some(Shown::Plain)));
    let debug = debug::for_enum(&name, &shown);
    quote! {
        #docs
        #[derive(Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know, kept as received.
            /// Only decoding creates it, never for a value listed above.
            #unknown(crate::runtime::UnknownValue),
        }

        impl #name {
            /// The value as it appears on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            fn known(value: &str) -> Option<Self> {
                const VALUES: &[&str] = &[#(#sorted_values),*];
                const VARIANTS: &[#name] = &[#(#name::#sorted_variants),*];
                let at = VALUES.binary_search(&value).ok()?;
                VARIANTS.get(at).cloned()
            }
        }

        impl From<&str> for #name {
            #[inline]
            fn from(value: &str) -> Self {
                crate::runtime::open_enum(value, Self::known, Self::#unknown)
            }
        }

        impl From<String> for #name {
            #[inline]
            fn from(value: String) -> Self {
                crate::runtime::open_enum(value, Self::known, Self::#unknown)
            }
        }

        impl std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #debug

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

fn tagged(def: &TypeDef, t: &Tagged) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_doc(def);
    let property = &t.property;
    let unknown = ident(&t.unknown_variant);
    let variants = t.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = boxed(&v.ty, v.boxed);
        let text = own(&format!(
            "`{property}` is {}.",
            v.tags
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
        quote!(#text #variant(#ty),)
    });
    let arms = t.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let tags = &v.tags;
        quote!(#(Some(#tags))|* => crate::runtime::tagged::variant(value).map(Self::#variant),)
    });
    let mut shown: Vec<_> = t
        .variants
        .iter()
        .map(|v| (ident(&v.name), Some(debug::shown(false, &v.ty))))
        .collect();
    shown.push((unknown.clone(), Some(Shown::Json)));
    let debug = debug::for_enum(&name, &shown);
    quote! {
        #docs
        #[derive(Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value whose discriminator this version of the SDK does not know, kept as received.
            #unknown(serde_json::Value),
        }

        #debug

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = crate::runtime::tagged::tag(&value, #property).map(str::to_owned);
                match tag.as_deref() {
                    #(#arms)*
                    _ => Ok(Self::#unknown(value)),
                }
            }
        }
    }
}

fn untagged(def: &TypeDef, u: &Untagged) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_doc(def);
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let text = own(&match &v.ty {
            TypeRef::Named(n) => format!("A [`{n}`]."),
            _ => format!(
                "A value of type `{}`.",
                rust_type(&v.ty).to_string().replace(' ', "")
            ),
        });
        let ty = boxed(&v.ty, v.boxed);
        quote!(#text #variant(#ty),)
    });
    let shown: Vec<_> = u
        .variants
        .iter()
        .map(|v| (ident(&v.name), Some(debug::shown(false, &v.ty))))
        .collect();
    // Written out, not derived: free-form variants may hold secrets under any
    // key, and an inline `fmt` is compiled only where it is used.
    let debug = debug::for_enum(&name, &shown);
    quote! {
        #docs
        #[derive(Clone, PartialEq, Serialize, Deserialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        #debug
    }
}

/// A list or map that contains itself, as a transparent tuple struct.
fn newtype(def: &TypeDef, ty: &TypeRef) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_doc(def);
    let ty = rust_type(ty);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct #name(pub #ty);

        impl From<#ty> for #name {
            fn from(value: #ty) -> Self {
                Self(value)
            }
        }
    }
}

fn alias(def: &TypeDef, ty: &TypeRef) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_doc(def);
    let ty = rust_type(ty);
    quote! { #docs pub type #name = #ty; }
}
