//! `--jq EXPR` against real jq: every jq example of the README, of docs/ and of the help
//! texts (found in them, so a new example is covered as soon as it is written),
//! run both ways — `kzfp … --json | jq -r EXPR` and `kzfp … --jq EXPR` — must
//! print the same bytes. Then the errors: a bad expression (exit 2, with where it
//! fails), a runtime error (exit 1, named), and `--jq` where there is no JSON.

#![cfg(test)]

mod common;

use common::{jq, kzfp};
use std::process::Output;

/// One example: the kzfp arguments and the jq expression applied to their JSON.
#[derive(Debug)]
struct Example {
    line: String,
    args: Vec<String>,
    filter: String,
}

/// The shell words of `line` up to an unquoted `#` or a gap of three spaces (the
/// help texts put a description there), as sh reads them: single quotes literal,
/// double quotes with `\"` and `\\`, `|` a word of its own.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                w.extend(chars.by_ref().take_while(|&c| c != '\''));
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' if matches!(chars.peek(), Some('"' | '\\' | '$' | '`')) => {
                            w.extend(chars.next())
                        }
                        c => w.push(c),
                    }
                }
            }
            '#' if word.is_none() => break,
            '|' => {
                words.extend(word.take());
                words.push("|".to_owned());
            }
            ' ' if chars.peek() == Some(&' ') && line_gap(&mut chars) => {
                words.extend(word.take());
                break;
            }
            c if c.is_whitespace() => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// After one space: whether two more follow (spaces are consumed either way).
fn line_gap(chars: &mut std::iter::Peekable<std::str::Chars>) -> bool {
    let mut spaces = 1;
    while chars.next_if_eq(&' ').is_some() {
        spaces += 1;
    }
    spaces >= 3
}

/// `kzfp ARGS | jq [OPTIONS] FILTER` or `kzfp ARGS --jq FILTER`, else nothing.
fn example(line: &str) -> Option<Example> {
    let start = line.find("kzfp ")?;
    let words = words(line.get(start..)?);
    let (kzfp_words, jq_words) = match words.iter().position(|w| w == "|") {
        Some(pipe) => words.split_at(pipe),
        None => (&words[..], &[][..]),
    };
    let mut args: Vec<String> = kzfp_words.get(1..)?.to_vec();
    let filter = if jq_words.get(1).is_some_and(|w| w == "jq") {
        // `jq [-OPTION…] FILTER` on kzfp's JSON: not jq reading a file, nor a longer pipeline.
        let (filter, options) = jq_words.get(2..)?.split_last()?;
        if filter.starts_with('-')
            || !options.iter().all(|o| o.starts_with('-'))
            || !args.iter().any(|a| a == "--json")
        {
            return None;
        }
        filter.clone()
    } else if jq_words.is_empty() {
        let at = args.iter().position(|a| a == "--jq")?;
        let filter = args.get(at + 1)?.clone();
        args.drain(at..=at + 1);
        filter
    } else {
        return None;
    };
    args.retain(|a| a != "--json");
    Some(Example {
        line: line.trim().to_owned(),
        args,
        filter,
    })
}

fn examples_in(text: &str) -> Vec<Example> {
    text.lines().filter_map(example).collect()
}

/// The lines of a Markdown page's ```sh blocks: the commands to run (```console
/// blocks show a session, errors included).
fn sh_blocks(markdown: &str) -> String {
    let mut in_sh = false;
    let mut lines = String::new();
    for line in markdown.lines() {
        match line.trim_start().strip_prefix("```") {
            Some(info) => in_sh = !in_sh && info.trim() == "sh",
            None if in_sh => {
                lines.push_str(line);
                lines.push('\n');
            }
            None => {}
        }
    }
    lines
}

/// The help of kzfp and of each subcommand, as the binary prints it.
fn help_texts() -> Vec<String> {
    use clap::CommandFactory;
    let mut texts = vec![common::stdout(&["--help"])];
    for sub in kzfp::cli::Cli::command().get_subcommands() {
        texts.push(common::stdout(&[sub.get_name(), "--help"]));
    }
    texts
}

fn run(args: &[String]) -> Output {
    kzfp().args(args).output().expect("kzfp runs")
}

/// `kzfp ARGS --json | jq -r FILTER` and `kzfp ARGS --jq FILTER` print the same,
/// which is returned.
fn assert_same_as_jq(example: &Example) -> String {
    let mut json_args = example.args.clone();
    json_args.push("--json".to_owned());
    let json = run(&json_args);
    assert!(json.status.success(), "{}: --json failed", example.line);
    let expected = jq(
        &String::from_utf8_lossy(&json.stdout),
        &["-r"],
        &example.filter,
    );
    let mut jq_args = example.args.clone();
    jq_args.extend(["--jq".to_owned(), example.filter.clone()]);
    let filtered = run(&jq_args);
    assert!(
        filtered.status.success(),
        "{}: kzfp --jq failed: {}",
        example.line,
        String::from_utf8_lossy(&filtered.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&filtered.stdout),
        expected,
        "{}: --jq differs from jq -r",
        example.line
    );
    expected
}

/// Each example run both ways; `at_least` guards against examples no longer found.
fn assert_examples_match_jq(examples: &[Example], at_least: usize, source: &str) {
    assert!(
        examples.len() >= at_least,
        "only {} jq examples found in {source}: {examples:#?}",
        examples.len()
    );
    for example in examples {
        assert!(
            !assert_same_as_jq(example).is_empty(),
            "{}: prints nothing",
            example.line
        );
    }
}

#[test]
fn every_readme_jq_example_prints_what_jq_prints() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = String::new();
    for page in ["README.md", "docs/GUIDE.md", "docs/FIELDS.md"] {
        let text = std::fs::read_to_string(root.join(page)).expect("the page is readable");
        pages.push_str(&sh_blocks(&text));
    }
    assert_examples_match_jq(&examples_in(&pages), 20, "README.md and docs/");
}

#[test]
fn every_help_jq_example_prints_what_jq_prints() {
    let examples: Vec<Example> = help_texts().iter().flat_map(|t| examples_in(t)).collect();
    assert_examples_match_jq(&examples, 3, "the help texts");
}

/// Whole outputs through `.`: every field, number and non-ASCII letter of every
/// listing and of a detail view of each kind, pretty-printed as jq does.
#[test]
fn whole_outputs_print_as_jq_prints_them() {
    for args in [
        "timeline",
        "partner",
        "org",
        "treaty",
        "partner russia",
        "org un",
        "treaty russia-friendship-1992",
        "graph",
        "graph --partner china --depth 2",
        "schema",
        "check",
    ] {
        let args: Vec<String> = args.split(' ').map(str::to_owned).collect();
        for filter in [".", ".. | numbers", "[.. | strings] | join(\"\\n\")"] {
            assert_same_as_jq(&Example {
                line: format!("kzfp {} --jq '{filter}'", args.join(" ")),
                args: args.clone(),
                filter: filter.to_owned(),
            });
        }
    }
}

#[test]
fn numbers_print_as_jq_prints_them() {
    let filter = "[1e17, 1e16, 0.00001, 0.0001, 12345678901234567890, -0.0, 1.5, 3.0, 1e300, 2.5e-7, 50000000000, 0.1 + 0.2, 1/3] | .[]";
    assert_same_as_jq(&Example {
        line: filter.to_owned(),
        args: vec!["org".to_owned()],
        filter: filter.to_owned(),
    });
}

fn stderr_of(args: &[&str]) -> (i32, String, String) {
    let output = kzfp().args(args).output().expect("kzfp runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_bad_expression_is_a_usage_error_showing_where() {
    let (code, stdout, stderr) = stderr_of(&["org", "--jq", ".[] | select(.roles"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "error: invalid expression: expected a closing parenthesis, found the end of the expression at column 20\n  .[] | select(.roles\n                     ^\n"
    );
    let (code, _, stderr) = stderr_of(&["org", "--jq", ".[] | nosuch(1)"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: invalid expression: unknown filter nosuch/1 at column 7\n"),
        "{stderr}"
    );
    let (code, _, stderr) = stderr_of(&["org", "--jq", "if . then 1"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("expected else or end"), "{stderr}");
    // Checked before the fact file is read: no base, still a usage error.
    let (code, _, stderr) = stderr_of(&["--facts", "/nonexistent", "org", "--jq", "."]);
    assert_eq!(code, 1, "a good expression reaches the file: {stderr}");
    let (code, _, _) = stderr_of(&["--facts", "/nonexistent", "org", "--jq", ".["]);
    assert_eq!(code, 2);
}

#[test]
fn a_runtime_error_is_named_and_fails() {
    // jq itself fails on it too.
    let (code, stdout, stderr) = stderr_of(&["timeline", "--jq", ".[] | .id.foo"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(
        stderr,
        "error: --jq: cannot index \"october-revolution\" with \"foo\"\n"
    );
    let (code, _, stderr) = stderr_of(&["org", "--jq", "error({reason: \"x\"})"]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "error: --jq: {\"reason\":\"x\"} (not a string)\n");
    // Results before the error are printed, as jq prints them.
    let (code, stdout, stderr) = stderr_of(&["org", "--jq", "1, error(\"stop\"), 2"]);
    assert_eq!((code, stdout.as_str()), (1, "1\n"), "{stderr}");
    assert_eq!(stderr, "error: --jq: stop\n");
}

/// `check`'s problems as JSON, through --jq: what jq prints, and still exit 1.
#[test]
fn check_problems_filter_like_jq_and_still_fail() {
    let broken = common::fixture("broken/unknown-field.toml");
    let json = kzfp()
        .args(["check", &broken, "--json"])
        .output()
        .expect("kzfp runs");
    assert_eq!(json.status.code(), Some(1));
    let filter = ".[] | \"\\(.line):\\(.column) \\(.message)\"";
    let expected = jq(&String::from_utf8_lossy(&json.stdout), &["-r"], filter);
    assert!(!expected.is_empty());
    let (code, stdout, _) = stderr_of(&["check", &broken, "--jq", filter]);
    assert_eq!((code, stdout), (1, expected));
}

#[test]
fn halt_error_exits_as_jq_does() {
    let (code, stdout, stderr) = stderr_of(&["org", "--jq", "\"bye\\n\" | halt_error(3)"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (3, "", "bye\n"));
}

#[test]
fn jq_needs_json_output() {
    for format in ["table", "csv", "tsv", "jsonl"] {
        let (code, stdout, stderr) = stderr_of(&["org", "--format", format, "--jq", ".[0].id"]);
        assert_eq!(code, 2, "--format {format}: {stderr}");
        assert!(stdout.is_empty());
        assert_eq!(
            stderr,
            format!("error: --jq filters JSON output: it cannot be used with --format {format}\n")
        );
    }
    for args in [
        &["org", "--format", "json", "--jq", ".[0].id"][..],
        &["org", "-o", "json", "--jq", ".[0].id"],
        &["org", "--json", "--jq", ".[0].id"],
        &["--jq", ".[0].id", "org"],
    ] {
        let first = common::kzfp_jq(&["org", "--json"], ".[0].id");
        assert_eq!(common::stdout(args), format!("{first}\n"), "{args:?}");
    }
    for args in [
        &["man", "--jq", "."][..],
        &["completions", "bash", "--jq", "."],
    ] {
        let (code, stdout, stderr) = stderr_of(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty());
        assert!(
            stderr.starts_with("error: --jq does nothing with `kzfp "),
            "{stderr}"
        );
    }
}

/// Raw strings show control characters in caret form; JSON escapes them.
#[test]
fn controls_from_the_data_never_reach_the_terminal() {
    let controls = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_input/controls.toml");
    for filter in [
        ".[] | .name",
        ".",
        ".[] | [.name]",
        "[.[] | .name] | join(\" \")",
    ] {
        let output = kzfp()
            .args(["--facts", controls, "partner", "--jq", filter])
            .output()
            .expect("kzfp runs");
        assert!(output.status.success(), "{filter}");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{filter}: a raw control character in {text:?}"
        );
        assert!(
            text.contains("^[") || text.contains("\\u001b"),
            "{filter}: {text}"
        );
    }
}

#[test]
fn the_example_reader_reads_shell_words() {
    assert_eq!(
        words(r#"kzfp org BM --json | jq -r .joined  # the "Turkish" acronym"#),
        ["kzfp", "org", "BM", "--json", "|", "jq", "-r", ".joined"]
    );
    assert_eq!(
        words(r#"kzfp org --jq ".[] | \"\(.id)\"" 'a|b'"#),
        ["kzfp", "org", "--jq", r#".[] | "\(.id)""#, "a|b"]
    );
    assert_eq!(
        words("kzfp org --jq '.[] |   .id'   the same, built in"),
        ["kzfp", "org", "--jq", ".[] |   .id"]
    );
    let e = example("  kzfp org -s 'x y' --json | jq '.[]'").expect("an example");
    assert_eq!(
        (e.args, e.filter),
        (vec!["org".into(), "-s".into(), "x y".into()], ".[]".into())
    );
    assert!(example("kzfp check my.toml").is_none());
    assert!(example("jq '.x' F.json").is_none());
}
