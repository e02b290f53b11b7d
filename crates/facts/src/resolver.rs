//! References resolved: the ids a record's fields name turned into indexes of
//! the records they name, unknown ids and ids listed twice reported. The load
//! (`load/ids.rs`) indexes every kind's ids and hands them to a `Resolver`; the
//! field types that hold references call it.

use crate::kind::{Index, Kind};
use crate::list::List;
use crate::problem::Problem;
use crate::scan::Header;
use crate::store::{Arenas, Relation, Store};
use crate::string::Str;
use crate::text::did_you_mean;
use foldhash::{HashMap, HashSet, HashSetExt};

/// Unknown ids in references that get a did-you-mean hint; a file with many more
/// would spend quadratic time on hints nobody reads.
const HINTED_UNKNOWN_IDS: usize = 20;

/// Turns the `Str`s of ids into indexes of the records they name, reporting unknown ids.
pub struct Resolver<'b, 'x> {
    pub(crate) store: &'b Store,
    /// Partner, org and treaty ids.
    pub(crate) indexes: &'x [HashMap<&'b str, Index>; 3],
    pub(crate) failed: &'x [Header],
    pub(crate) problems: Vec<Problem>,
    pub(crate) hinted: usize,
}

impl<'b> Resolver<'b, '_> {
    /// Resolves every slot of `list`; an unknown id's slot keeps its code, which
    /// no one reads: the problem fails the load.
    pub(crate) fn list(
        &mut self,
        arenas: &mut Arenas,
        field: &'static str,
        target: Kind,
        list: List<Index>,
    ) {
        let slots = arenas.numbers_mut(list);
        self.listed_twice(field, target, slots);
        for slot in slots {
            if let Some(index) = self.one(field, target, *slot) {
                *slot = index;
            }
        }
    }

    /// Resolves the partner of every relation of `list`, as `list` does.
    pub(crate) fn relations(
        &mut self,
        arenas: &mut Arenas,
        field: &'static str,
        target: Kind,
        list: List<Relation>,
    ) {
        for relation in arenas.relations_mut(list) {
            if let Some(index) = self.one(field, target, relation.partner) {
                relation.partner = index;
            }
        }
    }

    /// An id listed twice in one list (`members = ["russia", "russia"]`) would be
    /// counted twice: each repeat is a problem, at the repeat.
    fn listed_twice(&mut self, field: &'static str, target: Kind, codes: &[u32]) {
        // Short lists (nearly all) are compared pairwise; long ones through a set.
        // Each id is read once: finding a string's end scans the file.
        const PAIRWISE: usize = 32;
        let mut short: [&str; PAIRWISE] = [""; PAIRWISE];
        let mut set: HashSet<&str> = HashSet::new();
        for (i, code) in codes.iter().enumerate() {
            let id = self.store.str(Str(*code));
            let again = match short.get_mut(i) {
                Some(slot) if codes.len() <= PAIRWISE => {
                    *slot = id;
                    short.get(..i).is_some_and(|before| before.contains(&id))
                }
                _ => !set.insert(id),
            };
            if again {
                let at = self.store.span(Str(*code)).unwrap_or_default();
                self.problems.push(
                    Problem::new(
                        Some(at),
                        format!("{} '{id}' is listed twice in `{field}`", target.word()),
                    )
                    .with_field(field),
                );
            }
        }
    }

    pub(crate) fn one(&mut self, field: &'static str, target: Kind, code: u32) -> Option<Index> {
        let id = self.store.str(Str(code));
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
                    did_you_mean(id, index.keys().copied())
                } else {
                    String::new()
                };
                let at = self.store.span(Str(code)).unwrap_or_default();
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
}
