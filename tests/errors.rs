//! Errors that help, through the binary: each says what was wrong and what to
//! type instead, in a few lines, with nothing that can drive the terminal. The
//! cases without environment or input live in tests/cmd/errors.md.

#![cfg(test)]

mod common;
use common::{fixture, kzfp};
use std::time::Instant;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut assert_cmd::Command) -> Run {
    let out = cmd.output().expect("kzfp runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A few lines, no raw control characters.
fn assert_readable(stderr: &str) {
    assert!(stderr.lines().count() <= 6, "too long:\n{stderr}");
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "raw control in:\n{stderr:?}"
    );
}

#[test]
fn a_huge_argument_is_quoted_short() {
    let huge = "x".repeat(100_000);
    for args in [
        vec!["timeline", "--from", huge.as_str()],
        vec!["partner", huge.as_str()],
        vec!["timeline", "--fields", huge.as_str()],
        vec!["timeline", "--limit", huge.as_str()],
    ] {
        let out = run(kzfp().args(&args));
        assert!(out.code == 1 || out.code == 2, "{args:?}: {}", out.code);
        assert!(
            out.stderr.len() < 600,
            "{} bytes: {}",
            out.stderr.len(),
            &out.stderr[..300]
        );
        assert!(out.stderr.contains("(100000 characters)"), "{}", out.stderr);
        assert_readable(&out.stderr);
    }
}

#[test]
fn a_control_in_a_long_argument_is_escaped() {
    let hostile = format!("\u{1b}[2J{}", "y".repeat(200));
    let out = run(kzfp().args(["timeline", "--to", hostile.as_str()]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("^[[2J"), "{}", out.stderr);
    assert_readable(&out.stderr);
}

#[test]
fn facts_dash_reads_standard_input() {
    let out = run(kzfp()
        .args(["--facts", "-", "partner", "--fields", "id", "--no-headers"])
        .pipe_stdin(fixture("basic.toml"))
        .expect("fixture"));
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "russia\nchina\nturkey\ncentral-asia\n"),
        "{}",
        out.stderr
    );
    let out = run(kzfp()
        .args(["check", "-"])
        .pipe_stdin(fixture("basic.toml"))
        .expect("fixture"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("standard input: ok"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_missing_file_from_the_environment_says_so() {
    let out = run(kzfp()
        .env("KZFP_FACTS", "/no/such/facts.toml")
        .arg("timeline"));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("/no/such/facts.toml: cannot read: no such file"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("comes from KZFP_FACTS"),
        "{}",
        out.stderr
    );
    assert_readable(&out.stderr);
    // Typed on the line, the path needs no such note.
    let out = run(kzfp().args(["--facts", "/no/such/facts.toml", "timeline"]));
    assert!(!out.stderr.contains("KZFP_FACTS"), "{}", out.stderr);
}

#[test]
fn a_device_or_endless_stream_is_refused_at_once() {
    let started = Instant::now();
    let out = run(kzfp().args(["--facts", "/dev/zero", "timeline"]));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("/dev/zero: is a device, not a fact file"),
        "{}",
        out.stderr
    );
    // Piped zeros: refused at the first block, not read to the 2 GiB limit.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kzfp"))
        .args(["--facts", "-", "timeline"])
        .stdin(
            std::fs::File::open("/dev/zero")
                .map(std::process::Stdio::from)
                .expect("/dev/zero"),
        )
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("kzfp runs");
    let status = child.wait().expect("kzfp ends");
    assert_eq!(status.code(), Some(1));
    // Not a timed test of speed: a bound far above the milliseconds it takes,
    // that reading 2 GiB (seconds) would still miss.
    assert!(started.elapsed().as_secs() < 20);
}

/// `kzfp args` fails with `code`, and stderr holds every one of `wanted`.
fn says(args: &[&str], code: i32, wanted: &[&str]) {
    let out = run(kzfp().args(args));
    assert_eq!(out.code, code, "kzfp {args:?}: {}", out.stderr);
    for want in wanted {
        assert!(
            out.stderr.contains(want),
            "kzfp {args:?} does not say {want:?}:\n{}",
            out.stderr
        );
    }
    assert_readable(&out.stderr);
}

#[test]
fn a_month_past_12_is_named() {
    says(&["timeline", "--from", "2014-13"], 2, &["no month 13"]);
    says(&["org", "--to", "2014-00-01"], 2, &["no month 00"]);
}

#[test]
fn two_years_joined_by_a_dash_point_to_from_and_to() {
    says(
        &["timeline", "--from", "2014-2016"],
        2,
        &["--from 2014 --to 2016"],
    );
}

#[test]
fn a_date_given_to_timeline_points_to_from() {
    says(
        &["timeline", "2014"],
        2,
        &["kzfp timeline --from 2014 --to 2014"],
    );
    says(
        &["treaty", "1899"],
        1,
        &["kzfp treaty --from 1899 --to 1899"],
    );
}

#[test]
fn a_long_option_with_one_dash_is_named_before_it_is_misread() {
    says(
        &["timeline", "-from", "2014"],
        2,
        &["--from", "reads as -f rom"],
    );
    says(&["org", "-json"], 2, &["two dashes, --json"]);
}

#[test]
fn several_search_words_are_told_to_be_quoted() {
    says(
        &["timeline", "-s", "russia", "turkey"],
        2,
        &["quote them", "kzfp timeline -s 'russia turkey'"],
    );
}

#[test]
fn an_image_format_for_graph_points_to_dot() {
    says(
        &["graph", "--format", "png"],
        2,
        &[
            "not a format of graph",
            "dot, mermaid, json",
            "kzfp graph | dot -Tpng",
        ],
    );
    let out = run(kzfp().args(["graph", "--format", "png"]));
    assert!(!out.stderr.contains("markdown"), "{}", out.stderr);
}

#[test]
fn fixed_values_ignore_case() {
    for args in [
        &["org", "--lang", "TR", "--limit", "1"][..],
        &["org", "--color", "NEVER", "--limit", "1"],
        &["org", "--format", "JSON", "--limit", "1"],
    ] {
        let out = run(kzfp().args(args));
        assert_eq!(out.code, 0, "kzfp {args:?}: {}", out.stderr);
    }
}

#[test]
fn a_partner_given_as_a_treaty_points_to_partner() {
    // Under the list of the treaties the name fits.
    let out = run(kzfp().args(["treaty", "china"]));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .trim_end()
            .ends_with("kzfp treaty --partner china"),
        "{}",
        out.stderr
    );
    says(
        &["treaty", "shanghai cooperation organisation"],
        1,
        &["kzfp treaty --org sco"],
    );
}

#[test]
fn a_misspelt_org_suggests_the_names_that_look_like_it() {
    says(&["org", "shangai"], 1, &["'shanghai-five'", "'sco'"]);
}
