//! Renderers: one per output format, each printing any query output of any kind
//! to any writer. Field selection and cell text are shared here.

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
mod table;
mod wrap;

use crate::facts::Kind;
use crate::query::{ListOf, Output, records, search};
use crate::record::{Record, Value, fields};
use crate::search::Search;
use columns::Column;
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

/// How a format for people (table, markdown) draws the pieces of its layout.
trait Layout {
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

/// What table, csv, tsv and markdown print: a listing's records or one detail
/// record.
enum Shown<'r, 'a> {
    List {
        of: ListOf,
        records: &'r [Record<'a>],
    },
    Detail {
        kind: Kind,
        record: &'r Record<'a>,
    },
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

/// The chosen columns of a record, as the listing shows them untranslated
/// (csv, tsv, JSON); `null` where the record has none.
fn selected<'a>(of: ListOf, record: &Record<'a>, columns: &[&'static str]) -> Record<'a> {
    let value = |name| of.value(record, name, false).cloned();
    Record {
        fields: columns
            .iter()
            .map(|&name| (name, value(name).unwrap_or(Value::Null)))
            .collect(),
    }
}

/// A value as one cell of text; lists are joined with `separator` (in a table,
/// figures one to a line, as their phrases hold commas). `turkish`: figures read
/// by their `what_tr`.
fn cell_text(value: &Value, separator: &str, turkish: bool) -> String {
    match value {
        Value::Null => String::new(),
        Value::Text(text) => (*text).to_owned(),
        Value::Number(n) => number_text(*n),
        Value::Integer(i) => i.to_string(),
        Value::List(items) if items.first().is_some_and(is_relation) => {
            let separator = if separator == ", " { "\n" } else { separator };
            relations_text(items, separator, turkish)
        }
        Value::List(items) => {
            let separator = match items.first() {
                Some(Value::Object(_)) if separator == ", " => "\n",
                _ => separator,
            };
            items
                .iter()
                .map(|v| cell_text(v, separator, turkish))
                .collect::<Vec<_>>()
                .join(separator)
        }
        Value::Object(record) => object_text(record, separator, turkish),
    }
}

/// A period of a relation (`members_history`, a partner card's `periods`).
fn is_relation(value: &Value) -> bool {
    matches!(value, Value::Object(r) if r.get("status").is_some() && r.get("until").is_some())
}

/// Relations compactly, a partner to a line: `uzbekistan 1992–1999, 2006–2012`,
/// `iran observer 2005–2023, 2023–`; a status other than the first (`member`,
/// `party`) is named. Periods without an id (one partner's) are one line. A
/// partner whose only period is undated and in the first status is a plain
/// member, which `members` already shows: it is left out.
fn relations_text<'a>(items: &[Value<'a>], separator: &str, turkish: bool) -> String {
    fn text<'a>(record: &Record<'a>, name: &str) -> Option<&'a str> {
        match record.get(name) {
            Some(Value::Text(t)) => Some(*t),
            _ => None,
        }
    }
    /// One partner's periods: its id (none for a partner card's own), then
    /// each period's status and years, in the list's order.
    type Group<'t> = (Option<&'t str>, Vec<(&'t str, String)>);
    let mut groups: Vec<Group> = Vec::new();
    for item in items {
        let Value::Object(record) = item else {
            continue;
        };
        let id = text(record, "id");
        let status = text(record, "status").unwrap_or_default();
        let status = if turkish { status_tr(status) } else { status };
        let years = period_years(text(record, "since"), text(record, "until"));
        match groups.iter_mut().find(|(g, _)| *g == id) {
            Some((_, periods)) => periods.push((status, years)),
            None => groups.push((id, vec![(status, years)])),
        }
    }
    let plain = |status: &str| matches!(status, "member" | "party" | "üye" | "taraf");
    groups
        .into_iter()
        .filter(|(id, periods)| {
            id.is_none() || periods.iter().any(|(s, y)| !plain(s) || !y.is_empty())
        })
        .map(|(id, periods)| {
            // A partner whose status changed says it for every period.
            let first = periods.first().map(|(s, _)| *s);
            let changed = periods.iter().any(|(s, _)| Some(*s) != first);
            let periods: Vec<String> = periods
                .into_iter()
                .map(
                    |(status, years)| match (changed || !plain(status), years.is_empty()) {
                        (true, false) => format!("{status} {years}"),
                        (false, false) => years,
                        // Undated: the status says it all (a partner's plain membership).
                        (_, true) => status.to_owned(),
                    },
                )
                .collect();
            let periods = periods.join(", ");
            match id {
                Some(id) => format!("{id} {periods}"),
                None => periods,
            }
        })
        .collect::<Vec<_>>()
        .join(separator)
}

/// A member's or party's status in Turkish, as the schema declares it.
pub fn status_tr(status: &str) -> &'static str {
    use crate::facts::{MemberStatus, PartyStatus};
    let member = MemberStatus::ALL.iter().find(|s| s.word() == status);
    let party = PartyStatus::ALL.iter().find(|s| s.word() == status);
    member
        .map(|s| s.word_tr())
        .or_else(|| party.map(|s| s.word_tr()))
        .unwrap_or_default()
}

/// The years of a period: `1992–1999`, `2017–` (still holds), `–1999` (since
/// the body's founding); empty when undated.
pub fn period_years(since: Option<&str>, until: Option<&str>) -> String {
    fn year(d: Option<&str>) -> &str {
        d.map_or("", |d| d.get(..4).unwrap_or(d))
    }
    match (since, until) {
        (None, None) => String::new(),
        _ => format!("{}–{}", year(since), year(until)),
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A figure as a person says it (`figure`); other objects as `key=value`.
fn object_text(record: &Record, separator: &str, turkish: bool) -> String {
    let text = |name: &str| match record.get(name) {
        Some(Value::Text(t)) => Some(*t),
        _ => None,
    };
    let value = match record.get("value") {
        Some(Value::Number(value)) => Some(*value),
        Some(Value::Integer(value)) => Some(*value as f64),
        _ => None,
    };
    if let (Some(value), Some(unit), Some(what)) = (value, text("unit"), text("what")) {
        let what = text("what_tr").filter(|_| turkish).unwrap_or(what);
        return figure::Figure {
            what,
            value,
            unit,
            qualifier: text("qualifier").and_then(|q| {
                crate::facts::Qualifier::ALL
                    .iter()
                    .copied()
                    .find(|w| w.word() == q)
            }),
        }
        .phrase(turkish);
    }
    record
        .fields
        .iter()
        .map(|(name, value)| match value {
            Value::List(items) => format!(
                "{name}={}",
                items
                    .iter()
                    .map(|item| match item {
                        Value::Object(r) => r
                            .get("id")
                            .map(|id| cell_text(id, separator, turkish))
                            .unwrap_or_default(),
                        other => cell_text(other, separator, turkish),
                    })
                    .collect::<Vec<_>>()
                    .join(separator)
            ),
            other => format!("{name}={}", cell_text(other, separator, turkish)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
