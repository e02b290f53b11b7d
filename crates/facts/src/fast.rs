//! A fast path for the common shape of a record: a `[[kind]]` header line, then one
//! `key = value` per line, where a value is a one-line string without escapes, a
//! plain decimal number, or an array of those or of one-line inline tables.
//! It builds the same table, with the same spans, that toml's parse builds; what
//! the table means (its fields, their types) is the schema's to say, for both.
//! Anything else — an escape, a multi-line value, a dotted or quoted key, a
//! sub-table, a repeated key — makes it give up, and the loader parses the chunk
//! with toml, which also words any syntax error. So this path only ever decides
//! how fast a record loads, never what it means.

use super::Kind;
use super::scan::find;
use super::value::{Fields, Node, Value};
use std::borrow::Cow;
use toml::Spanned;

/// Fills `fields` (emptied first) with the table of the record in `chunk` (which
/// starts at its `[[kind]]` header); false when the chunk needs the full TOML
/// parser. Spans are offsets into `chunk`. One `fields` serves every record of a
/// part: a table a record cost an allocation and its drop each.
pub fn record<'a>(chunk: &'a str, kind: Kind, fields: &mut Fields<'a>) -> bool {
    fields.list.clear();
    let mut cursor = Cursor {
        text: chunk,
        bytes: chunk.as_bytes(),
        pos: 0,
        depth: 0,
    };
    cursor.header(kind).is_ok() && cursor.fields(fields).is_ok()
}

/// Giving up on the fast path: the chunk goes to toml.
struct GiveUp;

type Fast<T> = Result<T, GiveUp>;

fn check(ok: bool) -> Fast<()> {
    if ok { Ok(()) } else { Err(GiveUp) }
}

struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Arrays and inline tables open around `pos`.
    depth: usize,
}

/// Records nest two levels (a list of figures); deeper goes to toml, which bounds
/// its own recursion, so `[[[[…` cannot overflow the stack here.
const MAX_DEPTH: usize = 3;

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Exactly `[[kind]]` and a line end.
    fn header(&mut self, kind: Kind) -> Fast<()> {
        let word = kind.word().as_bytes();
        let rest = self.bytes.get(self.pos..).ok_or(GiveUp)?;
        let after = rest
            .strip_prefix(b"[[")
            .and_then(|r| r.strip_prefix(word))
            .and_then(|r| r.strip_prefix(b"]]"))
            .ok_or(GiveUp)?;
        self.pos = self.bytes.len() - after.len();
        self.line_end()
    }

    /// Inside an array TOML allows line ends and comments between values.
    fn array_space(&mut self) -> Fast<()> {
        loop {
            self.spaces();
            match self.peek() {
                Some(b'#' | b'\n' | b'\r') => {
                    self.line_end()?;
                    check(self.pos < self.bytes.len())?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// Optional spaces and comment, then `\n`, `\r\n` or the end of the chunk.
    fn line_end(&mut self) -> Fast<()> {
        self.spaces();
        if self.peek() == Some(b'#') {
            self.pos += 1;
            while let Some(b) = self.peek() {
                if b == b'\n' || b == b'\r' {
                    break;
                }
                check(!is_control(b))?;
                self.pos += 1;
            }
        }
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'\r') if self.bytes.get(self.pos + 1) == Some(&b'\n') => {
                self.pos += 2;
                Ok(())
            }
            Some(_) => Err(GiveUp),
        }
    }

    /// Every `key = value` line up to the end of the chunk.
    fn fields(&mut self, fields: &mut Fields<'a>) -> Fast<()> {
        let mut seen = 0;
        loop {
            self.spaces();
            match self.peek() {
                None => return Ok(()),
                Some(b'#' | b'\n' | b'\r') => self.line_end()?,
                Some(_) => {
                    let (key, value) = self.pair()?;
                    insert(fields, &mut seen, key, value)?;
                    self.line_end()?;
                }
            }
        }
    }

    /// `key = value`, the cursor at the key.
    fn pair(&mut self) -> Fast<(Spanned<Cow<'a, str>>, Node<'a>)> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.pos += 1;
        }
        check(self.pos > start)?;
        let key = Spanned::new(
            start..self.pos,
            Cow::Borrowed(self.text.get(start..self.pos).ok_or(GiveUp)?),
        );
        self.spaces();
        check(self.peek() == Some(b'='))?;
        self.pos += 1;
        self.spaces();
        Ok((key, self.value()?))
    }

    fn value(&mut self) -> Fast<Node<'a>> {
        let start = self.pos;
        let value = match self.peek().ok_or(GiveUp)? {
            b'"' | b'\'' => return self.string(),
            b'[' | b'{' if self.depth >= MAX_DEPTH => return Err(GiveUp),
            b'[' => self.nested(Self::array)?,
            b'{' => self.nested(Self::inline_table)?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return Err(GiveUp),
        };
        Ok(Spanned::new(start..self.pos, value))
    }

    /// A one-line basic or literal string without escapes: it borrows from the file.
    fn string(&mut self) -> Fast<Node<'a>> {
        let start = self.pos;
        let quote = self.peek().ok_or(GiveUp)?;
        self.pos += 1;
        let body = self.pos;
        self.pos = find(self.bytes, body, [quote, b'\\', b'\n']);
        check(self.peek() == Some(quote))?;
        let content = self.bytes.get(body..self.pos).ok_or(GiveUp)?;
        // No early exit: the compiler checks many bytes at once.
        check(!content.iter().fold(false, |any, &b| any | is_control(b)))?;
        // `""` followed by a quote opens a multi-line string.
        check(self.pos > body || self.bytes.get(self.pos + 1) != Some(&quote))?;
        let content = self.text.get(body..self.pos).ok_or(GiveUp)?;
        self.pos += 1;
        Ok(Spanned::new(
            start..self.pos,
            Value::Text(Cow::Borrowed(content)),
        ))
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: an integer without a
    /// fraction or exponent, else a float, as TOML reads them.
    fn number(&mut self) -> Fast<Value<'a>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let int_digits = self.digits();
        check(int_digits == 1 || (int_digits > 1 && self.bytes.get(int_start) != Some(&b'0')))?;
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            check(self.digits() > 0)?;
            float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            check(self.digits() > 0)?;
            float = true;
        }
        check(matches!(
            self.peek(),
            None | Some(b' ' | b'\t' | b',' | b']' | b'}' | b'#' | b'\r' | b'\n')
        ))?;
        let text = self.text.get(start..self.pos).ok_or(GiveUp)?;
        if float {
            let value: f64 = text.parse().map_err(|_| GiveUp)?;
            check(value.is_finite())?;
            Ok(Value::Float(value))
        } else {
            Ok(Value::Integer(text.parse().map_err(|_| GiveUp)?))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn nested(&mut self, parse: fn(&mut Self) -> Fast<Value<'a>>) -> Fast<Value<'a>> {
        self.depth += 1;
        let value = parse(self);
        self.depth -= 1;
        value
    }

    /// `[a, b, ]`, over several lines if need be.
    fn array(&mut self) -> Fast<Value<'a>> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.array_space()?;
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Ok(Value::Array(items));
            }
            items.push(self.value()?);
            self.array_space()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {}
                _ => return Err(GiveUp),
            }
        }
    }

    /// `{ k = v, k = v }` on one line, without a trailing comma.
    fn inline_table(&mut self) -> Fast<Value<'a>> {
        self.pos += 1;
        let mut fields = Fields::default();
        let mut seen = 0;
        self.spaces();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Table(fields));
        }
        loop {
            self.spaces();
            let (key, value) = self.pair()?;
            insert(&mut fields, &mut seen, key, value)?;
            self.spaces();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Table(fields));
                }
                _ => return Err(GiveUp),
            }
        }
    }
}

/// Control characters TOML forbids in strings and comments (tab is allowed).
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

/// A key given twice is toml's to report. `seen` has a bit for each key's length
/// and last byte: a key is compared with the others only when its bit is set (a
/// record's dozen keys compared pairwise were a twentieth of its load).
fn insert<'a>(
    fields: &mut Fields<'a>,
    seen: &mut u64,
    key: Spanned<Cow<'a, str>>,
    value: Node<'a>,
) -> Fast<()> {
    let name = key.get_ref().as_bytes();
    let last = name.last().copied().unwrap_or_default();
    let bit = 1u64 << ((name.len() * 7 + usize::from(last)) % 64);
    if *seen & bit != 0 {
        check(
            fields
                .list
                .iter()
                .all(|(k, _)| k.get_ref() != key.get_ref()),
        )?;
    }
    *seen |= bit;
    fields.list.push((key, value));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key and value with its span, for comparing two tables.
    fn described(fields: &Fields) -> Vec<String> {
        fields
            .list
            .iter()
            .map(|(k, v)| format!("{}@{:?}={}", k.get_ref(), k.span(), node(v)))
            .collect()
    }

    fn node(given: &Node) -> String {
        let value = match given.get_ref() {
            Value::Text(t) => format!("{t:?}"),
            Value::Integer(i) => format!("{i}i"),
            Value::Float(f) => format!("{f}f"),
            Value::Bool(b) => format!("{b}"),
            Value::Datetime(d) => format!("{d}d"),
            Value::Array(items) => {
                format!("[{}]", items.iter().map(node).collect::<Vec<_>>().join(","))
            }
            Value::Table(fields) => format!("{{{}}}", described(fields).join(",")),
        };
        format!("{value}@{:?}", given.span())
    }

    /// The fast path and toml agree on every key, value and span of a record.
    #[test]
    fn builds_what_toml_builds() {
        let chunk = "[[event]]\nid = \"e-1\"  # note\ndate = '1992-03'\ntitle = \"Şanghay\"\ntitle_tr = \"t\"\npartners = [\n  \"russia\", # first\n  'china',\n]\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"x\"\nclaims = [3, 14, -1]\ntags = [\"un\"]\nfigures = [{ what = \"w\", value = 5e9, unit = \"USD\", qualifier = \"about\" }, { what = \"n\", value = -2, unit = \"count\" }]\n";
        let mut fast = Fields::default();
        assert!(
            record(chunk, Kind::Event, &mut fast),
            "the fast path gave up"
        );
        let doc = Fields::from_toml(toml::de::DeTable::parse(chunk).unwrap().into_inner());
        let Some((_, slow)) = doc.list.first() else {
            panic!("no event");
        };
        let Value::Array(items) = slow.get_ref() else {
            panic!("not an array of tables");
        };
        let Value::Table(slow) = items[0].get_ref() else {
            panic!("not a table");
        };
        let mut fast = described(&fast);
        let mut slow = described(slow);
        fast.sort();
        slow.sort();
        assert_eq!(fast, slow);
    }

    #[test]
    fn gives_up_on_what_it_does_not_read() {
        let base = "[[event]]\nid = \"e\"\ndate = \"1992\"\ntitle = \"t\"\ntitle_tr = \"t\"\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"x\"\n";
        let mut fields = Fields::default();
        assert!(record(base, Kind::Event, &mut fields));
        for extra in [
            "id = \"repeated\"\n",
            "tags = [\"a\\u0062\"]\n",
            "tags = [\"\"\"a\"\"\"]\n",
            "claims = [1_000]\n",
            "figures = [{ what = \"w\", value = inf, unit = \"u\" }]\n",
            "partners = [[[[\"deep\"]]]]\n",
            "[event.sub]\n",
            "a.b = 1\n",
        ] {
            let chunk = format!("{base}{extra}");
            let mut fields = Fields::default();
            assert!(!record(&chunk, Kind::Event, &mut fields), "took {extra:?}");
        }
    }
}
