//! Users' questions from the article, each answered by one command line on the
//! shipped fact base, with jq reading the JSON as a script would.

#![cfg(test)]

mod common;

use common::{kzfp, kzfp_jq};

#[test]
fn when_did_kazakhstan_join_the_un() {
    assert_eq!(kzfp_jq(&["org", "un", "--json"], ".joined"), "1992-03-02");
    let table = String::from_utf8(kzfp().args(["org", "un"]).output().unwrap().stdout).unwrap();
    assert!(table.contains("1992-03-02"), "{table}");
}

#[test]
fn which_organisations_did_it_found() {
    let founded = kzfp_jq(
        &["org", "--json"],
        r#".[] | select(.roles | index("founder")) | .acronym"#,
    );
    for acronym in ["SCO", "CSTO", "EAEU", "CIS"] {
        assert!(
            founded.lines().any(|l| l == acronym),
            "{acronym} not in {founded}"
        );
    }
    let by_flag = kzfp_jq(&["org", "--role", "founder", "--json"], ".[].id");
    let by_jq = kzfp_jq(
        &["org", "--json"],
        r#".[] | select(.roles | index("founder")) | .id"#,
    );
    assert_eq!(by_flag, by_jq);
}

#[test]
fn what_did_it_sign_with_china() {
    let ids = kzfp_jq(&["treaty", "--partner", "china", "--json"], ".[].id");
    assert!(ids.lines().any(|id| id == "china-agreements"), "{ids}");
    let all_with_china = kzfp_jq(
        &["treaty", "--partner", "çin", "--json"],
        r#"all(.[]; .parties | index("china"))"#,
    );
    assert_eq!(all_with_china, "true");
}

#[test]
fn who_chaired_what_and_when() {
    assert_eq!(
        kzfp_jq(&["org", "unsc", "--json"], ".chaired | join(\",\")"),
        "2018-01"
    );
    assert_eq!(
        kzfp_jq(&["org", "cica", "--json"], ".name"),
        "Conference on Interaction and Confidence-Building Measures in Asia"
    );
    let chaired = kzfp_jq(&["org", "--role", "chair", "--json"], ".[].id");
    for id in ["unsc", "osce"] {
        assert!(chaired.lines().any(|l| l == id), "{id} not in {chaired}");
    }
}

#[test]
fn russia_by_any_of_its_names() {
    for name in ["russia", "RU", "rus", "rusya", "Rusya", "RUSYA"] {
        assert_eq!(
            kzfp_jq(&["partner", name, "--json"], ".id"),
            "russia",
            "{name}"
        );
    }
    for name in ["türkiye", "turkiye", "Türkiye", "TR"] {
        assert_eq!(
            kzfp_jq(&["partner", name, "--json"], ".id"),
            "turkey",
            "{name}"
        );
    }
}

#[test]
fn the_timeline_starts_with_independence_and_is_in_date_order() {
    let in_order = kzfp_jq(
        &["timeline", "--json"],
        // A reduced-precision date starts on its first day: "2012" sorts with "2012-01-01".
        r#"[.[].date | split("/")[0] | if length == 4 then . + "-01-01" elif length == 7 then . + "-01" else . end] as $d | $d == ($d | sort)"#,
    );
    assert_eq!(in_order, "true");
    let early = kzfp_jq(
        &["timeline", "--from", "1991", "--to", "1991", "--json"],
        ".[].id",
    );
    assert!(early.lines().any(|id| id == "independence"), "{early}");
}

#[test]
fn the_embedded_base_is_clean() {
    kzfp().arg("check").assert().success();
}
