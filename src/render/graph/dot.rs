//! The graph as Graphviz DOT: a shape and color per kind, one arrow per pair of
//! nodes labelled with its relations, and a legend of the kinds shown. Every name
//! and label is a quoted string with its quotes, backslashes and line ends escaped
//! and its other control characters in caret form, so no text from the fact file
//! can end a string, make a statement or reach Graphviz as a control character.

use super::shared::{Link, colors, key, kind_word, kinds_present, links, relation_word};
use crate::facts::Role;
use crate::query::graph::{EdgeKind, Graph, Node, NodeKind};
use crate::text::escape_controls;
use std::io::{self, Write};

const FONT: &str = "Helvetica,Arial,sans-serif";

/// Characters a label line holds before it wraps at a space.
const WRAP: usize = 24;

pub(super) fn render(out: &mut dyn Write, graph: &Graph, turkish: bool) -> io::Result<()> {
    writeln!(out, "// kzfp graph; draw it with: dot -Tsvg -o graph.svg")?;
    writeln!(out, "digraph kzfp {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, ranksep=1.1, nodesep=0.18, fontname={font}, fontsize=12, \
         labelloc=t, tooltip=\" \"];",
        font = quoted(FONT)
    )?;
    writeln!(
        out,
        "  node [fontname={font}, fontsize=11, penwidth=1.2, margin=\"0.12,0.05\"];",
        font = quoted(FONT)
    )?;
    writeln!(
        out,
        "  edge [fontname={font}, fontsize=9, arrowsize=0.6, penwidth=0.9];",
        font = quoted(FONT)
    )?;
    for node in &graph.nodes {
        write_node(out, node, turkish)?;
    }
    for link in links(graph) {
        write_link(out, graph, &link, turkish)?;
    }
    write_legend(out, graph, turkish)?;
    writeln!(out, "}}")
}

fn write_node(out: &mut dyn Write, node: &Node, turkish: bool) -> io::Result<()> {
    let label = match node.date {
        Some(date) => format!("{date}\n{}", wrap(node.label.get(turkish))),
        None => wrap(node.label.get(turkish)),
    };
    let tooltip = match node.date {
        Some(date) => format!("{date}: {}", node.name.get(turkish)),
        None => node.name.get(turkish).to_owned(),
    };
    let seed = if node.seed { ", penwidth=3" } else { "" };
    writeln!(
        out,
        "  {} [label={}, tooltip={}, {}{seed}];",
        name(node),
        quoted(&label),
        quoted(&tooltip),
        style(node.kind)
    )
}

/// The shape and colors of a kind.
fn style(kind: NodeKind) -> String {
    let (fill, line) = colors(kind);
    let (shape, extra) = match kind {
        NodeKind::Country => (
            "doublecircle",
            ", fontsize=15, fontcolor=\"#ffffff\", style=\"filled,bold\", margin=0.02",
        ),
        NodeKind::Partner => ("box", ", style=\"filled,rounded\""),
        NodeKind::Org => ("ellipse", ", style=filled"),
        NodeKind::Treaty => ("note", ", style=filled, fontsize=10"),
        NodeKind::Event => ("box", ", style=\"filled,dashed\", fontsize=10"),
    };
    format!("shape={shape}, fillcolor=\"{fill}\", color=\"{line}\"{extra}")
}

fn write_link(out: &mut dyn Write, graph: &Graph, link: &Link, turkish: bool) -> io::Result<()> {
    let (Some(from), Some(to)) = (graph.nodes.get(link.from), graph.nodes.get(link.to)) else {
        return Ok(());
    };
    let relation = link.relations.first().copied().unwrap_or(EdgeKind::Partner);
    let line = Line::of(from.kind, to.kind, relation);
    let (color, style) = line.look();
    // What the line's look already says (the legend has it) is a tooltip; the
    // country's roles and an org's parent are written on the line.
    let label = if line.is_labelled() {
        "label"
    } else {
        "tooltip"
    };
    // An edge into the centre is written from it, its arrowhead turned back: the
    // centre then takes the first rank and the picture reads out from it.
    let (first, second, dir) = if to.kind == NodeKind::Country {
        (to, from, ", dir=back")
    } else {
        (from, to, "")
    };
    writeln!(
        out,
        "  {} -> {} [{label}={}, color=\"{color}\", fontcolor=\"{color}\", style={style}{dir}];",
        name(first),
        name(second),
        quoted(&link.label(turkish)),
    )
}

/// The kinds of line the picture draws, each with its own look, in legend order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Partner,
    Role,
    Member,
    Party,
    Org,
    Parent,
    Event,
}

impl Line {
    const ALL: [Line; 7] = [
        Line::Partner,
        Line::Role,
        Line::Member,
        Line::Party,
        Line::Org,
        Line::Parent,
        Line::Event,
    ];

    fn of(from: NodeKind, to: NodeKind, relation: EdgeKind) -> Line {
        match (from, to, relation) {
            (NodeKind::Event, _, _) => Line::Event,
            (_, NodeKind::Country, EdgeKind::Role(_)) => Line::Role,
            (_, _, EdgeKind::Role(_)) => Line::Member,
            (_, _, EdgeKind::Partner) => Line::Partner,
            (_, _, EdgeKind::Party | EdgeKind::Treaty) => Line::Party,
            (_, _, EdgeKind::Org) => Line::Org,
            (_, _, EdgeKind::Parent) => Line::Parent,
        }
    }

    /// Color and style: the line color of the kind the relation is about.
    fn look(self) -> (&'static str, &'static str) {
        let of = |kind| colors(kind).1;
        match self {
            Line::Partner => (of(NodeKind::Partner), "solid"),
            Line::Role => (of(NodeKind::Org), "bold"),
            Line::Member => (of(NodeKind::Org), "solid"),
            Line::Party => (of(NodeKind::Treaty), "solid"),
            Line::Org | Line::Parent => (of(NodeKind::Org), "dashed"),
            Line::Event => (of(NodeKind::Event), "dotted"),
        }
    }

    fn is_labelled(self) -> bool {
        matches!(self, Line::Role | Line::Parent)
    }

    /// What the legend says the line means.
    fn meaning(self, turkish: bool) -> &'static str {
        match self {
            Line::Role if turkish => "rol (okun üstünde)",
            Line::Role => "role (on the arrow)",
            Line::Partner => relation_word(EdgeKind::Partner, turkish),
            Line::Member => relation_word(EdgeKind::Role(Role::Member), turkish),
            Line::Party => relation_word(EdgeKind::Party, turkish),
            Line::Org => relation_word(EdgeKind::Org, turkish),
            Line::Parent => relation_word(EdgeKind::Parent, turkish),
            Line::Event => kind_word(NodeKind::Event, turkish),
        }
    }
}

/// One table beside the graph: a swatch per kind shown, a line per relation shown.
fn write_legend(out: &mut dyn Write, graph: &Graph, turkish: bool) -> io::Result<()> {
    let kinds = kinds_present(graph);
    if kinds.is_empty() {
        return Ok(());
    }
    let title = if turkish { "Açıklama" } else { "Legend" };
    let mut rows = format!("<tr><td border=\"0\"><b>{}</b></td></tr>", html(title));
    for kind in kinds {
        let (fill, line) = colors(kind);
        rows.push_str(&format!(
            "<tr><td bgcolor=\"{fill}\" color=\"{line}\">{}</td></tr>",
            html(kind_word(kind, turkish))
        ));
    }
    for line in legend_lines(graph) {
        let (color, style) = line.look();
        let dash = match style {
            "dotted" => "┈┈┈",
            "dashed" => "╌╌╌",
            "bold" => "━━━",
            _ => "───",
        };
        rows.push_str(&format!(
            "<tr><td border=\"0\" align=\"left\"><font color=\"{color}\">{dash}&gt; {}</font></td></tr>",
            html(line.meaning(turkish))
        ));
    }
    writeln!(
        out,
        "  legend [shape=plain, fontsize=10, tooltip=\" \", label=<<table border=\"0\" \
         cellborder=\"1\" cellspacing=\"2\" cellpadding=\"3\">{rows}</table>>];"
    )
}

/// The kinds of line the graph draws, in legend order.
fn legend_lines(graph: &Graph) -> Vec<Line> {
    let drawn: Vec<Line> = graph
        .edges
        .iter()
        .filter_map(|edge| {
            let from = graph.nodes.get(edge.from)?;
            let to = graph.nodes.get(edge.to)?;
            Some(Line::of(from.kind, to.kind, edge.relation))
        })
        .collect();
    Line::ALL
        .into_iter()
        .filter(|line| drawn.contains(line))
        .collect()
}

/// Bilingual for inside an HTML-like label.
fn html(text: &str) -> String {
    escape_controls(text, false)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Words joined into lines of about `WRAP` characters (a longer word keeps its line).
fn wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line = 0;
    for (i, word) in text.split(' ').enumerate() {
        let len = word.chars().count();
        if i > 0 {
            if line > 0 && line + 1 + len > WRAP {
                out.push('\n');
                line = 0;
            } else {
                out.push(' ');
                line += 1;
            }
        }
        out.push_str(word);
        line = match word.rfind('\n') {
            Some(end) => word.get(end + 1..).map_or(0, |rest| rest.chars().count()),
            None => line + len,
        };
    }
    out
}

/// A node's name: its key as a DOT string that no other key makes. Graphviz
/// reads no escapes in a name, so a backslash is doubled (`\\`), a control
/// character written `\xHH` with one, and `&` as `&amp;` (SVG titles keep
/// entities).
fn name(node: &Node) -> String {
    let key = key(node);
    let mut out = String::with_capacity(key.len() + 2);
    out.push('"');
    for c in key.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A DOT double-quoted string. Inside one only `\"` is an escape to DOT itself;
/// Graphviz then reads `\\`, `\n` and `&…;` in labels (`\N` would be the node's
/// name), so backslashes are doubled and `&` written `&amp;`. Line ends become
/// `\n`; other control characters are shown in caret form (`^[`).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in escape_controls(text, true).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("^I"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(
            wrap("Treaty on Friendship, Cooperation and Mutual Assistance"),
            "Treaty on Friendship,\nCooperation and Mutual\nAssistance"
        );
        assert_eq!(wrap("SCO"), "SCO");
        assert_eq!(wrap("a\nb c"), "a\nb c");
    }

    #[test]
    fn quoting_escapes_what_dot_reads() {
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quoted("x\ny\u{1b}[2J\t&"), "\"x\\ny^[[2J^I&amp;\"");
        assert_eq!(quoted("\\"), "\"\\\\\"");
    }
}
