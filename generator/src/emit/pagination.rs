//! `into_stream` and `into_pages` on the request builders of paginated list
//! operations: how to count a page's items, take them, and make the request
//! for the next page, in the style the IR names.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::own;
use super::resources::{split, Slot};
use super::rust_types::{ident, qualified_type};
use crate::ir::{Api, Field, Operation, PageStyle, Pagination, TypeKind, TypeRef};

/// The two stream methods, for a builder whose `send` returns one page.
pub fn methods(api: &Api, op: &Operation, pagination: &Pagination) -> TokenStream {
    // The answer type, and the variant that holds a page when it is an enum.
    let (page_ty, answer) = match (&pagination.variant, &op.success.by_status) {
        (Some(variant), Some(answer)) => {
            let Some(page_ty) = answer
                .variants
                .iter()
                .find(|v| &v.name == variant)
                .and_then(|v| v.ty.as_ref())
            else {
                return quote!();
            };
            let name = ident(&answer.name);
            let variant = ident(variant);
            (page_ty, Some(quote!(#name::#variant)))
        }
        _ => match &op.success.ty {
            Some(page_ty) => (page_ty, None),
            None => return quote!(),
        },
    };
    let page = match &op.success.by_status {
        Some(answer) => {
            let name = ident(&answer.name);
            quote!(#name)
        }
        None => qualified_type(page_ty),
    };
    let item = qualified_type(&pagination.item);
    let take = take_items(api, page_ty, &pagination.items, answer.as_ref());
    let step = step(api, op, pagination, page_ty, &page, answer.as_ref());
    let how = own(&wrap(&pagination.doc));
    quote! {
        /// Every item of every page, as a stream: pages are fetched as it is
        /// polled, starting from this request.
        ///
        #how
        ///
        /// The stream ends after the last page, after yielding the first error,
        /// or with [`Error::Pagination`] when the server names a page it already
        /// sent or sends empty pages without end.
        pub fn into_stream(self) -> impl futures_util::Stream<Item = Result<#item, Error>> + Send + 'static {
            runtime::page_items(self.into_pages(), #take)
        }

        /// Every page, as a stream of whole responses (status, headers and the
        /// decoded page), fetched as it is polled, starting from this request.
        ///
        #how
        ///
        /// It ends as [`into_stream`](Self::into_stream) does.
        pub fn into_pages(self) -> impl futures_util::Stream<Item = Result<runtime::ApiResponse<#page>, Error>> + Send + 'static {
            runtime::pages(self, |request: Self| request.send_with_response(), #step)
        }
    }
}

/// `text` in lines of at most 76 characters, as the doc comments around it.
fn wrap(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= 76 => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

/// A value below a root, as an expression: a place (`page.meta.total`) or an
/// `Option` of a reference (or, when taken, of the value).
struct Reach {
    expr: TokenStream,
    optional: bool,
}

/// Follows Rust field names from `root` (of type `ty`), borrowing, or taking
/// the value when `owned`.
fn reach(api: &Api, root: Reach, ty: &TypeRef, path: &[String], owned: bool) -> Option<Reach> {
    let mut current = ty.clone();
    let mut at = root;
    for name in path {
        let field = struct_field(api, &current, name)?;
        let f = ident(&field.rust_name);
        let expr = &at.expr;
        // What the field holds: the value, `Option<T>` or `Option<Nullable<T>>`.
        let (step, optional) = match (field.required, field.nullable, owned) {
            (true, false, _) => (None, false),
            (false, true, false) => (
                Some(quote!(.as_ref().and_then(runtime::Nullable::value))),
                true,
            ),
            (false, true, true) => (Some(quote!(.and_then(runtime::Nullable::into_value))), true),
            (_, _, false) => (Some(quote!(.as_ref())), true),
            (_, _, true) => (Some(quote!()), true),
        };
        let step = step.unwrap_or_default();
        let borrow = if owned { quote!() } else { quote!(&) };
        at = match (at.optional, optional) {
            (false, _) => Reach {
                expr: quote!(#expr.#f #step),
                optional,
            },
            (true, false) => Reach {
                expr: quote!(#expr.map(|value| #borrow value.#f)),
                optional: true,
            },
            (true, true) => Reach {
                expr: quote!(#expr.and_then(|value| value.#f #step)),
                optional: true,
            },
        };
        current = field.ty.clone();
    }
    Some(at)
}

fn place(expr: TokenStream) -> Reach {
    Reach {
        expr,
        optional: false,
    }
}

/// `Option<&T>` of the value at `path` in `page`.
fn optional_ref(api: &Api, page_ty: &TypeRef, path: &[String]) -> TokenStream {
    match reach(api, place(quote!(page)), page_ty, path, false) {
        Some(Reach {
            expr,
            optional: true,
        }) => expr,
        Some(Reach { expr, .. }) => quote!(Some(&#expr)),
        None => quote!(None),
    }
}

/// `Option<T>` (a copy) of the number at `path` in `page`.
fn optional_copy(api: &Api, page_ty: &TypeRef, path: &[String]) -> TokenStream {
    // A top-level `Option<i64>` is a copy already.
    if let [name] = path {
        if let Some(field) = struct_field(api, page_ty, name).filter(|f| !f.required && !f.nullable)
        {
            let f = ident(&field.rust_name);
            return quote!(page.#f);
        }
    }
    match reach(api, place(quote!(page)), page_ty, path, false) {
        Some(Reach {
            expr,
            optional: true,
        }) => quote!(#expr.copied()),
        Some(Reach { expr, .. }) => quote!(Some(#expr)),
        None => quote!(None::<i64>),
    }
}

/// The closure that takes a page's items.
fn take_items(
    api: &Api,
    page_ty: &TypeRef,
    path: &[String],
    answer: Option<&TokenStream>,
) -> TokenStream {
    if path.is_empty() && answer.is_none() {
        return quote!(runtime::ApiResponse::into_value);
    }
    let root = if answer.is_some() {
        quote!(page)
    } else {
        quote!(page.into_value())
    };
    let items = match reach(api, place(root), page_ty, path, true) {
        Some(Reach {
            expr,
            optional: true,
        }) => quote!(#expr.unwrap_or_default()),
        Some(Reach { expr, .. }) => expr,
        None => quote!(Vec::new()),
    };
    match answer {
        Some(variant) => quote! {
            |page: runtime::ApiResponse<_>| match page.into_value() {
                #variant(page) => #items,
                _ => Vec::new(),
            }
        },
        None => quote!(|page: runtime::ApiResponse<_>| #items),
    }
}

/// The closure that reads a page and makes the request for the next one.
fn step(
    api: &Api,
    op: &Operation,
    pagination: &Pagination,
    page_ty: &TypeRef,
    answer_ty: &TokenStream,
    answer: Option<&TokenStream>,
) -> TokenStream {
    let page = match answer {
        Some(variant) => quote! {
            let #variant(page) = response.value() else {
                return runtime::Step::not_a_page();
            };
        },
        None => quote!(let page = response.value();),
    };
    let count = match reach(api, place(quote!(page)), page_ty, &pagination.items, false) {
        Some(Reach {
            expr,
            optional: true,
        }) => quote!(#expr.map_or(0, Vec::len)),
        Some(Reach { expr, .. }) => quote!(#expr.len()),
        None => quote!(0),
    };
    let has_more = pagination.has_more.as_ref().map(|path| {
        let last_page = match reach(api, place(quote!(page)), page_ty, path, false) {
            Some(Reach {
                expr,
                optional: true,
            }) => quote!(#expr == Some(&false)),
            Some(Reach { expr, .. }) => quote!(!#expr),
            None => quote!(false),
        };
        quote! {
            if #last_page {
                return runtime::Step::last(items);
            }
        }
    });
    let (positional, _) = split(op);
    let setter = |name: &str| Setter {
        field: ident(name),
        positional: positional
            .iter()
            .any(|slot| matches!(slot, Slot::Param(p) if p.rust_name == name)),
    };
    let last = quote!(return runtime::Step::last(items););
    let body = match &pagination.style {
        PageStyle::Cursor { param, next } => {
            // An integer cursor is sent as its decimal text.
            let text = if end_type(api, page_ty, next)
                .is_some_and(|ty| matches!(resolved(api, &ty), TypeRef::I32 | TypeRef::I64))
            {
                quote!(.map(ToString::to_string))
            } else {
                quote!(.cloned())
            };
            let next = optional_ref(api, page_ty, next);
            let assign = setter(param).assign(quote!(cursor.clone()));
            quote! {
                match #next #text {
                    Some(cursor) => {
                        #assign
                        runtime::Step::then(items, cursor, request)
                    }
                    None => runtime::Step::last(items),
                }
            }
        }
        PageStyle::AfterLast { param, id, limit } => {
            let items_ref = match reach(api, place(quote!(page)), page_ty, &pagination.items, false)
            {
                Some(Reach {
                    expr,
                    optional: true,
                }) => quote!(#expr.and_then(|items| items.last())),
                Some(Reach { expr, .. }) => quote!(#expr.last()),
                None => quote!(None),
            };
            let last_id = reach(
                api,
                Reach {
                    expr: items_ref,
                    optional: true,
                },
                &pagination.item,
                std::slice::from_ref(id),
                false,
            )
            .map_or(quote!(None::<&String>), |reach| reach.expr);
            let short = limit.as_deref().map(|limit| setter(limit).short());
            let assign = setter(param).assign(quote!(id.clone()));
            quote! {
                if items == 0 #short {
                    #last
                }
                match #last_id {
                    Some(id) => {
                        #assign
                        runtime::Step::then(items, id.clone(), request)
                    }
                    None => runtime::Step::last(items),
                }
            }
        }
        PageStyle::Page {
            param,
            first,
            size,
            total_pages,
        } => {
            let number = setter(param);
            let first = proc_macro2::Literal::i64_unsuffixed(*first);
            let current = number.current(quote!(#first));
            let short = size.as_deref().map(|size| setter(size).short());
            let total = total_pages.as_ref().map(|path| {
                let total = optional_copy(api, page_ty, path);
                quote!(|| runtime::last_page(number, #first, #total))
            });
            let assign = number.assign(quote!(next));
            quote! {
                let number = #current;
                if items == 0 #short #total {
                    #last
                }
                let next = number.saturating_add(1);
                #assign
                runtime::Step::then(items, next.to_string(), request)
            }
        }
        PageStyle::Offset {
            param,
            limit,
            total,
        } => {
            let offset = setter(param);
            let ty = op
                .params
                .iter()
                .find(|p| &p.rust_name == param)
                .map_or(quote!(i64), |p| qualified_type(&p.ty));
            let current = offset.current(quote!(0));
            let short = limit.as_deref().map(|limit| setter(limit).short());
            let total = total.as_ref().map(|path| {
                let total = optional_copy(api, page_ty, path);
                quote!(|| runtime::offset_reached(next, #total))
            });
            let assign = offset.assign(quote!(next));
            quote! {
                let next = #current.saturating_add(#ty::try_from(items).unwrap_or(#ty::MAX));
                if items == 0 #short #total {
                    #last
                }
                #assign
                runtime::Step::then(items, next.to_string(), request)
            }
        }
        PageStyle::LinkHeader => link(quote!(runtime::next_link(response.headers()))),
        PageStyle::NextUrl { next } => {
            let next = optional_ref(api, page_ty, next);
            link(quote!(#next.cloned()))
        }
    };
    quote! {
        |mut request: Self, response: &runtime::ApiResponse<#answer_ty>| {
            #page
            let items = #count;
            #has_more
            #body
        }
    }
}

/// Follows a page link (an `Option<String>`) to the next page.
fn link(next: TokenStream) -> TokenStream {
    quote! {
        match #next {
            Some(link) => {
                request.options.page_link = Some(link.clone());
                runtime::Step::then(items, link, request)
            }
            None => runtime::Step::last(items),
        }
    }
}

/// A builder field that paging reads or sets.
struct Setter {
    field: proc_macro2::Ident,
    /// An argument of the operation method (the value itself), not a setter
    /// (an `Option`).
    positional: bool,
}

impl Setter {
    fn assign(&self, value: TokenStream) -> TokenStream {
        let field = &self.field;
        if self.positional {
            quote!(request.#field = #value;)
        } else {
            quote!(request.#field = Some(#value);)
        }
    }

    /// Its value on this request, `default` when unset.
    fn current(&self, default: TokenStream) -> TokenStream {
        let field = &self.field;
        if self.positional {
            quote!(request.#field)
        } else {
            quote!(request.#field.unwrap_or(#default))
        }
    }

    /// `|| <the page is shorter than this size>`.
    fn short(&self) -> TokenStream {
        let field = &self.field;
        if self.positional {
            quote!(|| runtime::short_page(items, Some(request.#field)))
        } else {
            quote!(|| runtime::short_page(items, request.#field))
        }
    }
}

/// The type at the end of `path` in `page`.
fn end_type(api: &Api, page: &TypeRef, path: &[String]) -> Option<TypeRef> {
    path.iter().try_fold(page.clone(), |ty, name| {
        struct_field(api, &ty, name).map(|field| field.ty.clone())
    })
}

/// `ty` with aliases seen through.
fn resolved(api: &Api, ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Named(name) => match api.types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
            Some(TypeKind::Alias(target)) => resolved(api, target),
            _ => ty.clone(),
        },
        _ => ty.clone(),
    }
}

fn struct_field<'a>(api: &'a Api, ty: &TypeRef, rust_name: &str) -> Option<&'a Field> {
    let TypeRef::Named(name) = ty else {
        return None;
    };
    match &api.types.iter().find(|t| &t.name == name)?.kind {
        TypeKind::Struct(s) => s.fields.iter().find(|f| f.rust_name == rust_name),
        TypeKind::Alias(target) | TypeKind::Newtype(target) => struct_field(api, target, rust_name),
        _ => None,
    }
}
