//! `kzfp graph`: the fact base as nodes and edges. Partners, orgs, treaties and
//! (when asked) events are nodes; the file's `[country]` is the centre node of
//! every relation that involves it. An edge runs from the record whose field
//! states the relation to the record the field names, and is named after that
//! field (`treaty -party-> partner`, `org -founder-> country`). With seed records
//! the graph is their neighbourhood. The graph is returned; `render::graph` draws it.

use super::{DateRange, by_date, has_tag, where_};
use crate::facts::{FactBase, Index, Participation, Period, Relation, Role};

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Country,
    Partner,
    Org,
    Treaty,
    Event,
}

impl NodeKind {
    pub const ALL: [NodeKind; 5] = [
        NodeKind::Country,
        NodeKind::Partner,
        NodeKind::Org,
        NodeKind::Treaty,
        NodeKind::Event,
    ];

    /// The fact file's word for the kind (`[country]`, `[[partner]]`, …).
    pub fn word(self) -> &'static str {
        match self {
            NodeKind::Country => "country",
            NodeKind::Partner => "partner",
            NodeKind::Org => "org",
            NodeKind::Treaty => "treaty",
            NodeKind::Event => "event",
        }
    }
}

/// A text in the fact file's two languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bilingual<'a> {
    pub en: &'a str,
    pub tr: &'a str,
}

impl<'a> Bilingual<'a> {
    pub fn get(self, turkish: bool) -> &'a str {
        if turkish { self.tr } else { self.en }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node<'a> {
    pub kind: NodeKind,
    /// The record's id, unique within its kind.
    pub id: &'a str,
    /// What a picture shows: the name, an org's acronym, an event's title.
    pub label: Bilingual<'a>,
    /// The full name (an org's, where the label is its acronym), else the label.
    pub name: Bilingual<'a>,
    /// An event's date, as the file gives it.
    pub date: Option<&'a str>,
    /// One of the records the neighbourhood was asked for.
    pub seed: bool,
}

/// The field an edge comes from (for an org's roles, the role).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// The country's partner (every `[[partner]]` is one).
    Partner,
    /// A treaty's party (the country too, unless the treaty says `kazakhstan = "not-party"`).
    Party,
    /// A treaty's or an event's org.
    Org,
    /// An org's parent body.
    Parent,
    /// An event's treaty.
    Treaty,
    /// An org's member (the country's roles, and `members`).
    Role(Role),
}

impl EdgeKind {
    /// The word JSON carries and the pictures show in English.
    pub fn word(self) -> &'static str {
        match self {
            EdgeKind::Partner => "partner",
            EdgeKind::Party => "party",
            EdgeKind::Org => "org",
            EdgeKind::Parent => "parent",
            EdgeKind::Treaty => "treaty",
            EdgeKind::Role(role) => role.word(),
        }
    }
}

/// An edge between two nodes, by their place in `Graph::nodes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge<'a> {
    pub from: usize,
    pub to: usize,
    pub relation: EdgeKind,
    /// A member's or party's period: its status and dates as the file gives them.
    pub period: Option<EdgePeriod<'a>>,
}

/// The period a member or party edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdgePeriod<'a> {
    pub status: &'static str,
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Graph<'a> {
    pub nodes: Vec<Node<'a>>,
    pub edges: Vec<Edge<'a>>,
}

/// Which records take part; events only when `events`, and then those matching
/// `dates` and `tags`. With seeds, the records within `depth` edges of one.
#[derive(Debug, Default)]
pub struct GraphFilter {
    pub events: bool,
    pub dates: DateRange,
    pub tags: Vec<String>,
    pub partners: Vec<Index>,
    pub orgs: Vec<Index>,
    pub treaties: Vec<Index>,
    pub depth: usize,
    /// `--at`: only the relations that held on a day of it.
    pub at: Option<Period>,
}

pub fn build<'a>(base: &'a FactBase, filter: &GraphFilter) -> Graph<'a> {
    let mut graph = whole(base, filter);
    let places = Places::of(base);
    let seeds: Vec<usize> = (filter.partners.iter().map(|i| places.partner(*i)))
        .chain(filter.orgs.iter().map(|i| places.org(*i)))
        .chain(filter.treaties.iter().map(|i| places.treaty(*i)))
        .collect();
    if seeds.is_empty() {
        return graph;
    }
    for seed in &seeds {
        if let Some(node) = graph.nodes.get_mut(*seed) {
            node.seed = true;
        }
    }
    graph.neighbourhood(&seeds, filter.depth)
}

/// Where each record's node is in the whole graph: the country first, then every
/// partner, org and treaty in file order, then the events.
struct Places {
    partners: usize,
    orgs: usize,
}

const COUNTRY: usize = 0;

impl Places {
    fn of(base: &FactBase) -> Places {
        Places {
            partners: base.partners.len(),
            orgs: base.orgs.len(),
        }
    }
    fn partner(&self, i: Index) -> usize {
        1 + i as usize
    }
    fn org(&self, i: Index) -> usize {
        1 + self.partners + i as usize
    }
    fn treaty(&self, i: Index) -> usize {
        1 + self.partners + self.orgs + i as usize
    }
}

fn whole<'a>(base: &'a FactBase, filter: &GraphFilter) -> Graph<'a> {
    let places = Places::of(base);
    let mut graph = Graph::default();
    let text = |en, tr| Bilingual {
        en: base.str(en),
        tr: base.str(tr),
    };
    let country = &base.country;
    let name = text(country.name, country.name_tr);
    graph.nodes.push(node(
        NodeKind::Country,
        base.str(country.meta.id),
        name,
        name,
    ));
    for (i, partner) in base.partners.iter().enumerate() {
        let name = text(partner.name, partner.name_tr);
        let id = base.str(partner.meta.id);
        graph.nodes.push(node(NodeKind::Partner, id, name, name));
        graph.edge(COUNTRY, places.partner(i as Index), EdgeKind::Partner);
    }
    for (i, org) in base.orgs.iter().enumerate() {
        let at = places.org(i as Index);
        let name = text(org.name, org.name_tr);
        let acronym = org.acronym.map(|en| Bilingual {
            en: base.str(en),
            tr: base.opt(org.acronym_tr).unwrap_or(base.str(en)),
        });
        let id = base.str(org.meta.id);
        graph
            .nodes
            .push(node(NodeKind::Org, id, acronym.unwrap_or(name), name));
        if super::org::held_at(org, filter.at.as_ref()) {
            for role in org.roles.iter() {
                graph.edge(at, COUNTRY, EdgeKind::Role(*role));
            }
        }
        let statuses = <crate::facts::MemberStatus as crate::facts::declare::Words>::WORDS;
        for member in base.list(org.members) {
            if let Some(period) = period(base, member, statuses, filter) {
                let to = places.partner(member.partner);
                graph.dated_edge(at, to, EdgeKind::Role(Role::Member), period);
            }
        }
        if let Some(parent) = org.parent {
            graph.edge(at, places.org(parent), EdgeKind::Parent);
        }
    }
    for (i, treaty) in base.treaties.iter().enumerate() {
        let at = places.treaty(i as Index);
        let name = text(treaty.name, treaty.name_tr);
        graph
            .nodes
            .push(node(NodeKind::Treaty, base.str(treaty.meta.id), name, name));
        let own = super::treaty::own_date(treaty);
        if treaty.kazakhstan == Participation::Party
            && super::spans(filter.at.as_ref(), own, treaty.expired)
        {
            graph.edge(at, COUNTRY, EdgeKind::Party);
        }
        let statuses = <crate::facts::PartyStatus as crate::facts::declare::Words>::WORDS;
        for party in base.list(treaty.parties) {
            if let Some(period) = period(base, party, statuses, filter) {
                graph.dated_edge(at, places.partner(party.partner), EdgeKind::Party, period);
            }
        }
        for org in base.list(treaty.orgs) {
            graph.edge(at, places.org(*org), EdgeKind::Org);
        }
    }
    if filter.events {
        add_events(&mut graph, base, filter, &places);
    }
    graph
}

/// The events the filter lets in, in date order, each with its references.
fn add_events<'a>(
    graph: &mut Graph<'a>,
    base: &'a FactBase,
    filter: &GraphFilter,
    places: &Places,
) {
    let matching = where_(&base.events, |e| {
        filter.dates.matches(Some(&e.date)) && has_tag(base, &filter.tags, base.list(e.meta.tags))
    });
    for index in by_date(base, matching) {
        let Some(event) = base.events.get(index as usize) else {
            continue;
        };
        let at = graph.nodes.len();
        let title = Bilingual {
            en: base.str(event.title),
            tr: base.str(event.title_tr),
        };
        let mut node = node(NodeKind::Event, base.str(event.meta.id), title, title);
        node.date = Some(base.str(event.date.text));
        graph.nodes.push(node);
        for partner in base.list(event.partners) {
            graph.edge(at, places.partner(*partner), EdgeKind::Partner);
        }
        for org in base.list(event.orgs) {
            graph.edge(at, places.org(*org), EdgeKind::Org);
        }
        for treaty in base.list(event.treaties) {
            graph.edge(at, places.treaty(*treaty), EdgeKind::Treaty);
        }
    }
}

/// The period of a member's or party's edge; none when `--at` leaves it out.
fn period<'a>(
    base: &'a FactBase,
    tie: &Relation,
    statuses: &'static [&'static str],
    filter: &GraphFilter,
) -> Option<EdgePeriod<'a>> {
    super::named(tie, filter.at.as_ref()).then(|| EdgePeriod {
        status: statuses
            .get(tie.status as usize)
            .copied()
            .unwrap_or_default(),
        since: tie.since.map(|d| base.str(d.text)),
        until: tie.until.map(|d| base.str(d.text)),
    })
}

fn node<'a>(kind: NodeKind, id: &'a str, label: Bilingual<'a>, name: Bilingual<'a>) -> Node<'a> {
    Node {
        kind,
        id,
        label,
        name,
        date: None,
        seed: false,
    }
}

impl<'a> Graph<'a> {
    fn edge(&mut self, from: usize, to: usize, relation: EdgeKind) {
        self.edges.push(Edge {
            from,
            to,
            relation,
            period: None,
        });
    }

    fn dated_edge(&mut self, from: usize, to: usize, relation: EdgeKind, period: EdgePeriod<'a>) {
        self.edges.push(Edge {
            from,
            to,
            relation,
            period: Some(period),
        });
    }

    /// The nodes within `depth` edges of a seed, whatever the edges' direction,
    /// and every edge between two of them. The country is reached but never
    /// walked through: it is on nearly every path, and through it any record is
    /// two steps from any other.
    fn neighbourhood(self, seeds: &[usize], depth: usize) -> Graph<'a> {
        let mut adjacent = vec![Vec::new(); self.nodes.len()];
        for edge in &self.edges {
            if let Some(list) = adjacent.get_mut(edge.from) {
                list.push(edge.to);
            }
            if let Some(list) = adjacent.get_mut(edge.to) {
                list.push(edge.from);
            }
        }
        let mut distance: Vec<Option<usize>> = vec![None; self.nodes.len()];
        let mut frontier: Vec<usize> = seeds.to_vec();
        for seed in seeds {
            if let Some(d) = distance.get_mut(*seed) {
                *d = Some(0);
            }
        }
        for step in 1..=depth {
            if frontier.is_empty() {
                break;
            }
            let mut next = Vec::new();
            for at in frontier {
                if self
                    .nodes
                    .get(at)
                    .is_some_and(|n| n.kind == NodeKind::Country)
                {
                    continue;
                }
                for near in adjacent.get(at).into_iter().flatten() {
                    if let Some(d @ None) = distance.get_mut(*near) {
                        *d = Some(step);
                        next.push(*near);
                    }
                }
            }
            frontier = next;
        }
        self.keep(|at| distance.get(at).is_some_and(Option::is_some))
    }

    /// The nodes `kept` holds for, in order, and the edges between them.
    fn keep(self, kept: impl Fn(usize) -> bool) -> Graph<'a> {
        let mut place = vec![None; self.nodes.len()];
        let mut nodes = Vec::new();
        for (at, node) in self.nodes.into_iter().enumerate() {
            if kept(at) {
                if let Some(p) = place.get_mut(at) {
                    *p = Some(nodes.len());
                }
                nodes.push(node);
            }
        }
        let moved = |at: usize| place.get(at).copied().flatten();
        let edges = self
            .edges
            .iter()
            .filter_map(|e| {
                Some(Edge {
                    from: moved(e.from)?,
                    to: moved(e.to)?,
                    ..*e
                })
            })
            .collect();
        Graph { nodes, edges }
    }
}
