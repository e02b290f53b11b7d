//! Text search, one set of rules for `-s/--search`, `kzfp search` and ID lookup by
//! name: a query word matches a word of the text that it starts (`çin` finds
//! `Çin'in` and `Çinli`, never `için`), ignoring case and diacritics; words that
//! touch (`2017/2018`, `Çin'e`) or stand in double quotes match in order, one
//! after the other; a few English spelling variants fold to one form
//! (`recognise`/`recognize`, see `variant`). Every term must match somewhere.

use crate::facts::declare::FieldRole;
use crate::facts::{FactBase, Index, Kind};
use crate::record::{Record, Value};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use words::{QueryWord, Words, is_word_char, phrase_at, query_words};

mod words;

/// A parsed search: every term must match (AND).
#[derive(Clone, Debug, Default)]
pub struct Search {
    terms: Vec<Term>,
}

/// Words that must match consecutive words of one text; or, when the term is a
/// record's name, its name in the other language, word for word.
#[derive(Clone, Debug)]
struct Term {
    words: Phrase,
    other_names: Vec<Phrase>,
    /// The partners, orgs and treaties one of whose keys the term matches
    /// (`naming`): a record that refers to one matches the term.
    named: HashSet<(Kind, Index)>,
    /// The first (at most two) letters of each of its phrases, folded: a text
    /// the term matches has a word starting with one of them (`may_match`).
    heads: Vec<String>,
}

/// A text read as one phrase, as `-s '"…"'` reads it: ID lookup by name.
#[derive(Clone, Debug)]
pub struct Phrase {
    words: Vec<QueryWord>,
}

impl Phrase {
    pub fn new(text: &str) -> Phrase {
        Phrase {
            words: query_words(text, false),
        }
    }

    /// True when the text is the phrase, word for word (spelling variants and
    /// punctuation aside: `alma ata declaration` is `Alma-Ata Declaration`).
    pub fn is(&self, text: &str) -> bool {
        self.is_words(&query_words(text, true))
    }

    /// The same, for a text's words already read.
    fn is_words(&self, words: &[QueryWord]) -> bool {
        !words.is_empty()
            && words.len() == self.words.len()
            && words
                .iter()
                .zip(&self.words)
                .all(|(n, w)| n.spelled() == w.spelled())
    }

    /// What tells two phrases apart: their folded words, and whether whole.
    fn key(&self) -> Vec<(String, bool)> {
        self.words
            .iter()
            .map(|w| (w.folded.clone(), w.whole))
            .collect()
    }

    /// True when the phrase's words start words of the text, one after the other.
    pub fn starts_words_of(&self, text: &str) -> bool {
        let mut words = Words::default();
        words.read(text);
        !self.words.is_empty() && phrase_at(&self.words, &words).is_some()
    }
}

/// Where one term matched: the record's field, that field's text and the bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit<'a> {
    pub term: usize,
    pub field: &'static str,
    pub text: &'a str,
    pub at: Range<usize>,
}

impl Search {
    /// The terms of `-s` values: words split at spaces, a double-quoted part one
    /// phrase.
    pub fn new(values: &[String]) -> Search {
        let mut terms: Vec<Term> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for value in values {
            for (index, part) in value.split('"').enumerate() {
                let quoted = index % 2 == 1;
                let found: Vec<Term> = if quoted {
                    Term::of(part).into_iter().collect()
                } else {
                    part.split_whitespace().filter_map(Term::of).collect()
                };
                // A term given twice must match once: `russia russia` is `russia`.
                for term in found {
                    if seen.insert(term.words.key()) {
                        terms.push(term);
                    }
                }
            }
        }
        Search { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The search with each term that is the English or Turkish name of a
    /// partner, org or treaty also matching its other name as whole words:
    /// `china` finds `Çin'e`, `çin` finds `China`.
    pub fn naming(mut self, base: &FactBase) -> Search {
        if self.terms.is_empty() {
            return self;
        }
        // Each name's words once, compared only with the terms whose first word
        // is spelled as its first: a query of 10,000 words.
        let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, term) in self.terms.iter().enumerate() {
            if let Some(first) = term.words.words.first() {
                by_first.entry(first.spelled()).or_default().push(index);
            }
        }
        let by_first: HashMap<String, Vec<usize>> = by_first
            .into_iter()
            .map(|(first, terms)| (first.to_owned(), terms))
            .collect();
        let mut words = Words::default();
        for kind in [Kind::Partner, Kind::Org, Kind::Treaty] {
            for index in 0..base.count(kind) as Index {
                let en = base.display_name(kind, index, false);
                let tr = base.display_name(kind, index, true);
                for (name, other) in [(en, tr), (tr, en)] {
                    // Most names start with no term's word: their words unread.
                    words.read(name);
                    let first = words.first_spelled();
                    let Some(terms) = first.and_then(|first| by_first.get(first.as_ref())) else {
                        continue;
                    };
                    let (name, other) = (query_words(name, true), query_words(other, true));
                    for &term in terms {
                        if let Some(term) = self.terms.get_mut(term)
                            && term.words.is_words(&name)
                            && !term.words.is_words(&other)
                        {
                            term.other_names.push(Phrase {
                                words: other.clone(),
                            });
                        }
                    }
                }
            }
        }
        // A second pass: a key matches through any of a term's other names,
        // which are only all known once every record has been read.
        self.know_names(base);
        self
    }

    /// For `matches_referring`: which records each term names, and its heads.
    fn know_names(&mut self, base: &FactBase) {
        for term in &mut self.terms {
            term.heads = std::iter::once(&term.words)
                .chain(&term.other_names)
                .filter_map(|phrase| phrase.words.first())
                .map(|word| word.folded.chars().take(2).collect())
                .collect();
        }
        // A key is tried only on the terms one of whose heads starts one of its
        // words, when there are many: keys times terms was most of a
        // 14,000-word search.
        let by_head = TermsByHead::new(&self.terms);
        let mut words = Words::default();
        let mut tried = Vec::new();
        for kind in [Kind::Partner, Kind::Org, Kind::Treaty] {
            for index in 0..base.count(kind) as Index {
                for key in base.keys(kind, index) {
                    words.read(key);
                    by_head.of_words(&words, &mut tried);
                    for &term in &tried {
                        if let Some(term) = self.terms.get_mut(term)
                            && term.find(&words).is_some()
                        {
                            term.named.insert((kind, index));
                        }
                    }
                }
            }
        }
    }

    /// True when every term matches some text of the record or a name of a
    /// record it refers to (`referred`: field and text).
    pub fn matches<'a>(&self, record: &Record<'a>, referred: &[(&'static str, &'a str)]) -> bool {
        if self.is_empty() {
            return true;
        }
        // Term by term, stopping at the first that matches nowhere.
        let mut words = Words::default();
        self.terms.iter().all(|term| {
            term.in_values(record.fields.iter().map(|(_, value)| value), &mut words)
                || referred
                    .iter()
                    .any(|(_, text)| term.in_text(text, &mut words))
        })
    }

    /// `matches`, for a record that refers to the records `refers_to`: what
    /// `-s` asks of every record of a listing, so it reads a text only when it
    /// may hold the term (`Term::may_match`) and the names of the records
    /// referred to not at all (`naming` matched each once). The same answer as
    /// `matches` with their names (tests/search.rs compares the two).
    pub fn matches_referring(&self, record: &Record, refers_to: &[(Kind, Index)]) -> bool {
        let mut words = Words::default();
        self.terms.iter().all(|term| {
            refers_to.iter().any(|r| term.named.contains(r))
                || term.in_values(record.fields.iter().map(|(_, value)| value), &mut words)
        })
    }

    /// How well the record matches, best 0: 0 when every term matches an id,
    /// name, title, acronym or alias; None when some term does not match.
    pub fn rank<'a>(
        &self,
        record: &Record<'a>,
        referred: &[(&'static str, &'a str)],
    ) -> Option<usize> {
        if !self.matches(record, referred) {
            return None;
        }
        // Only the fields that name the record: the names of referred records
        // are in fields that refer, never in one that names.
        let mut words = Words::default();
        let names = record.fields.iter().filter(|(field, _)| is_name(field));
        let named = |term: &Term| term.in_values(names.clone().map(|(_, value)| value), &mut words);
        Some(if self.terms.iter().all(named) { 0 } else { 1 })
    }

    /// The first hit of each term in each field, in field order, then in the
    /// names of referred records.
    pub fn hits<'a>(
        &self,
        record: &Record<'a>,
        referred: &[(&'static str, &'a str)],
    ) -> Vec<Hit<'a>> {
        let mut hits = Vec::new();
        let mut words = Words::default();
        let mut look = |field: &'static str, text: &'a str, found: &mut [bool]| {
            words.read(text);
            let terms = self.terms.iter().zip(found.iter_mut()).enumerate();
            for (term, (wanted, done)) in terms.filter(|(_, (_, done))| !**done) {
                if let Some(at) = wanted.find(&words) {
                    *done = true;
                    hits.push(Hit {
                        term,
                        field,
                        text,
                        at,
                    });
                }
            }
        };
        for (field, value) in &record.fields {
            let mut found = vec![false; self.terms.len()];
            texts(value, &mut |text| look(field, text, &mut found));
        }
        for (field, text) in referred {
            look(field, text, &mut vec![false; self.terms.len()]);
        }
        hits
    }

    /// What matched outside the fields a table shows, for its MATCH column: per
    /// term with no hit in a shown field, its first hit (`summary: …text…`);
    /// terms that hit one text share its excerpt.
    pub fn snippet(&self, record: &Record, shown: impl Fn(&str) -> bool) -> String {
        let hits = self.hits(record, &[]);
        let mut unseen: Vec<Hit> = Vec::new();
        for term in 0..self.terms.len() {
            let mut of_term = hits.iter().filter(|h| h.term == term).peekable();
            if of_term.clone().any(|h| shown(h.field)) {
                continue;
            }
            let Some(hit) = of_term.next() else { continue };
            match unseen
                .iter_mut()
                .find(|h| h.field == hit.field && std::ptr::eq(h.text, hit.text))
            {
                Some(same) => {
                    same.at = same.at.start.min(hit.at.start)..same.at.end.max(hit.at.end)
                }
                None => unseen.push(hit.clone()),
            }
        }
        unseen
            .iter()
            .map(|h| format!("{}: {}", h.field, h.excerpt()))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl Hit<'_> {
    /// About 60 characters of the text around the hit, cut at spaces, on one line.
    pub fn excerpt(&self) -> String {
        const BEFORE: usize = 20;
        const WIDTH: usize = 60;
        let text = self.text;
        let head = text.get(..self.at.start).unwrap_or_default();
        let start = head
            .char_indices()
            .rev()
            .nth(BEFORE.saturating_sub(1))
            .map_or(0, |(i, _)| word_start(text, i).min(self.at.start));
        let tail = text.get(start..).unwrap_or_default();
        let end = tail
            .char_indices()
            .nth(WIDTH)
            .map_or(text.len(), |(i, _)| word_end(text, start + i))
            .max(self.at.end);
        let cut = text.get(start..end).unwrap_or_default();
        let line = cut.split_whitespace().collect::<Vec<_>>().join(" ");
        let before = if start > 0 { "…" } else { "" };
        let after = if end < text.len() { "…" } else { "" };
        format!("{before}{line}{after}")
    }
}

/// How far an excerpt's edge moves to fall between words.
const SLACK: usize = 12;

/// `at` moved forward past the next space, when one is near.
fn word_start(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    rest.char_indices()
        .take(SLACK)
        .find(|(_, c)| c.is_whitespace())
        .map_or(at, |(i, c)| at + i + c.len_utf8())
}

/// `at` moved back to the last space before it, when one is near.
fn word_end(text: &str, at: usize) -> usize {
    let head = text.get(..at).unwrap_or_default();
    head.char_indices()
        .rev()
        .take(SLACK)
        .find(|(_, c)| c.is_whitespace())
        .map_or(at, |(i, _)| i)
}

/// Calls `each` on every text inside a value.
fn texts<'a>(value: &Value<'a>, each: &mut impl FnMut(&'a str)) {
    match value {
        Value::Text(text) => each(text),
        Value::List(items) => items.iter().for_each(|v| texts(v, each)),
        Value::Object(record) => record.fields.iter().for_each(|(_, v)| texts(v, each)),
        Value::Null | Value::Number(_) | Value::Integer(_) => {}
    }
}

impl Term {
    fn of(text: &str) -> Option<Term> {
        let words = Phrase::new(text);
        (!words.words.is_empty()).then_some(Term {
            words,
            other_names: Vec::new(),
            named: HashSet::new(),
            heads: Vec::new(),
        })
    }

    /// False when the term cannot match in `text`: no word of it starts with a
    /// head of the term. Sound because a query word matches only a word that
    /// starts with its first two letters: folding keeps them, spelling variants
    /// change letters after the second, and a hyphened prefix (`co-`) has two.
    fn may_match(&self, text: &str) -> bool {
        if self.heads.is_empty() {
            return true;
        }
        if text.is_ascii() {
            let bytes = text.as_bytes();
            return self
                .heads
                .iter()
                .any(|head| ascii_word_starts(bytes, head.as_bytes()));
        }
        let mut head = String::new();
        let mut after_letter = false;
        for (at, c) in text.char_indices() {
            let letter = is_word_char(c);
            if letter && !after_letter {
                head.clear();
                let word = text.get(at..).unwrap_or_default().chars();
                for c in word.take_while(|c| is_word_char(*c)).take(2) {
                    crate::text::fold_into(c.encode_utf8(&mut [0; 4]), &mut head);
                }
                if self.heads.iter().any(|h| head.starts_with(h.as_str())) {
                    return true;
                }
            }
            after_letter = letter;
        }
        false
    }

    /// True when the term matches a text inside one of the values; `words` is
    /// the buffer a text is read into, and only when it may hold the term.
    fn in_values<'v, 'a: 'v>(
        &self,
        values: impl IntoIterator<Item = &'v Value<'a>>,
        words: &mut Words,
    ) -> bool {
        values.into_iter().any(|value| {
            let mut found = false;
            texts(value, &mut |text| {
                found = found || self.in_text(text, words)
            });
            found
        })
    }

    fn in_text(&self, text: &str, words: &mut Words) -> bool {
        self.may_match(text) && {
            words.read(text);
            self.find(words).is_some()
        }
    }

    /// The bytes of the text where the term matches: its words, or one of its
    /// other names, on consecutive words.
    fn find(&self, words: &Words) -> Option<Range<usize>> {
        std::iter::once(&self.words)
            .chain(&self.other_names)
            .find_map(|phrase| phrase_at(&phrase.words, words))
    }
}

/// True when a word of an ASCII text starts with `head` (lowercase, letters
/// and digits), ignoring case.
fn ascii_word_starts(text: &[u8], head: &[u8]) -> bool {
    let Some(&first) = head.first() else {
        return true;
    };
    text.iter().enumerate().any(|(at, b)| {
        b.to_ascii_lowercase() == first
            && (at == 0 || !text.get(at - 1).is_some_and(u8::is_ascii_alphanumeric))
            && text
                .get(at..at + head.len())
                .is_some_and(|word| word.eq_ignore_ascii_case(head))
    })
}

/// The terms by their heads (`Term::heads`), to find those that may match a
/// text without trying each.
struct TermsByHead {
    terms: HashMap<String, Vec<usize>>,
    /// Terms with no head, or an empty one, or every term when they are few:
    /// tried on every text.
    always: Vec<usize>,
}

/// Below this many terms, trying each on a text costs less than finding the
/// ones to try (`timeline -s russia`: 14.97 M instructions tried on each, 16.36 M
/// through the heads, callgrind).
const FEW_TERMS: usize = 16;

impl TermsByHead {
    fn new(terms: &[Term]) -> TermsByHead {
        let mut by_head = TermsByHead {
            terms: HashMap::new(),
            always: Vec::new(),
        };
        if terms.len() < FEW_TERMS {
            by_head.always.extend(0..terms.len());
            return by_head;
        }
        for (index, term) in terms.iter().enumerate() {
            if term.heads.iter().any(String::is_empty) || term.heads.is_empty() {
                by_head.always.push(index);
            }
            for head in term.heads.iter().filter(|h| !h.is_empty()) {
                by_head.terms.entry(head.clone()).or_default().push(index);
            }
        }
        by_head
    }

    /// The terms that may match the words, in order, each once, into `found`.
    fn of_words(&self, words: &Words, found: &mut Vec<usize>) {
        found.clear();
        found.extend_from_slice(&self.always);
        if self.terms.is_empty() {
            return;
        }
        for word in &words.list {
            let folded = words.folded(word);
            // A head is a word's first letter or first two (`Term::may_match`).
            for letters in [1, 2] {
                let head = folded
                    .char_indices()
                    .nth(letters)
                    .map_or(folded, |(at, _)| folded.get(..at).unwrap_or_default());
                if head.chars().count() == letters {
                    found.extend(self.terms.get(head).into_iter().flatten());
                }
            }
        }
        found.sort_unstable();
        found.dedup();
    }
}

/// Whether a field names its record: its id, or a field the schema declares a
/// name, a Turkish name or an alias.
fn is_name(field: &str) -> bool {
    field == "id"
        || [FieldRole::Name, FieldRole::NameTr, FieldRole::Alias]
            .iter()
            .any(|role| role.fields().contains(&field))
}
