//! `cargo xtask corpus`: every published Apideck document → a crate that must
//! pass `cargo clippy -- -D warnings` (which includes `cargo check`).
//!
//! The crates are written under `target/corpus/` (never committed) as one
//! workspace that shares the main target directory and lockfile, so the
//! dependencies are compiled once.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use generator::CrateInfo;

/// One document's results.
#[derive(Debug)]
pub struct Row {
    /// Document file stem, e.g. `accounting`.
    pub name: String,
    /// Operations generated.
    pub operations: usize,
    /// Model types generated.
    pub types: usize,
    /// Generation time in milliseconds (debug build of the generator).
    pub generate_ms: u128,
    /// Warnings from the generator.
    pub generator_warnings: usize,
    /// Warnings and errors from rustc and clippy.
    pub compiler_messages: usize,
    /// Whether the crate passed clippy with `-D warnings`.
    pub passed: bool,
    /// The first compiler message, when it failed.
    pub failure: Option<String>,
}

/// The documents of `dir` (`.yml`, `.yaml`, `.json`), sorted.
pub fn documents(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "yml" || e == "yaml" || e == "json")
        })
        .collect();
    found.sort();
    found
}

/// Generates and checks every document in `dir`; `None` when `dir` is absent.
pub fn run(root: &Path, dir: &Path) -> Result<Option<Vec<Row>>, String> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let out = root.join("target/corpus");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut rows = Vec::new();
    for spec in documents(dir) {
        let name = spec
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let krate = CrateInfo {
            name: format!("apideck-{name}"),
            version: "0.1.0".to_owned(),
        };
        let started = Instant::now();
        let generated = generator::generate(&spec, &krate).map_err(|e| e.to_string())?;
        let generate_ms = started.elapsed().as_millis();
        generator::write::write(&out.join(&name), &generated.files).map_err(|e| e.to_string())?;
        rows.push(Row {
            operations: generated
                .api
                .resources
                .iter()
                .map(|r| r.operations.len())
                .sum(),
            types: generated.api.types.len(),
            generate_ms,
            generator_warnings: generated.warnings.len(),
            compiler_messages: 0,
            passed: false,
            failure: None,
            name,
        });
        for warning in &generated.warnings {
            eprintln!("{}: {warning}", spec.display());
        }
    }
    write_workspace(root, &out, &rows)?;
    for row in &mut rows {
        check(root, &out, row)?;
    }
    Ok(Some(rows))
}

fn write_workspace(root: &Path, out: &Path, rows: &[Row]) -> Result<(), String> {
    let members: Vec<String> = rows.iter().map(|r| format!("\"{}\"", r.name)).collect();
    let manifest = format!(
        "# Written by `cargo xtask corpus`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[profile.dev]\ndebug = \"line-tables-only\"\n\n[profile.dev.package.\"*\"]\ndebug = false\n",
        members.join(", ")
    );
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    // The main lockfile pins the same dependency versions, so the shared target
    // directory already holds them compiled.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(())
}

fn check(root: &Path, out: &Path, row: &mut Row) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "clippy",
            "--package",
            &format!("apideck-{}", row.name),
            "--message-format",
            "short",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .map_err(|e| format!("cannot run cargo clippy: {e}"))?;
    let text = String::from_utf8_lossy(&output.stderr);
    let messages: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": warning:") || l.contains(": error") || l.starts_with("error["))
        .collect();
    row.compiler_messages = messages.len();
    row.passed = output.status.success() && messages.is_empty();
    row.failure = if row.passed {
        None
    } else {
        Some(
            messages
                .first()
                .copied()
                .unwrap_or("clippy failed")
                .to_owned(),
        )
    };
    Ok(())
}

/// The results as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut text = String::from(
        "| document | operations | types | generate (ms) | generator warnings | rustc/clippy messages | result |\n|---|---:|---:|---:|---:|---:|---|\n",
    );
    for row in rows {
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.name,
            row.operations,
            row.types,
            row.generate_ms,
            row.generator_warnings,
            row.compiler_messages,
            if row.passed { "pass" } else { "FAIL" }
        );
    }
    text
}
