//! The fact model: the checked types every query reads. A `FactBase` is built by
//! `load` from a fact file; its strings point into the file's own text wherever the
//! TOML needed no unescaping, so a large file costs little more than its own size.
//!
//! The modules stand in layers, each using only those below it (`tests/layering.rs`
//! checks that none uses one that uses it back): the file's bytes, strings and
//! lists (`scan`, `string`, `list`, `store`, `figure`); what a declaration says
//! (`words`, `decl`); the field types (`field`), built with `builder` and
//! resolved with `resolver`; the schema (`declare`, `schema`); the base
//! (`base`); and what reads or makes whole bases (`load`, `embed`, `source`,
//! `describe`).

mod base;
mod builder;
mod consistency;
mod contents;
pub mod date;
pub mod decl;
pub mod declare;
pub mod describe;
mod embed;
mod fast;
mod field;
mod figure;
mod kind;
mod list;
pub mod literal;
mod load;
pub mod problem;
mod relations;
mod resolver;
mod scan;
pub mod schema;
mod source;
mod store;
mod string;
pub mod text;
mod value;
mod words;

pub use base::FactBase;
pub use builder::Builder;
pub use contents::Text;
pub use date::{DateError, Period};
pub use embed::StaticBase;
pub use figure::{Amount, Figure, Qualifier};
pub use kind::{Index, Kind};
pub use list::List;
pub use load::load;
pub use problem::{Problem, Problems};
pub use resolver::Resolver;
/// The scanner's search for any of a few bytes, eight at a time; the JSON
/// renderer looks for the bytes it must escape with it.
pub use scan::find as find_bytes;
pub use schema::{
    Country, Event, MemberStatus, Meta, Org, OrgKind, Participation, Partner, PartnerKind,
    PartyStatus, RECORDS, Role, Treaty, TreatyKind,
};
pub use source::{Source, load_bytes, load_file};
pub use store::{Arenas, FactDate, Listed, Relation, Shift, Slice, Store};
pub use string::{Pooled, Str};
pub use words::Words;

/// Where the chunks `threads` threads find start: for the fuzz target `load`,
/// which compares them with one thread's.
#[doc(hidden)]
pub fn chunk_starts(text: &str, threads: usize) -> Vec<usize> {
    scan::chunks(text, 0, threads)
        .iter()
        .map(scan::Chunk::start)
        .collect()
}

/// The schema version this build reads.
pub const SCHEMA_VERSION: i64 = 1;
