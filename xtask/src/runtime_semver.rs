//! `cargo xtask runtime-semver`: the runtime crate's public API against its
//! last release, with cargo-semver-checks. The release is recorded in
//! `templates/runtime-crate/RELEASED` as `VERSION COMMIT`; its crate is taken
//! from git at that commit.

use std::path::Path;
use std::process::Command;

use crate::history::SEMVER_CHECKS_VERSION;

/// Whether the API change since the release fits the version: `Ok(true)`
/// also when the check cannot run here (no git history), with a notice.
pub fn run(root: &Path) -> Result<bool, String> {
    let released = std::fs::read_to_string(root.join("templates/runtime-crate/RELEASED"))
        .map_err(|e| format!("templates/runtime-crate/RELEASED: {e}"))?;
    let mut words = released.split_whitespace();
    let (Some(version), Some(commit)) = (words.next(), words.next()) else {
        return Err("templates/runtime-crate/RELEASED must read `VERSION COMMIT`".to_owned());
    };
    let baseline =
        std::env::temp_dir().join(format!("sdkgen-runtime-{version}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&baseline);
    std::fs::create_dir_all(&baseline).map_err(|e| e.to_string())?;
    let archive = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "archive",
            "--format=tar",
            commit,
            "generated/sdkgen-runtime",
        ])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !archive.status.success() {
        println!(
            "SKIPPED runtime-semver: commit {commit} (runtime {version}) is not in this clone's history"
        );
        return Ok(true);
    }
    let mut untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(&baseline)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    {
        use std::io::Write as _;
        let mut stdin = untar.stdin.take().ok_or("tar has no stdin")?;
        stdin
            .write_all(&archive.stdout)
            .map_err(|e| e.to_string())?;
    }
    untar.wait().map_err(|e| e.to_string())?;
    ensure_installed()?;
    let status = Command::new(cargo())
        .args(["semver-checks", "check-release", "--manifest-path"])
        .arg(root.join("generated/sdkgen-runtime/Cargo.toml"))
        .arg("--baseline-root")
        .arg(baseline.join("generated/sdkgen-runtime"))
        // Every feature but native-tls, whose OpenSSL a machine may lack.
        .args(["--only-explicit-features", "--features", "rustls,mock"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo semver-checks: {e}"))?;
    let _ = std::fs::remove_dir_all(&baseline);
    println!(
        "runtime-semver: the runtime's API against {version} ({commit}): {}",
        if status.success() {
            "fits the version"
        } else {
            "a breaking change without a version bump"
        }
    );
    Ok(status.success())
}

/// Installs the pinned cargo-semver-checks unless it is there.
fn ensure_installed() -> Result<(), String> {
    let installed = Command::new(cargo())
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| {
            o.status.success() && String::from_utf8_lossy(&o.stdout).contains(SEMVER_CHECKS_VERSION)
        });
    if installed {
        return Ok(());
    }
    println!("installing cargo-semver-checks {SEMVER_CHECKS_VERSION}");
    let status = Command::new(cargo())
        .args([
            "install",
            "cargo-semver-checks",
            "--locked",
            "--version",
            SEMVER_CHECKS_VERSION,
        ])
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "cargo install cargo-semver-checks failed".to_owned())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}
