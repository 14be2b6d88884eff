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

#[test]
fn bad_arguments_exit_2_with_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["generate", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage: cargo xtask generate"));
}
