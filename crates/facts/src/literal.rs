//! Values written as Rust source: build.rs writes the shipped file's base so
//! (`embed.rs`), and the binary holds it as static data. This is the trait and
//! its impls for plain values; each type of the base implements it beside its
//! own definition, the records in `schema.rs`' declaration.

use crate::date::Period;
use std::borrow::Cow;
use std::fmt::Write;

/// A value written as the Rust expression that makes it in a `static`.
/// The names it uses are those `static_base!` brings in.
pub trait Literal {
    fn literal(&self, out: &mut String);
}

/// A derived field holds nothing in the base.
impl Literal for () {
    fn literal(&self, out: &mut String) {
        out.push_str("()");
    }
}

impl Literal for u32 {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

/// By its bits: the static is the very number the loader read.
impl Literal for f64 {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "f64::from_bits({:#x})", self.to_bits());
    }
}

impl<T: Literal> Literal for Option<T> {
    fn literal(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(value) => {
                out.push_str("Some(");
                value.literal(out);
                out.push(')');
            }
        }
    }
}

/// An array of the base (`Slice`), borrowed from the binary.
impl<T: Literal + Clone> Literal for Cow<'static, [T]> {
    fn literal(&self, out: &mut String) {
        out.push_str("Cow::Borrowed(");
        items(self, out);
        out.push(')');
    }
}

/// `&[a, b, …]`.
pub(crate) fn items<T: Literal>(items: &[T], out: &mut String) {
    out.push_str("&[");
    for item in items {
        item.literal(out);
        out.push_str(",\n");
    }
    out.push(']');
}

impl Literal for Period {
    fn literal(&self, out: &mut String) {
        let (start, end) = self.days();
        let _ = write!(out, "Period::from_days({start}, {end})");
    }
}
