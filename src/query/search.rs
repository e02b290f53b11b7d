//! `kzfp search TEXT…`: the records of every kind that match, best first: those
//! matched in an id, name, title, acronym or alias before those matched in other
//! text, then by date (undated last), kind and file order. Each record is
//! `kind` (`event`, `partner`, `org`, `treaty`), then the kind's own fields; the
//! record's own `kind` field is `<kind>_kind` (`partner_kind: state`).

use super::{ListOf, Output, Search, referred};
use crate::facts::{FactBase, Index, Kind, Period};
use crate::record::{Record, Records, Value, fields as kind_fields};

#[derive(Debug, Default)]
pub struct SearchFilter {
    /// Kinds to search; all of them when empty.
    pub kinds: Vec<Kind>,
    pub search: Search,
}

/// The kinds in the order a tie lists them.
const KINDS: [Kind; 4] = [Kind::Event, Kind::Partner, Kind::Org, Kind::Treaty];

/// The columns a table shows: `name` is a name or a title, `date` a date, a
/// signing or a joining.
pub const COLUMNS: [&str; 4] = ["kind", "id", "name", "date"];

pub fn run<'a>(base: &'a FactBase, filter: &SearchFilter) -> Output<'a> {
    let builder = Records::new(base);
    let mut found: Vec<(usize, Option<Period>, usize, Index, Record<'a>)> = Vec::new();
    for (order, kind) in KINDS.iter().enumerate() {
        if !filter.kinds.is_empty() && !filter.kinds.contains(kind) {
            continue;
        }
        for index in 0..base.count(*kind) as Index {
            let record = builder.record(*kind, index);
            let referred = referred(base, *kind, index);
            if let Some(rank) = filter.search.rank(&record, &referred) {
                let date = period(base, *kind, index);
                found.push((rank, date, order, index, tagged(*kind, record)));
            }
        }
    }
    // Undated records after dated ones of the same rank.
    found.sort_by_key(|(rank, date, order, index, _)| {
        (*rank, date.is_none(), *date, *order, *index)
    });
    Output::List {
        of: ListOf::Every,
        records: found.into_iter().map(|(.., record)| record).collect(),
    }
}

/// The date a record is listed by: an event's date, a signing, a joining.
fn period(base: &FactBase, kind: Kind, index: Index) -> Option<Period> {
    let i = index as usize;
    match kind {
        Kind::Event => base.events.get(i).map(|e| e.date.period),
        Kind::Treaty => base
            .treaties
            .get(i)
            .and_then(|t| t.signed)
            .map(|d| d.period),
        Kind::Org => base.orgs.get(i).and_then(|o| o.joined).map(|d| d.period),
        Kind::Partner => None,
    }
}

/// The record's own `kind` field, renamed: `kind` says which kind of record it is.
fn own_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Event => "event_kind",
        Kind::Partner => "partner_kind",
        Kind::Org => "org_kind",
        Kind::Treaty => "treaty_kind",
    }
}

fn tagged(kind: Kind, record: Record) -> Record {
    let mut fields = Vec::with_capacity(record.fields.len() + 1);
    fields.push(("kind", Value::Text(kind.word())));
    fields.extend(
        record
            .fields
            .into_iter()
            .map(|(name, value)| (if name == "kind" { own_kind(kind) } else { name }, value)),
    );
    Record { fields }
}

/// The fields `--fields` and `--sort` take: the columns, then every kind's own.
pub fn fields() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = COLUMNS.to_vec();
    for kind in KINDS {
        for name in kind_fields(kind) {
            let name = if *name == "kind" {
                own_kind(kind)
            } else {
                name
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}
