//! The chunks of a file shared out between threads, each parsing its share into a
//! `Part`.

use super::builder::{Part, PartRecords, Reader, Shared, Slots};
use crate::builder::Builder;
use crate::fast;
use crate::problem::Problem;
use crate::scan::{Chunk, Header};
use crate::store::Arenas;
use crate::value::Fields;
use crate::{Event, Kind};

/// Below this size one thread parses everything: spawning costs more than it saves.
pub(super) const PARALLEL_THRESHOLD: usize = 1 << 20;

/// How many threads work on a file of `len` bytes.
pub(super) fn threads_for(len: usize) -> usize {
    // Asking for the cores reads cgroup files: not worth it for a small file.
    if len < PARALLEL_THRESHOLD {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// Each thread parses its share in a few parts, so that the bytes are shared out
/// evenly however the records' sizes vary. Few: each part's arrays grow on their
/// own, and every step of that growth leaves a freed copy in the thread's heap
/// (16 parts a thread cost 1.7 MiB more peak memory at 100k events than 1).
const PARTS_PER_THREAD: usize = 4;

pub(super) fn parse_in_parallel<'s>(
    text: &str,
    chunks: &[Chunk],
    shared: &Shared,
    slots: &'s mut [Event],
    threads: usize,
) -> Vec<Part<'s>> {
    if threads < 2 {
        return vec![parse_chunks(text, chunks, shared, slots)];
    }
    let mut rest = slots;
    let work: Vec<(&[Chunk], &'s mut [Event])> = split_by_bytes(chunks, threads * PARTS_PER_THREAD)
        .map(|group| {
            let events = group
                .iter()
                .filter(|c| c.header == Header::Array(Kind::Event))
                .count();
            let all = std::mem::take(&mut rest);
            let (share, tail) = all.split_at_mut(events.min(all.len()));
            rest = tail;
            (group, share)
        })
        .collect();
    let per_thread = work.len().div_ceil(threads).max(1);
    let mut work = work.into_iter();
    let batches: Vec<Vec<_>> = (0..threads)
        .map(|_| work.by_ref().take(per_thread).collect())
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = batches
            .into_iter()
            .map(|batch| {
                scope.spawn(move || {
                    batch
                        .into_iter()
                        .map(|(group, share)| parse_chunks(text, group, shared, share))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![Part {
                        problems: vec![Problem::new(None, "internal error while parsing")],
                        ..Part::default()
                    }]
                })
            })
            .collect()
    })
}

/// The bytes a run of chunks covers.
pub(super) fn span_of(chunks: &[Chunk]) -> std::ops::Range<usize> {
    chunks.first().map_or(0, |c| c.start())..chunks.last().map_or(0, |c| c.end())
}

/// `chunks` cut into `groups` runs of about the same number of bytes, in order.
fn split_by_bytes(chunks: &[Chunk], groups: usize) -> impl Iterator<Item = &[Chunk]> {
    let total = span_of(chunks).len();
    let per_group = total.div_ceil(groups.max(1)).max(1);
    let mut rest = chunks;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let cut = rest
            .iter()
            .position(|c| c.end() - first.start() >= per_group)
            .map_or(rest.len(), |i| i + 1);
        let (group, tail) = rest.split_at(cut);
        rest = tail;
        Some(group)
    })
}

pub(super) fn parse_chunks<'s>(
    text: &str,
    chunks: &[Chunk],
    shared: &Shared,
    share: &'s mut [Event],
) -> Part<'s> {
    let mut part = Part {
        records: PartRecords {
            events: Slots {
                share,
                ..Slots::default()
            },
            ..PartRecords::default()
        },
        arenas: Arenas::with_room_for_bytes(span_of(chunks).len()),
        ..Part::default()
    };
    let mut fields = Fields::with_capacity(16);
    for chunk in chunks {
        let body = text.get(chunk.start()..chunk.end()).unwrap_or_default();
        let mut reader = Reader {
            b: Builder {
                text,
                base: chunk.start(),
                pool: &shared.pool,
                problems: &mut part.problems,
                arenas: &mut part.arenas,
            },
            records: &mut part.records,
        };
        if let Header::Array(kind) = chunk.header {
            if fast::record(body, kind, &mut fields) {
                reader.record(kind, &mut fields, chunk.start()..chunk.end());
                continue;
            }
        }
        match toml::de::DeTable::parse(body) {
            Ok(doc) => reader.document(Fields::from_toml(doc.into_inner()), chunk.header),
            Err(e) => {
                reader.records.failed.push(chunk.header);
                reader.b.problems.push(toml_problem(&e, chunk, body));
            }
        }
    }
    part
}

pub(super) fn toml_problem(error: &toml::de::Error, chunk: &Chunk, body: &str) -> Problem {
    let at = error.span().map_or(chunk.start()..chunk.start(), |span| {
        chunk.start() + span.start..chunk.start() + span.end
    });
    let mut message = error.message().trim().replace('\n', " ");
    if message.is_empty() {
        message = "invalid TOML".to_owned();
    }
    // A missing field is reported on the whole table: point at its header instead.
    let at = if at.end - at.start > 200 || at.start >= chunk.start() + body.len() {
        at.start..at.start
    } else {
        at
    };
    Problem::new(Some(at), message)
}
