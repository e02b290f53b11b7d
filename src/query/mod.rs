//! Queries: one module per subcommand, each taking a plain filter struct and
//! returning records. The pieces every filter shares live here.

pub mod graph;
pub mod org;
pub mod partner;
pub mod timeline;
pub mod treaty;

use crate::facts::{FactBase, FactDate, Index, Kind, Period};
use crate::record::{Builder, Record, Value};
use crate::text::fold;

/// What a query answers: a listing, or one record with what refers to it.
#[derive(Debug)]
pub enum Output<'a> {
    List {
        kind: Kind,
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

impl<'a> Output<'a> {
    /// The same output with a lazy listing's records built.
    pub fn built(self) -> Output<'a> {
        match self {
            Output::Lazy {
                kind,
                base,
                indexes,
            } => Output::List {
                kind,
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

/// `-s/--search`: every word must appear, ignoring case and diacritics, in some
/// text of the record (both languages, ids, aliases, figures).
#[derive(Clone, Debug, Default)]
pub struct Search {
    words: Vec<String>,
}

impl Search {
    pub fn new(terms: &[String]) -> Search {
        Search {
            words: terms
                .iter()
                .flat_map(|t| t.split_whitespace())
                .map(fold)
                .filter(|w| !w.is_empty())
                .collect(),
        }
    }

    pub fn matches(&self, base: &FactBase, kind: Kind, index: Index) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let record = Builder { base }.record(kind, index);
        let mut haystack = String::new();
        collect_text(&Value::Object(record), &mut haystack);
        let haystack = fold(&haystack);
        self.words.iter().all(|w| haystack.contains(w.as_str()))
    }
}

fn collect_text(value: &Value, out: &mut String) {
    match value {
        Value::Text(text) => {
            out.push_str(text);
            out.push('\n');
        }
        Value::List(items) => items.iter().for_each(|v| collect_text(v, out)),
        Value::Object(record) => record.fields.iter().for_each(|(_, v)| collect_text(v, out)),
        Value::Null | Value::Number(_) => {}
    }
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
    let builder = Builder { base };
    indexes.map(|i| builder.record(kind, i)).collect()
}

/// The detail view: the record, then `related` with what refers to it.
pub fn detail<'a>(base: &'a FactBase, kind: Kind, index: Index, related: Related) -> Output<'a> {
    let mut record = Builder { base }.record(kind, index);
    let section = |kind: Kind, list: Vec<Index>| {
        Value::List(
            records(base, kind, list.into_iter())
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
    let mut dated: Vec<(Option<Period>, Index)> = events
        .into_iter()
        .map(|i| (base.events.get(i as usize).map(|e| e.date.period), i))
        .collect();
    dated.sort_by_key(|(period, _)| *period);
    dated.into_iter().map(|(_, i)| i).collect()
}
