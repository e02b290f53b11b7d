//! The shipped fact base carries the corrected facts: every row of Summary B in
//! `docs/seed/claims.md` (the copy of `shared/seed/claims.md`) has a check in `tests/corrections.toml`, and each check
//! (`kzfp <args> | jq -e <filter>`) holds. Also: every claim 1..146 is carried by
//! a record, and every record names its source.

#![cfg(test)]

mod common;

use common::{claims_md, jq, kzfp_jq, stdout};
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize)]
struct Checks {
    check: Vec<Check>,
}

#[derive(Deserialize)]
struct Check {
    row: u32,
    claims: Vec<u32>,
    what: String,
    args: Vec<String>,
    jq: String,
}

fn checks() -> Vec<Check> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corrections.toml"
    ))
    .expect("tests/corrections.toml");
    toml::from_str::<Checks>(&text)
        .expect("corrections.toml parses")
        .check
}

#[test]
fn the_copy_of_the_seed_is_current() {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed/claims.md");
    // shared/ sits beside the repository on the team's machines; a plain clone
    // elsewhere has only the copy.
    if let Ok(original) = std::fs::read_to_string(shared) {
        assert!(
            original == claims_md(),
            "docs/seed/claims.md differs from {shared}: copy it again"
        );
    }
}

/// The row numbers of Summary B's table.
fn summary_b_rows() -> BTreeSet<u32> {
    let text = claims_md();
    let section = text
        .split("## Summary B")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("claims.md has a Summary B");
    section
        .lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|line| line.split(" |").next()?.trim().parse().ok())
        .collect()
}

#[test]
fn every_summary_b_row_has_a_check() {
    let rows = summary_b_rows();
    assert_eq!(rows.len(), 34, "Summary B has 34 rows");
    let checked: BTreeSet<u32> = checks().iter().map(|c| c.row).collect();
    let missing: Vec<_> = rows.difference(&checked).collect();
    assert!(missing.is_empty(), "rows without a check: {missing:?}");
}

#[test]
fn the_fact_base_carries_every_correction() {
    let mut failures = Vec::new();
    for check in checks() {
        let args: Vec<&str> = check.args.iter().map(String::as_str).collect();
        let verdict = jq(&stdout(&args), &["-e"], &check.jq);
        if verdict.trim() != "true" {
            failures.push(format!(
                "row {} (claims {:?}): {}: got {}",
                check.row,
                check.claims,
                check.what,
                verdict.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const EVERY_RECORD: [&[&str]; 4] = [
    &["timeline", "--json"],
    &["partner", "--json"],
    &["org", "--json"],
    &["treaty", "--json"],
];

#[test]
fn every_claim_is_carried_by_a_queryable_record() {
    let mut carried = BTreeSet::new();
    for args in EVERY_RECORD {
        for claim in kzfp_jq(args, ".[].claims[]").lines() {
            carried.insert(claim.parse::<u32>().expect("claim numbers"));
        }
    }
    let missing: Vec<u32> = (1..=146).filter(|c| !carried.contains(c)).collect();
    assert!(missing.is_empty(), "claims no record carries: {missing:?}");
}

#[test]
fn every_record_names_an_article_section_or_an_outside_basis() {
    let text = claims_md();
    let headings: BTreeSet<&str> = text
        .lines()
        .filter(|l| l.starts_with("## ") && l.contains('«'))
        .filter_map(|l| l.split('«').nth(1)?.split('»').next())
        .collect();
    assert_eq!(headings.len(), 12, "claims.md has 12 article headings");
    for args in EVERY_RECORD {
        for source in kzfp_jq(args, ".[].source").lines() {
            assert!(
                names_a_source(&headings, source),
                "{args:?}: source {source:?} is neither a heading, 'outside: <basis>' nor '<heading>; outside: <basis>'"
            );
        }
    }
}

/// A heading of the article, an outside basis, or a heading whose record also
/// carries outside facts, with their basis: `<heading>; outside: <basis>`.
fn names_a_source(headings: &BTreeSet<&str>, source: &str) -> bool {
    let outside = |s: &str| {
        s.strip_prefix("outside: ")
            .is_some_and(|b| !b.trim().is_empty())
    };
    headings.contains(source)
        || outside(source)
        || source
            .split_once("; ")
            .is_some_and(|(heading, rest)| headings.contains(heading) && outside(rest))
}

#[test]
fn every_record_has_english_and_turkish_text() {
    for args in EVERY_RECORD {
        let empty = kzfp_jq(
            args,
            r#".[] | select([.name // .title, .name_tr // .title_tr, .summary, .summary_tr] | any(. == null or . == "")) | .id"#,
        );
        assert!(empty.is_empty(), "{args:?}: records missing text: {empty}");
    }
}
