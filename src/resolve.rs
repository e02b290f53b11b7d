//! ID resolution: what users type (`rusya`, `RU`, `Türkiye`, `sco`) to the record
//! they mean, by id, alias, acronym or name in either language, ignoring case and
//! diacritics; and the `did you mean …?` hint when nothing matches.

use crate::facts::{FactBase, Index, Kind};
use crate::search::Phrase;
pub use crate::text::did_you_mean;
use crate::text::fold;

/// An id that names no record of its kind.
#[derive(Debug)]
pub struct UnknownId {
    pub kind: Kind,
    pub given: String,
    pub hint: String,
    /// The records a name fits when it fits several: `id  name` each.
    pub candidates: Vec<String>,
}

impl std::fmt::Display for UnknownId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let given = crate::text::quote_arg(&self.given);
        match self.candidates.as_slice() {
            [] => write!(f, "no {} {given}{}", self.kind.word(), self.hint),
            candidates => {
                let mut shown = candidates.iter().take(CANDIDATES_SHOWN);
                let more = candidates.len().saturating_sub(CANDIDATES_SHOWN);
                write!(
                    f,
                    "{given} could be any of {} {}; give more of the name, or an id:",
                    candidates.len(),
                    self.kind.plural()
                )?;
                shown.try_for_each(|line| write!(f, "\n  {line}"))?;
                if more > 0 {
                    write!(f, "\n  and {more} more")?;
                }
                match self.hint.strip_prefix("; ") {
                    Some(hint) => write!(f, "\n{hint}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// How many candidates an ambiguous name lists.
const CANDIDATES_SHOWN: usize = 6;

impl std::error::Error for UnknownId {}

/// The record of `kind` that `given` names: its id; else an alias, acronym or
/// name in either language, ignoring case, diacritics and spelling variants;
/// else the one record with a name (or id) whose words `given` starts
/// (`shanghai coop`, `şanghay`). Several such records are an error naming them.
pub fn resolve(base: &FactBase, kind: Kind, given: &str) -> Result<Index, UnknownId> {
    let error = |hint: String, candidates: Vec<String>| UnknownId {
        kind,
        given: given.to_owned(),
        hint,
        candidates,
    };
    match lookup(base, kind, given) {
        Lookup::One(index) => Ok(index),
        Lookup::Many(found) => Err(error(
            filter_hint(base, kind, given).unwrap_or_default(),
            candidates(base, kind, &found),
        )),
        Lookup::None => Err(error(not_found_hint(base, kind, given), Vec::new())),
    }
}

enum Lookup {
    One(Index),
    Many(Vec<Index>),
    None,
}

fn lookup(base: &FactBase, kind: Kind, given: &str) -> Lookup {
    let count = base.count(kind) as Index;
    let all = || 0..count;
    // An exact id wins over any alias or name that happens to fold the same.
    if let Some(index) =
        all().find(|i| base.meta(kind, *i).is_some_and(|m| base.str(m.id) == given))
    {
        return Lookup::One(index);
    }
    let wanted = fold(given.trim());
    if wanted.is_empty() {
        return Lookup::None;
    }
    if let Some(index) = all().find(|i| base.keys(kind, *i).any(|key| fold(key) == wanted)) {
        return Lookup::One(index);
    }
    let phrase = Phrase::new(given);
    if let Some(index) = all().find(|i| base.keys(kind, *i).any(|key| phrase.is(key))) {
        return Lookup::One(index);
    }
    if is_country(base, given) {
        return Lookup::None;
    }
    let starting: Vec<Index> = all()
        .filter(|i| base.keys(kind, *i).any(|key| phrase.starts_words_of(key)))
        .collect();
    match starting.as_slice() {
        [] => Lookup::None,
        [one] => Lookup::One(*one),
        _ => Lookup::Many(starting),
    }
}

/// True when `given` names the file's own country (its id, an alias or a name).
fn is_country(base: &FactBase, given: &str) -> bool {
    let country = &base.country;
    let phrase = Phrase::new(given);
    let id = std::iter::once(base.str(country.meta.id));
    let aliases = base.strs(base.list(country.meta.aliases));
    let names = [country.name, country.name_tr].map(|n| base.str(n));
    id.chain(aliases).chain(names).any(|key| phrase.is(key))
}

/// `sco  Shanghai Cooperation Organisation`, a line a candidate.
fn candidates(base: &FactBase, kind: Kind, found: &[Index]) -> Vec<String> {
    let ids: Vec<&str> = found
        .iter()
        .filter_map(|i| base.meta(kind, *i).map(|m| base.str(m.id)))
        .collect();
    let width = ids.iter().map(|id| id.chars().count()).max().unwrap_or(0);
    ids.iter()
        .zip(found)
        .map(|(id, i)| format!("{id:width$}  {}", base.display_name(kind, *i, false)))
        .collect()
}

/// A listing's filter that `given` fits better than an ID: `kzfp treaty china`
/// means the treaties with China (`--partner china`), `kzfp treaty 1992` those
/// signed in 1992.
fn filter_hint(base: &FactBase, kind: Kind, given: &str) -> Option<String> {
    let command = kind.word();
    if matches!(kind, Kind::Org | Kind::Treaty) && crate::facts::date::parse_single(given).is_ok() {
        let date = crate::text::shorten(given);
        return Some(format!(
            "; for the {} of {date}, filter by date: kzfp {command} --from {date} --to {date}",
            kind.plural()
        ));
    }
    let by = match kind {
        Kind::Treaty => [(Kind::Partner, "--partner"), (Kind::Org, "--org")].as_slice(),
        _ => &[],
    };
    by.iter()
        .find_map(|&(other, flag)| match lookup(base, other, given) {
            Lookup::One(index) => {
                let id = base.meta(other, index).map_or("", |m| base.str(m.id));
                Some(format!(
                    "; for the {} of {} {}, filter by it: kzfp {command} {flag} {id}",
                    kind.plural(),
                    other.word(),
                    base.display_name(other, index, false)
                ))
            }
            _ => None,
        })
}

/// Where else `given` is: the file's own country, a filter of the listing, a
/// record of another kind, or the closest ids and names.
fn not_found_hint(base: &FactBase, kind: Kind, given: &str) -> String {
    let country = &base.country;
    if is_country(base, given) {
        return format!(
            ": {} is the country this fact file is about, not one of its {}s; every \
             command lists its foreign policy (kzfp timeline, kzfp partner)",
            base.str(country.name),
            kind.word()
        );
    }
    if let Some(hint) = filter_hint(base, kind, given) {
        return hint;
    }
    for other in [Kind::Partner, Kind::Org, Kind::Treaty] {
        if other == kind {
            continue;
        }
        if let Lookup::One(index) = lookup(base, other, given) {
            let id = base.meta(other, index).map_or("", |m| base.str(m.id));
            let article = if other == Kind::Org { "an" } else { "a" };
            return format!(
                "; {} is {article} {}: kzfp {} {id}",
                crate::text::quote_arg(given),
                other.word(),
                other.word()
            );
        }
    }
    let count = base.count(kind) as Index;
    let ids = (0..count).filter_map(|i| base.meta(kind, i).map(|m| base.str(m.id)));
    let by_id = did_you_mean(given, ids);
    // `shangai`: the ids that look like it (`shanghai-five`), then the records
    // with a word of a name that does (`sco`, the Shanghai Cooperation Organisation).
    let named = named_like(base, kind, given, &by_id);
    match (by_id.is_empty(), named.is_empty()) {
        (true, true) => {
            let all = (0..count).flat_map(|i| base.keys(kind, i));
            did_you_mean(given, all)
        }
        (_, true) => by_id,
        (true, false) => format!("; did you mean {}?", or_list(&named)),
        (false, false) => {
            let by_id = by_id
                .trim_start_matches("; did you mean ")
                .trim_end_matches('?');
            format!("; did you mean {by_id}, or {}?", or_list(&named))
        }
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Records whose id does not look like `given` but a word of a name does, as
/// `'id' (name)`: at most three, none of those `by_id` suggests already.
fn named_like(base: &FactBase, kind: Kind, given: &str, by_id: &str) -> Vec<String> {
    let given = given.trim();
    if given.chars().count() < 4 {
        return Vec::new();
    }
    let close = |word: &str| crate::text::is_close_word(given, word);
    (0..base.count(kind) as Index)
        .filter(|&i| {
            let id = base.meta(kind, i).map_or("", |m| base.str(m.id));
            !by_id.contains(&format!("'{id}'"))
                && !id.split('-').any(close)
                && !close(id)
                && base
                    .names(kind, i)
                    .into_iter()
                    .any(|n| base.str(n).split_whitespace().any(close))
        })
        .take(3)
        .filter_map(|i| {
            let id = base.meta(kind, i).map(|m| base.str(m.id))?;
            Some(format!("'{id}' ({})", base.display_name(kind, i, false)))
        })
        .collect()
}
