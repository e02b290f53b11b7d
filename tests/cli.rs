//! End-to-end cases through the real binary: each `tests/cmd/*.md` file is a shell
//! session (`$ kzfp …` then the expected output and exit code), run against the
//! fixture fact base `tests/fixtures/basic.toml`. Refresh the expected outputs
//! with `TRYCMD=overwrite cargo test --test cli`, then review the diff.

#![cfg(test)]

#[test]
fn cli_cases() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic.toml");
    trycmd::TestCases::new()
        .default_bin_name("kzfp")
        .env("KZFP_FACTS", fixture)
        .env("NO_COLOR", "")
        .env("CLICOLOR_FORCE", "")
        .env("COLUMNS", "")
        .case("tests/cmd/*.md");
}
