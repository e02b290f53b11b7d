//! One chunk's tables turned into checked records: the `Reader`, and the `Part`
//! of the base one worker makes with it.

use crate::builder::Builder;
use crate::problem::Problem;
use crate::scan::Header;
use crate::store::Arenas;
use crate::string::{Pooled, Str};
use crate::value::{Fields, Node, Value};
use crate::{Country, Event, Kind, Org, Partner, SCHEMA_VERSION, Treaty};
use std::sync::Mutex;

/// Where a part's events go: into its share of the one array of events, one per
/// `[[event]]` chunk; past that (a chunk toml read more events from, inline
/// events) into a list of its own, so the order stays the file's.
#[derive(Default)]
pub(super) struct Slots<'s> {
    pub(super) share: &'s mut [Event],
    pub(super) filled: usize,
    pub(super) overflow: Vec<Event>,
}

impl Slots<'_> {
    pub(super) fn push(&mut self, event: Event) {
        if self.overflow.is_empty() {
            if let Some(slot) = self.share.get_mut(self.filled) {
                *slot = event;
                self.filled += 1;
                return;
            }
        }
        self.overflow.push(event);
    }

    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = &mut Event> {
        let filled = self.share.iter_mut().take(self.filled);
        filled.chain(self.overflow.iter_mut())
    }

    /// How the part used its share: its length, how much it filled, what overflowed.
    pub(super) fn into_fill(self) -> Filled {
        Filled {
            share: self.share.len(),
            filled: self.filled,
            overflow: self.overflow,
        }
    }
}

pub(super) struct Filled {
    pub(super) share: usize,
    pub(super) filled: usize,
    pub(super) overflow: Vec<Event>,
}

/// The events in file order: the array itself when every share was filled exactly.
pub(super) fn join_events(slots: Vec<Event>, fills: Vec<Filled>) -> Vec<Event> {
    let exact = fills
        .iter()
        .all(|f| f.filled == f.share && f.overflow.is_empty());
    if exact && fills.iter().map(|f| f.share).sum::<usize>() == slots.len() {
        return slots;
    }
    let mut slots = slots.into_iter();
    let mut events = Vec::new();
    for fill in fills {
        let share: Vec<_> = slots.by_ref().take(fill.share).collect();
        events.extend(share.into_iter().take(fill.filled));
        events.extend(fill.overflow);
    }
    events
}

/// What every worker adds to: strings that needed unescaping.
#[derive(Default)]
pub(super) struct Shared {
    pub(super) pool: Mutex<Vec<Pooled>>,
}

/// What one worker made of its chunks: its records, their problems and the
/// arenas of their lists.
#[derive(Default)]
pub(super) struct Part<'s> {
    pub(super) records: PartRecords<'s>,
    pub(super) problems: Vec<Problem>,
    pub(super) arenas: Arenas,
}

/// The records of a part, and what the load must know of its chunks.
#[derive(Default)]
pub(super) struct PartRecords<'s> {
    pub(super) schema: Vec<(i64, usize)>,
    pub(super) countries: Vec<(Country, usize)>,
    pub(super) partners: Vec<Partner>,
    pub(super) orgs: Vec<Org>,
    pub(super) treaties: Vec<Treaty>,
    pub(super) events: Slots<'s>,
    /// Kinds given as inline arrays (`event = [...]`) outside their headers.
    pub(super) inline_kinds: Vec<(Kind, usize)>,
    /// Headers of the chunks toml rejected: what they define is unknown, so no
    /// "missing" or "unknown id" problem may follow from their absence.
    pub(super) failed: Vec<Header>,
}

/// Turns one chunk's tables into checked records, collecting problems.
pub(super) struct Reader<'t, 'p, 's> {
    pub(super) b: Builder<'t, 'p>,
    pub(super) records: &'p mut PartRecords<'s>,
}

/// The top-level keys of a fact file.
const TOP_LEVEL: [&str; 6] = ["schema", "country", "partner", "org", "treaty", "event"];

impl Reader<'_, '_, '_> {
    /// A chunk as toml parsed it: `schema`, `[country]`, and the records.
    pub(super) fn document(&mut self, doc: Fields, header: Header) {
        for (key, node) in doc.list {
            let kind = Kind::ALL.into_iter().find(|k| k.word() == key.get_ref());
            match (key.get_ref().as_ref(), kind) {
                (_, Some(kind)) => self.records(kind, node, header),
                ("schema", _) => match node.get_ref() {
                    Value::Integer(version) => {
                        let at = self.b.base + node.span().start;
                        self.records.schema.push((*version, at));
                    }
                    other => {
                        let message =
                            format!("invalid type: {}, expected an integer", other.what());
                        self.b.field_problem(self.b.span(&node), "schema", message);
                        // Given, if wrongly: not also "missing".
                        let at = self.b.base + node.span().start;
                        self.records.schema.push((SCHEMA_VERSION, at));
                    }
                },
                ("country", _) => {
                    let at = self.b.span(&node);
                    match node.into_inner() {
                        Value::Table(mut fields) => {
                            let country = Country::build(&mut self.b, &mut fields, at.clone());
                            self.records.countries.push((country, at.start));
                        }
                        other => {
                            let message =
                                format!("invalid type: {}, expected a table", other.what());
                            self.b.field_problem(at, "country", message);
                        }
                    }
                }
                (other, None) => {
                    let expected: Vec<String> =
                        TOP_LEVEL.iter().map(|k| format!("`{k}`")).collect();
                    let message = format!(
                        "unknown field `{other}`, expected one of {}",
                        expected.join(", ")
                    );
                    self.b.field_problem(self.b.span(&key), other, message);
                }
            }
        }
    }

    /// `[[kind]]` tables, or `kind = [...]` given inline.
    pub(super) fn records(&mut self, kind: Kind, node: Node, header: Header) {
        let span = self.b.span(&node);
        let Value::Array(items) = node.into_inner() else {
            let message = "invalid type: expected an array of tables".to_owned();
            self.b.field_problem(span, kind.word(), message);
            return;
        };
        if header != Header::Array(kind) {
            self.records.inline_kinds.push((kind, self.b.base));
        }
        for item in items {
            let at = self.b.span(&item);
            match item.into_inner() {
                Value::Table(mut fields) => self.record(kind, &mut fields, at),
                other => {
                    let message = format!("invalid type: {}, expected a table", other.what());
                    self.b.field_problem(at, kind.word(), message);
                }
            }
        }
    }

    /// One record of `kind` from its table at `at` (offsets into the file).
    pub(super) fn record(&mut self, kind: Kind, fields: &mut Fields, at: std::ops::Range<usize>) {
        let id = match kind {
            Kind::Partner => {
                let record = Partner::build(&mut self.b, fields, at);
                let id = record.meta.id;
                self.records.partners.push(record);
                id
            }
            Kind::Org => {
                let record = Org::build(&mut self.b, fields, at);
                let id = record.meta.id;
                self.records.orgs.push(record);
                id
            }
            Kind::Treaty => {
                let record = Treaty::build(&mut self.b, fields, at);
                let id = record.meta.id;
                self.records.treaties.push(record);
                id
            }
            Kind::Event => {
                let record = Event::build(&mut self.b, fields, at);
                let id = record.meta.id;
                self.records.events.push(record);
                id
            }
        };
        // A record without an id may be what a reference names: no "unknown id".
        if id == Str::default() {
            self.records.failed.push(Header::Array(kind));
        }
    }
}
