//! What a renderer of listings and detail views is given: the options decided
//! from the command line, the records, and (table, Markdown) the layout's pieces.

use super::columns::Column;
use crate::facts::Kind;
use crate::query::ListOf;
use crate::record::{Record, Value};
use crate::search::Search;
use std::io::{self, Write};

/// How to print, decided once from the command line and the terminal.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Fields to show, in order; `None` for the format's default.
    pub fields: Option<Vec<&'static str>>,
    pub no_headers: bool,
    pub color: bool,
    /// Terminal width to fit the table to; `None` when not on a terminal.
    pub width: Option<u16>,
    pub turkish: bool,
    /// `--lang all`: a card shows the fields of both languages.
    pub both_languages: bool,
    /// The listing's `-s` search: a table shows what matched outside its columns.
    pub search: Search,
    /// The fields the listing's filters test: their columns are hidden last.
    pub tested: Vec<&'static str>,
}

/// What table, csv, tsv and markdown print: a listing's records or one detail
/// record.
pub(super) enum Shown<'r, 'a> {
    List {
        of: ListOf,
        records: &'r [Record<'a>],
    },
    Detail {
        kind: Kind,
        record: &'r Record<'a>,
    },
}

/// How a format for people (table, markdown) draws the pieces of its layout.
pub(super) trait Layout {
    /// A table of `records`, one column for each of `columns`.
    fn listing(
        &self,
        out: &mut dyn Write,
        of: ListOf,
        columns: &[Column],
        records: &[Record],
        options: &RenderOptions,
    ) -> io::Result<()>;
    /// A detail view's record, one field of `names` a row.
    fn card(
        &self,
        out: &mut dyn Write,
        kind: Kind,
        names: &[&'static str],
        record: &Record,
        options: &RenderOptions,
    ) -> io::Result<()>;
    /// What stands above a section of `count` related records.
    fn heading(
        &self,
        out: &mut dyn Write,
        section: &str,
        count: usize,
        options: &RenderOptions,
    ) -> io::Result<()>;
    /// After the last piece: what the layout has to say about the whole.
    fn finish(&self, _out: &mut dyn Write, _options: &RenderOptions) -> io::Result<()> {
        Ok(())
    }
}

/// The chosen columns of a record, as the listing shows them untranslated
/// (csv, tsv, JSON); `null` where the record has none.
pub(super) fn selected<'a>(
    of: ListOf,
    record: &Record<'a>,
    columns: &[&'static str],
) -> Record<'a> {
    let value = |name| of.value(record, name, false).cloned();
    Record {
        fields: columns
            .iter()
            .map(|&name| (name, value(name).unwrap_or(Value::Null)))
            .collect(),
    }
}
