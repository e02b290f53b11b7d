//! Help as people read it at 80 columns: an example is one line, never split
//! by the wrap (issue 20, 9). clap wraps help at COLUMNS (at most 100).

#![cfg(test)]

mod common;

/// The lines of the help's Examples section.
fn examples(args: &[&str], columns: &str) -> Vec<String> {
    let out = common::kzfp()
        .args(args)
        .arg("--help")
        .env("COLUMNS", columns)
        .output()
        .expect("kzfp runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    text.lines()
        .skip_while(|l| !l.starts_with("Examples:"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn examples_do_not_wrap_at_80_columns() {
    for args in [
        &[][..],
        &["timeline"],
        &["partner"],
        &["org"],
        &["treaty"],
        &["search"],
        &["graph"],
        &["check"],
        &["schema"],
        &["completions"],
    ] {
        let narrow = examples(args, "80");
        assert!(!narrow.is_empty(), "kzfp {args:?} --help has no examples");
        for line in &narrow {
            assert!(
                line.chars().count() <= 80,
                "kzfp {args:?} --help: an example of {} columns:\n{line}",
                line.chars().count()
            );
            assert!(
                line.starts_with("  kzfp") || line.starts_with("  source"),
                "{line}"
            );
        }
        // The same lines as at 100 columns, where nothing needs wrapping.
        assert_eq!(narrow, examples(args, "100"), "kzfp {args:?} --help");
    }
}

/// A command's `--help`, wide enough that nothing wraps.
fn help(command: &str) -> String {
    let out = common::kzfp()
        .args([command, "--help"])
        .env("COLUMNS", "200")
        .output()
        .expect("kzfp runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The values listed under `--format` in a command's help.
fn listed_formats(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.contains("--format <FMT>"))
        .skip_while(|l| !l.contains("Possible values:"))
        .skip(1)
        .take_while(|l| l.trim_start().starts_with("- "))
        .filter_map(|l| l.trim_start().strip_prefix("- ")?.split(':').next())
        .map(str::to_owned)
        .collect()
}

/// Each command's help names what it takes, and only that: the formats
/// under `--format` are those it prints, and an output option is shown exactly
/// when the command does not refuse it. Every command's help once listed every
/// command's formats and options (`kzfp check --help` offered `--format dot`
/// and `--fields`).
#[test]
fn a_commands_help_names_only_what_it_takes() {
    let every = listed_formats(&help_of_main());
    assert!(every.len() > 8, "{every:?}");
    for (command, needs) in [
        ("timeline", &[][..]),
        ("partner", &[]),
        ("org", &[]),
        ("treaty", &[]),
        ("search", &["china"]),
        ("graph", &[]),
        ("check", &[]),
        ("schema", &[]),
    ] {
        let text = help(command);
        let listed = listed_formats(&text);
        for format in &every {
            let out = common::kzfp()
                .arg(command)
                .args(needs)
                .args(["--format", format])
                .output()
                .expect("kzfp runs");
            assert_eq!(
                out.status.success(),
                listed.contains(format),
                "{command} --format {format}: help lists {listed:?}"
            );
        }
        for (option, value) in [
            ("--fields", Some("id")),
            ("--sort", Some("id")),
            ("--reverse", None),
            ("--limit", Some("2")),
            ("--no-headers", None),
            ("--color", Some("never")),
            ("--lang", Some("tr")),
            ("--width", Some("80")),
            ("--jq", Some(".")),
        ] {
            let out = common::kzfp()
                .arg(command)
                .args(needs)
                .arg(option)
                .args(value)
                .output()
                .expect("kzfp runs");
            let refused = String::from_utf8_lossy(&out.stderr).contains("does nothing with");
            let shown = text.lines().any(|l| l.trim_start().starts_with(option));
            assert_eq!(
                shown, !refused,
                "{command} {option}: shown {shown}, refused {refused}"
            );
        }
    }
}

fn help_of_main() -> String {
    let out = common::kzfp()
        .arg("--help")
        .env("COLUMNS", "200")
        .output()
        .expect("kzfp runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}
