//! Text helpers shared by queries, renderers and the loader: folding for matching that ignores
//! case and diacritics, and escaping of control characters so nothing from a fact
//! file can drive the terminal.

use std::borrow::Cow;

/// Lowercase ASCII approximation: `Şanghay` → `sanghay`, `Türkiye` → `turkiye`.
pub fn fold(text: &str) -> String {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return text.to_owned();
    }
    deunicode::deunicode(text).to_ascii_lowercase()
}

/// `fold` appended to `out`, a character at a time: search folds every word of
/// every text it reads into one buffer.
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(ascii) = deunicode::deunicode_char(c) {
            out.extend(ascii.chars().map(|a| a.to_ascii_lowercase()));
        }
    }
}

/// `; did you mean 'x'?` (or `'x' or 'y'`) for the closest candidates, or "".
pub fn did_you_mean<'a>(given: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let given = fold(given);
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| (strsim::jaro_winkler(&given, &fold(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    let names: Vec<String> = scored
        .iter()
        .take(3)
        .map(|(_, c)| format!("'{c}'"))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [init @ .., last] => format!("; did you mean {} or {last}?", init.join(", ")),
    }
}

/// True when `word` reads as a misspelling of `given`: closer than a
/// did-you-mean asks of a whole id (`shangai` and `Shanghai`).
pub fn is_close_word(given: &str, word: &str) -> bool {
    strsim::jaro_winkler(&fold(given), &fold(word)) >= 0.9
}

/// True when a control character needs escaping before reaching a terminal.
fn is_unsafe(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_newlines,
        _ => c.is_control() || is_bidi_control(c),
    }
}

/// The bidirectional formatting characters: embeddings, overrides, isolates and
/// marks. Raw, they reorder what a terminal shows (U+202E turns `gpj.exe` into
/// `exe.jpg`, "Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Escapes C0/C1 controls and DEL in caret notation, as `gh` does: ESC → `^[`,
/// BEL → `^G`, DEL → `^?`, and a C1 control as its ESC form (CSI 0x9B → `^[[`);
/// a bidirectional control as its code point (`<U+202E>`).
/// Newlines and tabs are kept when `keep_newlines` (table cells wrap on them).
pub fn escape_controls(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe(c, keep_newlines) {
            out.push(c);
            continue;
        }
        let code = c as u32;
        if is_bidi_control(c) {
            out.push_str(&format!("<U+{code:04X}>"));
            continue;
        }
        out.push('^');
        match code {
            0x7f => out.push('?'),
            0x80..=0x9f => {
                out.push('[');
                out.push(char::from_u32(code - 0x40).unwrap_or('?'));
            }
            _ => out.push(char::from_u32(code ^ 0x40).unwrap_or('?')),
        }
    }
    Cow::Owned(out)
}

/// `1 partner`, `2 partners`: a count with its noun in the right number.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// A number that is whole and exact as an integer (below 2⁵³ in size), as that
/// integer: `50000000000`, not `50000000000.0`. JSON, cells and figures print
/// whole numbers by this one rule.
pub fn whole_number(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9.0e15).then_some(n as i64)
}

/// A number as written: whole numbers without a decimal point.
pub fn number_text(n: f64) -> String {
    whole_number(n).map_or_else(|| n.to_string(), |whole| whole.to_string())
}

/// How much of a rejected argument an error message quotes.
const QUOTED_CHARS: usize = 80;

/// A user's argument quoted for an error message.
pub fn quote_arg(text: &str) -> String {
    format!("'{}'", shorten(text))
}

/// A user's argument as an error shows it: controls escaped, and cut after
/// `QUOTED_CHARS` characters (a 100,000-character argument is not echoed whole).
pub fn shorten(text: &str) -> String {
    let count = text.chars().count();
    if count <= QUOTED_CHARS {
        return escape_controls(text, false).into_owned();
    }
    let head: String = text.chars().take(QUOTED_CHARS).collect();
    format!("{}… ({count} characters)", escape_controls(&head, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Şanghay İşbirliği"), "sanghay isbirligi");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("ÇİN"), "cin");
        assert_eq!(fold("russia"), "russia");
    }

    #[test]
    fn controls_are_shown_in_caret_form() {
        assert_eq!(escape_controls("a\u{1b}[31mb", true), "a^[[31mb");
        assert_eq!(escape_controls("\u{9b}2J\u{7}", true), "^[[2J^G");
        assert_eq!(escape_controls("x\u{7f}\r", true), "x^?^M");
        assert_eq!(escape_controls("a\nb\tc", true), "a\nb\tc");
        assert_eq!(escape_controls("a\nb", false), "a^Jb");
        assert_eq!(
            escape_controls("a\u{202e}b\u{2066}", true),
            "a<U+202E>b<U+2066>"
        );
    }
}
