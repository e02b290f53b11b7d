//! The fact model: the checked types every query reads. A `FactBase` is built by
//! `load` from a fact file; its strings point into the file's own text wherever the
//! TOML needed no unescaping, so a large file costs little more than its own size.

pub mod date;
mod fast;
mod load;
pub mod problem;
mod raw;
mod scan;

use std::borrow::Cow;

pub use date::{DateError, Period};
pub use load::{Source, load, load_bytes, load_file};
pub use problem::{Problem, Problems};
pub use raw::{OrgKind, PartnerKind, Qualifier, Role, TreatyKind};

/// The schema version this build reads.
pub const SCHEMA_VERSION: i64 = 1;

/// The fact file shipped inside the binary.
pub const EMBEDDED: &str = include_str!("../../facts.toml");

/// A string of the fact base: a slice of the file's text, or an entry of the
/// base's own pool for strings that needed unescaping (top bit of `start` set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Str {
    start: u32,
    len: u32,
}

const POOLED: u32 = 1 << 31;

impl Str {
    /// Byte offset of this string in the fact file, when it is a slice of it.
    pub fn offset(self) -> Option<usize> {
        (self.start & POOLED == 0).then_some(self.start as usize)
    }
}

/// A record's index within its kind.
pub type Index = u32;

/// A date or interval as the file gives it, with the period it covers.
#[derive(Clone, Copy, Debug)]
pub struct FactDate {
    pub text: Str,
    pub period: Period,
}

/// A number the source gives, with what it counts.
#[derive(Clone, Debug)]
pub struct Figure {
    pub what: Str,
    pub what_tr: Option<Str>,
    pub value: f64,
    pub unit: Str,
    pub qualifier: Option<Qualifier>,
}

/// The fields every record has.
#[derive(Clone, Debug)]
pub struct Meta {
    pub id: Str,
    pub aliases: Box<[Str]>,
    pub summary: Str,
    pub summary_tr: Str,
    pub source: Str,
    pub claims: Box<[u32]>,
    pub tags: Box<[Str]>,
    pub figures: Box<[Figure]>,
}

#[derive(Clone, Debug)]
pub struct Country {
    pub meta: Meta,
    pub name: Str,
    pub name_tr: Str,
}

#[derive(Clone, Debug)]
pub struct Partner {
    pub meta: Meta,
    pub name: Str,
    pub name_tr: Str,
    pub kind: PartnerKind,
    pub relation: Option<Str>,
    pub relation_tr: Option<Str>,
}

#[derive(Clone, Debug)]
pub struct Org {
    pub meta: Meta,
    pub name: Str,
    pub name_tr: Str,
    pub acronym: Option<Str>,
    pub acronym_tr: Option<Str>,
    pub kind: OrgKind,
    pub parent: Option<Index>,
    pub roles: Box<[Role]>,
    pub joined: Option<FactDate>,
    pub chaired: Box<[FactDate]>,
    pub members: Box<[Index]>,
}

#[derive(Clone, Debug)]
pub struct Treaty {
    pub meta: Meta,
    pub name: Str,
    pub name_tr: Str,
    pub kind: TreatyKind,
    pub signed: Option<FactDate>,
    pub in_force: Option<FactDate>,
    pub parties: Box<[Index]>,
    pub orgs: Box<[Index]>,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub meta: Meta,
    pub date: FactDate,
    pub title: Str,
    pub title_tr: Str,
    pub partners: Box<[Index]>,
    pub orgs: Box<[Index]>,
    pub treaties: Box<[Index]>,
}

/// The four kinds of record a query can list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Partner,
    Org,
    Treaty,
    Event,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Partner, Kind::Org, Kind::Treaty, Kind::Event];

    /// The word users and the fact file use for the kind (`[[partner]]`).
    pub fn word(self) -> &'static str {
        match self {
            Kind::Partner => "partner",
            Kind::Org => "org",
            Kind::Treaty => "treaty",
            Kind::Event => "event",
        }
    }
}

/// A checked fact file: every reference resolved, every date parsed.
#[derive(Debug)]
pub struct FactBase {
    text: Cow<'static, str>,
    pool: Vec<Box<str>>,
    pub country: Country,
    pub partners: Vec<Partner>,
    pub orgs: Vec<Org>,
    pub treaties: Vec<Treaty>,
    pub events: Vec<Event>,
}

impl FactBase {
    /// The text of a string of this base.
    pub fn str(&self, s: Str) -> &str {
        let len = s.len as usize;
        if s.start & POOLED == 0 {
            let start = s.start as usize;
            self.text.get(start..start + len).unwrap_or_default()
        } else {
            self.pool
                .get((s.start & !POOLED) as usize)
                .map_or("", |text| text)
        }
    }

    pub fn opt(&self, s: Option<Str>) -> Option<&str> {
        s.map(|s| self.str(s))
    }

    pub fn strs<'a>(&'a self, list: &'a [Str]) -> impl Iterator<Item = &'a str> + 'a {
        list.iter().map(|s| self.str(*s))
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

    /// The names a record answers to besides its id and aliases: name, Turkish
    /// name, acronyms. Used for ID resolution and collision checks.
    pub fn names(&self, kind: Kind, index: Index) -> Vec<Str> {
        let i = index as usize;
        match kind {
            Kind::Partner => self
                .partners
                .get(i)
                .map(|p| vec![p.name, p.name_tr])
                .unwrap_or_default(),
            Kind::Org => self
                .orgs
                .get(i)
                .map(|o| {
                    let mut names = vec![o.name, o.name_tr];
                    names.extend(o.acronym);
                    names.extend(o.acronym_tr);
                    names
                })
                .unwrap_or_default(),
            Kind::Treaty => self
                .treaties
                .get(i)
                .map(|t| vec![t.name, t.name_tr])
                .unwrap_or_default(),
            Kind::Event => Vec::new(),
        }
    }

    /// The display name of a record in a language.
    pub fn display_name(&self, kind: Kind, index: Index, turkish: bool) -> &str {
        let i = index as usize;
        let pick = |en: Str, tr: Str| self.str(if turkish { tr } else { en });
        match kind {
            Kind::Partner => self.partners.get(i).map_or("", |r| pick(r.name, r.name_tr)),
            Kind::Org => self.orgs.get(i).map_or("", |r| pick(r.name, r.name_tr)),
            Kind::Treaty => self.treaties.get(i).map_or("", |r| pick(r.name, r.name_tr)),
            Kind::Event => self.events.get(i).map_or("", |r| pick(r.title, r.title_tr)),
        }
    }
}
