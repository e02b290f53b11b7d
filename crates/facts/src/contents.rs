//! The text of a fact file, wherever its bytes are: the embedded file, a string
//! read from a pipe, or a regular file mapped into memory. A base's strings are
//! offsets into it, so it lives as long as the base.
//!
//! A regular file is mapped, not read: reading 400 MB into a buffer cost 0.22-0.29 s
//! (a copy and a page fault per 4 KiB), mapping it with its pages populated
//! 0.055-0.072 s, on this project's 2-core machine. The mapping shares the pages
//! the kernel already caches, so memory is the same.
//!
//! The one place of the workspace with `unsafe`, both for the mapping:
//! - mapping a file is unsafe because another process could change it meanwhile.
//!   kzfp reads fact files nobody is writing; one truncated under a running kzfp
//!   ends it with SIGBUS, as it does ripgrep or any program that maps files
//!   (docs/RELIABILITY.md).
//! - the mapped bytes (and those read from a stream) are checked as UTF-8 once, when the `Text` is made, and never
//!   change through it (the map is read-only), so reading them as `str` later needs
//!   no second check.
#![allow(unsafe_code)]

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

/// A fact file's text.
pub enum Text {
    Static(&'static str),
    Owned(String),
    /// Checked as UTF-8 when mapped (`Text::map`).
    Mapped(memmap2::Mmap),
}

/// A file whose bytes are not UTF-8: where the valid text ends, and that text.
pub struct NotUtf8 {
    pub valid_up_to: usize,
    pub valid: String,
}

impl Text {
    /// Maps a regular file, checks its bytes as UTF-8.
    pub fn map(file: &std::fs::File) -> std::io::Result<Result<Text, NotUtf8>> {
        // SAFETY: see the module's comment: the file is not written while kzfp runs.
        let map = unsafe { memmap2::MmapOptions::new().populate().map(file)? };
        Ok(match utf8(&map) {
            Ok(()) => Ok(Text::Mapped(map)),
            Err(e) => Err(e),
        })
    }

    /// Bytes read from a stream, checked as UTF-8.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Text, NotUtf8> {
        utf8(&bytes)?;
        // SAFETY: checked just above (std's own check would take 4× as long).
        Ok(Text::Owned(unsafe { String::from_utf8_unchecked(bytes) }))
    }
}

/// simdutf8 checks 400 MB in 0.03-0.04 s where std takes 0.15 s; on failure std
/// says where the valid text ends.
fn utf8(bytes: &[u8]) -> Result<(), NotUtf8> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(_) => Ok(()),
        Err(_) => Err(not_utf8(bytes)),
    }
}

fn not_utf8(bytes: &[u8]) -> NotUtf8 {
    let valid_up_to = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |s| s.len());
    let valid = bytes.get(..valid_up_to).unwrap_or_default();
    NotUtf8 {
        valid_up_to,
        valid: String::from_utf8_lossy(valid).into_owned(),
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Static(text) => text,
            Text::Owned(text) => text,
            // SAFETY: checked as UTF-8 by `Text::map`, and a read-only map.
            Text::Mapped(map) => unsafe { std::str::from_utf8_unchecked(map) },
        }
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Static("")
    }
}

impl From<&'static str> for Text {
    fn from(text: &'static str) -> Self {
        Text::Static(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::Owned(text)
    }
}

impl From<Cow<'static, str>> for Text {
    fn from(text: Cow<'static, str>) -> Self {
        match text {
            Cow::Borrowed(text) => Text::Static(text),
            Cow::Owned(text) => Text::Owned(text),
        }
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = match self {
            Text::Static(_) => "static",
            Text::Owned(_) => "owned",
            Text::Mapped(_) => "mapped",
        };
        write!(f, "Text({how}, {} bytes)", self.len())
    }
}
