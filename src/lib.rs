//! kzfp: answers questions about the foreign policy of Kazakhstan from one TOML
//! fact file. The binary is a thin shell around this library so the loader can be
//! fuzzed and the completion engine tested in-process.

pub mod app;
pub mod cli;
pub mod complete;
pub mod facts;
pub mod query;
pub mod record;
pub mod render;
pub mod resolve;
pub mod text;
