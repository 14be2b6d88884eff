//! Stage 4a: check emitted tokens with syn and print them with prettyplease.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::Error;
use crate::emit::{Content, Tokens, STAMP};

/// The final text of a file; an emitter bug that produces invalid Rust is an
/// error naming the file, never a panic.
pub fn format(path: &str, content: &Content<'_>) -> Result<String, Error> {
    match content {
        Content::Text(text) => Ok(text.clone()),
        Content::Copied(text) => Ok(format!("// {STAMP}\n{text}")),
        Content::Rust(tokens) => rust(path, tokens),
    }
}

/// [`format()`] for every file, on all cores: emitting, checking and printing
/// the Rust files is most of generation, and files are independent. Each
/// worker takes the next file not yet taken, so one large file does not keep
/// the others waiting behind it.
pub fn format_all(files: Vec<(String, Content<'_>)>) -> Result<Vec<(String, String)>, Error> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<String, Error>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(files.len()).max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some((path, content)) = files.get(at) else {
                            return out;
                        };
                        out.push((at, format(path, content)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            // A worker builds tokens and formats them; a panic there is an
            // emitter bug, passed on to be seen.
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_by_key(|(at, _)| *at);
    files
        .into_iter()
        .zip(done)
        .map(|((path, _), (_, text))| Ok((path, text?)))
        .collect()
}

/// Emits a Rust file's tokens, checks them with syn and prints them with prettyplease.
fn rust(path: &str, tokens: &Tokens<'_>) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens.tokens()).map_err(|error| {
        Error::file(
            Path::new(path),
            format!("the generator produced invalid Rust (a generator bug): {error}"),
        )
    })?;
    Ok(format!(
        "// {STAMP}\n{}",
        space_items(&prettyplease::unparse(&file))
    ))
}

/// Starts that mark a new item (or a method inside an `impl`).
const ITEM_STARTS: &[&str] = &[
    "///",
    "#[",
    "pub ",
    "pub(crate) ",
    "fn ",
    "async fn ",
    "impl",
    "struct ",
    "enum ",
    "mod ",
    "const ",
    "type ",
    "use ",
];

/// prettyplease prints items back to back; put one blank line between items, as
/// rustfmt users write them, so the files read like hand-written code.
fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = "";
    let mut previous_raw = "";
    let mut in_use = false;
    let mut was_use = false;
    let mut was_inner_doc = false;
    for line in text.lines() {
        let current = line.trim_start();
        let is_use = in_use || current.starts_with("use ") || current.starts_with("pub use ");
        let is_inner_doc = current.starts_with("//!");
        let starts_item = ITEM_STARTS.iter().any(|start| current.starts_with(start));
        // An item ends with a closing brace, or with `;` at the top level (`const`,
        // `type`); a doc line that ends in `;` is still prose.
        let after_item = previous == "}"
            || previous == "};"
            || (!previous_raw.starts_with(' ')
                && !previous.starts_with("//")
                && previous.ends_with(';'));
        let blank = !previous.is_empty()
            && ((starts_item && after_item && !was_use)
                || (was_use && !is_use)
                || (was_inner_doc && !is_inner_doc));
        if blank {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        in_use = is_use && !current.ends_with(';');
        was_use = is_use;
        was_inner_doc = is_inner_doc;
        previous = current;
        previous_raw = line;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{format_all, space_items};
    use crate::emit::{Content, Tokens};

    #[test]
    fn format_all_keeps_order_and_names_the_file_of_invalid_rust() {
        let files: Vec<(String, Content)> = (0..9)
            .map(|i| {
                let content = if i % 3 == 0 {
                    Content::Text(format!("text {i}"))
                } else {
                    Content::Rust(Tokens::new(move || {
                        format!("struct S{i};").parse().expect("tokens")
                    }))
                };
                (format!("f{i}"), content)
            })
            .collect();
        let out = format_all(files).expect("valid files");
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8"]
        );
        assert_eq!(out[3].1, "text 3");
        assert!(out[4].1.ends_with("struct S4;\n"), "{}", out[4].1);

        let broken = vec![(
            "src/bad.rs".to_owned(),
            Content::Rust(Tokens::new(|| "fn fn ()".parse().expect("tokens"))),
        )];
        let error = format_all(broken).expect_err("invalid Rust");
        assert!(error.to_string().contains("src/bad.rs"), "{error}");
    }

    #[test]
    fn a_doc_line_ending_in_a_semicolon_does_not_end_an_item() {
        let input = "/// Stores messages;\n///\n/// More.\nstruct A;\n";
        assert_eq!(space_items(input), input);
    }

    #[test]
    fn separates_items_but_not_statements() {
        let input = "//! Doc.\nuse a::b;\nuse c::d;\nstruct A {\n    x: u8,\n}\nimpl A {\n    fn f() {\n        if x {\n            y();\n        }\n        z();\n    }\n    fn g() {}\n}\n";
        let expected = "//! Doc.\n\nuse a::b;\nuse c::d;\n\nstruct A {\n    x: u8,\n}\n\nimpl A {\n    fn f() {\n        if x {\n            y();\n        }\n        z();\n    }\n\n    fn g() {}\n}\n";
        assert_eq!(space_items(input), expected);
    }
}
