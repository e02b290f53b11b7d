//! `--jq` is jq: every example of jq 1.6's manual (`tests/jq/manual-1.6.jsonl`,
//! taken from the manual's man page, `man jq`), and a case for each builtin and
//! format the manual names without an example (`tests/jq/builtins-1.6.jsonl`:
//! `@csv`, `@tsv`, `@base32`, the dates, the math functions, `INDEX`, `IN`, …),
//! run by real jq and by kzfp on the same input, must print the same bytes and
//! exit the same way. Each program reads its input as `(INPUT) | (PROGRAM)`, so
//! both read the very same value whatever kzfp's own JSON is.
//!
//! Where kzfp deliberately differs, `DIFFERENCES` says why and what kzfp prints;
//! the test holds kzfp to that, and fails when the difference is gone (so the
//! list says what is true). docs/GUIDE.md lists them for users.

#![cfg(test)]

mod common;

use common::{client, fixture, kzfp};
use serde_json::Value;

/// One case: the manual's section, the program and its input (JSON text).
struct Case {
    section: String,
    program: String,
    input: String,
}

fn cases(file: &str) -> Vec<Case> {
    let path = format!("{}/tests/jq/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"));
            let field = |name: &str| value[name].as_str().unwrap_or_default().to_owned();
            Case {
                section: field("section"),
                program: field("program"),
                input: field("input"),
            }
        })
        .collect()
}

/// Where kzfp's `--jq` deliberately prints something else than jq 1.6: the
/// program, why, and kzfp's exit code and output (stdout, then stderr).
const DIFFERENCES: &[(&str, &str, i32, &str)] = &[
    (
        r#"$__loc__"#,
        "jaq has no `$__loc__`",
        2,
        r#"error: invalid expression: unknown variable $__loc__ at column 11
  (null) | ($__loc__)
            ^
"#,
    ),
    (
        r#"try error("\($__loc__)") catch ."#,
        "jaq has no `$__loc__`",
        2,
        r#"error: invalid expression: unknown variable $__loc__ at column 24
  (null) | (try error("\($__loc__)") catch .)
                         ^
"#,
    ),
    (
        r#"[pow(2; 10), (1 | log, exp, log10, log2, exp2, exp10), (27 | cbrt)]"#,
        "jaq's `exp` and `cbrt` (Rust's) differ from C's in the last digit",
        0,
        r#"[
  1024,
  0,
  2.7182818284590455,
  0,
  0,
  2,
  10,
  3
]
"#,
    ),
    (
        r#"builtins | length > 100"#,
        "jaq has no `builtins`",
        2,
        r#"error: invalid expression: unknown filter builtins/0 at column 11
  (null) | (builtins | length > 100)
            ^
"#,
    ),
    (
        r#"try getpath(["a","b"]) catch ."#,
        "error messages are jaq's words",
        0,
        r#"cannot index 1 with "b"
"#,
    ),
    (
        r#"try ({} | @sh) catch ."#,
        "error messages are jaq's words",
        0,
        r#"cannot use {} as string
"#,
    ),
    (
        r#".[] | (1 / .)?"#,
        "jaq divides by zero (to infinity), where jq raises an error",
        0,
        r#"1
1.7976931348623157e+308
-1
"#,
    ),
    (
        r#"del(.foo)"#,
        "jaq removes an object's key by moving its last key into the place",
        0,
        r#"{
  "baz": 42,
  "bar": 9001
}
"#,
    ),
    (
        r#"del(.[1, 2])"#,
        "jaq deletes the paths one after the other: index 2 is gone once 1 is",
        1,
        r#"error: --jq: index 2 out of bounds
"#,
    ),
    (
        r#"bsearch(4) as $ix | if $ix < 0 then .[-(1+$ix)] = 4 else . end"#,
        "jaq does not grow an array by assigning past its end",
        1,
        r#"error: --jq: index 3 out of bounds
"#,
    ),
    (
        r#"match("foo (?<bar123>bar)? foo"; "ig")"#,
        "jaq leaves out a group that matched nothing",
        0,
        r#"{
  "offset": 0,
  "length": 11,
  "string": "foo bar foo",
  "captures": [
    {
      "offset": 4,
      "length": 3,
      "string": "bar",
      "name": "bar123"
    }
  ]
}
{
  "offset": 12,
  "length": 8,
  "string": "foo  foo",
  "captures": []
}
"#,
    ),
    (
        r#".[] as {$a, $b, c: {$d, $e}} ?// {$a, $b, c: [{$d, $e}]} | {$a, $b, $d, $e}"#,
        "jaq has no destructuring alternative `?//`",
        2,
        r#"error: invalid expression: expected `|`, found `?` at column 120
  ([{"a": 1, "b": 2, "c": {"d": 3, "e": 4}}, {"a": 1, "b": 2, "c": [{"d": 3, "e": 4}]}]) | (.[] as {$a, $b, c: {$d, $e}} ?// {$a, $b, c: [{$d, $e}]} | {$a, $b, $d, $e})
                                                                                                                         ^
"#,
    ),
    (
        r#".[] as {$a, $b, c: {$d}} ?// {$a, $b, c: [{$e}]} | {$a, $b, $d, $e}"#,
        "jaq has no destructuring alternative `?//`",
        2,
        r#"error: invalid expression: expected `|`, found `?` at column 116
  ([{"a": 1, "b": 2, "c": {"d": 3, "e": 4}}, {"a": 1, "b": 2, "c": [{"d": 3, "e": 4}]}]) | (.[] as {$a, $b, c: {$d}} ?// {$a, $b, c: [{$e}]} | {$a, $b, $d, $e})
                                                                                                                     ^
"#,
    ),
    (
        r#".[] as [$a] ?// [$b] | if $a != null then error("err: \($a)") else {$a,$b} end"#,
        "jaq has no destructuring alternative `?//`",
        2,
        r#"error: invalid expression: expected `|`, found `?` at column 24
  ([[3]]) | (.[] as [$a] ?// [$b] | if $a != null then error("err: \($a)") else {$a,$b} end)
                         ^
"#,
    ),
];

/// What a run printed and how it ended.
#[derive(Debug, PartialEq)]
struct Ran {
    code: i32,
    stdout: String,
}

fn jq_run(expr: &str) -> (Ran, String) {
    let output = client("jq", &["-r", "-n", expr], "", "jq");
    (
        Ran {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        },
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn kzfp_run(expr: &str) -> (Ran, String) {
    let output = kzfp()
        .args(["-f", &fixture("basic.toml"), "schema", "--jq", expr])
        .env_remove("NO_COLOR")
        .output()
        .expect("kzfp runs");
    (
        Ran {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        },
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// jq's exit code for an error while the program runs is 5, kzfp's 1 (its
/// documented code for a failed `--jq`); both print the results before it. A
/// program jq does not compile (exit 3) is a usage error to kzfp (exit 2).
fn same_ending(jq: i32, kzfp: i32) -> bool {
    jq == kzfp || (jq == 5 && kzfp == 1) || (jq == 3 && kzfp == 2)
}

fn check(file: &str) {
    let mut failures = Vec::new();
    for case in cases(file) {
        let expr = format!("({}) | ({})", case.input, case.program);
        let (theirs, their_err) = jq_run(&expr);
        let (ours, our_err) = kzfp_run(&expr);
        let shown = format!("[{}] {} on {}", case.section, case.program, case.input);
        if let Some((_, _, code, printed)) = DIFFERENCES
            .iter()
            .find(|(program, ..)| *program == case.program)
        {
            let ours_all = format!("{}{}", ours.stdout, our_err);
            if ours.code != *code || ours_all != *printed {
                failures.push(format!(
                    "{shown}\n  documented difference no longer holds: kzfp now exits {} with\n{ours_all}",
                    ours.code
                ));
            }
            if theirs.stdout == ours.stdout && same_ending(theirs.code, ours.code) {
                failures.push(format!(
                    "{shown}\n  no difference any more: drop it from DIFFERENCES"
                ));
            }
            continue;
        }
        if theirs.stdout != ours.stdout || !same_ending(theirs.code, ours.code) {
            failures.push(format!(
                "{shown}\n  jq   (exit {}): {:?} {their_err}\n  kzfp (exit {}): {:?} {our_err}",
                theirs.code, theirs.stdout, ours.code, ours.stdout
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the cases differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_example_of_the_manual_prints_as_jq_prints_it() {
    check("manual-1.6.jsonl");
}

#[test]
fn every_builtin_and_format_of_the_manual_prints_as_jq_prints_it() {
    check("builtins-1.6.jsonl");
}
