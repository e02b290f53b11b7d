//! `--format table`: comfy-table columns for people. On a terminal the table fits
//! its width and the header is bold (unless color is off); piped, it has no width
//! limit and no color. A detail view is a field/value card, then one table per
//! kind of related record.

use super::{RenderOptions, Shown, cell_text, default_columns, selected};
use crate::facts::Kind;
use crate::record::{Record, Value, fields};
use crate::text::escape_controls;
use comfy_table::{Attribute, Cell, ColumnConstraint, ContentArrangement, Table, Width, presets};
use std::io::{self, Write};

pub(super) fn render(
    out: &mut dyn Write,
    shown: &Shown,
    options: &RenderOptions,
) -> io::Result<()> {
    match shown {
        Shown::List { kind, records } => {
            let names = columns(*kind, options);
            if !records.is_empty() {
                write_table(out, &listing(&names, records, options))?;
            }
            Ok(())
        }
        Shown::Detail { kind, record } => detail(out, *kind, record, options),
    }
}

fn columns(kind: Kind, options: &RenderOptions) -> Vec<&'static str> {
    match &options.fields {
        Some(names) => names.clone(),
        None => default_columns(kind).to_vec(),
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

/// `--lang tr`: the Turkish twin of a field (the schema's `NAME_tr`), when the
/// record has one that is set.
fn localized<'a, 'r>(
    record: &'r Record<'a>,
    name: &str,
    options: &RenderOptions,
) -> Option<&'r Value<'a>> {
    let twin = options.turkish.then(|| format!("{name}_tr"));
    twin.and_then(|t| record.get(&t))
        .filter(|v| **v != Value::Null)
        .or_else(|| record.get(name))
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

fn detail(
    out: &mut dyn Write,
    kind: Kind,
    record: &Record,
    options: &RenderOptions,
) -> io::Result<()> {
    let names: Vec<&'static str> = match &options.fields {
        Some(names) => names.iter().copied().filter(|n| *n != "related").collect(),
        None => fields(kind).to_vec(),
    };
    let card_record = selected(record, Some(&names));
    let mut card = new_table(options);
    for (name, _) in &card_record.fields {
        card.add_row(vec![
            header_cell(name, options),
            cell(localized(record, name, options)),
        ]);
    }
    pad_columns(&mut card, &["id"], options.width);
    write_table(out, &card)?;
    let show_related = options
        .fields
        .as_ref()
        .is_none_or(|f| f.contains(&"related"));
    let Some(Value::Object(related)) = record.get("related").filter(|_| show_related) else {
        return Ok(());
    };
    for (section, value) in &related.fields {
        let Value::List(items) = value else { continue };
        let rows: Vec<Record> = items
            .iter()
            .filter_map(|v| match v {
                Value::Object(r) => Some(r.clone()),
                _ => None,
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let section_kind = match *section {
            "events" => Kind::Event,
            "treaties" => Kind::Treaty,
            "orgs" => Kind::Org,
            _ => Kind::Partner,
        };
        writeln!(out, "\n{} ({})", section.to_uppercase(), rows.len())?;
        let listing_options = RenderOptions {
            fields: None,
            ..options.clone()
        };
        write_table(
            out,
            &listing(default_columns(section_kind), &rows, &listing_options),
        )?;
    }
    Ok(())
}
