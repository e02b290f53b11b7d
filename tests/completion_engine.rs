//! The completion engine in-process: clap_complete's engine on `Cli::command()`
//! through `kzfp::complete::candidates`, for every completed value, against the
//! embedded fact file and a second file with other ids (`--facts`, `KZFP_FACTS`).

#![cfg(test)]

use clap_complete::engine::CompletionCandidate;
mod common;

use common::{embedded, event_tags, ids};
use kzfp::facts::Kind;
use std::ffi::OsString;
use std::path::PathBuf;

const ALT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/completion-alt.toml"
);

/// Completes the last word of `line` (a trailing space means an empty word).
fn complete_env(line: &str, facts_env: Option<&str>) -> Vec<CompletionCandidate> {
    let words: Vec<OsString> = line.split(' ').map(OsString::from).collect();
    let index = words.len() - 1;
    kzfp::complete::candidates(words, index, facts_env.map(OsString::from))
        .unwrap_or_else(|e| panic!("completing {line:?}: {e}"))
}

fn complete(line: &str) -> Vec<CompletionCandidate> {
    complete_env(line, None)
}

/// The candidate values, options (`-…`) left out.
fn values(line: &str) -> Vec<String> {
    values_of(&complete(line))
}

fn values_of(candidates: &[CompletionCandidate]) -> Vec<String> {
    candidates
        .iter()
        .map(|c| c.get_value().to_string_lossy().into_owned())
        .filter(|v| !v.starts_with('-'))
        .collect()
}

fn help_of(candidates: &[CompletionCandidate], value: &str) -> Option<String> {
    candidates
        .iter()
        .find(|c| c.get_value() == value)
        .and_then(|c| c.get_help())
        .map(ToString::to_string)
}

fn with_prefix(ids: &[String], prefix: &str) -> Vec<String> {
    ids.iter()
        .filter(|id| id.starts_with(prefix))
        .cloned()
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("completion-engine");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("scratch file");
    path
}

#[test]
fn subcommand_ids_come_from_the_embedded_file_with_names() {
    let base = embedded();
    for (word, kind) in [
        ("partner", Kind::Partner),
        ("org", Kind::Org),
        ("treaty", Kind::Treaty),
    ] {
        let all = ids(&base, kind);
        assert!(!all.is_empty(), "the embedded file has {word} records");
        let line = format!("kzfp {word} ");
        let candidates = complete(&line);
        assert_eq!(values_of(&candidates), all, "{line}");
        for index in 0..base.count(kind) as u32 {
            let id = base.str(base.meta(kind, index).expect("meta").id);
            let name = base.display_name(kind, index, false);
            assert_eq!(
                help_of(&candidates, id).as_deref(),
                Some(name),
                "{line}: {id}"
            );
        }
        let prefix: String = all[0].chars().take(2).collect();
        assert_eq!(
            values(&format!("kzfp {word} {prefix}")),
            with_prefix(&all, &prefix),
            "{word} {prefix}"
        );
    }
}

fn all_values(line: &str) -> Vec<String> {
    complete(line)
        .iter()
        .map(|c| c.get_value().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn options_wait_for_a_dash_when_there_are_values() {
    let ids = all_values("kzfp partner ");
    assert!(
        !ids.is_empty() && ids.iter().all(|v| !v.starts_with('-')),
        "{ids:?}"
    );
    let options = all_values("kzfp partner -");
    assert!(options.contains(&"--tag".to_owned()), "{options:?}");
    assert!(options.contains(&"-f".to_owned()), "{options:?}");
    let subcommands = all_values("kzfp ");
    assert!(
        subcommands.iter().all(|v| !v.starts_with('-')),
        "{subcommands:?}"
    );
    // Nothing but options to offer: the options.
    let options = all_values("kzfp timeline ");
    assert!(options.contains(&"--from".to_owned()), "{options:?}");
    let options = all_values(&format!("kzfp --facts {ALT}.missing partner "));
    assert!(options.contains(&"--kind".to_owned()), "{options:?}");
}

#[test]
fn id_options_complete_ids_of_their_kind() {
    let base = embedded();
    let cases = [
        ("kzfp timeline --partner ", Kind::Partner),
        ("kzfp timeline --org ", Kind::Org),
        ("kzfp timeline --treaty ", Kind::Treaty),
        ("kzfp treaty --partner ", Kind::Partner),
        ("kzfp treaty --org ", Kind::Org),
        ("kzfp timeline --partner x --partner ", Kind::Partner),
    ];
    for (line, kind) in cases {
        assert_eq!(values(line), ids(&base, kind), "{line}");
    }
    let partner = ids(&base, Kind::Partner);
    let first = &partner[0];
    let candidates = complete(&format!("kzfp treaty --partner={first}"));
    let wanted = format!("--partner={first}");
    assert!(
        candidates.iter().any(|c| c.get_value() == wanted.as_str()),
        "--partner= keeps its prefix"
    );
}

#[test]
fn another_fact_file_by_facts_option_in_every_spelling() {
    for line in [
        format!("kzfp --facts {ALT} partner "),
        format!("kzfp --facts={ALT} partner "),
        format!("kzfp -f {ALT} partner "),
        format!("kzfp -f{ALT} partner "),
        format!("kzfp partner --facts {ALT} "),
        format!("kzfp partner -f {ALT} "),
    ] {
        let candidates = complete(&line);
        assert_eq!(
            values_of(&candidates),
            strings(&["alpha", "beta"]),
            "{line}"
        );
        assert_eq!(
            help_of(&candidates, "alpha").as_deref(),
            Some("Alpha Republic")
        );
    }
    let line = format!("kzfp --facts {ALT} org ");
    assert_eq!(values(&line), strings(&["gamma-org"]));
    let line = format!("kzfp --facts {ALT} treaty ");
    assert_eq!(values(&line), strings(&["delta-treaty"]));
    let line = format!("kzfp --facts {ALT} timeline --treaty d");
    assert_eq!(values(&line), strings(&["delta-treaty"]));
    // The option after the cursor counts too: it is on the line.
    let words: Vec<OsString> = ["kzfp", "partner", "", "--facts", ALT]
        .iter()
        .map(OsString::from)
        .collect();
    let after = kzfp::complete::candidates(words, 2, None).expect("completes");
    assert_eq!(values_of(&after), strings(&["alpha", "beta"]));
}

#[test]
fn another_fact_file_by_environment() {
    let candidates = complete_env("kzfp partner ", Some(ALT));
    assert_eq!(values_of(&candidates), strings(&["alpha", "beta"]));
    assert_eq!(help_of(&candidates, "beta").as_deref(), Some("Beta Union"));
    // --facts on the line wins over KZFP_FACTS; an empty --facts means the embedded file.
    let missing = scratch("never-read.toml", "").with_extension("absent");
    let line = format!("kzfp --facts {ALT} org ");
    let from_option = complete_env(&line, Some(&missing.to_string_lossy()));
    assert_eq!(values_of(&from_option), strings(&["gamma-org"]));
    let line = "kzfp --facts= partner ";
    assert_eq!(
        values_of(&complete_env(line, Some(ALT))),
        ids(&embedded(), Kind::Partner)
    );
}

#[test]
fn a_missing_or_broken_fact_file_gives_no_candidates() {
    let broken = scratch("broken.toml", "schema = 1\n[country\nid = ");
    let not_utf8 = scratch("not-utf8.toml", "");
    std::fs::write(&not_utf8, b"schema = 1\n\xff\xfe").expect("write");
    let dir = broken.parent().expect("parent").to_path_buf();
    for path in [
        PathBuf::from("/nonexistent/kzfp/facts.toml"),
        broken,
        not_utf8,
        dir,
    ] {
        let path = path.to_string_lossy().into_owned();
        for line in [
            format!("kzfp --facts {path} partner "),
            format!("kzfp --facts {path} timeline --tag "),
        ] {
            assert_eq!(values(&line), Vec::<String>::new(), "{line}");
        }
        assert_eq!(
            values_of(&complete_env("kzfp org ", Some(&path))),
            Vec::<String>::new()
        );
        // Fields do not need the file.
        let line = format!("kzfp --facts {path} timeline --fields id,da");
        assert_eq!(values(&line), strings(&["id,date"]));
    }
}

#[test]
fn tags_are_those_of_the_subcommands_records() {
    let line = format!("kzfp --facts {ALT} partner --tag ");
    let candidates = complete(&line);
    assert_eq!(values_of(&candidates), strings(&["fixture-only", "trade"]));
    assert_eq!(
        help_of(&candidates, "fixture-only").as_deref(),
        Some("2 partners")
    );
    let line = format!("kzfp --facts {ALT} timeline --tag ");
    assert_eq!(values(&line), strings(&["fixture-event"]));
    let line = format!("kzfp --facts {ALT} partner --tag tr");
    assert_eq!(values(&line), strings(&["trade"]));
    assert_eq!(values("kzfp timeline --tag "), event_tags(&embedded()));
}

#[test]
fn kinds_and_roles_are_the_fixed_values() {
    assert_eq!(
        values("kzfp partner --kind "),
        strings(&["state", "bloc", "region", "company"])
    );
    assert_eq!(
        values("kzfp treaty --kind "),
        strings(&["bilateral", "multilateral", "set"])
    );
    assert_eq!(
        values("kzfp org --kind "),
        strings(&[
            "organisation",
            "un-organ",
            "un-agency",
            "programme",
            "conference",
            "initiative",
            "zone",
            "national"
        ])
    );
    assert_eq!(
        values("kzfp org --role "),
        strings(&["member", "founder", "chair", "initiator", "host"])
    );
    assert_eq!(values("kzfp org --role f"), strings(&["founder"]));
    assert_eq!(
        values("kzfp search nuclear --kind "),
        strings(&["event", "partner", "org", "treaty"])
    );
}

#[test]
fn search_completes_the_fields_of_every_kind() {
    let fields = values("kzfp search china --fields ");
    for field in [
        "kind",
        "id",
        "name",
        "date",
        "title",
        "signed",
        "joined",
        "partner_kind",
    ] {
        assert!(fields.contains(&field.to_owned()), "{field} in {fields:?}");
    }
    assert_eq!(
        values("kzfp search china --fields kind,na"),
        strings(&["kind,name", "kind,name_tr"])
    );
    assert!(values("kzfp search china --sort ").contains(&"date".to_owned()));
}

#[test]
fn fields_complete_after_each_comma_keeping_the_prefix() {
    assert_eq!(
        values("kzfp timeline --fields id,da"),
        strings(&["id,date"])
    );
    assert_eq!(
        values("kzfp timeline --fields id,date,ti"),
        strings(&["id,date,title", "id,date,title_tr"])
    );
    assert_eq!(
        values("kzfp --fields i"),
        Vec::<String>::new(),
        "no subcommand: no fields"
    );
    let words: Vec<OsString> = ["kzfp", "--fields", "i", "timeline"]
        .iter()
        .map(OsString::from)
        .collect();
    let before = kzfp::complete::candidates(words, 2, None).expect("completes");
    assert_eq!(
        values_of(&before),
        strings(&["id"]),
        "subcommand after the cursor"
    );
    let fields: Vec<String> = strings(kzfp::record::fields(Kind::Partner));
    assert_eq!(values("kzfp partner --fields "), fields);
    // Fields already listed are not offered again.
    let rest: Vec<String> = fields
        .iter()
        .filter(|f| *f != "id")
        .map(|f| format!("id,{f}"))
        .collect();
    assert_eq!(values("kzfp partner --fields id,"), rest);
    // `related` only on a detail view.
    assert_eq!(
        values("kzfp partner --fields id,rel"),
        strings(&["id,relation", "id,relation_tr"])
    );
    assert_eq!(
        values("kzfp partner russia --fields id,rel"),
        strings(&["id,relation", "id,relation_tr", "id,related"])
    );
    assert_eq!(
        values("kzfp org --fields id,ac"),
        strings(&["id,acronym", "id,acronym_tr"])
    );
    assert_eq!(values("kzfp treaty x --fields sig"), strings(&["signed"]));
    let candidates = complete("kzfp timeline --fields=id,da");
    let all: Vec<_> = candidates
        .iter()
        .map(|c| c.get_value().to_owned())
        .collect();
    assert_eq!(all, vec![OsString::from("--fields=id,date")]);
}

#[test]
fn sort_completes_the_listings_field_names() {
    assert_eq!(
        values("kzfp treaty --sort "),
        strings(kzfp::record::fields(Kind::Treaty))
    );
    assert_eq!(values("kzfp timeline --sort da"), strings(&["date"]));
    assert_eq!(values("kzfp org --sort jo"), strings(&["joined"]));
}

#[test]
fn fixed_values_for_format_color_lang_and_shells() {
    assert_eq!(
        values("kzfp timeline --format "),
        strings(&["table", "json", "jsonl", "csv", "tsv", "markdown"])
    );
    assert_eq!(values("kzfp -o j"), strings(&["json", "jsonl"]));
    assert_eq!(
        values("kzfp --color "),
        strings(&["auto", "always", "never"])
    );
    assert_eq!(values("kzfp org --lang "), strings(&["en", "tr", "all"]));
    assert_eq!(
        values("kzfp completions "),
        strings(&["bash", "zsh", "fish", "elvish", "powershell"])
    );
    let candidates = complete("kzfp --format ");
    assert!(
        help_of(&candidates, "table").is_some(),
        "formats carry their help"
    );
}

#[test]
fn graph_completes_ids_its_formats_and_event_tags() {
    let base = embedded();
    assert_eq!(values("kzfp graph --partner "), ids(&base, Kind::Partner));
    assert_eq!(values("kzfp graph --org "), ids(&base, Kind::Org));
    assert_eq!(values("kzfp graph --treaty "), ids(&base, Kind::Treaty));
    let candidates = complete("kzfp graph --partner ");
    assert_eq!(
        help_of(&candidates, "russia").as_deref(),
        Some("Russia"),
        "ids carry their names"
    );
    assert_eq!(
        values("kzfp graph --format "),
        strings(&["dot", "mermaid", "json"])
    );
    assert_eq!(values("kzfp graph -o m"), strings(&["mermaid"]));
    assert_eq!(
        all_values("kzfp --lang tr graph --format=j"),
        strings(&["--format=json"])
    );
    assert!(help_of(&complete("kzfp graph --format "), "dot").is_some());
    assert_eq!(values("kzfp graph --tag "), event_tags(&base));
    let alt = format!("kzfp --facts {ALT} graph --org ");
    assert_eq!(
        values(&alt),
        ids(
            &kzfp::facts::Source::File(ALT.into())
                .load(&kzfp::EMBEDDED)
                .expect("alt loads"),
            Kind::Org
        )
    );
}

#[test]
fn subcommands_complete() {
    let all = values("kzfp ");
    for word in [
        "timeline",
        "partner",
        "org",
        "treaty",
        "graph",
        "search",
        "check",
        "completions",
    ] {
        assert!(all.contains(&word.to_owned()), "{word} in {all:?}");
    }
}

#[test]
fn fact_file_paths_complete_as_paths() {
    // Integration tests run in the package's folder.
    assert_eq!(
        values("kzfp --facts tests/fixtures/completion-a"),
        strings(&["tests/fixtures/completion-alt.toml"])
    );
    assert_eq!(
        values("kzfp check tests/fixtures/completion-a"),
        strings(&["tests/fixtures/completion-alt.toml"])
    );
}
