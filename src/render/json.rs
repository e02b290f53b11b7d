//! `--format json` (one pretty array, or one object for a detail view) and
//! `--format jsonl` (one compact record per line). serde_json escapes C0 control
//! characters; DEL and the C1 controls (CSI is U+009B) it leaves raw, so they are
//! escaped here: nothing from the data reaches the terminal raw. Records are
//! written straight to the output as they are built: a listing of a million
//! events is never held whole, neither as records nor as text.

use super::shown::RenderOptions;
use crate::facts::{FactBase, Index, Kind, find_bytes};
use crate::query::{ListOf, Output};
use crate::record::{Record, Records, Value};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::io::{self, Write};

pub fn render(
    out: &mut dyn Write,
    output: &Output,
    options: &RenderOptions,
    pretty: bool,
) -> io::Result<()> {
    let fields = options.fields.as_deref();
    let mut out = escaped(out);
    match output {
        &Output::List { of, ref records } => {
            let records = records.iter().map(|record| Selected { of, record, fields });
            write_list(&mut out, records, pretty)?;
        }
        Output::Lazy {
            kind,
            base,
            indexes,
        } => {
            let listing = Listing {
                base,
                kind: *kind,
                fields,
                pretty,
            };
            if indexes.len() < 2 * BLOCK || cores() < 2 {
                write_list(&mut out, listing.records(indexes), pretty)?;
            } else {
                listing.write_in_blocks(&mut out, indexes)?;
            }
        }
        &Output::Detail { kind, ref record } => {
            let of = ListOf::Kind(kind);
            write_value(&mut out, &Selected { of, record, fields }, pretty)?
        }
    }
    out.flush()
}

/// Any value as pretty JSON, escaped as every record is (the graph's).
pub(super) fn render_value(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut out = escaped(out);
    write_value(&mut out, value, true)?;
    out.flush()
}

/// serde_json writes a few bytes at a time: they are gathered before the escape
/// scan, which then reads 64 KiB a call instead of a punctuation mark.
fn escaped(out: &mut dyn Write) -> Escaped<'_> {
    io::BufWriter::with_capacity(
        1 << 16,
        EscapeC1 {
            inner: out,
            pending_c2: false,
        },
    )
}

/// A listing: one pretty array, or one compact line per record.
fn write_list<T: Serialize>(
    out: &mut Escaped,
    mut records: impl Iterator<Item = T>,
    pretty: bool,
) -> io::Result<()> {
    if pretty {
        write_value(out, &Sequence(std::cell::Cell::new(Some(records))), true)
    } else {
        records.try_for_each(|record| write_value(out, &record, false))
    }
}

fn write_value(out: &mut Escaped, value: &impl Serialize, pretty: bool) -> io::Result<()> {
    let written = if pretty {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    };
    written.map_err(io::Error::from)?;
    out.write_all(b"\n")
}

type Escaped<'w> = io::BufWriter<EscapeC1<'w>>;

/// Records a block of a long listing holds: two blocks of JSON stay under a MiB.
const BLOCK: usize = 1024;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A listing built as it is written, in the JSON it is written as.
struct Listing<'a, 'f> {
    base: &'a FactBase,
    kind: Kind,
    fields: Option<&'f [&'static str]>,
    pretty: bool,
}

impl<'a, 'f> Listing<'a, 'f> {
    fn records(&self, indexes: &'a [Index]) -> impl Iterator<Item = Owned<'f, 'a>> {
        let fields = self.fields;
        let kind = self.kind;
        built(self.base, kind, indexes).map(move |record| Owned {
            kind,
            record,
            fields,
        })
    }

    /// The listing rendered a block at a time on two cores (a million events are
    /// 100 MB of JSON), each block's text written in order.
    fn write_in_blocks(&self, out: &mut Escaped, indexes: &'a [Index]) -> io::Result<()> {
        out.write_all(if self.pretty { b"[\n" } else { b"" })?;
        let mut blocks = indexes.chunks(BLOCK);
        let mut first = true;
        std::thread::scope(|scope| {
            while let Some(block) = blocks.next() {
                let next = blocks.next().map(|b| scope.spawn(move || self.block(b)));
                self.write_block(out, &self.block(block)?, &mut first)?;
                if let Some(next) = next {
                    let text = next
                        .join()
                        .map_err(|_| io::Error::other("internal error while rendering"))??;
                    self.write_block(out, &text, &mut first)?;
                }
            }
            Ok::<_, io::Error>(())
        })?;
        out.write_all(if self.pretty { b"\n]\n" } else { b"" })
    }

    /// A block's records as they appear in the whole listing: pretty, the array's
    /// elements without its brackets; else one line each.
    fn block(&self, indexes: &'a [Index]) -> io::Result<Vec<u8>> {
        let mut text = Vec::with_capacity(indexes.len() * 512);
        let records = self.records(indexes);
        if self.pretty {
            let array = Sequence(std::cell::Cell::new(Some(records)));
            serde_json::to_writer_pretty(&mut text, &array)?;
            // `[\n` … `\n]` around the elements.
            text.truncate(text.len().saturating_sub(2));
            text.drain(..2.min(text.len()));
        } else {
            for record in records {
                serde_json::to_writer(&mut text, &record)?;
                text.push(b'\n');
            }
        }
        Ok(text)
    }

    fn write_block(&self, out: &mut Escaped, text: &[u8], first: &mut bool) -> io::Result<()> {
        if self.pretty && !std::mem::take(first) {
            out.write_all(b",\n")?;
        }
        out.write_all(text)
    }
}

/// The records of `indexes`, each built when it is reached.
fn built<'a>(
    base: &'a FactBase,
    kind: Kind,
    indexes: &'a [Index],
) -> impl Iterator<Item = Record<'a>> + 'a {
    let builder = Records::new(base);
    indexes.iter().map(move |i| builder.record(kind, *i))
}

/// A JSON array of whatever the iterator yields, consumed once as it is written.
struct Sequence<I>(std::cell::Cell<Option<I>>);

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Sequence<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for item in self.0.take().into_iter().flatten() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// A record with only the `--fields` chosen, in their order (`null` when absent).
struct Selected<'r, 'a> {
    of: ListOf,
    record: &'r Record<'a>,
    fields: Option<&'r [&'static str]>,
}

impl Serialize for Selected<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some(names) = self.fields else {
            return self.record.serialize(serializer);
        };
        let mut map = serializer.serialize_map(Some(names.len()))?;
        for name in names {
            let value = self.of.value(self.record, name, false);
            map.serialize_entry(name, value.unwrap_or(&Value::Null))?;
        }
        map.end()
    }
}

/// `Selected` for a record built on the way out.
struct Owned<'r, 'a> {
    kind: Kind,
    record: Record<'a>,
    fields: Option<&'r [&'static str]>,
}

impl Serialize for Owned<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Selected {
            of: ListOf::Kind(self.kind),
            record: &self.record,
            fields: self.fields,
        }
        .serialize(serializer)
    }
}

/// Writes DEL and the C1 controls (U+0080–U+009F) of serialized JSON as `\u00XX`.
/// Outside strings JSON is ASCII without DEL, so every one is inside a string. A
/// C1 control is `0xC2 0x80..=0x9F` in UTF-8; a write may end between the two.
struct EscapeC1<'w> {
    inner: &'w mut dyn Write,
    pending_c2: bool,
}

impl Write for EscapeC1<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        if self.pending_c2 {
            let Some((&next, rest)) = buf.split_first() else {
                return Ok(());
            };
            self.pending_c2 = false;
            if (0x80..=0x9f).contains(&next) {
                write!(self.inner, "\\u{next:04x}")?;
                buf = rest;
            } else {
                self.inner.write_all(&[0xc2])?;
            }
        }
        // Eight bytes at a time: a listing of a million events is 100 MB of JSON.
        while let Some(at) = Some(find_bytes(buf, 0, [0x7f, 0xc2])).filter(|&at| at < buf.len()) {
            let (head, tail) = buf.split_at(at);
            self.inner.write_all(head)?;
            buf = match tail {
                [0x7f, rest @ ..] => {
                    self.inner.write_all(b"\\u007f")?;
                    rest
                }
                [0xc2] => {
                    self.pending_c2 = true;
                    return Ok(());
                }
                [0xc2, next @ 0x80..=0x9f, rest @ ..] => {
                    write!(self.inner, "\\u{next:04x}")?;
                    rest
                }
                [first, rest @ ..] => {
                    self.inner.write_all(std::slice::from_ref(first))?;
                    rest
                }
                [] => &[],
            };
        }
        self.inner.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(pieces: &[&[u8]]) -> String {
        let mut sink = Vec::new();
        let mut out = EscapeC1 {
            inner: &mut sink,
            pending_c2: false,
        };
        for piece in pieces {
            out.write_all(piece).unwrap();
        }
        out.flush().unwrap();
        String::from_utf8(sink).unwrap()
    }

    #[test]
    fn c1_controls_and_del_are_escaped() {
        let json = serde_json::to_vec("a\u{9b}2J\u{7f}\u{85}é\u{1b}").unwrap();
        let escaped = escaped(&[&json]);
        assert_eq!(escaped, r#""a\u009b2J\u007f\u0085é\u001b""#);
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{9b}2J\u{7f}\u{85}é\u{1b}");
    }

    #[test]
    fn a_c1_control_split_between_writes_is_escaped() {
        let json = "\"x\u{9b}«y\"".as_bytes();
        let at = json.iter().position(|&b| b == 0xc2).unwrap() + 1;
        assert_eq!(escaped(&[&json[..at], &json[at..]]), r#""x\u009b«y""#);
        let guillemet = json.iter().rposition(|&b| b == 0xc2).unwrap() + 1;
        assert_eq!(
            escaped(&[&json[..guillemet], &json[guillemet..]]),
            r#""x\u009b«y""#
        );
    }

    fn events_file(n: usize) -> &'static str {
        let mut text = String::from(
            "schema = 1\n[country]\nid = \"kz\"\nname = \"K\"\nname_tr = \"K\"\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"s\"\n\n[[partner]]\nid = \"ru\"\nname = \"R\"\nname_tr = \"R\"\nkind = \"state\"\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"s\"\n",
        );
        for i in 0..n {
            text.push_str(&format!(
                "\n[[event]]\nid = \"e{i}\"\ndate = \"{}\"\ntitle = \"T{i} \\u009b\"\ntitle_tr = \"Ç{i}\"\npartners = [\"ru\"]\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"s\"\n",
                1990 + i % 30
            ));
        }
        Box::leak(text.into_boxed_str())
    }

    fn rendered(listing: &Listing, indexes: &[Index], in_blocks: bool) -> String {
        let mut sink = Vec::new();
        {
            let mut out = io::BufWriter::new(EscapeC1 {
                inner: &mut sink,
                pending_c2: false,
            });
            if in_blocks {
                listing.write_in_blocks(&mut out, indexes).unwrap();
            } else {
                write_list(&mut out, listing.records(indexes), listing.pretty).unwrap();
            }
            out.flush().unwrap();
        }
        String::from_utf8(sink).unwrap()
    }

    /// Blocks rendered on two cores make the very text one pass makes.
    #[test]
    fn a_listing_in_blocks_is_the_listing() {
        let text = events_file(2 * BLOCK + 7);
        let base = crate::facts::load("t.toml", std::borrow::Cow::Borrowed(text)).unwrap();
        let indexes: Vec<Index> = (0..base.events.len() as Index).rev().collect();
        for pretty in [true, false] {
            for fields in [None, Some(&["title", "id"][..])] {
                let listing = Listing {
                    base: &base,
                    kind: Kind::Event,
                    fields,
                    pretty,
                };
                let whole = rendered(&listing, &indexes, false);
                assert_eq!(rendered(&listing, &indexes, true), whole);
                assert!(whole.contains("\\u009b"));
            }
        }
    }
}
