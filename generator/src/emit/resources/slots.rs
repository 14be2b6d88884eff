//! How an operation's parameters and body reach its builder: as arguments of
//! the operation method or as setters, and in which Rust types.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::debug::{self, Shown};
use crate::emit::rust_types::{ident, qualified_type};
use crate::ir::{Body, BodyEncoding, Operation, Param, ParamLocation, TypeRef};

/// How a parameter or body is passed to the builder.
pub(in crate::emit) enum Slot<'a> {
    Param(&'a Param),
    Body(&'a Body),
}

impl Slot<'_> {
    pub(super) fn name(&self) -> proc_macro2::Ident {
        match self {
            Slot::Param(p) => ident(&p.rust_name),
            Slot::Body(_) => ident("body"),
        }
    }

    pub(super) fn ty(&self) -> &TypeRef {
        match self {
            Slot::Param(p) => &p.ty,
            Slot::Body(b) => &b.ty,
        }
    }

    pub(super) fn doc(&self) -> Option<&str> {
        match self {
            Slot::Param(p) => p.doc.as_deref(),
            Slot::Body(b) => b.doc.as_deref(),
        }
    }

    pub(super) fn shown(&self) -> Shown {
        match self {
            Slot::Param(p) => debug::shown(p.sensitive, &p.ty),
            Slot::Body(b) => debug::shown(false, &b.ty),
        }
    }
}

/// Most arguments an operation method takes before required values move to
/// setters (clippy's `too_many_arguments` counts `&self` too).
const MAX_ARGUMENTS: usize = 6;

/// Required parameters (path ones first, in path order) and a required body are
/// arguments; everything else is a setter. Past [`MAX_ARGUMENTS`], required
/// query and header values, then the last path values, become setters that
/// `send` insists on.
pub(in crate::emit) fn split(op: &Operation) -> (Vec<Slot<'_>>, Vec<Slot<'_>>) {
    let mut positional = Vec::new();
    let mut setters = Vec::new();
    for param in &op.params {
        if param.required && param.global.is_none() {
            positional.push(Slot::Param(param));
        } else {
            setters.push(Slot::Param(param));
        }
    }
    // A body that can only be `{}` is the SDK's to send, not the caller's.
    if let Some(body) = op.body.as_ref().filter(|b| !b.empty) {
        if body.required {
            positional.push(Slot::Body(body));
        } else {
            setters.push(Slot::Body(body));
        }
    }
    while positional.len() > MAX_ARGUMENTS {
        let Some(index) = positional
            .iter()
            .rposition(|slot| matches!(slot, Slot::Param(p) if p.location != ParamLocation::Path))
        else {
            break;
        };
        setters.insert(0, positional.remove(index));
    }
    // A path of more parameters than that (some APIs page by path) keeps its
    // first ones as arguments; the last become setters too.
    while positional.len() > MAX_ARGUMENTS {
        let Some(index) = positional
            .iter()
            .rposition(|slot| matches!(slot, Slot::Param(_)))
        else {
            break;
        };
        setters.insert(0, positional.remove(index));
    }
    (positional, setters)
}

/// An argument type that accepts what callers naturally have (`&str` for strings).
pub(super) fn argument(ty: &TypeRef, enums: &BTreeSet<&str>) -> (TokenStream, TokenStream) {
    let rust = qualified_type(ty);
    match ty {
        TypeRef::String => (quote!(impl Into<String>), quote!(.into())),
        // Raw bytes to send: in memory, a file or a stream.
        TypeRef::Bytes => (quote!(impl Into<runtime::Upload>), quote!(.into())),
        TypeRef::Named(name) if enums.contains(name.as_str()) => {
            (quote!(impl Into<#rust>), quote!(.into()))
        }
        _ => (rust, quote!()),
    }
}

/// The argument type of a parameter or body: JSON lines to send are taken
/// from a list or a stream.
pub(super) fn slot_argument(slot: &Slot<'_>, enums: &BTreeSet<&str>) -> (TokenStream, TokenStream) {
    match lines_item(slot) {
        Some(item) => {
            let item = qualified_type(item);
            (quote!(impl Into<runtime::Lines<#item>>), quote!(.into()))
        }
        None => argument(slot.ty(), enums),
    }
}

/// The type a builder keeps a parameter or body in.
pub(super) fn slot_field_type(slot: &Slot<'_>) -> TokenStream {
    match lines_item(slot) {
        Some(item) => {
            let item = qualified_type(item);
            quote!(runtime::Lines<#item>)
        }
        None => field_type(slot.ty()),
    }
}

/// The type of one line of a JSON-lines body.
pub(super) fn lines_item<'a>(slot: &Slot<'a>) -> Option<&'a TypeRef> {
    match slot {
        Slot::Body(Body {
            encoding: BodyEncoding::JsonLines,
            ty: TypeRef::List(item),
            ..
        }) => Some(item),
        _ => None,
    }
}

/// The type a builder keeps a value in: raw bytes to send are an `Upload`.
pub(super) fn field_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Bytes => quote!(runtime::Upload),
        other => qualified_type(other),
    }
}
