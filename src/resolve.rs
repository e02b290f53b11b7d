//! ID resolution: what users type (`rusya`, `RU`, `Türkiye`, `sco`) to the record
//! they mean, by id, alias, acronym or name in either language, ignoring case and
//! diacritics; and the `did you mean …?` hint when nothing matches.

use crate::facts::{FactBase, Index, Kind};
use crate::text::fold;

/// An id that names no record of its kind.
#[derive(Debug)]
pub struct UnknownId {
    pub kind: Kind,
    pub given: String,
    pub hint: String,
}

impl std::fmt::Display for UnknownId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no {} {}{}",
            self.kind.word(),
            crate::text::quote_arg(&self.given),
            self.hint
        )
    }
}

impl std::error::Error for UnknownId {}

/// The record of `kind` that `given` names.
pub fn resolve(base: &FactBase, kind: Kind, given: &str) -> Result<Index, UnknownId> {
    let wanted = fold(given.trim());
    let count = base.count(kind) as Index;
    // An exact id wins over any alias or name that happens to fold the same.
    for index in 0..count {
        if base
            .meta(kind, index)
            .is_some_and(|m| base.str(m.id) == given)
        {
            return Ok(index);
        }
    }
    if !wanted.is_empty() {
        for index in 0..count {
            if keys(base, kind, index).any(|key| fold(key) == wanted) {
                return Ok(index);
            }
        }
    }
    let ids = (0..count).filter_map(|i| base.meta(kind, i).map(|m| base.str(m.id)));
    Err(UnknownId {
        kind,
        given: given.to_owned(),
        hint: did_you_mean(&wanted, ids),
    })
}

/// Every string a record answers to.
pub fn keys(base: &FactBase, kind: Kind, index: Index) -> impl Iterator<Item = &str> + '_ {
    let meta = base.meta(kind, index);
    let id = meta.map(|m| base.str(m.id));
    let aliases = meta
        .into_iter()
        .flat_map(|m| base.strs(base.list(m.aliases)));
    let names = base.names(kind, index).into_iter().map(|n| base.str(n));
    id.into_iter().chain(aliases).chain(names)
}

/// `; did you mean 'x'?` (or `'x' or 'y'`) for the closest candidates, or "".
pub fn did_you_mean<'a>(given: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let given = fold(given);
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| (strsim::jaro_winkler(&given, &fold(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    let names: Vec<String> = scored
        .iter()
        .take(3)
        .map(|(_, c)| format!("'{c}'"))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [init @ .., last] => format!("; did you mean {} or {last}?", init.join(", ")),
    }
}
