//! Where a base's strings and lists are: the fact file's text, the pool of
//! strings that are not slices of it, and the arenas the records' lists live in
//! (`Store`). The field types build into it and read from it; `FactBase` holds
//! one beside its records.

use crate::Text;
use crate::date::Period;
use crate::figure::Figure;
use crate::kind::Index;
use crate::list::List;
use crate::literal::Literal;
use crate::string::{Pooled, Str, opening, str_end};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;

/// A base's text, pool and arenas: what a `Str` or a `List` is read against.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Store {
    #[serde(skip)]
    pub(crate) text: Text,
    pub(crate) pool: Slice<Pooled>,
    pub(crate) arenas: Arenas,
}

impl Store {
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
    pub(crate) fn span(&self, s: Str) -> Option<std::ops::Range<usize>> {
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
}

/// The arrays records' lists live in: ids of other records and claim numbers,
/// strings (aliases, tags), figures. In `numbers` and `strs` a list is its count
/// then its items; a list of figures is a count and the first figure's index in
/// `numbers`, its figures in `figures`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Arenas {
    pub(crate) numbers: Slice<u32>,
    pub(crate) strs: Slice<Str>,
    pub(crate) figures: Slice<Figure>,
    pub(crate) relations: Slice<Relation>,
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
    pub(crate) fn close<T: Listed>(&mut self, head: usize) -> List<T> {
        if T::close(self, head) == 0 {
            List::default()
        } else {
            List::at(head)
        }
    }

    /// How far the lists of arenas appended after these must shift.
    pub(crate) fn lens(&self) -> Shift {
        Shift {
            numbers: self.numbers.len() as u32,
            strs: self.strs.len() as u32,
            figures: self.figures.len() as u32,
            relations: self.relations.len() as u32,
        }
    }

    /// Empty arenas with exactly the room `parts` take: joining them grows no
    /// array step by step, leaving freed copies behind.
    pub(crate) fn with_room_for<'a>(parts: impl Iterator<Item = &'a Arenas> + Clone) -> Arenas {
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
    pub(crate) fn with_room_for_bytes(bytes: usize) -> Arenas {
        Arenas {
            numbers: Vec::with_capacity(bytes / 48).into(),
            strs: Vec::with_capacity(bytes / 96).into(),
            figures: Slice::default(),
            relations: Slice::default(),
        }
    }

    pub(crate) fn append(&mut self, other: Arenas) {
        join(self.numbers.to_mut(), other.numbers.into_owned());
        join(self.strs.to_mut(), other.strs.into_owned());
        join(self.figures.to_mut(), other.figures.into_owned());
        join(self.relations.to_mut(), other.relations.into_owned());
    }

    pub(crate) fn get<T: Listed>(&self, list: List<T>) -> &[T] {
        if list.is_empty() {
            return &[];
        }
        T::items(self, list.at as usize).unwrap_or_default()
    }

    /// The ids of a reference list, to be resolved in place.
    pub(crate) fn numbers_mut(&mut self, list: List<u32>) -> &mut [u32] {
        if list.is_empty() {
            return &mut [];
        }
        list_range(&self.numbers, list.at as usize, |n| *n)
            .and_then(|items| self.numbers.to_mut().get_mut(items))
            .unwrap_or_default()
    }

    /// The first item's index in a figure or relation list's head, once `by`
    /// items come in front of its part's.
    pub(crate) fn shift_first<T>(&mut self, list: List<T>, by: u32) {
        if list.is_empty() {
            return;
        }
        if let Some(first) = self.numbers.to_mut().get_mut(list.at as usize + 1) {
            *first += by;
        }
    }

    /// The relations of a list, to be resolved and dated in place.
    pub(crate) fn relations_mut(&mut self, list: List<Relation>) -> &mut [Relation] {
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
    pub(crate) numbers: u32,
    pub(crate) strs: u32,
    pub(crate) figures: u32,
    pub(crate) relations: u32,
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

impl Literal for FactDate {
    fn literal(&self, out: &mut String) {
        out.push_str("FactDate { text: ");
        self.text.literal(out);
        out.push_str(", period: ");
        self.period.literal(out);
        out.push_str(" }");
    }
}

impl Literal for Relation {
    fn literal(&self, out: &mut String) {
        let _ = write!(
            out,
            "Relation {{ partner: {}, status: {}, since: ",
            self.partner, self.status
        );
        self.since.literal(out);
        out.push_str(", until: ");
        self.until.literal(out);
        out.push_str(", span: ");
        self.span.literal(out);
        out.push_str(" }");
    }
}
