//! `kzfp partner [ID]`: states, blocs and regions, and what refers to one.

use super::{
    Filter, ListOf, Output, Related, Search, any_of, by_date, detail, found, has_tag, named,
    records, tested, where_,
};
use crate::facts::{
    FactBase, Index, Kind, List, MemberStatus, PartnerKind, PartyStatus, Period, Relation,
};
use crate::record::{Value, relation_records};

#[derive(Debug, Default)]
pub struct PartnerFilter {
    pub kinds: Vec<PartnerKind>,
    pub tags: Vec<String>,
    pub search: Search,
}

impl Filter for PartnerFilter {
    fn tested(&self) -> Vec<&'static str> {
        tested([
            (!self.kinds.is_empty(), "kind"),
            (!self.tags.is_empty(), "tags"),
        ])
    }
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
        of: ListOf::Kind(Kind::Partner),
        records: records(base, Kind::Partner, matching),
    }
}

/// The field each related org and treaty of a partner's card carries: the
/// partner's periods in it, `{ status, since, until }`.
pub const PERIODS: &str = "periods";

/// Russia's card, then the events, treaties and organisations that name Russia
/// (with `at`: the treaties and organisations it was in then), each org and
/// treaty with Russia's periods in it.
pub fn show(base: &FactBase, index: Index, at: Option<Period>) -> Output<'_> {
    let names = |list: List<Relation>| {
        base.list(list)
            .iter()
            .any(|r| r.partner == index && named(r, at.as_ref()))
    };
    let related = Related {
        events: by_date(
            base,
            where_(&base.events, |e| base.list(e.partners).contains(&index)),
        ),
        treaties: where_(&base.treaties, |t| names(t.parties)),
        orgs: where_(&base.orgs, |o| names(o.members)),
        partners: Vec::new(),
    };
    let treaties: Vec<List<Relation>> = related
        .treaties
        .iter()
        .filter_map(|t| base.treaties.get(*t as usize).map(|t| t.parties))
        .collect();
    let orgs: Vec<List<Relation>> = related
        .orgs
        .iter()
        .filter_map(|o| base.orgs.get(*o as usize).map(|o| o.members))
        .collect();
    let mut output = detail(base, Kind::Partner, index, related, at);
    if let Output::Detail { record, .. } = &mut output {
        if let Some((_, Value::Object(sections))) =
            record.fields.iter_mut().find(|(n, _)| *n == "related")
        {
            for (name, lists, statuses) in [
                (
                    "treaties",
                    &treaties,
                    <PartyStatus as crate::facts::declare::Words>::WORDS,
                ),
                (
                    "orgs",
                    &orgs,
                    <MemberStatus as crate::facts::declare::Words>::WORDS,
                ),
            ] {
                let Some((_, Value::List(rows))) =
                    sections.fields.iter_mut().find(|(n, _)| *n == name)
                else {
                    continue;
                };
                for (row, list) in rows.iter_mut().zip(lists) {
                    if let Value::Object(row) = row {
                        let own = base.list(*list).iter().filter(|r| r.partner == index);
                        let periods = relation_records(base, Kind::Partner, statuses, own, false);
                        row.fields.push((PERIODS, Value::List(periods)));
                    }
                }
            }
        }
    }
    output
}
