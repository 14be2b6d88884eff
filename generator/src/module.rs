//! A generated crate as one Rust file, for a build script to write and a
//! crate to `include!` at its root: every `mod x;` is replaced by the file
//! it names, inline, and every resource is compiled (the including crate
//! has no resource features); only the mock stays behind a `mock` feature,
//! which the including crate may define.

use std::path::Path;

use quote::ToTokens;
use syn::visit_mut::VisitMut;

use crate::diagnostics::Error;
use crate::emit::STAMP;

/// The crate's Rust files (`src/...`) as one file. The crate root's own
/// inner attributes (its README as docs, lint levels) are left to the
/// including crate; each module keeps its docs.
pub fn single_file(files: &[(String, String)]) -> Result<String, Error> {
    let source = |path: &str| {
        files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, text)| text.as_str())
    };
    let root = source("src/lib.rs")
        .ok_or_else(|| Error::file(Path::new("src/lib.rs"), "the crate has no `src/lib.rs`"))?;
    let mut file = parse("src/lib.rs", root)?;
    file.attrs.clear();
    inline(&mut file.items, "src", &source)?;
    Ungate.visit_file_mut(&mut file);
    Ok(format!("// {STAMP}\n{}", prettyplease::unparse(&file)))
}

/// Replaces each `mod x;` among `items` (of a file whose modules live in
/// `dir`) with its file's items.
fn inline<'a>(
    items: &mut [syn::Item],
    dir: &str,
    source: &impl Fn(&str) -> Option<&'a str>,
) -> Result<(), Error> {
    for item in items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        if module.content.is_some() {
            continue;
        }
        let name = module.ident.to_string();
        let (path, child_dir) = [
            (format!("{dir}/{name}.rs"), format!("{dir}/{name}")),
            (format!("{dir}/{name}/mod.rs"), format!("{dir}/{name}")),
        ]
        .into_iter()
        .find(|(path, _)| source(path).is_some())
        .ok_or_else(|| Error::file(Path::new(dir), format!("no file for `mod {name};`")))?;
        let mut file = parse(&path, source(&path).unwrap_or_default())?;
        inline(&mut file.items, &child_dir, source)?;
        // A file's inner attributes (its `//!` docs) stay inner, inside the braces.
        module.attrs.extend(file.attrs);
        module.content = Some((syn::token::Brace::default(), file.items));
        module.semi = None;
    }
    Ok(())
}

/// Removes `#[cfg(feature = ...)]` of resource features (all are on), and
/// keeps the mock's.
struct Ungate;

impl Ungate {
    fn strip(attrs: &mut Vec<syn::Attribute>) {
        attrs.retain(|attr| {
            let text = attr.meta.to_token_stream().to_string();
            !(attr.path().is_ident("cfg") && text.contains("feature") && !text.contains("\"mock\""))
        });
    }
}

impl VisitMut for Ungate {
    fn visit_item_mut(&mut self, item: &mut syn::Item) {
        match item {
            syn::Item::Const(i) => Self::strip(&mut i.attrs),
            syn::Item::Enum(i) => Self::strip(&mut i.attrs),
            syn::Item::Fn(i) => Self::strip(&mut i.attrs),
            syn::Item::Impl(i) => Self::strip(&mut i.attrs),
            syn::Item::Mod(i) => Self::strip(&mut i.attrs),
            syn::Item::Struct(i) => Self::strip(&mut i.attrs),
            syn::Item::Type(i) => Self::strip(&mut i.attrs),
            syn::Item::Use(i) => Self::strip(&mut i.attrs),
            _ => {}
        }
        syn::visit_mut::visit_item_mut(self, item);
    }

    fn visit_impl_item_fn_mut(&mut self, item: &mut syn::ImplItemFn) {
        Self::strip(&mut item.attrs);
        syn::visit_mut::visit_impl_item_fn_mut(self, item);
    }
}

fn parse(path: &str, text: &str) -> Result<syn::File, Error> {
    syn::parse_file(text).map_err(|error| {
        Error::file(
            Path::new(path),
            format!("generated code does not parse: {error}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_are_inlined_with_their_docs() {
        let files = vec![
            (
                "src/lib.rs".to_owned(),
                "#![doc = \"crate\"]\nmod client;\npub mod models;\n#[cfg(feature = \"mock\")]\npub mod mock;\npub use client::C;\n"
                    .to_owned(),
            ),
            ("src/mock.rs".to_owned(), "pub struct M;\n".to_owned()),
            (
                "src/client.rs".to_owned(),
                "//! The client.\npub struct C;\n".to_owned(),
            ),
            (
                "src/models/mod.rs".to_owned(),
                "//! Models.\n#[cfg(feature = \"pets\")]\nmod pet;\n#[cfg(any(feature = \"pets\", feature = \"full\"))]\npub use pet::Pet;\n"
                    .to_owned(),
            ),
            (
                "src/models/pet.rs".to_owned(),
                "/// A pet.\npub struct Pet;\n".to_owned(),
            ),
        ];
        let text = single_file(&files).unwrap();
        let expected = "mod client {\n    //! The client.\n    pub struct C;\n}\npub mod models {\n    //! Models.\n    mod pet {\n        /// A pet.\n        pub struct Pet;\n    }\n    pub use pet::Pet;\n}\n#[cfg(feature = \"mock\")]\npub mod mock {\n    pub struct M;\n}\npub use client::C;\n";
        assert_eq!(text, format!("// {STAMP}\n{expected}"));
        let missing = vec![("src/lib.rs".to_owned(), "mod gone;\n".to_owned())];
        assert!(single_file(&missing)
            .unwrap_err()
            .message
            .contains("`mod gone;`"));
    }
}
