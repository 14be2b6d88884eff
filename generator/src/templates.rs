//! The hand-written files the generator copies into every crate, embedded at
//! build time so the generator binary needs no files beside it.

/// `Cargo.toml` with `{{placeholders}}`.
pub const CARGO_TOML: &str = include_str!("../../templates/sdk/Cargo.toml.in");

/// `README.md` with `{{placeholders}}`.
pub const README: &str = include_str!("../../templates/sdk/README.md.in");

/// The runtime crate's `Cargo.toml`, with `{{placeholders}}`.
pub const RUNTIME_CARGO_TOML: &str = include_str!("../../templates/runtime-crate/Cargo.toml.in");

/// The runtime crate's `README.md`, with `{{placeholders}}`.
pub const RUNTIME_README: &str = include_str!("../../templates/runtime-crate/README.md.in");

/// The runtime crate's `CHANGELOG.md`.
pub const RUNTIME_CHANGELOG: &str = include_str!("../../templates/runtime-crate/CHANGELOG.md");

/// A types-only crate's `Cargo.toml`, with `{{placeholders}}`.
pub const TYPES_CARGO_TOML: &str = include_str!("../../templates/types/Cargo.toml.in");

/// A types-only crate's `src/runtime/mod.rs`: the model-support part of the
/// runtime, which needs no HTTP client.
pub const TYPES_RUNTIME_MOD: &str = include_str!("../../templates/types/runtime_mod.rs");

/// The runtime files a types-only crate copies (each is also in [`RUNTIME`]).
pub const TYPES_RUNTIME: [&str; 9] = [
    "bounded.rs",
    "datetime.rs",
    "nullable.rs",
    "number.rs",
    "object.rs",
    "redact.rs",
    "tagged.rs",
    "unknown.rs",
    "untagged.rs",
];

/// Embeds runtime files by name, so each name is written once.
macro_rules! runtime_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/src/runtime/", $name)))),*]
    };
}

/// The runtime, file by file: (name under `templates/src/runtime/`, contents);
/// `mod.rs` becomes the runtime crate's `lib.rs`.
pub const RUNTIME: &[(&str, &str)] = runtime_files![
    "bounded.rs",
    "client.rs",
    "credentials.rs",
    "datetime.rs",
    "decode.rs",
    "download.rs",
    "error.rs",
    "extra.rs",
    "hooks.rs",
    "lines.rs",
    "link.rs",
    "mock.rs",
    "mod.rs",
    "multipart.rs",
    "nullable.rs",
    "number.rs",
    "oauth2.rs",
    "object.rs",
    "options.rs",
    "paginate.rs",
    "preview.rs",
    "query.rs",
    "redact.rs",
    "redirect.rs",
    "request.rs",
    "response.rs",
    "retry.rs",
    "secret.rs",
    "signature.rs",
    "sse.rs",
    "streaming.rs",
    "tagged.rs",
    "transport.rs",
    "unknown.rs",
    "untagged.rs",
    "upload.rs",
];

#[cfg(test)]
mod tests {
    use super::RUNTIME;

    /// A runtime file added to `templates/` but not listed here would be missing
    /// from every generated crate.
    #[test]
    fn every_runtime_file_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../templates/src/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = RUNTIME.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, embedded);
    }
}
