//! `kzfp check`'s problems, printed for people (each with its line and a caret),
//! as JSON (one object a problem: file, line, column, end_line, end_column, field,
//! message) or as GitHub Actions annotations, so that CI comments on the very
//! line of a fact file.

use crate::facts::problem::LineIndex;
use crate::facts::{Problem, Problems};
use crate::text::{counted, escape_controls};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Each problem with its line and a caret, on stderr (the default)
    Text,
    /// One JSON array of problems on stdout
    Json,
    /// GitHub Actions `::error` annotations on stdout
    Github,
}

/// One problem as data.
#[derive(Serialize)]
struct Located<'p> {
    file: &'p str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    field: Option<&'p str>,
    message: &'p str,
}

fn located<'p>(problems: &'p Problems, problem: &'p Problem, lines: &LineIndex) -> Located<'p> {
    let start = problem.at.as_ref().map(|at| lines.line_col(at.start));
    let end = problem.at.as_ref().map(|at| lines.line_col(at.end));
    Located {
        file: &problems.file,
        line: start.map(|(line, _)| line),
        column: start.map(|(_, col)| col),
        end_line: end.map(|(line, _)| line),
        end_column: end.map(|(_, col)| col),
        field: problem.field.as_deref(),
        message: &problem.message,
    }
}

/// Every problem in `format`: text on `err`, data on `out`.
pub fn render(
    out: &mut dyn Write,
    err: &mut dyn Write,
    problems: &Problems,
    format: CheckFormat,
) -> io::Result<()> {
    let lines = LineIndex::new(&problems.text);
    let mut all = problems.list.iter().map(|p| located(problems, p, &lines));
    match format {
        CheckFormat::Text => {
            let mut text = String::new();
            problems.write_all(&mut text).map_err(io::Error::other)?;
            let count = problems.list.len();
            write!(err, "{text}")?;
            writeln!(
                err,
                "{}: {}",
                escape_controls(&problems.file, false),
                counted(count, "problem", "problems")
            )
        }
        CheckFormat::Json => {
            let all: Vec<Located> = all.collect();
            super::json::render_value(out, &all)
        }
        CheckFormat::Github => all.try_for_each(|p| writeln!(out, "{}", annotation(&p))),
    }
}

/// `::error file=F,line=L,col=C,endLine=…,endColumn=…::message`, escaped as
/// the Actions runner reads it.
fn annotation(p: &Located) -> String {
    let mut properties = vec![format!("file={}", property(p.file))];
    let place = [
        ("line", p.line),
        ("col", p.column),
        ("endLine", p.end_line),
        ("endColumn", p.end_column),
    ];
    for (name, value) in place {
        if let Some(value) = value {
            properties.push(format!("{name}={value}"));
        }
    }
    format!("::error {}::{}", properties.join(","), data(p.message))
}

fn data(text: &str) -> String {
    let text = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    escape_controls(&text, false).into_owned()
}

fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
