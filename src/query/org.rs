//! `kzfp org [ID]`: organisations, UN bodies and programmes, Kazakhstan's roles in
//! them, and what refers to one.

use super::{
    DateRange, Filter, Output, Related, Search, any_of, by_date, detail, found, listing_by_date,
    partners_of, spans, tested, where_,
};
use crate::facts::{FactBase, Index, Kind, Org, OrgKind, Period, Role};

#[derive(Debug, Default)]
pub struct OrgFilter {
    pub roles: Vec<Role>,
    pub kinds: Vec<OrgKind>,
    /// On `joined`: an org with no joining date matches only an open range.
    pub joined: DateRange,
    /// `--at`: the orgs Kazakhstan was in on a day of it, with their members then.
    pub at: Option<Period>,
    pub search: Search,
}

/// Whether the org existed and Kazakhstan was in it on a day of `at`, as far as
/// the file's dates tell.
pub fn held_at(org: &Org, at: Option<&Period>) -> bool {
    spans(at, org.founded, org.dissolved) && spans(at, org.joined, org.left)
}

impl Filter for OrgFilter {
    /// `--role chair` is about when Kazakhstan chaired, too.
    fn tested(&self) -> Vec<&'static str> {
        tested([
            (!self.roles.is_empty(), "roles"),
            (self.roles.contains(&Role::Chair), "chaired"),
            (!self.kinds.is_empty(), "kind"),
            (!self.joined.is_open(), "joined"),
            (self.at.is_some(), "joined"),
        ])
    }
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
                && held_at(o, filter.at.as_ref())
                && found(&filter.search, base, Kind::Org, *i as Index)
        })
        .map(|(i, o)| (o.joined.map(|d| d.period), i as Index));
    listing_by_date(base, Kind::Org, matching, filter.at)
}

/// The org, then its events and treaties, its parent and sub-bodies, its members
/// (every partner of its history; with `at`, those of that date).
pub fn show(base: &FactBase, index: Index, at: Option<Period>) -> Output<'_> {
    let org = base.orgs.get(index as usize);
    let mut orgs: Vec<Index> = org.and_then(|o| o.parent).into_iter().collect();
    orgs.extend(where_(&base.orgs, |o| o.parent == Some(index)));
    let partners = partners_of(base, org.map(|o| o.members), at);
    let related = Related {
        events: by_date(
            base,
            where_(&base.events, |e| base.list(e.orgs).contains(&index)),
        ),
        treaties: where_(&base.treaties, |t| base.list(t.orgs).contains(&index)),
        orgs,
        partners,
    };
    detail(base, Kind::Org, index, related, at)
}
