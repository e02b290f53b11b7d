//! Records: what queries return and renderers print. A record is an ordered list of
//! named values, built from the fact base with the fact file's own field names, so
//! every renderer can print any record of any kind.

use crate::facts::{FactBase, FactDate, Figure, Index, Kind, Meta, Str};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::cmp::Ordering;

/// One value of a record.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Text(&'a str),
    Number(f64),
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

    /// The record with only `names`, in that order.
    pub fn select(&self, names: &[&'static str]) -> Record<'a> {
        Record {
            fields: names
                .iter()
                .map(|n| (*n, self.get(n).cloned().unwrap_or(Value::Null)))
                .collect(),
        }
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_none(),
            Value::Text(text) => serializer.serialize_str(text),
            // Whole numbers print as integers (50000000000, not 50000000000.0).
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                serializer.serialize_i64(*n as i64)
            }
            Value::Number(n) => serializer.serialize_f64(*n),
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
    /// Order for `--sort`: numbers by value, text ignoring case, lists by their
    /// first item; null last.
    pub fn compare(&self, other: &Value) -> Ordering {
        match (self, other) {
            (Value::Null, Value::Null) => Ordering::Equal,
            (Value::Null, _) => Ordering::Greater,
            (_, Value::Null) => Ordering::Less,
            (Value::Number(a), Value::Number(b)) => a.total_cmp(b),
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
    match kind {
        Kind::Partner => &[
            "id",
            "aliases",
            "name",
            "name_tr",
            "kind",
            "relation",
            "relation_tr",
            "summary",
            "summary_tr",
            "source",
            "claims",
            "tags",
            "figures",
        ],
        Kind::Org => &[
            "id",
            "aliases",
            "name",
            "name_tr",
            "acronym",
            "acronym_tr",
            "kind",
            "parent",
            "roles",
            "joined",
            "chaired",
            "members",
            "member_count",
            "summary",
            "summary_tr",
            "source",
            "claims",
            "tags",
            "figures",
        ],
        Kind::Treaty => &[
            "id",
            "aliases",
            "name",
            "name_tr",
            "kind",
            "kazakhstan",
            "signed",
            "in_force",
            "parties",
            "party_count",
            "orgs",
            "summary",
            "summary_tr",
            "source",
            "claims",
            "tags",
            "figures",
        ],
        Kind::Event => &[
            "id",
            "aliases",
            "date",
            "title",
            "title_tr",
            "partners",
            "orgs",
            "treaties",
            "summary",
            "summary_tr",
            "source",
            "claims",
            "tags",
            "figures",
        ],
    }
}

/// Builds records from a fact base.
pub struct Builder<'a> {
    pub base: &'a FactBase,
}

impl<'a> Builder<'a> {
    fn text(&self, s: Str) -> Value<'a> {
        Value::Text(self.base.str(s))
    }

    fn opt(&self, s: Option<Str>) -> Value<'a> {
        s.map_or(Value::Null, |s| self.text(s))
    }

    fn date(&self, d: Option<FactDate>) -> Value<'a> {
        d.map_or(Value::Null, |d| self.text(d.text))
    }

    fn count(count: Option<u32>) -> Value<'a> {
        count.map_or(Value::Null, |n| Value::Number(f64::from(n)))
    }

    fn texts(&self, list: &[Str]) -> Value<'a> {
        Value::List(list.iter().map(|s| self.text(*s)).collect())
    }

    fn ids(&self, kind: Kind, list: &[Index]) -> Value<'a> {
        let base = self.base;
        Value::List(
            list.iter()
                .map(|i| {
                    Value::Text(match kind {
                        Kind::Partner => base.partner_id(*i),
                        Kind::Org => base.org_id(*i),
                        Kind::Treaty => base.treaty_id(*i),
                        Kind::Event => "",
                    })
                })
                .collect(),
        )
    }

    fn words<T: Copy>(list: &[T], word: impl Fn(T) -> &'static str) -> Value<'a> {
        Value::List(list.iter().map(|w| Value::Text(word(*w))).collect())
    }

    fn figure(&self, figure: &Figure) -> Value<'a> {
        Value::Object(Record {
            fields: vec![
                ("what", self.text(figure.what)),
                ("what_tr", self.opt(figure.what_tr)),
                ("value", Value::Number(figure.value)),
                ("unit", self.text(figure.unit)),
                (
                    "qualifier",
                    figure
                        .qualifier
                        .map_or(Value::Null, |q| Value::Text(q.word())),
                ),
            ],
        })
    }

    fn head(&self, record: &mut Record<'a>, meta: &Meta) {
        record.push("id", self.text(meta.id));
        record.push("aliases", self.texts(self.base.list(meta.aliases)));
    }

    fn tail(&self, record: &mut Record<'a>, meta: &Meta) {
        record.push("summary", self.text(meta.summary));
        record.push("summary_tr", self.text(meta.summary_tr));
        record.push("source", self.text(meta.source));
        record.push(
            "claims",
            Value::List(
                self.base
                    .list(meta.claims)
                    .iter()
                    .map(|c| Value::Number(f64::from(*c)))
                    .collect(),
            ),
        );
        record.push("tags", self.texts(self.base.list(meta.tags)));
        record.push(
            "figures",
            Value::List(
                self.base
                    .list(meta.figures)
                    .iter()
                    .map(|f| self.figure(f))
                    .collect(),
            ),
        );
    }

    /// The full record of `kind` number `index`.
    pub fn record(&self, kind: Kind, index: Index) -> Record<'a> {
        let i = index as usize;
        let base = self.base;
        let mut r = Record {
            fields: Vec::with_capacity(19),
        };
        match kind {
            Kind::Partner => {
                let Some(p) = base.partners.get(i) else {
                    return r;
                };
                self.head(&mut r, &p.meta);
                r.push("name", self.text(p.name));
                r.push("name_tr", self.text(p.name_tr));
                r.push("kind", Value::Text(p.kind.word()));
                r.push("relation", self.opt(p.relation));
                r.push("relation_tr", self.opt(p.relation_tr));
                self.tail(&mut r, &p.meta);
            }
            Kind::Org => {
                let Some(o) = base.orgs.get(i) else { return r };
                self.head(&mut r, &o.meta);
                r.push("name", self.text(o.name));
                r.push("name_tr", self.text(o.name_tr));
                r.push("acronym", self.opt(o.acronym));
                r.push("acronym_tr", self.opt(o.acronym_tr));
                r.push("kind", Value::Text(o.kind.word()));
                r.push(
                    "parent",
                    o.parent
                        .map_or(Value::Null, |p| Value::Text(base.org_id(p))),
                );
                r.push("roles", Self::words(&o.roles, |role| role.word()));
                r.push("joined", self.date(o.joined));
                r.push(
                    "chaired",
                    Value::List(o.chaired.iter().map(|d| self.text(d.text)).collect()),
                );
                r.push("members", self.ids(Kind::Partner, base.list(o.members)));
                r.push("member_count", Self::count(o.member_count));
                self.tail(&mut r, &o.meta);
            }
            Kind::Treaty => {
                let Some(t) = base.treaties.get(i) else {
                    return r;
                };
                self.head(&mut r, &t.meta);
                r.push("name", self.text(t.name));
                r.push("name_tr", self.text(t.name_tr));
                r.push("kind", Value::Text(t.kind.word()));
                r.push("kazakhstan", Value::Text(t.kazakhstan.word()));
                r.push("signed", self.date(t.signed));
                r.push("in_force", self.date(t.in_force));
                r.push("parties", self.ids(Kind::Partner, base.list(t.parties)));
                r.push("party_count", Self::count(t.party_count));
                r.push("orgs", self.ids(Kind::Org, base.list(t.orgs)));
                self.tail(&mut r, &t.meta);
            }
            Kind::Event => {
                let Some(e) = base.events.get(i) else {
                    return r;
                };
                self.head(&mut r, &e.meta);
                r.push("date", self.text(e.date.text));
                r.push("title", self.text(e.title));
                r.push("title_tr", self.text(e.title_tr));
                r.push("partners", self.ids(Kind::Partner, base.list(e.partners)));
                r.push("orgs", self.ids(Kind::Org, base.list(e.orgs)));
                r.push("treaties", self.ids(Kind::Treaty, base.list(e.treaties)));
                self.tail(&mut r, &e.meta);
            }
        }
        r
    }
}
