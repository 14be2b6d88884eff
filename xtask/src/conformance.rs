//! `cargo xtask conformance --spec DOC`: every operation of a document, called
//! once through its generated SDK against Prism with request validation on.
//!
//! The generator writes the crate and a program (`conformance/program.rs`)
//! that makes one call per operation with the example arguments the crate's
//! docs show (the document's examples, else values built from the schemas),
//! and prints one line per call: whether Prism accepted the request and
//! whether the answer decoded into the documented type.

mod program;

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::ir::Api;
use generator::CrateInfo;

use crate::prism::{self, Prism};

/// What happened to one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `resource.method`.
    pub operation: String,
    /// `accepted`, `rejected` (Prism found the request invalid), `not built`
    /// (no example arguments) or `failed` (no answer).
    pub request: String,
    /// `decoded`, `not decoded` or `-`.
    pub response: String,
    /// Prism's violations, the decode error, or why the call was not made.
    pub note: String,
}

impl Row {
    /// The request was accepted and the answer decoded.
    pub fn conforms(&self) -> bool {
        self.request == "accepted" && self.response == "decoded"
    }
}

/// Generates the crate and the program for `spec` under `out`, runs the
/// program against Prism, and returns a row per operation in document order.
pub fn run(root: &Path, spec: &Path, out: &Path) -> Result<Vec<Row>, String> {
    let stem = spec
        .file_stem()
        .map(|s| {
            s.to_string_lossy()
                .to_lowercase()
                .replace(['.', '_', ' '], "-")
        })
        .unwrap_or_else(|| "document".to_owned());
    let name = format!("conformance-{stem}");
    let generated =
        generator::generate(spec, &CrateInfo::new(&name, "0.0.0")).map_err(|e| e.to_string())?;
    let crate_dir = out.join(&name);
    write_all(&crate_dir, &generated.files)?;
    write_all(
        &out.join(generator::emit::RUNTIME_CRATE),
        &generator::runtime_crate().map_err(|e| e.to_string())?,
    )?;
    let (source, skipped) = program::source(&generated.api);
    write_all(
        &out.join("conformance-program"),
        &[
            ("Cargo.toml".to_owned(), program::manifest(&name)),
            ("src/main.rs".to_owned(), source),
        ],
    )?;
    let manifest = format!(
        "# Written by `cargo xtask conformance`.\n[workspace]\nresolver = \"2\"\nmembers = [\"{name}\", \"{}\", \"conformance-program\"]\n\n[profile.dev]\ndebug = false\n",
        generator::emit::RUNTIME_CRATE
    );
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).map_err(|e| e.to_string())?;

    let binary = build(root, out)?;
    let bin = prism::install(root)?;
    let server = Prism::start(&bin, spec, &out.join("prism.log"))?;
    let output = Command::new(&binary)
        .arg(server.url())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    drop(server);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut rows: Vec<Row> = stdout.lines().filter_map(program::parse_line).collect();
    rows.extend(skipped);
    order_like(&generated.api, &mut rows);
    if !output.status.success() {
        return Err(format!(
            "the conformance program failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(rows)
}

/// Rows in the document's order of operations.
fn order_like(api: &Api, rows: &mut [Row]) {
    let order: Vec<String> = api
        .resources
        .iter()
        .flat_map(|r| {
            r.operations
                .iter()
                .map(move |op| format!("{}.{}", r.accessor, op.method_name))
        })
        .collect();
    rows.sort_by_key(|row| order.iter().position(|o| *o == row.operation));
}

fn write_all(dir: &Path, files: &[(String, String)]) -> Result<(), String> {
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Builds the program with the main target directory; returns its path.
fn build(root: &Path, out: &Path) -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = root.join("target");
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--package", "conformance-program"])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("the conformance program did not build ({status})"));
    }
    Ok(target.join("debug/conformance-program"))
}

/// The table and the closing line `N/M operations conform`.
pub fn table(rows: &[Row]) -> String {
    let mut text = String::from("| operation | request | response | note |\n|---|---|---|---|\n");
    for row in rows {
        let note = row.note.replace('|', "\\|");
        text.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            row.operation, row.request, row.response, note
        ));
    }
    let conforming = rows.iter().filter(|r| r.conforms()).count();
    text.push_str(&format!("\n{conforming}/{} operations conform", rows.len()));
    text
}
