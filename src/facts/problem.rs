//! Problems found in a fact file, and how they are shown: `FILE:LINE:COL: what`
//! followed by the offending line with a caret under the spot.

use crate::text::escape_controls;
use std::fmt;
use std::ops::Range;

/// One thing wrong with a fact file, at a byte range of it when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<Range<usize>>,
    pub message: String,
}

impl Problem {
    pub fn new(at: Option<Range<usize>>, message: impl Into<String>) -> Problem {
        Problem {
            at,
            message: message.into(),
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
    pub text: std::borrow::Cow<'static, str>,
    pub list: Vec<Problem>,
}

/// Line and column (both from 1, the column in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = text.get(..offset).unwrap_or_default();
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let col = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl Problems {
    /// Writes one problem as `error: FILE:LINE:COL: message` with its line shown.
    pub fn write_one(&self, out: &mut impl fmt::Write, problem: &Problem) -> fmt::Result {
        let message = escape_controls(&problem.message, false);
        let Some(range) = &problem.at else {
            return writeln!(out, "error: {}: {}", self.file, message);
        };
        let (line, col) = line_col(&self.text, range.start);
        writeln!(out, "error: {}:{}:{}: {}", self.file, line, col, message)?;
        let source_line = self.text.lines().nth(line - 1).unwrap_or_default();
        let shown: String = source_line.chars().take(200).collect();
        let shown = escape_controls(&shown, false);
        let width = line.to_string().len();
        let pad = shown
            .chars()
            .take(col.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect::<String>();
        let span_chars = self
            .text
            .get(range.clone())
            .map_or(1, |s| s.lines().next().unwrap_or_default().chars().count())
            .clamp(1, 80);
        writeln!(out, "{:width$} |", "")?;
        writeln!(out, "{line} | {shown}")?;
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
                "\n({more} more problem{} in this file; `kzfp check {}` lists them all)",
                if more == 1 { "" } else { "s" },
                self.file
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
