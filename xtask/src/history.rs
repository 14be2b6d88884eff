//! `cargo xtask history`: every published version of the Vault document in
//! `../shared/specs/apideck-vault-history/` → a crate that must compile, and
//! the change report between consecutive versions, optionally checked against
//! `cargo-semver-checks` run on the two generated crates.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use sdkgen::changes::{self, Bump};
use sdkgen::CrateInfo;

pub mod document;

/// The `cargo-semver-checks` version the comparison was made with.
pub const SEMVER_CHECKS_VERSION: &str = "0.51.0";

/// One published version.
#[derive(Debug)]
pub struct Version {
    /// `10.34.0`.
    pub version: String,
    /// Where its crate was written.
    pub dir: PathBuf,
    /// Why it does not compile, if it does not.
    pub failure: Option<String>,
}

/// Every version, and every update between consecutive ones.
pub type History = (Vec<Version>, Vec<Step>);

/// One update from a version to the next.
#[derive(Debug)]
pub struct Step {
    /// The older version.
    pub from: String,
    /// The newer version.
    pub to: String,
    /// What the change report says.
    pub bump: Bump,
    /// How many changes of each impact: breaking, additive, cosmetic.
    pub counts: (usize, usize, usize),
    /// `Some(true)` when `cargo-semver-checks` found the update breaking.
    pub semver_checks_breaking: Option<bool>,
    /// The first lint `cargo-semver-checks` reported, if any.
    pub semver_checks_first: Option<String>,
    /// What the document itself removes or tightens (see [`document::removals`]).
    pub document_removals: Vec<String>,
}

fn version_key(version: &str) -> Vec<u64> {
    version
        .split('.')
        .map(|part| part.parse().unwrap_or(0))
        .collect()
}

/// The history's documents, oldest first, with their versions.
pub fn documents(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut found: Vec<(String, PathBuf)> = crate::corpus::documents(dir)
        .into_iter()
        .filter_map(|path| {
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            let version = stem.strip_prefix("vault-")?.to_owned();
            Some((version, path))
        })
        .collect();
    found.sort_by_key(|(version, _)| version_key(version));
    found
}

/// Generates and compiles every version; with `semver_checks`, also runs
/// `cargo-semver-checks` on each consecutive pair. `None` when `dir` is absent.
pub fn run(root: &Path, dir: &Path, semver_checks: bool) -> Result<Option<History>, String> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let out = root.join("target/history");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let krate = CrateInfo::new("apideck-vault", "0.1.0");
    // Beside the version crates, where their `../sdkgen-runtime` points.
    crate::write_runtime(&out.join(sdkgen::emit::RUNTIME_CRATE), false)
        .map_err(|e| e.to_string())?;
    let mut versions = Vec::new();
    let mut apis = Vec::new();
    let mut specs = Vec::new();
    for (version, spec) in documents(dir) {
        specs.push(spec.clone());
        let generated =
            sdkgen::generate(&spec, &krate).map_err(|e| format!("{}: {e}", spec.display()))?;
        let crate_dir = out.join(&version);
        sdkgen::write::write(&crate_dir, &generated.files).map_err(|e| e.to_string())?;
        standalone(root, &crate_dir)?;
        let failure = check(root, &crate_dir)?;
        println!(
            "{version}: {}",
            failure
                .as_deref()
                .map_or("compiles".to_owned(), |f| format!("FAILS: {f}"))
        );
        versions.push(Version {
            version,
            dir: crate_dir,
            failure,
        });
        apis.push(generated.api);
    }
    let mut steps = Vec::new();
    for (index, pair) in versions.windows(2).enumerate() {
        let report = changes::compare(&apis[index], &apis[index + 1]);
        let count = |impact| report.changes.iter().filter(|c| c.impact == impact).count();
        let (semver_checks_breaking, semver_checks_first) = if semver_checks {
            let (breaking, first) = semver_check(&pair[0].dir, &pair[1].dir)?;
            (Some(breaking), first)
        } else {
            (None, None)
        };
        let document_removals = document::removals(&specs[index], &specs[index + 1])?;
        steps.push(Step {
            document_removals,
            from: pair[0].version.clone(),
            to: pair[1].version.clone(),
            bump: report.bump(),
            counts: (
                count(changes::Impact::Breaking),
                count(changes::Impact::Additive),
                count(changes::Impact::Cosmetic),
            ),
            semver_checks_breaking,
            semver_checks_first,
        });
    }
    Ok(Some((versions, steps)))
}

/// Makes the crate its own workspace, locked to the repository's dependency versions.
fn standalone(root: &Path, crate_dir: &Path) -> Result<(), String> {
    let manifest = crate_dir.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
    if !text.contains("\n[workspace]") {
        text.push_str("\n[workspace]\n");
        std::fs::write(&manifest, text).map_err(|e| e.to_string())?;
    }
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock"))
        .map_err(|e| e.to_string())?;
    Ok(())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// `cargo check` of one version's crate; `Some(first error)` when it fails.
fn check(root: &Path, crate_dir: &Path) -> Result<Option<String>, String> {
    let output = crate::cargo_once()
        .args([
            "check",
            "--quiet",
            "--message-format",
            "short",
            "--manifest-path",
        ])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target/history-target"))
        .output()
        .map_err(|e| format!("cannot run cargo check: {e}"))?;
    if output.status.success() {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&output.stderr);
    Ok(Some(
        text.lines()
            .find(|l| l.contains("error"))
            .unwrap_or("cargo check failed")
            .to_owned(),
    ))
}

/// Runs `cargo semver-checks` with `old` as the baseline of `new`:
/// (whether it found a major change, its first failing lint).
fn semver_check(old: &Path, new: &Path) -> Result<(bool, Option<String>), String> {
    let output = Command::new(cargo())
        .args(["semver-checks", "check-release", "--release-type", "minor", "--manifest-path"])
        .arg(new.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(old)
        .output()
        .map_err(|e| format!("cannot run cargo semver-checks (install it with `cargo install cargo-semver-checks --version {SEMVER_CHECKS_VERSION} --locked`): {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if text.contains("error: no such command") {
        return Err(format!(
            "cargo-semver-checks is not installed: `cargo install cargo-semver-checks --version {SEMVER_CHECKS_VERSION} --locked`"
        ));
    }
    let first = text
        .lines()
        .find(|l| l.trim_start().starts_with("--- failure"))
        .map(|l| {
            l.trim()
                .trim_start_matches("--- failure ")
                .trim_end_matches(" ---")
                .to_owned()
        });
    if !output.status.success() && first.is_none() {
        return Err(format!("cargo semver-checks failed:\n{text}"));
    }
    Ok((!output.status.success(), first))
}

/// The per-update table and the totals.
pub fn table(steps: &[Step]) -> String {
    let mut text = String::from(
        "| update | document removes or tightens | report | breaking / additive / docs | cargo-semver-checks | agrees |\n|---|---|---|---|---|---|\n",
    );
    for step in steps {
        let checks = match (step.semver_checks_breaking, &step.semver_checks_first) {
            (None, _) => "not run".to_owned(),
            (Some(false), _) => "minor".to_owned(),
            (Some(true), Some(lint)) => format!("major ({lint})"),
            (Some(true), None) => "major".to_owned(),
        };
        let agrees = match step.semver_checks_breaking {
            None => "",
            Some(breaking) if breaking == (step.bump == Bump::Major) => "yes",
            Some(true) => "NO: missed",
            Some(false) => "no: stricter",
        };
        let removals = match step.document_removals.first() {
            None => "no".to_owned(),
            Some(first) => format!(
                "{} ({first}{})",
                step.document_removals.len(),
                if step.document_removals.len() > 1 {
                    ", …"
                } else {
                    ""
                }
            ),
        };
        let _ = writeln!(
            text,
            "| {} → {} | {removals} | {} | {} / {} / {} | {checks} | {agrees} |",
            step.from, step.to, step.bump, step.counts.0, step.counts.1, step.counts.2
        );
    }
    let major = steps.iter().filter(|s| s.bump == Bump::Major).count();
    let document = steps
        .iter()
        .filter(|s| !s.document_removals.is_empty())
        .count();
    let beyond = steps
        .iter()
        .filter(|s| s.bump == Bump::Major && s.document_removals.is_empty())
        .count();
    let _ = writeln!(
        text,
        "\n{major} of {} updates need a major release by the report; {document} remove or tighten something in the document; {beyond} are major although the document only adds or loosens",
        steps.len()
    );
    if steps.iter().any(|s| s.semver_checks_breaking.is_some()) {
        let checks_major = steps
            .iter()
            .filter(|s| s.semver_checks_breaking == Some(true))
            .count();
        let missed = steps
            .iter()
            .filter(|s| s.semver_checks_breaking == Some(true) && s.bump != Bump::Major)
            .count();
        let _ = writeln!(
            text,
            "{checks_major} by cargo-semver-checks; {missed} update(s) the report calls non-breaking are breaking for cargo-semver-checks"
        );
    }
    text
}
