//! Stage 4a: check emitted tokens with syn and print them with prettyplease.

use std::path::Path;

use crate::diagnostics::Error;
use crate::emit::{Content, STAMP};

/// The final text of a file; an emitter bug that produces invalid Rust is an
/// error naming the file, never a panic.
pub fn format(path: &str, content: Content) -> Result<String, Error> {
    prepare(content).or_else(|source| rust(path, &source))
}

/// [`format()`] for every file, the Rust ones on all cores: checking and
/// printing is most of generation, and files are independent. Token streams
/// cannot cross threads, so each travels as its text and is parsed there.
pub fn format_all(files: Vec<(String, Content)>) -> Result<Vec<(String, String)>, Error> {
    let texts: Vec<(String, Result<String, String>)> = files
        .into_iter()
        .map(|(path, content)| (path, prepare(content)))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = texts.len().div_ceil(threads).max(1);
    let formatted: Vec<Result<String, Error>> = std::thread::scope(|scope| {
        let workers: Vec<_> = texts
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(path, text)| match text {
                            Ok(done) => Ok(done.clone()),
                            Err(source) => rust(path, source),
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            // A worker only formats; a panic there is a bug worth seeing.
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    texts
        .into_iter()
        .zip(formatted)
        .map(|((path, _), text)| Ok((path, text?)))
        .collect()
}

/// A file's final text (`Ok`), or for Rust the source still to be checked
/// and printed (`Err`).
fn prepare(content: Content) -> Result<String, String> {
    match content {
        Content::Text(text) => Ok(text),
        Content::Copied(text) => Ok(format!("// {STAMP}\n{text}")),
        Content::Rust(tokens) => Err(tokens.to_string()),
    }
}

/// Checks Rust source with syn and prints it with prettyplease.
fn rust(path: &str, source: &str) -> Result<String, Error> {
    let file = syn::parse_file(source).map_err(|error| {
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
        // An item ends with a closing brace, or with `;` at the top level (`const`, `type`).
        let after_item = previous == "}"
            || previous == "};"
            || (!previous_raw.starts_with(' ') && previous.ends_with(';'));
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
    use crate::emit::Content;

    #[test]
    fn format_all_keeps_order_and_names_the_file_of_invalid_rust() {
        let files: Vec<(String, Content)> = (0..9)
            .map(|i| {
                let content = if i % 3 == 0 {
                    Content::Text(format!("text {i}"))
                } else {
                    Content::Rust(format!("struct S{i};").parse().expect("tokens"))
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
            Content::Rust("fn fn ()".parse().expect("tokens")),
        )];
        let error = format_all(broken).expect_err("invalid Rust");
        assert!(error.to_string().contains("src/bad.rs"), "{error}");
    }

    #[test]
    fn separates_items_but_not_statements() {
        let input = "//! Doc.\nuse a::b;\nuse c::d;\nstruct A {\n    x: u8,\n}\nimpl A {\n    fn f() {\n        if x {\n            y();\n        }\n        z();\n    }\n    fn g() {}\n}\n";
        let expected = "//! Doc.\n\nuse a::b;\nuse c::d;\n\nstruct A {\n    x: u8,\n}\n\nimpl A {\n    fn f() {\n        if x {\n            y();\n        }\n        z();\n    }\n\n    fn g() {}\n}\n";
        assert_eq!(space_items(input), expected);
    }
}
