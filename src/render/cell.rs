//! A value as text in a cell: lists joined, relations by partner, figures as a
//! person says them, whole numbers without a fraction.

use super::figure;
use crate::record::{Record, Value};
use crate::text::number_text;

/// A value as one cell of text; lists are joined with `separator` (in a table,
/// figures one to a line, as their phrases hold commas). `turkish`: figures read
/// by their `what_tr`.
pub(super) fn cell_text(value: &Value, separator: &str, turkish: bool) -> String {
    match value {
        Value::Null => String::new(),
        Value::Text(text) => (*text).to_owned(),
        Value::Number(n) => number_text(*n),
        Value::Integer(i) => i.to_string(),
        Value::List(items) if items.first().is_some_and(is_relation) => {
            let separator = if separator == ", " { "\n" } else { separator };
            relations_text(items, separator, turkish)
        }
        Value::List(items) => {
            let separator = match items.first() {
                Some(Value::Object(_)) if separator == ", " => "\n",
                _ => separator,
            };
            items
                .iter()
                .map(|v| cell_text(v, separator, turkish))
                .collect::<Vec<_>>()
                .join(separator)
        }
        Value::Object(record) => object_text(record, separator, turkish),
    }
}

/// A period of a relation (`members_history`, a partner card's `periods`).
pub(super) fn is_relation(value: &Value) -> bool {
    matches!(value, Value::Object(r) if r.get("status").is_some() && r.get("until").is_some())
}

/// Relations compactly, a partner to a line: `uzbekistan 1992–1999, 2006–2012`,
/// `iran observer 2005–2023, 2023–`; a status other than the first (`member`,
/// `party`) is named. Periods without an id (one partner's) are one line. A
/// partner whose only period is undated and in the first status is a plain
/// member, which `members` already shows: it is left out.
pub(super) fn relations_text<'a>(items: &[Value<'a>], separator: &str, turkish: bool) -> String {
    fn text<'a>(record: &Record<'a>, name: &str) -> Option<&'a str> {
        match record.get(name) {
            Some(Value::Text(t)) => Some(*t),
            _ => None,
        }
    }
    /// One partner's periods: its id (none for a partner card's own), then
    /// each period's status and years, in the list's order.
    type Group<'t> = (Option<&'t str>, Vec<(&'t str, String)>);
    let mut groups: Vec<Group> = Vec::new();
    for item in items {
        let Value::Object(record) = item else {
            continue;
        };
        let id = text(record, "id");
        let status = text(record, "status").unwrap_or_default();
        let status = if turkish { status_tr(status) } else { status };
        let years = period_years(text(record, "since"), text(record, "until"));
        match groups.iter_mut().find(|(g, _)| *g == id) {
            Some((_, periods)) => periods.push((status, years)),
            None => groups.push((id, vec![(status, years)])),
        }
    }
    let plain = |status: &str| matches!(status, "member" | "party" | "üye" | "taraf");
    groups
        .into_iter()
        .filter(|(id, periods)| {
            id.is_none() || periods.iter().any(|(s, y)| !plain(s) || !y.is_empty())
        })
        .map(|(id, periods)| {
            // A partner whose status changed says it for every period.
            let first = periods.first().map(|(s, _)| *s);
            let changed = periods.iter().any(|(s, _)| Some(*s) != first);
            let periods: Vec<String> = periods
                .into_iter()
                .map(
                    |(status, years)| match (changed || !plain(status), years.is_empty()) {
                        (true, false) => format!("{status} {years}"),
                        (false, false) => years,
                        // Undated: the status says it all (a partner's plain membership).
                        (_, true) => status.to_owned(),
                    },
                )
                .collect();
            let periods = periods.join(", ");
            match id {
                Some(id) => format!("{id} {periods}"),
                None => periods,
            }
        })
        .collect::<Vec<_>>()
        .join(separator)
}

/// A member's or party's status in Turkish, as the schema declares it.
pub fn status_tr(status: &str) -> &'static str {
    use crate::facts::{MemberStatus, PartyStatus};
    let member = MemberStatus::ALL.iter().find(|s| s.word() == status);
    let party = PartyStatus::ALL.iter().find(|s| s.word() == status);
    member
        .map(|s| s.word_tr())
        .or_else(|| party.map(|s| s.word_tr()))
        .unwrap_or_default()
}

/// The years of a period: `1992–1999`, `2017–` (still holds), `–1999` (since
/// the body's founding); empty when undated.
pub fn period_years(since: Option<&str>, until: Option<&str>) -> String {
    fn year(d: Option<&str>) -> &str {
        d.map_or("", |d| d.get(..4).unwrap_or(d))
    }
    match (since, until) {
        (None, None) => String::new(),
        _ => format!("{}–{}", year(since), year(until)),
    }
}

/// A figure as a person says it (`figure`); other objects as `key=value`.
pub(super) fn object_text(record: &Record, separator: &str, turkish: bool) -> String {
    let text = |name: &str| match record.get(name) {
        Some(Value::Text(t)) => Some(*t),
        _ => None,
    };
    let value = match record.get("value") {
        Some(Value::Number(value)) => Some(*value),
        Some(Value::Integer(value)) => Some(*value as f64),
        _ => None,
    };
    if let (Some(value), Some(unit), Some(what)) = (value, text("unit"), text("what")) {
        let what = text("what_tr").filter(|_| turkish).unwrap_or(what);
        return figure::FigureWords {
            what,
            value,
            unit,
            qualifier: text("qualifier").and_then(|q| {
                crate::facts::Qualifier::ALL
                    .iter()
                    .copied()
                    .find(|w| w.word() == q)
            }),
        }
        .phrase(turkish);
    }
    record
        .fields
        .iter()
        .map(|(name, value)| match value {
            Value::List(items) => format!(
                "{name}={}",
                items
                    .iter()
                    .map(|item| match item {
                        Value::Object(r) => r
                            .get("id")
                            .map(|id| cell_text(id, separator, turkish))
                            .unwrap_or_default(),
                        other => cell_text(other, separator, turkish),
                    })
                    .collect::<Vec<_>>()
                    .join(separator)
            ),
            other => format!("{name}={}", cell_text(other, separator, turkish)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
