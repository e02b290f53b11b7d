//! Renderers: one per output format, each printing any query output of any kind
//! to any writer; what they are given is in `shown`, cell text in `cell`.

mod cell;
mod columns;
mod delimited;
mod figure;
pub mod graph;
pub mod jq;
mod json;
mod layout;
mod markdown;
pub mod problems;
pub mod schema;
mod shown;
mod table;
mod wrap;

use crate::facts::Kind;
use crate::query::{ListOf, Output, records, search};
use crate::record::{Record, Value, fields};
use columns::Column;
pub use shown::RenderOptions;
use shown::{Layout, Shown};
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for people (the default)
    Table,
    /// One pretty-printed JSON array (one object for a detail view)
    Json,
    /// One compact JSON record per line
    Jsonl,
    /// RFC 4180 CSV with a header row
    Csv,
    /// Tab-separated values with a header row
    Tsv,
    /// GitHub-flavoured Markdown tables, to paste into a report
    #[value(alias = "md")]
    Markdown,
}

pub fn render(
    out: &mut dyn Write,
    output: &Output,
    format: Format,
    options: &RenderOptions,
) -> io::Result<()> {
    match format {
        Format::Json => return json::render(out, output, options, true),
        Format::Jsonl => return json::render(out, output, options, false),
        _ => {}
    }
    // Tables, csv/tsv and Markdown need every row in hand (column widths, one writer):
    // a lazy listing is built here, once, for all of them.
    let built;
    let shown = match output {
        Output::List { of, records } => Shown::List { of: *of, records },
        Output::Lazy {
            kind,
            base,
            indexes,
        } => {
            built = records(base, *kind, indexes.iter().copied());
            Shown::List {
                of: ListOf::Kind(*kind),
                records: &built,
            }
        }
        Output::Detail { kind, record } => Shown::Detail {
            kind: *kind,
            record,
        },
    };
    match format {
        Format::Csv => delimited::render(out, &shown, options, b','),
        Format::Tsv => delimited::render(out, &shown, options, b'\t'),
        Format::Markdown => for_people(&markdown::Gfm, out, &shown, options),
        _ => for_people(&table::Columns::default(), out, &shown, options),
    }
}

/// Table and markdown: a listing searched with `-s` gets a `match` column when
/// the search matched outside the shown columns.
fn for_people(
    layout: &impl Layout,
    out: &mut dyn Write,
    shown: &Shown,
    options: &RenderOptions,
) -> io::Result<()> {
    match shown {
        Shown::List { of, records } if !options.search.is_empty() => {
            let mut columns = listing_columns(*of, options);
            let is_shown = |field: &str| {
                let turkish = options.turkish;
                columns.iter().any(|c| of.shows(c.field, field, turkish))
            };
            let snippets: Vec<String> = records
                .iter()
                .map(|r| options.search.snippet(r, is_shown))
                .collect();
            if snippets.iter().all(String::is_empty) {
                return lay_out(layout, out, shown, options);
            }
            let rows = with_match(records, &snippets);
            columns.push(Column {
                field: "match",
                rank: columns::MATCH_RANK,
            });
            layout.listing(out, *of, &columns, &rows, options)?;
            layout.finish(out, options)
        }
        _ => lay_out(layout, out, shown, options),
    }
}

/// The records with their snippet as one more field, `match`, for the table.
fn with_match<'s>(records: &[Record<'s>], snippets: &'s [String]) -> Vec<Record<'s>> {
    records
        .iter()
        .zip(snippets)
        .map(|(record, snippet)| {
            let mut row = record.clone();
            row.fields.push(("match", Value::Text(snippet)));
            row
        })
        .collect()
}

/// The layout the formats for people share: a listing is one table (nothing
/// when empty); a detail view is its card, then a headed table per kind of
/// related record, in the table format's columns.
fn lay_out(
    layout: &impl Layout,
    out: &mut dyn Write,
    shown: &Shown,
    options: &RenderOptions,
) -> io::Result<()> {
    match shown {
        Shown::List { records: [], .. } => {}
        Shown::List { of, records } => {
            let columns = listing_columns(*of, options);
            layout.listing(out, *of, &columns, records, options)?;
        }
        Shown::Detail { kind, record } => {
            layout.card(out, *kind, &card_fields(*kind, options), record, options)?;
            let section_options = RenderOptions {
                fields: None,
                ..options.clone()
            };
            for section in sections(record, options) {
                layout.heading(out, section.name, section.rows.len(), options)?;
                let mut columns = columns::default_columns(section.kind);
                // A partner's card: its periods in each org and treaty.
                let periods = crate::query::partner::PERIODS;
                if section.rows.iter().any(|r| r.get(periods).is_some()) {
                    columns.push(Column {
                        field: periods,
                        rank: 6,
                    });
                }
                let of = ListOf::Kind(section.kind);
                layout.listing(out, of, &columns, &section.rows, &section_options)?;
            }
        }
    }
    layout.finish(out, options)
}

/// The columns of a listing: `--fields` (none of them ever hidden), else the
/// kind's default columns with their ranks, those its filters test ranked
/// first; a listing of every kind's are `search::COLUMNS`, never hidden.
fn listing_columns(of: ListOf, options: &RenderOptions) -> Vec<Column> {
    let unranked = |names: &[&'static str]| {
        names
            .iter()
            .map(|&field| Column { field, rank: 0 })
            .collect()
    };
    match (&options.fields, of) {
        (Some(names), _) => unranked(names),
        (None, ListOf::Every) => unranked(&search::COLUMNS),
        (None, ListOf::Kind(kind)) => columns::default_columns(kind)
            .into_iter()
            .map(|column| match column.rank {
                0 => column,
                _ if options.tested.contains(&column.field) => Column {
                    rank: columns::TESTED_RANK,
                    ..column
                },
                _ => column,
            })
            .collect(),
    }
}

/// The fields of a detail view's card: `--fields` but `related`, else every field.
fn card_fields(kind: Kind, options: &RenderOptions) -> Vec<&'static str> {
    match &options.fields {
        Some(names) => names.iter().copied().filter(|n| *n != "related").collect(),
        None => fields(kind).to_vec(),
    }
}

/// One kind of record related to a detail view's record, as listed under its card.
struct Section<'a> {
    /// `events`, `treaties`, `orgs` or `partners`.
    name: &'static str,
    kind: Kind,
    rows: Vec<Record<'a>>,
}

/// The related records a detail view lists under its card, each kind that has
/// any; none when `--fields` leaves out `related`.
fn sections<'a>(record: &Record<'a>, options: &RenderOptions) -> Vec<Section<'a>> {
    let shown = options
        .fields
        .as_ref()
        .is_none_or(|f| f.contains(&"related"));
    let Some(Value::Object(related)) = record.get("related").filter(|_| shown) else {
        return Vec::new();
    };
    related
        .fields
        .iter()
        .filter_map(|(name, value)| {
            let Value::List(items) = value else {
                return None;
            };
            let rows: Vec<Record> = items
                .iter()
                .filter_map(|v| match v {
                    Value::Object(r) => Some(r.clone()),
                    _ => None,
                })
                .collect();
            let kind = match *name {
                "events" => Kind::Event,
                "treaties" => Kind::Treaty,
                "orgs" => Kind::Org,
                _ => Kind::Partner,
            };
            (!rows.is_empty()).then_some(Section { name, kind, rows })
        })
        .collect()
}
