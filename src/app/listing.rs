//! What a listing takes and how it is cut: the fields `--fields` and `--sort`
//! may name, the order (`--sort`, `--reverse`, else the kind's date), `--limit`,
//! and the note an empty table leaves on stderr.

use crate::cli::Cli;
use crate::query::{ListOf, Output, search};
use crate::record::{Record, Value, fields};
use crate::render::Format;
use crate::resolve::did_you_mean;
use crate::usage::UsageError;
use anyhow::{Result, bail};

/// What a listing's `--fields` and `--sort` take, and its records' name.
pub(super) struct Selectable {
    pub(super) fields: Vec<&'static str>,
    pub(super) records: &'static str,
}

pub(super) fn selectable(output: &Output) -> Selectable {
    let (kind, detail) = match output {
        Output::List {
            of: ListOf::Kind(kind),
            ..
        }
        | Output::Lazy { kind, .. } => (*kind, false),
        Output::Detail { kind, .. } => (*kind, true),
        Output::List {
            of: ListOf::Every, ..
        } => {
            return Selectable {
                fields: search::fields(),
                records: "records",
            };
        }
    };
    let mut fields = fields(kind).to_vec();
    if detail {
        fields.push("related");
    }
    Selectable {
        fields,
        records: kind.plural(),
    }
}

/// A listing sorted by `--sort` (the column as the listing shows it, a
/// missing value as none), reversed and cut as asked.
pub(super) fn ordered<'a>(
    cli: &Cli,
    listed: &Selectable,
    mut records: Vec<Record<'a>>,
    format: Format,
    of: ListOf,
) -> Result<Vec<Record<'a>>> {
    let value = |record: &Record<'a>, column: &str| {
        of.value(record, column, false)
            .cloned()
            .unwrap_or(Value::Null)
    };
    // The field the listing is in the order of: --sort's, or its date.
    let key = match &cli.output.sort {
        Some(field) => Some(field_name(field, listed)?),
        None => crate::query::date_fields()
            .iter()
            .copied()
            .find(|name| listed.fields.contains(name)),
    };
    if let (Some(field), Some(_)) = (key, &cli.output.sort) {
        records.sort_by(|a, b| value(a, field).compare(&value(b, field)));
    }
    if cli.output.reverse {
        // Reversed, the records without a value stay last.
        let empty = |r: &Record<'a>| key.is_some_and(|f| value(r, f).is_empty());
        let undated = records.iter().rev().take_while(|r| empty(r)).count();
        let dated = records.len() - undated;
        if let Some(part) = records.get_mut(..dated) {
            part.reverse();
        }
    }
    if let Some(limit) = cli.output.limit {
        records.truncate(limit);
    }
    note_if_empty(records.is_empty(), listed, format);
    Ok(records)
}

/// An empty table (for people, or in Markdown) says so on stderr; other formats
/// print their empty form.
pub(super) fn note_if_empty(empty: bool, listed: &Selectable, format: Format) {
    if empty && matches!(format, Format::Table | Format::Markdown) {
        crate::stderr_line!("no {} match", listed.records);
    }
}

/// `--fields a,b,c` checked against the listing's fields, order kept.
pub(super) fn selected_fields(
    list: Option<&str>,
    listed: &Selectable,
) -> Result<Option<Vec<&'static str>>> {
    let Some(list) = list else { return Ok(None) };
    let names = list
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| field_name(n, listed))
        .collect::<Result<Vec<_>>>()?;
    if names.is_empty() {
        bail!(
            "--fields needs at least one field; valid fields: {}",
            listed.fields.join(", ")
        );
    }
    Ok(Some(names))
}

pub(super) fn field_name(given: &str, listed: &Selectable) -> Result<&'static str> {
    let valid = &listed.fields;
    if let Some(name) = valid.iter().find(|n| **n == given) {
        return Ok(name);
    }
    let hint = did_you_mean(given, valid.iter().copied());
    Err(UsageError(format!(
        "unknown field {} for {}{hint}\nvalid fields: {}",
        crate::text::quote_arg(given),
        listed.records,
        valid.join(", ")
    ))
    .into())
}
