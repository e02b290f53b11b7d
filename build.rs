//! Checks the shipped fact file and keeps its loaded base, so the binary does not
//! load it again at every start: a query on the embedded base then costs what
//! reading a small JSON snapshot costs, not a parse of 140 KB of TOML
//! (docs/PERFORMANCE.md). The loader is the `facts` crate's.

use std::borrow::Cow;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=facts.toml");
    let base =
        facts::load("facts.toml", Cow::Borrowed(facts::EMBEDDED)).unwrap_or_else(|problems| {
            let mut text = String::new();
            let _ = problems.write_all(&mut text);
            fail(text)
        });
    let snapshot = base
        .snapshot()
        .unwrap_or_else(|e| fail(format!("cannot write the snapshot of facts.toml: {e}")));
    // Read back as the binary will: a value that does not survive the trip (a float
    // serde_json would round) must fail the build, not ship.
    let back = facts::FactBase::from_snapshot(facts::EMBEDDED, &snapshot);
    if back.map(|back| format!("{back:?}")).ok() != Some(format!("{base:?}")) {
        fail("the snapshot of facts.toml does not read back as the loaded base".to_owned());
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    std::fs::write(out.join("facts-snapshot.json"), snapshot)
        .unwrap_or_else(|e| fail(format!("cannot write the snapshot of facts.toml: {e}")));
}

/// Stops the build with `message`.
fn fail(message: String) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}
