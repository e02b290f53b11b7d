//! The schema of a fact file, declared once: every field of every kind of record,
//! with its type (which says whether it is required and what values it allows)
//! and its one-line doc, and the columns a table shows of each kind. The records, their loading and checking, the records
//! renderers print, `--fields`, the JSON Schema (`kzfp schema`) and the README's
//! field tables all come from here. Field types are in `field.rs`.

use super::declare::{declare, words};
use super::field::{
    Claims, Date, Dates, Figures, Id, Name, NonBlank, Number, OptCount, OptDate, OptName, OptRef,
    OptText, OptWord, Orgs, Partners, Refs, Tags, Text, Texts, Treaties, Word, WordList,
    WordOrFirst,
};

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
    Participation { Party = "party" / "taraf", NotParty = "not-party" / "taraf değil" }
);
words!(
    /// Kazakhstan's role in an organisation.
    Role { Member = "member" / "üye", Founder = "founder" / "kurucu", Chair = "chair" / "başkan", Initiator = "initiator" / "öncü", Host = "host" / "ev sahibi" }
);
words!(
    /// How exact a figure is.
    Qualifier {
        About = "about" / "yaklaşık", Almost = "almost" / "neredeyse", MoreThan = "more than" / "fazla", AtLeast = "at least" / "en az",
        LessThan = "less than" / "az",
    }
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
    record Org "org" [id, acronym / 5, name, kind / 2, roles / 6, joined / 7, chaired / 3] {
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
        /// Kazakhstan's roles in it
        #[tr = "ROLLER"]
        roles: WordList<Role>,
        /// when Kazakhstan joined
        #[tr = "KATILIM"]
        #[role = Date]
        joined: OptDate,
        /// when Kazakhstan chaired or presided
        #[tr = "BAŞKANLIK"]
        chaired: Dates,
        /// the body's members other than Kazakhstan (whether or not Kazakhstan is one): all of them, unless `member_count` is set
        #[tr = "ÜYELER"]
        members: Refs<Partners>,
        /// for a body whose list is partial (the UN, the OSCE, the OIC, the WTO…): how many members it has in all, Kazakhstan included. Absent: `members` is complete
        #[tr = "ÜYE SAYISI"]
        member_count: OptCount,
    }

    /// A treaty or agreement.
    record Treaty "treaty" [id, signed / 6, name, kind / 2, kazakhstan / 3, parties / 5, orgs / 4] {
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
        /// whether Kazakhstan is a party (`party` when left out); a `not-party` treaty is one of others' that the base needs (the Belovezha Accords)
        #[tr = "KAZAKİSTAN"]
        kazakhstan: WordOrFirst<Participation>,
        /// when it was signed
        #[tr = "İMZA"]
        #[role = Date]
        signed: OptDate,
        /// when it entered into force
        #[tr = "YÜRÜRLÜK"]
        in_force: OptDate,
        /// the parties other than Kazakhstan: all of them, unless `party_count` is set
        #[tr = "TARAFLAR"]
        parties: Refs<Partners>,
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
