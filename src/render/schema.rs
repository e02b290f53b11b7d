//! `kzfp schema`: what the fact file's schema declares, as a JSON Schema for
//! editors (`facts.schema.json`) or as the README's field tables.

use crate::facts::describe;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaFormat {
    /// A JSON Schema, draft 2020-12 (the default)
    Json,
    /// The README's field tables, in Markdown
    #[value(alias = "md")]
    Markdown,
}

pub fn render(out: &mut dyn Write, format: SchemaFormat) -> io::Result<()> {
    match format {
        SchemaFormat::Json => super::json::render_value(out, &describe::json_schema()),
        SchemaFormat::Markdown => out.write_all(describe::markdown().as_bytes()),
    }
}
