//! The app the benchmark builds against each SDK: one call of every
//! operation, found by reading the SDK's source with syn, so the same rule
//! serves our crate and progenitor's. Arguments come from JSON at run time:
//! the app is only compiled, but the compiler cannot tell.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{FnArg, GenericArgument, ImplItem, Item, PathArguments, ReturnType, Type};

/// `main.rs` of an app calling every operation of our crate (imported as `lib`): accessors on the
/// client (`client.rs`), then each resource's operations and `.send()`.
pub fn ours(lib: &str, client_type: &str, sources: &[(String, String)]) -> Result<String, String> {
    let lib_ident = format_ident!("{lib}");
    let client_ident = format_ident!("{client_type}");
    let client_rs = parse(sources, "src/client.rs")?;
    let mut calls = Vec::new();
    for (accessor, module, resource) in accessors(&client_rs, client_type) {
        let resource_rs = parse(sources, &format!("src/resources/{module}.rs"))?;
        let accessor = format_ident!("{accessor}");
        for method in public_methods(&resource_rs, &resource) {
            let name = format_ident!("{}", method.sig.ident);
            let args = method.sig.inputs.iter().filter_map(argument);
            calls.push(quote!(let _ = client.#accessor().#name(#(#args),*).send().await;));
        }
    }
    Ok(main_rs(
        &lib_ident,
        quote!(#client_ident::builder().build().expect("client")),
        &calls,
    ))
}

/// `main.rs` of an app calling every operation of a progenitor crate
/// (positional interface: `async fn`s on `Client`).
pub fn progenitor(lib: &str, lib_rs: &str) -> Result<String, String> {
    let file = syn::parse_file(lib_rs).map_err(|e| format!("progenitor's lib.rs: {e}"))?;
    let mut calls = Vec::new();
    for method in public_methods(&file, "Client") {
        if method.sig.asyncness.is_none() {
            continue;
        }
        let name = format_ident!("{}", method.sig.ident);
        let args = method.sig.inputs.iter().filter_map(argument);
        calls.push(quote!(let _ = client.#name(#(#args),*).await;));
    }
    Ok(main_rs(
        &format_ident!("{lib}"),
        quote!(Client::new("http://localhost")),
        &calls,
    ))
}

fn main_rs(lib: &syn::Ident, client: TokenStream, calls: &[TokenStream]) -> String {
    let count = calls.len();
    let tokens = quote! {
        //! Calls every operation once (written by `cargo xtask bench-compile --vs-progenitor`).
        use #lib::*;

        fn arg<T: serde::de::DeserializeOwned>() -> T {
            serde_json::from_str(&std::env::args().nth(1).unwrap_or_default()).expect("JSON arguments")
        }

        #[tokio::main(flavor = "current_thread")]
        async fn main() {
            let client = #client;
            #(#calls)*
            println!("{} calls", #count);
        }
    };
    tokens.to_string()
}

fn parse(sources: &[(String, String)], path: &str) -> Result<syn::File, String> {
    let (_, text) = sources
        .iter()
        .find(|(p, _)| p == path)
        .ok_or_else(|| format!("{path} is missing"))?;
    syn::parse_file(text).map_err(|e| format!("{path}: {e}"))
}

/// `(accessor, module, resource type)` for every `pub fn x(&self) -> crate::resources::m::T`.
fn accessors(file: &syn::File, client: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for method in public_methods(file, client) {
        let ReturnType::Type(_, ty) = &method.sig.output else {
            continue;
        };
        let Type::Path(path) = ty.as_ref() else {
            continue;
        };
        let segments: Vec<String> = path
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        if let [krate, resources, module, resource] = segments.as_slice() {
            if krate == "crate" && resources == "resources" {
                out.push((
                    method.sig.ident.to_string(),
                    module.clone(),
                    resource.clone(),
                ));
            }
        }
    }
    out
}

/// Public methods with a `&self` receiver in `impl <self_type>` blocks.
fn public_methods<'a>(file: &'a syn::File, self_type: &str) -> Vec<&'a syn::ImplItemFn> {
    let mut out = Vec::new();
    for item in &file.items {
        let Item::Impl(block) = item else { continue };
        if block.trait_.is_some() {
            continue;
        }
        let Type::Path(path) = block.self_ty.as_ref() else {
            continue;
        };
        if !path.path.is_ident(self_type) {
            continue;
        }
        for item in &block.items {
            if let ImplItem::Fn(method) = item {
                let public = matches!(method.vis, syn::Visibility::Public(_));
                let by_ref = matches!(method.sig.inputs.first(), Some(FnArg::Receiver(r)) if r.reference.is_some());
                if public && by_ref {
                    out.push(method);
                }
            }
        }
    }
    out
}

/// An argument expression of the parameter's type; `None` for the receiver.
fn argument(input: &FnArg) -> Option<TokenStream> {
    let FnArg::Typed(typed) = input else {
        return None;
    };
    Some(value_of(&typed.ty))
}

fn value_of(ty: &Type) -> TokenStream {
    match ty {
        // `impl Into<X>`: an `X`.
        Type::ImplTrait(bound) => {
            let target = bound.bounds.iter().find_map(|b| match b {
                syn::TypeParamBound::Trait(t) => t.path.segments.last().and_then(single_argument),
                _ => None,
            });
            match target {
                Some(target) => quote!(arg::<#target>()),
                None => quote!(arg()),
            }
        }
        Type::Reference(reference) => {
            let owned = owned(&reference.elem);
            quote!(&arg::<#owned>())
        }
        Type::Path(path) => {
            let last = path.path.segments.last();
            let inner = last
                .filter(|s| s.ident == "Option")
                .and_then(single_argument);
            match inner {
                Some(Type::Reference(reference)) => {
                    let owned = owned(&reference.elem);
                    if is_str(&reference.elem) {
                        quote!(arg::<Option<#owned>>().as_deref())
                    } else {
                        quote!(arg::<Option<#owned>>().as_ref())
                    }
                }
                _ => quote!(arg::<#ty>()),
            }
        }
        _ => quote!(arg::<#ty>()),
    }
}

fn single_argument(segment: &syn::PathSegment) -> Option<Type> {
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    })
}

fn is_str(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("str"))
}

/// The owned form of a borrowed type: `str` → `String`, `[T]` → `Vec<T>`.
fn owned(ty: &Type) -> TokenStream {
    match ty {
        _ if is_str(ty) => quote!(String),
        Type::Slice(slice) => {
            let elem = &slice.elem;
            quote!(Vec<#elem>)
        }
        _ => quote!(#ty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_owned_values_of_each_parameter_type() {
        let file: syn::File = syn::parse_quote! {
            impl Client {
                pub async fn get<'a>(&'a self, id: &'a str, cursor: Option<&'a str>,
                    body: &'a types::Body, limit: Option<&'a types::Limit>, n: u64) {}
                fn private(&self) {}
            }
        };
        let method = public_methods(&file, "Client")[0];
        let args: Vec<String> = method
            .sig
            .inputs
            .iter()
            .filter_map(argument)
            .map(|t| t.to_string())
            .collect();
        assert_eq!(
            args,
            [
                "& arg :: < String > ()",
                "arg :: < Option < String >> () . as_deref ()",
                "& arg :: < types :: Body > ()",
                "arg :: < Option < types :: Limit >> () . as_ref ()",
                "arg :: < u64 > ()",
            ]
        );
        assert_eq!(public_methods(&file, "Client").len(), 1);
    }
}
