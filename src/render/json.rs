//! `--format json` (one pretty array, or one object for a detail view) and
//! `--format jsonl` (one compact record per line). serde_json escapes C0 control
//! characters; DEL and the C1 controls (CSI is U+009B) it leaves raw, so they are
//! escaped here: nothing from the data reaches the terminal raw.

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
    let json = if pretty {
        serde_json::to_vec_pretty(value)
    } else {
        serde_json::to_vec(value)
    };
    out.write_all(&escape_c1_controls(json.map_err(io::Error::from)?))?;
    out.write_all(b"\n")
}

/// Writes DEL and the C1 controls (U+0080–U+009F) of serialized JSON as `\u00XX`.
/// Outside strings JSON is ASCII without DEL, so every one is inside a string.
fn escape_c1_controls(json: Vec<u8>) -> Vec<u8> {
    let is_c1 = |pair: &[u8]| matches!(pair, [0xc2, 0x80..=0x9f, ..]);
    if !json.iter().any(|&b| b == 0x7f || b == 0xc2) {
        return json;
    }
    let mut out = Vec::with_capacity(json.len() + 16);
    let mut rest = json.as_slice();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == 0x7f {
            out.extend_from_slice(b"\\u007f");
            rest = tail;
        } else if is_c1(rest) {
            let code = tail.first().copied().unwrap_or_default();
            out.extend_from_slice(format!("\\u{code:04x}").as_bytes());
            rest = tail.get(1..).unwrap_or_default();
        } else {
            out.push(byte);
            rest = tail;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_and_del_are_escaped() {
        let json = serde_json::to_vec("a\u{9b}2J\u{7f}\u{85}é\u{1b}").unwrap();
        let escaped = String::from_utf8(escape_c1_controls(json)).unwrap();
        assert_eq!(escaped, r#""a\u009b2J\u007f\u0085é\u001b""#);
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{9b}2J\u{7f}\u{85}é\u{1b}");
    }
}
