//! `--format markdown` read by a real GFM renderer: cmark-gfm (GitHub's fork of
//! cmark, with its table and autolink extensions, as GitHub renders) turns kzfp's Markdown into HTML, and every
//! table, heading and cell must say what the JSON output says: the same records,
//! in order, each cell the field's text (pipes, line breaks, backslashes and
//! markup characters included), nothing more.

#![cfg(test)]

mod common;

use common::{client, fixture, kzfp, stdout};
use serde_json::Value;

/// One table as cmark-gfm rendered it, with the heading before it, if any.
#[derive(Debug, PartialEq)]
struct Table {
    heading: Option<String>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// HTML text back to plain text: `<br />` is a line break, entities decoded.
fn text_of(html: &str) -> String {
    // kzfp's empty comment splits an e-mail address that would become a link.
    html.replace("<!-- -->", "")
        .replace("<br>", "\n")
        .replace("<br />", "\n")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// `markdown` through `cmark-gfm --extension table`, its tables read back. Any
/// other block (a paragraph: a line that is not a table row) fails the test.
fn rendered_tables(markdown: &str) -> Vec<Table> {
    let output = client(
        "cmark-gfm",
        &[
            "--extension",
            "table",
            "--extension",
            "autolink",
            "--unsafe",
        ],
        markdown,
        "cmark-gfm",
    );
    assert!(output.status.success(), "cmark-gfm failed");
    let html = String::from_utf8(output.stdout).expect("cmark-gfm prints UTF-8");
    let mut tables = Vec::new();
    let mut heading = None;
    let mut row: Vec<String> = Vec::new();
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for line in html.lines() {
        let cell = |tag: &str| {
            line.strip_prefix(&format!("<{tag}>"))
                .and_then(|l| l.strip_suffix(&format!("</{tag}>")))
                .map(text_of)
        };
        if let Some(text) = cell("h3") {
            heading = Some(text);
        } else if let Some(text) = cell("th").or_else(|| cell("td")) {
            row.push(text);
        } else if line == "</tr>" {
            rows.push(std::mem::take(&mut row));
        } else if line == "</thead>" {
            header = rows.pop().unwrap_or_default();
        } else if line == "</table>" {
            tables.push(Table {
                heading: heading.take(),
                header: std::mem::take(&mut header),
                rows: std::mem::take(&mut rows),
            });
        } else {
            let known = ["<table>", "<thead>", "<tbody>", "</tbody>", "<tr>"];
            assert!(
                known.contains(&line),
                "not part of a table: {line}\nin:\n{html}"
            );
        }
    }
    tables
}

/// A JSON value as a cell reads: text as it is (control characters in caret
/// form), lists joined with ", ", null empty. `None` for objects (figures).
fn cell_of(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => String::new(),
        Value::String(text) => kzfp::text::escape_controls(text, true).into_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items
            .iter()
            .map(cell_of)
            .collect::<Option<Vec<_>>>()?
            .join(", "),
        Value::Object(_) => return None,
    })
}

/// Every cell of `table` is the text of its column's field in `records`.
fn assert_cells(table: &Table, records: &[Value], what: &str) {
    assert_eq!(
        table.rows.len(),
        records.len(),
        "{what}: one row per record"
    );
    for (row, record) in table.rows.iter().zip(records) {
        assert_eq!(row.len(), table.header.len(), "{what}: a row of {row:?}");
        for (name, cell) in table.header.iter().zip(row) {
            let value = record
                .get(name)
                .unwrap_or_else(|| panic!("{what}: column {name} is no field"));
            if let Some(expected) = cell_of(value) {
                assert_eq!(cell, &expected, "{what}: {name} of {}", record["id"]);
            }
        }
    }
}

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&stdout(&args)).expect("kzfp prints JSON")
}

fn markdown(args: &[&str]) -> String {
    let mut args = args.to_vec();
    args.extend(["--format", "markdown"]);
    stdout(&args)
}

fn assert_listing(args: &[&str]) {
    let records = json(args);
    let records = records.as_array().expect("a listing is an array");
    let tables = rendered_tables(&markdown(args));
    let [table] = &tables[..] else {
        panic!("{args:?}: one table, not {tables:#?}");
    };
    assert_eq!(table.heading, None);
    assert_cells(table, records, &format!("{args:?}"));
}

/// The card as field/value rows, then one headed table per kind of related record.
fn assert_detail(args: &[&str]) {
    let record = json(args);
    let tables = rendered_tables(&markdown(args));
    let (card, sections) = tables.split_first().expect("a card");
    assert_eq!(card.header, ["field", "value"], "{args:?}");
    // In the JSON's order, which jq keeps (serde_json's map sorts its keys).
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let fields = common::jq(
        &stdout(&json_args),
        &["-r"],
        "keys_unsorted[] | select(. != \"related\")",
    );
    assert_eq!(
        card.rows
            .iter()
            .map(|r| format!("{}\n", r[0]))
            .collect::<String>(),
        fields,
        "{args:?}: the card lists every field"
    );
    for row in &card.rows {
        if let Some(expected) = cell_of(&record[&row[0]]) {
            assert_eq!(row[1], expected, "{args:?}: {}", row[0]);
        }
    }
    let related = common::jq(
        &stdout(&json_args),
        &["-r"],
        ".related | to_entries[] | select(.value | length > 0) | .key",
    );
    let related: Vec<(&str, &Vec<Value>)> = related
        .lines()
        .map(|name| (name, record["related"][name].as_array().expect("a list")))
        .collect();
    assert_eq!(sections.len(), related.len(), "{args:?}: a table per kind");
    for (table, (name, records)) in sections.iter().zip(related) {
        let mut title = name.to_owned();
        title[..1].make_ascii_uppercase();
        assert_eq!(
            table.heading.as_deref(),
            Some(format!("{title} ({})", records.len()).as_str())
        );
        assert_cells(table, records, &format!("{args:?} {name}"));
    }
}

#[test]
fn listings_render_as_their_records() {
    let tricky = fixture("markdown.toml");
    for facts in [None, Some(tricky.as_str())] {
        for kind in ["timeline", "partner", "org", "treaty"] {
            let mut args = facts.map_or_else(Vec::new, |f| vec!["--facts", f]);
            args.push(kind);
            assert_listing(&args);
            let every_field = json(&args)[0]
                .as_object()
                .expect("a record")
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(",");
            args.extend(["--fields", &every_field]);
            assert_listing(&args);
        }
    }
}

#[test]
fn detail_views_render_as_their_records() {
    let tricky = fixture("markdown.toml");
    for args in [
        &["partner", "russia"][..],
        &["org", "sco"],
        &["treaty", "russia-friendship-1992"],
        &["--facts", &tricky, "partner", "russia"],
        &["--facts", &tricky, "org", "sco"],
        &["--facts", &tricky, "treaty", "eternal-friendship"],
    ] {
        assert_detail(args);
    }
}

#[test]
fn pipes_line_breaks_and_markup_stay_text() {
    let facts = fixture("markdown.toml");
    let text = markdown(&[
        "--facts",
        &facts,
        "partner",
        "russia",
        "--fields",
        "name,summary,relation",
    ]);
    assert_eq!(
        text,
        "| field | value |\n| --- | --- |\n\
         | name | Russia \\| the \\*Federation\\* |\n\
         | summary | Line one,<br>line two \\| with a pipe,<br>line three. |\n\
         | relation | a\\\\b \\\\\\| c \\`code\\` \\[link\\](http\\://x.example) \\<b\\>bold\\</b\\> \\&amp; \\~\\~gone\\~\\~ snake_case \\_x\\_ https\\://evil.example/a_b\\\\\\_c WWW\\.evil.example/x me<!-- -->@evil.example xmpp\\:me<!-- -->@evil.example mailto\\:a<!-- -->@b.example ftp\\://f.example |\n"
    );
}

#[test]
fn fields_and_lang_choose_the_columns_and_their_text() {
    let text = markdown(&[
        "org",
        "--role",
        "founder",
        "--fields",
        "acronym,id",
        "--lang",
        "tr",
        "--limit",
        "2",
    ]);
    assert_eq!(
        text,
        // Orgs come in the order Kazakhstan joined them.
        "| acronym | id |\n| --- | --- |\n| BDT | cis |\n| KGAÖ | csto |\n"
    );
}

#[test]
fn no_headers_prints_the_rows_alone() {
    let with = markdown(&["treaty", "--partner", "china"]);
    let without = markdown(&["treaty", "--partner", "china", "--no-headers"]);
    let rows: Vec<&str> = with.lines().skip(2).collect();
    assert!(!rows.is_empty());
    assert_eq!(without.lines().collect::<Vec<_>>(), rows);
    // Appended to a header of its own, the rows are the table again.
    let header: String = with.lines().take(2).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        rendered_tables(&(header + &without)),
        rendered_tables(&with)
    );
    // A detail view: every table loses its header and delimiter lines only.
    let detail = markdown(&["partner", "china", "--no-headers"]);
    assert!(!detail.contains("| --- |") && !detail.contains("| field | value |"));
    assert!(detail.contains("\n### Events ("), "{detail}");
}

#[test]
fn an_empty_listing_prints_nothing_and_says_so() {
    let output = kzfp()
        .args(["timeline", "-s", "no-such-word-anywhere", "--format", "md"])
        .output()
        .expect("kzfp runs");
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "no events match\n");
}

#[test]
fn controls_are_shown_in_caret_form() {
    let controls = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_input/controls.toml");
    for args in [
        &["partner", "--fields", "id,name,summary"][..],
        &["partner", "russia"],
        &["timeline", "--fields", "id,title"],
    ] {
        let args: Vec<&str> = [&["--facts", controls][..], args].concat();
        let output = kzfp()
            .args(&args)
            .args(["-o", "markdown"])
            .output()
            .expect("kzfp runs");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: a raw control character in {text:?}"
        );
    }
}
