//! What `kzfp graph`'s formats share: a node's key, the words for kinds and
//! relations in both languages, each kind's colors, and the edges between one
//! pair of nodes drawn as one.

use crate::query::graph::{EdgeKind, Graph, Node, NodeKind};

/// A node's name in DOT and id in JSON: `partner:russia` (ids are unique only
/// within their kind).
pub(super) fn key(node: &Node) -> String {
    format!("{}:{}", node.kind.word(), node.id)
}

/// What the legend calls a kind.
pub(super) fn kind_word(kind: NodeKind, turkish: bool) -> &'static str {
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
pub(super) fn relation_word(relation: EdgeKind, turkish: bool) -> &'static str {
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
pub(super) fn colors(kind: NodeKind) -> (&'static str, &'static str) {
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
pub(super) struct Link {
    pub from: usize,
    pub to: usize,
    pub relations: Vec<EdgeKind>,
    /// A member's or party's periods: status and years (`1992–1999`).
    periods: Vec<(&'static str, String)>,
}

impl Link {
    pub(super) fn label(&self, turkish: bool) -> String {
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
                    crate::render::cell::status_tr(status)
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
pub(super) fn links(graph: &Graph) -> Vec<Link> {
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
                let years = crate::render::cell::period_years(period.since, period.until);
                link.periods.push((period.status, years));
            }
        }
    }
    links
}

/// The kinds the graph has nodes of, in legend order.
pub(super) fn kinds_present(graph: &Graph) -> Vec<NodeKind> {
    NodeKind::ALL
        .into_iter()
        .filter(|kind| graph.nodes.iter().any(|n| n.kind == *kind))
        .collect()
}
