//! The graph as a Mermaid `flowchart`, which GitHub draws from a ```mermaid block.
//! Node ids are made safe identifiers (`partner_russia`: letters, digits and `_`,
//! unique); labels are quoted, with every character Mermaid or HTML could read as
//! syntax written as an entity code (`#quot;`, `#93;`), line ends as `<br>` and
//! other control characters in caret form.

use super::shared::{colors, key, kinds_present, links};
use crate::query::graph::{Graph, Node, NodeKind};
use crate::text::escape_controls;
use std::collections::HashSet;
use std::io::{self, Write};

pub(super) fn render(out: &mut dyn Write, graph: &Graph, turkish: bool) -> io::Result<()> {
    let ids = identifiers(&graph.nodes);
    writeln!(out, "flowchart LR")?;
    for (node, id) in graph.nodes.iter().zip(&ids) {
        let label = match node.date {
            Some(date) => format!("{date}: {}", node.label.get(turkish)),
            None => node.label.get(turkish).to_owned(),
        };
        let (open, close) = shape(node.kind);
        let class = node.kind.word();
        writeln!(out, "  {id}{open}\"{}\"{close}:::{class}", text(&label))?;
    }
    for link in links(graph) {
        let (Some(from), Some(to)) = (ids.get(link.from), ids.get(link.to)) else {
            continue;
        };
        writeln!(out, "  {from} -->|\"{}\"| {to}", text(&link.label(turkish)))?;
    }
    for kind in kinds_present(graph) {
        let (fill, line) = colors(kind);
        let width = if kind == NodeKind::Country { 3 } else { 1 };
        let font = if kind == NodeKind::Country {
            "#ffffff"
        } else {
            "#111827"
        };
        writeln!(
            out,
            "  classDef {} fill:{fill},stroke:{line},stroke-width:{width}px,color:{font}",
            kind.word()
        )?;
    }
    Ok(())
}

/// Mermaid's brackets for a kind's shape.
fn shape(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Country => ("((", "))"),
        NodeKind::Partner => ("[", "]"),
        NodeKind::Org => ("([", "])"),
        NodeKind::Treaty => ("{{", "}}"),
        NodeKind::Event => (">", "]"),
    }
}

/// Each node's identifier: its key with every character but an ASCII letter or
/// digit made `_` (`treaty:russia-friendship-1992` → `treaty_russia_friendship_1992`),
/// with `_2`, `_3`… after one already taken.
fn identifiers(nodes: &[Node]) -> Vec<String> {
    let mut taken = HashSet::new();
    nodes
        .iter()
        .map(|node| {
            let plain: String = key(node)
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let mut id = plain.clone();
            let mut n = 1;
            while !taken.insert(id.clone()) {
                n += 1;
                id = format!("{plain}_{n}");
            }
            id
        })
        .collect()
}

/// A label's text for inside `"…"` (never empty).
fn text(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in escape_controls(label, true).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '\n' => out.push_str("<br>"),
            '\t' => out.push_str("^I"),
            '#' | '&' | '<' | '>' | '[' | ']' | '{' | '}' | '(' | ')' | '|' | ';' | '%' | '`'
            | '\\' => out.push_str(&format!("#{};", c as u32)),
            c => out.push(c),
        }
    }
    // Mermaid's grammar has no empty string: `""` is a parse error, `" "` is not.
    if out.is_empty() {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_has_no_syntax_left() {
        assert_eq!(text("a\"b]c"), "a#quot;b#93;c");
        assert_eq!(text("x\ny\u{1b}"), "x<br>y^#91;");
        assert_eq!(text("-->;#"), "--#62;#59;#35;");
    }
}
