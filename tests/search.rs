//! Search and lookup on the shipped base, through the binary: every event that
//! names China in either language is found by `-s Çin` and by `-s china`, and
//! nothing else; Turkish suffixes after an apostrophe are found by the bare name;
//! every org's full name in either language finds it; `--org un` takes in the
//! UN's bodies.

#![cfg(test)]

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

/// The orgs of the shipped base, as JSON objects.
fn orgs() -> Vec<Value> {
    match serde_json::from_str(&stdout(&["org", "--json"])).expect("org --json is JSON") {
        Value::Array(orgs) => orgs,
        other => panic!("not an array: {other}"),
    }
}

#[test]
fn every_orgs_full_name_in_either_language_finds_it() {
    for org in orgs() {
        for field in ["name", "name_tr"] {
            let name = org[field].as_str().expect("a name");
            let found = common::kzfp_jq(&["org", name, "--json"], ".id");
            assert_eq!(found, id(&org), "kzfp org '{name}'");
        }
    }
}

#[test]
fn org_un_takes_in_every_body_whose_parent_chain_reaches_the_un() {
    let orgs = orgs();
    let parent = |id: &str| -> Option<String> {
        let org = orgs.iter().find(|o| o["id"] == id)?;
        org["parent"].as_str().map(str::to_owned)
    };
    let under_un = |id: &str| {
        let mut at = Some(id.to_owned());
        while let Some(org) = at {
            if org == "un" {
                return true;
            }
            at = parent(&org);
        }
        false
    };
    let expected: Vec<String> = events(&[])
        .iter()
        .filter(|e| strings(&e["orgs"]).iter().any(|o| under_un(o)))
        .map(id)
        .collect();
    let only_un = events(&[])
        .iter()
        .filter(|e| strings(&e["orgs"]).contains(&"un"))
        .count();
    assert!(expected.len() > only_un, "the base has events of UN bodies");
    let found: Vec<String> = events(&["--org", "un"]).iter().map(id).collect();
    assert_eq!(found, expected);
}

/// The ids of the events `kzfp search --kind event` finds for `term`.
fn found_by_search(term: &str) -> Vec<String> {
    let out = stdout(&["search", "--kind", "event", "--json", term]);
    let Value::Array(records) = serde_json::from_str(&out).expect("search --json is JSON") else {
        panic!("not an array: {out}");
    };
    let mut ids: Vec<String> = records.iter().map(id).collect();
    ids.sort();
    ids
}

/// `-s` on a listing takes a short cut (texts that cannot hold a term are not
/// read, names of referred records are matched once per run); `kzfp search`
/// reads every text. Both must find the same events for every kind of term: a
/// sample of the base's own words, in both languages, spelling variants,
/// hyphened prefixes, names in the other language, phrases, and words of one
/// or two letters.
#[test]
fn a_listing_search_finds_what_kzfp_search_finds() {
    let all = events(&[]);
    let mut sample: Vec<String> = all.iter().flat_map(words).collect();
    sample.sort();
    sample.dedup();
    let every = (sample.len() / 150).max(1);
    let mut terms: Vec<String> = sample.into_iter().step_by(every).collect();
    terms.extend(
        [
            "çin",
            "china",
            "Rusya",
            "russia",
            "cooperation",
            "co-operation",
            "organization",
            "organisation",
            "defense",
            "neighbor",
            "center",
            "\"nuclear weapons\"",
            "a",
            "un",
            "1992",
            "ab",
            "şanghay",
            "ŞİÖ",
            "ШОС",
            "Ресей",
            "ıran",
            "İran",
            "antinuclear",
            "kazakhstan russia",
            "us",
        ]
        .map(str::to_owned),
    );
    let mut differ = Vec::new();
    for term in &terms {
        let mut listed: Vec<String> = events(&["-s", term]).iter().map(id).collect();
        listed.sort();
        if listed != found_by_search(term) {
            differ.push(term.clone());
        }
    }
    assert!(
        differ.is_empty(),
        "timeline -s and search differ on {differ:?}"
    );
    assert!(terms.len() > 150, "only {} terms", terms.len());
}

/// `kzfp search … --sort date` puts every record in the order of the date it
/// is listed by (an event's date, a treaty's signing, an org's joining), the
/// undated (partners) last, and `--reverse` turns the dated ones round, the
/// undated still last. A record without any date field once compared equal to
/// everything, which left most of the listing in rank order.
#[test]
fn search_sorted_by_date_is_in_date_order_both_ways() {
    for reverse in [false, true] {
        let mut args = vec!["search", "russia", "--sort", "date", "--json"];
        args.extend(reverse.then_some("--reverse"));
        args.extend(["--fields", "kind,id,date"]);
        let out = stdout(&args);
        let Value::Array(records) = serde_json::from_str(&out).expect("search --json is JSON")
        else {
            panic!("not an array: {out}");
        };
        let dates: Vec<Option<&str>> = records.iter().map(|r| r["date"].as_str()).collect();
        let dated = dates.iter().take_while(|d| d.is_some()).count();
        assert!(dated > 50, "only {dated} dated records first: {dates:?}");
        assert!(
            dates[dated..].iter().all(Option::is_none),
            "undated records before dated ones: {dates:?}"
        );
        let mut sorted: Vec<&str> = dates.iter().flatten().copied().collect();
        sorted.sort();
        if reverse {
            sorted.reverse();
        }
        let dates: Vec<&str> = dates.iter().flatten().copied().collect();
        assert_eq!(dates, sorted, "reverse: {reverse}");
        let kinds: Vec<&str> = records.iter().filter_map(|r| r["kind"].as_str()).collect();
        assert!(
            kinds.contains(&"partner") && kinds.contains(&"treaty"),
            "{kinds:?}"
        );
    }
}

/// The cells of a Markdown table, row by row, the header left out.
fn markdown_rows(args: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec!["--format", "markdown"];
    all.extend_from_slice(args);
    stdout(&all)
        .lines()
        .skip(2)
        .map(|line| {
            let line = line.trim().trim_start_matches('|').trim_end_matches('|');
            line.split(" | ").map(|c| c.trim().to_owned()).collect()
        })
        .collect()
}

/// `kzfp search` is a listing like the others: under `--lang tr` an event's
/// `title` reads as the timeline shows it (its Turkish twin), whether the column
/// is `title` or `name`; `name` and `date` are drawn from the record's own fields.
#[test]
fn search_shows_an_events_cells_as_the_timeline_does() {
    let timeline: Vec<Vec<String>> =
        markdown_rows(&["--lang", "tr", "timeline", "--fields", "id,title,date"]);
    let found = markdown_rows(&[
        "--lang",
        "tr",
        "search",
        "nuclear",
        "--kind",
        "event",
        "--fields",
        "id,title,name,date",
    ]);
    assert!(found.len() > 5, "{found:?}");
    for row in &found {
        let listed = timeline
            .iter()
            .find(|t| t[0] == row[0])
            .unwrap_or_else(|| panic!("{} is not in the timeline", row[0]));
        assert_eq!(row[1], listed[1], "title of {}", row[0]);
        assert_eq!(row[2], listed[1], "name of {}", row[0]);
        assert_eq!(row[3], listed[2], "date of {}", row[0]);
    }
    let english = markdown_rows(&["timeline", "--fields", "id,title"]);
    let translated = found
        .iter()
        .filter(|row| !english.iter().any(|e| e[1] == row[1]));
    assert!(
        translated.count() > 5,
        "the titles are not in Turkish: {found:?}"
    );
}
