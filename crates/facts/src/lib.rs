//! The fact model: the checked types every query reads. A `FactBase` is built by
//! `load` from a fact file; its strings point into the file's own text wherever the
//! TOML needed no unescaping, so a large file costs little more than its own size.

mod consistency;
mod contents;
pub mod date;
pub mod decl;
pub mod declare;
pub mod describe;
mod fast;
mod field;
mod list;
pub mod literal;
mod load;
pub mod problem;
mod relations;
mod scan;
pub mod schema;
mod source;
pub mod text;
mod value;

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

pub use contents::Text;
pub use date::{DateError, Period};
pub use field::Amount;
pub use list::List;
pub use load::load;
pub use problem::{Problem, Problems};
/// The scanner's search for any of a few bytes, eight at a time; the JSON
/// renderer looks for the bytes it must escape with it.
pub use scan::find as find_bytes;
pub use schema::{
    Country, Event, Figure, MemberStatus, Meta, Org, OrgKind, Participation, Partner, PartnerKind,
    PartyStatus, Qualifier, RECORDS, Role, Treaty, TreatyKind,
};
pub use source::{Source, load_bytes, load_file};

/// Where the chunks `threads` threads find start: for the fuzz target `load`,
/// which compares them with one thread's.
#[doc(hidden)]
pub fn chunk_starts(text: &str, threads: usize) -> Vec<usize> {
    scan::chunks(text, 0, threads)
        .iter()
        .map(scan::Chunk::start)
        .collect()
}

/// The schema version this build reads.
pub const SCHEMA_VERSION: i64 = 1;

/// A string of the fact base in 32 bits. Most are a string of the file, held as
/// the offset of its first byte: its end is found again when it is read (the next
/// quote like the one before it, or the end of a bare date). Any other string
/// (escapes, a quote inside a multi-line string) is an entry of the base's pool,
/// with the top bit set. A million events hold seven strings each: 4 bytes a
/// string instead of an offset and a length saves 28 MB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Str(u32);

const POOLED: u32 = 1 << 31;

impl Default for Str {
    fn default() -> Self {
        Str::EMPTY
    }
}

impl Str {
    /// The empty string: a pool entry no pool has.
    const EMPTY: Str = Str(u32::MAX);

    /// Byte offset of this string in the fact file, when it is a slice of it.
    pub fn offset(self) -> Option<usize> {
        (self.0 & POOLED == 0).then_some(self.0 as usize)
    }

    /// The string whose raw form `literal` wrote.
    pub const fn from_raw(raw: u32) -> Str {
        Str(raw)
    }

    fn pool_index(self) -> usize {
        (self.0 & !POOLED) as usize
    }
}

/// Where the string of the file that starts at `start` ends: at the next quote
/// like the one in front of it, or, for a bare value (a TOML date), after the
/// last byte a date can have.
fn str_end(text: &[u8], start: usize) -> usize {
    match opening(text, start) {
        Some((quote, _)) => scan::find(text, start, [quote]),
        None => {
            let rest = text.get(start..).unwrap_or_default();
            let bare =
                |b: &&u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'.' | b'+');
            start + rest.iter().take_while(bare).count()
        }
    }
}

/// The quote in front of the string of the file that starts at `start`, and how
/// many of it open the string: three for a multi-line string, else one. None for
/// a bare value.
fn opening(text: &[u8], start: usize) -> Option<(u8, usize)> {
    let before = |n: usize| start.checked_sub(n).and_then(|i| text.get(i)).copied();
    let quote = before(1).filter(|q| matches!(q, b'"' | b'\''))?;
    let multi_line = before(2) == Some(quote) && before(3) == Some(quote);
    Some((quote, if multi_line { 3 } else { 1 }))
}

/// A string of the pool, and where the file gives it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pooled {
    text: Cow<'static, str>,
    at: std::ops::Range<u32>,
}

/// A record's index within its kind.
pub type Index = u32;

impl Pooled {
    /// The entry whose parts `literal` wrote.
    pub const fn from_raw(text: &'static str, start: u32, end: u32) -> Pooled {
        Pooled {
            text: Cow::Borrowed(text),
            at: start..end,
        }
    }
}

/// The arrays records' lists live in: ids of other records and claim numbers,
/// strings (aliases, tags), figures. In `numbers` and `strs` a list is its count
/// then its items; a list of figures is a count and the first figure's index in
/// `numbers`, its figures in `figures`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Arenas {
    numbers: Slice<u32>,
    strs: Slice<Str>,
    figures: Slice<Figure>,
    relations: Slice<Relation>,
}

/// One entry of a `members` or `parties` list: a partner's relation to an org or
/// a treaty, with its status (an index into the field's declared words: 0, the
/// first, is `member` or `party`) and the dates it began and ended. A plain id
/// in the file is a relation of the first status with no dates. `span` is the
/// days it covers, the body's or treaty's own life standing in for a date the
/// entry leaves out: what `--at` asks about.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Relation {
    /// The partner: its id's `Str` until resolved, then its index.
    pub partner: Index,
    pub status: u8,
    pub since: Option<FactDate>,
    pub until: Option<FactDate>,
    pub span: Period,
}

impl Relation {
    /// Whether the relation held on some day of `at`; with no date, whether it
    /// still holds (it has no end).
    pub fn holds(&self, at: Option<&Period>) -> bool {
        match at {
            Some(at) => self.span.overlaps(at),
            None => self.until.is_none(),
        }
    }
}

/// An array of the base: the loader's own, or one the build wrote into the binary
/// as static data (`FactBase::from_static`), which a start then reads as it is.
pub type Slice<T> = Cow<'static, [T]>;

/// What can be listed in an arena.
pub trait Listed: Sized {
    /// The items of the list whose count is at `at`.
    fn items(arenas: &Arenas, at: usize) -> Option<&[Self]>;
    /// Starts a list at the end of its arena: where its count goes.
    fn open(arenas: &mut Arenas) -> usize;
    fn push(arenas: &mut Arenas, item: Self);
    /// Ends the list `open` started at `head`; how many items it has.
    fn close(arenas: &mut Arenas, head: usize) -> usize;
}

/// Where the items are of the list whose count is `arena[at]`.
fn list_range<T>(arena: &[T], at: usize, count: impl Fn(&T) -> u32) -> Option<Range<usize>> {
    let len = count(arena.get(at)?) as usize;
    Some(at + 1..at + 1 + len)
}

/// Writes a list's count at `head`; an empty list's head (all from `head` on) is
/// taken back instead. The count.
fn settle<T>(arena: &mut Vec<T>, head: usize, count: usize, counter: T) -> usize {
    match arena.get_mut(head) {
        Some(slot) if count > 0 => *slot = counter,
        _ => arena.truncate(head),
    }
    count
}

impl Listed for u32 {
    fn items(arenas: &Arenas, at: usize) -> Option<&[u32]> {
        arenas.numbers.get(list_range(&arenas.numbers, at, |n| *n)?)
    }
    fn open(arenas: &mut Arenas) -> usize {
        arenas.numbers.to_mut().push(0);
        arenas.numbers.len() - 1
    }
    fn push(arenas: &mut Arenas, item: u32) {
        arenas.numbers.to_mut().push(item);
    }
    fn close(arenas: &mut Arenas, head: usize) -> usize {
        let count = arenas.numbers.len() - head - 1;
        settle(arenas.numbers.to_mut(), head, count, count as u32)
    }
}

impl Listed for Str {
    fn items(arenas: &Arenas, at: usize) -> Option<&[Str]> {
        arenas.strs.get(list_range(&arenas.strs, at, |s| s.0)?)
    }
    fn open(arenas: &mut Arenas) -> usize {
        arenas.strs.to_mut().push(Str(0));
        arenas.strs.len() - 1
    }
    fn push(arenas: &mut Arenas, item: Str) {
        arenas.strs.to_mut().push(item);
    }
    fn close(arenas: &mut Arenas, head: usize) -> usize {
        let count = arenas.strs.len() - head - 1;
        // The entry in front of a list of strings is its count, not a string.
        settle(arenas.strs.to_mut(), head, count, Str(count as u32))
    }
}

/// A list of items of their own arena (`figures`, `relations`): its head in
/// `numbers` is its count and its first item's index there.
macro_rules! listed_apart {
    ($item:ty, $arena:ident) => {
        impl Listed for $item {
            fn items(arenas: &Arenas, at: usize) -> Option<&[$item]> {
                let len = *arenas.numbers.get(at)? as usize;
                let first = *arenas.numbers.get(at + 1)? as usize;
                arenas.$arena.get(first..first + len)
            }
            fn open(arenas: &mut Arenas) -> usize {
                let first = arenas.$arena.len() as u32;
                arenas.numbers.to_mut().extend([0, first]);
                arenas.numbers.len() - 2
            }
            fn push(arenas: &mut Arenas, item: $item) {
                arenas.$arena.to_mut().push(item);
            }
            fn close(arenas: &mut Arenas, head: usize) -> usize {
                let first = arenas.numbers.get(head + 1).map_or(0, |f| *f as usize);
                let count = arenas.$arena.len() - first;
                settle(arenas.numbers.to_mut(), head, count, count as u32)
            }
        }
    };
}

listed_apart!(Figure, figures);
listed_apart!(Relation, relations);

impl Arenas {
    /// The list `T::open` started at `head`, with what was pushed since.
    fn close<T: Listed>(&mut self, head: usize) -> List<T> {
        if T::close(self, head) == 0 {
            List::default()
        } else {
            List::at(head)
        }
    }

    /// How far the lists of arenas appended after these must shift.
    fn lens(&self) -> Shift {
        Shift {
            numbers: self.numbers.len() as u32,
            strs: self.strs.len() as u32,
            figures: self.figures.len() as u32,
            relations: self.relations.len() as u32,
        }
    }

    /// Empty arenas with exactly the room `parts` take: joining them grows no
    /// array step by step, leaving freed copies behind.
    fn with_room_for<'a>(parts: impl Iterator<Item = &'a Arenas> + Clone) -> Arenas {
        Arenas {
            numbers: Vec::with_capacity(parts.clone().map(|a| a.numbers.len()).sum()).into(),
            strs: Vec::with_capacity(parts.clone().map(|a| a.strs.len()).sum()).into(),
            figures: Vec::with_capacity(parts.clone().map(|a| a.figures.len()).sum()).into(),
            relations: Vec::with_capacity(parts.map(|a| a.relations.len()).sum()).into(),
        }
    }

    /// Empty arenas with room for the lists of `bytes` of records, a generous
    /// guess (a reference is 8 bytes of text or more): an array that never grows
    /// leaves no freed copies behind, and room never written costs no memory.
    fn with_room_for_bytes(bytes: usize) -> Arenas {
        Arenas {
            numbers: Vec::with_capacity(bytes / 48).into(),
            strs: Vec::with_capacity(bytes / 96).into(),
            figures: Slice::default(),
            relations: Slice::default(),
        }
    }

    fn append(&mut self, other: Arenas) {
        join(self.numbers.to_mut(), other.numbers.into_owned());
        join(self.strs.to_mut(), other.strs.into_owned());
        join(self.figures.to_mut(), other.figures.into_owned());
        join(self.relations.to_mut(), other.relations.into_owned());
    }

    fn get<T: Listed>(&self, list: List<T>) -> &[T] {
        if list.is_empty() {
            return &[];
        }
        T::items(self, list.at as usize).unwrap_or_default()
    }

    /// The ids of a reference list, to be resolved in place.
    fn numbers_mut(&mut self, list: List<u32>) -> &mut [u32] {
        if list.is_empty() {
            return &mut [];
        }
        list_range(&self.numbers, list.at as usize, |n| *n)
            .and_then(|items| self.numbers.to_mut().get_mut(items))
            .unwrap_or_default()
    }

    /// The first item's index in a figure or relation list's head, once `by`
    /// items come in front of its part's.
    fn shift_first<T>(&mut self, list: List<T>, by: u32) {
        if list.is_empty() {
            return;
        }
        if let Some(first) = self.numbers.to_mut().get_mut(list.at as usize + 1) {
            *first += by;
        }
    }

    /// The relations of a list, to be resolved and dated in place.
    fn relations_mut(&mut self, list: List<Relation>) -> &mut [Relation] {
        if list.is_empty() {
            return &mut [];
        }
        let at = list.at as usize;
        let (Some(len), Some(first)) = (self.numbers.get(at), self.numbers.get(at + 1)) else {
            return &mut [];
        };
        let (len, first) = (*len as usize, *first as usize);
        self.relations
            .to_mut()
            .get_mut(first..first + len)
            .unwrap_or_default()
    }
}

/// `from` after `to`; an array with no room yet is taken whole, never copied.
fn join<T>(to: &mut Vec<T>, mut from: Vec<T>) {
    if to.capacity() == 0 {
        *to = from;
    } else {
        to.append(&mut from);
    }
}

/// Lengths of the arenas in front of a record's lists once arenas are joined.
#[derive(Clone, Copy)]
pub struct Shift {
    numbers: u32,
    strs: u32,
    figures: u32,
    relations: u32,
}

/// A date or interval as the file gives it, with the period it covers.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct FactDate {
    pub text: Str,
    pub period: Period,
}

/// No date: the empty text, and every day (an event whose date was refused, or
/// an event slot not filled yet).
impl Default for FactDate {
    fn default() -> Self {
        FactDate {
            text: Str::default(),
            period: Period::all(),
        }
    }
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
        self.decl().word
    }

    /// The word for several: `partners`, `treaties`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Partner => "partners",
            Kind::Org => "orgs",
            Kind::Treaty => "treaties",
            Kind::Event => "events",
        }
    }

    /// What the schema declares of the kind.
    pub fn decl(self) -> &'static decl::TableDecl {
        match self {
            Kind::Partner => &Partner::DECL,
            Kind::Org => &Org::DECL,
            Kind::Treaty => &Treaty::DECL,
            Kind::Event => &Event::DECL,
        }
    }
}

/// A checked fact file: every reference resolved, every date parsed. Serialized,
/// it is everything but the text: the build keeps the shipped file's base so.
#[derive(Debug, Serialize, Deserialize)]
pub struct FactBase {
    #[serde(skip)]
    text: Text,
    pool: Slice<Pooled>,
    arenas: Arenas,
    pub country: Country,
    pub partners: Slice<Partner>,
    pub orgs: Slice<Org>,
    pub treaties: Slice<Treaty>,
    pub events: Slice<Event>,
}

impl FactBase {
    /// The items of a list of this base.
    pub fn list<T: Listed>(&self, list: List<T>) -> &[T] {
        self.arenas.get(list)
    }

    /// The text of a string of this base.
    pub fn str(&self, s: Str) -> &str {
        match s.offset() {
            Some(start) => {
                let end = str_end(self.text.as_bytes(), start);
                self.text.get(start..end).unwrap_or_default()
            }
            None => self.pool.get(s.pool_index()).map_or("", |p| &p.text),
        }
    }

    /// Where a string is in the file, its quotes included.
    fn span(&self, s: Str) -> Option<std::ops::Range<usize>> {
        match s.offset() {
            Some(start) => {
                let bytes = self.text.as_bytes();
                let quotes = opening(bytes, start).map_or(0, |(_, quotes)| quotes);
                Some(start - quotes..str_end(bytes, start) + quotes)
            }
            None => {
                let at = &self.pool.get(s.pool_index())?.at;
                Some(at.start as usize..at.end as usize)
            }
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
    /// Record `index` of `kind`, field by field, into `sink` (nothing when the
    /// kind has no such record).
    pub fn show<S: decl::Sink>(&self, kind: Kind, index: Index, sink: &mut S) {
        use decl::Shown;
        let i = index as usize;
        match kind {
            Kind::Partner => self.partners.get(i).map(|r| r.show(self, sink)),
            Kind::Org => self.orgs.get(i).map(|r| r.show(self, sink)),
            Kind::Treaty => self.treaties.get(i).map(|r| r.show(self, sink)),
            Kind::Event => self.events.get(i).map(|r| r.show(self, sink)),
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
