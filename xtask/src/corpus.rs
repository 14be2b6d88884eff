//! `cargo xtask corpus`: every published Apideck document (and, with
//! `--public`, the public documents of other APIs) → a crate that must pass
//! `cargo clippy -- -D warnings` (which includes `cargo check`).
//!
//! The crates are written under `target/corpus/` (never committed) as one
//! workspace that shares the main target directory and lockfile, so the
//! dependencies are compiled once.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use sdkgen::CrateInfo;

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
    /// The crate's resource features.
    pub features: Vec<String>,
    /// How its operations are named.
    pub naming: Naming,
}

/// How well a crate's operations are named, from its IR.
#[derive(Debug, Default, Clone, Copy)]
pub struct Naming {
    /// Percent of methods whose name repeats a word of their resource's
    /// (`collections().get_collection()`).
    pub echo: f64,
    /// Percent of all operations that the largest resource holds.
    pub largest: f64,
}

/// Measures `api`'s operation names.
pub fn naming(api: &sdkgen::ir::Api) -> Naming {
    let total: usize = api.resources.iter().map(|r| r.operations.len()).sum();
    if total == 0 {
        return Naming::default();
    }
    let echoes = api
        .resources
        .iter()
        .flat_map(|r| {
            r.operations
                .iter()
                .filter(|op| sdkgen::lower::repeats_resource(&op.method_name, &r.accessor))
        })
        .count();
    let largest = api
        .resources
        .iter()
        .map(|r| r.operations.len())
        .max()
        .unwrap_or(0);
    let percent = |n: usize| (n * 1000 / total) as f64 / 10.0;
    Naming {
        echo: percent(echoes),
        largest: percent(largest),
    }
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

/// The root document of each multi-file document under `dir`: in every
/// subdirectory, the shallowest file (sorted) that declares `openapi`.
pub fn multi_file_roots(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut roots = Vec::new();
    let mut subdirs: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "LICENSES"))
        .collect();
    subdirs.sort();
    for subdir in subdirs {
        let mut level = vec![subdir];
        while !level.is_empty() {
            let found = level.iter().flat_map(|d| documents(d)).find(|file| {
                std::fs::read_to_string(file).is_ok_and(|text| {
                    text.lines().take(20).any(|l| {
                        l.starts_with("openapi:") || l.trim_start().starts_with("\"openapi\"")
                    })
                })
            });
            if let Some(found) = found {
                roots.push(found);
                break;
            }
            level = level
                .iter()
                .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            level.sort();
        }
    }
    roots
}

/// Generates and checks every document in `dir` (and, with `multi_file`, the
/// root of each multi-file document in its subdirectories), naming crates
/// `{prefix}-{stem}`; `None` when `dir` is absent. A document that does not
/// generate is a failed row with the generator's error.
pub fn run(
    root: &Path,
    dir: &Path,
    prefix: &str,
    multi_file: bool,
) -> Result<Option<Vec<Row>>, String> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let out = root.join("target/corpus").join(prefix);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut rows = Vec::new();
    let mut specs = documents(dir);
    if multi_file {
        specs.extend(multi_file_roots(dir));
    }
    let mut failed = Vec::new();
    for spec in specs {
        // A multi-file document is named after its folder (`hatchet`), not its
        // root file (`openapi.yaml`).
        let stem = match spec
            .strip_prefix(dir)
            .ok()
            .and_then(|p| p.components().next())
        {
            Some(first) if spec.parent() != Some(dir) => first.as_os_str().to_owned(),
            _ => spec.file_stem().unwrap_or_default().to_owned(),
        };
        let name = stem
            .to_string_lossy()
            .to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-");
        let krate = CrateInfo::new(format!("{prefix}-{name}"), "0.1.0");
        let started = Instant::now();
        let generated = match sdkgen::generate(&spec, &krate) {
            Ok(generated) => generated,
            Err(error) => {
                eprintln!("{error}");
                failed.push(Row {
                    operations: 0,
                    types: 0,
                    generate_ms: started.elapsed().as_millis(),
                    generator_warnings: 0,
                    compiler_messages: 0,
                    passed: false,
                    failure: Some(format!("does not generate: {}", error.message)),
                    features: Vec::new(),
                    naming: Naming::default(),
                    name,
                });
                continue;
            }
        };
        let generate_ms = started.elapsed().as_millis();
        sdkgen::write::write(&out.join(&name), &generated.files).map_err(|e| e.to_string())?;
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
            features: generated
                .api
                .resources
                .iter()
                .map(|r| r.feature.clone())
                .collect(),
            naming: naming(&generated.api),
            name,
        });
        for warning in &generated.warnings {
            eprintln!("{}: {warning}", spec.display());
        }
    }
    let runtime = out.join(sdkgen::emit::RUNTIME_CRATE);
    crate::write_runtime(&runtime, false).map_err(|e| e.to_string())?;
    write_workspace(root, &out, &rows)?;
    for row in &mut rows {
        check(root, &out, prefix, row)?;
    }
    rows.extend(failed);
    Ok(Some(rows))
}

fn write_workspace(root: &Path, out: &Path, rows: &[Row]) -> Result<(), String> {
    let members: Vec<String> = rows
        .iter()
        .map(|r| r.name.as_str())
        .chain([sdkgen::emit::RUNTIME_CRATE])
        .map(|name| format!("\"{name}\""))
        .collect();
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

fn check(root: &Path, out: &Path, prefix: &str, row: &mut Row) -> Result<(), String> {
    let package = format!("{prefix}-{}", row.name);
    let (passed, messages) = clippy(root, out, &package, &[])?;
    row.compiler_messages = messages.len();
    row.passed = passed;
    row.failure = if row.passed {
        None
    } else {
        Some(
            messages
                .first()
                .cloned()
                .unwrap_or_else(|| "clippy failed".to_owned()),
        )
    };
    Ok(())
}

/// Runs clippy with `-D warnings` on one corpus crate, with `cargo_args` added
/// (features); whether it passed, and its warning and error lines.
fn clippy(
    root: &Path,
    out: &Path,
    package: &str,
    cargo_args: &[&str],
) -> Result<(bool, Vec<String>), String> {
    let output = crate::cargo_once()
        .args(["clippy", "--package", package, "--message-format", "short"])
        .args(cargo_args)
        .args(["--", "-D", "warnings"])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .map_err(|e| format!("cannot run cargo clippy: {e}"))?;
    let text = String::from_utf8_lossy(&output.stderr);
    let messages: Vec<String> = text
        .lines()
        .filter(|l| l.contains(": warning:") || l.contains(": error") || l.starts_with("error["))
        .map(str::to_owned)
        .collect();
    Ok((output.status.success() && messages.is_empty(), messages))
}

/// Checks a corpus crate (already generated by [`run`]) with each resource
/// feature alone, default features off: a user compiling one resource must
/// get a crate that builds cleanly. Returns the features that failed, with
/// their first message.
pub fn check_each_feature(
    root: &Path,
    prefix: &str,
    row: &Row,
) -> Result<Vec<(String, String)>, String> {
    let out = root.join("target/corpus").join(prefix);
    let package = format!("{prefix}-{}", row.name);
    let mut failed = Vec::new();
    for feature in &row.features {
        let (passed, messages) = clippy(
            root,
            &out,
            &package,
            &["--no-default-features", "--features", feature],
        )?;
        if !passed {
            let first = messages
                .into_iter()
                .next()
                .unwrap_or_else(|| "clippy failed".to_owned());
            failed.push((feature.clone(), first));
        }
    }
    Ok(failed)
}

/// The results as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut text = String::from(
        "| document | operations | types | name echo (%) | largest resource (%) | generate (ms) | generator warnings | rustc/clippy messages | result |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for row in rows {
        let _ = writeln!(
            text,
            "| {} | {} | {} | {:.1} | {:.1} | {} | {} | {} | {} |",
            row.name,
            row.operations,
            row.types,
            row.naming.echo,
            row.naming.largest,
            row.generate_ms,
            row.generator_warnings,
            row.compiler_messages,
            if row.passed { "pass" } else { "FAIL" }
        );
    }
    text
}
