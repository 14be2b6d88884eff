//! The `xtask` command line: exit codes and what a person sees.

use std::process::Command;

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn generate(spec: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let out = spec.with_extension("out");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["generate", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "cli-test"])
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_broken_document_exits_2_with_a_located_report_and_no_panic() {
    let spec = write(
        "broken.yml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Nope'\n",
    );
    let (code, stderr) = generate(&spec, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("broken.yml:13:17"), "{stderr}");
    // The report wraps long lines; compare without the wrapping.
    let unwrapped: String = stderr.split_whitespace().filter(|w| *w != "|").collect();
    assert!(
        unwrapped.contains("#/paths/~1a/get/responses/200/content/application~1json/schema/$ref"),
        "{stderr}"
    );
    assert!(
        stderr.contains("$ref: '#/components/schemas/Nope'"),
        "the report quotes the line: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let spec = write(
        "warning.yml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://x.example'}]\npaths: {}\ncomponents:\n  schemas:\n    A:\n      not: {type: string}\n",
    );
    let (code, stderr) = generate(&spec, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning at #/components/schemas/A"),
        "{stderr}"
    );
    let (code, _) = generate(&spec, &["--deny-warnings"]);
    assert_eq!(code, 1);
}

fn xtask(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_command_explains_itself_with_help() {
    let (code, stdout, stderr) = xtask(&["--help"]);
    assert_eq!(code, 0, "{stderr}");
    for command in ["generate", "test", "corpus", "bench-compile"] {
        assert!(stdout.contains(command), "{command} missing from {stdout}");
    }
    let (code, stdout, stderr) = xtask(&["generate", "--help"]);
    assert_eq!(code, 0, "{stderr}");
    for flag in [
        "--check",
        "--deny-warnings",
        "--spec",
        "--out",
        "--crate-name",
    ] {
        assert!(stdout.contains(flag), "{flag} missing from {stdout}");
    }
    for command in ["test", "corpus", "bench-compile"] {
        let (code, stdout, stderr) = xtask(&[command, "--help"]);
        assert_eq!(code, 0, "{command}: {stderr}");
        assert!(stdout.contains("Usage"), "{command}: {stdout}");
    }
}

#[test]
fn bad_arguments_exit_2_with_a_usage_line() {
    let (code, _, stderr) = xtask(&["generate", "--bogus"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--bogus") && stderr.contains("Usage"),
        "{stderr}"
    );
    let (code, _, stderr) = xtask(&["generate", "--spec", "x.yml"]);
    assert_eq!(code, 2, "--spec alone: {stderr}");
    assert!(stderr.contains("--out"), "{stderr}");
}
