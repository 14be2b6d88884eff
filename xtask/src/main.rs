//! Maintainer commands.
//!
//! Every command has `--help`. In short:
//! - `cargo xtask generate [--check] [--deny-warnings] [--spec PATH --out DIR --crate-name NAME]`:
//!   exit status 0 when done (or fresh, with `--check`), 1 when `--check` finds a
//!   stale file or `--deny-warnings` meets a warning, 2 when a document is invalid.
//! - `cargo xtask corpus [--set apideck|public|next|all]`: every published Apideck document and public one → a crate checked
//!   with clippy `-D warnings`; prints a table per document.
//! - `cargo xtask names SPEC... [--list]`: how the documents' operations are
//!   named (echo share, largest resource), without compiling.
//! - `cargo xtask bench-compile`: build time of the generated crate alone
//!   (median of 3, debug and release) and its size in lines; with
//!   `--vs-progenitor`, side by side with progenitor's crate.
//! - `cargo xtask bench-features`: one resource feature against all (`cargo check`).
//! - `cargo xtask bench-generate [--baseline REV] [--vs-progenitor]`: generation
//!   wall time against an older commit's generator and progenitor's.
//! - `cargo xtask test`: every test of the workspace (unit, integration, doc), with
//!   Prism mock servers running for the contract tests, then the corpus, the
//!   Vault history, conformance and the projects outside the workspace.
//! - `cargo xtask runtime-semver`: the runtime's public API against its last
//!   release, with cargo-semver-checks.
//! - `cargo xtask outside`: the generator used from outside this repository
//!   (installed CLI, an app on the mock, check, types-only, build.rs, diff).
//! - `cargo xtask diff OLD NEW`: the change report between two documents.
//! - `cargo xtask history [--semver-checks]`: every published Vault version → a
//!   compiling crate; the report per update (against cargo-semver-checks).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use sdkgen::CrateInfo;
use xtask::{default_targets, generate, prism, workspace_root, Target};

/// Generation allocates and frees millions of small token trees and syntax
/// nodes, on several threads; mimalloc makes `generate` about 20 % faster
/// than the system allocator (BENCHMARKS.md, "Generation speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Maintainer commands for the OpenAPI → Rust SDK generator.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate every committed crate, or one crate from any document.
    ///
    /// Exit status: 0 when done (or fresh, with --check); 1 when --check finds a
    /// stale file or --deny-warnings meets a warning; 2 when a document is invalid.
    Generate(GenerateArgs),
    /// Run every test: the workspace's with Prism mock servers up, then the
    /// corpus, the Vault history, conformance, and the projects outside the
    /// workspace (`outside`).
    Test,
    /// Use the generator from outside this repository: install the `sdkgen`
    /// command, generate an SDK from a public document and test an app on
    /// its mock, `sdkgen check` and `diff`, a types-only crate, a build.rs
    /// crate (tests/outside/README.md).
    Outside,
    /// Check the runtime crate's public API against its last release
    /// (templates/runtime-crate/RELEASED) with cargo-semver-checks,
    /// installing it when missing.
    RuntimeSemver,
    /// Print what changes for users of the generated crate between two documents:
    /// every operation, type, field, variant and error added, removed or changed,
    /// each marked breaking or not, and the semver step it implies.
    Diff {
        /// The older document.
        old: PathBuf,
        /// The newer document.
        new: PathBuf,
    },
    /// Generate and clippy-check a crate for every published Apideck document and
    /// every public document of other APIs.
    Corpus {
        /// Which documents: Apideck's, the public ones of other APIs, the ones that
        /// once failed (`next`), or all.
        #[arg(long, value_enum, default_value = "all")]
        set: CorpusSet,
    },
    /// Call every operation of a document once through its generated SDK,
    /// against Prism with request validation on, and print a row per operation
    /// (`operation | request | response | note`) and `N/M operations conform`.
    ///
    /// Exit status: 0 when every operation conforms, 1 otherwise, 2 when the
    /// run itself fails (an invalid document, a build or Prism failure).
    Conformance {
        /// The document.
        #[arg(long)]
        spec: PathBuf,
        /// Where the crate and the program are written (default:
        /// `target/conformance/`).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print how documents' operations are named, without compiling anything:
    /// the share of methods that repeat their resource's name, the largest
    /// resource's share of operations, and with --list every resource's methods.
    Names {
        /// The documents.
        #[arg(required = true)]
        specs: Vec<PathBuf>,
        /// Also list every resource with its methods, marking those that repeat
        /// the resource's name.
        #[arg(long)]
        list: bool,
    },
    /// Generate every published version of the Vault document (`../shared/specs/
    /// apideck-vault-history/`), check that each crate compiles, and print the change
    /// report's verdict for each update.
    History {
        /// Also run cargo-semver-checks (pinned; installed separately) on each
        /// consecutive pair of generated crates and compare verdicts.
        #[arg(long)]
        semver_checks: bool,
    },
    /// Time the generated Vault crate's build (median of 3, debug and release);
    /// with `--vs-progenitor`, side by side with progenitor's crate and an app.
    BenchCompile {
        /// Compare with the pinned progenitor release on the same document.
        #[arg(long)]
        vs_progenitor: bool,
        /// The document compared (default: Apideck's published Vault document
        /// in `../shared/specs/apideck/`).
        #[arg(long, requires = "vs_progenitor")]
        spec: Option<PathBuf>,
        /// Paired runs per measurement.
        #[arg(long, default_value_t = 5, requires = "vs_progenitor")]
        runs: usize,
        /// Our side is this crate (generated as `bench-ours` from
        /// `target/bench-compile/document.json`, say by an older generator)
        /// instead of one generated now.
        #[arg(long, requires = "vs_progenitor")]
        ours_crate: Option<PathBuf>,
        /// Only the crate alone, debug and release (and the sizes): to try a lever.
        #[arg(long, requires = "vs_progenitor")]
        quick: bool,
    },
    /// `cargo check` time of a document's crate with every resource feature
    /// against each resource feature alone.
    BenchFeatures {
        /// The document (default: Apideck's published accounting document).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// Checks per configuration (the median is kept).
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// Wall time of generating a crate (release builds), against an older
    /// commit's generator and against progenitor's.
    BenchGenerate {
        /// Documents to generate from (default: Apideck's published Vault and
        /// accounting documents).
        #[arg(long)]
        spec: Vec<PathBuf>,
        /// Runs per side and document (the median is kept).
        #[arg(long, default_value_t = 11)]
        runs: usize,
        /// A git revision whose generator is built and compared.
        #[arg(long)]
        baseline: Option<String>,
        /// Also time cargo-progenitor (installed like `bench-compile
        /// --vs-progenitor`), every side on a copy patched for it.
        #[arg(long)]
        vs_progenitor: bool,
    },
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// Write nothing; exit 1 naming every file that differs from the generator's output.
    #[arg(long)]
    check: bool,
    /// Fail (exit 1) when the generator falls back on a construct it cannot express.
    #[arg(long)]
    deny_warnings: bool,
    /// The OpenAPI document (YAML or JSON) to generate from, instead of the committed set.
    #[arg(long, value_name = "PATH", requires_all = ["out", "crate_name"])]
    spec: Option<PathBuf>,
    /// Where the crate is written (with --spec).
    #[arg(long, value_name = "DIR", requires_all = ["spec", "crate_name"])]
    out: Option<PathBuf>,
    /// The crate's package name (with --spec).
    #[arg(long, value_name = "NAME", requires_all = ["spec", "out"])]
    crate_name: Option<String>,
    /// The crate's version (with --spec).
    #[arg(
        long,
        value_name = "VERSION",
        default_value = "0.1.0",
        requires = "spec"
    )]
    crate_version: String,
}

impl GenerateArgs {
    fn targets(&self) -> Vec<Target> {
        match (&self.spec, &self.out, &self.crate_name) {
            (Some(spec), Some(out), Some(name)) => vec![Target {
                spec: spec.clone(),
                out: out.clone(),
                krate: CrateInfo::new(name.clone(), self.crate_version.clone()),
                examples: None,
            }],
            // clap insists that the three come together.
            _ => default_targets(&workspace_root()),
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate(args) => generate_all(&args),
        Command::Test => test(),
        Command::RuntimeSemver => match xtask::runtime_semver::run(&workspace_root()) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Outside => match xtask::outside::run(&workspace_root()) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Diff { old, new } => match xtask::changes::between(&old, &new) {
            Ok(report) => {
                print!("{report}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{:?}", miette::Report::new(error));
                ExitCode::from(2)
            }
        },
        Command::Corpus { set } => corpus(set),
        Command::Conformance { spec, out } => conformance(&spec, out),
        Command::Names { specs, list } => names(&specs, list),
        Command::History { semver_checks } => history(semver_checks),
        Command::BenchCompile {
            vs_progenitor: false,
            ..
        } => bench_compile(),
        Command::BenchCompile {
            vs_progenitor: true,
            spec,
            runs,
            ours_crate,
            quick,
        } => bench_vs_progenitor(spec, runs, ours_crate, quick),
        Command::BenchFeatures { spec, runs } => bench_features(spec, runs),
        Command::BenchGenerate {
            spec,
            runs,
            baseline,
            vs_progenitor,
        } => bench_generate(spec, runs, baseline, vs_progenitor),
    }
}

fn generate_all(options: &GenerateArgs) -> ExitCode {
    let targets = options.targets();
    let mut failed = false;
    // Every crate's runtime crate, once each (the committed crates share one).
    let mut runtimes: Vec<PathBuf> = targets.iter().map(xtask::runtime_dir).collect();
    runtimes.sort();
    runtimes.dedup();
    for dir in &runtimes {
        match xtask::write_runtime(dir, options.check) {
            Err(error) => {
                eprintln!("{:?}", miette::Report::new(error));
                return ExitCode::from(2);
            }
            Ok(stale) if options.check => {
                for file in &stale {
                    eprintln!("stale: {file}");
                }
                failed |= !stale.is_empty();
            }
            Ok(stale) if !stale.is_empty() => {
                println!("{}: {} file(s) updated", dir.display(), stale.len());
            }
            Ok(_) => {}
        }
    }
    for target in &targets {
        match generate(target, options.check) {
            Err(error) => {
                // A graphical report: the file, the marked lines, the JSON pointer.
                eprintln!("{:?}", miette::Report::new(error));
                return ExitCode::from(2);
            }
            Ok(outcome) => {
                for warning in &outcome.warnings {
                    eprintln!("{}: {warning}", target.spec.display());
                }
                failed |= options.deny_warnings && !outcome.warnings.is_empty();
                if options.check {
                    for stale in &outcome.stale {
                        eprintln!("stale: {stale}");
                    }
                    failed |= !outcome.stale.is_empty();
                } else if !outcome.stale.is_empty() {
                    println!(
                        "{}: {} file(s) updated",
                        target.out.display(),
                        outcome.stale.len()
                    );
                    // What the regeneration means for users, before it is committed.
                    if let Some(report) =
                        xtask::changes::since_commit(&workspace_root(), &target.spec, &outcome.api)
                    {
                        if !report.changes.is_empty() {
                            print!(
                                "changes since the committed {}: {report}",
                                target.spec.display()
                            );
                        }
                    }
                }
            }
        }
    }
    if options.check && failed {
        eprintln!("the committed crates are stale: run `cargo xtask generate`");
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs every test of the workspace with the same cargo that runs us, with
/// Prism mock servers up for the contract tests: one serving our document and,
/// when the published Apideck document is beside the checkout, one serving it.
fn test() -> ExitCode {
    match run_tests() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_tests() -> Result<bool, String> {
    let root = workspace_root();
    let bin = prism::install(&root)?;
    let logs = root.join("target/prism");
    std::fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let ours = prism::Prism::start(&bin, &root.join("spec/vault.yml"), &logs.join("ours.log"))?;
    println!("prism (spec/vault.yml) on {}", ours.url());
    let published_spec = root.join("../shared/specs/apideck/vault.yml");
    let published = if published_spec.is_file() {
        let prism = prism::Prism::start(&bin, &published_spec, &logs.join("published.log"))?;
        println!("prism (published vault.yml) on {}", prism.url());
        Some(prism)
    } else {
        println!(
            "NOTE: {} is absent; the contract tests against the published document are skipped",
            published_spec.display()
        );
        None
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = std::process::Command::new(cargo);
    command
        .args(["test", "--workspace"])
        .current_dir(&root)
        .env("PRISM_URL", ours.url())
        .env("CONTRACT_TESTS_REQUIRED", "1");
    if let Some(prism) = &published {
        command.env("PRISM_PUBLISHED_URL", prism.url());
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    // Dropping the servers stops them, whatever the outcome.
    drop(published);
    drop(ours);
    if !status.success() {
        return Ok(false);
    }
    // The corpus is a test too: every published document must give a clean crate,
    // and so is every published version of the Vault document.
    let corpus_passed = corpus(CorpusSet::All) == ExitCode::SUCCESS;
    let history_passed = history(false) == ExitCode::SUCCESS;
    let conformance_passed = conformance_passed(&root);
    let outside_passed = xtask::outside::run(&root)?;
    let semver_passed = xtask::runtime_semver::run(&root)?;
    Ok(conformance_passed && history_passed && corpus_passed && outside_passed && semver_passed)
}

/// Every operation of our Vault document, and of a shared document whose
/// answers Prism serves faithfully, called once against Prism; the rest of the
/// shared documents are a maintainer's run (`cargo xtask conformance`).
fn conformance_passed(root: &std::path::Path) -> bool {
    let mut specs = vec![root.join("spec/vault.yml")];
    let ollama = root.join("../shared/specs/public/ollama.yaml");
    if ollama.is_file() {
        specs.push(ollama);
    } else {
        println!(
            "SKIPPED conformance of ollama.yaml: {} is absent",
            ollama.display()
        );
    }
    let passed = specs
        .iter()
        .filter(|spec| {
            let out = root
                .join("target/conformance")
                .join(spec.file_stem().unwrap_or_default());
            println!("== conformance: {}", spec.display());
            conformance(spec, Some(out)) == ExitCode::SUCCESS
        })
        .count();
    passed == specs.len()
}

/// The corpus document checked with each resource feature alone: Apideck's
/// largest (150 operations in 36 resources).
const EACH_FEATURE_DOCUMENT: (&str, &str) = ("apideck", "accounting");

/// Checks [`EACH_FEATURE_DOCUMENT`] with each resource feature alone, when it
/// is among `rows`; whether all passed.
fn each_feature(root: &std::path::Path, prefix: &str, rows: &[xtask::corpus::Row]) -> bool {
    let Some(row) = rows
        .iter()
        .find(|r| (prefix, r.name.as_str()) == EACH_FEATURE_DOCUMENT && r.passed)
    else {
        return true;
    };
    let started = std::time::Instant::now();
    match xtask::corpus::check_each_feature(root, prefix, row) {
        Ok(failed) => {
            for (feature, message) in &failed {
                eprintln!("{prefix}-{} with only `{feature}`: {message}", row.name);
            }
            println!(
                "{prefix}-{}: {} of {} resource features pass clippy alone ({:.0} s)",
                row.name,
                row.features.len() - failed.len(),
                row.features.len(),
                started.elapsed().as_secs_f64()
            );
            failed.is_empty()
        }
        Err(message) => {
            eprintln!("error: {message}");
            false
        }
    }
}

fn names(specs: &[PathBuf], list: bool) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    println!("| document | operations | resources | name echo (%) | largest resource (%) |\n|---|---:|---:|---:|---:|");
    for spec in specs {
        let krate = CrateInfo::new("names".to_owned(), "0.1.0");
        let generated = match sdkgen::generate(spec, &krate) {
            Ok(generated) => generated,
            Err(error) => {
                eprintln!("{:?}", miette::Report::new(error));
                status = ExitCode::from(2);
                continue;
            }
        };
        let api = &generated.api;
        let naming = xtask::corpus::naming(api);
        let operations: usize = api.resources.iter().map(|r| r.operations.len()).sum();
        println!(
            "| {} | {operations} | {} | {:.1} | {:.1} |",
            spec.display(),
            api.resources.len(),
            naming.echo,
            naming.largest
        );
        if list {
            for resource in &api.resources {
                let methods: Vec<String> = resource
                    .operations
                    .iter()
                    .map(|op| {
                        let echo =
                            sdkgen::lower::repeats_resource(&op.method_name, &resource.accessor);
                        format!("{}{}", op.method_name, if echo { " (echo)" } else { "" })
                    })
                    .collect();
                eprintln!("  {}(): {}", resource.accessor, methods.join(", "));
            }
        }
    }
    status
}

fn conformance(spec: &std::path::Path, out: Option<PathBuf>) -> ExitCode {
    let root = workspace_root();
    let out = out.unwrap_or_else(|| root.join("target/conformance"));
    match xtask::conformance::run(&root, spec, &out) {
        Ok(rows) => {
            println!("{}", xtask::conformance::table(&rows));
            if rows.iter().all(|row| row.conforms() || row.left_out()) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The document sets `cargo xtask corpus` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CorpusSet {
    /// Apideck's published documents (`../shared/specs/apideck/`).
    Apideck,
    /// Public documents of other APIs (`../shared/specs/public/`), some split across files.
    Public,
    /// Public documents that once failed (`../shared/specs/next/`), checked
    /// like the public ones since they pass.
    Next,
    /// Both.
    All,
}

fn corpus(set: CorpusSet) -> ExitCode {
    let root = workspace_root();
    let sets = [
        (
            CorpusSet::Apideck,
            "../shared/specs/apideck",
            "apideck",
            false,
        ),
        (CorpusSet::Public, "../shared/specs/public", "public", true),
        (CorpusSet::Next, "../shared/specs/next", "next", false),
    ];
    let mut status = ExitCode::SUCCESS;
    for (which, dir, prefix, multi_file) in sets {
        if set != CorpusSet::All && set != which {
            continue;
        }
        let dir = root.join(dir);
        match xtask::corpus::run(&root, &dir, prefix, multi_file) {
            Ok(None) => println!(
                "SKIPPED corpus ({prefix}): {} is absent in this checkout",
                dir.display()
            ),
            Ok(Some(rows)) => {
                println!("{}", xtask::corpus::table(&rows));
                if !each_feature(&root, prefix, &rows) {
                    status = ExitCode::from(1);
                }
                let failed: Vec<_> = rows.iter().filter(|r| !r.passed).collect();
                for row in &failed {
                    eprintln!("{}: {}", row.name, row.failure.as_deref().unwrap_or(""));
                }
                println!(
                    "{prefix}: {} passed, {} failed",
                    rows.len() - failed.len(),
                    failed.len()
                );
                if !failed.is_empty() {
                    status = ExitCode::from(1);
                }
            }
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        }
    }
    status
}

/// Every published Vault version → a compiling crate; the change report per
/// update, and with `semver_checks` its agreement with cargo-semver-checks.
fn history(semver_checks: bool) -> ExitCode {
    let root = workspace_root();
    let dir = root.join("../shared/specs/apideck-vault-history");
    match xtask::history::run(&root, &dir, semver_checks) {
        Ok(None) => {
            println!(
                "SKIPPED history: {} is absent in this checkout",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Ok(Some((versions, steps))) => {
            println!("{}", xtask::history::table(&steps));
            let failed: Vec<_> = versions.iter().filter(|v| v.failure.is_some()).collect();
            let missed = steps
                .iter()
                .filter(|s| {
                    s.semver_checks_breaking == Some(true) && s.bump != sdkgen::changes::Bump::Major
                })
                .count();
            println!(
                "{} of {} versions compile",
                versions.len() - failed.len(),
                versions.len()
            );
            if failed.is_empty() && missed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Times builds of the generated crate alone and counts its lines.
/// `bench-compile --vs-progenitor`: prints the report (also written to
/// `target/bench-compile/report.md`).
fn bench_vs_progenitor(
    spec: Option<PathBuf>,
    runs: usize,
    ours_crate: Option<PathBuf>,
    quick: bool,
) -> ExitCode {
    let root = workspace_root();
    let spec = spec.unwrap_or_else(|| root.join("../shared/specs/apideck/vault.yml"));
    if !spec.is_file() {
        println!("SKIPPED bench-compile: {} is absent", spec.display());
        return ExitCode::SUCCESS;
    }
    print_report(xtask::bench::peer::run(
        &root,
        &spec,
        runs.max(1),
        ours_crate.as_deref(),
        quick,
    ))
}

/// A benchmark's report on standard output (exit 0), or its error (exit 2).
fn print_report(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `bench-features`: prints the one-resource-against-all report.
fn bench_features(spec: Option<PathBuf>, runs: usize) -> ExitCode {
    let root = workspace_root();
    let spec = spec.unwrap_or_else(|| root.join("../shared/specs/apideck/accounting.yml"));
    if !spec.exists() {
        println!("SKIPPED bench-features: {} is absent", spec.display());
        return ExitCode::SUCCESS;
    }
    match xtask::bench::features::run(&root, &spec, runs.max(1)) {
        Ok(report) => {
            println!("{}", report.markdown());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `bench-generate`: prints the report (also written to
/// `target/bench-generate/report.md`).
fn bench_generate(
    spec: Vec<PathBuf>,
    runs: usize,
    baseline: Option<String>,
    vs_progenitor: bool,
) -> ExitCode {
    let root = workspace_root();
    let docs = if spec.is_empty() {
        let shared = root.join("../shared/specs/apideck");
        let docs: Vec<PathBuf> = ["vault.yml", "accounting.yml"]
            .iter()
            .map(|name| shared.join(name))
            .filter(|path| path.exists())
            .collect();
        if docs.is_empty() {
            println!("SKIPPED bench-generate: {} is absent", shared.display());
            return ExitCode::SUCCESS;
        }
        docs
    } else {
        spec
    };
    print_report(xtask::bench::generation::run(
        &root,
        &docs,
        runs.max(1),
        baseline.as_deref(),
        vs_progenitor,
    ))
}

fn bench_compile() -> ExitCode {
    let root = workspace_root();
    let (all, generated) =
        xtask::bench::lines_of_code(&root.join("generated").join(xtask::bench::PACKAGE));
    println!(
        "{}: {all} lines of Rust ({generated} generated, {} runtime)",
        xtask::bench::PACKAGE,
        all - generated
    );
    for release in [false, true] {
        match xtask::bench::build_time(&root, release, 3) {
            Ok(median) => println!(
                "{} build of {} alone: median of 3 = {:.2} s",
                if release { "release" } else { "debug" },
                xtask::bench::PACKAGE,
                median.as_secs_f64()
            ),
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
