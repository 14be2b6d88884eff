//! `cargo xtask bench-compile --vs-progenitor`: our crate and progenitor's,
//! generated from the same document, built side by side in paired runs.
//!
//! Each SDK gets its own workspace under `target/bench-compile/` (own target
//! directory, dependencies built first) with an app that calls every operation
//! once. Runs alternate which side goes first; the machine is shared and noisy,
//! so what counts is the median of the per-pair ratios, not the seconds.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sdkgen::CrateInfo;

use super::{app, patch};

/// The progenitor release compared against, installed from crates.io.
pub const PROGENITOR_VERSION: &str = "0.15.1";

/// The dependency line progenitor's app adds (see [`workspace`]'s caller).
const PROGENITOR_APP_TLS: &str =
    "reqwest = { version = \"0.13\", default-features = false, features = [\"rustls\"] }\n";

/// One SDK's workspace.
struct Side {
    /// `ours` or `progenitor`.
    name: &'static str,
    dir: PathBuf,
    /// Rust library name of the SDK.
    lib: String,
}

/// What one measurement does.
#[derive(Clone, Copy)]
enum Step {
    /// `touch sdk/src/lib.rs`, then a non-incremental build of the SDK alone.
    CrateAlone { release: bool },
    /// `cargo clean -p sdk -p app`, then building the app (and so the SDK).
    SdkAndApp,
    /// `touch app/src/main.rs`, then building the app.
    AppOnly,
}

const STEPS: [(&str, Step); 4] = [
    ("crate alone, debug", Step::CrateAlone { release: false }),
    ("crate alone, release", Step::CrateAlone { release: true }),
    ("SDK + app, debug", Step::SdkAndApp),
    ("app-only rebuild, debug", Step::AppOnly),
];

/// Runs the comparison on `spec` with `runs` pairs per step; a Markdown report.
/// With `ours_crate`, our side is that crate (say, from an older generator,
/// for a before/after table), not one generated now.
pub fn run(
    root: &Path,
    spec: &Path,
    runs: usize,
    ours_crate: Option<&Path>,
    quick: bool,
) -> Result<String, String> {
    let dir = root.join("target/bench-compile");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tool = install_progenitor(root)?;

    let text = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let mut doc: serde_json::Value =
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", spec.display()))?;
    let patches = patch::for_progenitor(&mut doc);
    let patched = dir.join("document.json");
    write(
        &patched,
        &serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?,
    )?;

    let ours = prepare_ours(root, &dir, &patched, ours_crate)?;
    let theirs = prepare_progenitor(&dir, &tool, &patched)?;
    let sides = [ours, theirs];
    for side in &sides {
        eprintln!("building {}'s dependencies", side.name);
        cargo(&side.dir, &["build", "-p", "app"], false)?;
        cargo(&side.dir, &["build", "--release", "-p", "app"], false)?;
    }

    let mut report = format!(
        "Document: `{}` (patched copy: `{}`). Patches for progenitor:\n\n",
        spec.display(),
        patched.display()
    );
    for (what, count) in &patches {
        report.push_str(&format!("- {what}: {count}\n"));
    }
    report.push_str(&format!(
        "- progenitor's app also depends on `{}`\n",
        PROGENITOR_APP_TLS.trim()
    ));
    report.push_str(&format!(
        "\nMedian of {runs} paired runs (order alternating), load average before: {}.\n\n\
         | | ours | progenitor {PROGENITOR_VERSION} | ours / progenitor (median of pair ratios) |\n\
         | --- | ---: | ---: | ---: |\n",
        load_average()
    ));
    // `quick`: the crate alone (debug and release), to try a lever before a full run.
    let steps = if quick { &STEPS[..2] } else { &STEPS[..] };
    for &(label, step) in steps {
        let mut times = [Vec::new(), Vec::new()];
        let mut ratios = Vec::new();
        // One unmeasured run each, so the first pair starts from the state
        // every later one does.
        for side in &sides {
            measure(side, step)?;
        }
        for run in 0..runs {
            let order = if run % 2 == 0 { [0, 1] } else { [1, 0] };
            let mut pair = [Duration::ZERO; 2];
            for index in order {
                pair[index] = measure(&sides[index], step)?;
            }
            eprintln!("{label}: ours {:?}, progenitor {:?}", pair[0], pair[1]);
            times[0].push(pair[0]);
            times[1].push(pair[1]);
            ratios.push(pair[0].as_secs_f64() / pair[1].as_secs_f64());
        }
        write(&dir.join("report.md"), &report)?;
        report.push_str(&format!(
            "| {label} | {:.2} s | {:.2} s | **{:.2}** |\n",
            median(&mut times[0]).as_secs_f64(),
            median(&mut times[1]).as_secs_f64(),
            median_f64(&mut ratios)
        ));
    }

    // Sizes: the rlib of a non-incremental debug build, a stripped release app.
    let mut sizes = Vec::new();
    for side in &sides {
        measure(side, Step::CrateAlone { release: false })?;
        cargo(&side.dir, &["build", "--release", "-p", "app"], false)?;
        let rlib = rlib_size(&side.dir.join("target/debug/deps"), &side.lib)?;
        let binary = file_size(&side.dir.join("target/release/app"))?;
        let (lines, _) = super::lines_of_code(&side.dir.join("sdk"));
        sizes.push((rlib, binary, lines));
    }
    let row = |label: &str, a: u64, b: u64, unit: &str, scale: f64| {
        format!(
            "| {label} | {:.1}{unit} | {:.1}{unit} | {:.2} |\n",
            a as f64 / scale,
            b as f64 / scale,
            a as f64 / b as f64
        )
    };
    report.push_str(&row("rlib, debug", sizes[0].0, sizes[1].0, " MB", 1e6));
    report.push_str(&row(
        "app binary, release, stripped",
        sizes[0].1,
        sizes[1].1,
        " MB",
        1e6,
    ));
    report.push_str(&row(
        "lines of Rust in the SDK",
        sizes[0].2 as u64,
        sizes[1].2 as u64,
        "",
        1.0,
    ));
    write(&dir.join("report.md"), &report)?;
    Ok(report)
}

fn prepare_ours(
    root: &Path,
    dir: &Path,
    doc: &Path,
    ours_crate: Option<&Path>,
) -> Result<Side, String> {
    let side = dir.join("ours");
    let krate = CrateInfo::new("bench-ours", "0.1.0");
    let mut generated = sdkgen::generate(doc, &krate).map_err(|e| e.to_string())?;
    if let Some(given) = ours_crate {
        generated.files = read_tree(given)?;
    }
    sdkgen::write::write(&side.join("sdk"), &generated.files).map_err(|e| e.to_string())?;
    crate::write_runtime(&side.join(sdkgen::emit::RUNTIME_CRATE), false)
        .map_err(|e| e.to_string())?;
    let main = app::ours("sdk", &generated.api.client.name, &generated.files)?;
    workspace(&side, "bench-ours", &main, "")?;
    // The same dependency versions as our own workspace tests with.
    if !side.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), side.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
    }
    Ok(Side {
        name: "ours",
        dir: side,
        lib: "bench_ours".to_owned(),
    })
}

fn prepare_progenitor(dir: &Path, tool: &Path, doc: &Path) -> Result<Side, String> {
    let side = dir.join("progenitor");
    let sdk = side.join("sdk");
    let output = Command::new(tool)
        .arg("progenitor")
        .arg("--input")
        .arg(doc)
        .arg("--output")
        .arg(&sdk)
        .args(["--name", "bench-progenitor", "--version", "0.1.0"])
        .output()
        .map_err(|e| format!("cannot run cargo-progenitor: {e}"))?;
    if !output.status.success() {
        let text = String::from_utf8_lossy(&output.stderr);
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(format!("progenitor refused the document: {first}"));
    }
    let lib_rs = std::fs::read_to_string(sdk.join("src/lib.rs")).map_err(|e| e.to_string())?;
    let main = app::progenitor("sdk", &lib_rs)?;
    // progenitor's crate asks for reqwest without TLS; the API is HTTPS only,
    // so its app turns on reqwest's default TLS, as a user would.
    workspace(&side, "bench-progenitor", &main, PROGENITOR_APP_TLS)?;
    Ok(Side {
        name: "progenitor",
        dir: side,
        lib: "bench_progenitor".to_owned(),
    })
}

/// The workspace manifest and the app crate around an SDK in `side/sdk`.
fn workspace(side: &Path, sdk_package: &str, main: &str, extra_deps: &str) -> Result<(), String> {
    // Our runtime crate, when the SDK has one beside it, is a member too.
    let runtime = sdkgen::emit::RUNTIME_CRATE;
    // Built like a registry dependency (progenitor-client is one): never
    // incrementally, so that switching `CARGO_INCREMENTAL` between steps does
    // not rebuild it.
    let (members, runtime_profile) = if side.join(runtime).is_dir() {
        (
            format!("\"sdk\", \"app\", \"{runtime}\""),
            format!(
                "\n[profile.dev.package.{runtime}]\nincremental = false\n\n\
                 [profile.release.package.{runtime}]\nincremental = false\n"
            ),
        )
    } else {
        ("\"sdk\", \"app\"".to_owned(), String::new())
    };
    write(
        &side.join("Cargo.toml"),
        &format!(
            "# Written by `cargo xtask bench-compile --vs-progenitor`.\n\
             [workspace]\nresolver = \"2\"\nmembers = [{members}]\n\n\
             [profile.release]\nstrip = true\n{runtime_profile}"
        ),
    )?;
    write(
        &side.join("app/Cargo.toml"),
        &format!(
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nsdk = {{ package = \"{sdk_package}\", path = \"../sdk\" }}\n{extra_deps}\
             serde = \"1\"\nserde_json = \"1\"\n\
             tokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n"
        ),
    )?;
    write(&side.join("app/src/main.rs"), main)
}

fn measure(side: &Side, step: Step) -> Result<Duration, String> {
    match step {
        Step::CrateAlone { release } => {
            touch(&side.dir.join("sdk/src/lib.rs"))?;
            let mut args = vec!["build", "-p"];
            let package = format!("bench-{}", side.name);
            args.push(&package);
            if release {
                args.push("--release");
            }
            cargo(&side.dir, &args, true)
        }
        Step::SdkAndApp => {
            let package = format!("bench-{}", side.name);
            cargo(&side.dir, &["clean", "-p", &package, "-p", "app"], false)?;
            cargo(&side.dir, &["build", "-p", "app"], false)
        }
        Step::AppOnly => {
            touch(&side.dir.join("app/src/main.rs"))?;
            cargo(&side.dir, &["build", "-p", "app"], false)
        }
    }
}

/// Runs cargo in `dir`; its wall time.
pub(super) fn cargo(dir: &Path, args: &[&str], non_incremental: bool) -> Result<Duration, String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.args(args).arg("--quiet").current_dir(dir);
    // The workspace's own target directory, whatever the caller's environment says.
    command.env_remove("CARGO_TARGET_DIR");
    if non_incremental {
        command.env("CARGO_INCREMENTAL", "0");
    }
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let elapsed = started.elapsed();
    if status.success() {
        Ok(elapsed)
    } else {
        Err(format!(
            "`cargo {}` in {} failed with {status}",
            args.join(" "),
            dir.display()
        ))
    }
}

/// `cargo install` of the pinned progenitor into `target/bench-tools` (a
/// no-op once installed); the binary's path.
pub(super) fn install_progenitor(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("target/bench-tools");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["install", "--locked", "--quiet", "--root"])
        .arg(&tools)
        .args(["cargo-progenitor", "--version", PROGENITOR_VERSION])
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cannot install cargo-progenitor {PROGENITOR_VERSION}"
        ));
    }
    Ok(tools.join("bin/cargo-progenitor"))
}

/// Every file under `dir` but `target/`, by relative path.
fn read_tree(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        let entries =
            std::fs::read_dir(&current).map_err(|e| format!("{}: {e}", current.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    pending.push(path);
                }
            } else {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                let relative = path.strip_prefix(dir).map_err(|e| e.to_string())?;
                files.push((relative.to_string_lossy().into_owned(), text));
            }
        }
    }
    files.sort();
    Ok(files)
}

pub(super) fn touch(path: &Path) -> Result<(), String> {
    let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // Rewriting the same bytes moves the modification time.
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The newest `lib<name>-<hash>.rlib` in `deps` (the uplifted copy is gone
/// after `cargo clean -p`).
fn rlib_size(deps: &Path, lib: &str) -> Result<u64, String> {
    let prefix = format!("lib{lib}-");
    let newest = std::fs::read_dir(deps)
        .map_err(|e| format!("{}: {e}", deps.display()))?
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".rlib")
        })
        .filter_map(|e| {
            Some((
                e.metadata().ok()?.modified().ok()?,
                e.metadata().ok()?.len(),
            ))
        })
        .max();
    newest
        .map(|(_, size)| size)
        .ok_or_else(|| format!("no {prefix}*.rlib in {}", deps.display()))
}

fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

pub(super) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

pub(super) fn median(values: &mut [Duration]) -> Duration {
    values.sort();
    values[values.len() / 2]
}

pub(super) fn median_f64(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
