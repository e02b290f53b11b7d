//! The four kinds of record a query can list, and a record's index within its
//! kind. What the schema declares of a kind (its word, its fields) is
//! `Kind::decl`, written in `schema.rs` beside the declaration it reads.

/// A record's index within its kind.
pub type Index = u32;

/// The four kinds of record a query can list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Partner,
    Org,
    Treaty,
    Event,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Partner, Kind::Org, Kind::Treaty, Kind::Event];

    /// The word for several: `partners`, `treaties`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Partner => "partners",
            Kind::Org => "orgs",
            Kind::Treaty => "treaties",
            Kind::Event => "events",
        }
    }
}
