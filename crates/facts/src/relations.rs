//! The dates of relations, checked and spread once the base is resolved: each
//! period of a member or party lies within the life of its org or treaty, ends
//! no earlier than it begins, and a partner's periods follow one another in the
//! file's order without overlapping; Kazakhstan's own dates lie within that life
//! too. Each relation then gets the days it covers (`Relation::span`), the body's
//! founding or the treaty's signing standing in for a `since` left out.

use super::{FactBase, FactDate, List, Period, Problem, Relation, Str};

/// The life of a record that has relations: when it began and ended, as the
/// file gives them, and the words messages use for them.
struct Life {
    start: Option<FactDate>,
    end: Option<FactDate>,
    /// `the body was founded`, `the treaty was signed`.
    began: &'static str,
    ended: &'static str,
}

impl Life {
    fn period(&self) -> Period {
        between(self.start, self.end, Period::all())
    }
}

/// The days from `start` to `end`, the bound left out standing at `within`'s.
fn between(start: Option<FactDate>, end: Option<FactDate>, within: Period) -> Period {
    Period {
        start: start.map_or(within.start, |d| d.period.start),
        end: end.map_or(within.end, |d| d.period.end),
    }
}

pub(super) fn date(base: &mut FactBase, problems: &mut Vec<Problem>) {
    let mut spans: Vec<(List<Relation>, Vec<Period>)> = Vec::new();
    let view: &FactBase = base;
    let mut check = Check {
        base: view,
        problems,
    };
    for org in view.orgs.iter() {
        let life = Life {
            start: org.founded,
            end: org.dissolved,
            began: "the body was founded",
            ended: "the body was dissolved",
        };
        check.order(org.founded, "founded", org.dissolved, "dissolved");
        check.within(&life, org.joined, "joined");
        check.within(&life, org.left, "left");
        check.order(org.joined, "joined", org.left, "left");
        spans.push((
            org.members,
            check.list(&life, org.members, "members", org.meta.id),
        ));
    }
    for treaty in view.treaties.iter() {
        let life = Life {
            start: treaty.signed,
            end: treaty.expired,
            began: "the treaty was signed",
            ended: "the treaty expired",
        };
        for (date, field) in [
            (treaty.kazakhstan_signed, "kazakhstan_signed"),
            (treaty.acceded, "acceded"),
            (treaty.ratified, "ratified"),
        ] {
            check.within(&life, date, field);
        }
        check.order(treaty.in_force, "in_force", treaty.expired, "expired");
        let signature = treaty.kazakhstan_signed.or(treaty.signed);
        check.order(signature, "signed", treaty.ratified, "ratified");
        spans.push((
            treaty.parties,
            check.list(&life, treaty.parties, "parties", treaty.meta.id),
        ));
    }
    for (list, periods) in spans {
        for (relation, span) in base
            .store
            .arenas
            .relations_mut(list)
            .iter_mut()
            .zip(periods)
        {
            relation.span = span;
        }
    }
}

struct Check<'b, 'p> {
    base: &'b FactBase,
    problems: &'p mut Vec<Problem>,
}

impl Check<'_, '_> {
    fn problem(&mut self, date: FactDate, field: &str, message: String) {
        let at = self.base.span(date.text);
        self.problems
            .push(Problem::new(at, message).with_field(field));
    }

    /// A date of `field` lies within the record's life.
    fn within(&mut self, life: &Life, date: Option<FactDate>, field: &str) {
        self.within_as(life, date, field, format!("`{field}`"));
    }

    /// The same, the date called `what` (`uzbekistan's `since``).
    fn within_as(&mut self, life: &Life, date: Option<FactDate>, field: &str, what: String) {
        let Some(date) = date else {
            return;
        };
        let text = self.base.str(date.text);
        let life_period = life.period();
        if date.period.end < life_period.start {
            let began = life.start.map_or("", |d| self.base.str(d.text));
            let message = format!("{what} {text} is before {} ({began})", life.began);
            self.problem(date, field, message);
        } else if date.period.start > life_period.end {
            let ended = life.end.map_or("", |d| self.base.str(d.text));
            let message = format!("{what} {text} is after {} ({ended})", life.ended);
            self.problem(date, field, message);
        }
    }

    /// `end` is not before `start`.
    fn order(
        &mut self,
        start: Option<FactDate>,
        start_field: &str,
        end: Option<FactDate>,
        end_field: &str,
    ) {
        let (Some(start), Some(end)) = (start, end) else {
            return;
        };
        if end.period.end < start.period.start {
            let message = format!(
                "`{end_field}` {} is before `{start_field}` {}",
                self.base.str(end.text),
                self.base.str(start.text)
            );
            self.problem(end, end_field, message);
        }
    }

    /// The days each relation of `list` covers, its problems reported.
    fn list(&mut self, life: &Life, list: List<Relation>, field: &str, record: Str) -> Vec<Period> {
        let relations = self.base.list(list);
        let whole = life.period();
        for (i, relation) in relations.iter().enumerate() {
            let id = self.base.partner_id(relation.partner);
            self.within_as(life, relation.since, field, format!("{id}'s `since`"));
            self.within_as(life, relation.until, field, format!("{id}'s `until`"));
            self.order(relation.since, "since", relation.until, "until");
            // The partner's period before this one, in the file's order.
            let before = relations
                .iter()
                .take(i)
                .rev()
                .find(|r| r.partner == relation.partner);
            if let Some(before) = before {
                self.follows(before, relation, field, record);
            }
        }
        relations
            .iter()
            .map(|r| between(r.since, r.until, whole))
            .collect()
    }

    /// A partner's later period begins no earlier than its earlier one ends.
    fn follows(&mut self, before: &Relation, relation: &Relation, field: &str, record: Str) {
        let id = self.base.partner_id(relation.partner).to_owned();
        let Some(since) = relation.since else {
            return self.whole_problem(before, field, &id, record);
        };
        let Some(until) = before.until else {
            return self.whole_problem(before, field, &id, record);
        };
        if since.period.start < until.period.start {
            let message = format!(
                "{id}'s periods in `{field}` overlap or are out of order: one begins {} before the one above ends {}",
                self.base.str(since.text),
                self.base.str(until.text)
            );
            self.problem(since, field, message);
        }
    }

    /// An earlier period that never ends, or a later one that begins with the
    /// body: the two cover the same days.
    fn whole_problem(&mut self, before: &Relation, field: &str, id: &str, record: Str) {
        let message = format!(
            "{id} has several periods in `{field}`: each but the last needs `until`, each but the first `since`"
        );
        match before.since.or(before.until) {
            Some(date) => self.problem(date, field, message),
            None => {
                let at = self.base.span(record);
                self.problems
                    .push(Problem::new(at, message).with_field(field));
            }
        }
    }
}
