//! A TOML table as the loader reads it: its keys and values in file order, each
//! with its span (offsets into its chunk). The fast path scans the common shape
//! of a record into it; anything else comes from toml's own parse of the chunk
//! (`DeTable`, which keeps spans). The schema's fields then take their values
//! out of it one by one, and whatever is left is unknown.

use std::borrow::Cow;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One value.
pub enum Value<'a> {
    Text(Cow<'a, str>),
    Integer(i64),
    Float(f64),
    Bool(bool),
    Datetime(toml::value::Datetime),
    Array(Vec<Node<'a>>),
    Table(Fields<'a>),
}

pub type Node<'a> = Spanned<Value<'a>>;

/// The key/value pairs of a table.
#[derive(Default)]
pub struct Fields<'a> {
    pub list: Vec<(Spanned<Cow<'a, str>>, Node<'a>)>,
}

impl<'a> Fields<'a> {
    pub fn with_capacity(n: usize) -> Fields<'a> {
        Fields {
            list: Vec::with_capacity(n),
        }
    }

    /// The value of `key`, taken out of the table.
    pub fn take(&mut self, key: &str) -> Option<Node<'a>> {
        let at = self.list.iter().position(|(k, _)| k.get_ref() == key)?;
        Some(self.list.swap_remove(at).1)
    }

    /// The table toml parsed, keys in file order.
    pub fn from_toml(table: DeTable<'a>) -> Fields<'a> {
        let mut list: Vec<_> = table
            .into_iter()
            .map(|(key, value)| (key, node(value)))
            .collect();
        list.sort_by_key(|(key, _)| key.span().start);
        Fields { list }
    }
}

fn node(value: Spanned<DeValue>) -> Node {
    let span = value.span();
    let value = match value.into_inner() {
        DeValue::String(text) => Value::Text(text),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(i) => Value::Integer(i),
            // toml refuses an integer i64 cannot hold: never reached.
            Err(_) => Value::Float(f64::NAN),
        },
        DeValue::Float(f) => Value::Float(f.as_str().parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(items) => Value::Array(items.into_iter().map(node).collect()),
        DeValue::Table(table) => Value::Table(Fields::from_toml(table)),
    };
    Spanned::new(span, value)
}

impl Value<'_> {
    /// What the value is, for "expected a string, found …" messages.
    pub fn what(&self) -> String {
        match self {
            Value::Text(t) => format!("string \"{}\"", short(t)),
            Value::Integer(i) => format!("integer `{i}`"),
            Value::Float(f) => format!("float `{f}`"),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Datetime(d) => format!("datetime `{d}`"),
            Value::Array(_) => "an array".to_owned(),
            Value::Table(_) => "a table".to_owned(),
        }
    }
}

/// At most 40 characters of a text quoted in a message.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
