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
