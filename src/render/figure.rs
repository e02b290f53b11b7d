//! A figure as a person says it: `about 300 US companies …`, `$300 million`,
//! `168th`, `56.9 %`, and in Turkish `yaklaşık 300`, `300 milyon ABD doları`,
//! `168.`, `%56,9`. Units are the fact file's (`USD`, `count`, `percent`,
//! `ordinal`, `km2`, `years`); another unit is written after the number.

use crate::facts::Qualifier;
use crate::text::{number_text, whole_number};

/// The figure's words: `what`, `value` and `unit` as in the file, and how exact it is.
pub struct FigureWords<'a> {
    pub what: &'a str,
    pub value: f64,
    pub unit: &'a str,
    pub qualifier: Option<Qualifier>,
}

impl FigureWords<'_> {
    /// `about 300 US companies …` (a count reads before what it counts),
    /// `US investment …: $50 billion`; in Turkish always `what: amount`.
    pub fn phrase(&self, turkish: bool) -> String {
        if turkish {
            return format!("{}: {}", self.what, self.amount_tr());
        }
        if self.unit == "count" {
            return format!("{} {}", self.amount_en(), lowercase_first(self.what));
        }
        format!("{}: {}", self.what, self.amount_en())
    }

    fn amount_en(&self) -> String {
        let number = large(self.value, false);
        let said = match self.unit {
            "USD" => format!("${number}"),
            "percent" => format!("{} %", decimal(self.value, false)),
            "ordinal" => ordinal_en(self.value),
            "km2" => format!("{number} km²"),
            "years" if self.value == 1.0 => "1 year".to_owned(),
            "years" => format!("{number} years"),
            "count" => number,
            other => format!("{number} {other}"),
        };
        match self.qualifier {
            Some(q) => format!("{} {said}", q.word()),
            None => said,
        }
    }

    fn amount_tr(&self) -> String {
        let number = large(self.value, true);
        let said = match self.unit {
            "USD" => format!("{number} ABD doları"),
            "percent" => format!("%{}", decimal(self.value, true)),
            "ordinal" => format!("{}.", decimal(self.value, true)),
            "km2" => format!("{number} km²"),
            "years" => format!("{number} yıl"),
            "count" => number,
            other => format!("{number} {other}"),
        };
        // `300'den fazla`, `300'den az`: a comparison follows the number, in the
        // ablative; the other qualifiers come before it.
        match self.qualifier {
            Some(q @ (Qualifier::MoreThan | Qualifier::LessThan)) => {
                format!("{said}{} {}", ablative(self.value), q.word_tr())
            }
            Some(q @ (Qualifier::About | Qualifier::Almost | Qualifier::AtLeast)) => {
                format!("{} {said}", q.word_tr())
            }
            None => said,
        }
    }
}

/// `Republics that …` → `republics that …`, but `US companies` stays.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

/// `300 million`, `2.7 million`, `50 billion`; smaller numbers as they are,
/// thousands grouped (`944`, `12,500`).
fn large(value: f64, turkish: bool) -> String {
    let scales: [(f64, &str, &str); 3] = [
        (1e12, "trillion", "trilyon"),
        (1e9, "billion", "milyar"),
        (1e6, "million", "milyon"),
    ];
    for (scale, en, tr) in scales {
        if value.abs() >= scale {
            let word = if turkish { tr } else { en };
            return format!("{} {word}", decimal(value / scale, turkish));
        }
    }
    if let Some(whole) = whole_number(value).filter(|whole| whole.abs() >= 10_000) {
        return grouped(whole, if turkish { '.' } else { ',' });
    }
    decimal(value, turkish)
}

/// A number with at most two decimals, the decimal mark of the language.
fn decimal(value: f64, turkish: bool) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = number_text(rounded);
    if turkish {
        text.replace('.', ",")
    } else {
        text
    }
}

fn grouped(value: i64, mark: char) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(mark);
        }
        out.push(digit);
    }
    if value < 0 { format!("-{out}") } else { out }
}

/// `1st`, `2nd`, `3rd`, `11th`, `168th`.
fn ordinal_en(value: f64) -> String {
    let n = value.round() as i64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The Turkish ablative ending of a number as it is read aloud: `50'den`,
/// `40'tan`, `300 milyon'dan`. Vowel harmony and the hard consonants follow
/// the last word spoken.
fn ablative(value: f64) -> &'static str {
    let n = value.abs().round() as i64;
    if n == 0 {
        return "'dan";
    }
    // The last word read: units, then tens, then the larger scales.
    let unit = n % 10;
    let ten = (n / 10) % 10;
    let word = if unit != 0 {
        [
            "", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz",
        ]
        .get(unit as usize)
        .copied()
        .unwrap_or("")
    } else if ten != 0 {
        [
            "", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan",
        ]
        .get(ten as usize)
        .copied()
        .unwrap_or("")
    } else if n % 1_000_000_000 == 0 {
        "milyar"
    } else if n % 1_000_000 == 0 {
        "milyon"
    } else if n % 1000 == 0 {
        "bin"
    } else {
        "yüz"
    };
    let hard = word.ends_with(['ç', 'f', 'h', 'k', 'p', 's', 'ş', 't']);
    let back = word
        .chars()
        .rev()
        .find(|c| "aeıioöuü".contains(*c))
        .is_some_and(|v| "aıou".contains(v));
    match (hard, back) {
        (true, true) => "'tan",
        (true, false) => "'ten",
        (false, true) => "'dan",
        (false, false) => "'den",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(
        value: f64,
        unit: &'static str,
        qualifier: Option<&'static str>,
    ) -> FigureWords<'static> {
        FigureWords {
            what: "x",
            value,
            unit,
            qualifier: qualifier
                .and_then(|q| Qualifier::ALL.iter().copied().find(|w| w.word() == q)),
        }
    }

    #[test]
    fn english_reads_as_said() {
        assert_eq!(figure(300e6, "USD", None).amount_en(), "$300 million");
        assert_eq!(figure(50e9, "USD", None).amount_en(), "$50 billion");
        assert_eq!(
            figure(300.0, "count", Some("about")).amount_en(),
            "about 300"
        );
        assert_eq!(figure(168.0, "ordinal", None).amount_en(), "168th");
        assert_eq!(figure(56.9, "percent", None).amount_en(), "56.9 %");
        assert_eq!(
            figure(2.7e6, "km2", Some("about")).amount_en(),
            "about 2.7 million km²"
        );
    }

    #[test]
    fn turkish_reads_as_said() {
        assert_eq!(
            figure(300e6, "USD", None).amount_tr(),
            "300 milyon ABD doları"
        );
        assert_eq!(figure(56.9, "percent", None).amount_tr(), "%56,9");
        assert_eq!(figure(168.0, "ordinal", None).amount_tr(), "168.");
        assert_eq!(
            figure(50.0, "count", Some("more than")).amount_tr(),
            "50'den fazla"
        );
        assert_eq!(
            figure(40.0, "count", Some("more than")).amount_tr(),
            "40'tan fazla"
        );
        assert_eq!(
            figure(6.0, "count", Some("more than")).amount_tr(),
            "6'dan fazla"
        );
        assert_eq!(
            figure(3.0, "count", Some("more than")).amount_tr(),
            "3'ten fazla"
        );
        assert_eq!(
            figure(300.0, "count", Some("at least")).amount_tr(),
            "en az 300"
        );
        assert_eq!(
            figure(40.0, "count", Some("less than")).amount_tr(),
            "40'tan az"
        );
    }
}
