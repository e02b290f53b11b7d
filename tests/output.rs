//! Output behaviour a script or a terminal relies on: JSON read back by jq,
//! color switches, broken pipes, help text, exit codes.

#![cfg(test)]

mod common;

use common::{fixture, jq, kzfp};
use std::io::Read;
use std::process::{Command, Stdio};

fn on_fixture(args: &[&str]) -> String {
    let output = kzfp()
        .arg("--facts")
        .arg(fixture("basic.toml"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn json_keys_are_the_fact_files_fields_with_null_and_empty_lists() {
    let keys = jq(
        &on_fixture(&["partner", "--json"]),
        &["-c"],
        ".[0] | keys_unsorted",
    );
    assert_eq!(
        keys.trim(),
        r#"["id","aliases","name","name_tr","kind","relation","relation_tr","summary","summary_tr","source","claims","tags","figures"]"#
    );
    let turkey = on_fixture(&["partner", "turkey", "--json"]);
    assert_eq!(
        jq(&turkey, &["-c"], ".relation, .claims").trim(),
        "null\n[]"
    );
    assert_eq!(
        jq(&turkey, &["-c"], ".related | keys_unsorted").trim(),
        r#"["events","treaties","orgs","partners"]"#
    );
}

#[test]
fn dates_are_strings_exactly_as_the_file_gives_them() {
    let dates = jq(&on_fixture(&["timeline", "--json"]), &["-r"], ".[].date");
    assert_eq!(
        dates.lines().collect::<Vec<_>>(),
        [
            "1991-12-16",
            "1991-12-16",
            "1992",
            "1992-03",
            "2001-06-15",
            "2017/2018",
            "2018-01"
        ]
    );
    // A TOML local date (`joined = 2001-06-15`) comes out as the same text.
    assert_eq!(
        jq(&on_fixture(&["org", "sco", "--json"]), &["-r"], ".joined").trim(),
        "2001-06-15"
    );
}

#[test]
fn figures_are_numbers_with_their_unit_and_qualifier() {
    let figure = jq(
        &on_fixture(&["treaty", "china-agreements", "--json"]),
        &["-c"],
        ".figures[0] | [.value, .unit, .qualifier]",
    );
    assert_eq!(figure.trim(), r#"[50,"count","more than"]"#);
}

#[test]
fn jsonl_is_one_parsable_record_per_line_and_empty_json_is_an_empty_array() {
    let lines = on_fixture(&["timeline", "-o", "jsonl"]);
    assert_eq!(lines.lines().count(), 7);
    assert_eq!(jq(&lines, &["-s", "-c"], "map(.id) | length").trim(), "7");
    assert_eq!(
        on_fixture(&["timeline", "-s", "zzz", "--json"]).trim(),
        "[]"
    );
}

#[test]
fn an_empty_table_says_so_on_stderr_and_exits_0() {
    let output = kzfp()
        .args(["--facts", &fixture("basic.toml"), "timeline", "-s", "zzz"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "no events match"
    );
}

#[test]
fn color_follows_the_flag_then_no_color_then_clicolor_force() {
    let bold = "\u{1b}[1m";
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = kzfp();
        cmd.args(["--facts", &fixture("basic.toml"), "partner"])
            .args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(!run(&[], &[]).contains('\u{1b}'), "no color when piped");
    assert!(run(&["--color", "always"], &[]).contains(bold));
    assert!(run(&[], &[("CLICOLOR_FORCE", "1")]).contains(bold));
    assert!(!run(&[], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]).contains('\u{1b}'));
    assert!(!run(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]).contains('\u{1b}'));
    assert!(run(&["--color", "always"], &[("NO_COLOR", "1")]).contains(bold));
    // JSON never carries color.
    assert!(!run(&["--json", "--color", "always"], &[]).contains('\u{1b}'));
}

/// A fact file whose timeline is far larger than a pipe's buffer, so writing it
/// to a reader that went away really fails with EPIPE.
fn large_fact_file(name: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("kzfp-{name}-{}.toml", std::process::id()));
    let mut text = std::fs::read_to_string(fixture("basic.toml")).unwrap();
    for i in 0..5000 {
        text.push_str(&format!(
            "\n[[event]]\nid = \"e{i}\"\ndate = \"1995\"\ntitle = \"Event {i}\"\ntitle_tr = \"Olay {i}\"\n\
             partners = [\"russia\"]\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"s\"\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let bin = assert_cmd::cargo::cargo_bin("kzfp");
    let large = large_fact_file("pipe");
    for format in ["table", "json", "jsonl", "csv", "tsv"] {
        let mut child = Command::new(&bin)
            .args(["timeline", "--format", format])
            .arg("--facts")
            .arg(&large)
            .env_remove("KZFP_FACTS")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then hang up, as `kzfp timeline | head -c1` does.
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{format}: {:?}", output.status);
        assert!(
            output.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    std::fs::remove_file(large).ok();
}

#[test]
fn a_closed_pipe_through_the_shell_exits_0() {
    let bin = assert_cmd::cargo::cargo_bin("kzfp");
    let large = large_fact_file("shell-pipe");
    let script = format!(
        "'{}' --facts '{}' timeline --json | head -n 1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
        bin.display(),
        large.display()
    );
    let output = Command::new("bash")
        .args(["-c", &script])
        .env_remove("KZFP_FACTS")
        .output()
        .unwrap();
    std::fs::remove_file(large).ok();
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "0");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn help_says_what_each_command_answers_and_shows_examples() {
    for command in [
        &[][..],
        &["timeline"],
        &["partner"],
        &["org"],
        &["treaty"],
        &["check"],
        &["completions"],
    ] {
        let output = kzfp().args(command).arg("--help").output().unwrap();
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(
            help.contains("Examples:\n  kzfp") || help.contains("Examples:\n  source"),
            "{command:?}: {help}"
        );
        assert!(
            help.contains("--facts <PATH>"),
            "{command:?}: global options are listed"
        );
    }
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let before = kzfp()
        .args(["--json", "--limit", "1", "org"])
        .output()
        .unwrap();
    let after = kzfp()
        .args(["org", "--limit", "1", "--json"])
        .output()
        .unwrap();
    assert!(before.status.success());
    assert_eq!(before.stdout, after.stdout);
}

#[test]
fn kzfp_facts_selects_the_fact_file_and_the_flag_wins() {
    let by_env = kzfp()
        .env("KZFP_FACTS", fixture("basic.toml"))
        .args(["check"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&by_env.stdout).contains("basic.toml: ok (4 partners"));
    let flag_wins = kzfp()
        .env("KZFP_FACTS", fixture("missing.toml"))
        .args(["--facts", &fixture("basic.toml"), "partner", "--json"])
        .output()
        .unwrap();
    assert!(flag_wins.status.success());
}

/// Runs kzfp on a pseudo-terminal `cols` wide (util-linux `script`) and returns
/// what it printed, ANSI escapes left in.
fn on_terminal(cols: u16, args: &str) -> String {
    let bin = assert_cmd::cargo::cargo_bin("kzfp");
    let inner = format!("stty cols {cols} rows 50; '{}' {args}", bin.display());
    let output = Command::new("script")
        .args(["-qec", &inner, "/dev/null"])
        .env_remove("KZFP_FACTS")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("script (util-linux) runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().replace('\r', "")
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn on_a_terminal_the_table_fits_its_width_and_the_header_is_bold() {
    for cols in [60u16, 90, 130] {
        for args in ["timeline", "org", "partner russia", "treaty"] {
            let shown = on_terminal(cols, args);
            assert!(
                shown.contains("\u{1b}[1m"),
                "{args}: a bold header on a terminal"
            );
            let widest = strip_ansi(&shown)
                .lines()
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0);
            assert!(
                widest <= usize::from(cols),
                "{args} at {cols} columns: a line of {widest}"
            );
        }
    }
    let plain = on_terminal(90, "--color never timeline");
    assert!(!plain.contains('\u{1b}'), "--color never on a terminal");
}

/// Every qualifier of a figure reads in Turkish under `--lang tr`: a comparison
/// after the number in the ablative, the others before it (`at least` and
/// `less than` were printed in English).
#[test]
fn every_qualifier_reads_in_turkish() {
    let basic = std::fs::read_to_string(fixture("basic.toml")).unwrap();
    for (qualifier, said) in [
        ("about", "agreements: yaklaşık 50"),
        ("almost", "agreements: neredeyse 50"),
        ("more than", "agreements: 50'den fazla"),
        ("at least", "agreements: en az 50"),
        ("less than", "agreements: 50'den az"),
    ] {
        let text = basic.replace(
            "qualifier = \"more than\"",
            &format!("qualifier = \"{qualifier}\""),
        );
        let output = kzfp()
            .args([
                "--facts",
                "-",
                "treaty",
                "--lang",
                "tr",
                "--fields",
                "id,figures",
            ])
            .write_stdin(text)
            .output()
            .unwrap();
        let shown = String::from_utf8(output.stdout).unwrap();
        assert!(shown.contains(said), "{qualifier}: {shown}");
    }
}
