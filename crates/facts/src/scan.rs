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

/// A byte range of the file and the header that opens it. Offsets are 32 bits
/// (files are under 2 GiB): a million records' chunks are 12 MB, not 24.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    start: u32,
    end: u32,
    pub header: Header,
}

impl Chunk {
    fn new(start: usize, end: usize, header: Header) -> Chunk {
        Chunk {
            start: start as u32,
            end: end as u32,
            header,
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }
}

/// The chunks of `text`, in order, covering all of it from `start`, found by
/// `threads` threads (the scan was a tenth of a large file's load on one).
pub fn chunks(text: &str, start: usize, threads: usize) -> Vec<Chunk> {
    let bytes = text.as_bytes();
    let begins = piece_begins(bytes, start, threads);
    let ends = begins.iter().skip(1).copied().chain([bytes.len()]);
    let work: Vec<(usize, usize)> = begins.iter().copied().zip(ends).collect();
    let scans: Vec<Scan> = if work.len() < 2 {
        work.iter()
            .map(|&(from, until)| scan(bytes, from, until))
            .collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = work
                .iter()
                .map(|&(from, until)| scope.spawn(move || scan(bytes, from, until)))
                .collect();
            // A thread that panicked leaves its piece to be scanned again below.
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        })
    };
    let mut chunks = vec![Chunk::new(start, text.len(), Header::Preamble)];
    let mut at = start;
    for ((from, _), piece) in work.iter().zip(scans) {
        if *from != at || piece.arrival.is_none() {
            // A piece began inside a string (or its thread failed): the rest of
            // the file is scanned from where the line before it truly ended.
            chunks.extend(scan(bytes, at, bytes.len()).chunks);
            break;
        }
        chunks.extend(piece.chunks);
        at = piece.arrival.unwrap_or(at);
    }
    // Each chunk ends where the next begins, the last at the end of the file.
    let ends: Vec<u32> = chunks.iter().skip(1).map(|c| c.start).collect();
    let ends = ends.into_iter().chain([text.len() as u32]);
    for (chunk, end) in chunks.iter_mut().zip(ends) {
        chunk.end = end;
    }
    chunks
}

/// Where each thread starts scanning: the first line start after an even share of
/// the bytes. It may be inside a multi-line string; `chunks` finds out.
fn piece_begins(bytes: &[u8], start: usize, threads: usize) -> Vec<usize> {
    let share = (bytes.len() - start.min(bytes.len())) / threads.max(1);
    let mut begins = vec![start];
    for k in 1..threads {
        let cut = start + share * k;
        let line = find(bytes, cut.saturating_sub(1), [b'\n']) + 1;
        if line < bytes.len() && line > begins.last().copied().unwrap_or(0) {
            begins.push(line);
        }
    }
    begins
}

/// The headers of one piece, and the line start at or after `until` where its
/// scan ended: the next piece's scan is right if it began there.
#[derive(Default)]
struct Scan {
    chunks: Vec<Chunk>,
    /// None when its thread failed.
    arrival: Option<usize>,
}

/// Each turn starts at the beginning of a line outside any string.
fn scan(bytes: &[u8], from: usize, until: usize) -> Scan {
    let mut chunks = Vec::new();
    let mut i = from;
    while i < until {
        if let Some(header) = header_at(bytes, i) {
            chunks.push(Chunk::new(i, i, header));
        }
        i = skip_line(bytes, i);
    }
    Scan {
        chunks,
        arrival: Some(i),
    }
}

/// The first index from `from` whose byte is one of `needles`, or the end. Reads
/// eight bytes at a time (SWAR): the scan runs over the whole file on one thread.
pub fn find<const N: usize>(bytes: &[u8], from: usize, needles: [u8; N]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(word) = bytes
        .get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let word = u64::from_le_bytes(word);
        let mut hits = 0;
        for needle in needles {
            let x = word ^ (LOW * u64::from(needle));
            // A zero byte of `x` is a needle; borrows only flag bytes above it.
            hits |= x.wrapping_sub(LOW) & !x & HIGH;
        }
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|b| needles.contains(b)))
        .map_or(bytes.len(), |p| i + p)
}

/// The start of the next line that begins outside any string: skips comments and
/// strings, following multi-line strings across lines.
fn skip_line(bytes: &[u8], mut i: usize) -> usize {
    let triple = |k: usize, q: u8| bytes.get(k..k + 3) == Some(&[q, q, q][..]);
    loop {
        i = find(bytes, i, *b"\n\"'#");
        match bytes.get(i) {
            None => return bytes.len(),
            Some(b'\n') => return i + 1,
            Some(b'#') => i = skip_to_eol(bytes, i),
            Some(b'"') if triple(i, b'"') => i = skip_multi_basic(bytes, i + 3),
            Some(b'\'') if triple(i, b'\'') => i = skip_multi_literal(bytes, i + 3),
            Some(b'"') => i = skip_basic(bytes, i + 1),
            Some(_) => i = skip_literal(bytes, i + 1),
        }
    }
}

fn skip_multi_basic(bytes: &[u8], mut i: usize) -> usize {
    loop {
        i = find(bytes, i, *b"\\\"");
        match bytes.get(i) {
            None => return bytes.len(),
            Some(b'\\') => i += 2,
            Some(_) if bytes.get(i..i + 3) == Some(&b"\"\"\""[..]) => {
                return close_quotes(bytes, i + 3, b'"');
            }
            Some(_) => i += 1,
        }
    }
}

fn skip_multi_literal(bytes: &[u8], mut i: usize) -> usize {
    loop {
        i = find(bytes, i, [b'\'']);
        match bytes.get(i..i + 3) {
            None if i >= bytes.len() => return bytes.len(),
            Some(b"\'\'\'") => return close_quotes(bytes, i + 3, b'\''),
            _ => i += 1,
        }
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
    find(bytes, i, [b'\n'])
}

/// Skips a single-line basic string body; stops at its end or the line's end.
fn skip_basic(bytes: &[u8], mut i: usize) -> usize {
    loop {
        i = find(bytes, i, *b"\\\"\n");
        match bytes.get(i) {
            Some(b'\\') if bytes.get(i + 1) != Some(&b'\n') => i += 2,
            Some(b'"') => return i + 1,
            _ => return i,
        }
    }
}

fn skip_literal(bytes: &[u8], i: usize) -> usize {
    let end = find(bytes, i, *b"'\n");
    if bytes.get(end) == Some(&b'\'') {
        end + 1
    } else {
        end
    }
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
/// Looks on `inner`'s first line only: searching further made a file of lines
/// like `[x` without a closing bracket take quadratic time.
fn bracketed<'b>(inner: &'b [u8], close: &[u8]) -> Option<(&'b [u8], &'b [u8])> {
    let line = inner.split(|&b| b == b'\n').next().unwrap_or_default();
    let end = line.windows(close.len()).position(|w| w == close)?;
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
        chunks(text, 0, 1)
            .into_iter()
            .map(|c| (c.header, &text[c.start()..c.end()]))
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

    /// However the file is cut between threads, even inside a multi-line string
    /// or a comment, the chunks are those one thread finds.
    #[test]
    fn threads_find_the_chunks_one_finds() {
        let texts = [
            r#"schema = 1
[country]
id = 'kz'
[[event]]
s = """
[[event]]
[[org]]
"""
[[org]]
t = '''
[[event]]
'''
# [[event]]
[[partner]]
a = "x\"[[event]]"
b = "y
[[event]]
"#,
            "[[event]]\n[[event]]\n",
            "",
            "\n\n\n",
            "[[org]]",
        ];
        for text in texts {
            let one = chunks(text, 0, 1);
            assert_eq!(one.last().map(Chunk::end), Some(text.len()), "{text:?}");
            for threads in 2..=text.len().max(2) {
                assert_eq!(chunks(text, 0, threads), one, "{threads} threads: {text:?}");
            }
        }
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
