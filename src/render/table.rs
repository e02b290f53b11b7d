//! `--format table`: comfy-table columns for people. On a terminal the table fits
//! its width and the header is bold (unless color is off); piped, it has no width
//! limit and no color. A detail view is a field/value card, then one table per
//! kind of related record.

use super::{Layout, RenderOptions, cell_text, localized};
use crate::record::{Record, Value};
use crate::text::escape_controls;
use comfy_table::{Attribute, Cell, ColumnConstraint, ContentArrangement, Table, Width, presets};
use std::io::{self, Write};

/// Aligned columns, kubectl-style.
pub(super) struct Columns;

impl Layout for Columns {
    fn listing(
        &self,
        out: &mut dyn Write,
        names: &[&'static str],
        records: &[Record],
        options: &RenderOptions,
    ) -> io::Result<()> {
        write_table(out, &listing(names, records, options))
    }

    fn card(
        &self,
        out: &mut dyn Write,
        names: &[&'static str],
        record: &Record,
        options: &RenderOptions,
    ) -> io::Result<()> {
        let mut card = new_table(options);
        for name in names {
            card.add_row(vec![
                header_cell(name, options),
                cell(localized(record, name, options)),
            ]);
        }
        pad_columns(&mut card, &["id"], options.width);
        write_table(out, &card)
    }

    fn heading(&self, out: &mut dyn Write, section: &str, count: usize) -> io::Result<()> {
        writeln!(out, "\n{} ({count})", section.to_uppercase())
    }
}

fn new_table(options: &RenderOptions) -> Table {
    let mut table = Table::new();
    table.load_style(presets::NOTHING).force_no_tty();
    if options.color {
        table.enforce_styling();
    }
    match options.width {
        Some(width) => {
            table
                .set_width(width)
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table
}

/// Fields short enough never to wrap when the table must fit the terminal:
/// the text columns (titles, names, summaries) take the wrapping instead.
const UNWRAPPED: [&str; 10] = [
    "id",
    "date",
    "kind",
    "acronym",
    "joined",
    "signed",
    "in_force",
    "chaired",
    "roles",
    "kazakhstan",
];

/// The text a listing is read for: it gets at least 30% of a narrow terminal.
const MAIN_TEXT: [&str; 4] = ["title", "title_tr", "name", "name_tr"];

/// Call after the header and rows are in: comfy-table creates columns lazily.
/// Short columns keep their content width and the main text a lower bound only
/// while that still fits the terminal; past that comfy-table wraps freely.
fn pad_columns(table: &mut Table, names: &[&str], width: Option<u16>) {
    const PADDING: u16 = 2;
    let content = table.column_max_content_widths();
    let unwrapped: u16 = names
        .iter()
        .zip(&content)
        .filter(|(name, _)| UNWRAPPED.contains(name))
        .map(|(_, w)| w + PADDING)
        .sum();
    let fits = width.is_none_or(|w| u32::from(unwrapped) * 10 <= u32::from(w) * 6);
    for (index, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, PADDING));
        let name = names.get(index).copied().unwrap_or_default();
        if fits && UNWRAPPED.contains(&name) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        } else if fits && MAIN_TEXT.contains(&name) {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Percentage(30)));
        }
    }
}

/// Columns set apart by two spaces, kubectl-style, with no padding at line ends.
fn write_table(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn header_cell(name: &str, options: &RenderOptions) -> Cell {
    let cell = Cell::new(name.to_uppercase());
    if options.color {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

fn cell(value: Option<&Value>) -> Cell {
    let text = value.map(|v| cell_text(v, ", ")).unwrap_or_default();
    Cell::new(escape_controls(&text, true))
}

fn listing(names: &[&'static str], records: &[Record], options: &RenderOptions) -> Table {
    let mut table = new_table(options);
    if !options.no_headers {
        table.set_header(names.iter().map(|n| header_cell(n, options)));
    }
    for record in records {
        table.add_row(names.iter().map(|n| cell(localized(record, n, options))));
    }
    pad_columns(&mut table, names, options.width);
    table
}
