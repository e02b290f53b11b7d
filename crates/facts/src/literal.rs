//! A loaded base as Rust source: build.rs writes the shipped file's base so, and
//! the binary holds it as static data, read where it lies. A start then parses
//! nothing (the base was a JSON snapshot parsed at every start, 0.2 ms at 86
//! events, growing with the base); `FactBase::from_static` only points at it.

use super::{Amount, Arenas, FactBase, FactDate, Figure, List, Pooled, Relation, Slice, Str};
use super::{Country, Event, Org, Partner, Period, Treaty};
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

/// An integer as written (whole, past 2^53), a float by its bits.
impl Literal for Amount {
    fn literal(&self, out: &mut String) {
        match self {
            Amount::Int(i) => {
                let _ = write!(out, "Amount::Int({i})");
            }
            Amount::Float(x) => {
                out.push_str("Amount::Float(");
                x.literal(out);
                out.push(')');
            }
        }
    }
}

impl Literal for Str {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "Str::from_raw({})", self.0);
    }
}

impl<T> Literal for List<T> {
    fn literal(&self, out: &mut String) {
        let _ = write!(out, "List::from_raw({})", self.at);
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

impl<T: Literal + Clone> Literal for Slice<T> {
    fn literal(&self, out: &mut String) {
        out.push_str("Cow::Borrowed(");
        items(self, out);
        out.push(')');
    }
}

/// `&[a, b, …]`.
fn items<T: Literal>(items: &[T], out: &mut String) {
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

impl Literal for FactDate {
    fn literal(&self, out: &mut String) {
        out.push_str("FactDate { text: ");
        self.text.literal(out);
        out.push_str(", period: ");
        self.period.literal(out);
        out.push_str(" }");
    }
}

impl Literal for Relation {
    fn literal(&self, out: &mut String) {
        let _ = write!(
            out,
            "Relation {{ partner: {}, status: {}, since: ",
            self.partner, self.status
        );
        self.since.literal(out);
        out.push_str(", until: ");
        self.until.literal(out);
        out.push_str(", span: ");
        self.span.literal(out);
        out.push_str(" }");
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

/// What `FactBase::from_static` makes a base of: every array of a loaded base,
/// borrowed from the binary.
#[derive(Debug)]
pub struct StaticBase {
    pub text: &'static str,
    pub pool: &'static [Pooled],
    pub numbers: &'static [u32],
    pub strs: &'static [Str],
    pub figures: &'static [Figure],
    pub relations: &'static [Relation],
    pub country: Country,
    pub partners: &'static [Partner],
    pub orgs: &'static [Org],
    pub treaties: &'static [Treaty],
    pub events: &'static [Event],
}

impl FactBase {
    /// This base as the Rust expression of its `StaticBase`, its text being
    /// `text_expr` (an `include_str!` of the same file).
    pub fn to_static_source(&self, text_expr: &str) -> String {
        let mut out = String::with_capacity(self.events.len() * 600 + (1 << 16));
        let _ = write!(out, "StaticBase {{\ntext: {text_expr},\npool: ");
        items(&self.pool, &mut out);
        out.push_str(",\nnumbers: ");
        items(&self.arenas.numbers, &mut out);
        out.push_str(",\nstrs: ");
        items(&self.arenas.strs, &mut out);
        out.push_str(",\nfigures: ");
        items(&self.arenas.figures, &mut out);
        out.push_str(",\nrelations: ");
        items(&self.arenas.relations, &mut out);
        out.push_str(",\ncountry: ");
        self.country.literal(&mut out);
        out.push_str(",\npartners: ");
        items(&self.partners, &mut out);
        out.push_str(",\norgs: ");
        items(&self.orgs, &mut out);
        out.push_str(",\ntreaties: ");
        items(&self.treaties, &mut out);
        out.push_str(",\nevents: ");
        items(&self.events, &mut out);
        out.push_str(",\n}\n");
        out
    }

    /// The base build.rs wrote as `StaticBase`: nothing is copied or parsed.
    pub fn from_static(base: &'static StaticBase) -> FactBase {
        FactBase {
            text: crate::Text::Static(base.text),
            pool: Cow::Borrowed(base.pool),
            arenas: Arenas {
                numbers: Cow::Borrowed(base.numbers),
                strs: Cow::Borrowed(base.strs),
                figures: Cow::Borrowed(base.figures),
                relations: Cow::Borrowed(base.relations),
            },
            country: base.country.clone(),
            partners: Cow::Borrowed(base.partners),
            orgs: Cow::Borrowed(base.orgs),
            treaties: Cow::Borrowed(base.treaties),
            events: Cow::Borrowed(base.events),
        }
    }
}

/// The names `to_static_source`'s expression uses, then the expression of
/// `$file` (build.rs's output) as a `static` named `$name`.
#[macro_export]
macro_rules! static_base {
    ($name:ident, $file:expr) => {
        #[allow(clippy::all, clippy::pedantic, unused_imports)]
        mod static_base_names {
            pub use std::borrow::Cow;
            pub use $crate::literal::StaticBase;
            pub use $crate::schema::*;
            pub use $crate::{Amount, FactDate, List, Period, Pooled, Relation, Str};
        }
        #[allow(clippy::all, clippy::pedantic)]
        pub static $name: $crate::literal::StaticBase = {
            use static_base_names::*;
            include!($file)
        };
    };
}
