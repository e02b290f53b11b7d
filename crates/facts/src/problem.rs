//! Problems found in a fact file, and how they are shown: `FILE:LINE:COL: what`
//! followed by the offending line with a caret under the spot.

use crate::text::{counted, escape_controls};
use std::cell::Cell;
use std::fmt;
use std::ops::Range;

/// How messages call the fact file read from standard input (`--facts -`).
pub const STDIN_NAME: &str = "standard input";

/// One thing wrong with a fact file, at a byte range of it when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<Range<usize>>,
    pub message: String,
    /// The field it is about, when there is one.
    pub field: Option<Box<str>>,
}

impl Problem {
    pub fn new(at: Option<Range<usize>>, message: impl Into<String>) -> Problem {
        Problem {
            at,
            message: message.into(),
            field: None,
        }
    }

    pub fn with_field(self, field: &str) -> Problem {
        Problem {
            field: Some(field.into()),
            ..self
        }
    }

    pub fn at(start: usize, message: impl Into<String>) -> Problem {
        Problem::new(Some(start..start), message)
    }
}

/// Every problem of one file, with the text needed to point into it.
#[derive(Debug)]
pub struct Problems {
    pub file: String,
    pub text: crate::Text,
    pub list: Vec<Problem>,
}

/// Line and column (both from 1, the column in characters) of a byte offset.
/// For more than one offset in a text, build a `LineIndex` once.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(offset)
}

/// Where each line of a text starts, so that placing every problem of a large
/// file costs one pass over it, not one pass per problem.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// The last offset placed and its column: offsets placed in order along one
    /// long line count only the characters in between.
    last: Cell<(usize, usize)>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let newlines = text.bytes().enumerate().filter(|(_, b)| *b == b'\n');
        // A byte order mark is not part of the first line's text or columns.
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex {
            text,
            starts: std::iter::once(first)
                .chain(newlines.map(|(i, _)| i + 1))
                .collect(),
            last: Cell::new((0, 1)),
        }
    }

    /// Line and column (both from 1, the column in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let line_start = self.starts.get(line - 1).copied().unwrap_or_default();
        let (last_offset, last_col) = self.last.get();
        let (from, col) = if line_start <= last_offset && last_offset <= offset {
            (last_offset, last_col)
        } else {
            (line_start, 1)
        };
        let col = col + self.text.get(from..offset).map_or(0, |s| s.chars().count());
        self.last.set((offset, col));
        (line, col)
    }

    /// Byte offset where line `line` (from 1) starts.
    pub fn start(&self, line: usize) -> usize {
        self.starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or_default()
    }

    /// Line `line` (from 1) without its line end.
    pub fn line(&self, line: usize) -> &'t str {
        let start = self.starts.get(line.wrapping_sub(1)).copied();
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        let text = start.and_then(|start| self.text.get(start..end.max(start)));
        text.unwrap_or_default().trim_end_matches('\r')
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Characters of the problem line shown around the spot.
const SHOWN: usize = 120;

impl Problems {
    /// Writes every problem, in order, as `write_one` does.
    pub fn write_all(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let lines = LineIndex::new(&self.text);
        self.list
            .iter()
            .try_for_each(|problem| self.write_with(out, problem, &lines))
    }

    /// Writes one problem as `error: FILE:LINE:COL: message` with its line shown.
    pub fn write_one(&self, out: &mut impl fmt::Write, problem: &Problem) -> fmt::Result {
        self.write_with(out, problem, &LineIndex::new(&self.text))
    }

    fn write_with(
        &self,
        out: &mut impl fmt::Write,
        problem: &Problem,
        lines: &LineIndex,
    ) -> fmt::Result {
        let file = escape_controls(&self.file, false);
        let message = escape_controls(&problem.message, false);
        let Some(range) = &problem.at else {
            return writeln!(out, "error: {file}: {message}");
        };
        let (line, col) = lines.line_col(range.start);
        writeln!(out, "error: {file}:{line}:{col}: {message}")?;
        let text = lines.line(line);
        let spot = range
            .start
            .saturating_sub(lines.start(line))
            .min(text.len());
        let spot = floor_char_boundary(text, spot);
        // A long line is shown from a little before the spot, so the caret is seen;
        // found from the spot, not the line's start, so each problem costs little.
        let from = text
            .get(..spot)
            .and_then(|head| head.char_indices().rev().nth(SHOWN / 2 - 1))
            .map_or(0, |(i, _)| i);
        let before = if from > 0 { "…" } else { "" };
        let rest = text.get(from..).unwrap_or_default();
        let shown: String = rest.chars().take(SHOWN).collect();
        let shown = escape_controls(&shown, false);
        // Escaped controls take two columns: pad by the escaped text before the spot.
        let lead = text.get(from..spot).unwrap_or_default();
        let pad = " ".repeat(before.chars().count() + escape_controls(lead, false).chars().count());
        let span_chars = self
            .text
            .get(range.clone())
            .map_or(1, |s| s.chars().take_while(|&c| c != '\n').take(80).count())
            .max(1);
        let width = line.to_string().len();
        writeln!(out, "{:width$} |", "")?;
        writeln!(out, "{line} | {before}{shown}")?;
        writeln!(out, "{:width$} | {pad}{}", "", "^".repeat(span_chars))
    }
}

impl fmt::Display for Problems {
    /// The first problem in full; the count of the others, pointing to `check`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = String::new();
        if let Some(first) = self.list.first() {
            self.write_one(&mut shown, first)?;
        }
        let text = shown.strip_prefix("error: ").unwrap_or(&shown).trim_end();
        f.write_str(text)?;
        let more = self.list.len().saturating_sub(1);
        if more > 0 {
            write!(
                f,
                "\n({} in this file; `kzfp check {}` lists them all)",
                counted(more, "more problem", "more problems"),
                if self.file == STDIN_NAME {
                    "- < same input".into()
                } else {
                    escape_controls(&self.file, false)
                }
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
