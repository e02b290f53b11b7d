//! Fitting a table to the terminal: which columns to show and how wide each is.
//! Every column gets at least the width that holds its longest atom, item or
//! word (so nothing but free text and lists ever wraps); the rest of the width
//! goes to the columns that want it. When the columns do not fit, or the rows
//! grow taller than a reader can follow, the lowest-ranked column is hidden
//! first; when even the essential ones do not fit, one card per record.

use super::wrap::{Wrap, min_width, width, wrap};

/// Columns are set apart by two spaces, kubectl-style.
pub const GAP: usize = 2;

/// Cells longer than this have their line count estimated, not wrapped, while
/// layouts are compared: a 60 MB summary is wrapped once, when printed.
const ESTIMATE_OVER: usize = 4096;

/// How far a card's value is indented when it goes under its label.
pub const CARD_INDENT: usize = 2;

/// A table's text before layout: one wrap, rank and header per column.
pub struct Grid {
    /// The field of each column, as `--fields` names it.
    pub fields: Vec<&'static str>,
    pub headers: Vec<String>,
    pub wraps: Vec<Wrap>,
    /// 0: never hidden; otherwise the lowest rank is hidden first.
    pub ranks: Vec<u8>,
    pub rows: Vec<Vec<String>>,
}

/// What to print: the shown columns (indexes into the grid) and their widths.
#[derive(Debug, PartialEq)]
pub enum Plan {
    Columns {
        shown: Vec<usize>,
        widths: Vec<usize>,
    },
    /// One card per record with the shown fields: a label column, then the
    /// value (`Grid::card_widths`; a value that does not fit beside its label
    /// goes under it, indented by `CARD_INDENT`).
    Cards { shown: Vec<usize> },
}

/// The most screen rows a record may take on average at this terminal width.
pub fn rows_per_record(terminal: usize) -> f64 {
    if terminal >= 80 { 4.0 } else { 8.0 }
}

impl Grid {
    fn column_min(&self, column: usize) -> usize {
        let header = self
            .headers
            .get(column)
            .map_or(0, |h| min_width(h, Wrap::Text));
        let how = self.wrap_of(column);
        self.cells(column)
            .map(|c| min_width(c, how))
            .fold(header, usize::max)
    }

    /// The width at which the column's longest cell needs no wrapping (its
    /// widest line, header included).
    pub fn column_want(&self, column: usize) -> usize {
        let header = self.headers.get(column).map_or(0, |h| width(h));
        self.cells(column)
            .map(|c| c.lines().map(width).max().unwrap_or(0))
            .fold(header, usize::max)
    }

    /// The width that holds nine cells in ten of the column unwrapped: what
    /// its cells typically need, not its one longest (ten partners of one event).
    fn column_typical(&self, column: usize) -> usize {
        let mut needs: Vec<usize> = self
            .cells(column)
            .map(|c| c.lines().map(width).max().unwrap_or(0))
            .collect();
        needs.sort_unstable();
        needs.get(needs.len() * 9 / 10).copied().unwrap_or(0)
    }

    pub fn wrap_of(&self, column: usize) -> Wrap {
        self.wraps.get(column).copied().unwrap_or(Wrap::Text)
    }

    fn cells(&self, column: usize) -> impl Iterator<Item = &str> + '_ {
        self.rows
            .iter()
            .map(move |row| row.get(column).map_or("", String::as_str))
    }

    /// Screen rows the record takes with these columns at these widths.
    fn record_rows(&self, row: &[String], shown: &[usize], widths: &[usize]) -> usize {
        shown
            .iter()
            .zip(widths)
            .map(|(&c, &w)| line_count(row.get(c).map_or("", String::as_str), self.wrap_of(c), w))
            .max()
            .unwrap_or(1)
    }

    fn average_rows(&self, shown: &[usize], widths: &[usize]) -> f64 {
        if self.rows.is_empty() {
            return 0.0;
        }
        // The header row counts too: it is on the screen.
        let total: usize = self
            .rows
            .iter()
            .map(|row| self.record_rows(row, shown, widths))
            .sum::<usize>()
            + self.record_rows(&self.headers, shown, widths);
        total as f64 / self.rows.len() as f64
    }

    /// Rows a card takes on average: its non-empty fields wrapped, a blank line.
    fn card_rows(&self, shown: &[usize], terminal: usize) -> f64 {
        if self.rows.is_empty() {
            return 0.0;
        }
        let (_, value) = self.card_widths(shown, terminal);
        let total: usize = self
            .rows
            .iter()
            .map(|row| {
                1 + shown
                    .iter()
                    .filter_map(|&c| row.get(c).map(|cell| (c, cell)))
                    .filter(|(_, cell)| !cell.is_empty())
                    .map(|(c, cell)| card_field_rows(cell, self.wrap_of(c), value, terminal))
                    .sum::<usize>()
            })
            .sum();
        total as f64 / self.rows.len() as f64
    }

    /// The label and value widths of cards with these fields.
    pub fn card_widths(&self, shown: &[usize], terminal: usize) -> (usize, usize) {
        let label = shown
            .iter()
            .filter_map(|&c| self.headers.get(c))
            .map(|h| width(h))
            .max()
            .unwrap_or(0);
        (label, terminal.saturating_sub(label + GAP).max(1))
    }
}

/// The plan for a table at `terminal` columns. Columns of rank 0 (all of them
/// when chosen with --fields) are never hidden: cards instead when they do not fit.
pub fn plan(grid: &Grid, terminal: usize) -> Plan {
    let count = grid
        .headers
        .len()
        .max(grid.rows.first().map_or(0, Vec::len));
    let mins: Vec<usize> = (0..count).map(|c| grid.column_min(c)).collect();
    let wants: Vec<usize> = (0..count).map(|c| grid.column_want(c)).collect();
    let typical: Vec<usize> = (0..count).map(|c| grid.column_typical(c)).collect();
    let target = rows_per_record(terminal);
    let mut shown: Vec<usize> = (0..count).collect();
    let mut smallest_fit = None;
    loop {
        if let Some(widths) = fewest_rows(grid, &shown, [&mins, &wants, &typical], terminal) {
            let rows = grid.average_rows(&shown, &widths);
            if rows <= target {
                return Plan::Columns { shown, widths };
            }
            smallest_fit = Some((rows, shown.clone(), widths));
        }
        if !hide_lowest(grid, &mut shown) {
            break;
        }
    }
    let cards = card_fields(grid, (0..count).collect(), terminal, target);
    let card_rows = grid.card_rows(&cards, terminal);
    match smallest_fit {
        Some((rows, shown, widths)) if rows <= card_rows => Plan::Columns { shown, widths },
        _ => Plan::Cards { shown: cards },
    }
}

/// The fields cards show: all, less the lowest-ranked while a card is taller
/// than the target.
fn card_fields(grid: &Grid, mut shown: Vec<usize>, terminal: usize, target: f64) -> Vec<usize> {
    while grid.card_rows(&shown, terminal) > target {
        if !hide_lowest(grid, &mut shown) {
            break;
        }
    }
    shown
}

/// Hides the shown column of the lowest rank above 0; false when none is left.
fn hide_lowest(grid: &Grid, shown: &mut Vec<usize>) -> bool {
    let rank = |c: usize| grid.ranks.get(c).copied().unwrap_or(0);
    let lowest = shown
        .iter()
        .enumerate()
        .filter(|(_, c)| rank(**c) > 0)
        .min_by_key(|(_, c)| rank(**c));
    match lowest {
        Some((at, _)) => {
            shown.remove(at);
            true
        }
        None => false,
    }
}

/// Whether a card's value goes under its label: an atom or list item that
/// would be cut beside it.
pub fn goes_under(cell: &str, how: Wrap, value: usize) -> bool {
    how != Wrap::Text && min_width(cell, how) > value
}

/// Screen rows of one card field.
fn card_field_rows(cell: &str, how: Wrap, value: usize, terminal: usize) -> usize {
    if goes_under(cell, how, value) {
        1 + line_count(cell, how, terminal.saturating_sub(CARD_INDENT).max(1))
    } else {
        line_count(cell, how, value)
    }
}

/// The widths of `widths` that take the fewest screen rows: atoms as wide as
/// they want, or as their widest unbroken piece (an interval wrapped at its
/// `/`, the room going to the text); room shared by what the widest cells
/// miss, or by what typical ones do (`Grid::column_typical`: a column held wide
/// by one long list lets the titles beside it wrap); the first on a tie.
fn fewest_rows(
    grid: &Grid,
    shown: &[usize],
    [mins, wants, typical]: [&[usize]; 3],
    terminal: usize,
) -> Option<Vec<usize>> {
    let mut best: Option<(f64, Vec<usize>)> = None;
    for shares in [wants, typical] {
        for wrap_atoms in [false, true] {
            let tried = widths(
                shown,
                [mins, wants, shares],
                &grid.wraps,
                terminal,
                wrap_atoms,
            )?;
            if best.as_ref().is_some_and(|(_, w)| *w == tried) {
                continue;
            }
            let rows = grid.average_rows(shown, &tried);
            if best.as_ref().is_none_or(|(fewest, _)| rows < *fewest) {
                best = Some((rows, tried));
            }
        }
    }
    best.map(|(_, widths)| widths)
}

/// Widths for the shown columns within `terminal`, or `None` when even their
/// narrowest widths do not fit. `needs`: each column's narrowest width, the
/// width of its widest cell, and the width room is shared by. Room beyond the
/// narrowest goes to each column in proportion to what it misses of the last;
/// `wrap_atoms`: atoms want only their widest unbroken piece until the others
/// have what they want.
fn widths(
    shown: &[usize],
    [mins, wants, shares]: [&[usize]; 3],
    wraps: &[Wrap],
    terminal: usize,
    wrap_atoms: bool,
) -> Option<Vec<usize>> {
    let gaps = GAP * shown.len().saturating_sub(1);
    let min: Vec<usize> = shown
        .iter()
        .map(|&c| mins.get(c).copied().unwrap_or(1).max(1))
        .collect();
    let want: Vec<usize> = shown
        .iter()
        .zip(&min)
        .map(|(&c, &m)| wants.get(c).copied().unwrap_or(m).max(m))
        .collect();
    let room = terminal.checked_sub(gaps + min.iter().sum::<usize>())?;
    let missing: Vec<usize> = want.iter().zip(&min).map(|(w, m)| w - m).collect();
    if missing.iter().sum::<usize>() <= room {
        return Some(want);
    }
    // An atom as wide as its widest unbroken piece: one interval
    // (`1994-02-14/1998-07-01`) wraps at its `/` rather than widen its column
    // for every row. What the others leave goes back to it at the end.
    let full = want;
    let want: Vec<usize> = shown
        .iter()
        .zip(&min)
        .zip(&full)
        .map(|((&c, &m), &w)| match wraps.get(c) {
            Some(Wrap::Atom) if wrap_atoms => m,
            _ => w,
        })
        .collect();
    // Shares in proportion to what each column misses, free text weighing
    // double (it is what a listing is read for), capped at what it wants; then
    // what rounding left, one column at a time.
    let missing = shown
        .iter()
        .zip(&min)
        .zip(&want)
        .map(|((&c, &m), &w)| shares.get(c).copied().unwrap_or(w).clamp(m, w) - m);
    let weight: Vec<u128> = shown
        .iter()
        .zip(missing)
        .map(|(&c, miss)| {
            miss as u128
                * if wraps.get(c) == Some(&Wrap::Text) {
                    2
                } else {
                    1
                }
        })
        .collect();
    let total: u128 = weight.iter().sum::<u128>().max(1);
    let mut widths: Vec<usize> = min
        .iter()
        .zip(&weight)
        .zip(&want)
        .map(|((m, w), wanted)| (m + (room as u128 * w / total) as usize).min(*wanted))
        .collect();
    let mut left = room.saturating_sub(widths.iter().sum::<usize>() - min.iter().sum::<usize>());
    for wanted in [&want, &full] {
        for (w, wanted) in widths.iter_mut().zip(wanted) {
            let more = wanted.saturating_sub(*w).min(left);
            *w += more;
            left -= more;
        }
    }
    Some(widths)
}

/// Lines a cell wraps to; estimated for a long cell (see `ESTIMATE_OVER`).
fn line_count(text: &str, how: Wrap, columns: usize) -> usize {
    if text.len() > ESTIMATE_OVER {
        let filled = columns.max(1) * 9 / 10;
        return width(text).div_ceil(filled.max(1)).max(1);
    }
    wrap(text, how, columns).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            fields: vec!["id", "title", "orgs"],
            headers: vec!["ID".into(), "TITLE".into(), "ORGS".into()],
            wraps: vec![Wrap::Atom, Wrap::Text, Wrap::List],
            ranks: vec![0, 0, 1],
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        }
    }

    #[test]
    fn wide_enough_shows_every_column_unwrapped() {
        let g = grid(&[&["sco-founded", "SCO founded in Shanghai", "sco"]]);
        assert_eq!(
            plan(&g, 80),
            Plan::Columns {
                shown: vec![0, 1, 2],
                widths: vec![11, 23, 4]
            }
        );
    }

    #[test]
    fn a_narrow_terminal_hides_the_lowest_rank_first() {
        let g = grid(&[&[
            "sco-founded",
            "SCO founded in Shanghai",
            "shanghai-cooperation-organisation",
        ]]);
        let Plan::Columns { shown, .. } = plan(&g, 40) else {
            panic!("cards")
        };
        assert_eq!(shown, vec![0, 1]);
    }

    #[test]
    fn columns_of_rank_zero_are_never_hidden() {
        let mut g = grid(&[&[
            "sco-founded",
            "SCO founded in Shanghai",
            "shanghai-cooperation-organisation",
        ]]);
        g.ranks = vec![0, 0, 0];
        assert!(matches!(plan(&g, 40), Plan::Cards { .. }));
    }

    /// One long list (an event with ten partners) no longer holds its column
    /// wide while every title beside it wraps: the plan takes fewer rows than
    /// room shared by the widest cells would.
    #[test]
    fn one_long_list_does_not_starve_the_titles() {
        let title = "Diplomatic relations with France established";
        let mut rows: Vec<Vec<String>> = (0..20)
            .map(|i| {
                vec![
                    format!("1992-01-{i:02}"),
                    title.into(),
                    "united-kingdom".into(),
                ]
            })
            .collect();
        let partners = "armenia, azerbaijan, belarus, kyrgyzstan, moldova, russia, tajikistan";
        rows.push(vec!["1991-12-21".into(), title.into(), partners.into()]);
        let g = Grid {
            fields: vec!["date", "title", "partners"],
            headers: vec!["DATE".into(), "TITLE".into(), "PARTNERS".into()],
            wraps: vec![Wrap::Atom, Wrap::Text, Wrap::List],
            ranks: vec![0, 0, 0],
            rows,
        };
        let Plan::Columns {
            shown,
            widths: planned,
        } = plan(&g, 80)
        else {
            panic!("cards")
        };
        let mins: Vec<usize> = (0..3).map(|c| g.column_min(c)).collect();
        let wants: Vec<usize> = (0..3).map(|c| g.column_want(c)).collect();
        let by_widest = widths(&shown, [&mins, &wants, &wants], &g.wraps, 80, false).unwrap();
        assert!(
            g.average_rows(&shown, &planned) < g.average_rows(&shown, &by_widest),
            "{planned:?} takes as many rows as {by_widest:?}"
        );
        assert!(planned[1] >= title.len(), "{planned:?}");
    }
}
