//! What a table shows of each kind, declared once: the default columns in their
//! order with the rank that decides which are hidden first on a narrow terminal
//! (as kubectl's default view keeps NAME and drops the rest), the shape every
//! field wraps by, and the headers and words of the table in each language.

use super::wrap::Shape;
use crate::facts::{Kind, declare};

/// A column: its field, and how long it stays as the terminal narrows (0:
/// always shown; otherwise the lowest rank is hidden first).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub field: &'static str,
    pub rank: u8,
}

/// The rank of the snippet of what `-s` matched outside the shown columns: it
/// says why a record is listed, so it outlasts the minor columns.
pub const MATCH_RANK: u8 = 5;

/// The default columns of a kind with their ranks, as the schema declares them
/// (`crates/facts/src/schema.rs`: an event's id is the first to go, being looked up
/// by no command).
pub fn default_columns(kind: Kind) -> Vec<Column> {
    let decl = kind.decl();
    decl.columns
        .iter()
        .enumerate()
        .map(|(i, &field)| Column {
            field,
            rank: decl.ranks.get(i).copied().unwrap_or(0),
        })
        .collect()
}

/// How a field's cell wraps, from its declared type: words and free text wrap
/// at spaces, lists between items, everything else (ids, dates, kinds,
/// numbers, references) is an atom. A field the schema does not declare (a
/// search snippet, `related`) is free text. Rows of several kinds (`kzfp
/// search`) take the field of the first kind that declares it.
pub fn shape(kind: Option<Kind>, field: &str) -> Shape {
    let kinds = match kind {
        Some(kind) => vec![kind],
        None => vec![Kind::Event, Kind::Partner, Kind::Org, Kind::Treaty],
    };
    let Some(decl) = kinds.iter().find_map(|k| k.decl().field(field)) else {
        return Shape::Text;
    };
    match decl.ty.shape {
        declare::Shape::Text | declare::Shape::NonBlank | declare::Shape::Table(_) => Shape::Text,
        _ if decl.ty.list => Shape::List,
        _ => Shape::Atom,
    }
}

/// The header of a field's column (`--lang tr`: in Turkish).
pub fn header(field: &str, turkish: bool) -> String {
    let tr = match field {
        _ if !turkish => None,
        "id" => Some("KİMLİK"),
        "aliases" => Some("DİĞER ADLAR"),
        "date" => Some("TARİH"),
        "title" | "title_tr" => Some("BAŞLIK"),
        "name" | "name_tr" => Some("AD"),
        "acronym" | "acronym_tr" => Some("KISALTMA"),
        "kind" => Some("TÜR"),
        "relation" | "relation_tr" => Some("İLİŞKİ"),
        "parent" => Some("ÜST KURUM"),
        "roles" => Some("ROLLER"),
        "joined" => Some("KATILIM"),
        "chaired" => Some("BAŞKANLIK"),
        "members" => Some("ÜYELER"),
        "member_count" => Some("ÜYE SAYISI"),
        "signed" => Some("İMZA"),
        "in_force" => Some("YÜRÜRLÜK"),
        "kazakhstan" => Some("KAZAKİSTAN"),
        "parties" => Some("TARAFLAR"),
        "party_count" => Some("TARAF SAYISI"),
        "partners" => Some("ORTAKLAR"),
        "orgs" => Some("KURULUŞLAR"),
        "treaties" => Some("ANTLAŞMALAR"),
        "summary" | "summary_tr" => Some("ÖZET"),
        "source" => Some("KAYNAK"),
        "claims" => Some("İDDİALAR"),
        "tags" => Some("ETİKETLER"),
        "figures" => Some("RAKAMLAR"),
        "related" => Some("İLGİLİ"),
        "match" => Some("EŞLEŞME"),
        "events" => Some("OLAYLAR"),
        _ => None,
    };
    tr.map_or_else(|| field.to_uppercase(), str::to_owned)
}

/// A value word of the fact file (a kind, a role, a participation) as the
/// table shows it in Turkish; other text as it is.
pub fn value_word(field: &str, word: &str) -> Option<&'static str> {
    Some(match (field, word) {
        ("kind", "state") => "devlet",
        ("kind", "bloc") => "blok",
        ("kind", "region") => "bölge",
        ("kind", "company") => "şirket",
        ("kind", "organisation") => "örgüt",
        ("kind", "un-organ") => "BM organı",
        ("kind", "un-agency") => "BM ajansı",
        ("kind", "programme") => "program",
        ("kind", "conference") => "konferans",
        ("kind", "initiative") => "girişim",
        ("kind", "zone") => "serbest bölge",
        ("kind", "national") => "ulusal kurum",
        ("kind", "bilateral") => "ikili",
        ("kind", "multilateral") => "çok taraflı",
        ("kind", "set") => "anlaşmalar dizisi",
        ("roles", "member") => "üye",
        ("roles", "founder") => "kurucu",
        ("roles", "chair") => "başkan",
        ("roles", "initiator") => "öncü",
        ("roles", "host") => "ev sahibi",
        ("kazakhstan", "party") => "taraf",
        ("kazakhstan", "not-party") => "taraf değil",
        _ => return None,
    })
}
