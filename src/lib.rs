//! kzfp: answers questions about the foreign policy of Kazakhstan from one TOML
//! fact file. The binary is a thin shell around this library so the loader can be
//! fuzzed and the completion engine tested in-process.

pub mod app;
pub mod cli;
pub mod commands;
pub mod complete;
pub use facts;
pub mod man;
pub mod query;
pub mod record;
pub mod render;
pub mod resolve;
pub mod search;
pub mod stderr;
pub use facts::text;
pub mod usage;

// The shipped base, loaded and checked by build.rs when the binary was built,
// as static data: `EMBEDDED`.
facts::static_base!(EMBEDDED, concat!(env!("OUT_DIR"), "/embedded-base.rs"));

/// The reader of stdout (or stderr) went away (`kzfp timeline | head -1`).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
