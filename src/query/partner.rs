//! `kzfp partner [ID]`: states, blocs and regions, and what refers to one.

use super::{Output, Related, Search, any_of, by_date, detail, found, has_tag, records, where_};
use crate::facts::{FactBase, Index, Kind, PartnerKind};

#[derive(Debug, Default)]
pub struct PartnerFilter {
    pub kinds: Vec<PartnerKind>,
    pub tags: Vec<String>,
    pub search: Search,
}

pub fn list<'a>(base: &'a FactBase, filter: &PartnerFilter) -> Output<'a> {
    let matching = base
        .partners
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            any_of(&filter.kinds, &[p.kind])
                && has_tag(base, &filter.tags, base.list(p.meta.tags))
                && found(&filter.search, base, Kind::Partner, *i as Index)
        })
        .map(|(i, _)| i as Index);
    Output::List {
        kind: Kind::Partner,
        records: records(base, Kind::Partner, matching),
    }
}

/// Russia's card, then the events, treaties and organisations that name Russia.
pub fn show(base: &FactBase, index: Index) -> Output<'_> {
    let related = Related {
        events: by_date(
            base,
            where_(&base.events, |e| base.list(e.partners).contains(&index)),
        ),
        treaties: where_(&base.treaties, |t| base.list(t.parties).contains(&index)),
        orgs: where_(&base.orgs, |o| base.list(o.members).contains(&index)),
        partners: Vec::new(),
    };
    detail(base, Kind::Partner, index, related)
}
