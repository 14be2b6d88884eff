//! `cargo xtask bench-generate`: wall time of generating a crate, this
//! checkout's generator against an older commit's and against progenitor's.
//!
//! Every side is a release binary run as a whole process (start-up, reading,
//! writing included), the sides alternating run by run; what counts is the
//! median of the per-run ratios, since the machine is shared and noisy. The
//! output directory is emptied before every run (outside the timing): our
//! generator skips files whose text is unchanged, progenitor rewrites all, so
//! each side writes a whole crate every time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::{patch, peer};

/// One generator under test.
struct Side {
    label: String,
    tool: Tool,
}

/// A generator binary, by how it is called.
enum Tool {
    /// A build of our `xtask`.
    Xtask(PathBuf),
    /// cargo-progenitor.
    Progenitor(PathBuf),
}

impl Side {
    /// The command that generates a crate from `doc` into `out`.
    fn command(&self, doc: &Path, out: &Path) -> Command {
        match &self.tool {
            Tool::Xtask(binary) => {
                let mut command = Command::new(binary);
                command
                    .arg("generate")
                    .arg("--spec")
                    .arg(doc)
                    .arg("--out")
                    .arg(out)
                    .args(["--crate-name", "bench-generated"]);
                command
            }
            Tool::Progenitor(binary) => {
                let mut command = Command::new(binary);
                command
                    .arg("progenitor")
                    .arg("--input")
                    .arg(doc)
                    .arg("--output")
                    .arg(out)
                    .args(["--name", "bench-generated", "--version", "0.1.0"]);
                command
            }
        }
    }
}

/// Times generation of every document in `docs`, `runs` times per side; a
/// Markdown report. `baseline` is a git revision whose generator is built
/// (once, into `target/bench-generate/`) and compared with this checkout's.
pub fn run(
    root: &Path,
    docs: &[PathBuf],
    runs: usize,
    baseline: Option<&str>,
    vs_progenitor: bool,
) -> Result<String, String> {
    let dir = root.join("target/bench-generate");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut sides = vec![Side {
        label: "now".to_owned(),
        tool: Tool::Xtask(build_now(root)?),
    }];
    if let Some(rev) = baseline {
        sides.push(Side {
            label: rev.to_owned(),
            tool: Tool::Xtask(build_baseline(root, &dir, rev)?),
        });
    }
    if vs_progenitor {
        sides.push(Side {
            label: format!("progenitor {}", peer::PROGENITOR_VERSION),
            tool: Tool::Progenitor(peer::install_progenitor(root)?),
        });
    }

    let header: Vec<String> = std::iter::once("document".to_owned())
        .chain(sides.iter().map(|s| s.label.clone()))
        .chain(sides[1..].iter().map(|s| format!("now / {}", s.label)))
        .collect();
    let mut report = format!(
        "Generation wall time, {runs} runs per side (order alternating), load average before: {}.\n\n\
         | {} |\n| --- |{}\n",
        peer::load_average(),
        header.join(" | "),
        " ---: |".repeat(header.len() - 1),
    );
    for doc in docs {
        // Progenitor refuses some constructs; every side gets the same patched copy.
        let input = if vs_progenitor {
            let text =
                std::fs::read_to_string(doc).map_err(|e| format!("{}: {e}", doc.display()))?;
            let mut value: serde_json::Value =
                serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", doc.display()))?;
            patch::for_progenitor(&mut value);
            let patched = dir.join("document.json");
            std::fs::write(&patched, value.to_string())
                .map_err(|e| format!("{}: {e}", patched.display()))?;
            patched
        } else {
            doc.clone()
        };
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); sides.len()];
        let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); sides.len()];
        // One unmeasured run each: the file cache and the output directory
        // warm. A peer that refuses the document is left out of it, said so;
        // this checkout's generator must not fail.
        let mut live = Vec::new();
        for (at, side) in sides.iter().enumerate() {
            match time(side, &input, &dir.join(format!("out-{at}"))) {
                Ok(_) => live.push(at),
                Err(message) if at > 0 => eprintln!("{message}"),
                Err(message) => return Err(message),
            }
        }
        for run in 0..runs {
            let mut pair = vec![Duration::ZERO; sides.len()];
            let mut order = live.clone();
            if run % 2 == 1 {
                order.reverse();
            }
            for at in order {
                pair[at] = time(&sides[at], &input, &dir.join(format!("out-{at}")))?;
            }
            for &at in &live {
                times[at].push(pair[at]);
                ratios[at].push(pair[0].as_secs_f64() / pair[at].as_secs_f64());
            }
        }
        let name = doc.file_name().map_or_else(
            || doc.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let medians: Vec<String> = times
            .iter_mut()
            .map(|t| match t.is_empty() {
                true => "fails".to_owned(),
                false => format!("{:.0} ms", peer::median(t).as_secs_f64() * 1e3),
            })
            .collect();
        let ratio_cells: Vec<String> = ratios[1..]
            .iter_mut()
            .map(|r| match r.is_empty() {
                true => "–".to_owned(),
                false => format!("**{:.2}**", peer::median_f64(r)),
            })
            .collect();
        let name = format!("{name}{}", if vs_progenitor { " (patched)" } else { "" });
        let row: Vec<String> = std::iter::once(name)
            .chain(medians)
            .chain(ratio_cells)
            .collect();
        let row = format!("| {} |\n", row.join(" | "));
        eprint!("{row}");
        report.push_str(&row);
    }
    std::fs::write(dir.join("report.md"), &report).map_err(|e| e.to_string())?;
    Ok(report)
}

/// One run of `side`, into an emptied `out`.
fn time(side: &Side, doc: &Path, out: &Path) -> Result<Duration, String> {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let mut command = side.command(doc, out);
    let start = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("{}: {e}", side.label))?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "{} failed on {}: {}",
            side.label,
            doc.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(elapsed)
}

/// This checkout's generator, built in release.
fn build_now(root: &Path) -> Result<PathBuf, String> {
    cargo_build(root, &root.join("target"))?;
    Ok(root.join("target/release/xtask"))
}

/// The generator at `rev`, checked out in a worktree and built in release.
/// The worktree is named by the commit `rev` resolves to, so a branch name
/// that has moved gets a fresh checkout rather than a stale one.
fn build_baseline(root: &Path, dir: &Path, rev: &str) -> Result<PathBuf, String> {
    let resolved = Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "--verify", "--quiet"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !resolved.status.success() {
        return Err(format!("{rev} is not a commit in {}", root.display()));
    }
    let commit = String::from_utf8_lossy(&resolved.stdout).trim().to_owned();
    let tree = dir.join(format!("base-{commit}"));
    if !tree.exists() {
        let status = Command::new("git")
            .current_dir(root)
            .args(["worktree", "add", "--detach"])
            .arg(&tree)
            .arg(&commit)
            .status()
            .map_err(|e| format!("git: {e}"))?;
        if !status.success() {
            return Err(format!("git worktree add {} {rev} failed", tree.display()));
        }
    }
    let target = tree.join("target");
    cargo_build(&tree, &target)?;
    Ok(target.join("release/xtask"))
}

fn cargo_build(dir: &Path, target: &Path) -> Result<(), String> {
    eprintln!("building the generator in {}", dir.display());
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .current_dir(dir)
        .args([
            "build",
            "--quiet",
            "--release",
            "-p",
            "xtask",
            "--target-dir",
        ])
        .arg(target)
        .status()
        .map_err(|e| format!("cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("building xtask in {} failed", dir.display()))
    }
}
