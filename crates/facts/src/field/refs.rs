//! Field types that name other records by id: one or a list of references.

use super::{Ctx, FieldType};
use super::{items, text};
use crate::builder::Builder;
use crate::decl::{Shape, Sink, Type};
use crate::kind::{Index, Kind};
use crate::list::List;
use crate::resolver::Resolver;
use crate::store::{Arenas, Shift, Store};
use crate::value::Node;
use std::marker::PhantomData;

/// The kind of record a reference names.
pub trait Target {
    const KIND: Kind;
    const SHAPE: Shape = Shape::Ref(Self::KIND);
}

pub struct Partners;
pub struct Orgs;
pub struct Treaties;

impl Target for Partners {
    const KIND: Kind = Kind::Partner;
}
impl Target for Orgs {
    const KIND: Kind = Kind::Org;
}
impl Target for Treaties {
    const KIND: Kind = Kind::Treaty;
}

/// A list of ids of records of kind `K`. Until `resolve` a slot holds its id's `Str`.
pub struct Refs<K>(PhantomData<K>);

impl<K: Target> FieldType for Refs<K> {
    type Fact = List<Index>;
    const TYPE: Type = Type::list(K::SHAPE);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Self::Fact {
        let items = items(b, value, name);
        let head = b.open::<u32>();
        for item in items {
            if let Some(t) = text(b, item, name) {
                let code = b.str(&t).0;
                b.push(code);
            }
        }
        b.close(head)
    }
    fn shift(fact: &mut List<Index>, by: Shift, _: &mut Arenas) {
        *fact = fact.shifted(by.numbers);
    }
    fn resolve(fact: &List<Index>, r: &mut Resolver, arenas: &mut Arenas, name: &'static str) {
        r.list(arenas, name, K::KIND, *fact);
    }
    fn show<S: Sink>(fact: &List<Index>, store: &Store, name: &'static str, sink: &mut S) {
        sink.refs(name, K::KIND, store.list(*fact));
    }
}

/// The id of one record of kind `K`, or nothing.
pub struct OptRef<K>(PhantomData<K>);

impl<K: Target> FieldType for OptRef<K> {
    type Fact = Option<Index>;
    const TYPE: Type = Type::optional(K::SHAPE);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Self::Fact {
        value
            .and_then(|node| text(b, node, name))
            .map(|t| b.str(&t).0)
    }
    fn resolve_held(fact: &mut Option<Index>, r: &mut Resolver, name: &'static str) {
        *fact = fact.and_then(|code| r.one(name, K::KIND, code));
    }
    fn show<S: Sink>(fact: &Option<Index>, _: &Store, name: &'static str, sink: &mut S) {
        sink.reference(name, K::KIND, *fact);
    }
}
