//! What a declaration of the schema says, as the crate and its renderers read it:
//! a field's shape, type, role and Turkish header (`FieldDecl`), a table's fields
//! and columns (`TableDecl`), how a record hands its values on (`Sink`, `Shown`),
//! and an inline table a field lists (`Table`). `declare.rs`' macros make them from
//! `schema.rs`.

use crate::builder::Builder;
use crate::figure::{Amount, Figure};
use crate::kind::{Index, Kind};
use crate::store::{Relation, Store};
use crate::string::Str;
use crate::value::Fields;

/// What a field holds, as the JSON Schema and the docs tell it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Text,
    /// A string with some non-blank character.
    NonBlank,
    /// A lowercase ASCII slug.
    Slug,
    /// A date or interval, as a string or a TOML local date.
    Date,
    /// One of these words (in the fact file and JSON), with each one's Turkish
    /// (the table under `--lang tr`).
    Word(&'static [&'static str], &'static [&'static str]),
    /// The id of a record of that kind.
    Ref(Kind),
    /// A whole number from 0 to 2^32 - 1.
    Count,
    /// An integer or a float.
    Number,
    /// An inline table with these fields.
    Table(&'static [FieldDecl]),
    /// A partner id, or an inline table with these fields (one period of a
    /// relation: `id`, `status`, `since`, `until`).
    Relation(&'static [FieldDecl]),
    /// Not in the file: what the output derives from the field before it.
    Derived,
}

/// A field's type: its shape, one value or a list of them, whether it must be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Type {
    pub shape: Shape,
    pub list: bool,
    pub required: bool,
}

impl Type {
    pub const fn one(shape: Shape) -> Type {
        Type {
            shape,
            list: false,
            required: true,
        }
    }

    pub const fn optional(shape: Shape) -> Type {
        Type {
            shape,
            list: false,
            required: false,
        }
    }

    pub const fn list(shape: Shape) -> Type {
        Type {
            shape,
            list: true,
            required: false,
        }
    }
}

/// One declared field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldDecl {
    pub name: &'static str,
    pub ty: Type,
    pub doc: &'static str,
    /// The header of its column under `--lang tr`.
    pub header_tr: &'static str,
    pub role: Option<FieldRole>,
}

/// What a field is to kzfp besides its type (`#[role = Name]` in schema.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRole {
    /// Another name the record answers to (aliases, an acronym).
    Alias,
    /// The record's name in English, in a listing and in a search (a name, a title).
    Name,
    /// The same in Turkish.
    NameTr,
    /// The date a listing of its kind is ordered by (an event's date, a signing, a joining).
    Date,
}

/// One declared table: a kind of record (`[[treaty]]`, `[country]`) or a
/// figure's inline table.
#[derive(Clone, Copy, Debug)]
pub struct TableDecl {
    /// The word of the fact file (`treaty`).
    pub word: &'static str,
    pub doc: &'static str,
    pub fields: &'static [FieldDecl],
    pub names: &'static [&'static str],
    /// The fields a table of this kind shows when `--fields` is not given.
    pub columns: &'static [&'static str],
    /// Each column's rank (`[id, kind / 3]`): on a narrow terminal the lowest
    /// rank above 0 is hidden first; 0 (the default) is never hidden.
    pub ranks: &'static [u8],
}

impl TableDecl {
    pub fn field(&self, name: &str) -> Option<&'static FieldDecl> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Where the values of a record go to become something else: `record.rs` makes
/// renderers' records of them. Each call is one field, in the schema's order.
pub trait Sink {
    fn text(&mut self, name: &'static str, value: Option<Str>);
    fn word(&mut self, name: &'static str, value: Option<&'static str>);
    fn words(&mut self, name: &'static str, words: impl Iterator<Item = &'static str>);
    fn texts(&mut self, name: &'static str, texts: impl Iterator<Item = Str>);
    fn number(&mut self, name: &'static str, value: f64);
    /// A figure's number; as a double unless the sink keeps integers whole.
    fn amount(&mut self, name: &'static str, value: Amount) {
        self.number(name, value.as_f64());
    }
    fn numbers(&mut self, name: &'static str, values: &[u32]);
    fn reference(&mut self, name: &'static str, target: Kind, index: Option<Index>);
    fn refs(&mut self, name: &'static str, target: Kind, list: &[Index]);
    /// A relation list (`members`) and, after it, its history (`members_history`);
    /// `statuses`: the field's words (the first the default) and those its own
    /// list counts.
    fn relations(
        &mut self,
        name: &'static str,
        target: Kind,
        statuses: (&'static [&'static str], &'static [&'static str]),
        list: &[Relation],
    );
    fn figures(&mut self, name: &'static str, figures: &[Figure]);
}

/// A declared table's values, field by field.
pub trait Shown {
    fn show<S: Sink>(&self, store: &Store, sink: &mut S);
}

/// An inline table a field holds a list of (a figure): its declaration, and how
/// it is built from its TOML fields.
pub trait Table: Shown + Sized {
    const DECL: TableDecl;
    fn build(b: &mut Builder, fields: &mut Fields, at: std::ops::Range<usize>) -> Self;
}
