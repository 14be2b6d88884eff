//! Generates the to-do API's SDK from `openapi.yaml` into `OUT_DIR` at every
//! build where the document (or a file it refers to) changed.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?).join("todo_sdk.rs");
    let output = sdkgen::Generator::new("openapi.yaml")
        // Examples in the generated docs name this crate.
        .crate_name(std::env::var("CARGO_PKG_NAME")?)
        .write_module(&out)?;
    for warning in output.warnings() {
        println!("cargo:warning={warning}");
    }
    Ok(())
}
