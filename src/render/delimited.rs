//! `--format csv` (RFC 4180, by the csv crate) and `--format tsv`: one row per
//! record, lists joined with `;`. Control characters are shown in caret form; in
//! TSV, tabs and newlines inside a cell are written as `\t` and `\n`. A cell that
//! a spreadsheet would run as a formula starts with `'` (see `defused`).

use super::cell::cell_text;
use super::shown::{RenderOptions, Shown, selected};
use crate::facts::Kind;
use crate::query::{ListOf, search};
use crate::record::{Record, fields};
use crate::text::escape_controls;
use std::io::{self, Write};

pub(super) fn render(
    out: &mut dyn Write,
    shown: &Shown,
    options: &RenderOptions,
    delimiter: u8,
) -> io::Result<()> {
    let (of, records, detail) = match shown {
        Shown::List { of, records } => (*of, records.iter().collect::<Vec<_>>(), false),
        Shown::Detail { kind, record } => (ListOf::Kind(*kind), vec![*record], true),
    };
    let names: Vec<&'static str> = match (&options.fields, of) {
        (Some(names), _) => names.clone(),
        (None, ListOf::Kind(kind)) => columns(kind, detail),
        (None, ListOf::Every) => search::COLUMNS.to_vec(),
    };
    let rows = records.iter().map(|r| selected(of, r, &names));
    if delimiter == b'\t' {
        write_tsv(out, &names, rows, options.no_headers)
    } else {
        write_csv(out, &names, rows, options.no_headers)
    }
}

fn columns(kind: Kind, detail: bool) -> Vec<&'static str> {
    let mut names = fields(kind).to_vec();
    if detail {
        names.push("related");
    }
    names
}

fn cells(record: &Record) -> Vec<String> {
    record
        .fields
        .iter()
        .map(|(_, value)| {
            let text = cell_text(value, ";", false);
            defused(escape_controls(&text, true).into_owned())
        })
        .collect()
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or a
/// carriage return first) gets a `'` in front, as OWASP advises for CSV that
/// people open in spreadsheets ("CSV Injection"); a plain number (`-12.5`) is
/// no formula and stays as it is. Controls are already in caret form here, so
/// a carriage return never leads (`^M`).
fn defused(cell: String) -> String {
    let formula =
        cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err();
    if formula { format!("'{cell}") } else { cell }
}

fn write_csv<'a>(
    out: &mut dyn Write,
    names: &[&str],
    rows: impl Iterator<Item = Record<'a>>,
    no_headers: bool,
) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    if !no_headers {
        writer.write_record(names).map_err(csv_io)?;
    }
    for row in rows {
        writer.write_record(cells(&row)).map_err(csv_io)?;
    }
    writer.flush()
}

fn write_tsv<'a>(
    out: &mut dyn Write,
    names: &[&str],
    rows: impl Iterator<Item = Record<'a>>,
    no_headers: bool,
) -> io::Result<()> {
    if !no_headers {
        writeln!(out, "{}", names.join("\t"))?;
    }
    for row in rows {
        let line: Vec<String> = cells(&row).iter().map(|c| tsv_cell(c)).collect();
        writeln!(out, "{}", line.join("\t"))?;
    }
    Ok(())
}

fn tsv_cell(cell: &str) -> String {
    cell.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// Keeps the io error (a broken pipe must stay one) inside a csv error.
fn csv_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}
