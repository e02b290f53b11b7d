//! Wrapping a cell to a column width by its kind of content: an atom (an id, a date, a
//! number) is never split, but for an interval (`2017/2018`), which may break
//! after its `/` into two whole dates; a list wraps between items, free text at
//! spaces. Only a piece wider than the whole column is cut, as the last resort.
//!
//! Written here rather than taken from a crate: the wrap is one streaming pass
//! (a 60 MB summary wraps in a fraction of a second without a word list), and
//! list items must break only after their commas.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a cell may be broken across lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrap {
    /// Never split: ids, dates, kinds, numbers; an interval breaks after its `/`.
    Atom,
    /// Items joined with ", ", wrapped between items (an interval item after its `/`).
    List,
    /// Words, wrapped at spaces; a newline in the text is kept.
    Text,
}

/// The display width of a piece of text.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        // Controls are escaped before cells are laid out: one column a byte.
        return text.len();
    }
    UnicodeWidthStr::width(text)
}

/// The narrowest column that holds `text` without cutting a piece of it.
pub fn min_width(text: &str, how: Wrap) -> usize {
    match how {
        Wrap::Atom => text.lines().map(interval_min).max().unwrap_or(0),
        Wrap::List => {
            let items: Vec<&str> = text.split(", ").collect();
            let last = items.len().saturating_sub(1);
            // Every item but the last carries its comma (after its end date).
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let end = item.rsplit('/').next().map_or(0, width) + usize::from(i < last);
                    interval_min(item).max(end)
                })
                .max()
                .unwrap_or(0)
        }
        Wrap::Text => text.split_whitespace().map(width).max().unwrap_or(0),
    }
}

/// The narrowest an atom can be: an interval's widest date with its `/`.
fn interval_min(atom: &str) -> usize {
    atom.split_inclusive('/').map(width).max().unwrap_or(0)
}

/// `text` as lines of at most `columns` display columns.
pub fn wrap(text: &str, how: Wrap, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        match how {
            Wrap::Atom if width(paragraph) > columns && paragraph.contains('/') => {
                fill(paragraph.split_inclusive('/'), "", columns, &mut lines);
            }
            Wrap::Atom => cut(paragraph, columns, &mut lines),
            Wrap::List => fill(paragraph.split(", "), ", ", columns, &mut lines),
            Wrap::Text => fill(paragraph.split_whitespace(), " ", columns, &mut lines),
        }
    }
    lines
}

/// First-fit filling: each piece goes on the current line if it fits, else on a
/// new one. A list keeps its comma at the end of the line it breaks on.
fn fill<'t>(
    pieces: impl Iterator<Item = &'t str>,
    separator: &str,
    columns: usize,
    lines: &mut Vec<String>,
) {
    let comma = separator.trim_end();
    let mut line = String::new();
    let mut used = 0;
    let mut pieces = pieces.filter(|p| !p.is_empty()).peekable();
    while let Some(piece) = pieces.next() {
        let trailing = if pieces.peek().is_some() { comma } else { "" };
        let piece_width = width(piece) + width(trailing);
        let gap = if line.is_empty() { 0 } else { 1 };
        if !line.is_empty() && used + gap + piece_width > columns {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            used += 1;
        }
        if piece_width > columns && piece.contains('/') && separator == ", " {
            // An interval item wider than the column: its dates, one a line.
            let mut parts = Vec::new();
            fill(
                format!("{piece}{trailing}").split_inclusive('/'),
                "",
                columns,
                &mut parts,
            );
            let last = parts.pop().unwrap_or_default();
            lines.extend(parts);
            used = width(&last);
            line = last;
            continue;
        }
        if piece_width > columns {
            // Wider than the column: cut, and go on after its last part.
            let mut parts = Vec::new();
            cut(&format!("{piece}{trailing}"), columns, &mut parts);
            let last = parts.pop().unwrap_or_default();
            lines.extend(parts);
            used = width(&last);
            line = last;
            continue;
        }
        line.push_str(piece);
        line.push_str(trailing);
        used += piece_width;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
}

/// Cuts `text` into parts of at most `columns` columns (never inside a character).
fn cut(text: &str, columns: usize, lines: &mut Vec<String>) {
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > columns && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        line.push(c);
        used += w;
    }
    lines.push(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces() {
        assert_eq!(
            wrap("Treaty on the Eurasian Economic Union", Wrap::Text, 12),
            ["Treaty on", "the Eurasian", "Economic", "Union"]
        );
    }

    #[test]
    fn lists_wrap_after_commas_and_never_inside_an_item() {
        assert_eq!(
            wrap("russia, belarus, eaeu-states", Wrap::List, 16),
            ["russia, belarus,", "eaeu-states"]
        );
        assert_eq!(min_width("russia, belarus, eaeu-states", Wrap::List), 11);
    }

    #[test]
    fn only_a_piece_wider_than_the_column_is_cut() {
        assert_eq!(
            wrap("october-revolution", Wrap::Atom, 10),
            ["october-re", "volution"]
        );
        assert_eq!(
            wrap("a verylongword b", Wrap::Text, 5),
            ["a", "veryl", "ongwo", "rd b"]
        );
        assert_eq!(
            wrap("Türkiye İşbirliği", Wrap::Text, 9),
            ["Türkiye", "İşbirliği"]
        );
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap("", Wrap::Text, 10), [""]);
    }
}
