//! `-s/--search` on the shipped base, through the binary: every event that names
//! China in either language is found by `-s Çin` and by `-s china`, and nothing
//! else; Turkish suffixes after an apostrophe are found by the bare name.

mod common;

use common::stdout;
use serde_json::Value;

/// Every event of the shipped base, as JSON objects.
fn events(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["timeline", "--json"];
    all.extend_from_slice(args);
    match serde_json::from_str(&stdout(&all)).expect("timeline --json is JSON") {
        Value::Array(events) => events,
        other => panic!("not an array: {other}"),
    }
}

fn id(event: &Value) -> String {
    event["id"].as_str().expect("an id").to_owned()
}

/// Every string inside a JSON value.
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// The words of the event's texts, split at anything but a letter or digit.
fn words(event: &Value) -> Vec<String> {
    strings(event)
        .iter()
        .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Names China: China among its partners, or `China`/`Chinese`, `Çin` (with any
/// suffix, `Çin'e`, `Çinli`) in its text. `için` and `sürecinde` do not count.
fn names_china(event: &Value) -> bool {
    let partner = strings(&event["partners"]).contains(&"china");
    partner
        || words(event)
            .iter()
            .any(|w| w == "China" || w == "Chinese" || w.starts_with("Çin"))
}

#[test]
fn cin_and_china_find_every_event_that_names_china() {
    let all = events(&[]);
    let expected: Vec<String> = all.iter().filter(|e| names_china(e)).map(id).collect();
    assert!(
        expected.len() >= 4,
        "the shipped base names China: {expected:?}"
    );
    let holds_icin = all
        .iter()
        .filter(|e| {
            words(e).iter().any(|w| {
                let w = w.to_lowercase();
                w.find("çin")
                    .or_else(|| w.find("cin"))
                    .is_some_and(|at| at > 0)
            })
        })
        .count();
    assert!(holds_icin >= 5, "için, sürecinde and kin are in the base");
    for query in ["Çin", "çin", "CIN", "china", "China"] {
        let found: Vec<String> = events(&["-s", query]).iter().map(id).collect();
        assert_eq!(found, expected, "-s {query}");
    }
}

#[test]
fn a_bare_name_finds_its_apostrophe_suffixes() {
    let all = events(&[]);
    let with_suffix: Vec<String> = all
        .iter()
        .filter(|e| {
            words(e).iter().any(|w| w == "Rusya") && strings(e).iter().any(|s| s.contains("Rusya'"))
        })
        .map(id)
        .collect();
    assert!(!with_suffix.is_empty(), "the base has Rusya'nın and kin");
    let found: Vec<String> = events(&["-s", "rusya"]).iter().map(id).collect();
    for id in &with_suffix {
        assert!(found.contains(id), "-s rusya misses {id}");
    }
    let phrase: Vec<String> = events(&["-s", "Rusya'nın"]).iter().map(id).collect();
    assert!(!phrase.is_empty() && phrase.iter().all(|id| found.contains(id)));
}

#[test]
fn a_quoted_phrase_matches_in_order() {
    let found: Vec<String> = events(&["-s", "\"astana talks\""]).iter().map(id).collect();
    assert_eq!(found, ["astana-talks-syria"]);
    let reversed = events(&["-s", "\"talks astana\""]);
    assert!(reversed.is_empty());
}
