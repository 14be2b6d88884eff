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
    /// Whose the failure is: empty when the operation conforms, `document`
    /// when Prism reports that the answer it served from the document
    /// violates the document's own schema, else `sdk`.
    pub class: String,
}

impl Row {
    /// The request was accepted and the answer decoded.
    pub fn conforms(&self) -> bool {
        self.request == "accepted" && self.response == "decoded"
    }

    /// A failure that is the document's, not the SDK's.
    pub fn document_flaw(&self) -> bool {
        self.class == "document"
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
    // Nothing to call (a document of webhooks only); Prism refuses such a document.
    if generated
        .api
        .resources
        .iter()
        .all(|r| r.operations.is_empty())
    {
        return Ok(Vec::new());
    }
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
    let log = std::fs::read_to_string(out.join("prism.log")).unwrap_or_default();
    classify(&generated.api, &mut rows, &log);
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

/// Marks each failure as the document's or the SDK's. Prism logs each request
/// it receives (`[HTTP SERVER] get /planets/1`) and, after it, any violation of
/// the document's schema by the answer it served from the document's examples;
/// a call whose answer did not decode and whose request Prism logged with such
/// a violation fails because of the document.
fn classify(api: &Api, rows: &mut [Row], log: &str) {
    let mut requests: Vec<(String, Vec<&str>, bool)> = Vec::new();
    for line in log.lines() {
        if let Some(rest) = line.split("[HTTP SERVER] ").nth(1) {
            let route: Vec<&str> = rest.split_whitespace().take(2).collect();
            requests.push((route.join(" "), Vec::new(), false));
        } else if let Some(last) = requests.last_mut() {
            last.1.push(line);
        }
    }
    for row in rows.iter_mut() {
        if row.conforms() {
            continue;
        }
        row.class = "sdk".to_owned();
        let Some(op) = api.resources.iter().find_map(|r| {
            r.operations
                .iter()
                .find(|op| format!("{}.{}", r.accessor, op.method_name) == row.operation)
        }) else {
            continue;
        };
        let method = op.http_method.to_ascii_lowercase();
        let found = requests.iter_mut().find(|(route, _, used)| {
            !*used
                && route.split_once(' ').is_some_and(|(m, path)| {
                    m == method && matches_template(&op.path_template, path)
                })
        });
        if let Some((_, lines, used)) = found {
            *used = true;
            let served_invalid = lines.iter().any(|l| l.contains("Violation: response"));
            if served_invalid && row.response == "not decoded" {
                row.class = "document".to_owned();
            }
        }
    }
}

/// Whether a request path fits a path template (`/planets/{id}`).
fn matches_template(template: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let wanted: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let got: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    wanted.len() == got.len()
        && wanted
            .iter()
            .zip(&got)
            .all(|(w, g)| (w.contains('{') && !g.is_empty()) || w == g)
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

/// The table and the closing line: `N/M operations conform`, where the
/// operations whose failure is the document's are left out of `M` and named.
pub fn table(rows: &[Row]) -> String {
    let mut text =
        String::from("| operation | request | response | class | note |\n|---|---|---|---|---|\n");
    for row in rows {
        let note = row.note.replace('|', "\\|");
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            row.operation, row.request, row.response, row.class, note
        ));
    }
    let conforming = rows.iter().filter(|r| r.conforms()).count();
    let flaws: Vec<&str> = rows
        .iter()
        .filter(|r| r.document_flaw())
        .map(|r| r.operation.as_str())
        .collect();
    let counted = rows.len() - flaws.len();
    if !flaws.is_empty() {
        text.push_str(&format!(
            "\nLeft out, the document's own flaw (Prism reports that the answer it served from the document violates the document's schema): {}\n",
            flaws.join(", ")
        ));
    }
    text.push_str(&format!("\n{conforming}/{counted} operations conform"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_fit_their_templates() {
        assert!(matches_template("/planets/{planetId}", "/planets/17"));
        assert!(matches_template(
            "/planets/{id}/image",
            "/planets/1/image?x=1"
        ));
        assert!(!matches_template("/planets/{id}", "/planets/1/image"));
        assert!(!matches_template("/planets", "/moons"));
    }

    #[test]
    fn the_closing_line_leaves_out_the_documents_own_flaws() {
        let row = |operation: &str, response: &str, class: &str| Row {
            operation: operation.to_owned(),
            request: "accepted".to_owned(),
            response: response.to_owned(),
            note: String::new(),
            class: class.to_owned(),
        };
        let rows = [
            row("a.list", "decoded", ""),
            row("a.get", "not decoded", "document"),
            row("a.put", "not decoded", "sdk"),
        ];
        let text = table(&rows);
        assert!(text.ends_with("1/2 operations conform"), "{text}");
        assert!(
            text.contains("own flaw") && text.contains("a.get"),
            "{text}"
        );
    }
}
