//! Loading: bytes → chunks → raw records (parsed in parallel) → checked `FactBase`.
//! Every problem is collected, with the byte range it comes from, so `check` can
//! list them all and a query can point at the first.

mod assemble;
mod builder;
mod ids;
mod parallel;

use self::assemble::{Layout, assemble};
use self::builder::{Shared, join_events};
use self::ids::{check_collisions, resolve};
use self::parallel::{parse_in_parallel, threads_for};
use crate::problem::{Problem, Problems};
use crate::scan::{self, Header};
use crate::store::Store;
use crate::string::POOLED;
use crate::{Event, FactBase, Kind, Text};

/// Strings are offsets of 31 bits: files beyond this size are refused.
pub(crate) const MAX_FILE_SIZE: usize = (POOLED - 1) as usize;

pub(crate) const TOO_LARGE: &str = "fact files larger than 2 GiB are not supported";

/// Offsets are 31 bits: a larger text would be read at the wrong places.
pub(crate) fn too_large(name: &str) -> Problems {
    Problems {
        file: name.to_owned(),
        text: Text::default(),
        list: vec![Problem::new(None, TOO_LARGE)],
    }
}

/// Checks a fact file's text; `name` is how messages call the file.
pub fn load(name: &str, text: impl Into<Text>) -> Result<FactBase, Problems> {
    let text = text.into();
    if text.len() > MAX_FILE_SIZE {
        return Err(too_large(name));
    }
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // Asked once: the cores are read from cgroup files.
    let threads = threads_for(text.len());
    let chunks = scan::chunks(&text, start, threads);
    let shared = Shared::default();
    // One array for every event, filled in place by the workers: a million events
    // are never copied from one list into another.
    let event_chunks = chunks
        .iter()
        .filter(|c| c.header == Header::Array(Kind::Event))
        .count();
    let mut slots = vec![Event::default(); event_chunks];
    let parts = parse_in_parallel(&text, &chunks, &shared, &mut slots, threads);
    // A chunk a record: a large file's list is let go before the records are joined.
    let layout = Layout::of(&chunks);
    drop(chunks);
    let mut problems = Vec::new();
    let failed: Vec<Header> = parts
        .iter()
        .flat_map(|p| p.records.failed.clone())
        .collect();
    let assembled = assemble(parts, &layout, &failed, &mut problems).map(
        |(country, partners, orgs, treaties, fills, arenas)| {
            let events = join_events(slots, fills);
            (country, partners, orgs, treaties, events, arenas)
        },
    );
    let pool = shared.pool.into_inner().unwrap_or_else(|e| e.into_inner());
    let Some((country, partners, orgs, treaties, events, arenas)) = assembled else {
        return Err(finish(name, text, problems));
    };
    let mut base = FactBase {
        store: Store {
            text,
            pool: pool.into(),
            arenas,
        },
        country,
        partners: crate::Slice::default(),
        orgs: crate::Slice::default(),
        treaties: crate::Slice::default(),
        events: crate::Slice::default(),
    };
    resolve(
        &mut base,
        partners,
        orgs,
        treaties,
        events,
        &failed,
        &mut problems,
        threads,
    );
    check_collisions(&base, &mut problems);
    crate::consistency::check(&base, &mut problems);
    if problems.is_empty() {
        crate::relations::date(&mut base, &mut problems);
    }
    if problems.is_empty() {
        Ok(base)
    } else {
        Err(finish(name, base.store.text, problems))
    }
}

fn finish(name: &str, text: Text, mut list: Vec<Problem>) -> Problems {
    list.sort_by_key(|p| p.at.as_ref().map_or(0, |r| r.start));
    Problems {
        file: name.to_owned(),
        text,
        list,
    }
}

#[cfg(test)]
mod tests {
    use super::parallel::PARALLEL_THRESHOLD;
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn plain_strings_borrow_from_the_file() {
        let text = "schema = 1\n[country]\nid = \"kz\"\nname = 'K'\nname_tr = 'K'\nsummary = 's'\nsummary_tr = 's'\nsource = 's'\n[[partner]]\nid = \"russia\"\nname = 'R'\nname_tr = 'R'\nkind = 'state'\nsummary = 's'\nsummary_tr = 's'\nsource = 's'\naliases = [\"r\\u0075\"]\n";
        let base = load("t.toml", Cow::Borrowed(text)).unwrap();
        let p = &base.partners[0];
        assert!(p.meta.id.offset().is_some(), "id not borrowed");
        let alias = base.list(p.meta.aliases)[0];
        assert!(alias.offset().is_none(), "an escaped string is pooled");
        assert_eq!(base.str(alias), "ru");
    }

    /// Every shape a string can have in the file reads back as toml reads it,
    /// whether it is kept as an offset into the file or in the pool.
    #[test]
    fn every_string_shape_reads_back() {
        let text = r#"schema = 1
[country]
id = "kazakhstan"
name = 'Kaz "literal"'
name_tr = """
multi "quoted" line"""
summary = "esc\taped \"q\""
summary_tr = ''
source = '''raw 'single' here'''

[[partner]]
id = 'russia'
aliases = ["ru", 'rus', "r\u0075s", """q"t""", '''l'n''']
name = """Russia"""
name_tr = '''Rusya'''
kind = "state"
summary = ""
summary_tr = "x"
source = "s"

[[event]]
id = "e1"
date = 1992-03-02
title = "T"
title_tr = "T"
partners = ["r\u0075ssia"]
summary = "s"
summary_tr = "s"
source = "s"

[[event]]
id = "e2"
date = "1991-12"
title = "T"
title_tr = "T"
partners = ['russia']
summary = "s"
summary_tr = "s"
source = "s"
"#;
        let base = load("t.toml", Cow::Owned(text.to_owned())).unwrap();
        let c = &base.country;
        assert_eq!(base.str(c.name), "Kaz \"literal\"");
        assert_eq!(base.str(c.name_tr), "multi \"quoted\" line");
        assert_eq!(base.str(c.meta.summary), "esc\taped \"q\"");
        assert_eq!(base.str(c.meta.summary_tr), "");
        assert_eq!(base.str(c.meta.source), "raw 'single' here");
        let p = &base.partners[0];
        assert_eq!(base.str(p.meta.id), "russia");
        let aliases: Vec<_> = base.strs(base.list(p.meta.aliases)).collect();
        assert_eq!(aliases, ["ru", "rus", "rus", "q\"t", "l'n"]);
        assert_eq!(base.str(p.name), "Russia");
        assert_eq!(base.str(p.name_tr), "Rusya");
        assert_eq!(base.str(p.meta.summary), "");
        let e = &base.events[0];
        assert_eq!(base.str(e.date.text), "1992-03-02");
        assert_eq!(base.list(e.partners), [0]);
        assert_eq!(base.list(base.events[1].partners), [0]);
        assert_eq!(base.str(base.events[1].date.text), "1991-12");
        // Plain strings are slices of the file; escaped ones are pooled.
        assert!(p.meta.id.offset().is_some());
        assert!(e.date.text.offset().is_some());
        assert!(c.meta.summary.offset().is_none());
        let id_at = text.find("'russia'").map(|i| i..i + 8);
        assert_eq!(base.span(p.meta.id), id_at);
    }

    const SMALL: &str = r#"schema = 1
[country]
id = "kazakhstan"
name = "K"
name_tr = "K"
summary = "s"
summary_tr = "s"
source = "s"

[[partner]]
id = """
turkey"""
name = "T"
name_tr = "T"
kind = "state"
summary = "s"
summary_tr = "s"
source = "s"
figures = [{ what = "w", value = 1.602176634e-19, unit = "u" }, { what = "w", value = 0.1, unit = "u" }]

[[event]]
id = "e1"
date = "1992"
title = "T"
title_tr = "T"
partners = ["""turkye""", '''turkey''']
summary = "s"
summary_tr = "s"
source = "s"

[[event]]
id = """
e1"""
date = 1992-03-02
title = "T"
title_tr = "T"
partners = ["""
turkei"""]
summary = "s"
summary_tr = "s"
source = "s"
"#;

    /// Errors on values written as multi-line strings point at their opening quotes.
    #[test]
    fn multi_line_values_are_located_at_their_quotes() {
        let problems = load("t.toml", Cow::Borrowed(SMALL)).unwrap_err();
        let at = |needle: &str| SMALL.find(needle).unwrap();
        let starts: Vec<usize> = problems
            .list
            .iter()
            .map(|p| p.at.clone().unwrap().start)
            .collect();
        let typo = at("\"\"\"turkye");
        let second_id = at("id = \"\"\"\ne1") + 5;
        let other_typo = at("\"\"\"\nturkei");
        assert_eq!(starts, [typo, second_id, other_typo], "{:?}", problems.list);
        let first_span = problems.list[0].at.clone().unwrap();
        assert_eq!(&SMALL[first_span], "\"\"\"turkye\"\"\"");
    }

    /// What build.rs writes of the shipped base keeps floats by their bits (kzfp's
    /// own test compiles the shipped base's and compares it with the loaded one).
    #[test]
    fn the_static_source_keeps_floats_exactly() {
        let text: &'static str = Box::leak(
            SMALL
                // One partner listed twice is a problem of its own.
                .replace("\"\"\"turkye\"\"\", ", "")
                .replace("turkei", "turkey")
                .replace("\ne1\"\"\"", "\ne2\"\"\"")
                .into_boxed_str(),
        );
        let base = load("t.toml", Cow::Borrowed(text)).unwrap();
        let source = base.to_static_source("TEXT");
        let figures = base.list(base.partners[0].meta.figures);
        assert_eq!(figures[0].value.as_f64(), 1.602176634e-19);
        let bits = format!("f64::from_bits({:#x})", 1.602176634e-19f64.to_bits());
        assert!(source.contains(&bits), "{source}");
    }

    /// A file large enough to be parsed in parts on every core: each record's lists
    /// (references, claims, tags, aliases, figures) are its own once the parts join.
    #[test]
    fn lists_survive_the_parts_joining() {
        let mut text = String::from(
            "schema = 1\n[country]\nid = \"kz\"\nname = \"K\"\nname_tr = \"K\"\nsummary = \"s\"\nsummary_tr = \"s\"\nsource = \"s\"\n",
        );
        let partners = 50;
        let events = 6000;
        let record_end = "summary = \"s\"\nsummary_tr = \"s\"\nsource = \"s\"\n";
        let figures = |i: usize, n: usize| {
            let items: Vec<String> = (0..n)
                .map(|k| format!("{{ what = \"w{i}.{k}\", value = {i}.{k}, unit = \"u\" }}"))
                .collect();
            format!("figures = [{}]\n", items.join(", "))
        };
        for i in 0..events {
            // Events first and last: partners land in the parts in between.
            if i == events / 2 {
                for p in 0..partners {
                    text.push_str(&format!(
                        "\n[[partner]]\nid = \"p{p}\"\naliases = [\"a{p}\", \"b{p}\"]\nname = \"P{p}\"\nname_tr = \"P{p}\"\nkind = \"state\"\n{record_end}{}",
                        figures(p, p % 3)
                    ));
                }
            }
            text.push_str(&format!(
                "\n[[event]]\nid = \"e{i}\"\ndate = \"1999\"\ntitle = \"T\"\ntitle_tr = \"T\"\npartners = [\"p{}\", \"p{}\"]\nclaims = [{}]\ntags = [\"t{}\"]\n{record_end}{}",
                i % partners,
                (i + 1) % partners,
                i % 146 + 1,
                i % 5,
                if i % 4 == 0 { figures(i, 1 + i % 2) } else { String::new() }
            ));
        }
        assert!(text.len() > PARALLEL_THRESHOLD);
        let base = load("t.toml", Cow::Owned(text)).unwrap();
        for (i, e) in base.events.iter().enumerate() {
            assert_eq!(base.str(e.meta.id), format!("e{i}"));
            let ids: Vec<&str> = base
                .list(e.partners)
                .iter()
                .map(|p| base.partner_id(*p))
                .collect();
            assert_eq!(
                ids,
                [
                    format!("p{}", i % partners),
                    format!("p{}", (i + 1) % partners)
                ]
            );
            assert_eq!(base.list(e.meta.claims), [(i % 146 + 1) as u32]);
            let tags: Vec<&str> = base.strs(base.list(e.meta.tags)).collect();
            assert_eq!(tags, [format!("t{}", i % 5)]);
            assert!(e.orgs.is_empty() && e.treaties.is_empty() && e.meta.aliases.is_empty());
            let values: Vec<f64> = base
                .list(e.meta.figures)
                .iter()
                .map(|f| f.value.as_f64())
                .collect();
            let expected: Vec<f64> = match i % 4 {
                0 => (0..1 + i % 2)
                    .map(|k| format!("{i}.{k}").parse().unwrap())
                    .collect(),
                _ => Vec::new(),
            };
            assert_eq!(values, expected, "event {i}");
        }
        for (p, partner) in base.partners.iter().enumerate() {
            let aliases: Vec<&str> = base.strs(base.list(partner.meta.aliases)).collect();
            assert_eq!(aliases, [format!("a{p}"), format!("b{p}")]);
            let whats: Vec<&str> = base
                .list(partner.meta.figures)
                .iter()
                .map(|f| base.str(f.what))
                .collect();
            let expected: Vec<String> = (0..p % 3).map(|k| format!("w{p}.{k}")).collect();
            assert_eq!(whats, expected, "partner {p}");
        }
    }
}
