//! The generator used from outside this repository, as a team with its own
//! API would: the `sdkgen` command installed from the checkout, an SDK from
//! a public document built into an app whose tests use the `mock` feature,
//! `sdkgen check` after a hand edit, a types-only crate without an HTTP
//! stack, an SDK on native-tls and one without TLS, a crate whose build
//! script generates its SDK, and `sdkgen diff`.
//! Each step runs in a temporary directory outside the workspace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

/// The public document the app's SDK is generated from.
const DOCUMENT: &str = "../shared/specs/public/ollama.yaml";

/// Runs every step; whether all passed. Skips (with a notice) when the
/// shared documents are absent.
pub fn run(root: &Path) -> Result<bool, String> {
    let document = root.join(DOCUMENT);
    if !document.is_file() {
        println!("SKIPPED outside: {} is absent", document.display());
        return Ok(true);
    }
    let dir = std::env::temp_dir().join(format!("sdkgen-outside-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let outside = Outside {
        root: root.to_owned(),
        dir: dir.clone(),
        // One build cache for every project here, inside the workspace's
        // target directory (it is only a cache).
        target: root.join("target/outside"),
        sdkgen: dir.join("install/bin/sdkgen"),
    };
    let steps: [(&str, Step); 8] = [
        ("install the CLI from the checkout", Outside::install),
        ("generate an SDK; an app's tests on its mock", Outside::app),
        (
            "sdkgen check: stale after a hand edit, fresh after generate",
            Outside::check,
        ),
        (
            "a types-only crate without reqwest, hyper or tokio",
            Outside::types_only,
        ),
        (
            "an SDK on the platform's TLS (sdkgen.toml), without rustls",
            Outside::native_tls,
        ),
        (
            "an SDK without a TLS feature refuses https when the client is built",
            Outside::no_tls,
        ),
        (
            "a crate whose build.rs generates its SDK",
            Outside::build_script,
        ),
        ("sdkgen diff prints the change report", Outside::diff),
    ];
    let mut passed = true;
    for (name, step) in steps {
        let started = Instant::now();
        let outcome = step(&outside, &document);
        let seconds = started.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => println!("outside: ok   {name} ({seconds:.0} s)"),
            Err(message) => {
                println!("outside: FAIL {name} ({seconds:.0} s): {message}");
                passed = false;
                // Later steps need the CLI.
                if name.starts_with("install") {
                    break;
                }
            }
        }
    }
    if passed {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        println!("outside: the projects are left in {}", dir.display());
    }
    Ok(passed)
}

/// One step, given the document.
type Step = fn(&Outside, &Path) -> Result<(), String>;

struct Outside {
    root: PathBuf,
    dir: PathBuf,
    target: PathBuf,
    sdkgen: PathBuf,
}

impl Outside {
    fn install(&self, _: &Path) -> Result<(), String> {
        let output = cargo()
            .args(["install", "--path"])
            .arg(self.root.join("generator"))
            .arg("--root")
            .arg(self.dir.join("install"))
            .args(["--debug", "--locked", "--target-dir"])
            .arg(self.root.join("target/outside-install"))
            .output();
        expect_success(output, "cargo install")?;
        self.sdkgen
            .is_file()
            .then_some(())
            .ok_or_else(|| format!("no {} after cargo install", self.sdkgen.display()))
    }

    fn sdkgen(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.sdkgen);
        command.args(args).current_dir(&self.dir);
        command
    }

    fn generate_app_sdk(&self, document: &Path) -> Result<(), String> {
        let output = self
            .sdkgen(&["generate", "--out", "ollama-api", "--spec"])
            .arg(document)
            .output();
        let output = expect_success(output, "sdkgen generate")?;
        let summary = String::from_utf8_lossy(&output.stderr);
        if !summary.contains("crate ollama-api 0.1.0") {
            return Err(format!("no summary line on stderr:\n{summary}"));
        }
        Ok(())
    }

    fn app(&self, document: &Path) -> Result<(), String> {
        self.generate_app_sdk(document)?;
        let app = self.copy("tests/outside/app", "app")?;
        expect_success(self.cargo_in(&app, &["test"]).output(), "cargo test (app)").map(drop)
    }

    fn check(&self, document: &Path) -> Result<(), String> {
        let check = || {
            self.sdkgen(&["check", "--out", "ollama-api", "--spec"])
                .arg(document)
                .output()
                .map_err(|e| format!("cannot run sdkgen: {e}"))
        };
        let fresh = check()?;
        if fresh.status.code() != Some(0) {
            return Err(format!("a fresh crate is not fresh: {}", describe(&fresh)));
        }
        let client = self.dir.join("ollama-api/src/client.rs");
        let text = std::fs::read_to_string(&client).map_err(|e| e.to_string())?;
        std::fs::write(&client, format!("{text}\n// a hand edit\n")).map_err(|e| e.to_string())?;
        let stale = check()?;
        let listed = String::from_utf8_lossy(&stale.stdout);
        if stale.status.code() != Some(1) || !listed.contains("client.rs") {
            return Err(format!("a hand edit is not reported: {}", describe(&stale)));
        }
        self.generate_app_sdk(document)?;
        let again = check()?;
        if again.status.code() != Some(0) {
            return Err(format!(
                "stale after generating again: {}",
                describe(&again)
            ));
        }
        Ok(())
    }

    fn types_only(&self, document: &Path) -> Result<(), String> {
        let output = self
            .sdkgen(&[
                "generate",
                "--types-only",
                "--crate-name",
                "ollama-types",
                "--out",
                "ollama-types",
                "--spec",
            ])
            .arg(document)
            .output();
        expect_success(output, "sdkgen generate --types-only")?;
        let types = self.dir.join("ollama-types");
        std::fs::copy(self.root.join("Cargo.lock"), types.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
        expect_success(
            self.cargo_in(&types, &["build"]).output(),
            "cargo build (types only)",
        )?;
        let tree = expect_success(
            self.cargo_in(&types, &["tree", "-e", "normal", "--prefix", "none"])
                .output(),
            "cargo tree",
        )?;
        let tree = String::from_utf8_lossy(&tree.stdout);
        let heavy: Vec<&str> = tree
            .lines()
            .filter(|line| {
                ["reqwest ", "hyper ", "tokio "]
                    .iter()
                    .any(|name| line.starts_with(name))
            })
            .collect();
        if heavy.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "the types-only crate depends on {}",
                heavy.join(", ")
            ))
        }
    }

    /// `tls = "native-tls"` in `sdkgen.toml` gives a crate that builds on the
    /// platform's TLS and carries no rustls. Needs OpenSSL's development
    /// files; skipped with a notice without them.
    fn native_tls(&self, document: &Path) -> Result<(), String> {
        let openssl = Command::new("pkg-config")
            .args(["--exists", "openssl"])
            .status()
            .is_ok_and(|status| status.success());
        if !openssl {
            println!(
                "SKIPPED native-tls: OpenSSL's development files are absent (Debian: libssl-dev)"
            );
            return Ok(());
        }
        let config = self.dir.join("native-tls.toml");
        std::fs::write(&config, "[runtime]\ntls = \"native-tls\"\n").map_err(|e| e.to_string())?;
        let output = self
            .sdkgen(&[
                "generate",
                "--crate-name",
                "ollama-native",
                "--out",
                "ollama-native",
            ])
            .arg("--config")
            .arg(&config)
            .arg("--spec")
            .arg(document)
            .output();
        expect_success(output, "sdkgen generate (native-tls)")?;
        let sdk = self.dir.join("ollama-native");
        std::fs::copy(self.root.join("Cargo.lock"), sdk.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
        expect_success(
            self.cargo_in(&sdk, &["check"]).output(),
            "cargo check (native-tls)",
        )?;
        let tree = expect_success(
            self.cargo_in(&sdk, &["tree", "-e", "normal", "--prefix", "none"])
                .output(),
            "cargo tree",
        )?;
        let tree = String::from_utf8_lossy(&tree.stdout);
        let has = |name: &str| tree.lines().any(|line| line.starts_with(name));
        match (has("native-tls "), has("rustls ")) {
            (true, false) => Ok(()),
            (native, rustls) => Err(format!(
                "the native-tls crate's tree has native-tls: {native}, rustls: {rustls}"
            )),
        }
    }

    /// The app step's SDK with default features off (so no TLS backend):
    /// the project's tests expect a clear error for an `https` server.
    fn no_tls(&self, _: &Path) -> Result<(), String> {
        let project = self.copy("tests/outside/no-tls", "no-tls")?;
        expect_success(
            self.cargo_in(&project, &["test"]).output(),
            "cargo test (no TLS)",
        )
        .map(drop)
    }

    fn build_script(&self, _: &Path) -> Result<(), String> {
        let project = self.copy("tests/outside/build-script", "build-script")?;
        // Its paths point into this checkout from where it is kept.
        let manifest = project.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
        let root = format!("{}/", self.root.display());
        std::fs::write(&manifest, text.replace("../../../", &root)).map_err(|e| e.to_string())?;
        expect_success(
            self.cargo_in(&project, &["test", "--features", "mock"])
                .output(),
            "cargo test (build script)",
        )
        .map(drop)
    }

    fn diff(&self, _: &Path) -> Result<(), String> {
        let history = self.root.join("../shared/specs/apideck-vault-history");
        let old = history.join("vault-10.12.4.yml");
        let new = self.root.join("../shared/specs/apideck/vault.yml");
        if !old.is_file() || !new.is_file() {
            println!("SKIPPED sdkgen diff: the Vault documents are absent");
            return Ok(());
        }
        let output = self
            .sdkgen(&["diff"])
            .arg(&old)
            .arg(&new)
            .output()
            .map_err(|e| format!("cannot run sdkgen: {e}"))?;
        let expected = crate::changes::between(&old, &new).map_err(|e| e.to_string())?;
        let printed = String::from_utf8_lossy(&output.stdout);
        let status = if expected.changes.is_empty() { 0 } else { 1 };
        if printed != expected.to_string() || output.status.code() != Some(status) {
            return Err(format!(
                "`sdkgen diff` is not `cargo xtask diff`'s report (exit {:?}):\n{printed}",
                output.status.code()
            ));
        }
        Ok(())
    }

    /// Copies the project at `from` (relative to the checkout) to `name`
    /// here, with the workspace's lock file, so the versions are the ones
    /// this repository tested.
    fn copy(&self, from: &str, name: &str) -> Result<PathBuf, String> {
        let to = self.dir.join(name);
        copy_dir(&self.root.join(from), &to).map_err(|e| format!("copying {from}: {e}"))?;
        std::fs::copy(self.root.join("Cargo.lock"), to.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
        Ok(to)
    }

    fn cargo_in(&self, project: &Path, args: &[&str]) -> Command {
        let mut command = cargo();
        command
            .args(args)
            .current_dir(project)
            .env("CARGO_TARGET_DIR", &self.target);
        command
    }
}

fn cargo() -> Command {
    crate::cargo_once()
}

fn expect_success(output: std::io::Result<Output>, what: &str) -> Result<Output, String> {
    let output = output.map_err(|e| format!("cannot run {what}: {e}"))?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(format!("{what} failed: {}", describe(&output)))
    }
}

/// The exit status and the end of what a command printed.
fn describe(output: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(40)..].join("\n");
    format!("exit {:?}\n{tail}", output.status.code())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
