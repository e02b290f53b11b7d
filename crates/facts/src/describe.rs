//! What the schema declares, told to editors and to people: a JSON Schema
//! (draft 2020-12) of the fact file, for `kzfp schema` and `facts.schema.json`,
//! and the README's field tables. Both read `schema.rs`'s declaration only.

use super::decl::{FieldDecl, Shape, TableDecl, Type};
use super::{Figure, Meta, RECORDS, SCHEMA_VERSION};
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
        "title": "kzfp fact file",
        "description": "A fact file of kzfp: the country, its partners, organisations, treaties and events. What a JSON Schema cannot say (references between records, duplicate ids, colliding names, impossible calendar dates) `kzfp check` checks.",
        "type": "object",
        "properties": properties,
        "required": ["schema", "country"],
        "additionalProperties": false,
    })
}

fn table(decl: &TableDecl) -> Value {
    fields_table(decl.doc, decl.fields)
}

/// An object of these fields; a field the output derives is not the file's.
fn fields_table(doc: &str, fields: &[FieldDecl]) -> Value {
    let fields = fields.iter().filter(|f| f.ty.shape != Shape::Derived);
    let properties: Map<String, Value> = fields
        .clone()
        .map(|f| (f.name.to_owned(), field(f)))
        .collect();
    let required: Vec<&str> = fields.filter(|f| f.ty.required).map(|f| f.name).collect();
    json!({
        "description": doc.trim(),
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
        Shape::Word(words, _) => json!({"type": "string", "enum": words}),
        // References name ids exactly: whether the id exists is `check`'s to say.
        Shape::Ref(_) => json!({"type": "string", "pattern": SLUG}),
        Shape::Count => json!({"type": "integer", "minimum": 0, "maximum": u32::MAX}),
        Shape::Number => json!({"type": "number"}),
        Shape::Table(_) => table(&Figure::DECL),
        Shape::Relation(fields) => json!({"anyOf": [
            {"type": "string", "pattern": SLUG},
            fields_table("one period of a relation", fields),
        ]}),
        // Never reached: `fields_table` leaves derived fields out.
        Shape::Derived => json!({}),
    }
}

/// The README's field tables, in Markdown: the fields every record has, each
/// kind's own, a figure's.
pub fn markdown() -> String {
    let common = |f: &&FieldDecl| Meta::FIELDS.iter().any(|c| c.name == f.name);
    let mut out = String::from("### Fields of every record (and of `[country]`)\n\n");
    out.push_str("| field | type | required | meaning |\n| --- | --- | --- | --- |\n");
    for f in Meta::FIELDS {
        out.push_str(&row(f));
    }
    out.push_str("\n### Fields by kind\n\n");
    out.push_str("| kind | field | type | required | meaning |\n| --- | --- | --- | --- | --- |\n");
    for decl in RECORDS {
        for f in decl.fields.iter().filter(|f| !common(f)) {
            out.push_str(&format!("| {} {}", decl.word, row(f)));
        }
    }
    out.push_str("\n### Fields of a figure (an inline table of `figures`)\n\n");
    out.push_str("| field | type | required | meaning |\n| --- | --- | --- | --- |\n");
    for f in Figure::DECL.fields {
        out.push_str(&row(f));
    }
    for decl in RECORDS {
        for f in decl.fields {
            if let Shape::Relation(fields) = f.ty.shape {
                out.push_str(&format!(
                    "\n### Fields of a relation in `{}` (an inline table of {} `{}`)\n\n",
                    f.name, decl.word, f.name
                ));
                out.push_str("| field | type | required | meaning |\n| --- | --- | --- | --- |\n");
                for f in fields {
                    out.push_str(&row(f));
                }
            }
        }
    }
    out
}

fn row(f: &FieldDecl) -> String {
    format!(
        "| `{}` | {} | {} | {} |\n",
        f.name,
        type_words(f.ty),
        if f.ty.required { "yes" } else { "no" },
        f.doc.trim().replace('|', "\\|")
    )
}

fn type_words(ty: Type) -> String {
    let (one, many) = match ty.shape {
        Shape::Text => ("string".to_owned(), "strings".to_owned()),
        Shape::NonBlank => (
            "non-blank string".to_owned(),
            "non-blank strings".to_owned(),
        ),
        Shape::Slug => ("slug".to_owned(), "slugs".to_owned()),
        Shape::Date => ("date".to_owned(), "dates".to_owned()),
        Shape::Word(words, _) => {
            let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
            let words = words.join(", ");
            (format!("one of {words}"), format!("of {words}"))
        }
        Shape::Ref(kind) => (
            format!("{} id", kind.word()),
            format!("{} ids", kind.word()),
        ),
        Shape::Count => ("integer ≥ 0".to_owned(), "integers ≥ 0".to_owned()),
        Shape::Number => ("number".to_owned(), "numbers".to_owned()),
        Shape::Table(_) => ("figure".to_owned(), "figures".to_owned()),
        Shape::Relation(_) => (
            "partner id or relation".to_owned(),
            "partner ids or relations".to_owned(),
        ),
        Shape::Derived => return "(output only)".to_owned(),
    };
    if ty.list {
        format!(
            "list {}",
            if many.starts_with("of ") {
                many
            } else {
                format!("of {many}")
            }
        )
    } else {
        one
    }
}
