//! `--jq EXPR`: the JSON output filtered in-process by jaq (a jq clone), printed
//! as `jq -r` prints it: each result on its own line, strings raw, every other
//! value pretty-printed the way jq 1.6 does (two-space indent, its number format).
//! Nothing here runs unless `--jq` is given: the expression is compiled on demand.
//!
//! As everywhere in kzfp, nothing from the data reaches the terminal raw: control
//! characters in raw strings are shown in caret form (`^[`), and JSON strings
//! escape DEL and the C1 controls too (`\u009b`), where jq prints them as they are.

use crate::text::{escape_controls, shorten};
use jaq_core::load::{self, Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data::JustLut};
use jaq_json::{Num, Val};
use std::fmt::Write as _;
use std::io::{self, Write};

type Data = JustLut<Val>;

/// A compiled `--jq` expression.
pub struct Jq {
    filter: jaq_core::Filter<Data>,
}

/// A result the filter could not give, or output that could not be written.
#[derive(Debug)]
pub enum JqError {
    Io(io::Error),
    /// An error raised while the filter ran (`.foo` on a string, `error("x")`).
    Runtime(String),
}

impl std::fmt::Display for JqError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JqError::Io(e) => e.fmt(f),
            JqError::Runtime(message) => write!(f, "--jq: {message}"),
        }
    }
}

impl std::error::Error for JqError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            JqError::Io(e) => Some(e),
            JqError::Runtime(_) => None,
        }
    }
}

impl From<io::Error> for JqError {
    fn from(error: io::Error) -> Self {
        JqError::Io(error)
    }
}

/// The longest runtime error message shown: jaq quotes the value it failed on,
/// which may be a whole record.
const MESSAGE_MAX: usize = 300;

impl Jq {
    /// Parses and compiles `code` with jq's standard library; the error names
    /// what is wrong and shows where, under the expression.
    pub fn compile(code: &str) -> Result<Jq, String> {
        // jq reads an empty program as `.`.
        let code = if code.trim().is_empty() { "." } else { code };
        // `debug`, `stderr` and `halt_error` write through the log crate.
        if log::set_logger(&STDERR).is_ok() {
            log::set_max_level(log::LevelFilter::Debug);
        }
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs())
            .chain(jq_defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs().filter(|(name, ..)| *name != "fromjson"))
            .chain([fromjson()]);
        let arena = Arena::default();
        let modules = Loader::new(defs)
            .load(&arena, File { code, path: () })
            .map_err(|errors| {
                let first = errors.into_iter().next().map(|(_, e)| e);
                first.map_or_else(|| "invalid expression".to_owned(), |e| load_error(code, e))
            })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .with_global_vars(["$ENV"])
            .compile(modules)
            .map_err(|errors| {
                let first = errors.into_iter().flat_map(|(_, e)| e).next();
                first.map_or_else(
                    || "invalid expression".to_owned(),
                    |(name, undefined)| {
                        let what = match undefined {
                            jaq_core::compile::Undefined::Filter(arity) => {
                                format!("filter {name}/{arity}")
                            }
                            other => format!("{} {name}", other.as_str()),
                        };
                        pointed(code, name, &format!("unknown {what}"))
                    },
                )
            })?;
        Ok(Jq { filter })
    }

    /// Runs the filter on one JSON document and prints its results. `Ok` holds
    /// the exit code `halt` or `halt_error` asked for, else 0.
    pub fn run(&self, json: &[u8], out: &mut dyn Write) -> Result<i32, JqError> {
        let input = jaq_json::read::parse_single(json)
            .map_err(|e| JqError::Runtime(format!("internal error: the JSON output: {e}")))?;
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([environment()]));
        let mut text = String::new();
        for result in self.filter.id.run((ctx, input)) {
            let value = match result {
                Ok(value) => value,
                Err(exception) => {
                    out.flush()?;
                    return match exception.get_err() {
                        Ok(error) => Err(JqError::Runtime(runtime_message(error.into_val()))),
                        Err(other) => Ok(other.get_halt().unwrap_or(5)),
                    };
                }
            };
            text.clear();
            if raw_or_json(&mut text, &value).is_err() {
                out.flush()?;
                return Err(JqError::Runtime(format!(
                    "a result nested deeper than {MAX_DEPTH} levels is not printed \
                     (jq reads no deeper)"
                )));
            }
            text.push('\n');
            out.write_all(text.as_bytes())?;
        }
        Ok(0)
    }
}

/// `$ENV`: the environment as an object, as `env` gives it.
fn environment() -> Val {
    let map = std::env::vars_os()
        .map(|(name, value)| {
            let text = |s: std::ffi::OsString| Val::utf8_str(s.to_string_lossy().into_owned());
            (text(name), text(value))
        })
        .collect();
    Val::obj(map)
}

/// jq 1.6's builtins that jaq lacks or defines otherwise (`src/render/jq.jq`).
fn jq_defs() -> impl Iterator<Item = load::parse::Def<&'static str>> {
    // Parsed at every compile; a parse error is a test failure (tests/jq_manual.rs).
    load::parse(include_str!("jq.jq"), |p| p.defs())
        .unwrap_or_default()
        .into_iter()
}

/// `fromjson` as jaq's, but refusing text nested deeper than `MAX_DEPTH` before
/// jaq's parser (which recurses) reads it: `"[" * 100000 | fromjson` is jq's
/// error "Exceeds depth limit for parsing", not a stack overflow.
fn fromjson() -> jaq_core::native::Fun<Data> {
    jaq_core::native::run::<Data>(("fromjson", Box::new([]), |cv| {
        let fail = |message: String| {
            Box::new(std::iter::once(Err(jaq_core::Exn::from(
                jaq_core::Error::str(message),
            ))))
        };
        let text = match &cv.1 {
            Val::TStr(bytes) | Val::BStr(bytes) => bytes.clone(),
            other => {
                let mut shown = String::new();
                let _ = write_json(&mut shown, other, false);
                return fail(format!(
                    "{} cannot be parsed as JSON: not a string",
                    shorten(&shown)
                ));
            }
        };
        if nesting(&text) > MAX_DEPTH {
            return fail(format!(
                "Exceeds depth limit for parsing ({MAX_DEPTH} levels)"
            ));
        }
        let values: Vec<_> = jaq_json::read::parse_many(&text)
            .map(|value| {
                value.map_err(|e| {
                    let shown = String::from_utf8_lossy(&text);
                    jaq_core::Exn::from(jaq_core::Error::str(format!(
                        "{} cannot be parsed as JSON: {e}",
                        shorten(&shown)
                    )))
                })
            })
            .collect();
        Box::new(values.into_iter())
    }))
}

/// How deep JSON text nests its arrays and objects (brackets in strings aside).
fn nesting(text: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for byte in text {
        match (in_string, byte) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            (false, _) => {}
        }
    }
    deepest
}

/// Where jaq's `debug` and `stderr` write: stderr, as jq does, controls escaped.
struct StderrLog;

static STDERR: StderrLog = StderrLog;

impl log::Log for StderrLog {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }

    fn log(&self, record: &log::Record) {
        let text = record.args().to_string();
        let text = escape_controls(&text, true);
        match record.level() {
            log::Level::Error => crate::stderr::write(format_args!("{text}")),
            _ => crate::stderr_line!("[\"DEBUG:\",{text}]"),
        }
    }

    fn flush(&self) {}
}

/// A lex or parse error: what was expected, what was found, and where.
fn load_error(code: &str, error: load::Error<&str>) -> String {
    use load::lex::Expect as Lex;
    use load::parse::Expect as Parse;
    let (what, place) = match error {
        load::Error::Lex(errors) => match errors.into_iter().next() {
            Some((expected, rest)) => {
                let what = match expected {
                    Lex::Delim("(") => "a closing parenthesis",
                    Lex::Delim("[") => "a closing bracket",
                    Lex::Delim("{") => "a closing brace",
                    Lex::Delim(_) => "a closing quote",
                    other => other.as_str(),
                };
                (what.to_owned(), rest)
            }
            None => return "invalid expression".to_owned(),
        },
        load::Error::Parse(errors) => match errors.into_iter().next() {
            Some((expected, token)) => {
                let what = match expected {
                    Parse::Just(symbol) => format!("`{symbol}`"),
                    Parse::Nothing => "the end of the expression".to_owned(),
                    other => other.as_str().to_owned(),
                };
                (what, token)
            }
            None => return "invalid expression".to_owned(),
        },
        load::Error::Io(errors) => {
            return errors.into_iter().next().map_or_else(
                || "modules cannot be loaded".to_owned(),
                |(path, message)| pointed(code, path, &format!("cannot load {path}: {message}")),
            );
        }
    };
    pointed(
        code,
        place,
        &format!("expected {what}, found {}", found(place)),
    )
}

/// The start of what was found instead, quoted, or the end of the expression.
fn found(rest: &str) -> String {
    let token: String = rest.trim_start().chars().take(12).collect();
    if token.is_empty() {
        "the end of the expression".to_owned()
    } else {
        let more = if rest.trim_start().chars().count() > 12 {
            "…"
        } else {
            ""
        };
        format!("`{}{more}`", escape_controls(&token, false))
    }
}

/// `message at line L, column C`, then the line of the expression and a caret
/// under the place `part` (a slice of `code`) starts at.
fn pointed(code: &str, part: &str, message: &str) -> String {
    let Some(offset) = offset_in(code, part) else {
        return format!("invalid expression: {message}");
    };
    let before = code.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_number = before.matches('\n').count() + 1;
    let line = code
        .get(line_start..)
        .unwrap_or_default()
        .split('\n')
        .next()
        .unwrap_or_default();
    let column = before.get(line_start..).unwrap_or_default().chars().count();
    let place = if code.contains('\n') {
        format!("line {line_number}, column {}", column + 1)
    } else {
        format!("column {}", column + 1)
    };
    format!(
        "invalid expression: {message} at {place}\n  {}\n  {}^",
        escape_controls(line, false),
        " ".repeat(column)
    )
}

/// Where `part` starts in `whole`, when it is a slice of it.
fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let start = whole.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    (start..=start + whole.len())
        .contains(&at)
        .then(|| at - start)
        .filter(|offset| whole.is_char_boundary(*offset))
}

/// A runtime error's value: a string as it is, anything else as compact JSON;
/// cut short.
fn runtime_message(value: Val) -> String {
    let mut text = String::new();
    match &value {
        Val::TStr(bytes) => text.push_str(&String::from_utf8_lossy(bytes)),
        other => {
            if write_json(&mut text, other, false).is_err() {
                text = format!("a value nested deeper than {MAX_DEPTH} levels");
            }
            text.push_str(" (not a string)");
        }
    }
    if text.chars().count() > MESSAGE_MAX {
        text = text.chars().take(MESSAGE_MAX).collect::<String>() + "…";
    }
    escape_controls(&text, false).into_owned()
}

/// One result as `jq -r` prints it: a string raw, anything else as JSON.
fn raw_or_json(out: &mut String, value: &Val) -> Result<(), TooDeep> {
    match value {
        Val::TStr(bytes) | Val::BStr(bytes) => {
            out.push_str(&escape_controls(&String::from_utf8_lossy(bytes), true));
            Ok(())
        }
        other => write_json(out, other, true),
    }
}

/// How deep a result may nest: jq reads no deeper (its parser's limit), and a
/// result nested 50,000 deep would print over a gigabyte of indentation.
pub const MAX_DEPTH: usize = 10_000;

/// A result nested deeper than `MAX_DEPTH`.
#[derive(Debug)]
struct TooDeep;

/// What is left to write of a value, innermost last: the printer keeps its own
/// stack, so no value, however deep, can overflow the thread's.
enum Step<'v> {
    Value(&'v Val),
    /// Before an item: its comma (unless the first) and, pretty, its line.
    Lead {
        first: bool,
    },
    /// An object's key and its `: `.
    Key(&'v Val),
    /// The end of an array or object; `empty` ones close on their line.
    Close {
        bracket: char,
        empty: bool,
    },
}

/// jq's JSON: pretty, two spaces a level, `"key": value`, `[]` and `{}` when
/// empty (`pretty`); or compact, without any space.
fn write_json(out: &mut String, value: &Val, pretty: bool) -> Result<(), TooDeep> {
    let mut steps = vec![Step::Value(value)];
    // Open arrays and objects: the level of indentation.
    let mut level = 0;
    while let Some(step) = steps.pop() {
        match step {
            Step::Value(value) => match value {
                Val::Null => out.push_str("null"),
                Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Val::Num(n) => out.push_str(&jq_number(as_f64(n))),
                Val::TStr(bytes) | Val::BStr(bytes) => {
                    write_string(out, &String::from_utf8_lossy(bytes))
                }
                Val::Arr(items) => {
                    level = open(out, '[', level)?;
                    steps.push(Step::Close {
                        bracket: ']',
                        empty: items.is_empty(),
                    });
                    for (index, item) in items.iter().enumerate().rev() {
                        steps.push(Step::Value(item));
                        steps.push(Step::Lead { first: index == 0 });
                    }
                }
                Val::Obj(map) => {
                    level = open(out, '{', level)?;
                    steps.push(Step::Close {
                        bracket: '}',
                        empty: map.is_empty(),
                    });
                    for (index, (key, value)) in map.iter().enumerate().rev() {
                        steps.push(Step::Value(value));
                        steps.push(Step::Key(key));
                        steps.push(Step::Lead { first: index == 0 });
                    }
                }
            },
            Step::Lead { first } => {
                if !first {
                    out.push(',');
                }
                if pretty {
                    out.push('\n');
                    push_indent(out, level);
                }
            }
            Step::Key(key) => {
                match key {
                    Val::TStr(bytes) => write_string(out, &String::from_utf8_lossy(bytes)),
                    other => {
                        let mut text = String::new();
                        write_json(&mut text, other, false)?;
                        write_string(out, &text);
                    }
                }
                out.push_str(if pretty { ": " } else { ":" });
            }
            Step::Close { bracket, empty } => {
                level -= 1;
                if pretty && !empty {
                    out.push('\n');
                    push_indent(out, level);
                }
                out.push(bracket);
            }
        }
    }
    Ok(())
}

/// Opens an array or object one level below `level`, within `MAX_DEPTH`.
fn open(out: &mut String, bracket: char, level: usize) -> Result<usize, TooDeep> {
    if level >= MAX_DEPTH {
        return Err(TooDeep);
    }
    out.push(bracket);
    Ok(level + 1)
}

fn push_indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// A JSON string as jq writes it (`\n`, `\t`, `\u001b`, other text as it is),
/// with DEL and the C1 controls escaped too.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// jq keeps every number as a double.
fn as_f64(n: &Num) -> f64 {
    match n {
        Num::Int(i) => *i as f64,
        Num::Float(x) => *x,
        other => other.to_string().parse().unwrap_or(f64::NAN),
    }
}

/// A number as jq 1.6 prints it: the shortest digits that read back as the same
/// double, positional unless the exponent is below -4 or more than 15 places past
/// the digits (`1e+17`, `1e-05`, `12345678901234567000`); NaN as `null`, the
/// infinities as the largest doubles.
fn jq_number(x: f64) -> String {
    if x.is_nan() {
        return "null".to_owned();
    }
    let scientific = format!("{:e}", x.clamp(f64::MIN, f64::MAX));
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let count = digits.len() as i64;
    // Where the decimal point falls after the first `point` digits.
    let point = exponent.parse::<i64>().unwrap_or(0) + 1;
    let (first, rest) = digits.split_at(1.min(digits.len()));
    let body = if point <= -4 || point > count + 15 {
        let exponent = point - 1;
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{first}{fraction}e{sign}{:02}", exponent.abs())
    } else if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point >= count {
        format!("{digits}{}", "0".repeat((point - count) as usize))
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{whole}.{fraction}")
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `echo N | jq .` prints with jq 1.6.
    #[test]
    fn numbers_print_as_jq_prints_them() {
        for (number, jq) in [
            (168.0, "168"),
            (1.5, "1.5"),
            (1e16, "1e+16"),
            (1e17, "1e+17"),
            (12345678901234567890.0, "12345678901234567000"),
            (0.1, "0.1"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (0.00001234, "1.234e-05"),
            (1e20, "1e+20"),
            (-0.0, "-0"),
            (0.0, "0"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::INFINITY, "1.7976931348623157e+308"),
            (f64::NEG_INFINITY, "-1.7976931348623157e+308"),
            (2.5e-7, "2.5e-07"),
            (50000000000.0, "50000000000"),
            (1e300, "1e+300"),
            (-12.25, "-12.25"),
            (f64::NAN, "null"),
        ] {
            assert_eq!(jq_number(number), jq, "{number}");
        }
    }
}
