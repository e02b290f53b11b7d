//! Rules between fields and records that no single field's type can check:
//! a parent chain that loops, a treaty in force before it was signed, a count of
//! members below the members listed. (A reference listed twice is found while
//! references are resolved, in `load::Resolver::list`.)

use super::schema::Participation;
use super::{FactBase, Index, Problem};

/// Every problem of these rules, in file order of the records.
pub(super) fn check(base: &FactBase, problems: &mut Vec<Problem>) {
    parent_cycles(base, problems);
    for treaty in base.treaties.iter() {
        if let (Some(signed), Some(in_force)) = (treaty.signed, treaty.in_force) {
            if in_force.period.end < signed.period.start {
                problems.push(
                    Problem::new(
                        base.span(in_force.text),
                        format!(
                            "treaty '{}' is in force ({}) before it was signed ({})",
                            base.str(treaty.meta.id),
                            base.str(in_force.text),
                            base.str(signed.text)
                        ),
                    )
                    .with_field("in_force"),
                );
            }
        }
        // Kazakhstan is counted in `party_count` when it is a party, never listed.
        let kazakhstan = usize::from(treaty.kazakhstan == Participation::Party);
        let listed = base.list(treaty.parties).len() + kazakhstan;
        count_below(
            base,
            "treaty",
            treaty.meta.id,
            "party_count",
            treaty.party_count,
            listed,
            "parties",
            problems,
        );
    }
    for org in base.orgs.iter() {
        let listed = base.list(org.members).len();
        count_below(
            base,
            "org",
            org.meta.id,
            "member_count",
            org.member_count,
            listed,
            "members",
            problems,
        );
    }
}

/// `member_count = 2` with three members listed.
#[allow(clippy::too_many_arguments)]
fn count_below(
    base: &FactBase,
    kind: &str,
    id: super::Str,
    field: &'static str,
    count: Option<u32>,
    listed: usize,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    let Some(count) = count else { return };
    if (count as usize) < listed {
        problems.push(
            Problem::new(
                base.span(id),
                format!(
                    "{kind} '{}' has `{field} = {count}`, fewer than the {listed} {what} it lists",
                    base.str(id)
                ),
            )
            .with_field(field),
        );
    }
}

/// An org that is its own parent, or a chain of parents that comes back to
/// where it started: each loop reported once, at its first org in the file.
fn parent_cycles(base: &FactBase, problems: &mut Vec<Problem>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        Not,
        OnPath,
        Done,
    }
    let mut seen = vec![Seen::Not; base.orgs.len()];
    let parent = |org: Index| base.orgs.get(org as usize).and_then(|o| o.parent);
    let id = |org: Index| {
        base.orgs
            .get(org as usize)
            .map_or("", |o| base.str(o.meta.id))
    };
    for start in 0..base.orgs.len() as Index {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(org) = at {
            match seen.get(org as usize).copied() {
                Some(Seen::Not) => {
                    if let Some(state) = seen.get_mut(org as usize) {
                        *state = Seen::OnPath;
                    }
                    path.push(org);
                    at = parent(org);
                }
                Some(Seen::OnPath) => {
                    let from = path.iter().position(|o| *o == org).unwrap_or(0);
                    let cycle = path.get(from..).unwrap_or_default();
                    let first = cycle.iter().copied().min().unwrap_or(org);
                    let message = if cycle.len() == 1 {
                        format!("org '{}' is its own parent", id(org))
                    } else {
                        // Named from its first org in the file, round to it again.
                        let turn = cycle.iter().position(|o| *o == first).unwrap_or(0);
                        let names: Vec<&str> = cycle
                            .iter()
                            .cycle()
                            .skip(turn)
                            .take(cycle.len() + 1)
                            .map(|o| id(*o))
                            .collect();
                        format!(
                            "the parents of org '{}' go round: {}",
                            id(first),
                            names.join(" → ")
                        )
                    };
                    let at = base
                        .orgs
                        .get(first as usize)
                        .and_then(|o| base.span(o.meta.id));
                    problems.push(Problem::new(at, message).with_field("parent"));
                    break;
                }
                Some(Seen::Done) | None => break,
            }
        }
        for org in path {
            if let Some(state) = seen.get_mut(org as usize) {
                *state = Seen::Done;
            }
        }
    }
}
