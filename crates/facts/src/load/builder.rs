//! One chunk's tables turned into checked records: the `Builder`, and the `Part`
//! of the base one worker makes with it.

use crate::problem::Problem;
use crate::scan::Header;
use crate::value::{Fields, Node, Value};
use crate::{
    Arenas, Country, Event, FactDate, Kind, List, Listed, Org, POOLED, Partner, Pooled,
    SCHEMA_VERSION, Str, Treaty, date, opening, str_end,
};
use std::borrow::Cow;
use std::sync::Mutex;
use toml::Spanned;

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

/// Offsets and spans fit in 32 bits: files are under 2 GiB.
fn narrow(range: std::ops::Range<usize>) -> std::ops::Range<u32> {
    range.start as u32..range.end as u32
}

/// What one worker made of its chunks.
#[derive(Default)]
pub(super) struct Part<'s> {
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
    pub(super) problems: Vec<Problem>,
    /// The lists of this part's records.
    pub(super) arenas: Arenas,
}

/// How a string of the file is written: in quotes, or bare (a TOML date).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Quoted,
    Bare,
}
use Quoting::{Bare, Quoted};

/// Turns one chunk's tables into checked records, collecting problems.
pub struct Builder<'t, 'p, 's> {
    pub(super) text: &'t str,
    pub(super) base: usize,
    pub(super) shared: &'p Shared,
    pub(super) part: &'p mut Part<'s>,
}

/// The top-level keys of a fact file.
const TOP_LEVEL: [&str; 6] = ["schema", "country", "partner", "org", "treaty", "event"];

impl Builder<'_, '_, '_> {
    /// A chunk as toml parsed it: `schema`, `[country]`, and the records.
    pub(super) fn document(&mut self, doc: Fields, header: Header) {
        for (key, node) in doc.list {
            let kind = Kind::ALL.into_iter().find(|k| k.word() == key.get_ref());
            match (key.get_ref().as_ref(), kind) {
                (_, Some(kind)) => self.records(kind, node, header),
                ("schema", _) => match node.get_ref() {
                    Value::Integer(version) => {
                        let at = self.base + node.span().start;
                        self.part.schema.push((*version, at));
                    }
                    other => {
                        let message =
                            format!("invalid type: {}, expected an integer", other.what());
                        self.field_problem(self.span(&node), "schema", message);
                        // Given, if wrongly: not also "missing".
                        let at = self.base + node.span().start;
                        self.part.schema.push((SCHEMA_VERSION, at));
                    }
                },
                ("country", _) => {
                    let at = self.span(&node);
                    match node.into_inner() {
                        Value::Table(fields) => {
                            let country = Country::build(self, fields, at.clone());
                            self.part.countries.push((country, at.start));
                        }
                        other => {
                            let message =
                                format!("invalid type: {}, expected a table", other.what());
                            self.field_problem(at, "country", message);
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
                    self.field_problem(self.span(&key), other, message);
                }
            }
        }
    }

    /// `[[kind]]` tables, or `kind = [...]` given inline.
    pub(super) fn records(&mut self, kind: Kind, node: Node, header: Header) {
        let span = self.span(&node);
        let Value::Array(items) = node.into_inner() else {
            let message = "invalid type: expected an array of tables".to_owned();
            self.field_problem(span, kind.word(), message);
            return;
        };
        if header != Header::Array(kind) {
            self.part.inline_kinds.push((kind, self.base));
        }
        for item in items {
            let at = self.span(&item);
            match item.into_inner() {
                Value::Table(fields) => self.record(kind, fields, at),
                other => {
                    let message = format!("invalid type: {}, expected a table", other.what());
                    self.field_problem(at, kind.word(), message);
                }
            }
        }
    }

    /// One record of `kind` from its table at `at` (offsets into the file).
    pub(super) fn record(&mut self, kind: Kind, fields: Fields, at: std::ops::Range<usize>) {
        let id = match kind {
            Kind::Partner => {
                let record = Partner::build(self, fields, at);
                let id = record.meta.id;
                self.part.partners.push(record);
                id
            }
            Kind::Org => {
                let record = Org::build(self, fields, at);
                let id = record.meta.id;
                self.part.orgs.push(record);
                id
            }
            Kind::Treaty => {
                let record = Treaty::build(self, fields, at);
                let id = record.meta.id;
                self.part.treaties.push(record);
                id
            }
            Kind::Event => {
                let record = Event::build(self, fields, at);
                let id = record.meta.id;
                self.part.events.push(record);
                id
            }
        };
        // A record without an id may be what a reference names: no "unknown id".
        if id == Str::default() {
            self.part.failed.push(Header::Array(kind));
        }
    }

    /// A problem with field `field` at `at` (offsets into the file).
    pub(crate) fn field_problem(
        &mut self,
        at: std::ops::Range<usize>,
        field: &str,
        message: String,
    ) {
        self.part
            .problems
            .push(Problem::new(Some(at), message).with_field(field));
    }

    /// The text of a value as the file writes it.
    pub(crate) fn literal<T>(&self, value: &Spanned<T>) -> Option<&str> {
        self.text.get(self.span(value))
    }

    /// Where a value of this chunk is in the file.
    pub(crate) fn span<T>(&self, value: &Spanned<T>) -> std::ops::Range<usize> {
        let span = value.span();
        self.base + span.start..self.base + span.end
    }

    /// A string of the base: a slice of the file when TOML needed no unescaping
    /// and the string's end can be found again from its start.
    pub(crate) fn str(&self, text: &Spanned<Cow<str>>) -> Str {
        if let Cow::Borrowed(slice) = text.get_ref() {
            if let Some(str) = self.file_str(slice, Quoted) {
                return str;
            }
        }
        self.pooled(text.get_ref(), self.span(text))
    }

    /// `slice` as a string of the file, if it is one whose end `str_end` finds.
    fn file_str(&self, slice: &str, shape: Quoting) -> Option<Str> {
        let start = (slice.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        let end = start + slice.len();
        let bytes = self.text.as_bytes();
        if end > bytes.len() || start >= POOLED as usize {
            return None;
        }
        let opening = opening(bytes, start);
        // A string that does not follow its quote (a multi-line one's first newline
        // was trimmed) is pooled: its span could not be found again.
        if (shape == Quoted) != opening.is_some() {
            return None;
        }
        let found = match opening {
            // A one-line string toml did not unescape holds no quote of its own
            // kind: no need to look for one. A multi-line string may.
            Some((quote, 1)) if bytes.get(end) == Some(&quote) => {
                // The fuzzers build with debug assertions: they check the shortcut.
                debug_assert_eq!(str_end(bytes, start), end);
                end
            }
            _ => str_end(bytes, start),
        };
        (found == end).then_some(Str(start as u32))
    }

    fn pooled(&self, value: &str, at: std::ops::Range<usize>) -> Str {
        let mut pool = self.shared.pool.lock().unwrap_or_else(|e| e.into_inner());
        pool.push(Pooled {
            text: value.to_owned().into(),
            at: narrow(at),
        });
        Str(POOLED | (pool.len() - 1) as u32)
    }

    pub(crate) fn id(&mut self, text: &Spanned<Cow<str>>) -> Str {
        if !is_slug(text.get_ref()) {
            let at = self.span(text);
            self.field_problem(
                at,
                "id",
                format!(
                    "invalid id '{}': ids are lowercase ASCII slugs like 'united-states'",
                    text.get_ref()
                ),
            );
        }
        self.str(text)
    }

    /// Starts a list in this part's arena of `T`; `close` ends it.
    pub(crate) fn open<T: Listed>(&mut self) -> usize {
        T::open(&mut self.part.arenas)
    }

    pub(crate) fn push<T: Listed>(&mut self, item: T) {
        T::push(&mut self.part.arenas, item);
    }

    /// The list of the items pushed since `open` gave `head`.
    pub(crate) fn close<T: Listed>(&mut self, head: usize) -> List<T> {
        self.part.arenas.close(head)
    }

    /// A date field's value: a string or a TOML local date.
    pub(crate) fn date(&mut self, node: Node, name: &'static str) -> Option<FactDate> {
        let at = self.span(&node);
        let span = node.span();
        let (text, str) = match node.into_inner() {
            Value::Text(text) => {
                let spanned = Spanned::new(span, text);
                let str = self.str(&spanned);
                (spanned.into_inner().into_owned(), str)
            }
            Value::Datetime(datetime) => {
                if datetime.time.is_some() || datetime.offset.is_some() || datetime.date.is_none() {
                    self.field_problem(
                        at,
                        name,
                        format!("invalid date {datetime}: expected a local date without a time"),
                    );
                    return None;
                }
                let text = datetime.to_string();
                let given = self.text.get(at.clone()).unwrap_or_default();
                let str = self
                    .file_str(given, Bare)
                    .filter(|_| given == text)
                    .unwrap_or_else(|| self.pooled(&text, at.clone()));
                (text, str)
            }
            other => {
                let message = format!(
                    "invalid type: {}, expected a date string (\"1992\", \"1992-03\", \"1992-03-02\", \"2017/2018\") or a TOML local date",
                    other.what()
                );
                self.field_problem(at, name, message);
                return None;
            }
        };
        match date::parse_period(&text) {
            Ok(period) => Some(FactDate { text: str, period }),
            Err(e) => {
                self.field_problem(at, name, format!("invalid date '{text}': {e}"));
                None
            }
        }
    }
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`
pub fn is_slug(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    // Every byte a letter, a digit or a dash; no dash first, last or doubled.
    bytes.first().is_some_and(word)
        && bytes.last().is_some_and(word)
        && bytes.iter().all(|b| word(b) || *b == b'-')
        && !bytes.windows(2).any(|w| w == b"--")
}
