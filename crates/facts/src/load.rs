//! Loading: bytes → chunks → raw records (parsed in parallel) → checked `FactBase`.
//! Every problem is collected, with the byte range it comes from, so `check` can
//! list them all and a query can point at the first.

use super::fast;
use super::problem::{LineIndex, Problem, Problems};
use super::scan::{self, Chunk, Header};
use super::value::{Fields, Node, Value};
use super::{
    Arenas, Country, Event, FactBase, FactDate, Index, Kind, List, Listed, Meta, Org, POOLED,
    Partner, Pooled, SCHEMA_VERSION, Shift, Str, Treaty, date, opening, str_end,
};
use crate::text::fold;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;
use toml::Spanned;

/// Strings are offsets of 31 bits: files beyond this size are refused.
pub(crate) const MAX_FILE_SIZE: usize = (POOLED - 1) as usize;

pub(crate) const TOO_LARGE: &str = "fact files larger than 2 GiB are not supported";

/// Offsets are 31 bits: a larger text would be read at the wrong places.
pub(crate) fn too_large(name: &str) -> Problems {
    Problems {
        file: name.to_owned(),
        text: Cow::Borrowed(""),
        list: vec![Problem::new(None, TOO_LARGE)],
    }
}

/// Checks a fact file's text; `name` is how messages call the file.
pub fn load(name: &str, text: Cow<'static, str>) -> Result<FactBase, Problems> {
    if text.len() > MAX_FILE_SIZE {
        return Err(too_large(name));
    }
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let chunks = scan::chunks(&text, start);
    let shared = Shared::default();
    // One array for every event, filled in place by the workers: a million events
    // are never copied from one list into another.
    let event_chunks = chunks
        .iter()
        .filter(|c| c.header == Header::Array(Kind::Event))
        .count();
    let mut slots = vec![Event::default(); event_chunks];
    // Asked once: the cores are read from cgroup files.
    let threads = threads_for(text.len());
    let parts = parse_in_parallel(&text, &chunks, &shared, &mut slots, threads);
    // A chunk a record: a large file's list is let go before the records are joined.
    let layout = Layout::of(&chunks);
    drop(chunks);
    let mut problems = Vec::new();
    let failed: Vec<Header> = parts.iter().flat_map(|p| p.failed.clone()).collect();
    let assembled = assemble(parts, &layout, &failed, &mut problems).map(
        |(country, partners, orgs, treaties, fills, arenas)| {
            let events = join_events(slots, fills);
            (country, partners, orgs, treaties, events, arenas)
        },
    );
    let pool = shared.pool.into_inner().unwrap_or_else(|e| e.into_inner());
    let Some((country, partners, orgs, treaties, events, arenas)) = assembled else {
        return Err(finish(name, text, problems));
    };
    let mut base = FactBase {
        text,
        pool,
        arenas,
        country,
        partners: Vec::new(),
        orgs: Vec::new(),
        treaties: Vec::new(),
        events: Vec::new(),
    };
    resolve(
        &mut base,
        partners,
        orgs,
        treaties,
        events,
        &failed,
        &mut problems,
        threads,
    );
    check_collisions(&base, &mut problems);
    if problems.is_empty() {
        Ok(base)
    } else {
        Err(finish(name, base.text, problems))
    }
}

fn finish(name: &str, text: Cow<'static, str>, mut list: Vec<Problem>) -> Problems {
    list.sort_by_key(|p| p.at.as_ref().map_or(0, |r| r.start));
    Problems {
        file: name.to_owned(),
        text,
        list,
    }
}

/// Where a part's events go: into its share of the one array of events, one per
/// `[[event]]` chunk; past that (a chunk toml read more events from, inline
/// events) into a list of its own, so the order stays the file's.
#[derive(Default)]
struct Slots<'s> {
    share: &'s mut [Event],
    filled: usize,
    overflow: Vec<Event>,
}

impl Slots<'_> {
    fn push(&mut self, event: Event) {
        if self.overflow.is_empty() {
            if let Some(slot) = self.share.get_mut(self.filled) {
                *slot = event;
                self.filled += 1;
                return;
            }
        }
        self.overflow.push(event);
    }

    fn iter_mut(&mut self) -> impl Iterator<Item = &mut Event> {
        let filled = self.share.iter_mut().take(self.filled);
        filled.chain(self.overflow.iter_mut())
    }

    /// How the part used its share: its length, how much it filled, what overflowed.
    fn into_fill(self) -> Fill {
        Fill {
            share: self.share.len(),
            filled: self.filled,
            overflow: self.overflow,
        }
    }
}

struct Fill {
    share: usize,
    filled: usize,
    overflow: Vec<Event>,
}

/// The events in file order: the array itself when every share was filled exactly.
fn join_events(slots: Vec<Event>, fills: Vec<Fill>) -> Vec<Event> {
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
struct Shared {
    pool: Mutex<Vec<Pooled>>,
}

/// Offsets and spans fit in 32 bits: files are under 2 GiB.
fn narrow(range: std::ops::Range<usize>) -> std::ops::Range<u32> {
    range.start as u32..range.end as u32
}

/// What one worker made of its chunks.
#[derive(Default)]
struct Part<'s> {
    schema: Vec<(i64, usize)>,
    countries: Vec<(Country, usize)>,
    partners: Vec<Partner>,
    orgs: Vec<Org>,
    treaties: Vec<Treaty>,
    events: Slots<'s>,
    /// Kinds given as inline arrays (`event = [...]`) outside their headers.
    inline_kinds: Vec<(Kind, usize)>,
    /// Headers of the chunks toml rejected: what they define is unknown, so no
    /// "missing" or "unknown id" problem may follow from their absence.
    failed: Vec<Header>,
    problems: Vec<Problem>,
    /// The lists of this part's records.
    arenas: Arenas,
}

/// Below this size one thread parses everything: spawning costs more than it saves.
const PARALLEL_THRESHOLD: usize = 1 << 20;

/// How many threads work on a file of `len` bytes.
fn threads_for(len: usize) -> usize {
    // Asking for the cores reads cgroup files: not worth it for a small file.
    if len < PARALLEL_THRESHOLD {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// Each thread parses its share in a few parts, so that the bytes are shared out
/// evenly however the records' sizes vary. Few: each part's arrays grow on their
/// own, and every step of that growth leaves a freed copy in the thread's heap
/// (16 parts a thread cost 1.7 MiB more peak memory at 100k events than 1).
const PARTS_PER_THREAD: usize = 4;

fn parse_in_parallel<'s>(
    text: &str,
    chunks: &[Chunk],
    shared: &Shared,
    slots: &'s mut [Event],
    threads: usize,
) -> Vec<Part<'s>> {
    if threads < 2 {
        return vec![parse_chunks(text, chunks, shared, slots)];
    }
    let mut rest = slots;
    let work: Vec<(&[Chunk], &'s mut [Event])> = split_by_bytes(chunks, threads * PARTS_PER_THREAD)
        .map(|group| {
            let events = group
                .iter()
                .filter(|c| c.header == Header::Array(Kind::Event))
                .count();
            let all = std::mem::take(&mut rest);
            let (share, tail) = all.split_at_mut(events.min(all.len()));
            rest = tail;
            (group, share)
        })
        .collect();
    let per_thread = work.len().div_ceil(threads).max(1);
    let mut work = work.into_iter();
    let batches: Vec<Vec<_>> = (0..threads)
        .map(|_| work.by_ref().take(per_thread).collect())
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = batches
            .into_iter()
            .map(|batch| {
                scope.spawn(move || {
                    batch
                        .into_iter()
                        .map(|(group, share)| parse_chunks(text, group, shared, share))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![Part {
                        problems: vec![Problem::new(None, "internal error while parsing")],
                        ..Part::default()
                    }]
                })
            })
            .collect()
    })
}

/// The bytes a run of chunks covers.
fn span_of(chunks: &[Chunk]) -> std::ops::Range<usize> {
    chunks.first().map_or(0, |c| c.start())..chunks.last().map_or(0, |c| c.end())
}

/// `chunks` cut into `groups` runs of about the same number of bytes, in order.
fn split_by_bytes(chunks: &[Chunk], groups: usize) -> impl Iterator<Item = &[Chunk]> {
    let total = span_of(chunks).len();
    let per_group = total.div_ceil(groups.max(1)).max(1);
    let mut rest = chunks;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let cut = rest
            .iter()
            .position(|c| c.end() - first.start() >= per_group)
            .map_or(rest.len(), |i| i + 1);
        let (group, tail) = rest.split_at(cut);
        rest = tail;
        Some(group)
    })
}

fn parse_chunks<'s>(
    text: &str,
    chunks: &[Chunk],
    shared: &Shared,
    share: &'s mut [Event],
) -> Part<'s> {
    let mut part = Part {
        events: Slots {
            share,
            ..Slots::default()
        },
        arenas: Arenas::with_room_for_bytes(span_of(chunks).len()),
        ..Part::default()
    };
    for chunk in chunks {
        let body = text.get(chunk.start()..chunk.end()).unwrap_or_default();
        let mut builder = Builder {
            text,
            base: chunk.start(),
            shared,
            part: &mut part,
        };
        if let Header::Array(kind) = chunk.header {
            if let Some(fields) = fast::record(body, kind) {
                builder.record(kind, fields, chunk.start()..chunk.end());
                continue;
            }
        }
        match toml::de::DeTable::parse(body) {
            Ok(doc) => builder.document(Fields::from_toml(doc.into_inner()), chunk.header),
            Err(e) => {
                part.failed.push(chunk.header);
                part.problems.push(toml_problem(&e, chunk, body));
            }
        }
    }
    part
}

fn toml_problem(error: &toml::de::Error, chunk: &Chunk, body: &str) -> Problem {
    let at = error.span().map_or(chunk.start()..chunk.start(), |span| {
        chunk.start() + span.start..chunk.start() + span.end
    });
    let mut message = error.message().trim().replace('\n', " ");
    if message.is_empty() {
        message = "invalid TOML".to_owned();
    }
    // A missing field is reported on the whole table: point at its header instead.
    let at = if at.end - at.start > 200 || at.start >= chunk.start() + body.len() {
        at.start..at.start
    } else {
        at
    };
    Problem::new(Some(at), message)
}

/// How a string of the file is written: in quotes, or bare (a TOML date).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Quoted,
    Bare,
}
use Shape::{Bare, Quoted};

/// Turns one chunk's tables into checked records, collecting problems.
pub struct Builder<'t, 'p, 's> {
    text: &'t str,
    base: usize,
    shared: &'p Shared,
    part: &'p mut Part<'s>,
}

/// The top-level keys of a fact file.
const TOP_LEVEL: [&str; 6] = ["schema", "country", "partner", "org", "treaty", "event"];

impl Builder<'_, '_, '_> {
    /// A chunk as toml parsed it: `schema`, `[country]`, and the records.
    fn document(&mut self, doc: Fields, header: Header) {
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
    fn records(&mut self, kind: Kind, node: Node, header: Header) {
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
    fn record(&mut self, kind: Kind, fields: Fields, at: std::ops::Range<usize>) {
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
    pub(super) fn field_problem(
        &mut self,
        at: std::ops::Range<usize>,
        field: &str,
        message: String,
    ) {
        self.part
            .problems
            .push(Problem::new(Some(at), message).with_field(field));
    }

    /// Where a value of this chunk is in the file.
    pub(super) fn span<T>(&self, value: &Spanned<T>) -> std::ops::Range<usize> {
        let span = value.span();
        self.base + span.start..self.base + span.end
    }

    /// A string of the base: a slice of the file when TOML needed no unescaping
    /// and the string's end can be found again from its start.
    pub(super) fn str(&self, text: &Spanned<Cow<str>>) -> Str {
        if let Cow::Borrowed(slice) = text.get_ref() {
            if let Some(str) = self.file_str(slice, Quoted) {
                return str;
            }
        }
        self.pooled(text.get_ref(), self.span(text))
    }

    /// `slice` as a string of the file, if it is one whose end `str_end` finds.
    fn file_str(&self, slice: &str, shape: Shape) -> Option<Str> {
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
            text: value.into(),
            at: narrow(at),
        });
        Str(POOLED | (pool.len() - 1) as u32)
    }

    pub(super) fn id(&mut self, text: &Spanned<Cow<str>>) -> Str {
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
    pub(super) fn open<T: Listed>(&mut self) -> usize {
        T::open(&mut self.part.arenas)
    }

    pub(super) fn push<T: Listed>(&mut self, item: T) {
        T::push(&mut self.part.arenas, item);
    }

    /// The list of the items pushed since `open` gave `head`.
    pub(super) fn close<T: Listed>(&mut self, head: usize) -> List<T> {
        self.part.arenas.close(head)
    }

    /// A date field's value: a string or a TOML local date.
    pub(super) fn date(&mut self, node: Node, name: &'static str) -> Option<FactDate> {
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

type Assembled = (
    Country,
    Vec<Partner>,
    Vec<Org>,
    Vec<Treaty>,
    Vec<Fill>,
    Arenas,
);

/// What the document-level rules need to know of the chunks.
struct Layout {
    file_start: usize,
    /// The kinds given as `[[kind]]` tables.
    arrays: Vec<Kind>,
}

impl Layout {
    fn of(chunks: &[Chunk]) -> Layout {
        let given = |kind: Kind| chunks.iter().any(|c| c.header == Header::Array(kind));
        Layout {
            file_start: span_of(chunks).start,
            arrays: Kind::ALL.into_iter().filter(|k| given(*k)).collect(),
        }
    }
}

/// Joins the workers' parts in file order and checks the document-level rules.
fn assemble(
    parts: Vec<Part>,
    layout: &Layout,
    failed: &[Header],
    problems: &mut Vec<Problem>,
) -> Option<Assembled> {
    let mut schema = Vec::new();
    let mut countries = Vec::new();
    let (mut partners, mut orgs, mut treaties, mut fills) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut inline_kinds = Vec::new();
    let mut arenas = Arenas::with_room_for(parts.iter().map(|p| &p.arenas));
    for mut part in parts {
        shift_lists(&mut part, arenas.lens());
        arenas.append(part.arenas);
        schema.extend(part.schema);
        countries.extend(part.countries);
        partners.extend(part.partners);
        orgs.extend(part.orgs);
        treaties.extend(part.treaties);
        fills.push(part.events.into_fill());
        inline_kinds.extend(part.inline_kinds);
        problems.extend(part.problems);
    }
    let file_start = layout.file_start;
    match schema.as_slice() {
        [] if failed.contains(&Header::Preamble) => {}
        [] => problems.push(Problem::at(
            file_start,
            format!("missing `schema = {SCHEMA_VERSION}` at the top of the file"),
        )),
        [(version, at), ..] if *version != SCHEMA_VERSION => problems.push(Problem::at(
            *at,
            format!(
                "unsupported schema version {version}: this kzfp reads schema {SCHEMA_VERSION}"
            ),
        )),
        _ => {}
    }
    for (kind, at) in inline_kinds {
        if layout.arrays.contains(&kind) {
            problems.push(Problem::at(
                at,
                format!(
                    "`{0}` is given inline and also as [[{0}]] tables; use one form",
                    kind.word()
                ),
            ));
        }
    }
    let mut countries = countries.into_iter();
    let country = countries.next();
    for (_, at) in countries {
        problems.push(Problem::at(at, "duplicate [country] table"));
    }
    match country {
        Some((country, _)) => Some((country, partners, orgs, treaties, fills, arenas)),
        None => {
            if !failed.contains(&Header::Preamble) && !failed.contains(&Header::Country) {
                problems.push(Problem::at(file_start, "missing [country] table"));
            }
            None
        }
    }
}

/// Moves the lists of a part's records past the arenas of the parts before it.
fn shift_lists(part: &mut Part, by: Shift) {
    let arenas = &mut part.arenas;
    for (country, _) in &mut part.countries {
        country.shift(by, arenas);
    }
    for p in &mut part.partners {
        p.shift(by, arenas);
    }
    for p in &mut part.orgs {
        p.shift(by, arenas);
    }
    for p in &mut part.treaties {
        p.shift(by, arenas);
    }
    for p in part.events.iter_mut() {
        p.shift(by, arenas);
    }
}

/// Index of every id of one kind; duplicates are problems.
fn index_ids<'b, T>(
    base: &'b FactBase,
    kind: Kind,
    records: &[T],
    meta: impl Fn(&T) -> &Meta,
    problems: &mut Vec<Problem>,
) -> HashMap<&'b str, Index> {
    let mut index = HashMap::with_capacity(records.len());
    let mut report = DuplicateReport::new(base, kind);
    for (i, record) in records.iter().enumerate() {
        let id = meta(record).id;
        // A record without an id has a problem of its own.
        if id == Str::default() {
            continue;
        }
        if let Some(first) = index.insert(base.str(id), i as Index) {
            index.insert(base.str(id), first);
            let first = records.get(first as usize).map(|r| meta(r).id);
            problems.push(report.problem(first.unwrap_or_default(), id));
        }
    }
    index
}

/// The problems `index_ids` reports, for a kind nothing refers to (events): ids
/// are grouped by sorting their hashes, so a million events need no map of ids.
fn duplicate_ids<T>(
    base: &FactBase,
    kind: Kind,
    records: &[T],
    meta: impl Fn(&T) -> &Meta,
    problems: &mut Vec<Problem>,
) {
    let id = |i: Index| {
        records
            .get(i as usize)
            .map(|r| meta(r).id)
            .unwrap_or_default()
    };
    let hasher = std::collections::hash_map::RandomState::new();
    use std::hash::BuildHasher;
    // 32 bits of hash: ids that share them are told apart below.
    let mut hashes: Vec<(u32, Index)> = (0..records.len() as Index)
        .map(|i| (hasher.hash_one(base.str(id(i))) as u32, i))
        .collect();
    hashes.sort_unstable();
    let mut report = DuplicateReport::new(base, kind);
    for same_hash in hashes.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        let mut same: Vec<(&str, Index)> = same_hash
            .iter()
            .filter(|(_, i)| id(*i) != Str::default())
            .map(|(_, i)| (base.str(id(*i)), *i))
            .collect();
        same.sort_unstable();
        for group in same.chunk_by(|a, b| a.0 == b.0) {
            let Some(((_, first), later)) = group.split_first() else {
                continue;
            };
            for (_, i) in later {
                problems.push(report.problem(id(*first), id(*i)));
            }
        }
    }
}

/// Builds "duplicate id" problems; the file's lines are indexed at the first one
/// only, so a line number each does not cost a pass over the file each.
struct DuplicateReport<'b> {
    base: &'b FactBase,
    kind: Kind,
    lines: Option<LineIndex<'b>>,
}

impl<'b> DuplicateReport<'b> {
    fn new(base: &'b FactBase, kind: Kind) -> Self {
        DuplicateReport {
            base,
            kind,
            lines: None,
        }
    }

    fn problem(&mut self, first: Str, again: Str) -> Problem {
        let base = self.base;
        let first_at = base.span(first).map_or(0, |at| at.start);
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(&base.text));
        let (line, _) = lines.line_col(first_at);
        Problem::new(
            base.span(again),
            format!(
                "duplicate {} id '{}' (first defined on line {line})",
                self.kind.word(),
                base.str(again)
            ),
        )
    }
}

/// Unknown ids in references that get a did-you-mean hint; a file with many more
/// would spend quadratic time on hints nobody reads.
const HINTED_UNKNOWN_IDS: usize = 20;

#[allow(clippy::too_many_arguments)]
fn resolve(
    base: &mut FactBase,
    mut partners: Vec<Partner>,
    mut orgs: Vec<Org>,
    mut treaties: Vec<Treaty>,
    mut events: Vec<Event>,
    failed: &[Header],
    problems: &mut Vec<Problem>,
    threads: usize,
) {
    // The reference lists are rewritten in place while the ids are read from the base.
    let mut arenas = std::mem::take(&mut base.arenas);
    let mut base_country = std::mem::take(&mut base.country);
    {
        let view: &FactBase = base;
        let indexes = [
            index_ids(view, Kind::Partner, &partners, |r| &r.meta, problems),
            index_ids(view, Kind::Org, &orgs, |r| &r.meta, problems),
            index_ids(view, Kind::Treaty, &treaties, |r| &r.meta, problems),
        ];
        let mut resolver = Resolver {
            base: view,
            indexes: &indexes,
            failed,
            problems: Vec::new(),
            hinted: 0,
        };
        base_country.resolve_held(&mut resolver);
        for p in &mut partners {
            p.resolve_held(&mut resolver);
        }
        for p in &mut orgs {
            p.resolve_held(&mut resolver);
        }
        for p in &mut treaties {
            p.resolve_held(&mut resolver);
        }
        for p in &mut events {
            p.resolve_held(&mut resolver);
        }
        let event_ids = || {
            let mut found = Vec::new();
            duplicate_ids(view, Kind::Event, &events, |r| &r.meta, &mut found);
            found
        };
        let mut references = || {
            base_country.resolve(&mut resolver, &mut arenas);
            for p in &partners {
                p.resolve(&mut resolver, &mut arenas);
            }
            for p in &orgs {
                p.resolve(&mut resolver, &mut arenas);
            }
            for p in &treaties {
                p.resolve(&mut resolver, &mut arenas);
            }
            for p in &events {
                p.resolve(&mut resolver, &mut arenas);
            }
        };
        // Event ids are checked on a second core while references are resolved.
        let duplicates = if threads < 2 {
            references();
            event_ids()
        } else {
            std::thread::scope(|scope| {
                let duplicates = scope.spawn(event_ids);
                references();
                duplicates.join().unwrap_or_else(|_| {
                    vec![Problem::new(None, "internal error while checking ids")]
                })
            })
        };
        problems.extend(duplicates);
        problems.append(&mut resolver.problems);
    }
    base.arenas = arenas;
    base.country = base_country;
    base.partners = partners;
    base.orgs = orgs;
    base.treaties = treaties;
    base.events = events;
}

/// Turns the `Str`s of ids into indexes of the records they name, reporting unknown ids.
pub struct Resolver<'b, 'x> {
    base: &'b FactBase,
    /// Partner, org and treaty ids.
    indexes: &'x [HashMap<&'b str, Index>; 3],
    failed: &'x [Header],
    problems: Vec<Problem>,
    hinted: usize,
}

impl<'b> Resolver<'b, '_> {
    /// Resolves every slot of `list`; an unknown id's slot keeps its code, which
    /// no one reads: the problem fails the load.
    pub(super) fn list(
        &mut self,
        arenas: &mut Arenas,
        field: &'static str,
        target: Kind,
        list: List<Index>,
    ) {
        for slot in arenas.numbers_mut(list) {
            if let Some(index) = self.one(field, target, *slot) {
                *slot = index;
            }
        }
    }

    pub(super) fn one(&mut self, field: &'static str, target: Kind, code: u32) -> Option<Index> {
        let (id, at) = self.decode(code);
        let index = match target {
            Kind::Partner => self.indexes.first(),
            Kind::Org => self.indexes.get(1),
            Kind::Treaty => self.indexes.get(2),
            Kind::Event => None,
        }?;
        match index.get(id) {
            Some(i) => Some(*i),
            // The id may be defined in a record toml rejected.
            None if self.failed.contains(&Header::Array(target)) => None,
            None => {
                // A hint compares with every id: only the first few get one.
                self.hinted += 1;
                let hint = if self.hinted <= HINTED_UNKNOWN_IDS {
                    crate::text::did_you_mean(id, index.keys().copied())
                } else {
                    String::new()
                };
                self.problems.push(
                    Problem::new(
                        Some(at),
                        format!("unknown {} '{id}' in `{field}`{hint}", target.word()),
                    )
                    .with_field(field),
                );
                None
            }
        }
    }

    /// The id a slot's `Str` stands for and the span of its string in the file.
    fn decode(&self, code: u32) -> (&'b str, std::ops::Range<usize>) {
        let id = Str(code);
        (self.base.str(id), self.base.span(id).unwrap_or_default())
    }
}

/// Two records of one kind must not answer to the same name: ids, aliases,
/// names and acronyms are compared ignoring case and diacritics.
fn check_collisions(base: &FactBase, problems: &mut Vec<Problem>) {
    for kind in Kind::ALL {
        // Event ids are already unique slugs; only their aliases can collide.
        if kind == Kind::Event && base.events.iter().all(|e| e.meta.aliases.is_empty()) {
            continue;
        }
        let mut owners: HashMap<String, Index> = HashMap::new();
        for index in 0..base.count(kind) as Index {
            let Some(meta) = base.meta(kind, index) else {
                continue;
            };
            let mut keys: Vec<(Str, &str)> = vec![(meta.id, "id")];
            keys.extend(base.list(meta.aliases).iter().map(|a| (*a, "alias")));
            keys.extend(base.names(kind, index).into_iter().map(|n| (n, "name")));
            // A missing name or id has a problem of its own.
            for (key, field) in keys.into_iter().filter(|(k, _)| *k != Str::default()) {
                let folded = fold(base.str(key));
                let owner_id = |owner: Index| base.meta(kind, owner).map_or("", |m| base.str(m.id));
                match owners.get(&folded) {
                    // Two records with the same id are reported as duplicates.
                    Some(&owner) if owner != index && owner_id(owner) != base.str(meta.id) => {
                        let other = owner_id(owner);
                        let at = base.span(key);
                        problems.push(Problem::new(
                            at,
                            format!(
                                "{field} '{}' of {} '{}' collides with {} '{other}'",
                                base.str(key),
                                kind.word(),
                                base.str(meta.id),
                                kind.word()
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        owners.insert(folded, index);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strings_borrow_from_the_file() {
        let text = "schema = 1\n[country]\nid = \"kz\"\nname = 'K'\nname_tr = 'K'\nsummary = 's'\nsummary_tr = 's'\nsource = 's'\n[[partner]]\nid = \"russia\"\nname = 'R'\nname_tr = 'R'\nkind = 'state'\nsummary = 's'\nsummary_tr = 's'\nsource = 's'\naliases = [\"r\\u0075\"]\n";
        let base = load("t.toml", Cow::Borrowed(text)).unwrap();
        let p = &base.partners[0];
        assert!(p.meta.id.offset().is_some(), "id not borrowed");
        let alias = base.list(p.meta.aliases)[0];
        assert!(alias.offset().is_none(), "an escaped string is pooled");
        assert_eq!(base.str(alias), "ru");
    }

    /// Every shape a string can have in the file reads back as toml reads it,
    /// whether it is kept as an offset into the file or in the pool.
    #[test]
    fn every_string_shape_reads_back() {
        let text = r#"schema = 1
[country]
id = "kazakhstan"
name = 'Kaz "literal"'
name_tr = """
multi "quoted" line"""
summary = "esc\taped \"q\""
summary_tr = ''
source = '''raw 'single' here'''

[[partner]]
id = 'russia'
aliases = ["ru", 'rus', "r\u0075s", """q"t""", '''l'n''']
name = """Russia"""
name_tr = '''Rusya'''
kind = "state"
summary = ""
summary_tr = "x"
source = "s"

[[event]]
id = "e1"
date = 1992-03-02
title = "T"
title_tr = "T"
partners = ['russia', "r\u0075ssia"]
summary = "s"
summary_tr = "s"
source = "s"

[[event]]
id = "e2"
date = "1991-12"
title = "T"
title_tr = "T"
summary = "s"
summary_tr = "s"
source = "s"
"#;
        let base = load("t.toml", Cow::Owned(text.to_owned())).unwrap();
        let c = &base.country;
        assert_eq!(base.str(c.name), "Kaz \"literal\"");
        assert_eq!(base.str(c.name_tr), "multi \"quoted\" line");
        assert_eq!(base.str(c.meta.summary), "esc\taped \"q\"");
        assert_eq!(base.str(c.meta.summary_tr), "");
        assert_eq!(base.str(c.meta.source), "raw 'single' here");
        let p = &base.partners[0];
        assert_eq!(base.str(p.meta.id), "russia");
        let aliases: Vec<_> = base.strs(base.list(p.meta.aliases)).collect();
        assert_eq!(aliases, ["ru", "rus", "rus", "q\"t", "l'n"]);
        assert_eq!(base.str(p.name), "Russia");
        assert_eq!(base.str(p.name_tr), "Rusya");
        assert_eq!(base.str(p.meta.summary), "");
        let e = &base.events[0];
        assert_eq!(base.str(e.date.text), "1992-03-02");
        assert_eq!(base.list(e.partners), [0, 0]);
        assert_eq!(base.str(base.events[1].date.text), "1991-12");
        // Plain strings are slices of the file; escaped ones are pooled.
        assert!(p.meta.id.offset().is_some());
        assert!(e.date.text.offset().is_some());
        assert!(c.meta.summary.offset().is_none());
        let id_at = text.find("'russia'").map(|i| i..i + 8);
        assert_eq!(base.span(p.meta.id), id_at);
    }

    #[test]
    fn slugs() {
        for ok in ["a", "united-states", "e-0000001", "g7", "a-b-c"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "ç", "-"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    const SMALL: &str = r#"schema = 1
[country]
id = "kazakhstan"
name = "K"
name_tr = "K"
summary = "s"
summary_tr = "s"
source = "s"

[[partner]]
id = """
turkey"""
name = "T"
name_tr = "T"
kind = "state"
summary = "s"
summary_tr = "s"
source = "s"
figures = [{ what = "w", value = 1.602176634e-19, unit = "u" }, { what = "w", value = 0.1, unit = "u" }]

[[event]]
id = "e1"
date = "1992"
title = "T"
title_tr = "T"
partners = ["""turkye""", '''turkey''']
summary = "s"
summary_tr = "s"
source = "s"

[[event]]
id = """
e1"""
date = 1992-03-02
title = "T"
title_tr = "T"
partners = ["""
turkei"""]
summary = "s"
summary_tr = "s"
source = "s"
"#;

    /// Errors on values written as multi-line strings point at their opening quotes.
    #[test]
    fn multi_line_values_are_located_at_their_quotes() {
        let problems = load("t.toml", Cow::Borrowed(SMALL)).unwrap_err();
        let at = |needle: &str| SMALL.find(needle).unwrap();
        let starts: Vec<usize> = problems
            .list
            .iter()
            .map(|p| p.at.clone().unwrap().start)
            .collect();
        let typo = at("\"\"\"turkye");
        let second_id = at("id = \"\"\"\ne1") + 5;
        let other_typo = at("\"\"\"\nturkei");
        assert_eq!(starts, [typo, second_id, other_typo], "{:?}", problems.list);
        let first_span = problems.list[0].at.clone().unwrap();
        assert_eq!(&SMALL[first_span], "\"\"\"turkye\"\"\"");
    }

    /// What build.rs keeps of the shipped base reads back exactly, floats included.
    #[test]
    fn a_snapshot_reads_back_exactly() {
        let text: &'static str = Box::leak(
            SMALL
                .replace("turkye", "turkey")
                .replace("turkei", "turkey")
                .replace("\ne1\"\"\"", "\ne2\"\"\"")
                .into_boxed_str(),
        );
        let base = load("t.toml", Cow::Borrowed(text)).unwrap();
        let back = FactBase::from_snapshot(text, &base.snapshot().unwrap()).unwrap();
        assert_eq!(format!("{back:?}"), format!("{base:?}"));
        let figures = base.list(base.partners[0].meta.figures);
        assert_eq!(figures[0].value, 1.602176634e-19);
    }

    /// A file large enough to be parsed in parts on every core: each record's lists
    /// (references, claims, tags, aliases, figures) are its own once the parts join.
    #[test]
    fn lists_survive_the_parts_joining() {
        let mut text = String::from(
            "schema = 1\n[country]\nid = \"kz\"\nname = \"K\"\nname_tr = \"K\"\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"s\"\n",
        );
        let partners = 50;
        let events = 6000;
        let record_end = "summary = \"s\"\nsummary_tr = \"s\"\nsource = \"s\"\n";
        let figures = |i: usize, n: usize| {
            let items: Vec<String> = (0..n)
                .map(|k| format!("{{ what = \"w{i}.{k}\", value = {i}.{k}, unit = \"u\" }}"))
                .collect();
            format!("figures = [{}]\n", items.join(", "))
        };
        for i in 0..events {
            // Events first and last: partners land in the parts in between.
            if i == events / 2 {
                for p in 0..partners {
                    text.push_str(&format!(
                        "\n[[partner]]\nid = \"p{p}\"\naliases = [\"a{p}\", \"b{p}\"]\nname = \"P{p}\"\nname_tr = \"P{p}\"\nkind = \"state\"\n{record_end}{}",
                        figures(p, p % 3)
                    ));
                }
            }
            text.push_str(&format!(
                "\n[[event]]\nid = \"e{i}\"\ndate = \"1999\"\ntitle = \"T\"\ntitle_tr = \"T\"\npartners = [\"p{}\", \"p{}\"]\nclaims = [{}]\ntags = [\"t{}\"]\n{record_end}{}",
                i % partners,
                (i + 1) % partners,
                i % 146 + 1,
                i % 5,
                if i % 4 == 0 { figures(i, 1 + i % 2) } else { String::new() }
            ));
        }
        assert!(text.len() > PARALLEL_THRESHOLD);
        let base = load("t.toml", Cow::Owned(text)).unwrap();
        for (i, e) in base.events.iter().enumerate() {
            assert_eq!(base.str(e.meta.id), format!("e{i}"));
            let ids: Vec<&str> = base
                .list(e.partners)
                .iter()
                .map(|p| base.partner_id(*p))
                .collect();
            assert_eq!(
                ids,
                [
                    format!("p{}", i % partners),
                    format!("p{}", (i + 1) % partners)
                ]
            );
            assert_eq!(base.list(e.meta.claims), [(i % 146 + 1) as u32]);
            let tags: Vec<&str> = base.strs(base.list(e.meta.tags)).collect();
            assert_eq!(tags, [format!("t{}", i % 5)]);
            assert!(e.orgs.is_empty() && e.treaties.is_empty() && e.meta.aliases.is_empty());
            let values: Vec<f64> = base.list(e.meta.figures).iter().map(|f| f.value).collect();
            let expected: Vec<f64> = match i % 4 {
                0 => (0..1 + i % 2)
                    .map(|k| format!("{i}.{k}").parse().unwrap())
                    .collect(),
                _ => Vec::new(),
            };
            assert_eq!(values, expected, "event {i}");
        }
        for (p, partner) in base.partners.iter().enumerate() {
            let aliases: Vec<&str> = base.strs(base.list(partner.meta.aliases)).collect();
            assert_eq!(aliases, [format!("a{p}"), format!("b{p}")]);
            let whats: Vec<&str> = base
                .list(partner.meta.figures)
                .iter()
                .map(|f| base.str(f.what))
                .collect();
            let expected: Vec<String> = (0..p % 3).map(|k| format!("w{p}.{k}")).collect();
            assert_eq!(whats, expected, "partner {p}");
        }
    }
}
