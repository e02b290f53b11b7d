//! Ids: every id of a kind indexed (duplicates are problems), references resolved
//! to indexes (unknown ids are problems), and names that collide across records.

use crate::problem::{LineIndex, Problem};
use crate::resolver::Resolver;
use crate::scan::Header;
use crate::text::fold;
use crate::{Event, FactBase, Index, Kind, Meta, Org, Partner, Str, Treaty};
use foldhash::{HashMap, HashMapExt};

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
    let hasher = foldhash::fast::RandomState::default();
    use std::hash::BuildHasher;
    // 32 bits of hash above the index, sorted as one number: ids that share
    // them are told apart below.
    let mut hashes: Vec<u64> = (0..records.len() as Index)
        .map(|i| (hasher.hash_one(base.str(id(i))) << 32) | u64::from(i))
        .collect();
    hashes.sort_unstable();
    let hash = |packed: &u64| packed >> 32;
    let mut report = DuplicateReport::new(base, kind);
    for same_hash in hashes
        .chunk_by(|a, b| hash(a) == hash(b))
        .filter(|g| g.len() > 1)
    {
        let mut same: Vec<(&str, Index)> = same_hash
            .iter()
            .map(|packed| *packed as Index)
            .filter(|i| id(*i) != Str::default())
            .map(|i| (base.str(id(i)), i))
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
    pub(super) base: &'b FactBase,
    pub(super) kind: Kind,
    pub(super) lines: Option<LineIndex<'b>>,
}

impl<'b> DuplicateReport<'b> {
    pub(super) fn new(base: &'b FactBase, kind: Kind) -> Self {
        DuplicateReport {
            base,
            kind,
            lines: None,
        }
    }

    pub(super) fn problem(&mut self, first: Str, again: Str) -> Problem {
        let base = self.base;
        let first_at = base.span(first).map_or(0, |at| at.start);
        let lines = self
            .lines
            .get_or_insert_with(|| LineIndex::new(&base.store.text));
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

#[allow(clippy::too_many_arguments)]
pub(super) fn resolve(
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
    let mut arenas = std::mem::take(&mut base.store.arenas);
    let mut base_country = std::mem::take(&mut base.country);
    {
        let view: &FactBase = base;
        let indexes = [
            index_ids(view, Kind::Partner, &partners, |r| &r.meta, problems),
            index_ids(view, Kind::Org, &orgs, |r| &r.meta, problems),
            index_ids(view, Kind::Treaty, &treaties, |r| &r.meta, problems),
        ];
        let mut resolver = Resolver {
            store: &view.store,
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
    base.store.arenas = arenas;
    base.country = base_country;
    base.partners = partners.into();
    base.orgs = orgs.into();
    base.treaties = treaties.into();
    base.events = events.into();
}

/// Two records of one kind must not answer to the same name: ids, aliases,
/// names and acronyms are compared ignoring case and diacritics.
pub(super) fn check_collisions(base: &FactBase, problems: &mut Vec<Problem>) {
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
