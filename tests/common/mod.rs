//! Helpers shared by the integration tests: the real binary, and jq as a real
//! client of its JSON output.

#![cfg(test)]
#![allow(dead_code)]

use assert_cmd::Command;
use kzfp::facts::{FactBase, Kind, Source};
use std::io::Write;
use std::process::Stdio;

/// The kzfp binary with no fact file chosen by the environment: the embedded base.
pub fn kzfp() -> Command {
    let mut cmd = Command::cargo_bin("kzfp").expect("the kzfp binary is built");
    cmd.env_remove("KZFP_FACTS")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COMPLETE")
        .env_remove("COLUMNS");
    cmd
}

/// `docs/seed/claims.md`, the article taken apart claim by claim.
pub fn claims_md() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/seed/claims.md");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fixture fact base of the command-line cases.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// stdout of `kzfp args`, which must succeed.
pub fn stdout(args: &[&str]) -> String {
    let output = kzfp().args(args).output().expect("kzfp runs");
    assert!(
        output.status.success(),
        "kzfp {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// Runs a real client (`program args`) with `input` on its stdin; `package`
/// names what installs it.
pub fn client(program: &str, args: &[&str], input: &str, package: &str) -> std::process::Output {
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} is installed (.ci/run installs {package}): {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .unwrap_or_else(|e| panic!("write to {program}: {e}"));
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"))
}

/// Runs `jq <jq_args> <filter>` on `input`; panics with jq's stderr if jq fails.
pub fn jq(input: &str, jq_args: &[&str], filter: &str) -> String {
    let mut args = jq_args.to_vec();
    args.push(filter);
    let output = client("jq", &args, input, "jq");
    assert!(
        output.status.success(),
        "jq {filter} failed ({}): {}\ninput: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr),
        input.chars().take(400).collect::<String>()
    );
    String::from_utf8(output.stdout).expect("jq prints UTF-8")
}

/// `kzfp args | jq -r filter`, trimmed.
pub fn kzfp_jq(args: &[&str], filter: &str) -> String {
    jq(&stdout(args), &["-r"], filter).trim_end().to_owned()
}

/// The embedded base, as the binary loads it.
pub fn embedded() -> FactBase {
    Source::Embedded
        .load(&kzfp::EMBEDDED)
        .expect("the embedded fact file loads")
}

/// The ids of a kind, in file order.
pub fn ids(base: &FactBase, kind: Kind) -> Vec<String> {
    (0..base.count(kind) as u32)
        .filter_map(|i| base.meta(kind, i))
        .map(|meta| base.str(meta.id).to_owned())
        .collect()
}

/// Every tag some event has, sorted, once each.
pub fn event_tags(base: &FactBase) -> Vec<String> {
    let mut tags: Vec<String> = base
        .events
        .iter()
        .flat_map(|e| base.strs(base.list(e.meta.tags)).map(str::to_owned))
        .collect();
    tags.sort();
    tags.dedup();
    tags
}
