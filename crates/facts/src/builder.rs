//! What a field is built with: a `Builder` makes the base's strings and lists
//! of one chunk's values, and collects their problems. The load (`load/`) gives
//! it each chunk's tables; the field types (`field/`) call it.

use crate::date;
use crate::list::List;
use crate::problem::Problem;
use crate::store::{Arenas, FactDate, Listed};
use crate::string::{POOLED, Pooled, Str, opening, str_end};
use crate::value::{Node, Value};
use std::borrow::Cow;
use std::sync::Mutex;
use toml::Spanned;

/// Offsets and spans fit in 32 bits: files are under 2 GiB.
fn narrow(range: std::ops::Range<usize>) -> std::ops::Range<u32> {
    range.start as u32..range.end as u32
}

/// How a string of the file is written: in quotes, or bare (a TOML date).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Quoted,
    Bare,
}
use Quoting::{Bare, Quoted};

/// Builds the values of one chunk of the file into strings and lists, and
/// collects what is wrong with them.
pub struct Builder<'t, 'p> {
    pub(crate) text: &'t str,
    /// Where the chunk starts in the file: toml's spans are the chunk's.
    pub(crate) base: usize,
    /// Strings that needed unescaping, shared by every worker.
    pub(crate) pool: &'p Mutex<Vec<Pooled>>,
    pub(crate) problems: &'p mut Vec<Problem>,
    pub(crate) arenas: &'p mut Arenas,
}

impl Builder<'_, '_> {
    /// A problem with field `field` at `at` (offsets into the file).
    pub fn field_problem(&mut self, at: std::ops::Range<usize>, field: &str, message: String) {
        self.problems
            .push(Problem::new(Some(at), message).with_field(field));
    }

    /// The text of a value as the file writes it.
    pub(crate) fn literal<T>(&self, value: &Spanned<T>) -> Option<&str> {
        self.text.get(self.span(value))
    }

    /// Where a value of this chunk is in the file.
    pub(crate) fn span<T>(&self, value: &Spanned<T>) -> std::ops::Range<usize> {
        let span = value.span();
        self.base + span.start..self.base + span.end
    }

    /// A string of the base: a slice of the file when TOML needed no unescaping
    /// and the string's end can be found again from its start.
    pub(crate) fn str(&self, text: &Spanned<Cow<str>>) -> Str {
        if let Cow::Borrowed(slice) = text.get_ref() {
            if let Some(str) = self.file_str(slice, Quoted) {
                return str;
            }
        }
        self.pooled(text.get_ref(), self.span(text))
    }

    /// `slice` as a string of the file, if it is one whose end `str_end` finds.
    fn file_str(&self, slice: &str, shape: Quoting) -> Option<Str> {
        let start = (slice.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        let end = start + slice.len();
        let bytes = self.text.as_bytes();
        if end > bytes.len() || start >= POOLED as usize {
            return None;
        }
        let opening = opening(bytes, start);
        // A string that does not follow its quote (a multi-line one's first newline
        // was trimmed) is pooled: its span could not be found again.
        if (shape == Quoted) != opening.is_some() {
            return None;
        }
        let found = match opening {
            // A one-line string toml did not unescape holds no quote of its own
            // kind: no need to look for one. A multi-line string may.
            Some((quote, 1)) if bytes.get(end) == Some(&quote) => {
                // The fuzzers build with debug assertions: they check the shortcut.
                debug_assert_eq!(str_end(bytes, start), end);
                end
            }
            _ => str_end(bytes, start),
        };
        (found == end).then_some(Str(start as u32))
    }

    fn pooled(&self, value: &str, at: std::ops::Range<usize>) -> Str {
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        pool.push(Pooled {
            text: value.to_owned().into(),
            at: narrow(at),
        });
        Str(POOLED | (pool.len() - 1) as u32)
    }

    pub(crate) fn id(&mut self, text: &Spanned<Cow<str>>) -> Str {
        if !is_slug(text.get_ref()) {
            let at = self.span(text);
            self.field_problem(
                at,
                "id",
                format!(
                    "invalid id '{}': ids are lowercase ASCII slugs like 'united-states'",
                    text.get_ref()
                ),
            );
        }
        self.str(text)
    }

    /// Starts a list in this part's arena of `T`; `close` ends it.
    pub(crate) fn open<T: Listed>(&mut self) -> usize {
        T::open(self.arenas)
    }

    pub(crate) fn push<T: Listed>(&mut self, item: T) {
        T::push(self.arenas, item);
    }

    /// The list of the items pushed since `open` gave `head`.
    pub(crate) fn close<T: Listed>(&mut self, head: usize) -> List<T> {
        self.arenas.close(head)
    }

    /// A date field's value: a string or a TOML local date.
    pub(crate) fn date(&mut self, node: Node, name: &'static str) -> Option<FactDate> {
        let at = self.span(&node);
        let span = node.span();
        let (text, str) = match node.into_inner() {
            Value::Text(text) => {
                let spanned = Spanned::new(span, text);
                let str = self.str(&spanned);
                (spanned.into_inner(), str)
            }
            Value::Datetime(datetime) => {
                if datetime.time.is_some() || datetime.offset.is_some() || datetime.date.is_none() {
                    self.field_problem(
                        at,
                        name,
                        format!("invalid date {datetime}: expected a local date without a time"),
                    );
                    return None;
                }
                let text = datetime.to_string();
                let given = self.text.get(at.clone()).unwrap_or_default();
                let str = self
                    .file_str(given, Bare)
                    .filter(|_| given == text)
                    .unwrap_or_else(|| self.pooled(&text, at.clone()));
                (Cow::Owned(text), str)
            }
            other => {
                let message = format!(
                    "invalid type: {}, expected a date string (\"1992\", \"1992-03\", \"1992-03-02\", \"2017/2018\") or a TOML local date",
                    other.what()
                );
                self.field_problem(at, name, message);
                return None;
            }
        };
        match date::parse_period(&text) {
            Ok(period) => Some(FactDate { text: str, period }),
            Err(e) => {
                self.field_problem(at, name, format!("invalid date '{text}': {e}"));
                None
            }
        }
    }
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`
pub fn is_slug(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    // Every byte a letter, a digit or a dash; no dash first, last or doubled.
    bytes.first().is_some_and(word)
        && bytes.last().is_some_and(word)
        && bytes.iter().all(|b| word(b) || *b == b'-')
        && !bytes.windows(2).any(|w| w == b"--")
}

#[cfg(test)]
mod tests {
    use super::is_slug;

    #[test]
    fn slugs() {
        for ok in ["a", "united-states", "e-0000001", "g7", "a-b-c"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "ç", "-"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
