//! A figure: a number the source gives, with what it counts. Its fields are
//! declared in `schema.rs` (`table Figure`), which also writes its reading,
//! showing and literal; the struct is here, below the field types, because the
//! arenas hold figures. A field declared there and not here (or the other way
//! round, or of another type) does not compile.

use crate::literal::Literal;
use crate::string::Str;
use crate::words::words;
use std::fmt::Write;

/// A number the source gives, with what it counts (`table Figure` in `schema.rs`).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    pub what: Str,
    pub what_tr: Option<Str>,
    pub value: Amount,
    pub unit: Str,
    pub qualifier: Option<Qualifier>,
}

words!(
    /// How exact a figure is.
    Qualifier {
        About = "about" / "yaklaşık", Almost = "almost" / "neredeyse", MoreThan = "more than" / "fazla", AtLeast = "at least" / "en az",
        LessThan = "less than" / "az",
    }
);

/// A figure's number as the file gives it: an integer is kept whole, past the
/// 2^53 where a double would round it (`9007199254740993`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Amount {
    Int(i64),
    Float(f64),
}

impl Default for Amount {
    fn default() -> Self {
        Amount::Float(0.0)
    }
}

impl Amount {
    /// The number as a double (rounded past 2^53).
    pub fn as_f64(self) -> f64 {
        match self {
            Amount::Int(i) => i as f64,
            Amount::Float(x) => x,
        }
    }
}

/// An integer as written (whole, past 2^53), a float by its bits.
impl Literal for Amount {
    fn literal(&self, out: &mut String) {
        match self {
            Amount::Int(i) => {
                let _ = write!(out, "Amount::Int({i})");
            }
            Amount::Float(x) => {
                out.push_str("Amount::Float(");
                x.literal(out);
                out.push(')');
            }
        }
    }
}
