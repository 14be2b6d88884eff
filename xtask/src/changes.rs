//! Change reports: what a new version of a document means for users of the
//! generated crate, from the two IRs (see `sdkgen::changes`).

use std::path::Path;
use std::process::Command;

use sdkgen::changes::{self, Report};
use sdkgen::ir::Api;
use sdkgen::{CrateInfo, Error};

fn lower(spec: &Path) -> Result<Api, Error> {
    let krate = CrateInfo::new("change-report", "0.0.0");
    Ok(sdkgen::generate(spec, &krate)?.api)
}

/// The report between two documents (the `sdkgen diff` one).
pub fn between(old: &Path, new: &Path) -> Result<Report, Error> {
    changes::between(old, new)
}

/// The report between the document `spec` as committed (`git show HEAD:…`) and
/// `api`, generated from its working copy; `None` when git has no committed
/// version of it (a new file, or no git) or that version does not load.
pub fn since_commit(root: &Path, spec: &Path, api: &Api) -> Option<Report> {
    let relative = spec.strip_prefix(root).ok()?;
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .arg("show")
        .arg(format!("HEAD:{}", relative.to_string_lossy()))
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let extension = spec.extension().and_then(|e| e.to_str()).unwrap_or("yml");
    let committed = std::env::temp_dir().join(format!(
        "xtask-committed-{}.{extension}",
        std::process::id()
    ));
    std::fs::write(&committed, &output.stdout).ok()?;
    let old = lower(&committed);
    let _ = std::fs::remove_file(&committed);
    Some(changes::compare(&old.ok()?, api))
}
