//! Generation speed, stage by stage and end to end, on the Vault document and
//! (when present) Apideck's largest published document, accounting.
//!
//! `cargo bench -p sdkgen`; budgets in BENCHMARKS.md.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use sdkgen::{emit, format, load, lower, write, CrateInfo};

fn documents() -> Vec<(&'static str, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut docs = vec![("vault", root.join("spec/vault.yml"))];
    let accounting = root.join("../shared/specs/apideck/accounting.yml");
    if accounting.is_file() {
        docs.push(("accounting", accounting));
    } else {
        println!("SKIPPED accounting: {} is absent", accounting.display());
    }
    docs
}

fn stages(c: &mut Criterion) {
    let krate = CrateInfo::new("bench-crate", "0.1.0");
    for (name, path) in documents() {
        let source = std::fs::read_to_string(&path).unwrap();
        let document = load::parse(&path, source.clone()).unwrap();
        let lowered = lower::lower(&document, &krate).unwrap();
        let emitted = emit::emit(&lowered.api);
        let formatted: Vec<(String, String)> = emitted
            .iter()
            .map(|(p, content)| (p.clone(), format::format(p, content).unwrap()))
            .collect();
        let out = std::env::temp_dir().join(format!("generator-bench-{name}"));

        let mut group = c.benchmark_group(name);
        group.sample_size(if name == "accounting" { 20 } else { 50 });
        group.bench_function("load", |b| {
            b.iter(|| load::parse(&path, source.clone()).unwrap())
        });
        group.bench_function("lower", |b| {
            b.iter(|| lower::lower(&document, &krate).unwrap())
        });
        // Emission is lazy (each file's tokens are made where it is formatted):
        // "emit" makes every file's tokens on one thread.
        group.bench_function("emit", |b| {
            b.iter(|| {
                emit::emit(&lowered.api)
                    .iter()
                    .filter_map(|(_, content)| match content {
                        emit::Content::Rust(tokens) => Some(tokens.tokens()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
        });
        group.bench_function("emit + format", |b| {
            b.iter(|| {
                emitted
                    .iter()
                    .map(|(p, content)| format::format(p, content).unwrap())
                    .collect::<Vec<_>>()
            })
        });
        // Formatting splits into syn's parse of the tokens and prettyplease's printing.
        let rust: Vec<proc_macro2::TokenStream> = emitted
            .iter()
            .filter_map(|(_, content)| match content {
                emit::Content::Rust(tokens) => Some(tokens.tokens()),
                _ => None,
            })
            .collect();
        let files: Vec<syn::File> = rust
            .iter()
            .map(|t| syn::parse2(t.clone()).unwrap())
            .collect();
        group.bench_function("format: syn parse", |b| {
            b.iter(|| {
                rust.iter()
                    .map(|t| syn::parse2::<syn::File>(t.clone()).unwrap())
                    .collect::<Vec<_>>()
            })
        });
        group.bench_function("format: prettyplease", |b| {
            b.iter(|| files.iter().map(prettyplease::unparse).collect::<Vec<_>>())
        });
        // Writing an unchanged crate compares and leaves files alone, as a regeneration does.
        write::write(&out, &formatted).unwrap();
        group.bench_function("write (unchanged)", |b| {
            b.iter(|| write::write(&out, &formatted).unwrap())
        });
        group.bench_function("end to end", |b| {
            b.iter(|| {
                let generated = sdkgen::generate(&path, &krate).unwrap();
                write::write(&out, &generated.files).unwrap()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
