//! The workers' parts joined into one base, in the order of the file.

use super::builder::{Filled, Part};
use super::parallel::span_of;
use crate::problem::Problem;
use crate::scan::{Chunk, Header};
use crate::store::{Arenas, Shift};
use crate::{Country, Kind, Org, Partner, SCHEMA_VERSION, Treaty};

pub(super) type Assembled = (
    Country,
    Vec<Partner>,
    Vec<Org>,
    Vec<Treaty>,
    Vec<Filled>,
    Arenas,
);

/// What the document-level rules need to know of the chunks.
pub(super) struct Layout {
    pub(super) file_start: usize,
    /// The kinds given as `[[kind]]` tables.
    pub(super) arrays: Vec<Kind>,
}

impl Layout {
    pub(super) fn of(chunks: &[Chunk]) -> Layout {
        let given = |kind: Kind| chunks.iter().any(|c| c.header == Header::Array(kind));
        Layout {
            file_start: span_of(chunks).start,
            arrays: Kind::ALL.into_iter().filter(|k| given(*k)).collect(),
        }
    }
}

/// Joins the workers' parts in file order and checks the document-level rules.
pub(super) fn assemble(
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
        let records = part.records;
        schema.extend(records.schema);
        countries.extend(records.countries);
        partners.extend(records.partners);
        orgs.extend(records.orgs);
        treaties.extend(records.treaties);
        fills.push(records.events.into_fill());
        inline_kinds.extend(records.inline_kinds);
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
    let part = &mut part.records;
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
