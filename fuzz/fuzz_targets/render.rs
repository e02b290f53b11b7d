//! Fuzz target `render`: for any fact file the loader accepts, every query output
//! (each listing, each record's detail view, every id resolved back) in every
//! format, language and layout must render without a panic.
//!
//! Oracles: table, csv and tsv output (colour off) carries no raw control
//! character but line ends and csv/tsv's own separators; json and jsonl parse
//! back and carry none at all outside their escapes. The graph (the whole base
//! with its events, and each partner's neighbourhood two steps out) renders in
//! DOT, Mermaid and JSON in both languages with no raw control character but
//! line ends; its JSON parses back with one node and edge per the graph's, and
//! its Mermaid has one line per node and per linked pair.
//!
//! `--jq`: each listing's JSON goes through jq programs — a fixed set, and one
//! chosen by the file itself: a comment line `# jq: 3 17 5` (still a valid fact
//! file) names up to six of `JQ_STEPS`, piped in that order. Every step ends, so
//! no program runs forever; a runtime error is an answer, a panic, a stack
//! overflow or a raw control character in what it prints is a finding. A step
//! that may grow or take quadratic time reads at most 1 kB (`BUDGET`).
#![no_main]

use kzfp::facts::{self, FactBase, Index, Kind};
use kzfp::query::graph::{self, Graph, GraphFilter};
use kzfp::query::{self, ListOf, Output, org, partner, timeline, treaty};
use kzfp::render::graph::GraphFormat;
use kzfp::record::fields;
use kzfp::render::jq::Jq;
use kzfp::render::{self, Format, RenderOptions};
use kzfp::resolve::resolve;
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 6] = [
    Format::Table,
    Format::Json,
    Format::Jsonl,
    Format::Csv,
    Format::Tsv,
    Format::Markdown,
];

fuzz_target!(|data: &[u8]| {
    let Ok(base) = facts::load_bytes("fuzz.toml", data.to_vec()) else {
        return;
    };
    for output in outputs(&base) {
        for format in FORMATS {
            for options in layouts(&output) {
                let mut out = Vec::new();
                render::render(&mut out, &output, format, &options)
                    .expect("rendering into a Vec cannot fail");
                check_output(format, &out);
            }
        }
    }
    let programs = jq_programs(data);
    for output in jq_inputs(&base) {
        let mut json = Vec::new();
        let options = RenderOptions::default();
        render::render(&mut json, &output, Format::Json, &options)
            .expect("rendering into a Vec cannot fail");
        for program in &programs {
            check_jq(program, &json);
        }
    }
    for graph in graphs(&base) {
        check_graph(&graph);
    }
    for kind in [Kind::Partner, Kind::Org, Kind::Treaty] {
        for index in 0..base.count(kind) as Index {
            let id = base
                .meta(kind, index)
                .map(|m| base.str(m.id))
                .unwrap_or_default();
            assert_eq!(
                resolve(&base, kind, id).ok(),
                Some(index),
                "id {id:?} resolves elsewhere"
            );
            for key in base.keys(kind, index) {
                assert!(
                    resolve(&base, kind, key).is_ok(),
                    "key {key:?} resolves to nothing"
                );
            }
        }
    }
});

/// Filters that always end, whatever their input: the pieces of the programs.
const JQ_STEPS: [&str; 40] = [
    ".",
    ".[]?",
    "[.[]?]",
    "[paths]",
    "[leaf_paths]",
    "[tostream]",
    "fromstream(tostream)",
    "[.. | strings] | @csv",
    "[.. | scalars] | @tsv",
    "[.. | strings] | @sh",
    "tojson",
    "tojson | fromjson",
    "tostring",
    "keys? // []",
    "to_entries?",
    "map_values(tostring)?",
    "[.. | numbers] | add",
    "[.. | strings] | join(\", \")",
    "[.. | strings | ascii_downcase]",
    "[.. | strings | explode | implode]",
    "[.. | strings | test(\"a\"; \"i\")]",
    "[.. | strings | [match(\"(?<w>[a-z]+)\"; \"g\")]]",
    "[.. | strings | splits(\" \")]",
    "[.. | strings | sub(\"a\"; \"b\")]",
    "[.. | strings | ltrimstr(\"a\") | rtrimstr(\"s\")]",
    "[.. | strings | @base64 | @base64d]",
    "[.. | strings | @uri, @html]",
    "[.. | strings | utf8bytelength]",
    "sort? // .",
    "unique? // .",
    "[.[]? | objects] | group_by(.id)",
    "[.[]? | objects] | INDEX(.id)",
    "[.[]? | objects | .id] | IN(\"russia\")",
    "[.. | arrays | length] | max",
    "flatten? // .",
    "[.[]? | objects | with_entries(.key |= ascii_upcase)]",
    "[limit(3; .[]?)]",
    "setpath([\"a\", 0, \"b\"]; 1)?",
    "[.[]? | objects | del(.id)]",
    "reduce (.. | numbers) as $n (0; . + $n)",
];

/// What each step of a file's own program may read: a larger input is a
/// runtime error, which the harness takes as an answer like any other.
const BUDGET: &str = "if (tojson | length) > 1000 then error(\"over the harness's budget\") else . end";

/// The fixed programs, and the file's own `# jq:` line's.
fn jq_programs(data: &[u8]) -> Vec<Jq> {
    let mut programs: Vec<String> = vec![
        ".".to_owned(),
        "[.[]? | objects | [.id, .name?] | @csv]".to_owned(),
        format!("{BUDGET} | [tostream] | fromstream(.[])"),
    ];
    let text = String::from_utf8_lossy(data);
    for line in text.lines().filter_map(|l| l.strip_prefix("# jq:")).take(2) {
        let steps: Vec<&str> = line
            .split_whitespace()
            .filter_map(|n| n.parse::<usize>().ok())
            .filter_map(|n| JQ_STEPS.get(n % JQ_STEPS.len()).copied())
            .take(6)
            .collect();
        if !steps.is_empty() {
            // Each step ends, but some grow their input several times over
            // (`[paths]`, `[tostream]`) and some take time quadratic in theirs
            // (`fromstream`, as jq 1.6 defines it): a chain of them outgrows any
            // time limit under ASan. Each step is given at most 1 kB of JSON (`[leaf_paths] | [tostream] | fromstream(tostream)` takes 60 ms on 2.6 kB in the release binary, as in jq 1.6, and fifty times that under ASan).
            programs.push(format!("{BUDGET} | {}", steps.join(&format!(" | {BUDGET} | "))));
        }
    }
    programs
        .iter()
        .map(|code| Jq::compile(code).unwrap_or_else(|e| panic!("{code}: {e}")))
        .collect()
}

/// A program's results: any runtime error is fine; what it prints carries no
/// raw control character but line ends and tabs (raw strings keep them).
fn check_jq(program: &Jq, json: &[u8]) {
    let mut out = Vec::new();
    if program.run(json, &mut out).is_err() {
        return;
    }
    let text = std::str::from_utf8(&out).expect("--jq prints UTF-8");
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        panic!("--jq output carries raw control {:#x}: {text:?}", c as u32);
    }
}

/// Every listing unfiltered (as the query returns it, lazy or not, and built and
/// sorted by each field), the timeline searched, and every record's detail view.
fn outputs(base: &FactBase) -> Vec<Output<'_>> {
    let listings = || {
        [
            timeline::run(base, &Default::default()),
            partner::list(base, &Default::default()),
            org::list(base, &Default::default()),
            treaty::list(base, &Default::default()),
        ]
    };
    let mut all: Vec<Output> = listings().into_iter().collect();
    for listing in listings() {
        if let Output::List {
            of: ListOf::Kind(kind),
            records,
        } = listing.built()
        {
            for field in fields(kind) {
                let mut records = records.clone();
                records.sort_by(|a, b| match (a.get(field), b.get(field)) {
                    (Some(x), Some(y)) => x.compare(y),
                    _ => std::cmp::Ordering::Equal,
                });
                let of = ListOf::Kind(kind);
                all.push(Output::List { of, records });
            }
        }
    }
    let count = |kind| base.count(kind) as Index;
    all.extend((0..count(Kind::Partner)).map(|i| partner::show(base, i, None)));
    all.extend((0..count(Kind::Org)).map(|i| org::show(base, i, None)));
    all.extend((0..count(Kind::Treaty)).map(|i| treaty::show(base, i, None)));
    let search = query::Search::new(&["a".to_owned()]);
    let filter = timeline::TimelineFilter {
        search,
        ..Default::default()
    };
    all.push(timeline::run(base, &filter));
    // `kzfp search`: a listing of every kind.
    let every = query::search::SearchFilter {
        kinds: Vec::new(),
        search: query::Search::new(&["a".to_owned()]).naming(base),
    };
    all.push(query::search::run(base, &every));
    all
}

/// What the jq programs read: each kind's listing, the first detail view of
/// each kind, and `kzfp search`'s listing of every kind. The sorted copies and
/// the other detail views have the same shapes and strings; running every
/// program over all of them made one seed's four steps
/// (`[leaf_paths] | [tostream] | fromstream(tostream) | …`) take 13 s under
/// ASan: a timeout of the harness (kzfp itself answers that on the file in 20 ms).
fn jq_inputs(base: &FactBase) -> Vec<Output<'_>> {
    let mut all = vec![
        timeline::run(base, &Default::default()),
        partner::list(base, &Default::default()),
        org::list(base, &Default::default()),
        treaty::list(base, &Default::default()),
    ];
    let first = |kind| (base.count(kind) > 0).then_some(0 as Index);
    all.extend(first(Kind::Partner).map(|i| partner::show(base, i, None)));
    all.extend(first(Kind::Org).map(|i| org::show(base, i, None)));
    all.extend(first(Kind::Treaty).map(|i| treaty::show(base, i, None)));
    let every = query::search::SearchFilter {
        kinds: Vec::new(),
        search: query::Search::new(&["a".to_owned()]).naming(base),
    };
    all.push(query::search::run(base, &every));
    all
}

/// The whole base with its events, and each partner's neighbourhood.
fn graphs(base: &FactBase) -> Vec<Graph<'_>> {
    let whole = GraphFilter {
        events: true,
        ..Default::default()
    };
    let mut all = vec![graph::build(base, &whole)];
    for index in 0..base.count(Kind::Partner) as Index {
        let near = GraphFilter {
            events: true,
            partners: vec![index],
            depth: 2,
            ..Default::default()
        };
        all.push(graph::build(base, &near));
    }
    all
}

fn check_graph(graph: &Graph) {
    let pairs: std::collections::BTreeSet<(usize, usize)> =
        graph.edges.iter().map(|e| (e.from, e.to)).collect();
    for format in [GraphFormat::Dot, GraphFormat::Mermaid, GraphFormat::Json] {
        for turkish in [false, true] {
            let mut out = Vec::new();
            kzfp::render::graph::render(&mut out, graph, format, turkish)
                .expect("rendering into a Vec cannot fail");
            let text = std::str::from_utf8(&out).expect("graph output is UTF-8");
            if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n') {
                panic!("{format:?} carries raw control {:#x}: {text:?}", c as u32);
            }
            match format {
                GraphFormat::Json => {
                    let value: serde_json::Value =
                        serde_json::from_str(text).expect("graph JSON parses");
                    assert_eq!(value["nodes"].as_array().map(Vec::len), Some(graph.nodes.len()));
                    assert_eq!(value["edges"].as_array().map(Vec::len), Some(graph.edges.len()));
                }
                GraphFormat::Mermaid => {
                    let nodes = text.lines().filter(|l| l.contains(":::")).count();
                    let links = text.lines().filter(|l| l.contains(" -->|")).count();
                    assert_eq!(nodes, graph.nodes.len(), "{text}");
                    assert_eq!(links, pairs.len(), "{text}");
                }
                GraphFormat::Dot => {
                    let links = text.lines().filter(|l| is_edge_line(l)).count();
                    assert_eq!(links, pairs.len(), "{text}");
                }
            }
        }
    }
}

/// `  "a" -> "b" […]`: the first quoted string (its escapes skipped) is followed
/// by an arrow.
fn is_edge_line(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("  \"") else {
        return false;
    };
    let mut chars = rest.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return rest[at + 1..].starts_with(" -> "),
            _ => {}
        }
    }
    false
}

/// Default columns, every field, no headers, a narrow terminal, Turkish.
fn layouts(output: &Output) -> Vec<RenderOptions> {
    let (kind, detail) = match output {
        Output::List {
            of: ListOf::Kind(kind),
            ..
        }
        | Output::Lazy { kind, .. } => (*kind, false),
        Output::Detail { kind, .. } => (*kind, true),
        // `kzfp search`'s listing of every kind: its columns, every field.
        Output::List {
            of: ListOf::Every, ..
        } => {
            return vec![
                RenderOptions::default(),
                RenderOptions {
                    fields: Some(query::search::fields()),
                    no_headers: true,
                    turkish: true,
                    width: Some(40),
                    ..Default::default()
                },
            ];
        }
    };
    let mut every_field = fields(kind).to_vec();
    if detail {
        every_field.push("related");
    }
    vec![
        RenderOptions::default(),
        RenderOptions {
            fields: Some(every_field),
            no_headers: true,
            turkish: true,
            ..Default::default()
        },
        RenderOptions {
            width: Some(20),
            ..Default::default()
        },
    ]
}

fn check_output(format: Format, out: &[u8]) {
    let text = std::str::from_utf8(out).expect("output is UTF-8");
    match format {
        Format::Json => {
            serde_json::from_str::<serde_json::Value>(text).expect("json output parses");
        }
        Format::Jsonl => {
            for line in text.lines() {
                serde_json::from_str::<serde_json::Value>(line).expect("jsonl line parses");
            }
        }
        // Every line a table row, a section heading or the blank line around one.
        Format::Markdown => {
            for line in text.lines() {
                let row = line.starts_with("| ") && line.ends_with(" |");
                assert!(
                    row || line.is_empty() || line.starts_with("### "),
                    "markdown line is no table row: {line:?}"
                );
            }
        }
        Format::Table | Format::Csv | Format::Tsv => {}
    }
    let allowed = |c: char| match format {
        Format::Csv => c == '\n' || c == '\r' || c == '\t',
        Format::Table => c == '\n' || c == '\t',
        Format::Tsv | Format::Markdown => c == '\n' || c == '\t',
        Format::Json | Format::Jsonl => c == '\n',
    };
    if let Some(c) = text.chars().find(|&c| c.is_control() && !allowed(c)) {
        panic!(
            "{format:?} output carries raw control {:#x}: {text:?}",
            c as u32
        );
    }
}
