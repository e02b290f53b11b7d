//! `--format table`: columns for people. On a terminal the table fits its width
//! (`layout`): ids, dates and header words are never split, free text and lists
//! wrap, the least important columns are hidden first (said once on stderr), and
//! a very narrow terminal gets one card per record; the header is bold unless
//! color is off. Piped, it has no width limit and no color. A detail view is a
//! field/value card, then one table per kind of related record.

use super::cell::cell_text;
use super::columns::{self, Column};
use super::layout::{CARD_INDENT, GAP, Grid, Plan, goes_under, plan};
use super::shown::{Layout, RenderOptions};
use super::wrap::{Wrap, width, wrap};
use crate::facts::Kind;
use crate::query::ListOf;
use crate::record::{Record, Value};
use crate::text::{counted, escape_controls};
use std::cell::RefCell;
use std::io::{self, Write};

/// Aligned columns, kubectl-style, fitted to the terminal; the columns its
/// width hid are said once, when the output is done.
#[derive(Default)]
pub(super) struct Columns {
    hidden: RefCell<Vec<Hidden>>,
    /// The related records a detail view's table is of, after its heading.
    section: RefCell<Option<String>>,
}

/// The columns the width hid from one table (a detail view's related records:
/// by the name of its section).
struct Hidden {
    table: Option<String>,
    fields: Vec<&'static str>,
}

impl Layout for Columns {
    fn listing(
        &self,
        out: &mut dyn Write,
        of: ListOf,
        columns: &[Column],
        records: &[Record],
        options: &RenderOptions,
    ) -> io::Result<()> {
        let grid = listing_grid(of, columns, records, options);
        let mut fields = Vec::new();
        write_grid(out, &grid, options, &mut fields)?;
        if !fields.is_empty() {
            self.hidden.borrow_mut().push(Hidden {
                table: self.section.borrow().clone(),
                fields,
            });
        }
        Ok(())
    }

    /// The record's fields but the empty ones (unless asked for with --fields),
    /// in the table's language: a Turkish twin shown in place of its English
    /// field, or left out in English (`--lang all`: both).
    fn card(
        &self,
        out: &mut dyn Write,
        kind: Kind,
        names: &[&'static str],
        record: &Record,
        options: &RenderOptions,
    ) -> io::Result<()> {
        let chosen = options.fields.is_some();
        let names: Vec<&str> = names
            .iter()
            .copied()
            .filter(|name| chosen || options.both_languages || !is_twin(kind, name))
            .collect();
        let columns: Vec<Column> = names
            .iter()
            .map(|&field| Column { field, rank: 0 })
            .collect();
        let of = ListOf::Kind(kind);
        let grid = listing_grid(of, &columns, std::slice::from_ref(record), options);
        let cells = grid.rows.first().map(Vec::as_slice).unwrap_or_default();
        let shown: Vec<usize> = (0..names.len())
            .filter(|&c| chosen || cells.get(c).is_some_and(|cell| !cell.is_empty()))
            .collect();
        write_cards(out, &grid, &shown, options, chosen)
    }
    fn heading(
        &self,
        out: &mut dyn Write,
        section: &str,
        count: usize,
        options: &RenderOptions,
    ) -> io::Result<()> {
        *self.section.borrow_mut() = Some(section.to_owned());
        writeln!(
            out,
            "\n{} ({count})",
            columns::header(section, options.turkish)
        )
    }

    fn finish(&self, out: &mut dyn Write, options: &RenderOptions) -> io::Result<()> {
        // After the table, where the prompt returns: the note must not scroll away.
        out.flush()?;
        note_hidden(&self.hidden.borrow(), options.width);
        Ok(())
    }
}

/// The notes on stderr that say what the terminal's width left out, one a
/// table, wrapped to that width like the table. They name the fields as
/// `--fields` takes them, whatever the table's language.
fn note_hidden(hidden: &[Hidden], terminal: Option<u16>) {
    let columns = terminal.map_or(usize::MAX, usize::from);
    for table in hidden {
        let mut fields: Vec<&str> = Vec::new();
        for field in &table.fields {
            if !fields.contains(field) {
                fields.push(field);
            }
        }
        for line in wrap(
            &hidden_note(table.table.as_deref(), &fields),
            Wrap::Text,
            columns,
        ) {
            crate::stderr_line!("{line}");
        }
    }
}

/// One table's note. A listing's columns come back with `--fields`; a detail
/// view's related records with a wider terminal (`--fields` chooses the card's);
/// what `-s` matched (the MATCH column, no field) with a wider terminal.
fn hidden_note(table: Option<&str>, fields: &[&str]) -> String {
    let matched = fields.contains(&"match");
    let fields: Vec<&str> = fields.iter().copied().filter(|f| *f != "match").collect();
    let mut says = Vec::new();
    if !fields.is_empty() {
        let it = if fields.len() == 1 { "it" } else { "them" };
        let by = if table.is_some() { "" } else { "--fields or " };
        says.push(format!(
            "{} hidden ({}): {by}a wider terminal shows {it}",
            counted(fields.len(), "column", "columns"),
            fields.join(", ")
        ));
    }
    if matched {
        says.push("what -s matched (MATCH) is hidden: a wider terminal shows it".to_owned());
    }
    let says = says.join("; ");
    match table {
        Some(table) => format!("{table}: {says}"),
        None => says,
    }
}

/// A listing's text, column by column: headers in the table's language, each
/// column's wrap from the schema and its rank from the layout's declaration.
fn listing_grid(
    of: ListOf,
    columns: &[Column],
    records: &[Record],
    options: &RenderOptions,
) -> Grid {
    Grid {
        fields: columns.iter().map(|c| c.field).collect(),
        headers: columns
            .iter()
            .map(|c| columns::header(c.field, options.turkish))
            .collect(),
        wraps: columns
            .iter()
            .map(|c| columns::wrap_of(of.kind(), c.field))
            .collect(),
        ranks: columns.iter().map(|c| c.rank).collect(),
        rows: records
            .iter()
            .map(|record| {
                columns
                    .iter()
                    .map(|c| cell(of, record, c.field, options))
                    .collect()
            })
            .collect(),
    }
}

/// Prints a grid as columns or as cards; the fields of hidden columns are added
/// to `hidden`.
fn write_grid(
    out: &mut dyn Write,
    grid: &Grid,
    options: &RenderOptions,
    hidden: &mut Vec<&'static str>,
) -> io::Result<()> {
    let plan = match options.width {
        Some(terminal) => plan(grid, usize::from(terminal)),
        // Piped: every column as wide as its widest line, nothing wrapped.
        None => Plan::Columns {
            shown: (0..grid.headers.len()).collect(),
            widths: (0..grid.headers.len())
                .map(|c| grid.column_want(c))
                .collect(),
        },
    };
    let wraps = options.width.is_some();
    match plan {
        Plan::Columns { shown, widths } => {
            note_hidden_columns(grid, &shown, hidden);
            if !options.no_headers {
                let headers: Vec<&str> = shown
                    .iter()
                    .map(|&c| grid.headers.get(c).map_or("", String::as_str))
                    .collect();
                write_row(out, grid, &shown, &widths, wraps, &headers, options.color)?;
            }
            for row in &grid.rows {
                // On a terminal an empty cell is marked, so that a row whose
                // first cell is empty does not read as the wrapped line of the
                // row above it.
                let cells: Vec<&str> = shown
                    .iter()
                    .map(|&c| match row.get(c).map_or("", String::as_str) {
                        "" if wraps => EMPTY,
                        cell => cell,
                    })
                    .collect();
                write_row(out, grid, &shown, &widths, wraps, &cells, false)?;
            }
            Ok(())
        }
        Plan::Cards { shown } => {
            note_hidden_columns(grid, &shown, hidden);
            write_cards(out, grid, &shown, options, false)
        }
    }
}

/// Each row of the grid as a card of its `shown` fields, a blank line between
/// cards; an empty field is left out unless `keep_empty`. Piped, values are not
/// wrapped.
fn write_cards(
    out: &mut dyn Write,
    grid: &Grid,
    shown: &[usize],
    options: &RenderOptions,
    keep_empty: bool,
) -> io::Result<()> {
    let terminal = options.width.map_or(usize::MAX, usize::from);
    let (label, value) = match options.width {
        Some(_) => grid.card_widths(shown, terminal),
        None => (grid.card_widths(shown, 0).0, usize::MAX),
    };
    for (index, row) in grid.rows.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        for &column in shown {
            let (Some(header), Some(cell)) = (grid.headers.get(column), row.get(column)) else {
                continue;
            };
            if keep_empty || !cell.is_empty() {
                let field = CardField {
                    label: header,
                    cell,
                    how: grid.wrap_of(column),
                };
                field.write(out, label, value, terminal, options.color)?;
            }
        }
    }
    Ok(())
}

/// Adds the fields of the columns not shown to `hidden`.
fn note_hidden_columns(grid: &Grid, shown: &[usize], hidden: &mut Vec<&'static str>) {
    for (column, field) in grid.fields.iter().enumerate() {
        if !shown.contains(&column) {
            hidden.push(field);
        }
    }
}

/// What an empty cell shows on a terminal (`ps` and `docker` mark it so).
const EMPTY: &str = "-";

/// One record (or the header) as screen lines: each cell wrapped to its column
/// (when `wraps`: on a terminal), padded to the column's width.
fn write_row(
    out: &mut dyn Write,
    grid: &Grid,
    shown: &[usize],
    widths: &[usize],
    wraps: bool,
    cells: &[&str],
    bold: bool,
) -> io::Result<()> {
    let wrapped: Vec<Vec<String>> = shown
        .iter()
        .zip(widths)
        .zip(cells)
        .map(|((&column, &w), cell)| {
            let how = if bold {
                Wrap::Text
            } else {
                grid.wrap_of(column)
            };
            if wraps {
                wrap(cell, how, w)
            } else {
                cell.split('\n').map(str::to_owned).collect()
            }
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let last = shown.len().saturating_sub(1);
    let mut line = String::new();
    for index in 0..height {
        line.clear();
        for (at, (lines, &w)) in wrapped.iter().zip(widths).enumerate() {
            let text = lines.get(index).map_or("", String::as_str);
            if bold && !text.is_empty() {
                line.push_str("\u{1b}[1m");
                line.push_str(text);
                line.push_str("\u{1b}[0m");
            } else {
                line.push_str(text);
            }
            if at < last {
                let pad = w.saturating_sub(width(text)) + GAP;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// One field of a card: `LABEL  value`, the value wrapped under itself, or
/// under the label when an atom would be cut beside it.
struct CardField<'c> {
    label: &'c str,
    cell: &'c str,
    how: Wrap,
}

impl CardField<'_> {
    fn write(
        &self,
        out: &mut dyn Write,
        label_width: usize,
        value_width: usize,
        terminal: usize,
        bold: bool,
    ) -> io::Result<()> {
        let label = if bold {
            format!("\u{1b}[1m{}\u{1b}[0m", self.label)
        } else {
            self.label.to_owned()
        };
        if value_width != usize::MAX && goes_under(self.cell, self.how, value_width) {
            writeln!(out, "{label}")?;
            let indent = " ".repeat(CARD_INDENT);
            let under = terminal.saturating_sub(CARD_INDENT).max(1);
            for text in wrap(self.cell, self.how, under) {
                write_led(out, &indent, &text)?;
            }
            return Ok(());
        }
        let lines = if value_width == usize::MAX {
            self.cell.split('\n').map(str::to_owned).collect()
        } else {
            wrap(self.cell, self.how, value_width)
        };
        let pad = " ".repeat(label_width.saturating_sub(width(self.label)) + GAP);
        let indent = " ".repeat(label_width + GAP);
        let first = format!("{label}{pad}");
        for (index, text) in lines.iter().enumerate() {
            write_led(out, if index == 0 { &first } else { &indent }, text)?;
        }
        Ok(())
    }
}

/// One screen line of a card: its lead (label or indent), then the text.
fn write_led(out: &mut dyn Write, lead: &str, text: &str) -> io::Result<()> {
    match text.trim_end() {
        "" => writeln!(out, "{}", lead.trim_end()),
        text => writeln!(out, "{lead}{text}"),
    }
}

/// A field's Turkish twin (the schema's `NAME_tr`), which a Turkish card
/// shows in place of `NAME` and an English one leaves out.
fn is_twin(kind: Kind, name: &str) -> bool {
    name.strip_suffix("_tr")
        .is_some_and(|base| kind.decl().field(base).is_some())
}

/// A field of a record as the table shows it, controls escaped.
fn cell(of: ListOf, record: &Record, name: &str, options: &RenderOptions) -> String {
    let value = of.value(record, name, options.turkish);
    let text = match value {
        Some(value) if options.turkish => turkish_words(name, value),
        Some(value) => cell_text(value, ", ", false),
        None => String::new(),
    };
    // A cell can be 60 MB: copied again only when it holds a control.
    match escape_controls(&text, true) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// Kinds, roles and participation in Turkish; figures by their `what_tr`.
fn turkish_words(name: &str, value: &Value) -> String {
    let word = |v: &Value| match v {
        Value::Text(text) => {
            columns::value_word(name, text).map_or_else(|| cell_text(v, ", ", true), str::to_owned)
        }
        other => cell_text(other, ", ", true),
    };
    match value {
        Value::List(items) if !matches!(items.first(), Some(Value::Object(_))) => {
            items.iter().map(word).collect::<Vec<_>>().join(", ")
        }
        other => word(other),
    }
}
