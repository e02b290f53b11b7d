//! Loading: bytes → chunks → raw records (parsed in parallel) → checked `FactBase`.
//! Every problem is collected, with the byte range it comes from, so `check` can
//! list them all and a query can point at the first.

use super::fast::{self, FastRecord};
use super::problem::{Problem, Problems};
use super::raw::{RawCountry, RawDate, RawDateValue, RawDocument, RawFigure, Text};
use super::scan::{self, Chunk, Header};
use super::{
    Country, Event, FactBase, FactDate, Figure, Index, Kind, Meta, Org, POOLED, Partner,
    SCHEMA_VERSION, Str, Treaty, date,
};
use crate::text::fold;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where a fact file comes from.
#[derive(Clone, Debug)]
pub enum Source {
    Embedded,
    File(PathBuf),
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::Embedded => "facts.toml (embedded)".to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }
}

/// Strings are offsets of 31 bits: files beyond this size are refused.
const MAX_FILE_SIZE: usize = (POOLED - 1) as usize;

/// Reads and checks the fact file at `path`.
pub fn load_file(path: &Path) -> Result<FactBase, Problems> {
    let name = path.display().to_string();
    let fail = |message: String| Problems {
        file: name.clone(),
        text: Cow::Borrowed(""),
        list: vec![Problem::new(None, message)],
    };
    if path.is_dir() {
        return Err(fail("is a directory, not a fact file".to_owned()));
    }
    let bytes = read_at_most(path, MAX_FILE_SIZE as u64 + 1)
        .map_err(|e| fail(format!("cannot read: {}", io_reason(&e))))?;
    load_bytes(&name, bytes)
}

/// Reads up to `limit` bytes: a device like `/dev/zero` must not eat all memory.
fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Checks a fact file's bytes: the size limit and UTF-8, then `load`.
pub fn load_bytes(name: &str, bytes: Vec<u8>) -> Result<FactBase, Problems> {
    if bytes.len() > MAX_FILE_SIZE {
        return Err(Problems {
            file: name.to_owned(),
            text: Cow::Borrowed(""),
            list: vec![Problem::new(
                None,
                "fact files larger than 2 GiB are not supported",
            )],
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => load(name, Cow::Owned(text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(bytes.get(..valid).unwrap_or_default()).into_owned();
            Err(Problems {
                file: name.to_owned(),
                text: Cow::Owned(text),
                list: vec![Problem::at(
                    valid,
                    "invalid UTF-8: a fact file must be UTF-8 text",
                )],
            })
        }
    }
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// Checks a fact file's text; `name` is how messages call the file.
pub fn load(name: &str, text: Cow<'static, str>) -> Result<FactBase, Problems> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let chunks = scan::chunks(&text, start);
    let pool = Mutex::new(Vec::new());
    let parts = parse_in_parallel(&text, &chunks, &pool);
    let mut problems = Vec::new();
    let failed: Vec<Header> = parts.iter().flat_map(|p| p.failed.clone()).collect();
    let assembled = assemble(parts, &chunks, &failed, &mut problems);
    let pool = pool.into_inner().unwrap_or_else(|e| e.into_inner());
    let Some((country, partners, orgs, treaties, events)) = assembled else {
        return Err(finish(name, text, problems));
    };
    let mut base = FactBase {
        text,
        pool,
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

/// A record whose references are still ids, waiting for every id to be known.
struct Pending<T> {
    record: T,
    at: std::ops::Range<usize>,
    refs: Vec<(RefField, Str, std::ops::Range<usize>)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RefField {
    Parent,
    Members,
    Parties,
    Orgs,
    Partners,
    Treaties,
}

impl RefField {
    fn name(self) -> &'static str {
        match self {
            RefField::Parent => "parent",
            RefField::Members => "members",
            RefField::Parties => "parties",
            RefField::Orgs => "orgs",
            RefField::Partners => "partners",
            RefField::Treaties => "treaties",
        }
    }

    fn target(self) -> Kind {
        match self {
            RefField::Parent | RefField::Orgs => Kind::Org,
            RefField::Members | RefField::Parties | RefField::Partners => Kind::Partner,
            RefField::Treaties => Kind::Treaty,
        }
    }
}

/// What one worker made of its chunks.
#[derive(Default)]
struct Part {
    schema: Vec<(i64, usize)>,
    countries: Vec<(Country, usize)>,
    partners: Vec<Pending<Partner>>,
    orgs: Vec<Pending<Org>>,
    treaties: Vec<Pending<Treaty>>,
    events: Vec<Pending<Event>>,
    /// Kinds given as inline arrays (`event = [...]`) outside their headers.
    inline_kinds: Vec<(Kind, usize)>,
    /// Headers of the chunks toml rejected: what they define is unknown, so no
    /// "missing" or "unknown id" problem may follow from their absence.
    failed: Vec<Header>,
    problems: Vec<Problem>,
}

/// Below this size one thread parses everything: spawning costs more than it saves.
const PARALLEL_THRESHOLD: usize = 1 << 20;

fn parse_in_parallel(text: &str, chunks: &[Chunk], pool: &Mutex<Vec<Box<str>>>) -> Vec<Part> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || text.len() < PARALLEL_THRESHOLD {
        return vec![parse_chunks(text, chunks, pool)];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = split_by_bytes(chunks, threads)
            .map(|group| scope.spawn(move || parse_chunks(text, group, pool)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| Part {
                    problems: vec![Problem::new(None, "internal error while parsing")],
                    ..Part::default()
                })
            })
            .collect()
    })
}

/// `chunks` cut into `groups` runs of about the same number of bytes, in order.
fn split_by_bytes(chunks: &[Chunk], groups: usize) -> impl Iterator<Item = &[Chunk]> {
    let total = chunks.last().map_or(0, |c| c.end) - chunks.first().map_or(0, |c| c.start);
    let per_group = total.div_ceil(groups.max(1)).max(1);
    let mut rest = chunks;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let cut = rest
            .iter()
            .position(|c| c.end - first.start >= per_group)
            .map_or(rest.len(), |i| i + 1);
        let (group, tail) = rest.split_at(cut);
        rest = tail;
        Some(group)
    })
}

fn parse_chunks(text: &str, chunks: &[Chunk], pool: &Mutex<Vec<Box<str>>>) -> Part {
    let mut part = Part::default();
    // Records of a kind come in long runs: reserve once, not at every doubling.
    part.events.reserve(chunks.len());
    for chunk in chunks {
        let body = text.get(chunk.start..chunk.end).unwrap_or_default();
        if let Header::Array(kind) = chunk.header {
            if let Some(record) = fast::record(body, kind) {
                let mut builder = Builder {
                    text,
                    base: chunk.start,
                    pool,
                    part: &mut part,
                };
                builder.fast_record(record);
                continue;
            }
        }
        match toml::from_str::<RawDocument>(body) {
            Ok(doc) => {
                let mut builder = Builder {
                    text,
                    base: chunk.start,
                    pool,
                    part: &mut part,
                };
                builder.document(doc, chunk.header);
            }
            Err(e) => {
                part.failed.push(chunk.header);
                part.problems.push(toml_problem(&e, chunk, body));
            }
        }
    }
    part
}

fn toml_problem(error: &toml::de::Error, chunk: &Chunk, body: &str) -> Problem {
    let at = error.span().map_or(chunk.start..chunk.start, |span| {
        chunk.start + span.start..chunk.start + span.end
    });
    let mut message = error.message().trim().replace('\n', " ");
    if message.is_empty() {
        message = "invalid TOML".to_owned();
    }
    // A missing field is reported on the whole table: point at its header instead.
    let at = if at.end - at.start > 200 || at.start >= chunk.start + body.len() {
        at.start..at.start
    } else {
        at
    };
    Problem::new(Some(at), message)
}

/// Turns one chunk's raw records into checked ones, collecting problems.
struct Builder<'t, 'p> {
    text: &'t str,
    base: usize,
    pool: &'p Mutex<Vec<Box<str>>>,
    part: &'p mut Part,
}

impl Builder<'_, '_> {
    fn document(&mut self, doc: RawDocument, header: Header) {
        if let Some(schema) = doc.schema {
            let at = self.base + schema.span().start;
            self.part.schema.push((*schema.get_ref(), at));
        }
        if let Some(country) = doc.country {
            let at = self.base + country.span().start;
            let country = self.country(country.into_inner());
            self.part.countries.push((country, at));
        }
        let inline =
            |kind: Kind, present: bool| (present && header != Header::Array(kind)).then_some(kind);
        let kinds = [
            inline(Kind::Partner, !doc.partner.is_empty()),
            inline(Kind::Org, !doc.org.is_empty()),
            inline(Kind::Treaty, !doc.treaty.is_empty()),
            inline(Kind::Event, !doc.event.is_empty()),
        ];
        for kind in kinds.into_iter().flatten() {
            self.part.inline_kinds.push((kind, self.base));
        }
        for raw in doc.partner {
            let pending = self.partner(raw);
            self.part.partners.push(pending);
        }
        for raw in doc.org {
            let pending = self.org(raw);
            self.part.orgs.push(pending);
        }
        for raw in doc.treaty {
            let pending = self.treaty(raw);
            self.part.treaties.push(pending);
        }
        for raw in doc.event {
            let pending = self.event(raw);
            self.part.events.push(pending);
        }
    }

    fn fast_record(&mut self, record: FastRecord) {
        match record {
            FastRecord::Partner(raw) => {
                let pending = self.partner(raw);
                self.part.partners.push(pending);
            }
            FastRecord::Org(raw) => {
                let pending = self.org(raw);
                self.part.orgs.push(pending);
            }
            FastRecord::Treaty(raw) => {
                let pending = self.treaty(raw);
                self.part.treaties.push(pending);
            }
            FastRecord::Event(raw) => {
                let pending = self.event(raw);
                self.part.events.push(pending);
            }
        }
    }

    fn problem(&mut self, at: std::ops::Range<usize>, message: String) {
        self.part.problems.push(Problem::new(Some(at), message));
    }

    fn span<T>(&self, value: &toml::Spanned<T>) -> std::ops::Range<usize> {
        let span = value.span();
        self.base + span.start..self.base + span.end
    }

    /// A string of the base: a slice of the file when TOML needed no unescaping.
    fn str(&self, text: &Text) -> Str {
        let value: &str = text.get_ref();
        let file = self.text.as_ptr() as usize;
        let ptr = value.as_ptr() as usize;
        if let Cow::Borrowed(slice) = &text.get_ref().0 {
            if ptr >= file && ptr + slice.len() <= file + self.text.len() {
                return Str {
                    start: (ptr - file) as u32,
                    len: slice.len() as u32,
                };
            }
        }
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        pool.push(value.into());
        Str {
            start: POOLED | (pool.len() - 1) as u32,
            len: value.len() as u32,
        }
    }

    fn opt_str(&self, text: &Option<Text>) -> Option<Str> {
        text.as_ref().map(|t| self.str(t))
    }

    fn id(&mut self, text: &Text) -> Str {
        if !is_slug(text.get_ref()) {
            let at = self.span(text);
            self.problem(
                at,
                format!(
                    "invalid id '{}': ids are lowercase ASCII slugs like 'united-states'",
                    text.get_ref()
                ),
            );
        }
        self.str(text)
    }

    fn tags(&mut self, tags: &[Text]) -> Box<[Str]> {
        tags.iter()
            .map(|tag| {
                if !is_slug(tag.get_ref()) {
                    let at = self.span(tag);
                    self.problem(
                        at,
                        format!("invalid tag '{}': tags are lowercase slugs", tag.get_ref()),
                    );
                }
                self.str(tag)
            })
            .collect()
    }

    fn figures(&mut self, figures: &[RawFigure]) -> Box<[Figure]> {
        figures
            .iter()
            .map(|f| {
                let value = f.value.get_ref().value();
                if !value.is_finite() {
                    self.problem(
                        self.span(&f.value),
                        "a figure's value must be a finite number".to_owned(),
                    );
                }
                Figure {
                    what: self.str(&f.what),
                    what_tr: self.opt_str(&f.what_tr),
                    value,
                    unit: self.str(&f.unit),
                    qualifier: f.qualifier,
                }
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn meta(
        &mut self,
        id: &Text,
        aliases: &[Text],
        summary: &Text,
        summary_tr: &Text,
        source: &Text,
        claims: Vec<u32>,
        tags: &[Text],
        figures: &[RawFigure],
    ) -> Meta {
        if source.get_ref().trim().is_empty() {
            let at = self.span(source);
            self.problem(
                at,
                "empty source: give the article's section or 'outside: <basis>'".to_owned(),
            );
        }
        Meta {
            id: self.id(id),
            aliases: aliases.iter().map(|a| self.str(a)).collect(),
            summary: self.str(summary),
            summary_tr: self.str(summary_tr),
            source: self.str(source),
            claims: claims.into_boxed_slice(),
            tags: self.tags(tags),
            figures: self.figures(figures),
        }
    }

    fn date(&mut self, raw: &RawDate) -> Option<FactDate> {
        let at = self.span(raw);
        let (text, str) = match raw.get_ref() {
            RawDateValue::Text(text) => {
                let spanned = toml::Spanned::new(raw.span(), text.clone());
                (text.to_string(), self.str(&spanned))
            }
            RawDateValue::Toml(datetime) => {
                if datetime.time.is_some() || datetime.offset.is_some() || datetime.date.is_none() {
                    self.problem(
                        at.clone(),
                        format!("invalid date {datetime}: expected a local date without a time"),
                    );
                    return None;
                }
                let span = raw.span();
                let str = Str {
                    start: (self.base + span.start) as u32,
                    len: (span.end - span.start) as u32,
                };
                (datetime.to_string(), str)
            }
        };
        match date::parse_period(&text) {
            Ok(period) => Some(FactDate { text: str, period }),
            Err(e) => {
                self.problem(at, format!("invalid date '{text}': {e}"));
                None
            }
        }
    }

    fn refs(
        &self,
        pending: &mut Vec<(RefField, Str, std::ops::Range<usize>)>,
        field: RefField,
        ids: &[Text],
    ) {
        for id in ids {
            pending.push((field, self.str(id), self.span(id)));
        }
    }

    fn country(&mut self, raw: RawCountry) -> Country {
        Country {
            meta: self.meta(
                &raw.id,
                &raw.aliases,
                &raw.summary,
                &raw.summary_tr,
                &raw.source,
                raw.claims,
                &raw.tags,
                &raw.figures,
            ),
            name: self.str(&raw.name),
            name_tr: self.str(&raw.name_tr),
        }
    }

    fn partner(&mut self, raw: super::raw::RawPartner) -> Pending<Partner> {
        let record = Partner {
            meta: self.meta(
                &raw.id,
                &raw.aliases,
                &raw.summary,
                &raw.summary_tr,
                &raw.source,
                raw.claims,
                &raw.tags,
                &raw.figures,
            ),
            name: self.str(&raw.name),
            name_tr: self.str(&raw.name_tr),
            kind: raw.kind,
            relation: self.opt_str(&raw.relation),
            relation_tr: self.opt_str(&raw.relation_tr),
        };
        Pending {
            record,
            at: self.span(&raw.id),
            refs: Vec::new(),
        }
    }

    fn org(&mut self, raw: super::raw::RawOrg) -> Pending<Org> {
        let mut refs = Vec::new();
        if let Some(parent) = &raw.parent {
            self.refs(&mut refs, RefField::Parent, std::slice::from_ref(parent));
        }
        self.refs(&mut refs, RefField::Members, &raw.members);
        let joined = raw.joined.as_ref().and_then(|d| self.date(d));
        let chaired = raw.chaired.iter().filter_map(|d| self.date(d)).collect();
        let record = Org {
            meta: self.meta(
                &raw.id,
                &raw.aliases,
                &raw.summary,
                &raw.summary_tr,
                &raw.source,
                raw.claims,
                &raw.tags,
                &raw.figures,
            ),
            name: self.str(&raw.name),
            name_tr: self.str(&raw.name_tr),
            acronym: self.opt_str(&raw.acronym),
            acronym_tr: self.opt_str(&raw.acronym_tr),
            kind: raw.kind,
            parent: None,
            roles: raw.roles.into_boxed_slice(),
            joined,
            chaired,
            members: Box::new([]),
        };
        Pending {
            record,
            at: self.span(&raw.id),
            refs,
        }
    }

    fn treaty(&mut self, raw: super::raw::RawTreaty) -> Pending<Treaty> {
        let mut refs = Vec::new();
        self.refs(&mut refs, RefField::Parties, &raw.parties);
        self.refs(&mut refs, RefField::Orgs, &raw.orgs);
        let signed = raw.signed.as_ref().and_then(|d| self.date(d));
        let in_force = raw.in_force.as_ref().and_then(|d| self.date(d));
        let record = Treaty {
            meta: self.meta(
                &raw.id,
                &raw.aliases,
                &raw.summary,
                &raw.summary_tr,
                &raw.source,
                raw.claims,
                &raw.tags,
                &raw.figures,
            ),
            name: self.str(&raw.name),
            name_tr: self.str(&raw.name_tr),
            kind: raw.kind,
            signed,
            in_force,
            parties: Box::new([]),
            orgs: Box::new([]),
        };
        Pending {
            record,
            at: self.span(&raw.id),
            refs,
        }
    }

    fn event(&mut self, raw: super::raw::RawEvent) -> Pending<Event> {
        let mut refs = Vec::new();
        self.refs(&mut refs, RefField::Partners, &raw.partners);
        self.refs(&mut refs, RefField::Orgs, &raw.orgs);
        self.refs(&mut refs, RefField::Treaties, &raw.treaties);
        let date = self.date(&raw.date).unwrap_or(FactDate {
            text: Str::default(),
            period: super::Period::all(),
        });
        let record = Event {
            meta: self.meta(
                &raw.id,
                &raw.aliases,
                &raw.summary,
                &raw.summary_tr,
                &raw.source,
                raw.claims,
                &raw.tags,
                &raw.figures,
            ),
            date,
            title: self.str(&raw.title),
            title_tr: self.str(&raw.title_tr),
            partners: Box::new([]),
            orgs: Box::new([]),
            treaties: Box::new([]),
        };
        Pending {
            record,
            at: self.span(&raw.id),
            refs,
        }
    }
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

type Assembled = (
    Country,
    Vec<Pending<Partner>>,
    Vec<Pending<Org>>,
    Vec<Pending<Treaty>>,
    Vec<Pending<Event>>,
);

/// Joins the workers' parts in file order and checks the document-level rules.
fn assemble(
    parts: Vec<Part>,
    chunks: &[Chunk],
    failed: &[Header],
    problems: &mut Vec<Problem>,
) -> Option<Assembled> {
    let mut schema = Vec::new();
    let mut countries = Vec::new();
    let (mut partners, mut orgs, mut treaties, mut events) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut inline_kinds = Vec::new();
    for part in parts {
        schema.extend(part.schema);
        countries.extend(part.countries);
        partners.extend(part.partners);
        orgs.extend(part.orgs);
        treaties.extend(part.treaties);
        events.extend(part.events);
        inline_kinds.extend(part.inline_kinds);
        problems.extend(part.problems);
    }
    let file_start = chunks.first().map_or(0, |c| c.start);
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
        if chunks.iter().any(|c| c.header == Header::Array(kind)) {
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
        Some((country, _)) => Some((country, partners, orgs, treaties, events)),
        None => {
            if !failed.contains(&Header::Preamble) && !failed.contains(&Header::Country) {
                problems.push(Problem::at(file_start, "missing [country] table"));
            }
            None
        }
    }
}

/// Index of every id of one kind; duplicates are problems.
fn index_ids<'b, T>(
    base: &'b FactBase,
    kind: Kind,
    pending: &[Pending<T>],
    meta: impl Fn(&T) -> &Meta,
    problems: &mut Vec<Problem>,
) -> HashMap<&'b str, Index> {
    let mut index = HashMap::with_capacity(pending.len());
    for (i, p) in pending.iter().enumerate() {
        let id = base.str(meta(&p.record).id);
        if let Some(first) = index.insert(id, i as Index) {
            index.insert(id, first);
            let first_at = pending.get(first as usize).map_or(0, |f| f.at.start);
            let (line, _) = super::problem::line_col(&base.text, first_at);
            problems.push(Problem::new(
                Some(p.at.clone()),
                format!(
                    "duplicate {} id '{id}' (first defined on line {line})",
                    kind.word()
                ),
            ));
        }
    }
    index
}

fn resolve(
    base: &mut FactBase,
    partners: Vec<Pending<Partner>>,
    orgs: Vec<Pending<Org>>,
    treaties: Vec<Pending<Treaty>>,
    events: Vec<Pending<Event>>,
    failed: &[Header],
    problems: &mut Vec<Problem>,
) {
    let mut resolved: [Vec<Vec<(RefField, Index)>>; 4] = Default::default();
    {
        let view: &FactBase = base;
        let indexes = [
            index_ids(view, Kind::Partner, &partners, |r| &r.meta, problems),
            index_ids(view, Kind::Org, &orgs, |r| &r.meta, problems),
            index_ids(view, Kind::Treaty, &treaties, |r| &r.meta, problems),
        ];
        index_ids(view, Kind::Event, &events, |r| &r.meta, problems);
        let lookup = |kind: Kind| match kind {
            Kind::Partner => indexes.first(),
            Kind::Org => indexes.get(1),
            Kind::Treaty => indexes.get(2),
            Kind::Event => None,
        };
        let mut resolve_refs =
            |refs: &[(RefField, Str, std::ops::Range<usize>)]| -> Vec<(RefField, Index)> {
                refs.iter()
                    .filter_map(|(field, id, at)| {
                        let id = view.str(*id);
                        let index = lookup(field.target())?;
                        match index.get(id) {
                            Some(i) => Some((*field, *i)),
                            // The id may be defined in a record toml rejected.
                            None if failed.contains(&Header::Array(field.target())) => None,
                            None => {
                                let hint = crate::resolve::did_you_mean(id, index.keys().copied());
                                problems.push(Problem::new(
                                    Some(at.clone()),
                                    format!(
                                        "unknown {} '{id}' in `{}`{hint}",
                                        field.target().word(),
                                        field.name()
                                    ),
                                ));
                                None
                            }
                        }
                    })
                    .collect()
            };
        resolved[1] = orgs.iter().map(|p| resolve_refs(&p.refs)).collect();
        resolved[2] = treaties.iter().map(|p| resolve_refs(&p.refs)).collect();
        resolved[3] = events.iter().map(|p| resolve_refs(&p.refs)).collect();
    }
    let [_, org_refs, treaty_refs, event_refs] = resolved;
    let pick = |refs: &[(RefField, Index)], field: RefField| -> Box<[Index]> {
        refs.iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, i)| *i)
            .collect()
    };
    base.partners = partners.into_iter().map(|p| p.record).collect();
    base.orgs = orgs
        .into_iter()
        .zip(org_refs)
        .map(|(p, refs)| Org {
            parent: pick(&refs, RefField::Parent).first().copied(),
            members: pick(&refs, RefField::Members),
            ..p.record
        })
        .collect();
    base.treaties = treaties
        .into_iter()
        .zip(treaty_refs)
        .map(|(p, refs)| Treaty {
            parties: pick(&refs, RefField::Parties),
            orgs: pick(&refs, RefField::Orgs),
            ..p.record
        })
        .collect();
    base.events = events
        .into_iter()
        .zip(event_refs)
        .map(|(p, refs)| Event {
            partners: pick(&refs, RefField::Partners),
            orgs: pick(&refs, RefField::Orgs),
            treaties: pick(&refs, RefField::Treaties),
            ..p.record
        })
        .collect();
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
            keys.extend(meta.aliases.iter().map(|a| (*a, "alias")));
            keys.extend(base.names(kind, index).into_iter().map(|n| (n, "name")));
            for (key, field) in keys {
                let folded = fold(base.str(key));
                let owner_id = |owner: Index| base.meta(kind, owner).map_or("", |m| base.str(m.id));
                match owners.get(&folded) {
                    // Two records with the same id are reported as duplicates.
                    Some(&owner) if owner != index && owner_id(owner) != base.str(meta.id) => {
                        let other = owner_id(owner);
                        let at = key.offset().map(|o| o..o + base.str(key).len());
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
        let text = "[[partner]]\nid = \"russia\"\nname = 'R'\nname_tr = 'R'\nkind = 'state'\nsummary = 's'\nsummary_tr = 's'\nsource = 's'\n";
        let doc: RawDocument = toml::from_str(text).unwrap();
        let p = &doc.partner[0];
        assert!(
            matches!(p.id.get_ref().0, Cow::Borrowed(_)),
            "id not borrowed"
        );
    }
}
