//! `kzfp org [ID]`: organisations, UN bodies and programmes, Kazakhstan's roles in
//! them, and what refers to one.

use super::{
    DateRange, Output, Related, Search, any_of, by_date, detail, found, in_date_order, records,
    where_,
};
use crate::facts::{FactBase, Index, Kind, OrgKind, Role};

#[derive(Debug, Default)]
pub struct OrgFilter {
    pub roles: Vec<Role>,
    pub kinds: Vec<OrgKind>,
    /// On `joined`: an org with no joining date matches only an open range.
    pub joined: DateRange,
    pub search: Search,
}

pub fn list<'a>(base: &'a FactBase, filter: &OrgFilter) -> Output<'a> {
    let matching = base
        .orgs
        .iter()
        .enumerate()
        .filter(|(i, o)| {
            any_of(&filter.roles, &o.roles)
                && any_of(&filter.kinds, &[o.kind])
                && filter.joined.matches(o.joined.as_ref())
                && found(&filter.search, base, Kind::Org, *i as Index)
        })
        .map(|(i, o)| (o.joined.map(|d| d.period), i as Index));
    Output::List {
        kind: Kind::Org,
        records: records(base, Kind::Org, in_date_order(matching).into_iter()),
    }
}

/// The org, then its events and treaties, its parent and sub-bodies, its members.
pub fn show(base: &FactBase, index: Index) -> Output<'_> {
    let org = base.orgs.get(index as usize);
    let mut orgs: Vec<Index> = org.and_then(|o| o.parent).into_iter().collect();
    orgs.extend(where_(&base.orgs, |o| o.parent == Some(index)));
    let related = Related {
        events: by_date(
            base,
            where_(&base.events, |e| base.list(e.orgs).contains(&index)),
        ),
        treaties: where_(&base.treaties, |t| base.list(t.orgs).contains(&index)),
        orgs,
        partners: org
            .map(|o| base.list(o.members).to_vec())
            .unwrap_or_default(),
    };
    detail(base, Kind::Org, index, related)
}
