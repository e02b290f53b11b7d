//! The schema as editors and scripts see it: `kzfp schema` and the checked-in
//! `facts.schema.json` and docs/FIELDS.md tables it writes, then real clients of that
//! JSON Schema — the taplo CLI (which reads the `#:schema` line of a fact file,
//! as the Even Better TOML extension does) and python's jsonschema — on the
//! corpus in `tests/schema/`, each agreeing with `kzfp check` on every file. A
//! file whose second line says `# check-only:` holds a mistake a JSON Schema
//! cannot express: the schema accepts it, `check` rejects it.

#![cfg(test)]

mod common;

use common::{kzfp, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn schema_file_is_what_kzfp_schema_prints() {
    let printed = stdout(&["schema"]);
    let file = read(&root().join("facts.schema.json"));
    assert!(
        printed == file,
        "facts.schema.json is stale: run `cargo run -- schema > facts.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let treaty = &schema["properties"]["treaty"]["items"];
    assert_eq!(treaty["additionalProperties"], false);
    assert!(
        treaty["required"]
            .as_array()
            .unwrap()
            .contains(&"kind".into())
    );
    assert_eq!(
        treaty["properties"]["kind"]["enum"],
        serde_json::json!(["bilateral", "multilateral", "set"])
    );
    assert_eq!(
        treaty["properties"]["id"]["pattern"],
        "^[a-z0-9]+(-[a-z0-9]+)*$"
    );
    assert!(treaty["properties"]["signed"]["pattern"].is_string());
    assert_eq!(
        treaty["properties"]["signed"]["description"],
        "when it was signed (opened for signature)"
    );
}

#[test]
fn readme_field_tables_are_what_kzfp_schema_prints() {
    let printed = stdout(&["schema", "--format", "markdown"]);
    let readme = read(&root().join("docs/FIELDS.md"));
    let start = readme
        .find("<!-- fields:")
        .and_then(|i| readme[i..].find('\n').map(|n| i + n + 1))
        .expect("docs/FIELDS.md has the fields marker");
    let end = readme
        .find("<!-- end of fields -->")
        .expect("docs/FIELDS.md has the end marker");
    assert!(
        readme[start..end] == printed,
        "docs/FIELDS.md's field tables are stale: replace them with `cargo run -- schema --format markdown`"
    );
}

#[test]
fn facts_toml_names_its_schema() {
    let facts = read(&root().join("facts.toml"));
    assert_eq!(facts.lines().next(), Some("#:schema ./facts.schema.json"));
}

/// The corpus, and the shipped file.
fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/schema"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus is in tests/schema");
    files.push(root().join("facts.toml"));
    files
}

fn check_only(path: &Path) -> bool {
    read(path)
        .lines()
        .nth(1)
        .is_some_and(|l| l.starts_with("# check-only:"))
}

/// What `kzfp check` says of a file: valid or not.
fn check_accepts(path: &Path) -> bool {
    let output = kzfp().arg("check").arg(path).output().unwrap();
    match output.status.code() {
        Some(0) => true,
        Some(1) => false,
        other => panic!("check {}: exit {other:?}", path.display()),
    }
}

/// The verdict a schema client must give: check's, except where only check can tell.
fn expected(path: &Path) -> bool {
    let accepted = check_accepts(path);
    if check_only(path) {
        assert!(
            !accepted,
            "{} is marked check-only but check accepts it",
            path.display()
        );
        return true;
    }
    accepted
}

/// Whether a client the tests need is here. `.ci/run` installs it: there, its
/// absence fails; elsewhere the test says so and is skipped.
fn have(program: &str, probe: &[&str], install: &str) -> bool {
    let found = Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is missing on CI: {install}"
        );
        eprintln!("skipped: {program} is not installed ({install})");
    }
    found
}

#[test]
fn taplo_agrees_with_check_on_every_file() {
    if !have("taplo", &["--version"], "python3 -m pip install taplo") {
        return;
    }
    let mut rejected = 0;
    for path in corpus() {
        let output = Command::new("taplo")
            .arg("lint")
            .arg(&path)
            .env("RUST_LOG", "error")
            .output()
            .unwrap();
        let accepted = output.status.success();
        rejected += usize::from(!accepted);
        assert_eq!(
            accepted,
            expected(&path),
            "taplo and check disagree on {}:\n{}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(
        rejected >= 15,
        "taplo rejected only {rejected} files: is it validating?"
    );
}

#[test]
fn python_jsonschema_agrees_with_check_on_every_file() {
    if !have(
        "python3",
        &["-c", "import jsonschema, tomllib"],
        "python3 -m pip install jsonschema (python 3.11 or later)",
    ) {
        return;
    }
    let files = corpus();
    let output = Command::new("python3")
        .arg(root().join("tests/schema/validate.py"))
        .arg(root().join("facts.schema.json"))
        .args(&files)
        .output()
        .unwrap();
    let verdicts = String::from_utf8(output.stdout).unwrap();
    assert_eq!(verdicts.lines().count(), files.len(), "{verdicts}");
    for (path, verdict) in files.iter().zip(verdicts.lines()) {
        let name = path.display().to_string();
        let accepted = verdict == format!("{name}: ok");
        assert!(verdict.starts_with(&name), "{verdict}");
        assert_eq!(
            accepted,
            expected(path),
            "jsonschema and check disagree: {verdict}"
        );
    }
}
