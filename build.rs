//! Checks the shipped fact file and keeps its loaded base, so the binary does not
//! load it again at every start: a query on the embedded base then costs what
//! reading a small JSON snapshot costs, not a parse of 140 KB of TOML (README,
//! "Performance"). The loader is the crate's own, compiled in here.

// The loader's modules serve the crate; here only `load` and `snapshot` are used.
#![allow(dead_code, unused_imports)]

#[path = "src/facts/mod.rs"]
mod facts;
#[path = "src/resolve.rs"]
mod resolve;
#[path = "src/text.rs"]
mod text;

use std::borrow::Cow;
use std::path::PathBuf;

fn main() {
    for input in ["facts.toml", "src/facts", "src/resolve.rs", "src/text.rs"] {
        println!("cargo:rerun-if-changed={input}");
    }
    let base = match facts::load("facts.toml", Cow::Borrowed(facts::EMBEDDED)) {
        Ok(base) => base,
        Err(problems) => {
            let mut text = String::new();
            let _ = problems.write_all(&mut text);
            eprintln!("{text}");
            std::process::exit(1);
        }
    };
    let snapshot = match base.snapshot() {
        Ok(snapshot) => snapshot,
        Err(e) => {
            eprintln!("cannot write the snapshot of facts.toml: {e}");
            std::process::exit(1);
        }
    };
    // Read back as the binary will: a value that does not survive the trip (a float
    // serde_json would round) must fail the build, not ship.
    let back = facts::FactBase::from_snapshot(facts::EMBEDDED, &snapshot);
    if back.map(|back| format!("{back:?}")).ok() != Some(format!("{base:?}")) {
        eprintln!("the snapshot of facts.toml does not read back as the loaded base");
        std::process::exit(1);
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(out.join("facts-snapshot.json"), snapshot) {
        eprintln!("cannot write the snapshot of facts.toml: {e}");
        std::process::exit(1);
    }
}
