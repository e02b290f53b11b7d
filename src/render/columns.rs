//! What a table shows of each kind, declared once: the default columns in their
//! order with the rank that decides which are hidden first on a narrow terminal
//! (as kubectl's default view keeps NAME and drops the rest), how every
//! field wraps, and the headers and words of the table in each language.

use super::wrap::Wrap;
use crate::facts::{Kind, RECORDS, declare};

/// A column: its field, and how long it stays as the terminal narrows (0:
/// always shown; otherwise the lowest rank is hidden first).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub field: &'static str,
    pub rank: u8,
}

/// The rank of the snippet of what `-s` matched outside the shown columns: it
/// says why a record is listed, so it outlasts the minor columns.
pub const MATCH_RANK: u8 = 5;

/// The rank of a column the listing's filters test (`--role chair`: CHAIRED):
/// the question is about it, so it is hidden after every other.
pub const TESTED_RANK: u8 = u8::MAX;

/// The default columns of a kind with their ranks, as the schema declares them
/// (`crates/facts/src/schema.rs`: an event's id is the first to go, being looked up
/// by no command).
pub fn default_columns(kind: Kind) -> Vec<Column> {
    let decl = kind.decl();
    decl.columns
        .iter()
        .enumerate()
        .map(|(i, &field)| Column {
            field,
            rank: decl.ranks.get(i).copied().unwrap_or(0),
        })
        .collect()
}

/// How a field's cell wraps, from its declared type: words and free text wrap
/// at spaces, lists between items, everything else (ids, dates, kinds,
/// numbers, references) is an atom. A field the schema does not declare (a
/// search snippet, `related`) is free text. Rows of several kinds (`kzfp
/// search`) take the field of the first kind that declares it.
pub fn wrap_of(kind: Option<Kind>, field: &str) -> Wrap {
    let kinds = match kind {
        Some(kind) => vec![kind],
        None => vec![Kind::Event, Kind::Partner, Kind::Org, Kind::Treaty],
    };
    let Some(decl) = kinds.iter().find_map(|k| k.decl().field(field)) else {
        return Wrap::Text;
    };
    match decl.ty.shape {
        declare::Shape::Text | declare::Shape::NonBlank | declare::Shape::Table(_) => Wrap::Text,
        _ if decl.ty.list => Wrap::List,
        _ => Wrap::Atom,
    }
}

/// The header of a field's column (`--lang tr`: in Turkish, as the schema
/// declares it, or as `DERIVED` names a column no field of the file makes).
pub fn header(field: &str, turkish: bool) -> String {
    let tr = match field {
        _ if !turkish => None,
        _ => declared(field).map(|f| f.header_tr).or_else(|| {
            DERIVED
                .iter()
                .find(|(name, _)| *name == field)
                .map(|(_, tr)| *tr)
        }),
    };
    tr.map_or_else(|| field.to_uppercase(), str::to_owned)
}

/// The Turkish headers of the columns kzfp adds to a record: its related
/// records in a detail view, what `-s` matched, a partner's events.
const DERIVED: [(&str, &str); 4] = [
    ("related", "İLGİLİ"),
    // A partner card's orgs and treaties: the partner's periods in each.
    ("periods", "DÖNEMLER"),
    ("match", "EŞLEŞME"),
    ("events", "OLAYLAR"),
];

/// The first declaration of a field of that name (a name means one thing in
/// every kind: a unit test holds them to one Turkish header).
fn declared(field: &str) -> Option<&'static declare::FieldDecl> {
    RECORDS.iter().find_map(|decl| decl.field(field))
}

/// A value word of the fact file (a kind, a role, a participation) as the
/// table shows it in Turkish, from the words the schema declares for the
/// field; other text as it is.
pub fn value_word(field: &str, word: &str) -> Option<&'static str> {
    RECORDS
        .iter()
        .filter_map(|decl| decl.field(field))
        .find_map(|f| match f.ty.shape {
            declare::Shape::Word(words, words_tr) => {
                let at = words.iter().position(|w| *w == word)?;
                words_tr.get(at).copied()
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field of the same name in two kinds has one Turkish header.
    #[test]
    fn a_field_name_has_one_turkish_header() {
        for decl in RECORDS {
            for f in decl.fields {
                assert_eq!(
                    declared(f.name).map(|d| d.header_tr),
                    Some(f.header_tr),
                    "{}",
                    f.name
                );
            }
        }
    }
}
