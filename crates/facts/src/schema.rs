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
    PartnerKind { State = "state", Bloc = "bloc", Region = "region", Company = "company" }
);
words!(
    /// What kind of organisation.
    OrgKind {
        Organisation = "organisation", UnOrgan = "un-organ", UnAgency = "un-agency",
        Programme = "programme", Conference = "conference", Initiative = "initiative",
        Zone = "zone", National = "national",
    }
);
words!(
    /// What kind of treaty.
    TreatyKind { Bilateral = "bilateral", Multilateral = "multilateral", Set = "set" }
);
words!(
    /// Whether Kazakhstan is a party to a treaty: most are its own, but the base also
    /// holds treaties of others that shaped its policy (the Belovezha Accords).
    Participation { Party = "party", NotParty = "not-party" }
);
words!(
    /// Kazakhstan's role in an organisation.
    Role { Member = "member", Founder = "founder", Chair = "chair", Initiator = "initiator", Host = "host" }
);
words!(
    /// How exact a figure is.
    Qualifier {
        About = "about", Almost = "almost", MoreThan = "more than", AtLeast = "at least",
        LessThan = "less than",
    }
);

declare! {
    head {
        /// lowercase ASCII slug (`^[a-z0-9]+(-[a-z0-9]+)*$`), unique within its kind
        id: Id,
        /// other names users type; compared ignoring case and diacritics; must not collide with another record's id, alias, name or acronym of the same kind
        aliases: Texts,
    }
    tail {
        /// English summary; where the source article is wrong, carry the corrected fact and say what the article claimed
        summary: Text,
        /// Turkish summary, in the source article's own words
        summary_tr: Text,
        /// the source article's section heading, or `outside: <basis>` for a well-established fact the article lacks or gets wrong, or `<heading>; outside: <basis>` when a record of the article also carries such facts
        source: NonBlank,
        /// numbers of the claims in `docs/seed/claims.md` the record carries
        claims: Claims,
        /// topics
        tags: Tags,
        /// numbers the source gives
        figures: Figures,
    }

    /// A number the source gives, with what it counts.
    table Figure "figure" {
        /// what it counts, in English
        what: Text,
        /// what it counts, in Turkish
        what_tr: OptText,
        /// the number: an integer or a float
        value: Number,
        /// its unit (`USD`, `km2`, `count`)
        unit: Text,
        /// how exact it is
        qualifier: OptWord<Qualifier>,
    }

    /// The country the file is about.
    record Country "country" [id, name] {
        /// English name
        name: Text,
        /// Turkish name
        name_tr: Text,
    }

    /// A state, bloc, region or company Kazakhstan deals with.
    record Partner "partner" [id, name, kind / 3, relation / 2] {
        /// English name
        name: Name,
        /// Turkish name
        name_tr: Name,
        /// what kind of partner
        kind: Word<PartnerKind>,
        /// the character of the relation, in one line
        relation: OptText,
        /// the same in Turkish
        relation_tr: OptText,
    }

    /// An international organisation, UN body or programme, and Kazakhstan's roles in it.
    record Org "org" [id, acronym / 5, name, kind / 2, roles / 6, joined / 7, chaired / 3] {
        /// full English name
        name: Name,
        /// full Turkish name
        name_tr: Name,
        /// English acronym (`SCO`)
        acronym: OptName,
        /// Turkish acronym (`ŞİÖ`)
        acronym_tr: OptName,
        /// what kind of body
        kind: Word<OrgKind>,
        /// the body it belongs to (`unsc` → `un`)
        parent: OptRef<Orgs>,
        /// Kazakhstan's roles in it
        roles: WordList<Role>,
        /// when Kazakhstan joined
        joined: OptDate,
        /// when Kazakhstan chaired or presided
        chaired: Dates,
        /// the body's members other than Kazakhstan (whether or not Kazakhstan is one): all of them, unless `member_count` is set
        members: Refs<Partners>,
        /// for a body whose list is partial (the UN, the OSCE, the OIC, the WTO…): how many members it has in all, Kazakhstan included. Absent: `members` is complete
        member_count: OptCount,
    }

    /// A treaty or agreement.
    record Treaty "treaty" [id, signed / 6, name, kind / 2, kazakhstan / 3, parties / 5, orgs / 4] {
        /// English name
        name: Name,
        /// Turkish name
        name_tr: Name,
        /// `set` is a group of agreements
        kind: Word<TreatyKind>,
        /// whether Kazakhstan is a party (`party` when left out); a `not-party` treaty is one of others' that the base needs (the Belovezha Accords)
        kazakhstan: WordOrFirst<Participation>,
        /// when it was signed
        signed: OptDate,
        /// when it entered into force
        in_force: OptDate,
        /// the parties other than Kazakhstan: all of them, unless `party_count` is set
        parties: Refs<Partners>,
        /// for a treaty with many parties: how many it has in all (Kazakhstan included when it is one). Absent: `parties` is complete
        party_count: OptCount,
        /// organisations it founds or belongs to
        orgs: Refs<Orgs>,
    }

    /// A dated event.
    record Event "event" [date, id / 1, title, partners / 4, orgs / 3, treaties / 2] {
        /// when it happened
        date: Date,
        /// English title, one line
        title: Text,
        /// Turkish title, one line
        title_tr: Text,
        /// partners it involves
        partners: Refs<Partners>,
        /// organisations it involves
        orgs: Refs<Orgs>,
        /// treaties it involves
        treaties: Refs<Treaties>,
    }
}
