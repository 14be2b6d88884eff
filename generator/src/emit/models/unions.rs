//! Unions: discriminated (`Tagged`) and tried in order (`Untagged`), and the
//! `From` conversions from each variant's natural type.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::debug::{self, Shown};
use super::super::docs::own;
use super::super::rust_types::{ident, rust_type};
use super::{boxed, type_doc, Aliases};
use crate::ir::{Tagged, TypeDef, TypeRef, Untagged};

/// One variant as the conversions see it.
struct Variant<'a> {
    name: &'a str,
    ty: &'a TypeRef,
    boxed: bool,
}

pub(super) fn tagged(def: &TypeDef, t: &Tagged, aliases: &Aliases) -> TokenStream {
    let name = ident(&def.name);
    let (conversions, note) = conversions(
        def,
        t.variants.iter().map(|v| Variant {
            name: &v.name,
            ty: &v.ty,
            boxed: v.boxed,
        }),
        aliases,
    );
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
        #note
        #[derive(Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value whose discriminator this version of the SDK does not know, kept as received.
            #unknown(serde_json::Value),
        }

        #debug
        #conversions

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

pub(super) fn untagged(def: &TypeDef, u: &Untagged, aliases: &Aliases) -> TokenStream {
    let name = ident(&def.name);
    let (conversions, note) = conversions(
        def,
        u.variants.iter().map(|v| Variant {
            name: &v.name,
            ty: &v.ty,
            boxed: v.boxed,
        }),
        aliases,
    );
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
    // Decoding is written out too: when no variant fits, serde's derive says
    // only that; the runtime's `Attempts` says why each variant did not.
    let union = def.name.as_str();
    let attempts = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let label = v.name.as_str();
        let ty = rust_type(&v.ty);
        let wrap = if v.boxed {
            quote!(Box::new(decoded))
        } else {
            quote!(decoded)
        };
        quote! {
            if let Some(decoded) = attempts.try_variant::<#ty>(#label, &value) {
                return Ok(Self::#variant(#wrap));
            }
        }
    });
    quote! {
        #docs
        #note
        #[derive(Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let mut attempts = crate::runtime::untagged::Attempts::default();
                #(#attempts)*
                Err(attempts.error(#union))
            }
        }

        #debug
        #conversions
    }
}

/// `From` each variant's natural type, so a caller writes `"a@b.c".into()`,
/// `vec!["a", "b"].into()` or `file.into()` without naming the variant: text
/// variants also take `&str`, lists of text `Vec<&str>`. A variant whose Rust
/// type another variant shares (aliases followed) gets none, since which one a
/// value is would be a guess; the type's documentation (the second value) says so.
fn conversions<'a>(
    def: &TypeDef,
    variants: impl Iterator<Item = Variant<'a>>,
    aliases: &Aliases,
) -> (TokenStream, TokenStream) {
    let name = ident(&def.name);
    let variants: Vec<(Variant, TypeRef)> = variants
        .map(|v| {
            let resolved = resolve(v.ty, aliases);
            (v, resolved)
        })
        // `From<Self>` is core's; a union inside itself converts by its variant.
        .filter(|(_, resolved)| *resolved != TypeRef::Named(def.name.clone()))
        .collect();
    let shared = |ty: &TypeRef| variants.iter().filter(|(_, r)| r == ty).count() > 1;
    let mut impls = Vec::new();
    let mut ambiguous = Vec::new();
    for (variant, resolved) in &variants {
        let variant_ident = ident(variant.name);
        if shared(resolved) {
            ambiguous.push(format!("`{}`", variant.name));
            continue;
        }
        let ty = rust_type(variant.ty);
        let wrap = |value: TokenStream| {
            if variant.boxed {
                quote!(Self::#variant_ident(Box::new(#value)))
            } else {
                quote!(Self::#variant_ident(#value))
            }
        };
        let plain = wrap(quote!(value));
        impls.push(quote! {
            impl From<#ty> for #name {
                #[inline]
                fn from(value: #ty) -> Self {
                    #plain
                }
            }
        });
        let borrowed = match resolved {
            TypeRef::String => Some((quote!(&str), wrap(quote!(value.to_owned())))),
            TypeRef::List(item) if **item == TypeRef::String => Some((
                quote!(Vec<&str>),
                wrap(quote!(value.into_iter().map(str::to_owned).collect())),
            )),
            _ => None,
        };
        if let Some((from, value)) = borrowed {
            impls.push(quote! {
                impl From<#from> for #name {
                    #[inline]
                    fn from(value: #from) -> Self {
                        #value
                    }
                }
            });
        }
    }
    let note = if ambiguous.is_empty() {
        quote!()
    } else {
        let text = own(&format!(
            "The variants {} hold the same Rust type, so they do not\n\
             convert with `From`: build them by name.",
            ambiguous.join(" and ")
        ));
        quote!(#[doc = ""] #text)
    };
    (quote!(#(#impls)*), note)
}

/// `ty` with aliases replaced by what they stand for, at any depth.
fn resolve(ty: &TypeRef, aliases: &Aliases) -> TypeRef {
    match ty {
        TypeRef::Named(name) => match aliases.get(name.as_str()) {
            Some(target) => resolve(target, aliases),
            None => ty.clone(),
        },
        TypeRef::List(item) => TypeRef::List(Box::new(resolve(item, aliases))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(resolve(value, aliases))),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Gate, TypeKind};

    /// What `conversions` prints for a union named `Union` with `variants`.
    fn converted(variants: &[(&str, TypeRef)], aliases: &Aliases) -> (String, String) {
        let def = TypeDef {
            name: "Union".to_owned(),
            module: "union".to_owned(),
            origin: "#/components/schemas/Union".to_owned(),
            doc: None,
            kind: TypeKind::Alias(TypeRef::Json),
            gate: Gate::Always,
        };
        let (impls, note) = conversions(
            &def,
            variants.iter().map(|(name, ty)| Variant {
                name,
                ty,
                boxed: false,
            }),
            aliases,
        );
        (impls.to_string(), note.to_string())
    }

    #[test]
    fn variants_of_one_rust_type_through_an_alias_get_no_from() {
        let address = TypeRef::String;
        let aliases = Aliases::from([("Address", &address)]);
        let (impls, note) = converted(
            &[
                ("Address", TypeRef::Named("Address".to_owned())),
                ("String", TypeRef::String),
                ("Count", TypeRef::I64),
            ],
            &aliases,
        );
        assert!(impls.contains("From < i64 >"), "{impls}");
        assert!(
            !impls.contains("String") && !impls.contains("& str"),
            "{impls}"
        );
        assert!(note.contains("`Address` and `String`"), "{note}");
    }

    #[test]
    fn text_and_lists_of_text_also_take_borrowed_text_and_the_union_itself_none() {
        let list = TypeRef::List(Box::new(TypeRef::String));
        let (impls, note) = converted(
            &[
                (
                    "Names",
                    TypeRef::List(Box::new(TypeRef::Named("Name".to_owned()))),
                ),
                ("Nested", TypeRef::Named("Union".to_owned())),
            ],
            &Aliases::from([("Name", &TypeRef::String), ("Unused", &list)]),
        );
        assert!(impls.contains("From < Vec < & str > >"), "{impls}");
        assert!(impls.contains("From < Vec < Name > >"), "{impls}");
        assert!(
            !impls.contains("From < Union >"),
            "core has `From<T> for T`: {impls}"
        );
        assert!(note.is_empty());
    }
}
