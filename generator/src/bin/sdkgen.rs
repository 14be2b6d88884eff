//! `sdkgen`: generate a Rust SDK crate from an OpenAPI document, check that a
//! generated crate is fresh, or report what a new version of a document
//! changes for the crate's users.
//!
//! Exit status: 0 when done (fresh, unchanged); 1 when `check` finds a
//! stale file, `diff` finds a change, or `--deny-warnings` meets a warning;
//! 2 when a document, the configuration or the output cannot be used.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use sdkgen::{Error, Generator, Output};

/// Generation allocates and frees millions of small token trees and syntax
/// nodes on several threads; mimalloc makes it about 20 % faster than the
/// system allocator (BENCHMARKS.md, "Generation speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates Rust SDK crates from OpenAPI 3.0, 3.1 and 3.2 documents.
///
/// Settings come from the flags, then `sdkgen.toml` beside the document (or
/// the file `--config` names), then defaults.
#[derive(Debug, Parser)]
#[command(name = "sdkgen", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the crate (and the runtime crate beside it, when it depends on
    /// it by path).
    ///
    /// Exit status: 0 when written; 1 when --deny-warnings meets a warning
    /// (the crate is written all the same); 2 when the document or the
    /// configuration cannot be used.
    Generate(Target),
    /// Compare the crate on disk with what `generate` would write, writing
    /// nothing: for downstream CI.
    ///
    /// Exit status: 0 when every file is fresh; 1 when a file differs, is
    /// missing or is no longer generated (each is named); 2 when the
    /// document or the configuration cannot be used.
    Check(Target),
    /// Print what changes for users of the generated crate between two
    /// versions of a document: every operation, type, field, variant and
    /// error added, removed or changed, each marked breaking or not, and the
    /// semver step it implies.
    ///
    /// Exit status: 0 when nothing changes; 1 when something does; 2 when a
    /// document cannot be read.
    Diff {
        /// The older document.
        old: PathBuf,
        /// The newer document.
        new: PathBuf,
    },
}

/// Which document, and where its crate goes.
#[derive(Debug, Args)]
struct Target {
    /// The OpenAPI document (YAML or JSON; others it refers to are read too).
    #[arg(long)]
    spec: PathBuf,
    /// The crate's directory.
    #[arg(long)]
    out: PathBuf,
    /// The Cargo package name (default: from `sdkgen.toml`, else the
    /// document's title in kebab case).
    #[arg(long)]
    crate_name: Option<String>,
    /// The crate's version (default: from `sdkgen.toml`, else 0.1.0).
    #[arg(long = "crate-version")]
    crate_version: Option<String>,
    /// The configuration file (default: `sdkgen.toml` beside the document,
    /// when there is one).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Models only: no client, no runtime crate, no HTTP stack.
    #[arg(long)]
    types_only: bool,
    /// Depend on the published runtime crate of this version instead of a
    /// runtime crate written beside the crate.
    #[arg(long, conflicts_with = "runtime_path")]
    runtime_version: Option<String>,
    /// Depend on the runtime crate at this path, relative to the crate
    /// (default: `../sdkgen-runtime`, written there).
    #[arg(long)]
    runtime_path: Option<String>,
    /// Exit with 1 when the generator approximated anything.
    #[arg(long)]
    deny_warnings: bool,
}

impl Target {
    fn generator(&self) -> Generator {
        let mut generator = Generator::new(&self.spec);
        if let Some(path) = &self.config {
            generator = generator.config_file(path);
        }
        if let Some(name) = &self.crate_name {
            generator = generator.crate_name(name);
        }
        if let Some(version) = &self.crate_version {
            generator = generator.version(version);
        }
        if self.types_only {
            generator = generator.types_only(true);
        }
        if let Some(version) = &self.runtime_version {
            generator = generator.runtime_version(version);
        }
        if let Some(path) = &self.runtime_path {
            generator = generator.runtime_path(path);
        }
        generator
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate(target) => run(&target, false),
        Command::Check(target) => run(&target, true),
        Command::Diff { old, new } => match sdkgen::changes::between(&old, &new) {
            Ok(report) => {
                print!("{report}");
                if report.changes.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(error) => bad_input(error),
        },
    }
}

fn run(target: &Target, check: bool) -> ExitCode {
    let generator = target.generator();
    let outcome = if check {
        generator.check_crate(&target.out)
    } else {
        generator.write_crate(&target.out)
    };
    let output = match outcome {
        Ok(output) => output,
        Err(error) => return bad_input(error),
    };
    for warning in output.warnings() {
        eprintln!("{}: {warning}", target.spec.display());
    }
    for stale in &output.stale {
        if check {
            println!("stale: {stale}");
        }
    }
    summary(target, &output, check);
    let stale = check && !output.stale.is_empty();
    let warned = target.deny_warnings && !output.warnings().is_empty();
    if stale || warned {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One line: what was done, to how many files, with how many warnings, in
/// how long.
fn summary(target: &Target, output: &Output, check: bool) {
    let api = &output.generated.api;
    let operations: usize = api.resources.iter().map(|r| r.operations.len()).sum();
    let what = match (check, output.stale.len()) {
        (true, 0) => "fresh".to_owned(),
        (true, n) => format!("{n} stale file(s)"),
        (false, 0) => "unchanged".to_owned(),
        (false, n) => format!("{n} file(s) written"),
    };
    let kind = if api.package.types_only {
        "types-only crate"
    } else {
        "crate"
    };
    eprintln!(
        "{kind} {} {} at {}: {what}; {operations} operation(s), {} type(s), {} warning(s), {:.2} s",
        api.crate_name,
        api.crate_version,
        target.out.display(),
        api.types.len(),
        output.warnings().len(),
        output.elapsed.as_secs_f64()
    );
}

fn bad_input(error: Error) -> ExitCode {
    eprintln!("{:?}", miette::Report::new(error));
    ExitCode::from(2)
}
