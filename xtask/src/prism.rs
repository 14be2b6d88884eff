//! Stoplight Prism mock servers for the contract tests: installed from the
//! pinned lockfile in `tools/prism/`, started on a free loopback port, stopped
//! by PID when dropped.

use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Prism may take to load a document and listen.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// How much longer Prism may take per MiB of document: it dereferences the
/// whole document before it listens (a 1.8 MB one took over 90 s here).
const START_PER_MIB: Duration = Duration::from_secs(120);

/// Installs Prism with `npm ci` unless the installed tree matches the lockfile;
/// returns the path of the `prism` executable.
pub fn install(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("tools/prism");
    let bin = dir.join("node_modules/.bin/prism");
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::read(&lock), std::fs::read(&installed)) {
        // npm writes the lockfile's packages into node_modules/.package-lock.json.
        (Ok(_), Ok(_)) => bin.exists() && modified(&installed) >= modified(&lock),
        _ => false,
    };
    if !fresh {
        println!("installing Prism from tools/prism/package-lock.json (npm ci)");
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status()
            .map_err(|e| {
                format!("cannot run npm (Node.js and npm are needed for the contract tests): {e}")
            })?;
        if !status.success() {
            return Err(format!(
                "`npm ci` in {} failed with {status}",
                dir.display()
            ));
        }
    }
    if bin.exists() {
        Ok(bin)
    } else {
        Err(format!("{} is missing after `npm ci`", bin.display()))
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// A running `prism mock` process.
pub struct Prism {
    child: Child,
    url: String,
}

impl Prism {
    /// Starts `prism mock` for `spec` and waits until it accepts connections;
    /// its output goes to `log`.
    pub fn start(bin: &Path, spec: &Path, log: &Path) -> Result<Self, String> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let output = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let errors = output.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(bin)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(spec)
            .stdin(Stdio::null())
            .stdout(output)
            .stderr(errors)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let mut prism = Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let size = std::fs::metadata(spec).map(|m| m.len()).unwrap_or(0);
        let timeout = START_TIMEOUT + START_PER_MIB.mul_f64(size as f64 / 1_048_576.0);
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = prism.child.try_wait() {
                let tail = std::fs::read_to_string(log).unwrap_or_default();
                return Err(format!(
                    "prism exited with {status} while starting:\n{tail}"
                ));
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(prism);
            }
            if started.elapsed() > timeout {
                return Err(format!(
                    "prism did not listen on port {port} within {timeout:.0?}; see {}",
                    log.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// The server URL, e.g. `http://127.0.0.1:4010`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
