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
        } else {
            // Up to three spaces keep list continuations; four would start a code block.
            let indent = (line.len() - trimmed.len()).min(3);
            out.push(format!(
                "{}{}",
                " ".repeat(indent),
                wrap_urls(trimmed.trim_end())
            ));
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out.join("\n")
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
    fn bare_urls_are_wrapped() {
        assert_eq!(sanitize("See https://x.io/a."), "See <https://x.io/a>.");
        assert_eq!(sanitize("See <https://x.io>"), "See <https://x.io>");
    }
}
