//! Checks the shipped fact file and writes its loaded base as Rust source
//! (`facts::literal`), so the binary holds the base as static data: a query on
//! the embedded base parses nothing at start, whatever the base's size
//! (docs/PERFORMANCE.md). `KZFP_EMBED=PATH` embeds another fact file instead (the
//! benchmark builds one with a generated base of 1,000 events).

// A build script speaks to cargo on stdout and fails on stderr, as cargo reads it.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::borrow::Cow;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=KZFP_EMBED");
    let path = std::env::var("KZFP_EMBED").unwrap_or_else(|_| "facts.toml".to_owned());
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| fail(format!("cannot read {path}, the fact file to embed: {e}")));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    // The binary's copy of the text, so that the offsets of the base are into it.
    std::fs::write(out.join("embedded.toml"), &text)
        .unwrap_or_else(|e| fail(format!("cannot write the embedded fact file: {e}")));
    let base = facts::load(&path, Cow::Owned(text)).unwrap_or_else(|problems| {
        let mut text = String::new();
        let _ = problems.write_all(&mut text);
        fail(text)
    });
    let source =
        base.to_static_source(r#"include_str!(concat!(env!("OUT_DIR"), "/embedded.toml"))"#);
    std::fs::write(out.join("embedded-base.rs"), source)
        .unwrap_or_else(|e| fail(format!("cannot write the embedded base: {e}")));
}

/// Stops the build with `message`.
fn fail(message: String) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
