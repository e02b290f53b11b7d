//! `kzfp graph` through the binary, against real clients: Graphviz's `dot` draws
//! every DOT it prints to SVG without a word on stderr, and the SVG (parsed as
//! XML) has exactly the nodes and links the JSON lists, each with its label; the
//! Mermaid is checked line by line; neighbourhoods, depth and the event filters
//! are checked against the other queries' answers. The hostile fixture's names
//! carry quotes, backslashes, braces, newlines, controls, `]`, `-->`, `;`, `#`.

#![cfg(test)]

mod common;

use common::{client, fixture, kzfp, kzfp_jq, stdout};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const HOSTILE: &str = "graph-hostile.toml";

/// The graph as JSON: `kzfp graph ARGS --format json`.
fn json(args: &[&str]) -> Value {
    let mut all = vec!["graph"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&stdout(&all)).expect("graph JSON parses")
}

fn graph_stdout(args: &[&str]) -> String {
    let mut all = vec!["graph"];
    all.extend_from_slice(args);
    stdout(&all)
}

fn nodes(graph: &Value) -> &Vec<Value> {
    graph["nodes"].as_array().expect("nodes is an array")
}

fn edges(graph: &Value) -> &Vec<Value> {
    graph["edges"].as_array().expect("edges is an array")
}

fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {value}"))
}

fn ids(graph: &Value) -> BTreeSet<String> {
    nodes(graph)
        .iter()
        .map(|n| text(n, "id").to_owned())
        .collect()
}

/// The pairs of nodes the graph links, once each: DOT and Mermaid draw one line a pair.
fn pairs(graph: &Value) -> BTreeSet<(String, String)> {
    edges(graph)
        .iter()
        .map(|e| (text(e, "from").to_owned(), text(e, "to").to_owned()))
        .collect()
}

/// What a node's label reads once drawn: control characters in caret form, an
/// event's date in front, whitespace (where lines wrap) as single spaces.
fn shown(node: &Value) -> String {
    let label = kzfp::text::escape_controls(text(node, "label"), true).replace('\t', "^I");
    let label = match node["date"].as_str() {
        Some(date) => format!("{date} {label}"),
        None => label,
    };
    words(&label)
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `dot -Tsvg` on `dot_source`; fails on a non-zero exit or any word on stderr.
fn svg_of(dot_source: &str) -> String {
    let output = client("dot", &["-Tsvg"], dot_source, "graphviz");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "dot failed or warned ({}): {stderr}\n{dot_source}",
        output.status
    );
    String::from_utf8(output.stdout).expect("SVG is UTF-8")
}

/// An SVG drawing: each node's title (its DOT name) with its text lines joined,
/// and the number of edges drawn.
struct Drawing {
    nodes: BTreeMap<String, String>,
    edges: usize,
}

fn drawing(svg: &str) -> Drawing {
    // Graphviz writes a DOCTYPE; the rest must be well-formed XML.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document =
        roxmltree::Document::parse_with_options(svg, options).expect("the SVG is well-formed XML");
    let mut nodes = BTreeMap::new();
    let mut edges = 0;
    for group in document.descendants().filter(|n| n.has_tag_name("g")) {
        let title = || {
            group
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_owned()
        };
        match group.attribute("class") {
            Some("node") => {
                let lines: Vec<&str> = group
                    .descendants()
                    .filter(|n| n.has_tag_name("text"))
                    .filter_map(|t| t.text())
                    .collect();
                let previous = nodes.insert(title(), words(&lines.join(" ")));
                assert!(previous.is_none(), "one node per title: {}", title());
            }
            Some("edge") => edges += 1,
            _ => {}
        }
    }
    Drawing { nodes, edges }
}

/// Draws `kzfp graph ARGS` with dot and checks the drawing against the JSON:
/// the same nodes (and the legend, nothing else), each label, one line a pair.
fn draws_as_its_json(args: &[&str]) {
    let graph = json(args);
    assert!(!nodes(&graph).is_empty(), "{args:?}: no nodes");
    let drawing = drawing(&svg_of(&graph_stdout(args)));
    let mut expected = ids(&graph);
    expected.insert("legend".to_owned());
    let drawn: BTreeSet<String> = drawing.nodes.keys().cloned().collect();
    assert_eq!(drawn, expected, "{args:?}: the nodes drawn");
    for node in nodes(&graph) {
        assert_eq!(
            drawing.nodes.get(text(node, "id")),
            Some(&shown(node)),
            "{args:?}: the label of {}",
            text(node, "id")
        );
    }
    assert_eq!(
        drawing.edges,
        pairs(&graph).len(),
        "{args:?}: the lines drawn"
    );
}

#[test]
fn the_whole_base_draws_without_a_warning_with_every_label() {
    draws_as_its_json(&[]);
    draws_as_its_json(&["--events"]);
    draws_as_its_json(&["--events", "--lang", "tr"]);
}

#[test]
fn neighbourhoods_draw_without_a_warning_with_every_label() {
    draws_as_its_json(&["--partner", "russia"]);
    draws_as_its_json(&["--partner", "china", "--depth", "2", "--events"]);
    draws_as_its_json(&["--org", "sco", "--lang", "tr"]);
    draws_as_its_json(&["--treaty", "russia-friendship-1992", "--from", "2000"]);
}

#[test]
fn hostile_labels_cannot_break_the_dot() {
    let path = fixture(HOSTILE);
    for lang in ["en", "tr"] {
        draws_as_its_json(&["--facts", &path, "--events", "--lang", lang]);
    }
    // The names really are hostile: the drawing shows them, escaped, as text.
    let graph = json(&["--facts", &path, "--events"]);
    let labels: Vec<String> = nodes(&graph).iter().map(shown).collect();
    for wanted in [
        r#"Kaz"akh\stan\"#,
        r#""x" -> "y""#,
        r"\N \G",
        "&amp; &lt;b&gt; <b>bold</b>",
        "ESC^[[31m red, BEL^G, DEL^?, CSI^[[2J",
        "S]C)O|>\"#;",
        "A --> B; C -.-> D",
    ] {
        assert!(
            labels.iter().any(|l| l.contains(wanted)),
            "{wanted} in {labels:?}"
        );
    }
}

/// The Mermaid of `kzfp graph ARGS`, checked line by line against its JSON:
/// `flowchart LR`, one line per node (a safe id, a shape, a quoted label with
/// nothing in it Mermaid reads as syntax, its kind's class), one per linked
/// pair, one classDef per kind; each label decodes back to the node's label.
fn mermaid_matches_its_json(args: &[&str]) {
    let graph = json(args);
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "mermaid"]);
    let text_out = graph_stdout(&all);
    let mut lines = text_out.lines();
    assert_eq!(lines.next(), Some("flowchart LR"), "{args:?}");
    let mut ids: BTreeMap<String, &Value> = BTreeMap::new();
    let mut node_lines = 0;
    let mut links = BTreeSet::new();
    let mut classes = BTreeSet::new();
    let all_nodes = nodes(&graph);
    for line in lines {
        let line = line
            .strip_prefix("  ")
            .unwrap_or_else(|| panic!("indented: {line:?}"));
        if let Some(class) = line.strip_prefix("classDef ") {
            classes.insert(class.split(' ').next().unwrap_or_default().to_owned());
        } else if let Some((from, rest)) = line.split_once(" -->|\"") {
            let (label, to) = rest.split_once("\"| ").expect("an edge line");
            assert_safe(label, line);
            let (from, to) = (ids.get(from), ids.get(to));
            let (Some(from), Some(to)) = (from, to) else {
                panic!("an edge between two nodes: {line}");
            };
            links.insert((text(from, "id").to_owned(), text(to, "id").to_owned()));
        } else {
            let node = all_nodes
                .get(node_lines)
                .expect("no more node lines than nodes");
            node_lines += 1;
            let id: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            assert!(id.starts_with(text(node, "kind")), "{line}");
            let rest = &line[id.len()..];
            let open = rest.find('"').expect("a quoted label");
            let close = rest.rfind('"').expect("a closing quote");
            let label = &rest[open + 1..close];
            assert_safe(label, line);
            let class = format!(":::{}", text(node, "kind"));
            assert!(rest.ends_with(&class), "{line}");
            let shape = (&rest[..open], &rest[close + 1..rest.len() - class.len()]);
            assert!(
                [
                    ("((", "))"),
                    ("[", "]"),
                    ("([", "])"),
                    ("{{", "}}"),
                    (">", "]")
                ]
                .contains(&shape),
                "{line}"
            );
            let mut decoded = decode(label);
            if let Some(date) = node["date"].as_str() {
                decoded = decoded.replacen(&format!("{date}:"), date, 1);
            }
            assert_eq!(words(&decoded), shown(node), "{line}");
            assert!(ids.insert(id, node).is_none(), "ids are unique: {line}");
        }
    }
    assert_eq!(node_lines, all_nodes.len(), "{args:?}: one line per node");
    assert_eq!(links, pairs(&graph), "{args:?}: one line per linked pair");
    let kinds: BTreeSet<String> = all_nodes
        .iter()
        .map(|n| text(n, "kind").to_owned())
        .collect();
    assert_eq!(classes, kinds, "{args:?}: a class per kind");
}

/// No quote, bracket, line end or other syntax left raw in a label: `#` only
/// opens an entity code (`#quot;`, `#93;`).
fn assert_safe(label: &str, line: &str) {
    let mut raw = String::new();
    let mut rest = label.replace("<br>", "");
    while let Some(at) = rest.find('#') {
        raw.push_str(&rest[..at]);
        let end = rest[at..]
            .find(';')
            .unwrap_or_else(|| panic!("# opens an entity: {line:?}"))
            + at;
        let code = &rest[at + 1..end];
        assert!(
            code == "quot" || (!code.is_empty() && code.chars().all(|c| c.is_ascii_digit())),
            "#{code}; in {line:?}"
        );
        rest = rest[end + 1..].to_owned();
    }
    raw.push_str(&rest);
    for c in [
        '"', '[', ']', '{', '}', '(', ')', '|', ';', '<', '>', '%', '`', '#', '\\',
    ] {
        assert!(!raw.contains(c), "{c:?} raw in {line:?}");
    }
    assert!(
        !raw.chars().any(char::is_control),
        "a control character in {line:?}"
    );
}

/// Mermaid's entity codes and `<br>` back to text.
fn decode(label: &str) -> String {
    let mut out = String::new();
    let mut rest = label.replace("<br>", "\n");
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("entity end") + at;
        let code = &rest[at + 1..end];
        out.push(match code {
            "quot" => '"',
            digits => char::from_u32(digits.parse().expect("a number")).expect("a char"),
        });
        rest = rest[end + 1..].to_owned();
    }
    out.push_str(&rest);
    out
}

#[test]
fn mermaid_is_one_safe_line_per_node_and_per_link() {
    mermaid_matches_its_json(&[]);
    mermaid_matches_its_json(&["--events", "--lang", "tr"]);
    mermaid_matches_its_json(&["--org", "csto"]);
    let path = fixture(HOSTILE);
    mermaid_matches_its_json(&["--facts", &path, "--events"]);
    mermaid_matches_its_json(&["--facts", &path, "--events", "--lang", "tr"]);
}

#[test]
fn dot_is_the_default_and_json_the_same_as_format_json() {
    let default = graph_stdout(&[]);
    assert!(default.lines().any(|l| l == "digraph kzfp {"), "{default}");
    assert_eq!(default, graph_stdout(&["--format", "dot"]));
    assert_eq!(graph_stdout(&["--json"]), graph_stdout(&["-o", "json"]));
    assert!(graph_stdout(&["-o", "mermaid"]).starts_with("flowchart LR\n"));
}

/// A usage error: exit 2, nothing on stdout, `wanted` on stderr.
fn refused(args: &[&str], wanted: &str) {
    let output = kzfp().args(args).output().expect("kzfp runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?}");
    assert!(stderr.contains(wanted), "{args:?}: {stderr}");
}

#[test]
fn formats_and_options_of_another_command_are_usage_errors() {
    refused(
        &["graph", "--format", "table"],
        "--format table is not a format of graph; it prints dot, mermaid, json",
    );
    refused(
        &["graph", "--format", "csv"],
        "it prints dot, mermaid, json",
    );
    refused(
        &["timeline", "--format", "dot"],
        "--format dot is not a format of timeline; it prints table, json, jsonl, csv, tsv",
    );
    refused(&["partner", "-o", "mermaid"], "not a format of partner");
    refused(
        &["graph", "--format", "yaml"],
        "--format yaml is not a format of graph; it prints dot, mermaid, json",
    );
    refused(
        &["graph", "--limit", "3"],
        "--limit does nothing with `kzfp graph`",
    );
    refused(
        &["graph", "--fields", "id"],
        "--fields does nothing with `kzfp graph`",
    );
    refused(
        &["graph", "--sort", "id"],
        "--sort does nothing with `kzfp graph`",
    );
    refused(
        &["graph", "--color", "always"],
        "--color does nothing with `kzfp graph`",
    );
    refused(
        &["graph", "--depth", "2"],
        "--depth needs --partner, --org or --treaty",
    );
    refused(
        &["graph", "--partner", "russia", "--depth", "-1"],
        "--depth",
    );
    refused(
        &["graph", "--from", "2010", "--to", "2000"],
        "--to is before --from",
    );
}

#[test]
fn an_unknown_id_is_an_error_with_a_hint() {
    let output = kzfp()
        .args(["graph", "--partner", "rusia"])
        .output()
        .expect("kzfp runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("no partner 'rusia'; did you mean 'russia'?")
    );
}

/// The ids of `kzfp QUERY --json | jq FILTER`, as graph node ids of `kind`.
fn query_ids(args: &[&str], filter: &str, kind: &str) -> BTreeSet<String> {
    kzfp_jq(args, filter)
        .lines()
        .map(|id| format!("{kind}:{id}"))
        .collect()
}

#[test]
fn a_partners_neighbourhood_is_what_names_it_and_the_country() {
    let graph = json(&["--partner", "rusya"]);
    assert_eq!(
        graph,
        json(&["--partner", "russia", "--depth", "1"]),
        "resolved like every id"
    );
    let mut expected = query_ids(
        &["partner", "russia", "--json"],
        ".related.treaties[].id",
        "treaty",
    );
    expected.extend(query_ids(
        &["partner", "russia", "--json"],
        ".related.orgs[].id",
        "org",
    ));
    expected.insert("partner:russia".to_owned());
    expected.insert(format!("country:{}", country_id(&[])));
    assert_eq!(ids(&graph), expected);
    let seeds: Vec<&str> = nodes(&graph)
        .iter()
        .filter(|n| n["seed"] == Value::Bool(true))
        .map(|n| text(n, "id"))
        .collect();
    assert_eq!(seeds, ["partner:russia"]);
}

/// The id of the fact file's `[country]` (the hostile fixture's is not Kazakhstan's).
fn country_id(facts: &[&str]) -> String {
    let mut args = facts.to_vec();
    args.extend_from_slice(&["--partner", "russia"]);
    let graph = json(&args);
    let country: Vec<&str> = nodes(&graph)
        .iter()
        .filter(|n| text(n, "kind") == "country")
        .map(|n| text(n, "record"))
        .collect();
    assert_eq!(country.len(), 1, "one centre node");
    country[0].to_owned()
}

#[test]
fn the_centre_is_the_files_country() {
    let path = fixture(HOSTILE);
    assert_eq!(country_id(&["--facts", &path]), "qazaqstan");
    assert_eq!(country_id(&[]), "kazakhstan");
    let graph = json(&["--facts", &path]);
    let centre = nodes(&graph)
        .iter()
        .find(|n| text(n, "kind") == "country")
        .expect("centre");
    assert_eq!(text(centre, "label"), r#"Kaz"akh\stan\"#);
}

/// Every node of `graph`'s whole base within one edge of `around`, the centre
/// never walked through: the oracle for depth.
fn one_step_out(whole: &Value, around: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = around.clone();
    for edge in edges(whole) {
        let (from, to) = (text(edge, "from"), text(edge, "to"));
        for (here, there) in [(from, to), (to, from)] {
            if around.contains(here) && !here.starts_with("country:") {
                out.insert(there.to_owned());
            }
        }
    }
    out
}

#[test]
fn depth_reaches_that_many_edges_out() {
    let whole = json(&["--events"]);
    let seeds: BTreeSet<String> = ["partner:china".to_owned()].into();
    let mut expected = seeds.clone();
    for depth in 0..=3 {
        let graph = json(&[
            "--partner",
            "china",
            "--events",
            "--depth",
            &depth.to_string(),
        ]);
        assert_eq!(ids(&graph), expected, "depth {depth}");
        // Every edge of the whole base between two nodes kept, and no other.
        let kept: BTreeSet<(String, String)> = pairs(&whole)
            .into_iter()
            .filter(|(a, b)| expected.contains(a) && expected.contains(b))
            .collect();
        assert_eq!(pairs(&graph), kept, "depth {depth}");
        expected = one_step_out(&whole, &expected);
    }
    assert!(ids(&json(&["--partner", "china", "--events", "--depth", "3"])).len() > 10);
    // A depth past the graph's diameter is the seed's whole component, at once.
    let far = json(&[
        "--partner",
        "china",
        "--events",
        "--depth",
        &usize::MAX.to_string(),
    ]);
    assert_eq!(
        far,
        json(&["--partner", "china", "--events", "--depth", "1000"])
    );
}

#[test]
fn repeated_seeds_join_their_neighbourhoods() {
    let one = ids(&json(&["--partner", "russia"]));
    let two = ids(&json(&["--org", "sco"]));
    let three = ids(&json(&["--treaty", "russia-friendship-1992"]));
    let all = ids(&json(&[
        "--partner",
        "russia",
        "--org",
        "sco",
        "--treaty",
        "russia-friendship-1992",
    ]));
    let union: BTreeSet<String> = one.iter().chain(&two).chain(&three).cloned().collect();
    assert_eq!(all, union);
    let both = ids(&json(&["--partner", "russia", "--partner", "china"]));
    let china = ids(&json(&["--partner", "china"]));
    assert_eq!(both, one.union(&china).cloned().collect());
}

fn event_ids(graph: &Value) -> BTreeSet<String> {
    ids(graph)
        .into_iter()
        .filter(|id| id.starts_with("event:"))
        .collect()
}

#[test]
fn events_take_part_as_timeline_filters_them() {
    assert!(event_ids(&json(&[])).is_empty(), "no events unless asked");
    let all = event_ids(&json(&["--events"]));
    assert_eq!(all, query_ids(&["timeline", "--json"], ".[].id", "event"));
    for filter in [
        vec!["--from", "2014"],
        vec!["--to", "1995"],
        vec!["--from", "1997", "--to", "2001-06"],
        vec!["--tag", "security"],
        vec!["--tag", "un", "--tag", "security", "--from", "2000"],
    ] {
        let mut timeline = vec!["timeline", "--json"];
        timeline.extend(&filter);
        let expected = query_ids(&timeline, ".[].id", "event");
        assert!(!expected.is_empty(), "{filter:?} matches some events");
        assert_eq!(
            event_ids(&json(&filter)),
            expected,
            "{filter:?} implies --events"
        );
    }
    // In a neighbourhood, the filter narrows the events that take part at all.
    let near = json(&["--partner", "russia", "--from", "2014"]);
    let expected = query_ids(
        &[
            "timeline",
            "--partner",
            "russia",
            "--from",
            "2014",
            "--json",
        ],
        ".[].id",
        "event",
    );
    assert_eq!(event_ids(&near), expected);
}

#[test]
fn edges_say_the_relations_of_the_fact_file() {
    let graph = json(&["--events"]);
    let relations = |from: &str, to: &str| -> BTreeSet<String> {
        edges(&graph)
            .iter()
            .filter(|e| text(e, "from") == from && text(e, "to") == to)
            .map(|e| text(e, "relation").to_owned())
            .collect()
    };
    let roles = kzfp_jq(&["org", "sco", "--json"], ".roles[]");
    assert_eq!(
        relations("org:sco", "country:kazakhstan"),
        roles.lines().map(str::to_owned).collect()
    );
    assert!(relations("org:sco", "partner:china").contains("member"));
    assert!(relations("treaty:russia-friendship-1992", "partner:russia").contains("party"));
    assert!(relations("treaty:russia-friendship-1992", "country:kazakhstan").contains("party"));
    // A treaty Kazakhstan is no party to links to its parties, not to the country.
    let not_party = kzfp_jq(
        &["treaty", "--json"],
        r#"[.[] | select(.kazakhstan == "not-party" and .parties != [])][0].id"#,
    );
    let treaty = format!("treaty:{not_party}");
    assert!(ids(&graph).contains(&treaty), "{treaty}");
    assert!(relations(&treaty, "country:kazakhstan").is_empty());
    assert!(
        edges(&graph)
            .iter()
            .any(|e| text(e, "from") == treaty && text(e, "relation") == "party")
    );
    assert_eq!(
        relations("country:kazakhstan", "partner:russia"),
        ["partner".to_owned()].into()
    );
    let parent = kzfp_jq(
        &["org", "--json"],
        r#"[.[] | select(.parent != null)][0] | "\(.id) \(.parent)""#,
    );
    let (child, parent) = parent.split_once(' ').expect("an org with a parent");
    assert_eq!(
        relations(&format!("org:{child}"), &format!("org:{parent}")),
        ["parent".to_owned()].into()
    );
    let vocabulary = [
        "partner",
        "party",
        "org",
        "parent",
        "treaty",
        "member",
        "founder",
        "chair",
        "initiator",
        "host",
    ];
    for edge in edges(&graph) {
        assert!(vocabulary.contains(&text(edge, "relation")), "{edge}");
    }
    // Each event links to the records it names, and only to them.
    let event = kzfp_jq(
        &["timeline", "--json"],
        r#"[.[] | select(.partners != [] and .orgs != [])][0] | .id"#,
    );
    let named = query_ids(
        &["timeline", "--json"],
        &format!(r#".[] | select(.id == "{event}") | .partners[]"#),
        "partner",
    );
    let linked: BTreeSet<String> = edges(&graph)
        .iter()
        .filter(|e| text(e, "from") == format!("event:{event}") && text(e, "relation") == "partner")
        .map(|e| text(e, "to").to_owned())
        .collect();
    assert_eq!(linked, named);
}

#[test]
fn labels_are_in_the_chosen_language() {
    let graph = json(&["--lang", "tr"]);
    let names_tr = kzfp_jq(
        &["partner", "--json"],
        r#".[] | "partner:\(.id)\t\(.name_tr)""#,
    );
    for line in names_tr.lines() {
        let (id, name) = line.split_once('\t').expect("id and name");
        let node = nodes(&graph)
            .iter()
            .find(|n| text(n, "id") == id)
            .expect("a partner node");
        assert_eq!(text(node, "label"), name);
    }
    let dot = graph_stdout(&["--org", "sco", "--lang", "tr"]);
    // The SCO's roles, in Turkish, begin with founder and member.
    assert!(dot.contains("label=\"kurucu, üye"), "{dot}");
    assert!(dot.contains("Açıklama"), "{dot}");
}

/// The picture docs/GUIDE.md shows: `docs/graph-russia.dot` is what kzfp prints and
/// `docs/graph-russia.svg` what dot draws of it (compared as drawings: the SVG's
/// bytes vary between Graphviz versions). `KZFP_UPDATE_DOCS=1` writes both anew.
#[test]
fn the_readmes_picture_is_fresh() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/docs");
    let (dot_path, svg_path) = (
        format!("{dir}/graph-russia.dot"),
        format!("{dir}/graph-russia.svg"),
    );
    let dot_source = graph_stdout(RUSSIA);
    let svg = svg_of(&dot_source);
    if std::env::var_os("KZFP_UPDATE_DOCS").is_some() {
        std::fs::write(&dot_path, &dot_source).expect("write the DOT");
        std::fs::write(&svg_path, &svg).expect("write the SVG");
    }
    let stale = "stale: refresh with `KZFP_UPDATE_DOCS=1 cargo test --test graph`";
    let checked_in = std::fs::read_to_string(&dot_path).expect("docs/graph-russia.dot");
    assert!(checked_in == dot_source, "docs/graph-russia.dot is {stale}");
    let drawn = drawing(&std::fs::read_to_string(&svg_path).expect("docs/graph-russia.svg"));
    let fresh = drawing(&svg);
    assert!(
        drawn.nodes == fresh.nodes && drawn.edges == fresh.edges,
        "docs/graph-russia.svg is {stale}"
    );
}

/// `kzfp graph --partner russia`, drawn in docs/GUIDE.md.
const RUSSIA: &[&str] = &["--partner", "russia"];

/// `kzfp graph --org eaeu --format mermaid`, docs/GUIDE.md's Mermaid block.
const MERMAID_EXAMPLE: &[&str] = &["--org", "eaeu", "--format", "mermaid"];

#[test]
fn the_readmes_mermaid_block_is_fresh() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/GUIDE.md");
    let readme = std::fs::read_to_string(path).expect("docs/GUIDE.md");
    let fresh = graph_stdout(MERMAID_EXAMPLE);
    let (start, end) = readme
        .find("```mermaid\n")
        .map(|at| at + "```mermaid\n".len())
        .and_then(|start| Some((start, start + readme[start..].find("```\n")?)))
        .expect("a ```mermaid block in docs/GUIDE.md");
    if std::env::var_os("KZFP_UPDATE_DOCS").is_some() {
        let updated = format!("{}{fresh}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("write docs/GUIDE.md");
        return;
    }
    assert!(
        readme[start..end] == fresh,
        "docs/GUIDE.md's Mermaid block is not `kzfp graph {}`: refresh with \
         `KZFP_UPDATE_DOCS=1 cargo test --test graph`",
        MERMAID_EXAMPLE.join(" ")
    );
}

/// What Mermaid's own parser reads in `diagram` (`tests/mermaid/parse.mjs`), its
/// edge limit set to `max_edges`; fails when it rejects the diagram.
fn mermaid_parsed(diagram: &str, max_edges: usize) -> Value {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mermaid");
    assert!(
        std::path::Path::new(dir)
            .join("node_modules/mermaid")
            .is_dir(),
        "Mermaid's parser is not installed: run `npm ci --prefix tests/mermaid` (.ci/run does)"
    );
    let script = format!("{dir}/parse.mjs");
    let limit = max_edges.to_string();
    let output = client("node", &[&script, &limit], diagram, "nodejs and npm");
    assert!(
        output.status.success(),
        "Mermaid rejects it: {}\n{diagram}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("parse.mjs prints JSON")
}

/// `kzfp graph ARGS --format mermaid` read by Mermaid's own parser (node with the
/// mermaid package, `tests/mermaid/parse.mjs`): one node per graph node, in order,
/// with its kind's shape and class and its label as a browser shows it; one edge
/// per linked pair with its relations.
fn mermaid_parses_as_its_json(args: &[&str]) {
    let graph = json(args);
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "mermaid"]);
    let diagram = graph_stdout(&all);
    // Past Mermaid's edge limit kzfp warns; the diagram is still parsed, with the
    // limit raised.
    let warned = kzfp()
        .args(["graph"])
        .args(&all)
        .output()
        .expect("kzfp runs");
    let warning = String::from_utf8_lossy(&warned.stderr).into_owned();
    let over = pairs(&graph).len() > 500;
    assert_eq!(
        warning.contains("Mermaid (and GitHub) draw at most 500"),
        over,
        "{args:?}: {warning}"
    );
    let parsed = mermaid_parsed(&diagram, if over { 100_000 } else { 500 });
    let parsed_nodes = nodes(&parsed);
    assert_eq!(
        parsed_nodes.len(),
        nodes(&graph).len(),
        "{args:?}: the nodes"
    );
    let mut key = BTreeMap::new();
    for (drawn, node) in parsed_nodes.iter().zip(nodes(&graph)) {
        let kind = text(node, "kind");
        let shape = match kind {
            "country" => "circle",
            "partner" => "square",
            "org" => "stadium",
            "treaty" => "hexagon",
            _ => "odd",
        };
        assert_eq!(text(drawn, "shape"), shape, "{drawn}");
        assert_eq!(drawn["classes"], serde_json::json!([kind]), "{drawn}");
        let label = match node["date"].as_str() {
            Some(date) => text(drawn, "text").replacen(&format!("{date}:"), date, 1),
            None => text(drawn, "text").to_owned(),
        };
        assert_eq!(words(&label), shown(node), "{args:?}: {drawn}");
        key.insert(text(drawn, "id").to_owned(), text(node, "id").to_owned());
    }
    let links: BTreeSet<(String, String)> = edges(&parsed)
        .iter()
        .map(|e| (key[text(e, "from")].clone(), key[text(e, "to")].clone()))
        .collect();
    assert_eq!(links, pairs(&graph), "{args:?}: the links");
    assert_eq!(
        edges(&parsed).len(),
        links.len(),
        "{args:?}: one edge per pair"
    );
    // Under --lang tr each relation reads in Turkish: a role as the schema
    // declares its Turkish, every other relation always by one word of its own.
    let turkish = args.contains(&"tr");
    let mut said: BTreeMap<String, String> = BTreeMap::new();
    for edge in edges(&parsed) {
        let (from, to) = (&key[text(edge, "from")], &key[text(edge, "to")]);
        let mut relations: Vec<&str> = Vec::new();
        // A member's or party's dated or non-plain periods, by their first year.
        let mut periods: Vec<&str> = Vec::new();
        for e in edges(&graph) {
            if text(e, "from") == from && text(e, "to") == to {
                if !relations.contains(&text(e, "relation")) {
                    relations.push(text(e, "relation"));
                }
                let status = e["status"].as_str().unwrap_or("member");
                if e["since"].is_string()
                    || e["until"].is_string()
                    || !matches!(status, "member" | "party")
                {
                    // Under --lang tr a status reads as the schema's Turkish.
                    let said = if turkish { status_tr(status) } else { status };
                    periods.push(e["since"].as_str().map_or(said, |s| &s[..4]));
                }
            }
        }
        let label = text(edge, "text");
        if !periods.is_empty() {
            for period in periods {
                assert!(label.contains(period), "{args:?}: {period} in {edge}");
            }
            continue;
        }
        if !turkish {
            assert_eq!(text(edge, "text"), relations.join(", "), "{args:?}: {edge}");
            continue;
        }
        let words: Vec<&str> = text(edge, "text").split(", ").collect();
        assert_eq!(words.len(), relations.len(), "{args:?}: {edge}");
        for (english, word) in relations.iter().zip(words) {
            if let Some(role) = kzfp::facts::Role::ALL.iter().find(|r| r.word() == *english) {
                assert_eq!(word, role.word_tr(), "{args:?}: {edge}");
            }
            let first = said.entry(english.to_string()).or_insert(word.to_owned());
            assert_eq!(first, word, "{args:?}: '{english}' in two words");
        }
    }
    let words: BTreeSet<&String> = said.values().collect();
    assert_eq!(
        words.len(),
        said.len(),
        "{args:?}: two relations, one word: {said:?}"
    );
    assert!(!turkish || !said.is_empty(), "{args:?}: no link label read");
}

/// A relation's status in Turkish, as the schema declares it.
fn status_tr(status: &str) -> &'static str {
    use kzfp::facts::{MemberStatus, PartyStatus};
    let member = MemberStatus::ALL.iter().find(|s| s.word() == status);
    let party = PartyStatus::ALL.iter().find(|s| s.word() == status);
    member
        .map(|s| s.word_tr())
        .or_else(|| party.map(|s| s.word_tr()))
        .expect("a declared status")
}

#[test]
fn mermaids_own_parser_reads_every_node_and_link() {
    mermaid_parses_as_its_json(&["--events"]);
    mermaid_parses_as_its_json(&MERMAID_EXAMPLE[..2]);
    mermaid_parses_as_its_json(&["--lang", "tr"]);
    let path = fixture(HOSTILE);
    for lang in ["en", "tr"] {
        mermaid_parses_as_its_json(&["--facts", &path, "--events", "--lang", lang]);
    }
}

/// Ids the loader never lets through (they are not slugs), to show the renderers
/// need no help from it: one node per id, every id distinct.
const HOSTILE_IDS: &[&str] = &[
    "a\"b",
    "a\\\"b",
    "back\\slash\\",
    "brace{}[]",
    "new\nline",
    "new\\nline",
    "esc\u{1b}[31m",
    "esc^[[31m",
    "-->;#%%",
    "\u{9b}c1",
    "sp ace",
    "&amp;",
    "&",
    "\\N",
    "end",
    "",
];

/// A graph built in-process from `HOSTILE_IDS`, each id its own label, in a chain.
fn hostile_ids_graph() -> kzfp::query::graph::Graph<'static> {
    use kzfp::query::graph::{Bilingual, Edge, EdgeKind, Graph, Node, NodeKind};
    let kinds = NodeKind::ALL;
    let nodes = HOSTILE_IDS
        .iter()
        .enumerate()
        .map(|(i, id)| Node {
            kind: kinds[i % kinds.len()],
            id,
            label: Bilingual { en: id, tr: id },
            name: Bilingual { en: id, tr: id },
            date: None,
            seed: i == 0,
        })
        .collect();
    let edges = (1..HOSTILE_IDS.len())
        .map(|i| Edge {
            from: i - 1,
            to: i,
            relation: EdgeKind::Party,
            period: None,
        })
        .collect();
    Graph { nodes, edges }
}

fn rendered(format: kzfp::render::graph::GraphFormat) -> String {
    let mut out = Vec::new();
    kzfp::render::graph::render(&mut out, &hostile_ids_graph(), format, false).expect("renders");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn any_id_is_a_node_of_its_own() {
    use kzfp::render::graph::GraphFormat;
    let graph = hostile_ids_graph();
    let drawing = drawing(&svg_of(&rendered(GraphFormat::Dot)));
    // Every id its own node (plus the legend), every edge drawn, every label shown.
    assert_eq!(
        drawing.nodes.len(),
        HOSTILE_IDS.len() + 1,
        "{:?}",
        drawing.nodes
    );
    assert_eq!(drawing.edges, HOSTILE_IDS.len() - 1);
    let labels: BTreeSet<String> = drawing.nodes.values().cloned().collect();
    for node in &graph.nodes {
        let shown = kzfp::text::escape_controls(node.label.en, true).replace('\t', "^I");
        assert!(labels.contains(&words(&shown)), "{shown:?} in {labels:?}");
    }
    // Ids without control characters or backslashes (which a DOT name cannot hold
    // as they are) are their own SVG titles: `KIND:ID`.
    let plain = |id: &str| !id.chars().any(|c| c.is_control() || c == '\\');
    for node in graph.nodes.iter().filter(|n| plain(n.id)) {
        let title = format!("{}:{}", node.kind.word(), node.id);
        assert!(
            drawing.nodes.contains_key(&title),
            "{title:?} in {:?}",
            drawing.nodes.keys()
        );
    }
    // Mermaid: Mermaid's parser finds one node per id, with its label, and every link.
    let diagram = rendered(GraphFormat::Mermaid);
    let parsed = mermaid_parsed(&diagram, 500);
    assert_eq!(nodes(&parsed).len(), HOSTILE_IDS.len(), "{diagram}");
    assert_eq!(edges(&parsed).len(), HOSTILE_IDS.len() - 1, "{diagram}");
    for (drawn, node) in nodes(&parsed).iter().zip(&graph.nodes) {
        let shown = kzfp::text::escape_controls(node.label.en, true).replace('\t', "^I");
        assert_eq!(words(text(drawn, "text")), words(&shown), "{drawn}");
    }
    // JSON: every id round-trips as `KIND:ID`.
    let json: Value = serde_json::from_str(&rendered(GraphFormat::Json)).expect("JSON parses");
    let keys: Vec<String> = graph
        .nodes
        .iter()
        .map(|n| format!("{}:{}", n.kind.word(), n.id))
        .collect();
    let ids: Vec<&str> = nodes(&json).iter().map(|n| text(n, "id")).collect();
    assert_eq!(ids, keys);
}
