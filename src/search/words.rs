//! The words of a text and of a query, folded (case and diacritics) the way
//! every search compares them, and the English spelling variants that fold to
//! one form.

use std::borrow::Cow;
use std::ops::Range;

#[derive(Clone, Debug)]
pub(super) struct QueryWord {
    pub(super) folded: String,
    /// The spelling-variant form, when it differs from `folded`.
    variant: Option<String>,
    /// Matches a whole word only, not every word it starts.
    pub(super) whole: bool,
}

impl QueryWord {
    pub(super) fn new(folded: String, whole: bool) -> QueryWord {
        QueryWord {
            variant: variant(&folded),
            folded,
            whole,
        }
    }

    pub(super) fn spelled(&self) -> &str {
        self.variant.as_deref().unwrap_or(&self.folded)
    }

    /// True when this word starts the text word (as written, or as its
    /// variant), or is it when `whole`.
    pub(super) fn starts(&self, word: &str) -> bool {
        let fits = |text: &str, query: &str| match self.whole {
            true => text == query,
            false => text.starts_with(query),
        };
        // Folding and variants keep a word's first letter: most words end here.
        if word.as_bytes().first() != self.folded.as_bytes().first() {
            return false;
        }
        if fits(word, &self.folded) {
            return true;
        }
        // A variant changes only a word's ending: most words differ sooner.
        let near = word
            .get(..3)
            .is_some_and(|head| self.spelled().starts_with(head));
        near && fits(variant(word).as_deref().unwrap_or(word), self.spelled())
    }
}

/// True when the character belongs to a word: `char::is_alphanumeric`, with the
/// Latin letters of Turkish and other European texts (U+00C0 to U+024F, all
/// letters but × and ÷) answered without the Unicode tables, where a search of
/// Turkish texts spent a sixth of its time.
pub(super) fn is_word_char(c: char) -> bool {
    match c {
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
    }
}

/// The folded words of a text, as a query has them.
pub(super) fn query_words(text: &str, whole: bool) -> Vec<QueryWord> {
    let mut words = Words::default();
    words.read(text);
    words
        .list
        .iter()
        .map(|w| QueryWord::new(words.folded(w).to_owned(), whole))
        .collect()
}

/// The first place the phrase's words match consecutive words of the text.
pub(super) fn phrase_at(phrase: &[QueryWord], words: &Words) -> Option<Range<usize>> {
    (0..words.list.len()).find_map(|start| {
        let mut at = start;
        for word in phrase {
            at = words.starting_at(at, word)?;
        }
        let first = words.list.get(start)?;
        let last = words.list.get(at.checked_sub(1)?)?;
        Some(first.at.start..last.at.end)
    })
}

/// The words of one text, folded into one buffer: an allocation a search, not
/// one a word.
#[derive(Default)]
pub(super) struct Words {
    folded: String,
    pub(super) list: Vec<TextWord>,
}

pub(super) struct TextWord {
    /// Bytes in the text.
    pub(super) at: Range<usize>,
    /// Bytes in `Words::folded`.
    folded: Range<usize>,
    /// The word is a prefix joined to the next by a hyphen (`co-operation`).
    hyphen_after: bool,
}

/// Prefixes English writes with or without a hyphen: `cooperation` finds
/// `co-operation`. Other hyphens join words (`talks-in-astana`) that stay apart.
const HYPHENED_PREFIXES: [&str; 13] = [
    "anti", "co", "counter", "cross", "inter", "multi", "non", "post", "pre", "re", "semi", "sub",
    "trans",
];

impl Words {
    pub(super) fn read(&mut self, text: &str) {
        self.folded.clear();
        self.list.clear();
        if text.is_ascii() {
            return self.read_ascii(text);
        }
        let mut rest = text.char_indices().peekable();
        while let Some((start, c)) = rest.next() {
            if !is_word_char(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some((i, c)) = rest.next_if(|(_, c)| is_word_char(*c)) {
                end = i + c.len_utf8();
            }
            let word = text.get(start..end).unwrap_or_default();
            self.push_word(text, start..end, |folded| {
                crate::text::fold_into(word, folded)
            });
        }
    }

    /// The word of `text` at `at`, folded into the buffer by `fold`.
    fn push_word(&mut self, text: &str, at: Range<usize>, fold: impl FnOnce(&mut String)) {
        let from = self.folded.len();
        fold(&mut self.folded);
        let folded = from..self.folded.len();
        let hyphen_after = text.get(at.end..).is_some_and(|after| {
            after.starts_with('-') && after.chars().nth(1).is_some_and(is_word_char)
        }) && self
            .folded
            .get(folded.clone())
            .is_some_and(|w| HYPHENED_PREFIXES.contains(&w));
        self.list.push(TextWord {
            at,
            folded,
            hyphen_after,
        });
    }

    /// `read` for an ASCII text, a byte a word at a time: most texts are ASCII,
    /// and reading them char by char was most of a search's time.
    fn read_ascii(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
                continue;
            }
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let word = text.get(start..i).unwrap_or_default();
            self.push_word(text, start..i, |folded| {
                folded.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())))
            });
        }
    }

    /// The first word as a query word spells it (`QueryWord::spelled`).
    pub(super) fn first_spelled(&self) -> Option<Cow<'_, str>> {
        let folded = self.folded(self.list.first()?);
        Some(variant(folded).map_or(Cow::Borrowed(folded), Cow::Owned))
    }

    pub(super) fn folded(&self, word: &TextWord) -> &str {
        self.folded.get(word.folded.clone()).unwrap_or_default()
    }

    /// The index after the words `word` matches from `at` on: it starts word
    /// `at`, or spells out words joined by hyphens (`cooperation`,
    /// `co-operation`). None when it does not match there.
    pub(super) fn starting_at(&self, at: usize, word: &QueryWord) -> Option<usize> {
        let first = self.list.get(at)?;
        if word.starts(self.folded(first)) {
            return Some(at + 1);
        }
        let mut rest = word.folded.as_str();
        let mut index = at;
        while let Some(current) = self.list.get(index).filter(|w| w.hyphen_after) {
            rest = rest.strip_prefix(self.folded(current))?;
            index += 1;
            let next = self.list.get(index)?;
            if self.folded(next).starts_with(rest) {
                return Some(index + 1);
            }
        }
        None
    }
}

/// The spelling a few English variants share, for a folded word, when it is
/// not the word itself: `-ise`/`-yse` forms as `-ize`/`-yze` (recognise,
/// organisation, analyse), `-our` as `-or` (neighbour, favourite), `-tre` as
/// `-ter` (centre), `-ence` after c, f or t as `-ense` (defence, licence),
/// `-elled`/`-alled` and kin with one `l` (travelled, signalling), `-ogue` as
/// `-og` (dialogue), `-amme` as `-am` (programme). A stem of at least three
/// letters must come first (two for `-tre`), so `four`, `wise` and `rogue` stay.
fn variant(word: &str) -> Option<String> {
    const RULES: &[(&str, &str, &[&str], usize)] = &[
        (
            "is",
            "iz",
            &["e", "ed", "es", "ing", "er", "ers", "ation", "ations"],
            3,
        ),
        ("ys", "yz", &["e", "ed", "es", "ing"], 2),
        (
            "our",
            "or",
            &[
                "", "s", "ed", "ing", "ite", "ites", "able", "ably", "er", "ers", "ful", "hood",
                "less",
            ],
            3,
        ),
        ("tre", "ter", &["", "s"], 2),
        ("ogue", "og", &["", "s"], 3),
        ("amme", "am", &["", "s"], 3),
    ];
    for (from, to, endings, stem) in RULES {
        for ending in *endings {
            let Some(head) = word.strip_suffix(ending).and_then(|w| w.strip_suffix(from)) else {
                continue;
            };
            if head.len() >= *stem {
                return Some(format!("{head}{to}{ending}"));
            }
        }
    }
    ence(word).or_else(|| double_l(word))
}

/// `defence` → `defense`, `licences` → `licenses`.
fn ence(word: &str) -> Option<String> {
    let (head, ending) = ["ence", "ences"]
        .iter()
        .find_map(|e| word.strip_suffix(e).map(|h| (h, e)))?;
    let keeps = head.len() >= 3 && head.ends_with(['c', 'f', 't']);
    keeps.then(|| format!("{head}ens{}", ending.get(3..).unwrap_or_default()))
}

/// `travelled` → `traveled`, `signalling` → `signaling`.
fn double_l(word: &str) -> Option<String> {
    ["ed", "ing", "er", "ers", "or", "ors"]
        .iter()
        .find_map(|ending| {
            let head = word.strip_suffix(ending)?.strip_suffix("ll")?;
            (head.len() >= 3 && head.ends_with(['a', 'e'])).then(|| format!("{head}l{ending}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_char_is_an_alphanumeric_one() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn variants_share_one_spelling() {
        let same = |a: &str, b: &str| {
            assert_eq!(
                variant(a).unwrap_or(a.to_owned()),
                variant(b).unwrap_or(b.to_owned()),
                "{a} / {b}"
            )
        };
        same("recognise", "recognize");
        same("organisations", "organizations");
        same("neighbouring", "neighboring");
        same("centre", "center");
        same("defence", "defense");
        same("travelled", "traveled");
        same("programme", "program");
        same("dialogue", "dialog");
        same("analyse", "analyze");
        for kept in [
            "four", "your", "wise", "rogue", "source", "filled", "hence", "is",
        ] {
            assert_eq!(variant(kept), None, "{kept}");
        }
    }
}
