//! The completion cache through the real binary: a TAB on a file named with
//! `--facts` keeps its choices in `$XDG_CACHE_HOME/kzfp/`, reads them back while
//! the file's path, size and modification time are those it was made of, and
//! loads the file again when any of them changed.

#![cfg(test)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const ALT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/completion-alt.toml"
);

/// A directory of this test's own, empty.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("completion-cache")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The partner ids bash is offered for `kzfp --facts FILE partner <TAB>`.
fn partner_tab(file: &Path, cache: &Path) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_kzfp"))
        .env_remove("KZFP_FACTS")
        .env("XDG_CACHE_HOME", cache)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "4")
        .args(["--", "kzfp", "--facts"])
        .arg(file)
        .args(["partner", ""])
        .output()
        .expect("kzfp runs");
    assert!(output.status.success(), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// A scratch copy of the fixture and its cache, after a first TAB on it.
fn first_tab(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = scratch(name);
    let (file, cache) = (dir.join("alt.toml"), dir.join("cache"));
    std::fs::copy(ALT, &file).unwrap();
    assert_eq!(partner_tab(&file, &cache), ["alpha", "beta"]);
    (dir, file, cache)
}

/// The one cache file of `cache`.
fn cache_file(cache: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(cache.join("kzfp"))
        .expect("the cache directory was made")
        .map(|entry| entry.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

fn set_modified(file: &Path, time: SystemTime) {
    let file = std::fs::File::options().write(true).open(file).unwrap();
    file.set_modified(time).unwrap();
}

#[test]
fn the_cache_answers_while_the_file_is_unchanged() {
    let (_, file, cache) = first_tab("unchanged");
    // What the next TAB offers comes from the cache: an id written into it is
    // offered, though the file has no such partner.
    let kept = cache_file(&cache);
    let json = std::fs::read_to_string(&kept).unwrap();
    assert!(json.contains("\"alpha\""), "{json}");
    std::fs::write(&kept, json.replace("\"alpha\"", "\"from-cache\"")).unwrap();
    assert_eq!(partner_tab(&file, &cache), ["from-cache", "beta"]);
}

#[test]
fn a_changed_file_is_loaded_again() {
    let (dir, file, cache) = first_tab("changed");
    // The same size, another partner: only the modification time tells.
    let text = std::fs::read_to_string(ALT).unwrap();
    std::fs::write(&file, text.replace("\"alpha\"", "\"omega\"")).unwrap();
    let later = SystemTime::now() + Duration::from_secs(5);
    set_modified(&file, later);
    assert_eq!(partner_tab(&file, &cache), ["omega", "beta"]);
    // Another size, the same modification time.
    std::fs::write(&file, text.replace("\"alpha\"", "\"alphabet\"")).unwrap();
    set_modified(&file, later);
    assert_eq!(partner_tab(&file, &cache), ["alphabet", "beta"]);
    // Another path to a file of the same bytes and time has its own entry.
    let copy = dir.join("copy.toml");
    std::fs::copy(&file, &copy).unwrap();
    assert_eq!(partner_tab(&copy, &cache), ["alphabet", "beta"]);
    assert_eq!(std::fs::read_dir(cache.join("kzfp")).unwrap().count(), 2);
}

#[test]
fn a_cache_that_cannot_be_written_is_no_error() {
    let dir = scratch("unwritable");
    let file = dir.join("alt.toml");
    std::fs::copy(ALT, &file).unwrap();
    // XDG_CACHE_HOME names a file: no directory can be made under it.
    let not_a_dir = dir.join("not-a-dir");
    std::fs::write(&not_a_dir, "").unwrap();
    assert_eq!(partner_tab(&file, &not_a_dir), ["alpha", "beta"]);
    assert_eq!(partner_tab(&file, &not_a_dir), ["alpha", "beta"]);
}
