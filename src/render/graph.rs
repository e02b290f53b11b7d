//! `kzfp graph`'s three formats: Graphviz DOT, a Mermaid flowchart and JSON;
//! what they share is in `shared`.

mod dot;
mod mermaid;
mod shared;

use crate::query::graph::Graph;
use serde::Serialize;
use shared::{key, links};
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
        GraphFormat::Json => {
            crate::render::json::render_value(out, &JsonGraph::new(graph, turkish))
        }
    }
}

/// The most edges Mermaid draws unless its `maxEdges` is raised, which a diagram
/// cannot do for itself (GitHub keeps the default).
pub const MERMAID_MAX_EDGES: usize = 500;

/// How many lines DOT and Mermaid draw: one per linked pair of nodes.
pub fn links_drawn(graph: &Graph) -> usize {
    links(graph).len()
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
