//! The names generated code brings into scope unqualified.
//!
//! Models are named by the document, so they must never meet another item of
//! the same name. The rule that guarantees it: outside the `models` module,
//! generated code names every model as `models::Name`; inside it, a file sees
//! its sibling models, the Rust prelude and [`MODEL_IMPORTS`], nothing else.
//! So a model only needs to avoid the prelude's names and those imports,
//! which lowering reserves ([`taken_by_scope`]); runtime items such as
//! `ApiResponse` or `Request` are free to be model names.
//!
//! The other generated files import modules, not items: a resource module
//! sees [`RESOURCE_IMPORTS`], the client's name and the prelude, and writes
//! `runtime::Request`, `models::Connection`, `std::time::Duration`; the client
//! file names resource types by path. So a builder or resource type only
//! avoids those ([`resource_scope`]). A test reads every generated file's
//! `use` lines and fails if one imports anything else.

/// What every models file may import, as (path, name).
pub const MODEL_IMPORTS: [(&str, &str); 5] = [
    ("serde", "Deserialize"),
    ("serde", "Serialize"),
    ("std::collections", "BTreeMap"),
    ("crate::runtime", "DateTime"),
    ("crate::runtime", "Multipart"),
];

/// The Rust 2021 prelude's type, trait and variant names (and the derive
/// macros it brings), which every module sees.
pub const PRELUDE: [&str; 40] = [
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Whether a model named `name` would meet a name its module already sees.
pub fn taken_by_scope(name: &str) -> bool {
    name == "Self"
        || PRELUDE.contains(&name)
        || MODEL_IMPORTS.iter().any(|(_, imported)| *imported == name)
}

/// What every resource module imports besides the client type.
pub const RESOURCE_IMPORTS: [&str; 3] = ["Error", "models", "runtime"];

/// The names a resource module already sees: the prelude, `Self` and
/// [`RESOURCE_IMPORTS`] (the client's name comes on top).
pub fn resource_scope() -> impl Iterator<Item = &'static str> {
    PRELUDE.into_iter().chain(RESOURCE_IMPORTS).chain(["Self"])
}
