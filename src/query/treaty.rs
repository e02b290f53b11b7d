//! `kzfp treaty [ID]`: treaties and agreements, and what refers to one.

use super::{
    DateRange, Filter, Output, Related, Search, any_of, by_date, detail, found, listing_by_date,
    named, partners_of, spans, tested, where_,
};
use crate::facts::{
    FactBase, FactDate, Index, Kind, Participation, PartyStatus, Period, Relation, Treaty,
    TreatyKind,
};

#[derive(Debug, Default)]
pub struct TreatyFilter {
    pub partners: Vec<Index>,
    pub orgs: Vec<Index>,
    pub kinds: Vec<TreatyKind>,
    /// Whether Kazakhstan is a party.
    pub kazakhstan: Vec<Participation>,
    /// On Kazakhstan's own date (`own_date`): an undated treaty matches only an open range.
    pub signed: DateRange,
    /// `--at`: the treaties Kazakhstan had signed or joined by a day of it, with
    /// their parties then.
    pub at: Option<Period>,
    pub search: Search,
}

/// Kazakhstan's own date for a treaty: its later signature or its accession
/// where the file gives one, else the treaty's signing. Listings are in its
/// order and `--from`/`--to` ask about it.
pub fn own_date(treaty: &Treaty) -> Option<FactDate> {
    treaty
        .kazakhstan_signed
        .or(treaty.acceded)
        .or(treaty.signed)
}

impl Filter for TreatyFilter {
    fn tested(&self) -> Vec<&'static str> {
        tested([
            (!self.partners.is_empty(), "parties"),
            (!self.orgs.is_empty(), "orgs"),
            (!self.kinds.is_empty(), "kind"),
            (!self.kazakhstan.is_empty(), "kazakhstan"),
            (!self.signed.is_open(), "signed"),
            (self.at.is_some(), "signed"),
        ])
    }
}

pub fn list<'a>(base: &'a FactBase, filter: &TreatyFilter) -> Output<'a> {
    let at = filter.at.as_ref();
    // `--partner`: a party, now or before (with `--at`: then), not a signatory.
    let party = |r: &Relation| {
        PartyStatus::ALL
            .get(r.status as usize)
            .is_some_and(|s| s.counts())
    };
    let matching = base
        .treaties
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            let parties = base.list(t.parties);
            (filter.partners.is_empty()
                || parties
                    .iter()
                    .any(|r| party(r) && named(r, at) && filter.partners.contains(&r.partner)))
                && any_of(&filter.orgs, base.list(t.orgs))
                && any_of(&filter.kinds, &[t.kind])
                && any_of(&filter.kazakhstan, &[t.kazakhstan])
                && filter.signed.matches(own_date(t).as_ref())
                && spans(at, own_date(t), t.expired)
                && found(&filter.search, base, Kind::Treaty, *i as Index)
        })
        .map(|(i, t)| (own_date(t).map(|d| d.period), i as Index));
    listing_by_date(base, Kind::Treaty, matching, filter.at)
}

/// The treaty, then the events that name it, its parties (every partner of its
/// history; with `at`, those of that date) and its organisations.
pub fn show(base: &FactBase, index: Index, at: Option<Period>) -> Output<'_> {
    let treaty = base.treaties.get(index as usize);
    let partners = partners_of(base, treaty.map(|t| t.parties), at);
    let related = Related {
        events: by_date(
            base,
            where_(&base.events, |e| base.list(e.treaties).contains(&index)),
        ),
        treaties: Vec::new(),
        orgs: treaty
            .map(|t| base.list(t.orgs).to_vec())
            .unwrap_or_default(),
        partners,
    };
    detail(base, Kind::Treaty, index, related, at)
}
