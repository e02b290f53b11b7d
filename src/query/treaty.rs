//! `kzfp treaty [ID]`: treaties and agreements, and what refers to one.

use super::{
    DateRange, Output, Related, Search, any_of, by_date, detail, found, in_date_order, records,
    where_,
};
use crate::facts::{FactBase, Index, Kind, Participation, TreatyKind};

#[derive(Debug, Default)]
pub struct TreatyFilter {
    pub partners: Vec<Index>,
    pub orgs: Vec<Index>,
    pub kinds: Vec<TreatyKind>,
    /// Whether Kazakhstan is a party.
    pub kazakhstan: Vec<Participation>,
    /// On `signed`: an undated treaty matches only an open range.
    pub signed: DateRange,
    pub search: Search,
}

pub fn list<'a>(base: &'a FactBase, filter: &TreatyFilter) -> Output<'a> {
    let matching = base
        .treaties
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            any_of(&filter.partners, base.list(t.parties))
                && any_of(&filter.orgs, base.list(t.orgs))
                && any_of(&filter.kinds, &[t.kind])
                && any_of(&filter.kazakhstan, &[t.kazakhstan])
                && filter.signed.matches(t.signed.as_ref())
                && found(&filter.search, base, Kind::Treaty, *i as Index)
        })
        .map(|(i, o)| (o.signed.map(|d| d.period), i as Index));
    Output::List {
        kind: Kind::Treaty,
        records: records(base, Kind::Treaty, in_date_order(matching).into_iter()),
    }
}

/// The treaty, then the events that name it, its parties and its organisations.
pub fn show(base: &FactBase, index: Index) -> Output<'_> {
    let treaty = base.treaties.get(index as usize);
    let related = Related {
        events: by_date(
            base,
            where_(&base.events, |e| base.list(e.treaties).contains(&index)),
        ),
        treaties: Vec::new(),
        orgs: treaty
            .map(|t| base.list(t.orgs).to_vec())
            .unwrap_or_default(),
        partners: treaty
            .map(|t| base.list(t.parties).to_vec())
            .unwrap_or_default(),
    };
    detail(base, Kind::Treaty, index, related)
}
