//! The field types of the schema. Each says, once, how a field of its type is
//! described (`TYPE`), read from a TOML value and checked (`build`, which reports
//! every problem and still returns a value, so one record can show several),
//! stored (`Fact`), moved when parts join (`shift`), resolved (`resolve`) and
//! shown to renderers (`show`).

use crate::builder::{Builder, is_slug};
use crate::decl::{Shape, Sink, TableDecl, Type};
use crate::list::List;
use crate::resolver::Resolver;
use crate::store::{Arenas, FactDate, Shift, Slice, Store};
use crate::string::Str;
use crate::value::{Fields, Node, Value};
use crate::words::Words;
use std::marker::PhantomData;
use std::ops::Range;
use toml::Spanned;

mod number;
mod refs;
mod relations;

pub use number::{Figures, Number, OptCount};
pub use refs::{OptRef, Orgs, Partners, Refs, Treaties};
pub use relations::{History, Relations, Statuses, relation_fields};

pub trait FieldType {
    type Fact: Clone + std::fmt::Debug + Default + serde::Serialize + serde::de::DeserializeOwned;
    const TYPE: Type;

    /// The value of field `name`, `None` when the table lacks it.
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, ctx: &mut Ctx)
    -> Self::Fact;

    fn shift(_fact: &mut Self::Fact, _by: Shift, _arenas: &mut Arenas) {}

    /// Resolves the ids of a list field in the arenas, where they are.
    fn resolve(
        _fact: &Self::Fact,
        _resolver: &mut Resolver,
        _arenas: &mut Arenas,
        _name: &'static str,
    ) {
    }

    /// Resolves an id the record holds itself.
    fn resolve_held(_fact: &mut Self::Fact, _resolver: &mut Resolver, _name: &'static str) {}

    /// Adds the names the record answers to (besides its id and aliases) that
    /// this field holds.
    fn names(_fact: &Self::Fact, _names: &mut Vec<Str>) {}

    /// The field's one string, for a field that has one (a record's name).
    fn one_str(_fact: &Self::Fact) -> Option<Str> {
        None
    }

    fn show<S: Sink>(fact: &Self::Fact, store: &Store, name: &'static str, sink: &mut S);
}

/// What building one table needs besides its fields: where the table is (for
/// "missing field") and which required fields were missing.
pub struct Ctx {
    record: Range<usize>,
    missing: Vec<&'static str>,
}

impl Ctx {
    pub fn new(record: Range<usize>) -> Ctx {
        Ctx {
            record,
            missing: Vec::new(),
        }
    }

    /// A required field is missing; reported by `finish` unless an unknown field
    /// is a misspelling of it.
    fn missing<T: Default>(&mut self, name: &'static str) -> T {
        self.missing.push(name);
        T::default()
    }

    /// Reports the fields the table has that `decl` does not know, and the
    /// required ones it lacks. A misspelt required field is one problem, at the
    /// misspelling, not two.
    pub fn finish(mut self, b: &mut Builder, unknown: &mut Fields, decl: &TableDecl) {
        for (key, _) in unknown.list.drain(..) {
            let at = b.span(&key);
            let key = key.into_inner();
            let close = |name: &&&str| strsim::jaro_winkler(name, &key) >= 0.85;
            let message = match self.missing.iter().position(|m| close(&m)) {
                Some(i) => {
                    let name = self.missing.swap_remove(i);
                    format!("unknown field `{key}`; did you mean `{name}` (required)?")
                }
                None => match decl.names.iter().find(|n| close(n)) {
                    Some(name) => format!("unknown field `{key}`; did you mean `{name}`?"),
                    None => format!(
                        "unknown field `{key}`, expected one of {}",
                        decl.names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                },
            };
            b.field_problem(at, &key, message);
        }
        let record = self.record.clone();
        // A whole table is pointed at by its first line.
        let at = if record.len() > 200 {
            record.start..record.start
        } else {
            record
        };
        for name in self.missing {
            b.field_problem(at.clone(), name, format!("missing field `{name}`"));
        }
    }
}

/// A field's value is not of its type.
fn wrong(b: &mut Builder, node: &Node, name: &'static str, expected: &str) {
    let at = b.span(node);
    let message = match oversized_integer(b, node) {
        Some(text) => {
            format!("invalid value: {text} is too large for a 64-bit integer, expected {expected}")
        }
        None => format!(
            "invalid type: {}, expected {expected}",
            node.get_ref().what()
        ),
    };
    b.field_problem(at, name, message);
}

/// An integer written in the file that toml could not keep (past 64 bits: it
/// reads it as a float NaN): its text.
fn oversized_integer(b: &Builder, node: &Node) -> Option<String> {
    if !matches!(node.get_ref(), Value::Float(_)) {
        return None;
    }
    let text = b.literal(node)?.trim();
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    (!digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit() || c == b'_'))
        .then(|| text.to_owned())
}

/// The items of a list field; a value that is not an array is a problem.
fn items<'a>(b: &mut Builder, value: Option<Node<'a>>, name: &'static str) -> Vec<Node<'a>> {
    let Some(node) = value else {
        return Vec::new();
    };
    let span = node.span();
    match node.into_inner() {
        Value::Array(items) => items,
        other => {
            wrong(b, &Spanned::new(span, other), name, "an array");
            Vec::new()
        }
    }
}

/// The text of a string value; anything else is a problem.
fn text<'a>(
    b: &mut Builder,
    node: Node<'a>,
    name: &'static str,
) -> Option<Spanned<std::borrow::Cow<'a, str>>> {
    let span = node.span();
    match node.into_inner() {
        Value::Text(t) => Some(Spanned::new(span, t)),
        other => {
            wrong(b, &Spanned::new(span, other), name, "a string");
            None
        }
    }
}

/// A string.
pub struct Text;

impl FieldType for Text {
    type Fact = Str;
    const TYPE: Type = Type::one(Shape::Text);
    fn one_str(fact: &Str) -> Option<Str> {
        Some(*fact)
    }
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, ctx: &mut Ctx) -> Str {
        match value {
            None => ctx.missing(name),
            Some(node) => text(b, node, name).map_or(Str::default(), |t| b.str(&t)),
        }
    }
    fn show<S: Sink>(fact: &Str, _: &Store, name: &'static str, sink: &mut S) {
        sink.text(name, Some(*fact));
    }
}

/// A string that must not be blank (a record's `source`).
pub struct NonBlank;

impl FieldType for NonBlank {
    type Fact = Str;
    const TYPE: Type = Type::one(Shape::NonBlank);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, ctx: &mut Ctx) -> Str {
        match value {
            None => ctx.missing(name),
            Some(node) => text(b, node, name).map_or(Str::default(), |t| {
                if t.get_ref().trim().is_empty() {
                    let at = b.span(&t);
                    b.field_problem(
                        at,
                        name,
                        format!("empty {name}: give the article's section or 'outside: <basis>'"),
                    );
                }
                b.str(&t)
            }),
        }
    }
    fn show<S: Sink>(fact: &Str, _: &Store, name: &'static str, sink: &mut S) {
        sink.text(name, Some(*fact));
    }
}

/// A name the record answers to (`kzfp partner Rusya`), required.
pub struct Name;

impl FieldType for Name {
    type Fact = Str;
    const TYPE: Type = Type::one(Shape::Text);
    fn one_str(fact: &Str) -> Option<Str> {
        Some(*fact)
    }
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, ctx: &mut Ctx) -> Str {
        Text::build(b, value, name, ctx)
    }
    fn names(fact: &Str, names: &mut Vec<Str>) {
        names.push(*fact);
    }
    fn show<S: Sink>(fact: &Str, store: &Store, name: &'static str, sink: &mut S) {
        Text::show(fact, store, name, sink);
    }
}

/// A name the record answers to, if given (an acronym).
pub struct OptName;

impl FieldType for OptName {
    type Fact = Option<Str>;
    const TYPE: Type = Type::optional(Shape::Text);
    fn build(
        b: &mut Builder,
        value: Option<Node>,
        name: &'static str,
        ctx: &mut Ctx,
    ) -> Self::Fact {
        OptText::build(b, value, name, ctx)
    }
    fn names(fact: &Option<Str>, names: &mut Vec<Str>) {
        names.extend(*fact);
    }
    fn show<S: Sink>(fact: &Option<Str>, store: &Store, name: &'static str, sink: &mut S) {
        OptText::show(fact, store, name, sink);
    }
}

/// A string that may be left out.
pub struct OptText;

impl FieldType for OptText {
    type Fact = Option<Str>;
    const TYPE: Type = Type::optional(Shape::Text);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Self::Fact {
        value
            .and_then(|node| text(b, node, name))
            .map(|t| b.str(&t))
    }
    fn show<S: Sink>(fact: &Option<Str>, _: &Store, name: &'static str, sink: &mut S) {
        sink.text(name, *fact);
    }
}

/// A record's id: a slug.
pub struct Id;

impl FieldType for Id {
    type Fact = Str;
    const TYPE: Type = Type::one(Shape::Slug);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, ctx: &mut Ctx) -> Str {
        match value {
            None => ctx.missing(name),
            Some(node) => text(b, node, name).map_or(Str::default(), |t| b.id(&t)),
        }
    }
    fn show<S: Sink>(fact: &Str, _: &Store, name: &'static str, sink: &mut S) {
        sink.text(name, Some(*fact));
    }
}

/// A list of strings.
pub struct Texts;

impl FieldType for Texts {
    type Fact = List<Str>;
    const TYPE: Type = Type::list(Shape::Text);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> List<Str> {
        strs(b, value, name, false)
    }
    fn shift(fact: &mut List<Str>, by: Shift, _: &mut Arenas) {
        *fact = fact.shifted(by.strs);
    }
    fn show<S: Sink>(fact: &List<Str>, store: &Store, name: &'static str, sink: &mut S) {
        sink.texts(name, store.list(*fact).iter().copied());
    }
}

/// A list of slugs (tags).
pub struct Tags;

impl FieldType for Tags {
    type Fact = List<Str>;
    const TYPE: Type = Type::list(Shape::Slug);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> List<Str> {
        strs(b, value, name, true)
    }
    fn shift(fact: &mut List<Str>, by: Shift, _: &mut Arenas) {
        *fact = fact.shifted(by.strs);
    }
    fn show<S: Sink>(fact: &List<Str>, store: &Store, name: &'static str, sink: &mut S) {
        sink.texts(name, store.list(*fact).iter().copied());
    }
}

fn strs(b: &mut Builder, value: Option<Node>, name: &'static str, slugs: bool) -> List<Str> {
    let items = items(b, value, name);
    let head = b.open::<Str>();
    for item in items {
        let Some(t) = text(b, item, name) else {
            continue;
        };
        if slugs && !is_slug(t.get_ref()) {
            let at = b.span(&t);
            b.field_problem(
                at,
                name,
                format!("invalid tag '{}': tags are lowercase slugs", t.get_ref()),
            );
        }
        let str = b.str(&t);
        b.push(str);
    }
    b.close(head)
}

/// The numbers of claims: whole numbers of 32 bits.
pub struct Claims;

impl FieldType for Claims {
    type Fact = List<u32>;
    const TYPE: Type = Type::list(Shape::Count);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> List<u32> {
        let items = items(b, value, name);
        let head = b.open::<u32>();
        for item in items {
            match item.get_ref() {
                Value::Integer(i) if u32::try_from(*i).is_ok() => b.push(*i as u32),
                Value::Integer(i) => {
                    let at = b.span(&item);
                    b.field_problem(
                        at,
                        name,
                        format!("invalid value: {i}, expected a number from 0 to 4294967295"),
                    );
                }
                _ => wrong(b, &item, name, "an integer"),
            }
        }
        b.close(head)
    }
    fn shift(fact: &mut List<u32>, by: Shift, _: &mut Arenas) {
        *fact = fact.shifted(by.numbers);
    }
    fn show<S: Sink>(fact: &List<u32>, store: &Store, name: &'static str, sink: &mut S) {
        sink.numbers(name, store.list(*fact));
    }
}

/// The word of a kind value, one of `E`'s.
fn word<E: Words>(b: &mut Builder, node: Node, name: &'static str) -> Option<E> {
    let t = text(b, node, name)?;
    let found = E::ALL.iter().find(|w| w.word() == t.get_ref().as_ref());
    if found.is_none() {
        let at = b.span(&t);
        let expected: Vec<String> = E::WORDS.iter().map(|w| format!("`{w}`")).collect();
        b.field_problem(
            at,
            name,
            format!(
                "unknown variant `{}`, expected one of {}",
                t.get_ref(),
                expected.join(", ")
            ),
        );
    }
    found.copied()
}

/// One of a few words, required.
pub struct Word<E>(PhantomData<E>);

impl<E: Words + Default + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned>
    FieldType for Word<E>
{
    type Fact = E;
    const TYPE: Type = Type::one(Shape::Word(E::WORDS, E::WORDS_TR));
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, ctx: &mut Ctx) -> E {
        match value {
            None => ctx.missing(name),
            Some(node) => word(b, node, name).unwrap_or_default(),
        }
    }
    fn show<S: Sink>(fact: &E, _: &Store, name: &'static str, sink: &mut S) {
        sink.word(name, Some(fact.word()));
    }
}

/// One of a few words, or nothing.
pub struct OptWord<E>(PhantomData<E>);

impl<E: Words + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned> FieldType
    for OptWord<E>
{
    type Fact = Option<E>;
    const TYPE: Type = Type::optional(Shape::Word(E::WORDS, E::WORDS_TR));
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Option<E> {
        value.and_then(|node| word(b, node, name))
    }
    fn show<S: Sink>(fact: &Option<E>, _: &Store, name: &'static str, sink: &mut S) {
        sink.word(name, fact.map(|w| w.word()));
    }
}

/// A list of words.
pub struct WordList<E>(PhantomData<E>);

impl<E: Words + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned> FieldType
    for WordList<E>
{
    type Fact = Slice<E>;
    const TYPE: Type = Type::list(Shape::Word(E::WORDS, E::WORDS_TR));
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Slice<E> {
        let items = items(b, value, name);
        items
            .into_iter()
            .filter_map(|item| word(b, item, name))
            .collect()
    }
    fn show<S: Sink>(fact: &Slice<E>, _: &Store, name: &'static str, sink: &mut S) {
        sink.words(name, fact.iter().map(|w| w.word()));
    }
}

/// A date or interval, required.
pub struct Date;

impl FieldType for Date {
    type Fact = FactDate;
    const TYPE: Type = Type::one(Shape::Date);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, ctx: &mut Ctx) -> FactDate {
        match value {
            None => ctx.missing(name),
            Some(node) => b.date(node, name).unwrap_or_default(),
        }
    }
    fn show<S: Sink>(fact: &FactDate, _: &Store, name: &'static str, sink: &mut S) {
        sink.text(name, Some(fact.text));
    }
}

/// A date or interval, or nothing.
pub struct OptDate;

impl FieldType for OptDate {
    type Fact = Option<FactDate>;
    const TYPE: Type = Type::optional(Shape::Date);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Self::Fact {
        value.and_then(|node| b.date(node, name))
    }
    fn show<S: Sink>(fact: &Option<FactDate>, _: &Store, name: &'static str, sink: &mut S) {
        sink.text(name, fact.map(|d| d.text));
    }
}

/// A list of dates.
pub struct Dates;

impl FieldType for Dates {
    type Fact = Slice<FactDate>;
    const TYPE: Type = Type::list(Shape::Date);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Self::Fact {
        let items = items(b, value, name);
        items
            .into_iter()
            .filter_map(|item| b.date(item, name))
            .collect()
    }
    fn show<S: Sink>(fact: &Slice<FactDate>, _: &Store, name: &'static str, sink: &mut S) {
        sink.texts(name, fact.iter().map(|d| d.text));
    }
}

/// One of a few words; when left out, the first of them.
pub struct WordOrFirst<E>(PhantomData<E>);

impl<E: Words + Default + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned>
    FieldType for WordOrFirst<E>
{
    type Fact = E;
    const TYPE: Type = Type::optional(Shape::Word(E::WORDS, E::WORDS_TR));
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> E {
        value
            .and_then(|node| word(b, node, name))
            .unwrap_or_default()
    }
    fn show<S: Sink>(fact: &E, _: &Store, name: &'static str, sink: &mut S) {
        sink.word(name, Some(fact.word()));
    }
}
