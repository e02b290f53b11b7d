//! The base's strings: 32 bits each, most an offset into the fact file's own
//! text (`Str`), the rest entries of a pool (`Pooled`).

use crate::literal::Literal;
use crate::scan;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt::Write;

/// A string of the fact base in 32 bits. Most are a string of the file, held as
/// the offset of its first byte: its end is found again when it is read (the next
/// quote like the one before it, or the end of a bare date). Any other string
/// (escapes, a quote inside a multi-line string) is an entry of the base's pool,
/// with the top bit set. A million events hold seven strings each: 4 bytes a
/// string instead of an offset and a length saves 28 MB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Str(pub(crate) u32);

pub(crate) const POOLED: u32 = 1 << 31;

impl Default for Str {
    fn default() -> Self {
        Str::EMPTY
    }
}

impl Str {
    /// The empty string: a pool entry no pool has.
    pub(crate) const EMPTY: Str = Str(u32::MAX);

    /// Byte offset of this string in the fact file, when it is a slice of it.
    pub fn offset(self) -> Option<usize> {
        (self.0 & POOLED == 0).then_some(self.0 as usize)
    }

    /// The string whose raw form `literal` wrote.
    pub const fn from_raw(raw: u32) -> Str {
        Str(raw)
    }

    pub(crate) fn pool_index(self) -> usize {
        (self.0 & !POOLED) as usize
    }
}

/// Where the string of the file that starts at `start` ends: at the next quote
/// like the one in front of it, or, for a bare value (a TOML date), after the
/// last byte a date can have.
pub(crate) fn str_end(text: &[u8], start: usize) -> usize {
    match opening(text, start) {
        Some((quote, _)) => scan::find(text, start, [quote]),
        None => {
            let rest = text.get(start..).unwrap_or_default();
            let bare =
                |b: &&u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'.' | b'+');
            start + rest.iter().take_while(bare).count()
        }
    }
}

/// The quote in front of the string of the file that starts at `start`, and how
/// many of it open the string: three for a multi-line string, else one. None for
/// a bare value.
pub(crate) fn opening(text: &[u8], start: usize) -> Option<(u8, usize)> {
    let before = |n: usize| start.checked_sub(n).and_then(|i| text.get(i)).copied();
    let quote = before(1).filter(|q| matches!(q, b'"' | b'\''))?;
    let multi_line = before(2) == Some(quote) && before(3) == Some(quote);
    Some((quote, if multi_line { 3 } else { 1 }))
}

/// A string of the pool, and where the file gives it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pooled {
    pub(crate) text: Cow<'static, str>,
    pub(crate) at: std::ops::Range<u32>,
}

impl Pooled {
    /// The entry whose parts `literal` wrote.
    pub const fn from_raw(text: &'static str, start: u32, end: u32) -> Pooled {
        Pooled {
            text: Cow::Borrowed(text),
            at: start..end,
        }
    }
}

impl Literal for Str {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "Str::from_raw({})", self.0);
    }
}

impl Literal for Pooled {
    fn literal(&self, out: &mut String) {
        let _ = write!(
            out,
            "Pooled::from_raw({:?}, {}, {})",
            &*self.text, self.at.start, self.at.end
        );
    }
}
