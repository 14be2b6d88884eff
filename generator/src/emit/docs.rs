//! Rustdoc attributes from spec text, made safe for rustdoc.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` lines for `text`; nothing for `None`.
pub fn doc(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => lines(&sanitize(text)),
        None => TokenStream::new(),
    }
}

/// `#[doc]` lines for text the generator writes itself.
pub fn own(text: &str) -> TokenStream {
    lines(text)
}

/// An enum variant with its wire value (and what it means) as its doc.
pub fn enum_variant(variant: &crate::ir::EnumVariant) -> TokenStream {
    let name = super::rust_types::ident(&variant.name);
    let text = match &variant.doc {
        Some(text) => doc(Some(&format!("`{}`: {text}", variant.value))),
        None => own(&format!("`{}`", variant.value)),
    };
    quote!(#text #name,)
}

/// `#![doc]` lines (module or crate documentation) for text the generator writes.
pub fn inner(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #![doc = #lines] )* }
}

fn lines(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// Spec descriptions are Markdown written for web pages. In rustdoc, an
/// unlabelled code fence or an indented block would become a doctest that
/// cannot compile, and a bare URL draws a lint; neutralise all three.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut block = Block::None;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            let label = info.trim();
            out.push(match (in_fence, label) {
                (false, "" | "rust" | "rs") => "```text".to_owned(),
                (false, label) => format!("```{label}"),
                (true, _) => "```".to_owned(),
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        // Up to three spaces keep list continuations; four would start a code block.
        let indent = (line.len() - trimmed.len()).min(3);
        let text = wrap_urls(trimmed.trim_end());
        if text.is_empty() {
            block = Block::None;
            out.push(String::new());
            continue;
        }
        if text.starts_with('>') {
            block = Block::Quote;
        } else if let Some(content) = list_item(&text) {
            block = Block::Item(indent + content);
        } else {
            // A line that runs on from a list item or a quote reads the same
            // with the item's own indent or `>` written out (and clippy's doc
            // lints ask for exactly that).
            match block {
                Block::Item(content) if indent != content => {
                    out.push(format!("{}{text}", " ".repeat(content)));
                    continue;
                }
                Block::Quote => {
                    out.push(format!("> {text}"));
                    continue;
                }
                _ => {}
            }
        }
        out.push(format!("{}{text}", " ".repeat(indent)));
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// The Markdown block a line belongs to, for lines that run on from it.
#[derive(Clone, Copy)]
enum Block {
    None,
    /// A list item whose text starts at this column.
    Item(usize),
    Quote,
}

/// Where a list item's text starts (`- a` → 2, `10. a` → 4), if `line` is one.
fn list_item(line: &str) -> Option<usize> {
    if let Some(rest) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
    {
        return Some(line.len() - rest.len());
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

fn wrap_urls(line: &str) -> String {
    line.split(' ')
        .map(|word| {
            let bare = word.starts_with("http://") || word.starts_with("https://");
            if bare {
                let url = word.trim_end_matches(['.', ',', ';', ':', ')']);
                let tail = &word[url.len()..];
                format!("<{url}>{tail}")
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn code_fences_become_text_and_indents_are_dropped() {
        assert_eq!(sanitize("a\n```\nx\n```"), "a\n```text\nx\n```");
        assert_eq!(sanitize("a\n    indented"), "a\n   indented");
        assert_eq!(sanitize("- item\n  continued"), "- item\n  continued");
        assert_eq!(sanitize("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(sanitize("```rust\nx\n```"), "```text\nx\n```");
    }

    #[test]
    fn lines_that_run_on_from_lists_and_quotes_say_so() {
        assert_eq!(
            sanitize("* one\ncontinued\n* two\n\nafter"),
            "* one\n  continued\n* two\n\nafter"
        );
        assert_eq!(sanitize("12. twelve\nmore"), "12. twelve\n    more");
        assert_eq!(sanitize("* item\n   over"), "* item\n  over");
        assert_eq!(
            sanitize("> quoted\nmore\n\nafter"),
            "> quoted\n> more\n\nafter"
        );
        assert_eq!(sanitize("plain\ntext"), "plain\ntext");
    }

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(sanitize("See https://x.io/a."), "See <https://x.io/a>.");
        assert_eq!(sanitize("See <https://x.io>"), "See <https://x.io>");
    }
}
