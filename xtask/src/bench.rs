//! `cargo xtask bench-compile`: how long the generated crate takes to build on
//! its own (dependencies already built), and how much code it is; with
//! `--vs-progenitor`, side by side with progenitor's crate ([`peer`]); and
//! what one resource feature costs against all ([`features`]); and how long
//! generation itself takes ([`generation`]).

mod app;
pub mod features;
pub mod generation;
mod patch;
pub mod peer;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The package measured.
pub const PACKAGE: &str = "apideck-vault";

/// Median build time of the package alone, over `runs` clean rebuilds.
pub fn build_time(root: &Path, release: bool, runs: usize) -> Result<Duration, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let profile: &[&str] = if release { &["--release"] } else { &[] };
    let run = |args: &[&str]| -> Result<(), String> {
        let status = Command::new(&cargo)
            .args(args)
            .args(profile)
            .args(["--package", PACKAGE, "--quiet"])
            .current_dir(root)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`cargo {}` failed with {status}", args.join(" ")))
        }
    };
    // Dependencies first, so that only the crate itself is timed.
    run(&["build"])?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        run(&["clean"])?;
        let started = Instant::now();
        run(&["build"])?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2])
}

/// Lines in the crate's Rust files: (all, generated only — without the copied runtime).
pub fn lines_of_code(crate_dir: &Path) -> (usize, usize) {
    let mut all = 0;
    let mut generated = 0;
    let mut pending = vec![crate_dir.join("src")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let lines = std::fs::read_to_string(&path)
                    .map(|t| t.lines().count())
                    .unwrap_or(0);
                all += lines;
                if !path.components().any(|c| c.as_os_str() == "runtime") {
                    generated += lines;
                }
            }
        }
    }
    (all, generated)
}
