//! Fuzz target `load`: any bytes through the loader and `check`'s error rendering.
//!
//! Oracles, besides "no panic, no hang, no unbounded memory":
//! - a file `toml` itself rejects is rejected by the chunked loader too (the
//!   chunk scanner must never turn invalid TOML into valid records);
//! - the chunks found by 2-5 threads are those one thread finds (a file cut
//!   inside a string or a comment is scanned again from the true line start);
//! - every problem renders as `error: NAME:LINE:COL: …` (or `error: NAME: …`)
//!   with no raw control character reaching the terminal.
#![no_main]

use kzfp::facts;
use libfuzzer_sys::fuzz_target;

const NAME: &str = "fuzz.toml";

fuzz_target!(|data: &[u8]| {
    let result = facts::load_bytes(NAME, data.to_vec());
    if let Ok(text) = std::str::from_utf8(data) {
        let one = facts::chunk_starts(text, 1);
        for threads in 2..=5 {
            assert_eq!(facts::chunk_starts(text, threads), one, "{threads} threads");
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if toml::from_str::<toml::Table>(text).is_err() {
            assert!(
                result.is_err(),
                "toml rejects this input but kzfp loaded it"
            );
        }
    }
    if let Err(problems) = result {
        assert!(!problems.list.is_empty(), "an error with no problem in it");
        // All problems at once, as `check` writes them (write_one per problem
        // would index the whole file once per problem: quadratic, a harness hang).
        let mut shown = String::new();
        problems
            .write_all(&mut shown)
            .expect("writing to a String cannot fail");
        // Each problem is one `error: NAME:` line, then its file line and caret,
        // which start with the line number or a space.
        let heads = shown.lines().filter(|line| line.starts_with("error: ")).count();
        assert_eq!(heads, problems.list.len(), "{shown}");
        for head in shown.lines().filter(|line| line.starts_with("error: ")) {
            assert!(head.starts_with(&format!("error: {NAME}:")), "{head}");
        }
        assert_terminal_safe(&shown);
        let summary = problems.to_string();
        assert_terminal_safe(&summary);
    }
});

/// Only newlines may be raw: a problem message shows the file's text escaped.
fn assert_terminal_safe(text: &str) {
    if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n') {
        panic!("raw control {:#x} in {text:?}", c as u32);
    }
}
