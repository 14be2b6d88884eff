//! `cargo xtask bench-features`: what one resource costs against all of them.
//!
//! Generates the document's crate into `target/bench-features/` (its own
//! workspace, dependencies built first), then times `cargo check` of the crate
//! alone (`touch src/lib.rs`, non-incremental) with default features and with
//! each resource feature alone.

use std::path::Path;
use std::time::Duration;

use sdkgen::CrateInfo;

/// One feature's median check time and its ratio to all features'.
pub struct FeatureTime {
    /// The feature.
    pub feature: String,
    /// Median check time.
    pub time: Duration,
}

/// The report: all features' median check time and each feature's.
pub struct Report {
    /// The crate's package name.
    pub package: String,
    /// Model types and operations in the crate.
    pub size: (usize, usize),
    /// `cargo check` with default features (every resource).
    pub all: Duration,
    /// Each resource feature alone.
    pub each: Vec<FeatureTime>,
}

/// Measures `spec`'s crate with `runs` checks per configuration.
pub fn run(root: &Path, spec: &Path, runs: usize) -> Result<Report, String> {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default()
        .replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    let package = format!("bench-{stem}");
    let dir = root.join("target/bench-features");
    let crate_dir = dir.join(&package);
    let generated = sdkgen::generate(spec, &CrateInfo::new(package.clone(), "0.1.0"))
        .map_err(|e| e.to_string())?;
    sdkgen::write::write(&crate_dir, &generated.files).map_err(|e| e.to_string())?;
    crate::write_runtime(&dir.join(sdkgen::emit::RUNTIME_CRATE), false)
        .map_err(|e| e.to_string())?;
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "# Written by `cargo xtask bench-features`.\n[workspace]\nresolver = \"2\"\n\
             members = [\"{package}\", \"{}\"]\n\n\
             [profile.dev.package.{}]\nincremental = false\n",
            sdkgen::emit::RUNTIME_CRATE,
            sdkgen::emit::RUNTIME_CRATE
        ),
    )
    .map_err(|e| e.to_string())?;
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
    }
    let features: Vec<String> = generated
        .api
        .resources
        .iter()
        .map(|r| r.feature.clone())
        .collect();
    // Dependencies (and the runtime) first.
    check(&dir, &crate_dir, &package, &[])?;
    let time = |args: &[&str]| -> Result<Duration, String> {
        check(&dir, &crate_dir, &package, args)?;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            times.push(check(&dir, &crate_dir, &package, args)?);
        }
        times.sort();
        Ok(times[times.len() / 2])
    };
    let all = time(&[])?;
    let mut each = Vec::new();
    for feature in &features {
        let spent = time(&["--no-default-features", "--features", feature])?;
        eprintln!("{feature}: {spent:?} (all: {all:?})");
        each.push(FeatureTime {
            feature: feature.clone(),
            time: spent,
        });
    }
    Ok(Report {
        package,
        size: (
            generated.api.types.len(),
            generated
                .api
                .resources
                .iter()
                .map(|r| r.operations.len())
                .sum(),
        ),
        all,
        each,
    })
}

/// `touch src/lib.rs`, then a non-incremental `cargo check` of the crate; its wall time.
fn check(dir: &Path, crate_dir: &Path, package: &str, args: &[&str]) -> Result<Duration, String> {
    super::peer::touch(&crate_dir.join("src/lib.rs"))?;
    let mut command = vec!["check", "--package", package];
    command.extend_from_slice(args);
    super::peer::cargo(dir, &command, true)
}

impl Report {
    /// The report as Markdown: all features, then each feature's share.
    pub fn markdown(&self) -> String {
        let mut ratios: Vec<(f64, &str)> = self
            .each
            .iter()
            .map(|f| {
                (
                    f.time.as_secs_f64() / self.all.as_secs_f64(),
                    f.feature.as_str(),
                )
            })
            .collect();
        ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
        let median = ratios[ratios.len() / 2];
        let largest = ratios[ratios.len() - 1];
        format!(
            "`{}` ({} types, {} operations, {} resource features): `cargo check` with every \
             resource {:.2} s; one resource alone: median {:.0} % (`{}`), largest {:.0} % \
             (`{}`), smallest {:.0} % (`{}`).\n",
            self.package,
            self.size.0,
            self.size.1,
            self.each.len(),
            self.all.as_secs_f64(),
            median.0 * 100.0,
            median.1,
            largest.0 * 100.0,
            largest.1,
            ratios[0].0 * 100.0,
            ratios[0].1,
        )
    }
}
