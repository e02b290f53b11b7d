//! `kzfp timeline`: dated events, oldest first.

use super::{DateRange, Filter, Output, Search, any_of, by_date, found, has_tag, tested};
use crate::facts::{FactBase, Index, Kind};

/// Which events to list; every field narrows (AND), values within one OR.
#[derive(Debug, Default)]
pub struct TimelineFilter {
    pub dates: DateRange,
    pub partners: Vec<Index>,
    pub orgs: Vec<Index>,
    pub treaties: Vec<Index>,
    pub tags: Vec<String>,
    pub search: Search,
}

impl Filter for TimelineFilter {
    fn tested(&self) -> Vec<&'static str> {
        tested([
            (!self.dates.is_open(), "date"),
            (!self.partners.is_empty(), "partners"),
            (!self.orgs.is_empty(), "orgs"),
            (!self.treaties.is_empty(), "treaties"),
            (!self.tags.is_empty(), "tags"),
        ])
    }
}

pub fn run<'a>(base: &'a FactBase, filter: &TimelineFilter) -> Output<'a> {
    let matching = base
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            filter.dates.matches(Some(&e.date))
                && any_of(&filter.partners, base.list(e.partners))
                && any_of(&filter.orgs, base.list(e.orgs))
                && any_of(&filter.treaties, base.list(e.treaties))
                && has_tag(base, &filter.tags, base.list(e.meta.tags))
        })
        .map(|(i, _)| i as Index)
        .filter(|i| found(&filter.search, base, Kind::Event, *i))
        .collect();
    Output::Lazy {
        kind: Kind::Event,
        base,
        indexes: by_date(base, matching),
    }
}
