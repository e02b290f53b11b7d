//! Queries: one module per subcommand, each taking a plain filter struct and
//! returning records. The pieces every filter shares live here.

pub mod graph;
pub mod org;
pub mod partner;
pub mod search;
pub mod timeline;
pub mod treaty;

use crate::facts::declare::{FieldRole, Sink};
use crate::facts::{FactBase, FactDate, Figure, Index, Kind, Period, Relation, Str};
use crate::record::{Record, Records, Value};
pub use crate::search::Search;
use crate::text::fold;

/// What a query answers: a listing, or one record with what refers to it.
#[derive(Debug)]
pub enum Output<'a> {
    List {
        of: ListOf,
        records: Vec<Record<'a>>,
    },
    /// A listing whose records are built one at a time as they are printed, so a
    /// million matches never sit in memory at once.
    Lazy {
        kind: Kind,
        base: &'a FactBase,
        indexes: Vec<Index>,
    },
    Detail {
        kind: Kind,
        record: Record<'a>,
    },
}

/// What a listing's records are: of one kind, or of every kind (`kzfp search`:
/// each says its kind, and its `name` and `date` columns are drawn from the
/// fields that stand for them, see `stands_for`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListOf {
    Kind(Kind),
    Every,
}

impl ListOf {
    /// The kind of every record, when there is one.
    pub fn kind(self) -> Option<Kind> {
        match self {
            ListOf::Kind(kind) => Some(kind),
            ListOf::Every => None,
        }
    }

    /// The value column `column` shows of `record`: the field, or (`turkish`)
    /// its Turkish twin when that is set.
    pub fn value<'r, 'a>(
        self,
        record: &'r Record<'a>,
        column: &str,
        turkish: bool,
    ) -> Option<&'r Value<'a>> {
        let set = |name: &str| record.get(name).filter(|v| **v != Value::Null);
        if let Some(mut fields) = self.drawn(column, turkish) {
            return fields.find_map(set);
        }
        let twin = turkish.then(|| format!("{column}_tr"));
        twin.and_then(|t| set(&t)).or_else(|| record.get(column))
    }

    /// Whether column `column` shows record field `field` (`turkish`: or its twin).
    pub fn shows(self, column: &str, field: &str, turkish: bool) -> bool {
        if let Some(mut fields) = self.drawn(column, turkish) {
            return fields.any(|f| f == field);
        }
        let english = field.strip_suffix("_tr").filter(|_| turkish);
        column == field || Some(column) == english
    }

    /// The fields a column of a listing of every kind is drawn from.
    fn drawn(self, column: &str, turkish: bool) -> Option<impl Iterator<Item = &'static str>> {
        match self {
            ListOf::Every => stands_for(column, turkish),
            ListOf::Kind(_) => None,
        }
    }
}

/// The record fields column `name` or `date` of a listing of every kind is
/// drawn from, in the order it looks for one that is set; `None` for a column
/// that is one field.
fn stands_for(column: &str, turkish: bool) -> Option<impl Iterator<Item = &'static str>> {
    let en: &[&str] = match column {
        "name" => FieldRole::Name.fields(),
        "date" => date_fields(),
        _ => return None,
    };
    let tr: &[&str] = match (column, turkish) {
        ("name", true) => FieldRole::NameTr.fields(),
        _ => &[],
    };
    Some(tr.iter().chain(en).copied())
}

impl<'a> Output<'a> {
    /// The same output with a lazy listing's records built.
    pub fn built(self) -> Output<'a> {
        match self {
            Output::Lazy {
                kind,
                base,
                indexes,
            } => Output::List {
                of: ListOf::Kind(kind),
                records: records(base, kind, indexes.into_iter()),
            },
            other => other,
        }
    }
}

/// `--from` / `--to`: a record matches when its period overlaps `[from, to]`.
#[derive(Clone, Copy, Debug, Default)]
pub struct DateRange {
    pub from: Option<Period>,
    pub to: Option<Period>,
}

impl DateRange {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    fn period(&self) -> Period {
        let all = Period::all();
        Period {
            start: self.from.map_or(all.start, |p| p.start),
            end: self.to.map_or(all.end, |p| p.end),
        }
    }

    /// An undated record matches only when no bound is given.
    pub fn matches(&self, date: Option<&FactDate>) -> bool {
        match date {
            _ if self.is_open() => true,
            Some(date) => date.period.overlaps(&self.period()),
            None => false,
        }
    }
}

/// A listing's filter, by the fields of the records it tests: what a filter
/// names is what the question is about, so the table keeps those columns on
/// the screen longest (`--role chair`: CHAIRED; `--partner`: PARTIES).
pub trait Filter {
    /// The fields the given filters test, in the order of the filter's fields.
    fn tested(&self) -> Vec<&'static str>;
}

/// The record fields of the filters that are given: each pair is a filter's
/// `given` and the field it tests, as a filter declares them.
pub fn tested<const N: usize>(filters: [(bool, &'static str); N]) -> Vec<&'static str> {
    filters
        .into_iter()
        .filter_map(|(given, field)| given.then_some(field))
        .collect()
}

/// `-s/--search`: the record's texts hold every term (the rules are in
/// `crate::search`); the record is built only when there is a search.
pub fn found(search: &Search, base: &FactBase, kind: Kind, index: Index) -> bool {
    search.is_empty()
        || search.matches_referring(
            &Records::new(base).record(kind, index),
            &references(base, kind, index),
        )
}

/// The records one refers to.
pub fn references(base: &FactBase, kind: Kind, index: Index) -> Vec<(Kind, Index)> {
    let mut references = References::default();
    base.show(kind, index, &mut references);
    references
        .0
        .into_iter()
        .map(|(_, kind, r)| (kind, r))
        .collect()
}

/// The names of the records one refers to, by the field that refers: `-s çin`
/// finds an event whose partners include China, though its text says `China`.
pub fn referred(base: &FactBase, kind: Kind, index: Index) -> Vec<(&'static str, &str)> {
    let mut references = References::default();
    base.show(kind, index, &mut references);
    references
        .0
        .into_iter()
        .flat_map(|(field, kind, r)| base.keys(kind, r).map(move |key| (field, key)))
        .collect()
}

/// The references of a record, by field, as the schema declares them.
#[derive(Default)]
struct References(Vec<(&'static str, Kind, Index)>);

impl Sink for References {
    fn text(&mut self, _: &'static str, _: Option<Str>) {}
    fn word(&mut self, _: &'static str, _: Option<&'static str>) {}
    fn words(&mut self, _: &'static str, _: impl Iterator<Item = &'static str>) {}
    fn texts(&mut self, _: &'static str, _: impl Iterator<Item = Str>) {}
    fn number(&mut self, _: &'static str, _: f64) {}
    fn numbers(&mut self, _: &'static str, _: &[u32]) {}
    fn figures(&mut self, _: &'static str, _: &[Figure]) {}
    fn reference(&mut self, name: &'static str, target: Kind, index: Option<Index>) {
        self.0.extend(index.map(|i| (name, target, i)));
    }
    fn refs(&mut self, name: &'static str, target: Kind, list: &[Index]) {
        self.0.extend(list.iter().map(|i| (name, target, *i)));
    }
    fn relations(
        &mut self,
        name: &'static str,
        target: Kind,
        _: (&'static [&'static str], &'static [&'static str]),
        list: &[Relation],
    ) {
        self.0
            .extend(list.iter().map(|r| (name, target, r.partner)));
    }
}

/// `--org`: the orgs and every org whose parent chain reaches one of them
/// (`--org un` takes in the UNSC); a chain that loops stops.
pub fn with_bodies(base: &FactBase, orgs: Vec<Index>) -> Vec<Index> {
    if orgs.is_empty() {
        return orgs;
    }
    let reaches = |mut org: Index| {
        for _ in 0..=base.orgs.len() {
            if orgs.contains(&org) {
                return true;
            }
            match base.orgs.get(org as usize).and_then(|o| o.parent) {
                Some(parent) => org = parent,
                None => return false,
            }
        }
        false
    };
    (0..base.orgs.len() as Index)
        .filter(|i| reaches(*i))
        .collect()
}

/// True when `wanted` is empty (no filter) or shares an element with `have`.
pub fn any_of<T: PartialEq>(wanted: &[T], have: &[T]) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| have.contains(w))
}

/// `--tag`: the record carries one of the tags (folded).
pub fn has_tag(base: &FactBase, wanted: &[String], tags: &[crate::facts::Str]) -> bool {
    wanted.is_empty()
        || tags
            .iter()
            .any(|t| wanted.iter().any(|w| fold(base.str(*t)) == fold(w)))
}

/// Full records for the matching indexes.
pub fn records(
    base: &FactBase,
    kind: Kind,
    indexes: impl Iterator<Item = Index>,
) -> Vec<Record<'_>> {
    records_at(base, kind, indexes, None)
}

/// Full records for the matching indexes, their relation lists as of `at`.
pub fn records_at(
    base: &FactBase,
    kind: Kind,
    indexes: impl Iterator<Item = Index>,
    at: Option<Period>,
) -> Vec<Record<'_>> {
    let builder = Records { base, at };
    indexes.map(|i| builder.record(kind, i)).collect()
}

/// `--at`: whether a record's own span (`start`..`end`, either unknown) takes
/// in a day of `at`; with no `at`, every record does.
pub fn spans(at: Option<&Period>, start: Option<FactDate>, end: Option<FactDate>) -> bool {
    let Some(at) = at else {
        return true;
    };
    start.is_none_or(|s| s.period.start <= at.end) && end.is_none_or(|e| e.period.end >= at.start)
}

/// Whether a relation is one a card or filter names: any of a list's history,
/// or with `--at` one that held on a day of it.
pub fn named(relation: &Relation, at: Option<&Period>) -> bool {
    at.is_none_or(|at| relation.span.overlaps(at))
}

/// The partners a relation list names (`named`), each once, in its order.
pub fn partners_of(
    base: &FactBase,
    list: Option<crate::facts::List<Relation>>,
    at: Option<Period>,
) -> Vec<Index> {
    let mut partners: Vec<Index> = Vec::new();
    for relation in list.map_or(&[][..], |l| base.list(l)) {
        if named(relation, at.as_ref()) && !partners.contains(&relation.partner) {
            partners.push(relation.partner);
        }
    }
    partners
}

/// The detail view: the record, then `related` with what refers to it; its
/// relation lists and theirs as of `at`.
pub fn detail<'a>(
    base: &'a FactBase,
    kind: Kind,
    index: Index,
    related: Related,
    at: Option<Period>,
) -> Output<'a> {
    let mut record = Records { base, at }.record(kind, index);
    let section = |kind: Kind, list: Vec<Index>| {
        Value::List(
            records_at(base, kind, list.into_iter(), at)
                .into_iter()
                .map(Value::Object)
                .collect(),
        )
    };
    record.fields.push((
        "related",
        Value::Object(Record {
            fields: vec![
                ("events", section(Kind::Event, related.events)),
                ("treaties", section(Kind::Treaty, related.treaties)),
                ("orgs", section(Kind::Org, related.orgs)),
                ("partners", section(Kind::Partner, related.partners)),
            ],
        }),
    ));
    Output::Detail { kind, record }
}

/// The indexes of records that refer to (or are referred to by) one record.
#[derive(Default, Debug)]
pub struct Related {
    pub events: Vec<Index>,
    pub treaties: Vec<Index>,
    pub orgs: Vec<Index>,
    pub partners: Vec<Index>,
}

/// Indexes of `items` for which `refers` holds.
pub fn where_<T>(items: &[T], refers: impl Fn(&T) -> bool) -> Vec<Index> {
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| refers(item))
        .map(|(i, _)| i as Index)
        .collect()
}

/// Events in date order (start, then end, then file order).
pub fn by_date(base: &FactBase, events: Vec<Index>) -> Vec<Index> {
    // Each date is read once, in file order: comparing through the events would
    // jump across a large base at every comparison.
    in_date_order(
        events
            .into_iter()
            .map(|i| (base.events.get(i as usize).map(|e| e.date.period), i)),
    )
}

/// The fields that date a record, one per kind that has a date (the schema's
/// `#[role = Date]`: an event's date, a treaty's signing, an org's joining).
/// A listing is ordered by its kind's; `kzfp search`'s DATE column shows
/// whichever a record has.
pub fn date_fields() -> &'static [&'static str] {
    FieldRole::Date.fields()
}

/// A listing of `kind` as of `at`: the records `dated` gives, in date order
/// (those without a date last).
pub fn listing_by_date(
    base: &FactBase,
    kind: Kind,
    dated: impl Iterator<Item = (Option<Period>, Index)>,
    at: Option<Period>,
) -> Output<'_> {
    let indexes = in_date_order(dated).into_iter();
    Output::List {
        of: ListOf::Kind(kind),
        records: records_at(base, kind, indexes, at),
    }
}

/// Indexes in the order of their dates (start, then end, then file order),
/// the undated last.
fn in_date_order(dated: impl Iterator<Item = (Option<Period>, Index)>) -> Vec<Index> {
    let mut dated: Vec<(Option<Period>, Index)> = dated.collect();
    dated.sort_by_key(|(period, _)| (period.is_none(), *period));
    dated.into_iter().map(|(_, i)| i).collect()
}
