//! kzfp: answers questions about the foreign policy of Kazakhstan from one TOML
//! fact file. The binary is a thin shell around this library so the loader can be
//! fuzzed and the completion engine tested in-process.

pub mod app;
pub mod cli;
pub mod complete;
pub use facts;
pub mod man;
pub mod query;
pub mod record;
pub mod render;
pub mod resolve;
pub mod search;
pub use facts::text;
pub mod usage;

// The shipped base, loaded and checked by build.rs when the binary was built,
// as static data: `EMBEDDED`.
facts::static_base!(EMBEDDED, concat!(env!("OUT_DIR"), "/embedded-base.rs"));
