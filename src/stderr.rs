//! Every line kzfp writes to stderr goes through here. A write can fail (a full
//! disk behind `2>file`, `2>/dev/full`, a closed pipe): that is no reason to
//! panic, as `eprintln!` does, but it is remembered, and `main` then exits
//! nonzero (1 unless it was already failing with its own code), as GNU tools do
//! when they cannot write their diagnostics (docs/RELIABILITY.md).

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static FAILED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to stderr as it is; a failure is remembered.
pub fn write(text: fmt::Arguments) {
    if io::stderr().lock().write_fmt(text).is_err() {
        failed_now();
    }
}

/// Writes one line to stderr; a failure is remembered.
pub fn line(text: fmt::Arguments) {
    let mut stderr = io::stderr().lock();
    if stderr
        .write_fmt(text)
        .and_then(|()| stderr.write_all(b"\n"))
        .is_err()
    {
        failed_now();
    }
}

/// Marks stderr as failed: for writers that report their own errors.
pub fn failed_now() {
    FAILED.store(true, Ordering::Relaxed);
}

/// True when some write to stderr failed during this run.
pub fn failed() -> bool {
    FAILED.load(Ordering::Relaxed)
}

/// `eprintln!` that does not panic: `stderr_line!("no {} match", what)`.
#[macro_export]
macro_rules! stderr_line {
    ($($arg:tt)*) => {
        $crate::stderr::line(format_args!($($arg)*))
    };
}
