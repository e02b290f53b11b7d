//! Invariants of the shipped fact base, read as a user reads it: through the
//! binary's JSON. Each test names a class of error a fact-checker looks for (a
//! membership one side of the relation does not show, a member without a joining
//! date, a correction in one language only, a claim cited but not stated) and
//! fails on any record of that class.

#![cfg(test)]

mod common;

use common::{claims_md, stdout};
use kzfp::text::fold;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Every record a listing command prints.
fn records(command: &str) -> Vec<Value> {
    let json: Value = serde_json::from_str(&stdout(&[command, "--json"])).expect("JSON");
    json.as_array().cloned().unwrap_or_default()
}

const EVERY_KIND: [&str; 4] = ["partner", "org", "treaty", "timeline"];

fn text<'a>(record: &'a Value, key: &str) -> &'a str {
    record[key].as_str().unwrap_or_default()
}

fn id(record: &Value) -> &str {
    text(record, "id")
}

fn list(record: &Value, key: &str) -> BTreeSet<String> {
    record[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn has(record: &Value, key: &str, word: &str) -> bool {
    list(record, key).contains(word)
}

/// Records of `records` whose relation list `key` names `who` at any date (its
/// history: a former member too).
fn naming(records: &[Value], key: &str, who: &str) -> BTreeSet<String> {
    records
        .iter()
        .filter(|r| history(r, key).iter().any(|p| p.id == who))
        .map(|r| id(r).to_owned())
        .collect()
}

/// One period of a relation list's history (`members_history`), in years.
struct Held {
    id: String,
    from: i32,
    to: i32,
    /// Whether the file gives `since` and `until`.
    since: bool,
    until: bool,
}

fn year(date: &Value, default: i32) -> i32 {
    date.as_str()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
        .unwrap_or(default)
}

/// The periods of relation list `key` (`members`, `parties`), an undated end
/// standing for the record's own start or end (or for now).
fn history(record: &Value, key: &str) -> Vec<Held> {
    let start = ["founded", "signed"]
        .iter()
        .map(|f| year(&record[*f], i32::MIN))
        .max()
        .unwrap_or(i32::MIN);
    let end = ["dissolved", "expired"]
        .iter()
        .map(|f| year(&record[*f], i32::MAX))
        .min()
        .unwrap_or(i32::MAX);
    record[format!("{key}_history")]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| Held {
            id: text(p, "id").to_owned(),
            from: year(&p["since"], start),
            to: year(&p["until"], end),
            since: p["since"].is_string(),
            until: p["until"].is_string(),
        })
        .collect()
}

#[test]
fn memberships_and_parties_show_on_both_sides() {
    let orgs = records("org");
    let treaties = records("treaty");
    let mut wrong = Vec::new();
    for partner in records("partner") {
        let who = id(&partner);
        let card: Value = serde_json::from_str(&stdout(&["partner", who, "--json"])).expect("JSON");
        let shown = |kind: &str| -> BTreeSet<String> {
            card["related"][kind]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| id(r).to_owned())
                .collect()
        };
        if shown("orgs") != naming(&orgs, "members", who) {
            wrong.push(format!(
                "{who}: its card's orgs are not the orgs listing it as a member"
            ));
        }
        if shown("treaties") != naming(&treaties, "parties", who) {
            wrong.push(format!(
                "{who}: its card's treaties are not the treaties listing it as a party"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A treaty of an organisation (`orgs`) is signed by its members: a party that is
/// not a member of an org whose list is complete must be named by the org's
/// summary, which says why (a founder that left, an associate member).
#[test]
fn a_treaty_of_an_org_has_members_for_parties() {
    let orgs: BTreeMap<String, Value> = records("org")
        .into_iter()
        .map(|o| (id(&o).to_owned(), o))
        .collect();
    let names: BTreeMap<String, String> = records("partner")
        .iter()
        .map(|p| (id(p).to_owned(), text(p, "name").to_owned()))
        .collect();
    let mut wrong = Vec::new();
    for treaty in records("treaty") {
        for org in list(&treaty, "orgs").iter().filter_map(|o| orgs.get(o)) {
            if !org["member_count"].is_null() || list(org, "members").is_empty() {
                continue;
            }
            for party in list(&treaty, "parties").difference(&list(org, "members")) {
                let name = names.get(party).map_or(party.as_str(), String::as_str);
                if !text(org, "summary").contains(name) {
                    wrong.push(format!(
                        "{}: party {party} is no member of {} and its summary does not say why",
                        id(&treaty),
                        id(org)
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A treaty of an organisation and the organisation agree on dates: a party that
/// acceded or left on a date (its period's `since` or `until`) was a member of
/// the org, in some status, in that year. Dating the CSTO's members and not its
/// treaty's parties, or giving them different years, is what this catches.
#[test]
fn a_treaty_of_an_org_has_members_for_parties_at_their_dates() {
    let orgs: BTreeMap<String, Value> = records("org")
        .into_iter()
        .map(|o| (id(&o).to_owned(), o))
        .collect();
    let mut wrong = Vec::new();
    for treaty in records("treaty") {
        let parties = history(&treaty, "parties");
        for org in list(&treaty, "orgs").iter().filter_map(|o| orgs.get(o)) {
            if !org["member_count"].is_null() || history(org, "members").is_empty() {
                continue;
            }
            let members = history(org, "members");
            for party in &parties {
                for (dated, y) in [(party.since, party.from), (party.until, party.to)] {
                    let member = members
                        .iter()
                        .any(|m| m.id == party.id && m.from <= y && y <= m.to);
                    if dated && !member {
                        wrong.push(format!(
                            "{}: {} is a party in {y} but no member of {} then",
                            id(&treaty),
                            party.id,
                            id(org)
                        ));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A relation's periods are what `check` allows, seen through the JSON: a
/// partner's periods follow one another, and each lies within its record's life.
#[test]
fn relation_periods_are_in_order_within_their_records_life() {
    let mut wrong = Vec::new();
    for (command, key, start, end) in [
        ("org", "members", "founded", "dissolved"),
        ("treaty", "parties", "signed", "expired"),
    ] {
        for record in records(command) {
            let (first, last) = (year(&record[start], i32::MIN), year(&record[end], i32::MAX));
            let periods = history(&record, key);
            for (i, p) in periods.iter().enumerate() {
                if p.from > p.to || p.from < first || p.to > last {
                    wrong.push(format!(
                        "{command} {} {}: {}–{}",
                        id(&record),
                        p.id,
                        p.from,
                        p.to
                    ));
                }
                let before = periods[..i].iter().rev().find(|b| b.id == p.id);
                if before.is_some_and(|b| b.to > p.from) {
                    wrong.push(format!(
                        "{command} {} {}: periods overlap",
                        id(&record),
                        p.id
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The phrase an org without a joining date uses, in each language.
const NO_JOINING_DATE: (&str, &str) = ("joining date is not established", "katılım tarihi");

#[test]
fn every_org_kazakhstan_belongs_to_has_a_joining_date_or_says_why_not() {
    let undated: Vec<String> = records("org")
        .iter()
        .filter(|o| has(o, "roles", "member") && o["joined"].is_null())
        .filter(|o| {
            !(text(o, "summary").contains(NO_JOINING_DATE.0)
                && text(o, "summary_tr").contains(NO_JOINING_DATE.1))
        })
        .map(|o| id(o).to_owned())
        .collect();
    assert!(
        undated.is_empty(),
        "members without `joined` or a note why: {undated:?}"
    );
}

/// A count is for a partial list: it must exceed what the list (and Kazakhstan)
/// already make. A list without a count is complete, so it needs none.
#[test]
fn counts_are_given_for_partial_lists_only() {
    let mut wrong = Vec::new();
    let mut check = |record: &Value, key: &str, count: &str, kazakhstan: bool| {
        if let Some(total) = record[count].as_u64() {
            let listed = list(record, key).len() as u64 + u64::from(kazakhstan);
            if total <= listed {
                wrong.push(format!(
                    "{}: {count} {total} but {listed} listed",
                    id(record)
                ));
            }
        }
    };
    for org in records("org") {
        check(
            &org,
            "members",
            "member_count",
            has(&org, "roles", "member"),
        );
    }
    for treaty in records("treaty") {
        let party = text(&treaty, "kazakhstan") == "party";
        check(&treaty, "parties", "party_count", party);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// English phrases that report what the article got wrong.
const CORRECTING: [&str; 10] = [
    "the article says",
    "the article calls",
    "the article merges",
    "the article garbles",
    "the article credits",
    "the article lists",
    "the article twice writes",
    "the article drops",
    "the article attaches",
    "the article's claim",
];

/// A correction (tag `correction`) says what the article claimed in both
/// languages: its summary names "the article", its Turkish summary "makale". A
/// summary that corrects the article must carry the tag.
#[test]
fn every_correction_is_stated_in_both_languages() {
    let mut wrong = Vec::new();
    for kind in EVERY_KIND {
        for record in records(kind) {
            let (en, tr) = (text(&record, "summary"), fold(text(&record, "summary_tr")));
            let tagged = has(&record, "tags", "correction");
            if tagged && !(en.contains("article") && tr.contains("makale")) {
                wrong.push(format!(
                    "{kind} {}: a correction missing in one language",
                    id(&record)
                ));
            }
            let lower = en.to_lowercase();
            if !tagged && CORRECTING.iter().any(|p| lower.contains(p)) {
                wrong.push(format!(
                    "{kind} {}: corrects the article without the tag",
                    id(&record)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// One claim of claims.md: the article's Turkish words and the numbers it gives.
struct Claim {
    turkish: String,
    numbers: Vec<String>,
}

fn claims() -> BTreeMap<u64, Claim> {
    let text = claims_md();
    let mut claims = BTreeMap::new();
    for block in text.split("\n**").skip(1) {
        let Some((number, body)) = block.split_once(".**") else {
            continue;
        };
        let Ok(number) = number.parse::<u64>() else {
            continue;
        };
        let line = |prefix: &str| {
            body.lines()
                .find_map(|l| l.trim_start().strip_prefix(prefix))
                .unwrap_or_default()
                .to_owned()
        };
        let turkish = line("- TR: ");
        let given = line("- As given: ");
        let numbers = given
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        claims.insert(number, Claim { turkish, numbers });
    }
    claims
}

/// The first five letters of each word of at least five, folded: enough to
/// match Turkish words whatever their suffixes.
fn stems(text: &str) -> BTreeSet<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5)
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// Numbers the article writes as words ("three council meetings").
const SPELLED: [(&str, &str); 5] = [
    ("1", "one"),
    ("2", "two"),
    ("3", "three"),
    ("4", "four"),
    ("5", "five"),
];

/// A record that cites a claim states it: every number the claim gives appears in
/// the record (as figures, dates or words), and its Turkish text shares words with
/// the article's own Turkish for the claim, which the Turkish summary follows.
#[test]
fn every_cited_claim_is_stated_by_the_record() {
    let claims = claims();
    assert_eq!(claims.len(), 146, "claims.md has 146 claims");
    let mut wrong = Vec::new();
    for kind in EVERY_KIND {
        for record in records(kind) {
            let fields = [
                "summary",
                "summary_tr",
                "title",
                "title_tr",
                "name",
                "name_tr",
            ];
            let mut all: Vec<String> = fields.iter().map(|f| text(&record, f).to_owned()).collect();
            all.extend(
                ["date", "signed", "joined"]
                    .iter()
                    .map(|f| text(&record, f).to_owned()),
            );
            all.extend(
                record["figures"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|f| f["value"].to_string()),
            );
            let all = all.join(" ");
            let turkish = ["summary_tr", "title_tr", "name_tr", "relation_tr"]
                .map(|f| text(&record, f))
                .join(" ");
            for cited in record["claims"].as_array().into_iter().flatten() {
                let number = cited.as_u64().unwrap_or_default();
                let Some(claim) = claims.get(&number) else {
                    wrong.push(format!(
                        "{kind} {}: claim {number} is not in claims.md",
                        id(&record)
                    ));
                    continue;
                };
                let spelled = |n: &str| SPELLED.iter().any(|(d, w)| *d == n && all.contains(w));
                let missing: Vec<&String> = claim
                    .numbers
                    .iter()
                    .filter(|n| !all.contains(n.as_str()) && !spelled(n))
                    .collect();
                if !missing.is_empty() {
                    wrong.push(format!(
                        "{kind} {}: claim {number} gives {missing:?}, the record does not",
                        id(&record)
                    ));
                }
                let words = stems(&claim.turkish);
                if !words.is_empty() && words.is_disjoint(&stems(&turkish)) {
                    wrong.push(format!(
                        "{kind} {}: claim {number} is not stated in Turkish",
                        id(&record)
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Kazakhstan's neighbours (basic geography): by land Russia, China, Kyrgyzstan,
/// Uzbekistan and Turkmenistan; across the Caspian, whose seabed sectors adjoin
/// Kazakhstan's, Russia, Turkmenistan and Azerbaijan. Iran, the fifth Caspian
/// state, is no neighbour: its sector does not touch Kazakhstan's.
const LAND: [&str; 5] = [
    "russia",
    "china",
    "kyrgyzstan",
    "uzbekistan",
    "turkmenistan",
];
const CASPIAN: [&str; 1] = ["azerbaijan"];

#[test]
fn a_neighbour_shares_a_border() {
    let mut wrong = Vec::new();
    for partner in records("partner") {
        let who = id(&partner);
        let relation = text(&partner, "relation").to_lowercase();
        let relation_tr = fold(text(&partner, "relation_tr"));
        let neighbour = (relation.contains("neighbour") && !relation.contains("no common border"))
            || (relation_tr.contains("komsu") && !relation_tr.contains("sinir yok"));
        let border = LAND.contains(&who) || CASPIAN.contains(&who);
        if neighbour && !border {
            wrong.push(format!(
                "{who} is called a neighbour: {relation} / {relation_tr}"
            ));
        }
        if relation.contains("land neighbour") && !LAND.contains(&who) {
            wrong.push(format!("{who} is called a land neighbour"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Treaties of others are marked, and a filter leaves them out.
#[test]
fn treaties_kazakhstan_is_no_party_to_are_marked() {
    let listing = stdout(&["treaty", "--partner", "russia"]);
    let belovezha = listing
        .lines()
        .find(|l| l.starts_with("belovezha-accords"))
        .expect("the Belovezha Accords are among the treaties naming Russia");
    assert!(belovezha.contains("not-party"), "{belovezha}");
    let own: Value = serde_json::from_str(&stdout(&[
        "treaty",
        "--partner",
        "russia",
        "--kazakhstan",
        "party",
        "--json",
    ]))
    .expect("JSON");
    let own: Vec<&str> = own.as_array().into_iter().flatten().map(id).collect();
    assert!(
        !own.contains(&"belovezha-accords") && own.contains(&"russia-friendship-1992"),
        "{own:?}"
    );
}

/// A record answers to its Turkish name and Turkish acronym as well as its
/// English ones: `kzfp org KGAÖ` finds the CSTO.
#[test]
fn turkish_names_and_acronyms_resolve() {
    let mut wrong = Vec::new();
    for (command, records) in [
        ("partner", records("partner")),
        ("org", records("org")),
        ("treaty", records("treaty")),
    ] {
        for record in &records {
            for key in ["name_tr", "acronym_tr", "name", "acronym"] {
                let Some(name) = record[key].as_str() else {
                    continue;
                };
                let output = common::kzfp()
                    .args([command, name, "--json"])
                    .output()
                    .expect("kzfp runs");
                let found: Option<Value> = serde_json::from_slice(&output.stdout).ok();
                if found.as_ref().map(id) != Some(id(record)) {
                    wrong.push(format!(
                        "{command} {name:?} ({key}) does not find {}",
                        id(record)
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The caveats a record's English carries and the Turkish words that carry the
/// same caveat: a claim of the article not verified, an overstatement, the
/// article's own evaluation, a doubtful claim. Compared folded (case and
/// diacritics ignored).
const CAVEATS: [(&str, &[&str], &[&str]); 4] = [
    (
        "unverified",
        &[
            "not verified",
            "not confirmed",
            "not independently confirmed",
            "unverified",
        ],
        &["dogrulanmadi", "dogrulanamadi", "dogrulanmamis"],
    ),
    ("overstated", &["overstated"], &["abartili"]),
    (
        "the article's evaluation",
        &["the article's own evaluation", "the article's evaluation"],
        &[
            "makalenin kendi degerlendirmesi",
            "makalenin degerlendirmesi",
        ],
    ),
    ("doubtful", &["doubtful"], &["supheli"]),
];

/// How many times any of `phrases` occurs in `text`.
fn occurrences(text: &str, phrases: &[&str]) -> usize {
    phrases.iter().map(|p| text.matches(p).count()).sum()
}

/// Every caveat of the English (summary, title, each figure's `what`) is in the
/// Turkish twin (summary_tr, title_tr, the figure's `what_tr`) as often: a
/// Turkish text that states as fact what the English marks as the article's
/// unverified claim is wrong.
#[test]
fn every_caveat_of_the_english_has_its_turkish_twin() {
    let mut wrong = Vec::new();
    // The `[country]` card is printed by no listing: it is read as loaded.
    let base = common::embedded();
    let country = &base.country.meta;
    let country = serde_json::json!({
        "id": base.str(country.id),
        "summary": base.str(country.summary),
        "summary_tr": base.str(country.summary_tr),
    });
    let listed = EVERY_KIND.map(|kind| (kind, records(kind)));
    let all = std::iter::once(("country", vec![country])).chain(listed);
    for (kind, records) in all {
        for record in records {
            let mut twins: Vec<(String, String, String)> =
                [("summary", "summary_tr"), ("title", "title_tr")]
                    .iter()
                    .map(|(en, tr)| {
                        (
                            en.to_string(),
                            fold(text(&record, en)),
                            fold(text(&record, tr)),
                        )
                    })
                    .collect();
            for (n, figure) in record["figures"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                twins.push((
                    format!("figure {}", n + 1),
                    fold(text(figure, "what")),
                    fold(text(figure, "what_tr")),
                ));
            }
            for (field, en, tr) in &twins {
                for (caveat, english, turkish) in CAVEATS {
                    let (said, twin) = (occurrences(en, english), occurrences(tr, turkish));
                    if twin < said {
                        wrong.push(format!(
                            "{kind} {} {field}: the English marks {said} as {caveat}, the Turkish {twin}",
                            id(&record)
                        ));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A date's span as two comparable strings: `1992` spans `1992` to `1992~`
/// (after every `1992-…`), an interval `A/B` from A's start to B's end.
fn span(date: &str) -> Option<(String, String)> {
    if date.is_empty() {
        return None;
    }
    let (start, end) = date.split_once('/').unwrap_or((date, date));
    Some((start.to_owned(), format!("{end}~")))
}

fn overlap(a: &str, b: &str) -> bool {
    match (span(a), span(b)) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => false,
    }
}

/// When `party` became a party to `treaty` after its signing, as the base
/// records it: the start of the earliest event that names both, when that event
/// is an accession (tag `accession`); none when the earliest is not one.
fn accession(events: &[Value], treaty: &str, party: &str) -> Option<String> {
    events
        .iter()
        .filter(|e| has(e, "treaties", treaty) && has(e, "partners", party))
        .filter_map(|e| span(text(e, "date")).map(|(start, _)| (start, e)))
        .min_by(|a, b| a.0.cmp(&b.0))
        .filter(|(_, e)| has(e, "tags", "accession"))
        .map(|(start, _)| start)
}

/// The parties of `treaty` at `date`. With the periods model (`parties_history`:
/// each period's `since` and `until`), those whose period overlaps the date; on a
/// base without it, the `parties` list less those whose first event with the
/// treaty is a later accession.
fn parties_at(events: &[Value], treaty: &Value, date: &str) -> BTreeSet<String> {
    if let Some(history) = treaty["parties_history"].as_array() {
        return history
            .iter()
            .filter(|period| {
                let since = period["since"].as_str().unwrap_or("0000");
                let until = period["until"].as_str().unwrap_or("9999");
                overlap(date, &format!("{since}/{until}"))
            })
            .map(|period| text(period, "id").to_owned())
            .collect();
    }
    let at = span(date).map(|(_, end)| end).unwrap_or_default();
    list(treaty, "parties")
        .into_iter()
        .filter(|party| accession(events, id(treaty), party).is_none_or(|start| start <= at))
        .collect()
}

/// An event on the day a treaty is signed names every party of the treaty at
/// that date.
#[test]
fn a_signing_names_every_party_of_its_treaty() {
    let events = records("timeline");
    let treaties = records("treaty");
    let mut wrong = Vec::new();
    for event in &events {
        let date = text(event, "date");
        for treaty in treaties.iter().filter(|t| has(event, "treaties", id(t))) {
            if !overlap(date, text(treaty, "signed")) {
                continue;
            }
            for party in parties_at(&events, treaty, date) {
                if !has(event, "partners", &party) {
                    wrong.push(format!(
                        "{}: the signing of {} leaves out its party {party}",
                        id(event),
                        id(treaty)
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// True when `text` has a Cyrillic letter: a Russian or Kazakh name.
fn cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

/// Every alias finds its record, typed exactly as the file writes it, in upper
/// and in lower case: the Russian and Kazakh ones (`ШЫҰ`, `Ресей`) fold through
/// letters that have no ASCII twin (Ұ, Қ, Ә) as well as the Latin ones.
#[test]
fn every_alias_finds_its_record_in_any_case() {
    let mut wrong = Vec::new();
    for command in ["partner", "org", "treaty"] {
        for record in records(command) {
            for alias in list(&record, "aliases") {
                for typed in [alias.clone(), alias.to_uppercase(), alias.to_lowercase()] {
                    let output = common::kzfp()
                        .args([command, typed.as_str(), "--json"])
                        .output()
                        .expect("kzfp runs");
                    let found: Option<Value> = serde_json::from_slice(&output.stdout).ok();
                    if found.as_ref().map(id) != Some(id(&record)) {
                        wrong.push(format!("{command} {typed:?} does not find {}", id(&record)));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Names in Kazakhstan's own languages: every partner, every organisation but a
/// national body, and every multilateral treaty has a Russian or Kazakh alias.
#[test]
fn every_partner_org_and_multilateral_treaty_has_a_russian_or_kazakh_name() {
    let mut wrong = Vec::new();
    for command in ["partner", "org", "treaty"] {
        for record in records(command) {
            let exempt = (command == "org" && text(&record, "kind") == "national")
                || (command == "treaty" && text(&record, "kind") != "multilateral");
            if !exempt && !list(&record, "aliases").iter().any(|a| cyrillic(a)) {
                wrong.push(format!(
                    "{command} {}: no Russian or Kazakh alias",
                    id(&record)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
