//! Field types of numbers: a number, a count, a list of figures.

use super::{Ctx, FieldType};
use super::{items, oversized_integer, wrong};
use crate::builder::Builder;
use crate::decl::{Shape, Sink, Table, Type};
use crate::figure::{Amount, Figure};
use crate::list::List;
use crate::store::{Arenas, Shift, Store};
use crate::value::{Node, Value};
use toml::Spanned;

/// An integer or a float, finite.
pub struct Number;

impl FieldType for Number {
    type Fact = Amount;
    const TYPE: Type = Type::one(Shape::Number);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, ctx: &mut Ctx) -> Amount {
        let Some(node) = value else {
            return ctx.missing(name);
        };
        let value = match node.get_ref() {
            Value::Integer(i) => return Amount::Int(*i),
            Value::Float(f) => *f,
            _ => {
                wrong(b, &node, name, "a number");
                return Amount::default();
            }
        };
        if !value.is_finite() {
            let at = b.span(&node);
            let message = match oversized_integer(b, &node) {
                Some(text) => format!(
                    "invalid value: {text} is too large for a 64-bit integer; write it as a float ({:e})",
                    text.replace('_', "").parse::<f64>().unwrap_or(f64::MAX)
                ),
                None => "a figure's value must be a finite number".to_owned(),
            };
            b.field_problem(at, name, message);
        }
        Amount::Float(value)
    }
    fn show<S: Sink>(fact: &Amount, _: &Store, name: &'static str, sink: &mut S) {
        sink.amount(name, *fact);
    }
}

/// A list of figures, each an inline table.
pub struct Figures;

impl FieldType for Figures {
    type Fact = List<Figure>;
    const TYPE: Type = Type::list(Shape::Table(<Figure as Table>::DECL.fields));
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Self::Fact {
        let items = items(b, value, name);
        let head = b.open::<Figure>();
        for item in items {
            let span = b.span(&item);
            let raw_span = item.span();
            match item.into_inner() {
                Value::Table(mut fields) => {
                    let figure = <Figure as Table>::build(b, &mut fields, span);
                    b.push(figure);
                }
                other => wrong(b, &Spanned::new(raw_span, other), name, "an inline table"),
            }
        }
        b.close(head)
    }
    fn shift(fact: &mut List<Figure>, by: Shift, arenas: &mut Arenas) {
        arenas.shift_first(*fact, by.figures);
        *fact = fact.shifted(by.numbers);
    }
    fn show<S: Sink>(fact: &List<Figure>, store: &Store, name: &'static str, sink: &mut S) {
        sink.figures(name, store.list(*fact));
    }
}

/// A whole number of 32 bits, or nothing.
pub struct OptCount;

impl FieldType for OptCount {
    type Fact = Option<u32>;
    const TYPE: Type = Type::optional(Shape::Count);
    fn build(b: &mut Builder, value: Option<Node>, name: &'static str, _: &mut Ctx) -> Self::Fact {
        let node = value?;
        match node.get_ref() {
            Value::Integer(i) if u32::try_from(*i).is_ok() => Some(*i as u32),
            Value::Integer(i) => {
                let at = b.span(&node);
                b.field_problem(
                    at,
                    name,
                    format!("invalid value: {i}, expected a number from 0 to 4294967295"),
                );
                None
            }
            _ => {
                wrong(b, &node, name, "an integer");
                None
            }
        }
    }
    fn show<S: Sink>(fact: &Option<u32>, _: &Store, name: &'static str, sink: &mut S) {
        match fact {
            Some(n) => sink.number(name, f64::from(*n)),
            None => sink.text(name, None),
        }
    }
}
