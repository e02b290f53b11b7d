//! Splits a fact file into its top-level records without parsing them: a chunk
//! starts at each `[[partner]]`, `[[org]]`, `[[treaty]]`, `[[event]]` or `[country]`
//! header line. Each chunk is a TOML document of its own, so chunks can be parsed
//! independently (and in parallel) while spans stay offsets into the whole file.
//! The scanner follows strings and comments so a header-like line inside a
//! multi-line string never splits a record.

use super::Kind;

/// What opens a chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Header {
    /// Everything before the first header (`schema = 1`, comments).
    Preamble,
    Country,
    Array(Kind),
}

/// A byte range of the file and the header that opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub header: Header,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    MultiBasic,
    MultiLiteral,
}

/// The chunks of `text`, in order, covering all of it from `start`.
pub fn chunks(text: &str, start: usize) -> Vec<Chunk> {
    let bytes = text.as_bytes();
    let mut chunks = vec![Chunk {
        start,
        end: text.len(),
        header: Header::Preamble,
    }];
    let mut state = State::Normal;
    let mut i = start;
    let mut line_start = true;
    while i < bytes.len() {
        if line_start && state == State::Normal {
            if let Some(header) = header_at(bytes, i) {
                if let Some(last) = chunks.last_mut() {
                    last.end = i;
                }
                chunks.push(Chunk {
                    start: i,
                    end: text.len(),
                    header,
                });
            }
        }
        let (next, new_state) = step(bytes, i, state);
        line_start = bytes.get(next.wrapping_sub(1)) == Some(&b'\n');
        i = next;
        state = new_state;
    }
    chunks
}

/// Advances over one token from `i`; returns the next index and state.
fn step(bytes: &[u8], i: usize, state: State) -> (usize, State) {
    let at = |k: usize| bytes.get(k).copied();
    let triple = |q: u8| at(i) == Some(q) && at(i + 1) == Some(q) && at(i + 2) == Some(q);
    match state {
        State::Normal => match at(i) {
            Some(b'#') => (skip_to_eol(bytes, i), State::Normal),
            Some(b'"') if triple(b'"') => (i + 3, State::MultiBasic),
            Some(b'\'') if triple(b'\'') => (i + 3, State::MultiLiteral),
            Some(b'"') => (skip_basic(bytes, i + 1), State::Normal),
            Some(b'\'') => (skip_literal(bytes, i + 1), State::Normal),
            _ => (i + 1, State::Normal),
        },
        State::MultiBasic => match at(i) {
            Some(b'\\') => (i + 2, State::MultiBasic),
            Some(b'"') if triple(b'"') => (close_quotes(bytes, i + 3, b'"'), State::Normal),
            _ => (i + 1, State::MultiBasic),
        },
        State::MultiLiteral => match at(i) {
            Some(b'\'') if triple(b'\'') => (close_quotes(bytes, i + 3, b'\''), State::Normal),
            _ => (i + 1, State::MultiLiteral),
        },
    }
}

/// A closing delimiter may be followed by up to two more quotes of content.
fn close_quotes(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    for _ in 0..2 {
        if bytes.get(i) == Some(&quote) {
            i += 1;
        }
    }
    i
}

fn skip_to_eol(bytes: &[u8], i: usize) -> usize {
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(bytes.len(), |p| i + p)
}

/// Skips a single-line basic string body; stops at its end or the line's end.
fn skip_basic(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' if bytes.get(i + 1) != Some(&b'\n') => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    i
}

fn skip_literal(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\'' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    i
}

/// The header that starts at `i` (after indentation), if the line is one.
fn header_at(bytes: &[u8], mut i: usize) -> Option<Header> {
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let rest = bytes.get(i..)?;
    let (name, after) = if let Some(inner) = rest.strip_prefix(b"[[") {
        let (name, after) = bracketed(inner, b"]]")?;
        (name, after)
    } else {
        let inner = rest.strip_prefix(b"[")?;
        bracketed(inner, b"]")?
    };
    let rest_of_line = after
        .iter()
        .position(|&b| b == b'\n')
        .map_or(after, |p| after.get(..p).unwrap_or_default());
    let tail = trim(rest_of_line);
    if !(tail.is_empty() || tail.starts_with(b"#")) {
        return None;
    }
    let array = rest.starts_with(b"[[");
    match (array, name) {
        (false, b"country") => Some(Header::Country),
        (true, b"partner") => Some(Header::Array(Kind::Partner)),
        (true, b"org") => Some(Header::Array(Kind::Org)),
        (true, b"treaty") => Some(Header::Array(Kind::Treaty)),
        (true, b"event") => Some(Header::Array(Kind::Event)),
        _ => None,
    }
}

/// Splits `inner` at the closing `close`, returning the trimmed name and the rest.
fn bracketed<'b>(inner: &'b [u8], close: &[u8]) -> Option<(&'b [u8], &'b [u8])> {
    let end = inner
        .windows(close.len())
        .position(|w| w == close)
        .filter(|&p| !inner.get(..p).unwrap_or_default().contains(&b'\n'))?;
    let name = trim(inner.get(..end)?);
    Some((name, inner.get(end + close.len()..)?))
}

fn trim(bytes: &[u8]) -> &[u8] {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let start = bytes
        .iter()
        .position(|b| !is_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |p| p + 1);
    bytes.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(text: &str) -> Vec<(Header, &str)> {
        chunks(text, 0)
            .into_iter()
            .map(|c| (c.header, &text[c.start..c.end]))
            .collect()
    }

    #[test]
    fn splits_at_each_record_header() {
        let text = "schema = 1\n[country]\nid = \"kz\"\n[[partner]]\nid = \"a\"\n  [[ event ]] # x\nid = \"e\"\n";
        let got = headers(text);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0], (Header::Preamble, "schema = 1\n"));
        assert_eq!(got[1].0, Header::Country);
        assert_eq!(
            got[2],
            (Header::Array(Kind::Partner), "[[partner]]\nid = \"a\"\n")
        );
        assert_eq!(got[3].0, Header::Array(Kind::Event));
    }

    #[test]
    fn header_lines_inside_multiline_strings_do_not_split() {
        let text = "[[event]]\ns = \"\"\"\n[[event]]\n\"\"\"\nt = '''\n[[org]]\n'''\n[[org]]\n";
        let got = headers(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[2].0, Header::Array(Kind::Org));
        assert!(got[1].1.contains("[[org]]\n'''"));
    }

    #[test]
    fn sub_tables_and_quoted_delimiters_stay_in_their_record() {
        let text =
            "[[event]]\na = \"\\\"\\\"\\\"\"\nb = '\"\"\"'\n[[event.figures]]\n[[partner]]\n";
        let got = headers(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[2].0, Header::Array(Kind::Partner));
    }
}
