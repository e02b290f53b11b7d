//! A fast path for the common shape of a record: a `[[kind]]` header line, then one
//! `key = value` per line, where a value is a one-line string without escapes, a
//! plain decimal number, or an array of those or of one-line inline tables.
//! It builds the same raw record, with the same spans, that toml's deserializer
//! builds. Anything else — an escape, a multi-line value, a dotted or quoted key, a
//! sub-table, an unknown, repeated or missing field, a wrong type — makes it give up,
//! and the loader parses the chunk with toml, which also words any error. So this
//! path only ever decides how fast a valid record loads, never what it means.

use super::Kind;
use super::raw::{
    OrgKind, Participation, PartnerKind, Qualifier, RawDate, RawDateValue, RawEvent, RawFigure,
    RawNumber, RawOrg, RawPartner, RawStr, RawTreaty, Role, Text, TreatyKind,
};
use super::scan::find;
use std::borrow::Cow;
use toml::Spanned;

/// One record parsed on the fast path.
pub enum FastRecord<'a> {
    Partner(RawPartner<'a>),
    Org(RawOrg<'a>),
    Treaty(RawTreaty<'a>),
    Event(RawEvent<'a>),
}

/// The record in `chunk` (which starts at its `[[kind]]` header), or `None` when the
/// chunk needs the full TOML parser. Spans are offsets into `chunk`.
pub fn record(chunk: &str, kind: Kind) -> Option<FastRecord<'_>> {
    let mut cursor = Cursor {
        text: chunk,
        bytes: chunk.as_bytes(),
        pos: 0,
        depth: 0,
    };
    cursor.header(kind).ok()?;
    let fields = cursor.fields().ok()?;
    let record = match kind {
        Kind::Partner => partner(fields).map(FastRecord::Partner),
        Kind::Org => org(fields).map(FastRecord::Org),
        Kind::Treaty => treaty(fields).map(FastRecord::Treaty),
        Kind::Event => event(fields).map(FastRecord::Event),
    };
    record.ok()
}

/// Giving up on the fast path: the chunk goes to toml.
struct GiveUp;

type Fast<T> = Result<T, GiveUp>;

fn check(ok: bool) -> Fast<()> {
    if ok { Ok(()) } else { Err(GiveUp) }
}

/// A value of the subset.
enum Value<'a> {
    Text(Text<'a>),
    Number(Spanned<RawNumber>),
    Array(Vec<Value<'a>>),
    Table(Fields<'a>),
}

/// The key/value pairs of a record or inline table, in file order.
struct Fields<'a> {
    list: Vec<(&'a str, Value<'a>)>,
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
    fn fields(&mut self) -> Fast<Fields<'a>> {
        let mut fields = Fields {
            list: Vec::with_capacity(12),
        };
        loop {
            self.spaces();
            match self.peek() {
                None => return Ok(fields),
                Some(b'#' | b'\n' | b'\r') => self.line_end()?,
                Some(_) => {
                    let (key, value) = self.pair()?;
                    fields.insert(key, value)?;
                    self.line_end()?;
                }
            }
        }
    }

    /// `key = value`, the cursor at the key.
    fn pair(&mut self) -> Fast<(&'a str, Value<'a>)> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.pos += 1;
        }
        check(self.pos > start)?;
        let key = self.text.get(start..self.pos).ok_or(GiveUp)?;
        self.spaces();
        check(self.peek() == Some(b'='))?;
        self.pos += 1;
        self.spaces();
        Ok((key, self.value()?))
    }

    fn value(&mut self) -> Fast<Value<'a>> {
        match self.peek().ok_or(GiveUp)? {
            b'"' | b'\'' => self.string().map(Value::Text),
            b'[' | b'{' if self.depth >= MAX_DEPTH => Err(GiveUp),
            b'[' => self.nested(Self::array),
            b'{' => self.nested(Self::inline_table),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            _ => Err(GiveUp),
        }
    }

    /// A one-line basic or literal string without escapes: it borrows from the file.
    fn string(&mut self) -> Fast<Text<'a>> {
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
            RawStr(Cow::Borrowed(content)),
        ))
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: an integer without a
    /// fraction or exponent, else a float, as TOML reads them.
    fn number(&mut self) -> Fast<Spanned<RawNumber>> {
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
        let number = if float {
            let value: f64 = text.parse().map_err(|_| GiveUp)?;
            check(value.is_finite())?;
            RawNumber::Float(value)
        } else {
            RawNumber::Integer(text.parse().map_err(|_| GiveUp)?)
        };
        Ok(Spanned::new(start..self.pos, number))
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
        let mut fields = Fields { list: Vec::new() };
        self.spaces();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Table(fields));
        }
        loop {
            self.spaces();
            let (key, value) = self.pair()?;
            fields.insert(key, value)?;
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

impl<'a> Fields<'a> {
    fn insert(&mut self, key: &'a str, value: Value<'a>) -> Fast<()> {
        check(self.list.iter().all(|(k, _)| *k != key))?;
        self.list.push((key, value));
        Ok(())
    }

    fn take(&mut self, key: &str) -> Option<Value<'a>> {
        let at = self.list.iter().position(|(k, _)| *k == key)?;
        Some(self.list.swap_remove(at).1)
    }

    /// Every field was used: an unknown one is toml's to report.
    fn done(&self) -> Fast<()> {
        check(self.list.is_empty())
    }

    fn text(&mut self, key: &str) -> Fast<Text<'a>> {
        self.opt_text(key)?.ok_or(GiveUp)
    }

    fn opt_text(&mut self, key: &str) -> Fast<Option<Text<'a>>> {
        self.take(key).map(as_text).transpose()
    }

    fn texts(&mut self, key: &str) -> Fast<Vec<Text<'a>>> {
        self.list_of(key, as_text)
    }

    fn list_of<T>(&mut self, key: &str, item: impl Fn(Value<'a>) -> Fast<T>) -> Fast<Vec<T>> {
        match self.take(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items.into_iter().map(item).collect(),
            Some(_) => Err(GiveUp),
        }
    }

    fn date(&mut self, key: &str) -> Fast<RawDate<'a>> {
        self.opt_date(key)?.ok_or(GiveUp)
    }

    fn opt_date(&mut self, key: &str) -> Fast<Option<RawDate<'a>>> {
        self.take(key).map(as_date).transpose()
    }

    fn claims(&mut self) -> Fast<Vec<u32>> {
        self.list_of("claims", as_count)
    }

    fn opt_count(&mut self, key: &str) -> Fast<Option<u32>> {
        self.take(key).map(as_count).transpose()
    }

    fn figures(&mut self) -> Fast<Vec<RawFigure<'a>>> {
        self.list_of("figures", |value| match value {
            Value::Table(mut table) => {
                let figure = RawFigure {
                    what: table.text("what")?,
                    what_tr: table.opt_text("what_tr")?,
                    value: match table.take("value") {
                        Some(Value::Number(n)) => n,
                        _ => return Err(GiveUp),
                    },
                    unit: table.text("unit")?,
                    qualifier: table.opt_word("qualifier", Qualifier::ALL, |q| q.word())?,
                };
                table.done()?;
                Ok(figure)
            }
            _ => Err(GiveUp),
        })
    }

    fn word<T: Copy>(&mut self, key: &str, all: &[T], word: fn(T) -> &'static str) -> Fast<T> {
        self.opt_word(key, all, word)?.ok_or(GiveUp)
    }

    fn opt_word<T: Copy>(
        &mut self,
        key: &str,
        all: &[T],
        word: fn(T) -> &'static str,
    ) -> Fast<Option<T>> {
        self.take(key)
            .map(|value| as_word(value, all, word))
            .transpose()
    }

    fn words<T: Copy>(
        &mut self,
        key: &str,
        all: &[T],
        word: fn(T) -> &'static str,
    ) -> Fast<Vec<T>> {
        self.list_of(key, |value| as_word(value, all, word))
    }
}

fn as_text(value: Value) -> Fast<Text> {
    match value {
        Value::Text(text) => Ok(text),
        _ => Err(GiveUp),
    }
}

/// A non-negative integer, as serde reads a `u32`.
fn as_count(value: Value) -> Fast<u32> {
    match value {
        Value::Number(n) => match n.into_inner() {
            RawNumber::Integer(i) => u32::try_from(i).map_err(|_| GiveUp),
            RawNumber::Float(_) => Err(GiveUp),
        },
        _ => Err(GiveUp),
    }
}

fn as_date(value: Value) -> Fast<RawDate> {
    let text = as_text(value)?;
    let span = text.span();
    Ok(Spanned::new(span, RawDateValue::Text(text.into_inner())))
}

fn as_word<T: Copy>(value: Value, all: &[T], word: fn(T) -> &'static str) -> Fast<T> {
    let text = as_text(value)?;
    let text: &str = text.get_ref();
    all.iter().copied().find(|w| word(*w) == text).ok_or(GiveUp)
}

fn partner(mut f: Fields) -> Fast<RawPartner> {
    let raw = RawPartner {
        id: f.text("id")?,
        aliases: f.texts("aliases")?,
        name: f.text("name")?,
        name_tr: f.text("name_tr")?,
        kind: f.word("kind", PartnerKind::ALL, |k| k.word())?,
        relation: f.opt_text("relation")?,
        relation_tr: f.opt_text("relation_tr")?,
        summary: f.text("summary")?,
        summary_tr: f.text("summary_tr")?,
        source: f.text("source")?,
        claims: f.claims()?,
        tags: f.texts("tags")?,
        figures: f.figures()?,
    };
    f.done()?;
    Ok(raw)
}

fn org(mut f: Fields) -> Fast<RawOrg> {
    let raw = RawOrg {
        id: f.text("id")?,
        aliases: f.texts("aliases")?,
        name: f.text("name")?,
        name_tr: f.text("name_tr")?,
        acronym: f.opt_text("acronym")?,
        acronym_tr: f.opt_text("acronym_tr")?,
        kind: f.word("kind", OrgKind::ALL, |k| k.word())?,
        parent: f.opt_text("parent")?,
        roles: f.words("roles", Role::ALL, |r| r.word())?,
        joined: f.opt_date("joined")?,
        chaired: f.list_of("chaired", as_date)?,
        members: f.texts("members")?,
        member_count: f.opt_count("member_count")?,
        summary: f.text("summary")?,
        summary_tr: f.text("summary_tr")?,
        source: f.text("source")?,
        claims: f.claims()?,
        tags: f.texts("tags")?,
        figures: f.figures()?,
    };
    f.done()?;
    Ok(raw)
}

fn treaty(mut f: Fields) -> Fast<RawTreaty> {
    let raw = RawTreaty {
        id: f.text("id")?,
        aliases: f.texts("aliases")?,
        name: f.text("name")?,
        name_tr: f.text("name_tr")?,
        kind: f.word("kind", TreatyKind::ALL, |k| k.word())?,
        kazakhstan: f
            .opt_word("kazakhstan", Participation::ALL, |p| p.word())?
            .unwrap_or_default(),
        signed: f.opt_date("signed")?,
        in_force: f.opt_date("in_force")?,
        parties: f.texts("parties")?,
        party_count: f.opt_count("party_count")?,
        orgs: f.texts("orgs")?,
        summary: f.text("summary")?,
        summary_tr: f.text("summary_tr")?,
        source: f.text("source")?,
        claims: f.claims()?,
        tags: f.texts("tags")?,
        figures: f.figures()?,
    };
    f.done()?;
    Ok(raw)
}

fn event(mut f: Fields) -> Fast<RawEvent> {
    let raw = RawEvent {
        id: f.text("id")?,
        aliases: f.texts("aliases")?,
        date: f.date("date")?,
        title: f.text("title")?,
        title_tr: f.text("title_tr")?,
        partners: f.texts("partners")?,
        orgs: f.texts("orgs")?,
        treaties: f.texts("treaties")?,
        summary: f.text("summary")?,
        summary_tr: f.text("summary_tr")?,
        source: f.text("source")?,
        claims: f.claims()?,
        tags: f.texts("tags")?,
        figures: f.figures()?,
    };
    f.done()?;
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::raw::RawDocument;

    /// The fast path and toml agree on every value and span of a record.
    #[test]
    fn builds_what_toml_builds() {
        let chunk = "[[event]]\nid = \"e-1\"  # note\ndate = '1992-03'\ntitle = \"Şanghay\"\ntitle_tr = \"t\"\npartners = [\n  \"russia\", # first\n  'china',\n]\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"x\"\nclaims = [3, 14]\ntags = [\"un\"]\nfigures = [{ what = \"w\", value = 5e9, unit = \"USD\", qualifier = \"about\" }, { what = \"n\", value = -2, unit = \"count\" }]\n";
        let Some(FastRecord::Event(fast)) = record(chunk, Kind::Event) else {
            panic!("the fast path gave up");
        };
        let doc: RawDocument = toml::from_str(chunk).unwrap();
        let slow = &doc.event.unwrap()[0];
        let text = |t: &Text| (t.span(), t.get_ref().to_string());
        assert_eq!(text(&fast.id), text(&slow.id));
        assert_eq!(text(&fast.title), text(&slow.title));
        assert_eq!(fast.date.span(), slow.date.span());
        let texts = |list: &[Text]| list.iter().map(text).collect::<Vec<_>>();
        assert_eq!(texts(&fast.partners), texts(&slow.partners));
        assert_eq!(texts(&fast.tags), texts(&slow.tags));
        assert_eq!(fast.claims, slow.claims);
        let figure = |f: &RawFigure| {
            (
                text(&f.what),
                f.value.span(),
                f.value.get_ref().value(),
                f.qualifier,
            )
        };
        let figures = |list: &[RawFigure]| list.iter().map(figure).collect::<Vec<_>>();
        assert_eq!(figures(&fast.figures), figures(&slow.figures));
    }

    #[test]
    fn gives_up_on_what_it_does_not_read() {
        let base = "[[event]]\nid = \"e\"\ndate = \"1992\"\ntitle = \"t\"\ntitle_tr = \"t\"\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"x\"\n";
        assert!(record(base, Kind::Event).is_some());
        for extra in [
            "note = \"unknown field\"\n",
            "id = \"repeated\"\n",
            "tags = [\"a\\u0062\"]\n",
            "tags = [\"\"\"a\"\"\"]\n",
            "claims = [1_000]\n",
            "claims = [-1]\n",
            "figures = [{ what = \"w\", value = inf, unit = \"u\" }]\n",
            "partners = [[[\"deep\"]]]\n",
            "[event.sub]\n",
            "a.b = 1\n",
        ] {
            let chunk = format!("{base}{extra}");
            assert!(record(&chunk, Kind::Event).is_none(), "took {extra:?}");
        }
        let missing = base.replace("source = \"x\"\n", "");
        assert!(record(&missing, Kind::Event).is_none());
    }
}
