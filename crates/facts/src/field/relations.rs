//! Field types that relate partners to the record over time: a relation list
//! (`members`, `parties`), each entry an id or one period `{ id, status, since,
//! until }`, and the history the output derives from it.

use super::refs::Target;
use super::{Ctx, FieldType, items, text, word, wrong};
use crate::builder::Builder;
use crate::date::Period;
use crate::decl::{FieldDecl, Shape, Sink, TableDecl, Type};
use crate::kind::Kind;
use crate::list::List;
use crate::resolver::Resolver;
use crate::store::{Arenas, FactDate, Relation, Shift, Store};
use crate::value::{Node, Value};
use crate::words::Words;
use std::marker::PhantomData;
use toml::Spanned;

/// The statuses a relation list allows (`MemberStatus`, `PartyStatus`), and the
/// inline table of one entry, which names them.
pub trait Statuses: Words {
    const DECL: TableDecl;
    /// The statuses of a partner the list's own field (`members`) counts: a
    /// suspended member is still one, an observer is not.
    const COUNTED: &'static [&'static str];
}

/// The fields of a relation's inline table whose statuses are `words` (in
/// Turkish `words_tr`).
pub const fn relation_fields(
    words: &'static [&'static str],
    words_tr: &'static [&'static str],
) -> [FieldDecl; 4] {
    [
        FieldDecl {
            name: "id",
            header_tr: "KİMLİK",
            ty: Type::one(Shape::Ref(Kind::Partner)),
            doc: "the partner",
            role: None,
        },
        FieldDecl {
            name: "status",
            header_tr: "DURUM",
            ty: Type::optional(Shape::Word(words, words_tr)),
            doc: "its standing in that period; the first word when left out",
            role: None,
        },
        FieldDecl {
            name: "since",
            header_tr: "BAŞLANGIÇ",
            ty: Type::optional(Shape::Date),
            doc: "when the period began; left out: from the body's founding (`founded`) or the treaty's signing",
            role: None,
        },
        FieldDecl {
            name: "until",
            header_tr: "BİTİŞ",
            ty: Type::optional(Shape::Date),
            doc: "when it ended (left, withdrew, a term ran out); left out: it still holds",
            role: None,
        },
    ]
}

/// A list of partners in relation to the record (an org's members, a treaty's
/// parties): each an id, or an inline table `{ id, status, since, until }` for
/// one period of a status; several tables of one id for a partner that left and
/// came back or changed status. Until `resolve` a relation's partner is its id's
/// `Str`; `date_relations` (load) fills each one's `span`.
pub struct Relations<K, S>(PhantomData<(K, S)>);

impl<K: Target, S: Statuses> FieldType for Relations<K, S> {
    type Fact = List<Relation>;
    const TYPE: Type = Type::list(Shape::Relation(S::DECL.fields));
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Self::Fact {
        let items = items(b, value, name);
        let head = b.open::<Relation>();
        for item in items {
            let span = b.span(&item);
            let raw_span = item.span();
            let relation = match item.into_inner() {
                Value::Text(t) => {
                    let t = Spanned::new(raw_span, t);
                    Some(relation(b.str(&t).0, 0, None, None))
                }
                Value::Table(mut fields) => {
                    let mut ctx = Ctx::new(span);
                    let partner = match fields.take("id") {
                        None => ctx.missing::<Option<u32>>("id"),
                        Some(node) => text(b, node, "id").map(|t| b.str(&t).0),
                    };
                    let status = fields
                        .take("status")
                        .and_then(|node| word::<S>(b, node, "status"))
                        .and_then(|w| S::ALL.iter().position(|s| s.word() == w.word()))
                        .unwrap_or(0) as u8;
                    let since = fields.take("since").and_then(|n| b.date(n, "since"));
                    let until = fields.take("until").and_then(|n| b.date(n, "until"));
                    ctx.finish(b, &mut fields, &S::DECL);
                    partner.map(|p| relation(p, status, since, until))
                }
                other => {
                    let expected = "a partner id or an inline table { id, status, since, until }";
                    wrong(b, &Spanned::new(raw_span, other), name, expected);
                    None
                }
            };
            if let Some(relation) = relation {
                b.push(relation);
            }
        }
        b.close(head)
    }
    fn shift(fact: &mut List<Relation>, by: Shift, arenas: &mut Arenas) {
        arenas.shift_first(*fact, by.relations);
        *fact = fact.shifted(by.numbers);
    }
    fn resolve(fact: &List<Relation>, r: &mut Resolver, arenas: &mut Arenas, name: &'static str) {
        r.relations(arenas, name, K::KIND, *fact);
    }
    fn show<S2: Sink>(fact: &List<Relation>, store: &Store, name: &'static str, sink: &mut S2) {
        sink.relations(name, K::KIND, (S::WORDS, S::COUNTED), store.list(*fact));
    }
}

fn relation(
    partner: u32,
    status: u8,
    since: Option<FactDate>,
    until: Option<FactDate>,
) -> Relation {
    Relation {
        partner,
        status,
        since,
        until,
        span: Period::all(),
    }
}

/// What kzfp derives from a relation list for its output (`members_history`: every
/// entry with its dates); the file does not give it, and a file that does is told
/// where the dates go.
pub struct History;

impl FieldType for History {
    type Fact = ();
    const TYPE: Type = Type::list(Shape::Derived);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) {
        if let Some(node) = value {
            let at = b.span(&node);
            let list = name.strip_suffix("_history").unwrap_or(name);
            b.field_problem(
                at,
                name,
                format!("`{name}` is what kzfp shows of `{list}`: give the dates in `{list}`"),
            );
        }
    }
    // The list field shows it (`Sink::relations`).
    fn show<S: Sink>(_: &(), _: &Store, _: &'static str, _: &mut S) {}
}
