//! The man pages through the binary and real man tools: `man/` holds exactly
//! what `kzfp man [SUBCOMMAND]` prints for kzfp and every subcommand; groff and
//! man-db render each page without a single warning; and each page carries its
//! command's examples, the environment, the exit status and the files.
//!
//! Refresh `man/` with `KZFP_UPDATE_MAN=1 cargo test --test man`.

#![cfg(test)]

mod common;

use common::kzfp;
use std::path::{Path, PathBuf};
use std::process::Command;

const REFRESH: &str = "KZFP_UPDATE_MAN=1 cargo test --test man";

fn man_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("man")
}

/// `kzfp man` for `kzfp`, `kzfp man timeline` for `kzfp-timeline`, ….
fn printed(page: &str) -> String {
    let mut command = kzfp();
    command.arg("man");
    if let Some(subcommand) = page.strip_prefix("kzfp-") {
        command.arg(subcommand);
    }
    let output = command.output().expect("kzfp runs");
    assert!(output.status.success(), "kzfp man for {page} failed");
    assert!(
        output.stderr.is_empty(),
        "kzfp man for {page} wrote to stderr"
    );
    String::from_utf8(output.stdout).expect("the page is UTF-8")
}

fn pages() -> Vec<String> {
    let pages = kzfp::man::page_names();
    assert!(pages.len() >= 9, "pages: {pages:?}");
    assert_eq!(pages[0], "kzfp");
    pages
}

#[test]
fn checked_in_pages_are_what_kzfp_prints() {
    let dir = man_dir();
    let update = std::env::var_os("KZFP_UPDATE_MAN").is_some_and(|v| !v.is_empty());
    let expected: Vec<String> = pages().iter().map(|p| format!("{p}.1")).collect();
    if update {
        std::fs::create_dir_all(&dir).expect("man/ can be created");
    }
    let mut stale = Vec::new();
    for (page, file) in pages().iter().zip(&expected) {
        let text = printed(page);
        let path = dir.join(file);
        if update {
            std::fs::write(&path, &text).expect("the page can be written");
        } else if std::fs::read_to_string(&path).unwrap_or_default() != text {
            stale.push(format!("man/{file}"));
        }
    }
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    present.retain(|name| !expected.contains(name));
    if update {
        for name in present.drain(..) {
            std::fs::remove_file(dir.join(name)).expect("a page of no command can be removed");
        }
    }
    stale.extend(
        present
            .iter()
            .map(|name| format!("man/{name} (no such page)")),
    );
    assert!(
        stale.is_empty(),
        "stale man pages: {}\nrefresh them with: {REFRESH}",
        stale.join(", ")
    );
}

fn run(program: &str, args: &[&str], envs: &[(&str, &str)], package: &str) -> (String, String) {
    let output = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("{program} is installed (.ci/run installs {package}): {e}"));
    assert!(output.status.success(), "{program} {args:?} failed");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The checked-in page, as `man -l` shows it on an 80-column terminal; groff's
/// and man's warnings (all of them: `-ww`, `--warnings`) fail the test.
fn rendered(page: &str) -> String {
    let path = man_dir().join(format!("{page}.1"));
    let path = path.to_str().expect("a UTF-8 path");
    let (_, warnings) = run("groff", &["-ww", "-z", "-man", path], &[], "groff-base");
    assert_eq!(warnings, "", "groff warns on man/{page}.1");
    let (text, warnings) = run(
        "man",
        &["--warnings", "-l", path],
        &[
            ("MANWIDTH", "80"),
            ("MANPAGER", "cat"),
            ("LC_ALL", "C.UTF-8"),
        ],
        "man-db",
    );
    assert_eq!(warnings, "", "man warns on man/{page}.1");
    text
}

/// What man prints, with its line filling undone: words joined by one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_page_renders_without_a_warning_and_says_what_it_must() {
    for page in pages() {
        let text = words(&rendered(&page));
        for heading in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "EXAMPLES",
            "ENVIRONMENT",
            "EXIT STATUS",
            "FILES",
            "SEE ALSO",
        ] {
            assert!(text.contains(heading), "man/{page}.1 has no {heading}");
        }
        for variable in ["KZFP_FACTS", "NO_COLOR", "CLICOLOR_FORCE", "COLUMNS"] {
            assert!(
                text.contains(variable),
                "man/{page}.1 does not name {variable}"
            );
        }
        // The examples of the command's --help, each command line whole.
        let mut help = kzfp();
        if let Some(subcommand) = page.strip_prefix("kzfp-") {
            help.arg(subcommand);
        }
        let help = help.arg("--help").output().expect("kzfp runs");
        let help = String::from_utf8_lossy(&help.stdout).into_owned();
        let examples: Vec<&str> = help
            .lines()
            .skip_while(|l| !l.starts_with("Examples:"))
            .skip(1)
            .filter_map(|l| l.trim().split("   ").next())
            .filter(|l| !l.is_empty())
            .collect();
        assert!(!examples.is_empty(), "{page}: no examples in --help");
        for example in examples {
            assert!(
                text.contains(&words(example)),
                "man/{page}.1 lacks the example {example:?}"
            );
        }
    }
}

#[test]
fn a_subcommand_page_has_its_own_and_the_global_options() {
    let text = words(&rendered("kzfp-timeline"));
    assert!(
        text.contains("kzfp-timeline - Dated events, oldest first"),
        "{text}"
    );
    assert!(text.contains("SYNOPSIS kzfp timeline"), "{text}");
    for option in [
        "--from <DATE>",
        "--partner <ID>",
        "--jq <EXPR>",
        "-f, --facts <PATH>",
    ] {
        assert!(text.contains(option), "kzfp-timeline(1) lacks {option}");
    }
    let main = words(&rendered("kzfp"));
    assert!(main.contains("SUBCOMMANDS kzfp-timeline(1)"), "{main}");
    assert!(
        !main.contains("kzfp-man"),
        "the hidden man subcommand has no page"
    );
}

#[test]
fn an_unknown_page_is_a_usage_error() {
    let output = kzfp().args(["man", "nosuch"]).output().expect("kzfp runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: no man page for 'nosuch'; pages: kzfp and timeline, "),
        "{stderr}"
    );
}
