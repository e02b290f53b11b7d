//! The schema of a fact file, declared once: every field of every kind of record,
//! with its type (which says whether it is required and what values it allows)
//! and its one-line doc, and the columns a table shows of each kind. The records, their loading and checking, the records
//! renderers print, `--fields`, the JSON Schema (`kzfp schema`) and the README's
//! field tables all come from here. Field types are in `field.rs`.

use super::declare::{FieldDecl, TableDecl, Words, declare};
use super::field::{
    Claims, Date, Dates, Figures, History, Id, Name, NonBlank, Number, OptCount, OptDate, OptName,
    OptRef, OptText, OptWord, Orgs, Partners, Refs, Relations, Statuses, Tags, Text, Texts,
    Treaties, Word, WordList, WordOrFirst, relation_fields,
};
use crate::decl::FieldRole;
use crate::figure::{Figure, Qualifier};
use crate::kind::Kind;
use crate::words::words;

words!(
    /// What kind of partner.
    PartnerKind { State = "state" / "devlet", Bloc = "bloc" / "blok", Region = "region" / "bölge", Company = "company" / "şirket" }
);
words!(
    /// What kind of organisation.
    OrgKind {
        Organisation = "organisation" / "örgüt", UnOrgan = "un-organ" / "BM organı", UnAgency = "un-agency" / "BM ajansı",
        Programme = "programme" / "program", Conference = "conference" / "konferans", Initiative = "initiative" / "girişim",
        Zone = "zone" / "serbest bölge", National = "national" / "ulusal kurum",
    }
);
words!(
    /// What kind of treaty.
    TreatyKind { Bilateral = "bilateral" / "ikili", Multilateral = "multilateral" / "çok taraflı", Set = "set" / "anlaşmalar dizisi" }
);
words!(
    /// Whether Kazakhstan is a party to a treaty: most are its own, but the base also
    /// holds treaties of others that shaped its policy (the Belovezha Accords).
    Participation { Party = "party" / "taraf", NotParty = "not-party" / "taraf değil", Signatory = "signatory" / "imzacı" }
);
words!(
    /// A member's standing in an organisation in one period.
    MemberStatus {
        Member = "member" / "üye", Observer = "observer" / "gözlemci", Associate = "associate" / "ortak üye",
        DialoguePartner = "dialogue-partner" / "diyalog ortağı", Suspended = "suspended" / "askıda",
    }
);
words!(
    /// A party's standing in a treaty in one period: `signatory` signed and has not
    /// ratified; `withdrawn` withdrew its ratification but stays a signatory.
    PartyStatus { Party = "party" / "taraf", Signatory = "signatory" / "imzacı", Withdrawn = "withdrawn" / "çekildi" }
);

impl Statuses for MemberStatus {
    const DECL: TableDecl = relation_table(
        "One period of a member's relation to an organisation (an entry of `members`).",
        &relation_fields(
            <MemberStatus as Words>::WORDS,
            <MemberStatus as Words>::WORDS_TR,
        ),
    );
    const COUNTED: &'static [&'static str] = &["member", "suspended"];
}

impl Statuses for PartyStatus {
    const DECL: TableDecl = relation_table(
        "One period of a party's relation to a treaty (an entry of `parties`).",
        &relation_fields(
            <PartyStatus as Words>::WORDS,
            <PartyStatus as Words>::WORDS_TR,
        ),
    );
    const COUNTED: &'static [&'static str] = &["party"];
}

impl MemberStatus {
    /// Whether a member in this status is counted in `members` (a suspended one is).
    pub fn counts(self) -> bool {
        <Self as Statuses>::COUNTED.contains(&self.word())
    }
}

impl PartyStatus {
    /// Whether a party in this status is counted in `parties` (a signatory is not).
    pub fn counts(self) -> bool {
        <Self as Statuses>::COUNTED.contains(&self.word())
    }
}

/// The table of a relation list's entry.
const fn relation_table(doc: &'static str, fields: &'static [FieldDecl]) -> TableDecl {
    TableDecl {
        word: "relation",
        doc,
        fields,
        names: &["id", "status", "since", "until"],
        columns: &["id", "status", "since", "until"],
        ranks: &[],
    }
}
words!(
    /// Kazakhstan's role in an organisation.
    Role { Member = "member" / "üye", Founder = "founder" / "kurucu", Chair = "chair" / "başkan", Initiator = "initiator" / "öncü", Host = "host" / "ev sahibi" }
);

declare! {
    head {
        /// lowercase ASCII slug (`^[a-z0-9]+(-[a-z0-9]+)*$`), unique within its kind
        #[tr = "KİMLİK"]
        id: Id,
        /// other names users type; compared ignoring case and diacritics; must not collide with another record's id, alias, name or acronym of the same kind
        #[tr = "DİĞER ADLAR"]
        #[role = Alias]
        aliases: Texts,
    }
    tail {
        /// English summary; where the source article is wrong, carry the corrected fact and say what the article claimed
        #[tr = "ÖZET"]
        summary: Text,
        /// Turkish summary, in the source article's own words
        #[tr = "ÖZET"]
        summary_tr: Text,
        /// the source article's section heading, or `outside: <basis>` for a well-established fact the article lacks or gets wrong, or `<heading>; outside: <basis>` when a record of the article also carries such facts
        #[tr = "KAYNAK"]
        source: NonBlank,
        /// numbers of the claims in `docs/seed/claims.md` the record carries
        #[tr = "İDDİALAR"]
        claims: Claims,
        /// topics
        #[tr = "ETİKETLER"]
        tags: Tags,
        /// numbers the source gives
        #[tr = "RAKAMLAR"]
        figures: Figures,
    }

    /// A number the source gives, with what it counts.
    table Figure "figure" {
        /// what it counts, in English
        #[tr = "NE"]
        what: Text,
        /// what it counts, in Turkish
        #[tr = "NE"]
        what_tr: OptText,
        /// the number: an integer or a float
        #[tr = "DEĞER"]
        value: Number,
        /// its unit (`USD`, `km2`, `count`)
        #[tr = "BİRİM"]
        unit: Text,
        /// how exact it is
        #[tr = "NİTELİK"]
        qualifier: OptWord<Qualifier>,
    }

    /// The country the file is about.
    record Country "country" [id, name] {
        /// English name
        #[tr = "AD"]
        #[role = Name]
        name: Text,
        /// Turkish name
        #[tr = "AD"]
        #[role = NameTr]
        name_tr: Text,
    }

    /// A state, bloc, region or company Kazakhstan deals with.
    record Partner "partner" [id, name, kind / 3, relation / 2] {
        /// English name
        #[tr = "AD"]
        #[role = Name]
        name: Name,
        /// Turkish name
        #[tr = "AD"]
        #[role = NameTr]
        name_tr: Name,
        /// what kind of partner
        #[tr = "TÜR"]
        kind: Word<PartnerKind>,
        /// the character of the relation, in one line
        #[tr = "İLİŞKİ"]
        relation: OptText,
        /// the same in Turkish
        #[tr = "İLİŞKİ"]
        relation_tr: OptText,
    }

    /// An international organisation, UN body or programme, and Kazakhstan's roles in it.
    record Org "org" [id / 7, acronym / 5, name, kind / 2, roles / 6, joined / 8, chaired / 3] {
        /// full English name
        #[tr = "AD"]
        #[role = Name]
        name: Name,
        /// full Turkish name
        #[tr = "AD"]
        #[role = NameTr]
        name_tr: Name,
        /// English acronym (`SCO`)
        #[tr = "KISALTMA"]
        #[role = Alias]
        acronym: OptName,
        /// Turkish acronym (`ŞİÖ`)
        #[tr = "KISALTMA"]
        #[role = Alias]
        acronym_tr: OptName,
        /// what kind of body
        #[tr = "TÜR"]
        kind: Word<OrgKind>,
        /// the body it belongs to (`unsc` → `un`)
        #[tr = "ÜST KURUM"]
        parent: OptRef<Orgs>,
        /// when the body was founded (its founding act signed or first session held); its members' periods begin no earlier
        #[tr = "KURULUŞ"]
        founded: OptDate,
        /// when it ceased to exist or was replaced; its members' periods end no later
        #[tr = "SONA ERİŞ"]
        dissolved: OptDate,
        /// Kazakhstan's roles in it
        #[tr = "ROLLER"]
        roles: WordList<Role>,
        /// when Kazakhstan joined (or its term began)
        #[tr = "KATILIM"]
        #[role = Date]
        joined: OptDate,
        /// when Kazakhstan left or its term ended; left out: it is still a member
        #[tr = "AYRILIŞ"]
        left: OptDate,
        /// when Kazakhstan chaired or presided
        #[tr = "BAŞKANLIK"]
        chaired: Dates,
        /// the body's members other than Kazakhstan (whether or not Kazakhstan is one): all of them, unless `member_count` is set. Each a partner id (a member from the founding to now), or `{ id, status, since, until }` for one period (`status`: `member` when left out, or `observer`, `associate`, `dialogue-partner`, `suspended`); one table per period for a member that left and came back or changed status. Its output lists the members (a suspended one too) as of now, or of `--at`
        #[tr = "ÜYELER"]
        members: Relations<Partners, MemberStatus>,
        /// (output only) every entry of `members` with its status and dates, `{ id, status, since, until }`
        #[tr = "ÜYELİK GEÇMİŞİ"]
        members_history: History,
        /// for a body whose list is partial (the UN, the OSCE, the OIC, the WTO…): how many members it has in all, Kazakhstan included. Absent: `members` is complete
        #[tr = "ÜYE SAYISI"]
        member_count: OptCount,
    }

    /// A treaty or agreement.
    record Treaty "treaty" [id / 6, signed / 7, name, kind / 2, kazakhstan / 3, parties / 5, orgs / 4] {
        /// English name
        #[tr = "AD"]
        #[role = Name]
        name: Name,
        /// Turkish name
        #[tr = "AD"]
        #[role = NameTr]
        name_tr: Name,
        /// `set` is a group of agreements
        #[tr = "TÜR"]
        kind: Word<TreatyKind>,
        /// whether Kazakhstan is a party (`party` when left out); a `not-party` treaty is one of others' that the base needs (the Belovezha Accords); `signatory`: signed, not ratified
        #[tr = "KAZAKİSTAN"]
        kazakhstan: WordOrFirst<Participation>,
        /// when it was signed (opened for signature)
        #[tr = "İMZA"]
        #[role = Date]
        signed: OptDate,
        /// when it entered into force
        #[tr = "YÜRÜRLÜK"]
        in_force: OptDate,
        /// when it ceased to be in force (expired, terminated or replaced); its parties' periods end no later
        #[tr = "SONA ERME"]
        expired: OptDate,
        /// when Kazakhstan signed it, where later than `signed`
        #[tr = "KAZAKİSTAN İMZASI"]
        kazakhstan_signed: OptDate,
        /// when Kazakhstan acceded (or succeeded) to it, not having signed it
        #[tr = "KATILMA"]
        acceded: OptDate,
        /// when Kazakhstan ratified it
        #[tr = "ONAY"]
        ratified: OptDate,
        /// the parties other than Kazakhstan: all of them, unless `party_count` is set. Each a partner id (a party since the signing), or `{ id, status, since, until }` for one period (`status`: `party` when left out, or `signatory`, `withdrawn`). Its output lists the parties as of now, or of `--at`
        #[tr = "TARAFLAR"]
        parties: Relations<Partners, PartyStatus>,
        /// (output only) every entry of `parties` with its status and dates, `{ id, status, since, until }`
        #[tr = "TARAFLIK GEÇMİŞİ"]
        parties_history: History,
        /// for a treaty with many parties: how many it has in all (Kazakhstan included when it is one). Absent: `parties` is complete
        #[tr = "TARAF SAYISI"]
        party_count: OptCount,
        /// organisations it founds or belongs to
        #[tr = "KURULUŞLAR"]
        orgs: Refs<Orgs>,
    }

    /// A dated event.
    record Event "event" [date, id / 1, title, partners / 4, orgs / 3, treaties / 2] {
        /// when it happened
        #[tr = "TARİH"]
        #[role = Date]
        date: Date,
        /// English title, one line
        #[tr = "BAŞLIK"]
        #[role = Name]
        title: Text,
        /// Turkish title, one line
        #[tr = "BAŞLIK"]
        #[role = NameTr]
        title_tr: Text,
        /// partners it involves
        #[tr = "ORTAKLAR"]
        partners: Refs<Partners>,
        /// organisations it involves
        #[tr = "KURULUŞLAR"]
        orgs: Refs<Orgs>,
        /// treaties it involves
        #[tr = "ANTLAŞMALAR"]
        treaties: Refs<Treaties>,
    }
}

impl Kind {
    /// What the schema declares of the kind.
    pub fn decl(self) -> &'static TableDecl {
        match self {
            Kind::Partner => &Partner::DECL,
            Kind::Org => &Org::DECL,
            Kind::Treaty => &Treaty::DECL,
            Kind::Event => &Event::DECL,
        }
    }

    /// The word users and the fact file use for the kind (`[[partner]]`).
    pub fn word(self) -> &'static str {
        self.decl().word
    }
}

impl FieldRole {
    const ALL: [FieldRole; 4] = [
        FieldRole::Alias,
        FieldRole::Name,
        FieldRole::NameTr,
        FieldRole::Date,
    ];

    /// The fields of that role in any kind, each once, in the schema's order
    /// (worked out once: search asks for them at every record).
    pub fn fields(self) -> &'static [&'static str] {
        static FIELDS: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
        let all = FIELDS.get_or_init(|| {
            FieldRole::ALL
                .iter()
                .map(|role| {
                    let mut names: Vec<&'static str> = Vec::new();
                    for field in RECORDS.iter().flat_map(|decl| decl.fields) {
                        if field.role == Some(*role) && !names.contains(&field.name) {
                            names.push(field.name);
                        }
                    }
                    names
                })
                .collect()
        });
        let at = FieldRole::ALL.iter().position(|r| *r == self).unwrap_or(0);
        all.get(at).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::RECORDS;

    /// A table's columns are fields of its kind, each once.
    #[test]
    fn columns_are_declared_fields() {
        for decl in RECORDS {
            for (i, column) in decl.columns.iter().enumerate() {
                assert!(decl.field(column).is_some(), "{}: {column}", decl.word);
                assert!(
                    !decl.columns[..i].contains(column),
                    "{}: {column}",
                    decl.word
                );
            }
        }
    }
}
