//! The completion scripts and the protocol through the real binary: the scripts in
//! `completions/` are exactly what `kzfp completions SHELL` prints, and a completion
//! request never writes anything but candidates.
//!
//! Refresh the checked-in scripts with `KZFP_UPDATE_COMPLETIONS=1 cargo test --test completion_protocol`.

#![cfg(test)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const SCRIPTS: [(&str, &str); 5] = [
    ("bash", "kzfp.bash"),
    ("zsh", "_kzfp"),
    ("fish", "kzfp.fish"),
    ("elvish", "kzfp.elv"),
    ("powershell", "_kzfp.ps1"),
];

const REFRESH: &str = "KZFP_UPDATE_COMPLETIONS=1 cargo test --test completion_protocol";

const ALT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/completion-alt.toml"
);

fn kzfp() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kzfp"));
    command.env_remove("KZFP_FACTS").env_remove("COMPLETE");
    command
}

fn printed(shell: &str) -> String {
    let output = kzfp()
        .args(["completions", shell])
        .output()
        .expect("kzfp runs");
    assert!(output.status.success(), "kzfp completions {shell} failed");
    assert!(
        output.stderr.is_empty(),
        "kzfp completions {shell} wrote to stderr"
    );
    String::from_utf8(output.stdout).expect("the script is UTF-8")
}

#[test]
fn checked_in_scripts_are_what_kzfp_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("KZFP_UPDATE_COMPLETIONS").is_some_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    for (shell, file) in SCRIPTS {
        let script = printed(shell);
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).expect("completions/ can be created");
            std::fs::write(&path, &script).expect("the script can be written");
            continue;
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        if checked_in != script {
            stale.push(format!("completions/{file} (kzfp completions {shell})"));
        }
    }
    assert!(
        stale.is_empty(),
        "stale completion scripts: {}\nrefresh them with: {REFRESH}",
        stale.join(", ")
    );
}

#[test]
fn the_env_protocol_prints_the_same_scripts() {
    for (shell, _) in SCRIPTS {
        let output = kzfp().env("COMPLETE", shell).output().expect("kzfp runs");
        assert!(output.status.success(), "COMPLETE={shell} kzfp");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            printed(shell),
            "{shell}"
        );
    }
}

#[test]
fn scripts_call_kzfp_on_path() {
    for (shell, _) in SCRIPTS {
        let script = printed(shell);
        assert!(script.contains("COMPLETE"), "{shell} script sets COMPLETE");
        let runs_kzfp = script.contains("kzfp -- ") || script.contains("\"kzfp\" -- ");
        assert!(runs_kzfp, "{shell} script runs kzfp from PATH");
        assert!(
            !script.contains(env!("CARGO_BIN_EXE_kzfp")),
            "{shell} script names the build's path instead of kzfp"
        );
    }
}

/// Asks the binary for candidates the way the fish script does.
fn fish_request(words: &[&str]) -> std::process::Output {
    let mut command = kzfp();
    command.env("COMPLETE", "fish").arg("--").args(words);
    command.output().expect("kzfp runs")
}

#[test]
fn candidates_come_with_names_as_descriptions() {
    let output = fish_request(&["kzfp", "--facts", ALT, "partner", ""]);
    assert!(output.status.success());
    assert!(output.stderr.is_empty());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("alpha\tAlpha Republic\n"), "{text}");
    assert!(text.contains("beta\tBeta Union\n"), "{text}");
}

#[test]
fn environment_selects_the_fact_file() {
    let output = kzfp()
        .env("KZFP_FACTS", ALT)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_IFS", "\n")
        .args(["--", "kzfp", "treaty", ""])
        .output()
        .expect("kzfp runs");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(text.lines().next(), Some("delta-treaty"), "{text}");
}

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("completion-protocol");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("scratch file");
    path
}

#[test]
fn a_broken_fact_file_never_reaches_the_prompt() {
    let broken = scratch("broken.toml", b"schema = 1\n[[partner]\nid = \"x");
    let not_utf8 = scratch("not-utf8.toml", b"\xff\xfe\x00");
    let dir = broken.parent().expect("parent").to_path_buf();
    let missing = dir.join("missing.toml");
    for path in [broken, not_utf8, dir, missing] {
        let path = path.to_string_lossy().into_owned();
        for words in [
            vec!["kzfp", "--facts", &path, "partner", ""],
            vec!["kzfp", "--facts", &path, "timeline", "--tag", ""],
            vec!["kzfp", "org", "--facts", &path, "u"],
        ] {
            let output = fish_request(&words);
            assert!(
                output.stderr.is_empty(),
                "{words:?}: stderr {:?}",
                output.stderr
            );
            assert!(output.status.success(), "{words:?}");
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(
                text.lines().all(|line| line.starts_with('-')),
                "{words:?}: only options, no ids: {text}"
            );
        }
        let output = kzfp()
            .env("KZFP_FACTS", &path)
            .env("COMPLETE", "fish")
            .args(["--", "kzfp", "partner", ""])
            .output()
            .expect("kzfp runs");
        assert!(
            output.stderr.is_empty() && output.status.success(),
            "{path}"
        );
    }
}

#[test]
fn a_request_the_engine_cannot_answer_is_silent() {
    // An index past the words: clap's engine has nothing to say.
    let output = kzfp()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "9")
        .args(["--", "kzfp", "partner"])
        .output()
        .expect("kzfp runs");
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
    assert!(output.stdout.is_empty());
    // An unknown shell.
    let output = kzfp().env("COMPLETE", "tcsh").output().expect("kzfp runs");
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
    assert!(!output.status.success());
}
