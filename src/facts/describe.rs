//! What the schema declares, told to editors and to people: a JSON Schema
//! (draft 2020-12) of the fact file, for `kzfp schema` and `facts.schema.json`,
//! and the README's field tables. Both read `schema.rs`'s declaration only.

use super::declare::{FieldDecl, Shape, TableDecl, Type};
use super::{Figure, Kind, RECORDS, SCHEMA_VERSION};
use serde_json::{Map, Value, json};

/// The slug pattern of ids and tags, as `is_slug` checks it.
pub const SLUG: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// A date of reduced precision, or an interval of two.
const DATE: &str = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?(/[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$";

/// The JSON Schema of a fact file.
pub fn json_schema() -> Value {
    let mut properties = Map::new();
    properties.insert(
        "schema".to_owned(),
        json!({"description": "the schema version of the file", "const": SCHEMA_VERSION}),
    );
    for decl in RECORDS {
        let table = table(decl);
        let value = if decl.word == "country" {
            table
        } else {
            json!({"description": decl.doc.trim(), "type": "array", "items": table})
        };
        properties.insert(decl.word.to_owned(), value);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/kzfp/kzfp/facts.schema.json",
        "title": "kzfp fact file",
        "description": "A fact file of kzfp: the country, its partners, organisations, treaties and events. What a JSON Schema cannot say (references between records, duplicate ids, colliding names, impossible calendar dates) `kzfp check` checks.",
        "type": "object",
        "properties": properties,
        "required": ["schema", "country"],
        "additionalProperties": false,
    })
}

fn table(decl: &TableDecl) -> Value {
    let properties: Map<String, Value> = decl
        .fields
        .iter()
        .map(|f| (f.name.to_owned(), field(f)))
        .collect();
    let required: Vec<&str> = decl
        .fields
        .iter()
        .filter(|f| f.ty.required)
        .map(|f| f.name)
        .collect();
    json!({
        "description": decl.doc.trim(),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn field(f: &FieldDecl) -> Value {
    let mut value = if f.ty.list {
        json!({"type": "array", "items": shape(f.ty.shape)})
    } else {
        shape(f.ty.shape)
    };
    if let Some(object) = value.as_object_mut() {
        object.insert("description".to_owned(), json!(f.doc.trim()));
    }
    value
}

fn shape(shape: Shape) -> Value {
    match shape {
        Shape::Text => json!({"type": "string"}),
        Shape::NonBlank => json!({"type": "string", "pattern": "\\S"}),
        Shape::Slug => json!({"type": "string", "pattern": SLUG}),
        Shape::Date => json!({"type": "string", "pattern": DATE}),
        Shape::Word(words) => json!({"type": "string", "enum": words}),
        Shape::Ref(_) => json!({"type": "string"}),
        Shape::Count => json!({"type": "integer", "minimum": 0, "maximum": u32::MAX}),
        Shape::Number => json!({"type": "number"}),
        Shape::Table(_) => table(&Figure::DECL),
    }
}

/// The README's field tables, in Markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str(
        "| table | field | type | required | meaning |\n| --- | --- | --- | --- | --- |\n",
    );
    for decl in RECORDS.iter().copied().chain([&Figure::DECL]) {
        for f in decl.fields {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} | {} |\n",
                decl.word,
                f.name,
                type_words(f.ty),
                if f.ty.required { "yes" } else { "no" },
                f.doc.trim().replace('|', "\\|")
            ));
        }
    }
    out
}

fn type_words(ty: Type) -> String {
    let one = match ty.shape {
        Shape::Text => "string".to_owned(),
        Shape::NonBlank => "non-blank string".to_owned(),
        Shape::Slug => "slug".to_owned(),
        Shape::Date => "date".to_owned(),
        Shape::Word(words) => words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", "),
        Shape::Ref(kind) => format!("{} id", ref_word(kind)),
        Shape::Count => "integer ≥ 0".to_owned(),
        Shape::Number => "number".to_owned(),
        Shape::Table(_) => "figure (inline table)".to_owned(),
    };
    if ty.list {
        format!("list of {one}")
    } else {
        one
    }
}

fn ref_word(kind: Kind) -> &'static str {
    kind.word()
}
