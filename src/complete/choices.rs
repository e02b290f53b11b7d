//! What completion offers of a fact file: the ids (with names) of partners, orgs
//! and treaties, and the tags of each kind with their counts. A TAB on a large
//! file named with `--facts` would load it whole (0.2 s of CPU at 100,000
//! events); instead these choices are kept in `$XDG_CACHE_HOME/kzfp/` (else
//! `~/.cache/kzfp/`), one small JSON file per fact file, keyed by its canonical
//! path, size and modification time: a file changed in any of them is loaded
//! again. A cache that cannot be read or written is no error, only slower.

use crate::facts::{FactBase, Index, Kind, Source};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The choices of one fact file, by kind in `Kind::ALL` order.
#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
pub(super) struct Choices {
    /// Which file these were made of; `None` for the embedded base.
    key: Option<Key>,
    /// `(id, English name)` of every record; events have none (no option
    /// completes an event id, and a million would make the cache slow to read).
    ids: Vec<Vec<(String, String)>>,
    /// Each tag with the number of records carrying it, in tag order.
    tags: Vec<Vec<(String, usize)>>,
}

/// A fact file as the cache knows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Key {
    path: PathBuf,
    size: u64,
    modified_ns: u128,
}

/// The completers' choices for `source`: the cache's when it is for this very
/// file, else the base's, then kept. `None` when the file cannot be loaded.
pub(super) fn of_source(source: &Source) -> Option<Choices> {
    let Source::File(path) = source else {
        return source
            .load(&crate::EMBEDDED)
            .ok()
            .map(|b| Choices::of(&b, None));
    };
    let Some(key) = key_of(path) else {
        // Standard input, or a path that cannot be looked at: no cache.
        return source
            .load(&crate::EMBEDDED)
            .ok()
            .map(|b| Choices::of(&b, None));
    };
    let cached = cache_path(&key);
    if let Some(choices) = cached.as_deref().and_then(read) {
        if choices.key.as_ref() == Some(&key) {
            return Some(choices);
        }
    }
    let choices = Choices::of(&source.load(&crate::EMBEDDED).ok()?, Some(key));
    if let Some(cached) = cached {
        write(&cached, &choices);
    }
    Some(choices)
}

impl Choices {
    fn of(base: &FactBase, key: Option<Key>) -> Choices {
        let ids = Kind::ALL
            .iter()
            .map(|&kind| match kind {
                Kind::Event => Vec::new(),
                _ => (0..base.count(kind) as Index)
                    .filter_map(|i| {
                        let id = base.str(base.meta(kind, i)?.id).to_owned();
                        Some((id, base.display_name(kind, i, false).to_owned()))
                    })
                    .collect(),
            })
            .collect();
        let tags = Kind::ALL.iter().map(|&kind| tags(base, kind)).collect();
        Choices { key, ids, tags }
    }

    /// `(id, name)` of every record of `kind` (none for events).
    pub(super) fn ids(&self, kind: Kind) -> &[(String, String)] {
        self.ids.get(position(kind)).map_or(&[], Vec::as_slice)
    }

    /// Every tag of `kind`'s records and how many carry it, in tag order.
    pub(super) fn tags(&self, kind: Kind) -> &[(String, usize)] {
        self.tags.get(position(kind)).map_or(&[], Vec::as_slice)
    }
}

fn position(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

fn tags(base: &FactBase, kind: Kind) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    let all_tags = (0..base.count(kind) as Index)
        .filter_map(|index| base.meta(kind, index))
        .flat_map(|meta| base.strs(base.list(meta.tags)));
    for tag in all_tags {
        *counts.entry(tag).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(tag, count)| (tag.to_owned(), count))
        .collect()
}

/// The file's canonical path, size and modification time; `None` for standard
/// input or a path that cannot be looked at.
fn key_of(path: &Path) -> Option<Key> {
    if path.as_os_str() == "-" {
        return None;
    }
    let path = std::fs::canonicalize(path).ok()?;
    let meta = std::fs::metadata(&path).ok()?;
    let modified = meta.modified().ok()?;
    let modified_ns = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(Key {
        path,
        size: meta.len(),
        modified_ns,
    })
}

/// Where the choices of the file `key` names are kept: one file per path (a
/// hash of it), so that two fact files do not push each other out.
fn cache_path(key: &Key) -> Option<PathBuf> {
    let dir = match std::env::var_os("XDG_CACHE_HOME").filter(|d| Path::new(d).is_absolute()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".cache"),
    };
    let hash = fnv1a(key.path.as_os_str().as_encoded_bytes());
    Some(dir.join("kzfp").join(format!("complete-{hash:016x}.json")))
}

/// FNV-1a, 64 bits: a stable name for a path (std's hasher may change between
/// releases, and the name must not).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn read(path: &Path) -> Option<Choices> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// Keeps `choices` at `path`, written whole then renamed into place: a TAB in
/// another shell at the same moment reads the old file or the new one.
fn write(path: &Path, choices: &Choices) {
    let Some(dir) = path.parent() else { return };
    let Ok(json) = serde_json::to_vec(choices) else {
        return;
    };
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&temporary, json))
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}
