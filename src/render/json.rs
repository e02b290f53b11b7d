//! `--format json` (one pretty array, or one object for a detail view) and
//! `--format jsonl` (one compact record per line). serde_json escapes control
//! characters, so nothing from the data reaches the terminal raw.

use super::{RenderOptions, selected};
use crate::query::Output;
use crate::record::Record;
use std::io::{self, Write};

pub fn render(
    out: &mut dyn Write,
    output: &Output,
    options: &RenderOptions,
    pretty: bool,
) -> io::Result<()> {
    let fields = options.fields.as_deref();
    match output {
        Output::List { records, .. } => {
            let records: Vec<Record> = records.iter().map(|r| selected(r, fields)).collect();
            if pretty {
                write_value(out, &records, true)?;
            } else {
                for record in &records {
                    write_value(out, record, false)?;
                }
            }
        }
        Output::Detail { record, .. } => write_value(out, &selected(record, fields), pretty)?,
    }
    Ok(())
}

fn write_value(out: &mut dyn Write, value: &impl serde::Serialize, pretty: bool) -> io::Result<()> {
    let result = if pretty {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    };
    result.map_err(io::Error::from)?;
    out.write_all(b"\n")
}
