//! Stage 4b: put the files on disk, or compare them with what is there.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::Error;
use crate::emit::{OLD_STAMP, STAMP};

/// How a file on disk differs from the generated one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// Missing on disk.
    Missing(PathBuf),
    /// Present with other contents.
    Changed(PathBuf),
    /// On disk but not generated; `true` when it carries the stamp (an old
    /// output the generator may remove), `false` for a file someone added.
    Extra(PathBuf, bool),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(path) => write!(f, "missing: {}", path.display()),
            Stale::Changed(path) => write!(f, "differs: {}", path.display()),
            Stale::Extra(path, true) => write!(f, "not generated any more: {}", path.display()),
            Stale::Extra(path, false) => {
                write!(f, "not generated (added by hand?): {}", path.display())
            }
        }
    }
}

/// Lists every difference between `files` and the directory `out`.
pub fn check(out: &Path, files: &[(String, String)]) -> Vec<Stale> {
    let mut stale = Vec::new();
    for (relative, contents) in files {
        let path = out.join(relative);
        match fs::read_to_string(&path) {
            Ok(existing) if existing == *contents => {}
            Ok(_) => stale.push(Stale::Changed(path)),
            Err(_) => stale.push(Stale::Missing(path)),
        }
    }
    let expected: BTreeSet<PathBuf> = files
        .iter()
        .map(|(relative, _)| out.join(relative))
        .collect();
    for path in existing_files(out) {
        if !expected.contains(&path) {
            let generated = is_generated(&path);
            stale.push(Stale::Extra(path, generated));
        }
    }
    stale
}

/// Writes `files` under `out`, removes files the generator no longer produces,
/// and leaves unchanged files untouched (so their timestamps do not trigger rebuilds).
pub fn write(out: &Path, files: &[(String, String)]) -> Result<Vec<Stale>, Error> {
    let changes = check(out, files);
    for change in &changes {
        match change {
            Stale::Missing(path) | Stale::Changed(path) => {
                let relative = path
                    .strip_prefix(out)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .into_owned();
                let contents = files
                    .iter()
                    .find(|(r, _)| *r == relative)
                    .map(|(_, c)| c.as_str())
                    .unwrap_or_default();
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).map_err(|e| {
                        Error::file(parent, format!("cannot create directory: {e}"))
                    })?;
                }
                fs::write(path, contents)
                    .map_err(|e| Error::file(path, format!("cannot write: {e}")))?;
            }
            // Only files the generator once wrote are its to remove.
            Stale::Extra(path, true) => fs::remove_file(path)
                .map_err(|e| Error::file(path, format!("cannot remove: {e}")))?,
            Stale::Extra(_, false) => {}
        }
    }
    Ok(changes)
}

fn is_generated(path: &Path) -> bool {
    fs::read_to_string(path).is_ok_and(|text| {
        text.lines()
            .next()
            .is_some_and(|line| line.contains(STAMP) || line.contains(OLD_STAMP))
    })
}

fn existing_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
