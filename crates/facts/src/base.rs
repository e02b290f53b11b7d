//! A checked fact file: its records, kind by kind, and the store their strings
//! and lists are read against.

use crate::decl::{Shown, Sink};
use crate::kind::{Index, Kind};
use crate::list::List;
use crate::schema::{Country, Event, Meta, Org, Partner, Treaty};
use crate::store::{Listed, Slice, Store};
use crate::string::Str;
use serde::{Deserialize, Serialize};

/// A checked fact file: every reference resolved, every date parsed. Serialized,
/// it is everything but the text: the build keeps the shipped file's base so.
#[derive(Debug, Serialize, Deserialize)]
pub struct FactBase {
    pub(crate) store: Store,
    pub country: Country,
    pub partners: Slice<Partner>,
    pub orgs: Slice<Org>,
    pub treaties: Slice<Treaty>,
    pub events: Slice<Event>,
}

impl FactBase {
    /// The items of a list of this base.
    pub fn list<T: Listed>(&self, list: List<T>) -> &[T] {
        self.store.list(list)
    }

    /// The text of a string of this base.
    pub fn str(&self, s: Str) -> &str {
        self.store.str(s)
    }

    /// Where a string is in the file, its quotes included.
    pub(crate) fn span(&self, s: Str) -> Option<std::ops::Range<usize>> {
        self.store.span(s)
    }

    pub fn opt(&self, s: Option<Str>) -> Option<&str> {
        self.store.opt(s)
    }

    pub fn strs<'a>(&'a self, list: &'a [Str]) -> impl Iterator<Item = &'a str> + 'a {
        self.store.strs(list)
    }

    /// The text, pool and arenas the records' strings and lists are read against.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn partner_id(&self, index: Index) -> &str {
        self.partners
            .get(index as usize)
            .map_or("", |p| self.str(p.meta.id))
    }

    pub fn org_id(&self, index: Index) -> &str {
        self.orgs
            .get(index as usize)
            .map_or("", |o| self.str(o.meta.id))
    }

    pub fn treaty_id(&self, index: Index) -> &str {
        self.treaties
            .get(index as usize)
            .map_or("", |t| self.str(t.meta.id))
    }

    /// Number of records of a kind.
    /// Record `index` of `kind`, field by field, into `sink` (nothing when the
    /// kind has no such record).
    pub fn show<S: Sink>(&self, kind: Kind, index: Index, sink: &mut S) {
        let i = index as usize;
        match kind {
            Kind::Partner => self.partners.get(i).map(|r| r.show(&self.store, sink)),
            Kind::Org => self.orgs.get(i).map(|r| r.show(&self.store, sink)),
            Kind::Treaty => self.treaties.get(i).map(|r| r.show(&self.store, sink)),
            Kind::Event => self.events.get(i).map(|r| r.show(&self.store, sink)),
        };
    }

    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Partner => self.partners.len(),
            Kind::Org => self.orgs.len(),
            Kind::Treaty => self.treaties.len(),
            Kind::Event => self.events.len(),
        }
    }

    /// The meta fields of record `index` of `kind`.
    pub fn meta(&self, kind: Kind, index: Index) -> Option<&Meta> {
        let i = index as usize;
        match kind {
            Kind::Partner => self.partners.get(i).map(|r| &r.meta),
            Kind::Org => self.orgs.get(i).map(|r| &r.meta),
            Kind::Treaty => self.treaties.get(i).map(|r| &r.meta),
            Kind::Event => self.events.get(i).map(|r| &r.meta),
        }
    }

    /// The names a record answers to besides its id and aliases: the fields the
    /// schema declares as names. Used for ID resolution and collision checks.
    /// The strings a record answers to: its id, aliases and names.
    pub fn keys(&self, kind: Kind, index: Index) -> impl Iterator<Item = &str> + '_ {
        let meta = self.meta(kind, index);
        let id = meta.map(|m| self.str(m.id));
        let aliases = meta
            .into_iter()
            .flat_map(|m| self.strs(self.list(m.aliases)));
        let names = self.names(kind, index).into_iter().map(|n| self.str(n));
        id.into_iter().chain(aliases).chain(names)
    }

    pub fn names(&self, kind: Kind, index: Index) -> Vec<Str> {
        let i = index as usize;
        let names = match kind {
            Kind::Partner => self.partners.get(i).map(Partner::names),
            Kind::Org => self.orgs.get(i).map(Org::names),
            Kind::Treaty => self.treaties.get(i).map(Treaty::names),
            Kind::Event => self.events.get(i).map(Event::names),
        };
        names.unwrap_or_default()
    }

    /// The display name of a record in a language (its kind's declared name).
    pub fn display_name(&self, kind: Kind, index: Index, turkish: bool) -> &str {
        let i = index as usize;
        let name = match kind {
            Kind::Partner => self.partners.get(i).and_then(|r| r.display_name(turkish)),
            Kind::Org => self.orgs.get(i).and_then(|r| r.display_name(turkish)),
            Kind::Treaty => self.treaties.get(i).and_then(|r| r.display_name(turkish)),
            Kind::Event => self.events.get(i).and_then(|r| r.display_name(turkish)),
        };
        name.map_or("", |name| self.str(name))
    }
}
