//! Relations with their dates, through the binary: `--at` on org, treaty,
//! partner and graph; cards that show the history compactly; JSON that carries
//! every period; treaties listed and filtered by Kazakhstan's own date; and
//! `check`'s rules for periods, each on a copy of `tests/fixtures/periods.toml`
//! broken one way.
#![cfg(test)]

mod common;

use common::{fixture, kzfp, kzfp_jq, stdout};
use std::path::PathBuf;

const FIXTURE: &str = "periods.toml";

/// stdout of `kzfp --facts periods.toml args`, which must succeed.
fn run(args: &[&str]) -> String {
    let path = fixture(FIXTURE);
    let mut all = vec!["--facts", path.as_str()];
    all.extend_from_slice(args);
    stdout(&all)
}

fn members(org: &str, at: &str) -> String {
    run(&[
        "org",
        org,
        "--at",
        at,
        "--json",
        "--jq",
        ".members | join(\",\")",
    ])
    .trim()
    .to_owned()
}

#[test]
fn at_lists_the_members_of_that_date() {
    assert_eq!(members("alliance", "1980"), "");
    assert_eq!(members("alliance", "2000"), "russia");
    assert_eq!(members("alliance", "2008"), "russia,uzbekistan");
    // An observer is no member; the year it became one, it is.
    assert_eq!(members("alliance", "2013"), "russia");
    assert_eq!(members("alliance", "2023"), "russia,iran");
    // Without --at: the members now.
    assert_eq!(
        run(&["org", "alliance", "--jq", ".members | join(\",\")"]).trim(),
        "russia,iran"
    );
}

#[test]
fn the_shipped_base_answers_as_of_a_date() {
    let csto = stdout(&["org", "csto", "--at", "2008", "--jq", ".members[]"]);
    assert!(csto.lines().any(|l| l == "uzbekistan"), "{csto}");
    let csto_now = stdout(&["org", "csto", "--jq", ".members[]"]);
    assert!(!csto_now.lines().any(|l| l == "uzbekistan"), "{csto_now}");
    let sco = stdout(&["org", "sco", "--at", "2010", "--jq", ".members[]"]);
    assert!(!sco.lines().any(|l| l == "india"), "{sco}");
    assert!(sco.lines().any(|l| l == "uzbekistan"), "{sco}");
    let sco_now = stdout(&["org", "sco", "--jq", ".members[]"]);
    assert!(sco_now.lines().any(|l| l == "india"), "{sco_now}");
}

#[test]
fn a_card_shows_the_history_compactly() {
    let card = run(&["org", "alliance"]);
    let history: Vec<&str> = card
        .lines()
        .skip_while(|l| !l.starts_with("MEMBERS_HISTORY"))
        .take(2)
        .collect();
    assert_eq!(
        history,
        [
            "MEMBERS_HISTORY  uzbekistan 1992–1999, 2006–2012",
            "                 iran observer 2005–2023, member 2023–",
        ],
        "{card}"
    );
    assert!(card.contains("MEMBERS          russia, iran"), "{card}");
    let turkish = run(&["org", "alliance", "--lang", "tr"]);
    assert!(
        turkish.contains("iran gözlemci 2005–2023, üye 2023–"),
        "{turkish}"
    );
    let markdown = run(&["org", "alliance", "--format", "markdown"]);
    assert!(
        markdown.contains("uzbekistan 1992–1999, 2006–2012"),
        "{markdown}"
    );
}

#[test]
fn json_carries_every_period_with_its_status() {
    let periods = run(&[
        "org",
        "alliance",
        "--jq",
        r#".members_history[] | "\(.id) \(.status) \(.since) \(.until)""#,
    ]);
    assert_eq!(
        periods.lines().collect::<Vec<_>>(),
        [
            "russia member null null",
            "uzbekistan member 1992-05-15 1999-04-02",
            "uzbekistan member 2006-08-16 2012-12-19",
            "iran observer 2005-07-05 2023-07-04",
            "iran member 2023-07-04 null",
        ]
    );
    // jq reads the same through a pipe.
    let path = fixture(FIXTURE);
    let party = kzfp_jq(
        &["--facts", &path, "treaty", "old-treaty", "--json"],
        ".parties_history[1].status",
    );
    assert_eq!(party.trim(), "signatory");
}

#[test]
fn a_partner_card_lists_its_memberships_with_periods() {
    let card = run(&["partner", "uzbekistan"]);
    let org = card
        .lines()
        .find(|l| l.starts_with("alliance"))
        .expect("the alliance among uzbekistan's orgs");
    assert!(org.ends_with("1992–1999, 2006–2012"), "{org}");
    let json = run(&[
        "partner",
        "uzbekistan",
        "--jq",
        r#".related.orgs[0].periods | map("\(.since)/\(.until)") | join(" ")"#,
    ]);
    assert_eq!(json.trim(), "1992-05-15/1999-04-02 2006-08-16/2012-12-19");
    // As of 2000 it was in no org.
    let then = run(&[
        "partner",
        "uzbekistan",
        "--at",
        "2000",
        "--jq",
        ".related.orgs | length",
    ]);
    assert_eq!(then.trim(), "0");
    let shipped = stdout(&["partner", "uzbekistan"]);
    let csto = shipped
        .lines()
        .find(|l| l.starts_with("csto "))
        .expect("csto");
    assert!(csto.ends_with("1992–1999, 2006–2012"), "{csto}");
}

#[test]
fn treaties_go_by_kazakhstans_own_date() {
    // Signed 1968, acceded 1994: after a treaty signed in 1992.
    assert_eq!(
        run(&["treaty", "--jq", ".[].id"])
            .lines()
            .collect::<Vec<_>>(),
        ["mid-treaty", "old-treaty"]
    );
    assert_eq!(
        run(&["treaty", "--to", "1990", "--jq", ".[].id"]).trim(),
        ""
    );
    assert_eq!(
        run(&["treaty", "--from", "1994", "--jq", ".[].id"]).trim(),
        "old-treaty"
    );
    assert_eq!(
        run(&["treaty", "--from", "1993", "--to", "1995", "--jq", ".[].id"]).trim(),
        "old-treaty"
    );
    let card = run(&["treaty", "old-treaty"]);
    assert!(card.contains("SIGNED           1968-07-01"), "{card}");
    assert!(card.contains("ACCEDED          1994-02-14"), "{card}");
    // The shipped NPT: Kazakhstan acceded in 1994, not 1968.
    let npt = stdout(&[
        "treaty",
        "--partner",
        "china",
        "--from",
        "1968",
        "--to",
        "1970",
        "--jq",
        ".[].id",
    ]);
    assert!(!npt.lines().any(|l| l == "npt"), "{npt}");
}

#[test]
fn a_term_that_ended_reads_as_ended() {
    let card = run(&["org", "council"]);
    assert!(
        card.lines()
            .any(|l| l.starts_with("LEFT ") && l.trim_end().ends_with(" 2018-12-31")),
        "{card}"
    );
    assert_eq!(
        run(&["org", "--at", "2018", "--jq", ".[].id"]).trim(),
        "alliance\ncouncil"
    );
    assert_eq!(
        run(&["org", "--at", "2020", "--jq", ".[].id"]).trim(),
        "alliance"
    );
    let unsc = stdout(&["org", "unsc", "--jq", ".left"]);
    assert_eq!(unsc.trim(), "2018-12-31");
    // An expired treaty is not in force as of a later date.
    assert_eq!(
        run(&["treaty", "--at", "2010", "--jq", ".[].id"]).trim(),
        "old-treaty"
    );
}

#[test]
fn graph_edges_carry_the_periods() {
    let edges = run(&[
        "graph",
        "--org",
        "alliance",
        "--json",
        "--jq",
        r#".edges[] | select(.to == "partner:iran" and .relation == "member") | "\(.status) \(.since) \(.until)""#,
    ]);
    assert_eq!(
        edges.lines().collect::<Vec<_>>(),
        ["observer 2005-07-05 2023-07-04", "member 2023-07-04 null"]
    );
    let at = run(&[
        "graph",
        "--org",
        "alliance",
        "--at",
        "2000",
        "--json",
        "--jq",
        r#"[.edges[] | select(.relation == "member") | .to] | join(",")"#,
    ]);
    assert_eq!(at.trim(), "country:kazakhstan,partner:russia");
    let dot = run(&["graph", "--org", "alliance"]);
    assert!(dot.contains("member 1992–1999, 2006–2012"), "{dot}");
}

/// A copy of the fixture with `from` replaced by `to`.
fn broken(test: &str, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixture(FIXTURE)).expect("fixture");
    assert!(text.contains(from), "{from}");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("periods");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(format!("{test}.toml"));
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    path
}

/// `kzfp check` on the fixture broken one way: exit 1 and the message, at the
/// line of the change (its last line).
fn refused(test: &str, from: &str, to: &str, message: &str) {
    refused_at(test, from, to, message, to.lines().last().unwrap_or(to));
}

/// The same, the message at the line holding `line_of`.
fn refused_at(test: &str, from: &str, to: &str, message: &str, line_of: &str) {
    let path = broken(test, from, to);
    let output = kzfp().arg("check").arg(&path).output().expect("kzfp runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{test}: {stderr}");
    assert!(
        stderr.contains(message),
        "{test}: expected {message:?} in {stderr}"
    );
    let text = std::fs::read_to_string(&path).expect("read");
    let line = text
        .lines()
        .position(|l| l.contains(line_of))
        .map_or(0, |i| i + 1);
    let at = format!("{}:{line}:", path.display());
    assert!(stderr.contains(&at), "{test}: expected {at} in {stderr}");
}

#[test]
fn check_refuses_an_impossible_date_in_a_period() {
    refused(
        "impossible",
        r#"since = "2006-08-16""#,
        r#"since = "2006-02-30""#,
        "no such day in the calendar",
    );
}

#[test]
fn check_refuses_a_period_that_ends_before_it_begins() {
    refused(
        "reversed",
        r#"since = "2006-08-16", until = "2012-12-19""#,
        r#"since = "2006-08-16", until = "2005-12-19""#,
        "`until` 2005-12-19 is before `since` 2006-08-16",
    );
}

#[test]
fn check_refuses_overlapping_periods() {
    refused(
        "overlap",
        r#"since = "2006-08-16""#,
        r#"since = "1998-08-16""#,
        "uzbekistan's periods in `members` overlap or are out of order",
    );
}

#[test]
fn check_refuses_an_open_period_followed_by_another() {
    refused(
        "open",
        r#"{ id = "uzbekistan", since = "1992-05-15", until = "1999-04-02" }"#,
        r#"{ id = "uzbekistan", since = "1992-05-15" }"#,
        "uzbekistan has several periods in `members`: each but the last needs `until`",
    );
}

#[test]
fn check_refuses_a_period_before_the_body_was_founded() {
    refused(
        "before-founding",
        r#"since = "1992-05-15", until = "1999-04-02""#,
        r#"since = "1990-05-15", until = "1999-04-02""#,
        "uzbekistan's `since` 1990-05-15 is before the body was founded (1992-05-15)",
    );
}

#[test]
fn check_refuses_a_period_after_the_body_was_dissolved() {
    refused_at(
        "after-dissolution",
        "founded = \"1992-05-15\"\n",
        "founded = \"1992-05-15\"\ndissolved = \"2020\"\n",
        "iran's `since` 2023-07-04 is after the body was dissolved (2020)",
        r#"{ id = "iran", since = "2023-07-04" }"#,
    );
}

#[test]
fn check_refuses_a_status_outside_the_declared_set() {
    refused(
        "status",
        r#"status = "observer""#,
        r#"status = "friend""#,
        "unknown variant `friend`, expected one of `member`, `observer`, `associate`, `dialogue-partner`, `suspended`",
    );
    // A treaty's word is no member's.
    refused(
        "party-status",
        r#"status = "observer""#,
        r#"status = "signatory""#,
        "unknown variant `signatory`",
    );
}

#[test]
fn check_refuses_kazakhstans_dates_outside_the_record() {
    refused(
        "acceded",
        r#"acceded = "1994-02-14""#,
        r#"acceded = "1960-02-14""#,
        "`acceded` 1960-02-14 is before the treaty was signed (1968-07-01)",
    );
    refused(
        "left",
        r#"left = "2018-12-31""#,
        r#"left = "2016-12-31""#,
        "`left` 2016-12-31 is before `joined` 2017-01-01",
    );
    refused_at(
        "expired",
        r#"expired = "2009-12-05""#,
        r#"expired = "1990-12-05""#,
        "uzbekistan's `until` 1999-04-02 is after the treaty expired (1990-12-05)",
        r#"{ id = "uzbekistan", until = "1999-04-02" }"#,
    );
}

#[test]
fn check_refuses_a_malformed_relation() {
    refused_at(
        "history",
        "founded = \"1992-05-15\"\n",
        "founded = \"1992-05-15\"\nmembers_history = []\n",
        "`members_history` is what kzfp shows of `members`: give the dates in `members`",
        "members_history",
    );
    refused(
        "misspelt",
        r#"{ id = "iran", since = "2023-07-04" }"#,
        r#"{ id = "iran", sinse = "2023-07-04" }"#,
        "unknown field `sinse`; did you mean `since`?",
    );
    refused(
        "no-id",
        r#"{ id = "iran", since = "2023-07-04" }"#,
        r#"{ since = "2023-07-04" }"#,
        "missing field `id`",
    );
    refused(
        "unknown-partner",
        r#"{ id = "iran", since = "2023-07-04" }"#,
        r#"{ id = "irn", since = "2023-07-04" }"#,
        "unknown partner 'irn' in `members`; did you mean 'iran'?",
    );
    refused_at(
        "not-a-table",
        r#""russia",
  { id = "uzbekistan""#,
        r#"7,
  { id = "uzbekistan""#,
        "expected a partner id or an inline table { id, status, since, until }",
        "7,",
    );
}

/// The README's example of a card with its history and of `--at`: each `$ kzfp …`
/// line of its block is followed by what the binary prints for it.
/// `KZFP_UPDATE_DOCS=1 cargo test --test periods` rewrites the block.
#[test]
fn the_readmes_history_example_is_fresh() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme
        .find("<!-- periods:")
        .and_then(|at| {
            readme[at..]
                .find("```console\n")
                .map(|c| at + c + "```console\n".len())
        })
        .expect("the periods block in the README");
    let end = start + readme[start..].find("```\n").expect("its end");
    let block = &readme[start..end];
    let mut fresh = String::new();
    for line in block.lines().filter(|l| l.starts_with("$ kzfp ")) {
        let args: Vec<&str> = line["$ kzfp ".len()..].split(' ').collect();
        fresh.push_str(line);
        fresh.push('\n');
        fresh.push_str(&stdout(&args));
    }
    if std::env::var_os("KZFP_UPDATE_DOCS").is_some() {
        let updated = format!("{}{fresh}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
        return;
    }
    assert!(
        block == fresh,
        "README's periods block is stale: refresh with `KZFP_UPDATE_DOCS=1 cargo test --test periods`"
    );
}
