//! The fact file exactly as TOML gives it: private serde structs that mirror the
//! schema (unknown fields rejected) and keep spans, so the loader can point at the
//! line of any problem. Strings borrow from the file's text where TOML allows.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use toml::Spanned;

pub type Text<'a> = Spanned<RawStr<'a>>;

/// A string that borrows from the file when TOML needed no unescaping (serde's
/// own `Cow` impl always copies, and `&str` fails on escapes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawStr<'a>(pub Cow<'a, str>);

impl std::ops::Deref for RawStr<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RawStr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawStr<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawStr<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(RawStr(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(RawStr(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// One piece of a fact file: the whole file, or one `[[kind]]` record of it.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawDocument<'a> {
    pub schema: Option<Spanned<i64>>,
    #[serde(borrow)]
    pub country: Option<Spanned<RawCountry<'a>>>,
    // Options, not defaulted lists: `partner = []` next to `[[partner]]` tables is
    // invalid TOML, and the loader can only tell when it sees the empty list.
    #[serde(borrow)]
    pub partner: Option<Vec<RawPartner<'a>>>,
    #[serde(borrow)]
    pub org: Option<Vec<RawOrg<'a>>>,
    #[serde(borrow)]
    pub treaty: Option<Vec<RawTreaty<'a>>>,
    #[serde(borrow)]
    pub event: Option<Vec<RawEvent<'a>>>,
}

/// A record struct: `id` and `aliases`, the kind's own fields, then the fields
/// every record ends with. serde cannot flatten under `deny_unknown_fields`, so
/// the shared fields are written once here instead.
macro_rules! raw_record {
    ($name:ident { $($(#[$attr:meta])* $field:ident: $ty:ty,)* }) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name<'a> {
            #[serde(borrow)]
            pub id: Text<'a>,
            #[serde(default, borrow)]
            pub aliases: Vec<Text<'a>>,
            $($(#[$attr])* pub $field: $ty,)*
            #[serde(borrow)]
            pub summary: Text<'a>,
            #[serde(borrow)]
            pub summary_tr: Text<'a>,
            #[serde(borrow)]
            pub source: Text<'a>,
            #[serde(default)]
            pub claims: Vec<u32>,
            #[serde(default, borrow)]
            pub tags: Vec<Text<'a>>,
            #[serde(default, borrow)]
            pub figures: Vec<RawFigure<'a>>,
        }

        impl<'a> $name<'a> {
            /// The fields every record shares, for building its `Meta`.
            pub fn common(&self) -> RawCommon<'_, 'a> {
                RawCommon {
                    id: &self.id,
                    aliases: &self.aliases,
                    summary: &self.summary,
                    summary_tr: &self.summary_tr,
                    source: &self.source,
                    claims: &self.claims,
                    tags: &self.tags,
                    figures: &self.figures,
                }
            }
        }
    };
}

/// A view of the fields every raw record has.
pub struct RawCommon<'r, 'a> {
    pub id: &'r Text<'a>,
    pub aliases: &'r [Text<'a>],
    pub summary: &'r Text<'a>,
    pub summary_tr: &'r Text<'a>,
    pub source: &'r Text<'a>,
    pub claims: &'r [u32],
    pub tags: &'r [Text<'a>],
    pub figures: &'r [RawFigure<'a>],
}

raw_record!(RawCountry {
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    name_tr: Text<'a>,
});

raw_record!(RawPartner {
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    name_tr: Text<'a>,
    kind: PartnerKind,
    #[serde(default, borrow)]
    relation: Option<Text<'a>>,
    #[serde(default, borrow)]
    relation_tr: Option<Text<'a>>,
});

raw_record!(RawOrg {
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    name_tr: Text<'a>,
    #[serde(default, borrow)]
    acronym: Option<Text<'a>>,
    #[serde(default, borrow)]
    acronym_tr: Option<Text<'a>>,
    kind: OrgKind,
    #[serde(default, borrow)]
    parent: Option<Text<'a>>,
    #[serde(default)]
    roles: Vec<Role>,
    #[serde(default, borrow)]
    joined: Option<RawDate<'a>>,
    #[serde(default, borrow)]
    chaired: Vec<RawDate<'a>>,
    #[serde(default, borrow)]
    members: Vec<Text<'a>>,
    #[serde(default)]
    member_count: Option<u32>,
});

raw_record!(RawTreaty {
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    name_tr: Text<'a>,
    kind: TreatyKind,
    #[serde(default)]
    kazakhstan: Participation,
    #[serde(default, borrow)]
    signed: Option<RawDate<'a>>,
    #[serde(default, borrow)]
    in_force: Option<RawDate<'a>>,
    #[serde(default, borrow)]
    parties: Vec<Text<'a>>,
    #[serde(default)]
    party_count: Option<u32>,
    #[serde(default, borrow)]
    orgs: Vec<Text<'a>>,
});

raw_record!(RawEvent {
    #[serde(borrow)]
    date: RawDate<'a>,
    #[serde(borrow)]
    title: Text<'a>,
    #[serde(borrow)]
    title_tr: Text<'a>,
    #[serde(default, borrow)]
    partners: Vec<Text<'a>>,
    #[serde(default, borrow)]
    orgs: Vec<Text<'a>>,
    #[serde(default, borrow)]
    treaties: Vec<Text<'a>>,
});

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigure<'a> {
    #[serde(borrow)]
    pub what: Text<'a>,
    #[serde(default, borrow)]
    pub what_tr: Option<Text<'a>>,
    pub value: Spanned<RawNumber>,
    #[serde(borrow)]
    pub unit: Text<'a>,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
}

/// A figure's value: TOML integers and floats are both numbers here.
#[derive(Deserialize, Clone, Copy)]
#[serde(untagged, expecting = "a number")]
pub enum RawNumber {
    Integer(i64),
    Float(f64),
}

impl RawNumber {
    pub fn value(self) -> f64 {
        match self {
            RawNumber::Integer(i) => i as f64,
            RawNumber::Float(f) => f,
        }
    }
}

/// A date field: a string (`"1992-03"`, `"2017/2018"`) or a TOML local date.
pub type RawDate<'a> = Spanned<RawDateValue<'a>>;

pub enum RawDateValue<'a> {
    Text(RawStr<'a>),
    Toml(toml::value::Datetime),
}

impl<'de: 'a, 'a> Deserialize<'de> for RawDateValue<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawDateValue<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date string (\"1992\", \"1992-03\", \"1992-03-02\", \"2017/2018\") or a TOML local date")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(RawDateValue::Text(RawStr(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawDateValue::Text(RawStr(Cow::Owned(v.to_owned()))))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                map: M,
            ) -> Result<Self::Value, M::Error> {
                let deserializer = serde::de::value::MapAccessDeserializer::new(map);
                toml::value::Datetime::deserialize(deserializer).map(RawDateValue::Toml)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum PartnerKind {
    State,
    Bloc,
    Region,
    Company,
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum OrgKind {
    Organisation,
    UnOrgan,
    UnAgency,
    Programme,
    Conference,
    Initiative,
    Zone,
    National,
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum TreatyKind {
    Bilateral,
    Multilateral,
    Set,
}

/// Whether Kazakhstan is a party to a treaty: most are its own, but the base also
/// holds treaties of others that shaped its policy (the Belovezha Accords).
#[derive(Deserialize, Serialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Participation {
    #[default]
    Party,
    NotParty,
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Member,
    Founder,
    Chair,
    Initiator,
    Host,
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Qualifier {
    #[serde(rename = "about")]
    About,
    #[serde(rename = "almost")]
    Almost,
    #[serde(rename = "more than")]
    MoreThan,
    #[serde(rename = "at least")]
    AtLeast,
    #[serde(rename = "less than")]
    LessThan,
}

/// The words the fact file and the JSON output use for each kind value.
macro_rules! words {
    ($ty:ty { $($variant:ident => $word:literal),* $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),*];
            pub fn word(self) -> &'static str {
                match self { $(<$ty>::$variant => $word),* }
            }
        }
    };
}

words!(PartnerKind { State => "state", Bloc => "bloc", Region => "region", Company => "company" });
words!(OrgKind {
    Organisation => "organisation", UnOrgan => "un-organ", UnAgency => "un-agency",
    Programme => "programme", Conference => "conference", Initiative => "initiative",
    Zone => "zone", National => "national",
});
words!(TreatyKind { Bilateral => "bilateral", Multilateral => "multilateral", Set => "set" });
words!(Participation { Party => "party", NotParty => "not-party" });
words!(Role { Member => "member", Founder => "founder", Chair => "chair", Initiator => "initiator", Host => "host" });
words!(Qualifier {
    About => "about", Almost => "almost", MoreThan => "more than", AtLeast => "at least", LessThan => "less than",
});
