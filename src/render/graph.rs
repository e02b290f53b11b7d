//! `kzfp graph`'s three formats: Graphviz DOT, a Mermaid flowchart and JSON. What
//! they share lives here: a node's key, the words for kinds and relations in both
//! languages, each kind's colors, and the edges between one pair of nodes drawn
//! as one.

mod dot;
mod mermaid;

use crate::query::graph::{EdgeKind, Graph, Node, NodeKind};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT (graph's default): `kzfp graph | dot -Tsvg > graph.svg`
    Dot,
    /// A Mermaid flowchart, as GitHub renders in Markdown
    Mermaid,
    /// `{"nodes": [...], "edges": [...]}` (for graph; else a JSON array)
    Json,
}

pub fn render(
    out: &mut dyn Write,
    graph: &Graph,
    format: GraphFormat,
    turkish: bool,
) -> io::Result<()> {
    match format {
        GraphFormat::Dot => dot::render(out, graph, turkish),
        GraphFormat::Mermaid => mermaid::render(out, graph, turkish),
        GraphFormat::Json => super::json::render_value(out, &JsonGraph::new(graph, turkish)),
    }
}

/// The most edges Mermaid draws unless its `maxEdges` is raised, which a diagram
/// cannot do for itself (GitHub keeps the default).
pub const MERMAID_MAX_EDGES: usize = 500;

/// How many lines DOT and Mermaid draw: one per linked pair of nodes.
pub fn links_drawn(graph: &Graph) -> usize {
    links(graph).len()
}

/// A node's name in DOT and id in JSON: `partner:russia` (ids are unique only
/// within their kind).
fn key(node: &Node) -> String {
    format!("{}:{}", node.kind.word(), node.id)
}

/// What the legend calls a kind.
fn kind_word(kind: NodeKind, turkish: bool) -> &'static str {
    match (kind, turkish) {
        (NodeKind::Country, false) => "country",
        (NodeKind::Country, true) => "ülke",
        (NodeKind::Partner, false) => "partner",
        (NodeKind::Partner, true) => "ortak",
        (NodeKind::Org, false) => "organisation",
        (NodeKind::Org, true) => "kuruluş",
        (NodeKind::Treaty, false) => "treaty",
        (NodeKind::Treaty, true) => "anlaşma",
        (NodeKind::Event, false) => "event",
        (NodeKind::Event, true) => "olay",
    }
}

/// What an edge's label calls its relation.
fn relation_word(relation: EdgeKind, turkish: bool) -> &'static str {
    if !turkish {
        return relation.word();
    }
    match relation {
        EdgeKind::Partner => "ortak",
        EdgeKind::Party => "taraf",
        EdgeKind::Org => "kuruluş",
        EdgeKind::Parent => "üst kuruluş",
        EdgeKind::Treaty => "anlaşma",
        // A role in the words the schema declares for it.
        EdgeKind::Role(role) => role.word_tr(),
    }
}

/// Fill and line color of a kind, the same in DOT and Mermaid.
fn colors(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Country => ("#00afca", "#00718a"),
        NodeKind::Partner => ("#dbeafe", "#1d4ed8"),
        NodeKind::Org => ("#dcfce7", "#15803d"),
        NodeKind::Treaty => ("#fef3c7", "#b45309"),
        NodeKind::Event => ("#f3e8ff", "#7e22ce"),
    }
}

/// The edges from one node to another, drawn as one line: an org Kazakhstan
/// founded and is a member of gets one arrow, `founder, member`.
struct Link {
    from: usize,
    to: usize,
    relations: Vec<EdgeKind>,
    /// A member's or party's periods: status and years (`1992–1999`).
    periods: Vec<(&'static str, String)>,
}

impl Link {
    fn label(&self, turkish: bool) -> String {
        let words: Vec<&str> = self
            .relations
            .iter()
            .map(|r| relation_word(*r, turkish))
            .collect();
        let words = words.join(", ");
        let plain = |status: &str| matches!(status, "member" | "party");
        // Periods say their status when any is not the plain one (an observer
        // is no member), which then stands for the relation's word.
        let mixed = self.periods.iter().any(|(status, _)| !plain(status));
        let dated = self.periods.iter().any(|(_, years)| !years.is_empty());
        let periods: Vec<String> = self
            .periods
            .iter()
            .map(|(status, years)| {
                let status = if turkish {
                    super::status_tr(status)
                } else {
                    status
                };
                match (mixed, years.is_empty()) {
                    (true, false) => format!("{status} {years}"),
                    (true, true) => status.to_owned(),
                    (false, _) => years.clone(),
                }
            })
            .filter(|p| !p.is_empty())
            .collect();
        let periods = periods.join(", ");
        let tie = matches!(
            self.relations[..],
            [EdgeKind::Role(crate::facts::Role::Member) | EdgeKind::Party]
        );
        match (mixed || dated, mixed && tie) {
            (false, _) => words,
            (true, true) => periods,
            (true, false) => format!("{words} {periods}"),
        }
    }
}

/// The graph's edges as links, in the order each pair first appears.
fn links(graph: &Graph) -> Vec<Link> {
    let mut links: Vec<Link> = Vec::new();
    let mut by_pair = std::collections::HashMap::new();
    for edge in &graph.edges {
        let pair = (edge.from, edge.to);
        let at = *by_pair.entry(pair).or_insert_with(|| {
            links.push(Link {
                from: edge.from,
                to: edge.to,
                relations: Vec::new(),
                periods: Vec::new(),
            });
            links.len() - 1
        });
        if let Some(link) = links.get_mut(at) {
            if !link.relations.contains(&edge.relation) {
                link.relations.push(edge.relation);
            }
            if let Some(period) = edge.period {
                let years = super::period_years(period.since, period.until);
                link.periods.push((period.status, years));
            }
        }
    }
    links
}

/// The kinds the graph has nodes of, in legend order.
fn kinds_present(graph: &Graph) -> Vec<NodeKind> {
    NodeKind::ALL
        .into_iter()
        .filter(|kind| graph.nodes.iter().any(|n| n.kind == *kind))
        .collect()
}

/// The JSON form: `{"nodes": [...], "edges": [...]}`, one edge per relation.
#[derive(Serialize)]
struct JsonGraph<'g> {
    nodes: Vec<JsonNode<'g>>,
    edges: Vec<JsonEdge<'g>>,
}

#[derive(Serialize)]
struct JsonNode<'g> {
    id: String,
    kind: &'static str,
    record: &'g str,
    label: &'g str,
    name: &'g str,
    date: Option<&'g str>,
    seed: bool,
}

#[derive(Serialize)]
struct JsonEdge<'g> {
    from: String,
    to: String,
    relation: &'static str,
    /// A member's or party's edge: its status and dates, as the file gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<&'g str>,
}

impl<'g> JsonGraph<'g> {
    fn new(graph: &'g Graph, turkish: bool) -> JsonGraph<'g> {
        let keys: Vec<String> = graph.nodes.iter().map(key).collect();
        let key_of = |at: usize| keys.get(at).cloned().unwrap_or_default();
        JsonGraph {
            nodes: graph
                .nodes
                .iter()
                .map(|node| JsonNode {
                    id: key(node),
                    kind: node.kind.word(),
                    record: node.id,
                    label: node.label.get(turkish),
                    name: node.name.get(turkish),
                    date: node.date,
                    seed: node.seed,
                })
                .collect(),
            edges: graph
                .edges
                .iter()
                .map(|edge| JsonEdge {
                    from: key_of(edge.from),
                    to: key_of(edge.to),
                    relation: edge.relation.word(),
                    status: edge.period.map(|p| p.status),
                    since: edge.period.and_then(|p| p.since),
                    until: edge.period.and_then(|p| p.until),
                })
                .collect(),
        }
    }
}
