//! `--format markdown`: GitHub-flavoured Markdown tables, to paste into a report
//! or an issue. A listing is one table of the table format's columns (or
//! `--fields`); a detail view is a field/value table, then a `###` heading and a
//! table for each kind of related record. `--lang tr` applies, as in tables.
//!
//! A cell is one line of Markdown that renders as the text: `|` is written `\|`,
//! a line break `<br>`, the characters that would start markup (`*`, `` ` ``, `[`,
//! `<`, `&`, `~`, `\`, `_` outside a word) get a backslash, and control characters
//! are shown in caret form as elsewhere. Nothing in the data becomes a link: GFM's
//! autolinks (`https://…`, `www.…`, `me@x.example`, `xmpp:…`) are broken by a
//! backslash before their `:` and the `.` of `www.`, and an empty comment before `@`.
//! GFM needs a header row, so `--no-headers` leaves out the header and delimiter
//! lines of every table: the rows alone, to append to a table you already have.

use super::cell::cell_text;
use super::columns::Column;
use super::shown::{Layout, RenderOptions};
use crate::facts::Kind;
use crate::query::ListOf;
use crate::record::{Record, Value};
use crate::text::escape_controls;
use std::io::{self, Write};

/// GitHub-flavoured Markdown tables.
pub(super) struct Gfm;

impl Layout for Gfm {
    fn listing(
        &self,
        out: &mut dyn Write,
        of: ListOf,
        columns: &[Column],
        records: &[Record],
        options: &RenderOptions,
    ) -> io::Result<()> {
        let names: Vec<&str> = columns.iter().map(|c| c.field).collect();
        let rows = records.iter().map(|record| {
            names
                .iter()
                .map(|name| cell(of.value(record, name, options.turkish), options))
                .collect()
        });
        write_table(out, &names, rows, options.no_headers)
    }

    fn card(
        &self,
        out: &mut dyn Write,
        kind: Kind,
        names: &[&'static str],
        record: &Record,
        options: &RenderOptions,
    ) -> io::Result<()> {
        let rows = names.iter().map(|name| {
            vec![
                escaped(name),
                cell(
                    ListOf::Kind(kind).value(record, name, options.turkish),
                    options,
                ),
            ]
        });
        write_table(out, &["field", "value"], rows, options.no_headers)
    }

    fn heading(
        &self,
        out: &mut dyn Write,
        section: &str,
        count: usize,
        _options: &RenderOptions,
    ) -> io::Result<()> {
        let mut title = section.to_owned();
        if let Some(first) = title.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        writeln!(out, "\n### {title} ({count})\n")
    }
}

/// A header row and its delimiter row (unless `no_headers`), then the rows.
fn write_table(
    out: &mut dyn Write,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
    no_headers: bool,
) -> io::Result<()> {
    if !no_headers {
        write_row(out, header.iter().map(|name| escaped(name)))?;
        write_row(out, header.iter().map(|_| "---".to_owned()))?;
    }
    rows.into_iter()
        .try_for_each(|row| write_row(out, row.into_iter()))
}

fn write_row(out: &mut dyn Write, cells: impl Iterator<Item = String>) -> io::Result<()> {
    let cells: Vec<String> = cells.collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

fn cell(value: Option<&Value>, options: &RenderOptions) -> String {
    escaped(
        &value
            .map(|v| cell_text(v, ", ", options.turkish))
            .unwrap_or_default(),
    )
}

/// True when the `:` at `at` makes a GFM autolink: `scheme://`, `mailto:`, `xmpp:`.
fn starts_link(line: &str, at: usize) -> bool {
    let head = line.get(..at).unwrap_or_default();
    line.get(at + 1..)
        .is_some_and(|rest| rest.starts_with("//"))
        || ends_with_word(head, "mailto")
        || ends_with_word(head, "xmpp")
}

/// True when `head` ends with the word `word` (ASCII case ignored).
fn ends_with_word(head: &str, word: &str) -> bool {
    let bytes = head.as_bytes();
    let Some(start) = bytes.len().checked_sub(word.len()) else {
        return false;
    };
    bytes
        .get(start..)
        .is_some_and(|end| end.eq_ignore_ascii_case(word.as_bytes()))
        && bytes
            .get(..start)
            .and_then(|rest| rest.last())
            .is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// Text as one GFM table cell that renders as the text: pipes, backslashes and
/// what could start emphasis, code, a link, HTML, an entity or a strikethrough
/// escaped with a backslash (`_` only where it is not inside a word, where it
/// never starts emphasis), line breaks as `<br>`, controls in caret form.
fn escaped(text: &str) -> String {
    let text = escape_controls(text, true);
    let mut cell = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let mut before = None;
        let mut chars = line.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let in_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            let escape = match c {
                '|' | '\\' | '*' | '`' | '[' | ']' | '<' | '>' | '&' | '~' => true,
                '_' => !(in_word(before) && in_word(chars.peek().map(|(_, c)| *c))),
                // No autolink: `https\://`, `xmpp\:` and `www\.` are no link to GFM.
                ':' => starts_link(line, at),
                '.' => ends_with_word(line.get(..at).unwrap_or_default(), "www"),
                _ => false,
            };
            if escape {
                cell.push('\\');
            }
            // An e-mail address is found in the text after escapes are read: an
            // empty HTML comment (shown as nothing) splits it.
            if c == '@' {
                cell.push_str("<!-- -->");
            }
            cell.push(c);
            before = Some(c);
        }
        if lines.peek().is_some() {
            cell.push_str("<br>");
        }
    }
    cell
}
