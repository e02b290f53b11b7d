//! Dates of reduced precision (`1992`, `1992-03`, `1992-03-02`) and intervals
//! (`2017/2018`): each stands for the period of days it covers, so a filter can ask
//! whether a record's period overlaps the one the user asked for.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The closed range of days a date or interval covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// The period of the days `days` gave (days from the Common Era's start), as
    /// `literal` writes it.
    pub const fn from_days(start: i32, end: i32) -> Period {
        Period {
            start: day(start),
            end: day(end),
        }
    }

    /// Its first and last days, counted from the Common Era's start.
    pub fn days(&self) -> (i32, i32) {
        (self.start.num_days_from_ce(), self.end.num_days_from_ce())
    }

    /// True when the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Every day there is: the period of an open filter bound.
    pub fn all() -> Period {
        Period {
            start: NaiveDate::MIN,
            end: NaiveDate::MAX,
        }
    }
}

/// A day by its number, as `Period::days` counts (every day there is fits).
const fn day(days: i32) -> NaiveDate {
    match NaiveDate::from_num_days_from_ce_opt(days) {
        Some(day) => day,
        None => NaiveDate::MIN,
    }
}

/// Why a date text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Malformed,
    Impossible,
    Reversed,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Malformed => {
                "expected a date YYYY, YYYY-MM or YYYY-MM-DD, or an interval START/END"
            }
            DateError::Impossible => "no such day in the calendar",
            DateError::Reversed => "the interval ends before it starts",
        })
    }
}

/// Parses a date or an interval `START/END` into the period it covers.
pub fn parse_period(text: &str) -> Result<Period, DateError> {
    // Bytes, not chars: every event's date is parsed at load.
    match text.as_bytes().iter().position(|&b| b == b'/') {
        Some(slash) => {
            let (start, end) = (
                text.get(..slash).unwrap_or_default(),
                text.get(slash + 1..).unwrap_or_default(),
            );
            let start = parse_single(start)?;
            let end = parse_single(end)?;
            if end.end < start.start {
                return Err(DateError::Reversed);
            }
            Ok(Period {
                start: start.start,
                end: end.end,
            })
        }
        None => parse_single(text),
    }
}

/// Parses one date of reduced precision (no interval).
pub fn parse_single(text: &str) -> Result<Period, DateError> {
    let mut parts = text.as_bytes().split(|&b| b == b'-');
    let year = parts.next().ok_or(DateError::Malformed)?;
    let month = parts.next();
    let day = parts.next();
    if parts.next().is_some() {
        return Err(DateError::Malformed);
    }
    let year = digits(year, 4)? as i32;
    match (month, day) {
        (None, _) => Ok(Period {
            start: ymd(year, 1, 1)?,
            end: ymd(year, 12, 31)?,
        }),
        (Some(month), None) => {
            let month = digits(month, 2)?;
            let start = ymd(year, month, 1)?;
            Ok(Period {
                start,
                end: last_day_of_month(start)?,
            })
        }
        (Some(month), Some(day)) => {
            let date = ymd(year, digits(month, 2)?, digits(day, 2)?)?;
            Ok(Period {
                start: date,
                end: date,
            })
        }
    }
}

/// `width` ASCII digits (four at most: no overflow).
fn digits(text: &[u8], width: usize) -> Result<u32, DateError> {
    if text.len() != width || !text.iter().all(u8::is_ascii_digit) {
        return Err(DateError::Malformed);
    }
    Ok(text.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0')))
}

fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) || day == 0 {
        return Err(if month == 0 || month > 12 {
            DateError::Malformed
        } else {
            DateError::Impossible
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible)
}

fn last_day_of_month(first: NaiveDate) -> Result<NaiveDate, DateError> {
    let (year, month) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    ymd(year, month, 1)?.pred_opt().ok_or(DateError::Impossible)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> Period {
        parse_period(text).unwrap()
    }

    #[test]
    fn reduced_precision_covers_its_whole_period() {
        let year = period("1992");
        assert_eq!(year.start.to_string(), "1992-01-01");
        assert_eq!(year.end.to_string(), "1992-12-31");
        assert_eq!(period("1992-02").end.to_string(), "1992-02-29");
        assert_eq!(period("1993-02").end.to_string(), "1993-02-28");
        assert_eq!(period("1992-12").end.to_string(), "1992-12-31");
    }

    #[test]
    fn intervals_span_from_start_to_end() {
        let term = period("2017/2018");
        assert_eq!(term.start.to_string(), "2017-01-01");
        assert_eq!(term.end.to_string(), "2018-12-31");
        assert_eq!(parse_period("2018/2017"), Err(DateError::Reversed));
    }

    #[test]
    fn overlap_is_inclusive() {
        assert!(period("1992").overlaps(&period("1992-06")));
        assert!(period("1992-12-31").overlaps(&period("1992")));
        assert!(!period("1991").overlaps(&period("1992")));
    }

    #[test]
    fn impossible_and_malformed_dates_are_rejected() {
        assert_eq!(parse_period("1992-02-30"), Err(DateError::Impossible));
        assert_eq!(parse_period("1993-02-29"), Err(DateError::Impossible));
        assert_eq!(parse_period("1992-13"), Err(DateError::Malformed));
        assert_eq!(parse_period("92"), Err(DateError::Malformed));
        assert_eq!(parse_period("1992-1-1"), Err(DateError::Malformed));
        assert_eq!(parse_period(""), Err(DateError::Malformed));
        assert_eq!(parse_period("1992/"), Err(DateError::Malformed));
        assert_eq!(parse_period("+992"), Err(DateError::Malformed));
    }
}
