//! Records: what queries return and renderers print. A record is an ordered list of
//! named values, built from the fact base with the fact file's own field names, so
//! every renderer can print any record of any kind.

use crate::facts::declare::{Shown, Sink};
use crate::facts::{FactBase, Figure, Index, Kind, Period, Relation, Str};
use crate::text::whole_number;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::cmp::Ordering;

/// One value of a record.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Text(&'a str),
    Number(f64),
    /// An integer a double cannot hold exactly (past 2^53), kept whole.
    Integer(i64),
    List(Vec<Value<'a>>),
    Object(Record<'a>),
}

/// Named values in the fact file's field order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Record<'a> {
    pub fields: Vec<(&'static str, Value<'a>)>,
}

impl<'a> Record<'a> {
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    fn push(&mut self, name: &'static str, value: Value<'a>) {
        self.fields.push((name, value));
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_none(),
            Value::Text(text) => serializer.serialize_str(text),
            Value::Number(n) => match whole_number(*n) {
                Some(whole) => serializer.serialize_i64(whole),
                None => serializer.serialize_f64(*n),
            },
            Value::Integer(i) => serializer.serialize_i64(*i),
            Value::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(record) => record.serialize(serializer),
        }
    }
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.fields.len()))?;
        for (name, value) in &self.fields {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl Value<'_> {
    /// Null, or an empty list or text: what a listing orders last.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Text(text) => text.is_empty(),
            Value::List(items) => items.is_empty(),
            Value::Number(_) | Value::Integer(_) | Value::Object(_) => false,
        }
    }

    /// Order for `--sort`: numbers by value, text ignoring case, lists by their
    /// first item; null last.
    pub fn compare(&self, other: &Value) -> Ordering {
        match (self, other) {
            (Value::Null, Value::Null) => Ordering::Equal,
            (Value::Null, _) => Ordering::Greater,
            (_, Value::Null) => Ordering::Less,
            (Value::Number(a), Value::Number(b)) => a.total_cmp(b),
            (Value::Integer(a), Value::Integer(b)) => a.cmp(b),
            (Value::Integer(a), Value::Number(b)) => (*a as f64).total_cmp(b),
            (Value::Number(a), Value::Integer(b)) => a.total_cmp(&(*b as f64)),
            (Value::Text(a), Value::Text(b)) => crate::text::fold(a)
                .cmp(&crate::text::fold(b))
                .then_with(|| a.cmp(b)),
            (Value::List(a), Value::List(b)) => match (a.first(), b.first()) {
                (Some(x), Some(y)) => x.compare(y).then(a.len().cmp(&b.len())),
                (None, None) => Ordering::Equal,
                (None, _) => Ordering::Greater,
                (_, None) => Ordering::Less,
            },
            _ => Ordering::Equal,
        }
    }
}

/// The fields of each kind, in the order of the fact file's schema.
pub fn fields(kind: Kind) -> &'static [&'static str] {
    kind.decl().names
}

/// Builds records from a fact base; `at` (`--at`): the date its relation lists
/// (`members`, `parties`) hold for, else now.
pub struct Records<'a> {
    pub base: &'a FactBase,
    pub at: Option<Period>,
}

impl<'a> Records<'a> {
    pub fn new(base: &'a FactBase) -> Records<'a> {
        Records { base, at: None }
    }
}

/// Collects the fields a record shows into a `Record`.
struct RecordSink<'b, 'a> {
    base: &'a FactBase,
    kind: Kind,
    at: Option<Period>,
    record: &'b mut Record<'a>,
}

/// The periods of relations as records: `{ id, status, since, until }`, or
/// without `id` (`with_id` false) for one partner's periods.
pub fn relation_records<'a, 'r>(
    base: &'a FactBase,
    target: Kind,
    statuses: &'static [&'static str],
    relations: impl Iterator<Item = &'r Relation>,
    with_id: bool,
) -> Vec<Value<'a>> {
    let date = |d: Option<crate::facts::FactDate>| {
        d.map_or(Value::Null, |d| Value::Text(base.str(d.text)))
    };
    relations
        .map(|r| {
            let mut fields = Vec::with_capacity(4);
            if with_id {
                fields.push(("id", Value::Text(id_of(base, target, r.partner))));
            }
            let status = statuses.get(r.status as usize).copied().unwrap_or_default();
            fields.push(("status", Value::Text(status)));
            fields.push(("since", date(r.since)));
            fields.push(("until", date(r.until)));
            Value::Object(Record { fields })
        })
        .collect()
}

fn id_of(base: &FactBase, kind: Kind, index: Index) -> &str {
    match kind {
        Kind::Partner => base.partner_id(index),
        Kind::Org => base.org_id(index),
        Kind::Treaty => base.treaty_id(index),
        Kind::Event => "",
    }
}

impl<'a> RecordSink<'_, 'a> {
    fn text(&self, s: Str) -> Value<'a> {
        Value::Text(self.base.str(s))
    }

    fn id(&self, kind: Kind, index: Index) -> Value<'a> {
        Value::Text(id_of(self.base, kind, index))
    }
}

impl<'a> Sink for RecordSink<'_, 'a> {
    fn text(&mut self, name: &'static str, value: Option<Str>) {
        let value = value.map_or(Value::Null, |s| RecordSink::text(self, s));
        self.record.push(name, value);
    }
    fn word(&mut self, name: &'static str, value: Option<&'static str>) {
        self.record
            .push(name, value.map_or(Value::Null, Value::Text));
    }
    fn words(&mut self, name: &'static str, words: impl Iterator<Item = &'static str>) {
        self.record
            .push(name, Value::List(words.map(Value::Text).collect()));
    }
    fn texts(&mut self, name: &'static str, texts: impl Iterator<Item = Str>) {
        let list = texts.map(|s| RecordSink::text(self, s)).collect();
        self.record.push(name, Value::List(list));
    }
    fn number(&mut self, name: &'static str, value: f64) {
        self.record.push(name, Value::Number(value));
    }
    fn amount(&mut self, name: &'static str, value: crate::facts::Amount) {
        // Exact as a double up to 2^53; past it only an integer keeps every digit.
        let value = match value {
            crate::facts::Amount::Int(i) if i.unsigned_abs() > 1 << 53 => Value::Integer(i),
            other => Value::Number(other.as_f64()),
        };
        self.record.push(name, value);
    }
    fn numbers(&mut self, name: &'static str, values: &[u32]) {
        let list = values
            .iter()
            .map(|n| Value::Number(f64::from(*n)))
            .collect();
        self.record.push(name, Value::List(list));
    }
    fn reference(&mut self, name: &'static str, target: Kind, index: Option<Index>) {
        let value = index.map_or(Value::Null, |i| self.id(target, i));
        self.record.push(name, value);
    }
    fn refs(&mut self, name: &'static str, target: Kind, list: &[Index]) {
        let list = list.iter().map(|i| self.id(target, *i)).collect();
        self.record.push(name, Value::List(list));
    }
    fn relations(
        &mut self,
        name: &'static str,
        target: Kind,
        (statuses, counted): (&'static [&'static str], &'static [&'static str]),
        list: &[Relation],
    ) {
        let base = self.base;
        // The partners in a status the list counts (`member`, `suspended`) at the date.
        let counts = |r: &&Relation| {
            statuses
                .get(r.status as usize)
                .is_some_and(|s| counted.contains(s))
        };
        let mut ids: Vec<Value<'a>> = Vec::with_capacity(list.len());
        for relation in list
            .iter()
            .filter(counts)
            .filter(|r| r.holds(self.at.as_ref()))
        {
            let id = self.id(target, relation.partner);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        self.record.push(name, Value::List(ids));
        // The declared field after the list is its history.
        let names = self.kind.decl().names;
        let history = names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| names.get(i + 1))
            .filter(|n| n.ends_with("_history"));
        if let Some(history) = history {
            let records = relation_records(base, target, statuses, list.iter(), true);
            self.record.push(history, Value::List(records));
        }
    }
    fn figures(&mut self, name: &'static str, figures: &[Figure]) {
        let list = figures
            .iter()
            .map(|figure| {
                let mut record = Record {
                    fields: Vec::with_capacity(Figure::DECL.names.len()),
                };
                figure.show(
                    self.base.store(),
                    &mut RecordSink {
                        base: self.base,
                        kind: self.kind,
                        at: self.at,
                        record: &mut record,
                    },
                );
                Value::Object(record)
            })
            .collect();
        self.record.push(name, Value::List(list));
    }
}

impl<'a> Records<'a> {
    /// The full record of `kind` number `index`.
    pub fn record(&self, kind: Kind, index: Index) -> Record<'a> {
        let mut record = Record {
            // One more for a detail view's `related`.
            fields: Vec::with_capacity(fields(kind).len() + 1),
        };
        let mut fill = RecordSink {
            base: self.base,
            kind,
            at: self.at,
            record: &mut record,
        };
        self.base.show(kind, index, &mut fill);
        record
    }
}
