//! A loaded base as Rust source: build.rs writes the shipped file's base so, and
//! the binary holds it as static data, read where it lies. A start then parses
//! nothing (the base was a JSON snapshot parsed at every start, 0.2 ms at 86
//! events, growing with the base); `FactBase::from_static` only points at it.

use crate::base::FactBase;
use crate::figure::Figure;
use crate::literal::{Literal, items};
use crate::schema::{Country, Event, Org, Partner, Treaty};
use crate::store::{Arenas, Relation, Store};
use crate::string::{Pooled, Str};
use std::borrow::Cow;
use std::fmt::Write;

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
        items(&self.store.pool, &mut out);
        out.push_str(",\nnumbers: ");
        items(&self.store.arenas.numbers, &mut out);
        out.push_str(",\nstrs: ");
        items(&self.store.arenas.strs, &mut out);
        out.push_str(",\nfigures: ");
        items(&self.store.arenas.figures, &mut out);
        out.push_str(",\nrelations: ");
        items(&self.store.arenas.relations, &mut out);
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
            store: Store {
                text: crate::Text::Static(base.text),
                pool: Cow::Borrowed(base.pool),
                arenas: Arenas {
                    numbers: Cow::Borrowed(base.numbers),
                    strs: Cow::Borrowed(base.strs),
                    figures: Cow::Borrowed(base.figures),
                    relations: Cow::Borrowed(base.relations),
                },
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
            pub use $crate::StaticBase;
            pub use $crate::schema::*;
            pub use $crate::{
                Amount, FactDate, Figure, List, Period, Pooled, Qualifier, Relation, Str,
            };
        }
        #[allow(clippy::all, clippy::pedantic)]
        pub static $name: $crate::StaticBase = {
            use static_base_names::*;
            include!($file)
        };
    };
}
