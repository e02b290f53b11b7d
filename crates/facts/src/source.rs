//! Reading a fact file: where it comes from (the embedded file, a path, standard
//! input), its bytes read with limits, then handed to the loader.

use super::FactBase;
use super::contents::{NotUtf8, Text};
use super::embed::StaticBase;
use super::load::{MAX_FILE_SIZE, TOO_LARGE, load, too_large};
use super::problem::{Problem, Problems, STDIN_NAME};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Where a fact file comes from.
#[derive(Clone, Debug)]
pub enum Source {
    Embedded,
    File(PathBuf),
}

impl Source {
    /// `--facts` / `KZFP_FACTS` (clap reads both), else the embedded file.
    pub fn new(facts: Option<PathBuf>) -> Source {
        match facts {
            Some(path) if !path.as_os_str().is_empty() => Source::File(path),
            _ => Source::Embedded,
        }
    }

    /// The base to query: the shipped one as the build loaded it (`embedded`,
    /// the base build.rs wrote as static data), or a file's.
    pub fn load(&self, embedded: &'static StaticBase) -> Result<FactBase, Problems> {
        match self {
            Source::Embedded => Ok(FactBase::from_static(embedded)),
            Source::File(path) => load_file(path),
        }
    }

    /// The base of a fact file, every rule checked now: what `check` reports on
    /// (for the embedded base, a load of its text).
    pub fn verify(&self, embedded: &'static StaticBase) -> Result<FactBase, Problems> {
        match self {
            Source::Embedded => load(&self.name(), Cow::Borrowed(embedded.text)),
            Source::File(path) => load_file(path),
        }
    }

    pub fn name(&self) -> String {
        match self {
            Source::Embedded => "facts.toml (embedded)".to_owned(),
            Source::File(path) if path.as_os_str() == "-" => STDIN_NAME.to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }
}

/// Reads and checks the fact file at `path`; `-` is standard input.
pub fn load_file(path: &Path) -> Result<FactBase, Problems> {
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        STDIN_NAME.to_owned()
    } else {
        path.display().to_string()
    };
    let fail = |message: String| Problems {
        file: name.clone(),
        text: Text::default(),
        list: vec![Problem::new(None, message)],
    };
    let cannot = |e: std::io::Error| fail(format!("cannot read: {}", io_reason(&e)));
    if stdin {
        let bytes = read_at_most(std::io::stdin().lock(), None, MAX_FILE_SIZE as u64 + 1);
        return load_bytes(&name, bytes.map_err(cannot)?);
    }
    // One look at the path, before reading: a directory or a device is no fact
    // file, and a 3 GB file would otherwise be read (2 GiB of it) first.
    let regular = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(fail("is a directory, not a fact file".to_owned())),
        Ok(m) if m.len() > MAX_FILE_SIZE as u64 => return Err(fail(TOO_LARGE.to_owned())),
        Ok(m) if is_device(&m) => return Err(fail("is a device, not a fact file".to_owned())),
        Ok(m) => m.is_file().then_some(m.len()),
        Err(_) => None,
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    // A regular file is mapped (module `contents`); an empty one cannot be, and a
    // FIFO or a file of /proc has no size to map.
    match regular {
        Some(size) if size > 0 => from_text(&name, Text::map(&file).map_err(cannot)?),
        _ => {
            let bytes = read_at_most(file, regular, MAX_FILE_SIZE as u64 + 1);
            load_bytes(&name, bytes.map_err(cannot)?)
        }
    }
}

/// A character or block device (`/dev/zero`, a terminal): no fact file is one.
fn is_device(metadata: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        kind.is_char_device() || kind.is_block_device()
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

/// Reads up to `limit` bytes. A stream of unknown size (a pipe) is read a block
/// at a time and refused at its first NUL byte, which no TOML text holds: piped
/// binary data must not be read to the limit first.
fn read_at_most(
    mut input: impl std::io::Read,
    size: Option<u64>,
    limit: u64,
) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    if let Some(size) = size {
        // A regular file: its size is known, so the buffer is allocated once.
        let mut bytes = Vec::with_capacity(usize::try_from(size.min(limit)).unwrap_or(0));
        input.take(limit).read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    let mut bytes = Vec::new();
    let mut block = vec![0; 64 * 1024];
    loop {
        let read = input.read(&mut block)?;
        let new = block.get(..read).unwrap_or_default();
        if read == 0 || bytes.len() as u64 > limit {
            return Ok(bytes);
        }
        if let Some(at) = new.iter().position(|b| *b == 0) {
            let offset = bytes.len() + at;
            return Err(std::io::Error::other(format!(
                "byte {offset} is NUL: not a text fact file"
            )));
        }
        bytes.extend_from_slice(new);
    }
}

/// Checks a fact file's bytes: the size limit and UTF-8, then `load`.
pub fn load_bytes(name: &str, bytes: Vec<u8>) -> Result<FactBase, Problems> {
    if bytes.len() > MAX_FILE_SIZE {
        return Err(too_large(name));
    }
    from_text(name, Text::from_bytes(bytes))
}

fn from_text(name: &str, text: Result<Text, NotUtf8>) -> Result<FactBase, Problems> {
    match text {
        Ok(text) => load(name, text),
        Err(e) => Err(Problems {
            file: name.to_owned(),
            text: Text::Owned(e.valid),
            list: vec![Problem::at(
                e.valid_up_to,
                "invalid UTF-8: a fact file must be UTF-8 text",
            )],
        }),
    }
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}
