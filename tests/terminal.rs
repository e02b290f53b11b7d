//! The table in a real terminal: kzfp runs in a tmux pane of 60, 80, 100, 120
//! and 200 columns, and the screen tmux shows (`capture-pane`) is read back.
//! On every listing and detail view, of the shipped base and of a fixture with
//! long ids and long text: no line is wider than the pane; every id, date,
//! list item and word of a shown column stands whole on the screen; a listing
//! takes at most 4 screen rows a record from 80 columns up (8 at 60); a column
//! left out is named on stderr; --fields always shows what it names.
//!
//! tmux is a Debian package (`.ci/run` installs it); the tests fail, saying so,
//! when it is missing.

#![cfg(test)]

mod common;

use common::fixture;
use serde_json::Value;
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

const WIDTHS: [u16; 5] = [60, 80, 100, 120, 200];

/// What the pane prints once kzfp has ended.
const END: &str = "__kzfp_ended__";

/// What a run left on the terminal, and what it wrote to stderr.
struct Screen {
    width: u16,
    lines: Vec<String>,
    stderr: String,
}

impl Screen {
    fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Every word on the screen, a list's trailing comma taken off.
    fn tokens(&self) -> HashSet<String> {
        self.lines
            .iter()
            .flat_map(|l| l.split_whitespace())
            .map(|t| t.trim_end_matches([',', ';']).to_owned())
            .collect()
    }

    fn assert_fits(&self, what: &str) {
        for line in &self.lines {
            assert!(
                line.width() <= usize::from(self.width),
                "{what} at {}: a line of {} columns:\n{line}\n\n{}",
                self.width,
                line.width(),
                self.text()
            );
        }
    }
}

/// Runs `kzfp args` in a detached tmux pane `width` columns wide.
fn screen(width: u16, facts: Option<&str>, args: &[&str]) -> Screen {
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let run = RUN.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("kzfp-terminal-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let config = dir.join("tmux.conf");
    std::fs::write(&config, "set -g history-limit 100000\nset -g status off\n").expect("tmux.conf");
    let stderr = dir.join("stderr");
    let mut line = vec!["env -u KZFP_FACTS -u NO_COLOR -u CLICOLOR_FORCE -u COLUMNS".to_owned()];
    if let Some(path) = facts {
        line.push(format!("KZFP_FACTS={}", quoted(path)));
    }
    line.push(quoted(env!("CARGO_BIN_EXE_kzfp")));
    line.extend(args.iter().map(|a| quoted(a)));
    line.push(format!("2>{}", quoted(&stderr.display().to_string())));
    // tmux reads the pane's output after the process has ended: the end mark,
    // printed after kzfp, shows when all of it is on the screen.
    line.push(format!("; printf {END}; exec sleep 120"));
    let socket = format!("kzfp-test-{}-{run}", std::process::id());
    let tmux = |extra: &[&str]| {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &socket, "-f"]).arg(&config).args(extra);
        cmd.output()
            .expect("tmux is installed (apt-get install tmux; .ci/run does)")
    };
    let size = width.to_string();
    let started = tmux(&[
        "new-session",
        "-d",
        "-x",
        &size,
        "-y",
        "50",
        "sh",
        "-c",
        &line.join(" "),
    ]);
    assert!(
        started.status.success(),
        "tmux: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let captured = loop {
        let captured = tmux(&["capture-pane", "-p", "-J", "-S", "-", "-E", "-"]);
        let text = String::from_utf8_lossy(&captured.stdout).into_owned();
        if text.lines().any(|l| l.starts_with(END)) {
            break text;
        }
        assert!(
            Instant::now() < deadline,
            "kzfp {args:?} did not end in the pane"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    tmux(&["kill-server"]);
    let mut lines: Vec<String> = captured
        .lines()
        .take_while(|l| !l.starts_with(END))
        .map(|l| l.trim_end().to_owned())
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let stderr = std::fs::read_to_string(&stderr).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    Screen {
        width,
        lines,
        stderr,
    }
}

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The JSON kzfp prints for the same question (no terminal, every field).
fn json(facts: Option<&str>, args: &[&str]) -> Value {
    let mut cmd = common::kzfp();
    if let Some(path) = facts {
        cmd.env("KZFP_FACTS", path);
    }
    let out = cmd.args(args).arg("--json").output().expect("kzfp runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The pieces of a value that must stand whole: a word of text, an item of a
/// list, an atom. Figures and summaries are free text (their words count).
fn pieces(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => text
            .split_whitespace()
            .map(|w| w.trim_end_matches([',', ';']).to_owned())
            .collect(),
        Value::Number(n) => vec![n.to_string()],
        Value::Array(items) => items.iter().flat_map(pieces).collect(),
        _ => Vec::new(),
    }
}

/// A piece is on the screen whole, or, an interval, as its two whole dates
/// broken after the `/`.
fn stands_whole(tokens: &HashSet<String>, piece: &str) -> bool {
    tokens.contains(piece)
        || piece.split_once('/').is_some_and(|(start, end)| {
            tokens.contains(&format!("{start}/")) && tokens.contains(end)
        })
}

/// The fields shown on the screen: those whose header or card label is there.
fn shown_fields<'f>(screen: &Screen, fields: &[&'f str]) -> Vec<&'f str> {
    let tokens = screen.tokens();
    fields
        .iter()
        .copied()
        .filter(|f| tokens.contains(&f.to_uppercase()))
        .collect()
}

/// Every piece of every record's shown fields stands whole on the screen
/// (unless the piece is wider than the pane itself, the one case it is cut).
fn assert_whole(screen: &Screen, records: &[Value], fields: &[&str], what: &str) {
    let tokens = screen.tokens();
    for field in shown_fields(screen, fields) {
        for record in records {
            for piece in pieces(&record[field]) {
                if piece.width() + 2 > usize::from(screen.width) {
                    continue;
                }
                assert!(
                    stands_whole(&tokens, &piece),
                    "{what} at {}: {field} '{piece}' is not whole on the screen:\n{}",
                    screen.width,
                    screen.text()
                );
            }
        }
    }
}

/// The default columns a listing of this command shows.
fn columns(command: &str) -> &'static [&'static str] {
    match command {
        "timeline" => &["date", "id", "title", "partners", "orgs", "treaties"],
        "partner" => &["id", "name", "kind", "relation"],
        "org" => &[
            "id", "acronym", "name", "kind", "roles", "joined", "chaired",
        ],
        _ => &[
            "id",
            "signed",
            "name",
            "kind",
            "kazakhstan",
            "parties",
            "orgs",
        ],
    }
}

fn check_listing(facts: Option<&str>, command: &str) {
    let records = json(facts, &[command]);
    let records = records.as_array().expect("a listing");
    for width in WIDTHS {
        let shown = screen(width, facts, &[command]);
        let what = format!("kzfp {command}");
        shown.assert_fits(&what);
        let wanted = columns(command);
        assert_whole(&shown, records, wanted, &what);
        let rows = shown.lines.len() as f64 / records.len() as f64;
        let most = if width >= 80 { 4.0 } else { 8.0 };
        assert!(
            rows <= most,
            "{what} at {width}: {rows:.1} screen rows a record (at most {most}):\n{}",
            shown.text()
        );
        // Each column left out is named, once, on stderr.
        let on_screen = shown_fields(&shown, wanted);
        for field in wanted.iter().filter(|f| !on_screen.contains(f)) {
            assert!(
                shown.stderr.contains("hidden") && shown.stderr.contains(field),
                "{what} at {width}: {field} is not shown and stderr does not say so: {:?}",
                shown.stderr
            );
        }
        if on_screen.len() == wanted.len() {
            assert!(!shown.stderr.contains("hidden"), "{}", shown.stderr);
        }
    }
}

fn check_detail(facts: Option<&str>, command: &str, id: &str) {
    let record = json(facts, &[command, id]);
    for width in WIDTHS {
        let shown = screen(width, facts, &[command, id]);
        let what = format!("kzfp {command} {id}");
        shown.assert_fits(&what);
        let tokens = shown.tokens();
        // The card's own atoms: id, kind, dates.
        for field in ["id", "kind", "date", "signed", "joined"] {
            for piece in pieces(&record[field]) {
                assert!(
                    piece.width() + 2 > usize::from(width) || stands_whole(&tokens, &piece),
                    "{what} at {width}: {field} '{piece}' is not whole:\n{}",
                    shown.text()
                );
            }
        }
        // The related records' ids (events' dates: an event id may be hidden).
        for (section, key) in [
            ("events", "date"),
            ("treaties", "id"),
            ("orgs", "id"),
            ("partners", "id"),
        ] {
            // A column the width hid is named in that table's note.
            if hidden(&shown.stderr, Some(section))
                .iter()
                .any(|f| f == key)
            {
                continue;
            }
            for related in record["related"][section].as_array().into_iter().flatten() {
                for piece in pieces(&related[key]) {
                    assert!(
                        piece.width() + 2 > usize::from(width) || stands_whole(&tokens, &piece),
                        "{what} at {width}: {section} {key} '{piece}' is not whole:\n{}",
                        shown.text()
                    );
                }
            }
        }
    }
}

/// The fields a table's note on stderr says are hidden (`table`: a detail
/// view's section, as in `events: 2 columns hidden (id, orgs): …`).
fn hidden(stderr: &str, table: Option<&str>) -> Vec<String> {
    let text = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = match table {
        Some(table) => format!("{table}: "),
        None => String::new(),
    };
    let Some(at) = text
        .match_indices(&lead)
        .map(|(at, _)| at)
        .find(|&at| text[at + lead.len()..].split(' ').nth(2) == Some("hidden"))
    else {
        return Vec::new();
    };
    let rest = &text[at + lead.len()..];
    let (Some(open), Some(close)) = (rest.find('('), rest.find(')')) else {
        return Vec::new();
    };
    rest[open + 1..close]
        .split(", ")
        .map(str::to_owned)
        .collect()
}

fn long() -> String {
    fixture("long.toml")
}

#[test]
fn every_listing_of_the_shipped_base_reads_at_every_width() {
    for command in ["timeline", "partner", "org", "treaty"] {
        check_listing(None, command);
    }
}

#[test]
fn every_listing_of_long_ids_and_text_reads_at_every_width() {
    let long = long();
    for command in ["timeline", "partner", "org", "treaty"] {
        check_listing(Some(&long), command);
    }
}

#[test]
fn detail_views_of_the_shipped_base_fit_and_keep_ids_whole() {
    check_detail(None, "partner", "russia");
    check_detail(None, "org", "un");
    check_detail(None, "treaty", "russia-friendship-1992");
}

#[test]
fn detail_views_of_long_ids_and_text_fit_and_keep_ids_whole() {
    let long = long();
    check_detail(
        Some(&long),
        "partner",
        "partner-with-a-rather-long-identifier-number-0",
    );
    check_detail(Some(&long), "org", "organisation-with-a-long-identifier-1");
    check_detail(
        Some(&long),
        "treaty",
        "treaty-on-long-term-good-neighbourliness-and-cooperation-2",
    );
}

#[test]
fn chosen_fields_are_all_shown_at_every_width() {
    let fields = ["id", "date", "title", "partners", "orgs", "treaties"];
    let list = fields.join(",");
    let records = json(None, &["timeline", "--fields", &list]);
    let records = records.as_array().expect("a listing");
    for width in WIDTHS {
        let shown = screen(width, None, &["timeline", "--fields", &list]);
        shown.assert_fits("kzfp timeline --fields");
        assert_eq!(
            shown_fields(&shown, &fields),
            fields,
            "at {width}:\n{}",
            shown.text()
        );
        assert!(!shown.stderr.contains("hidden"), "{}", shown.stderr);
        assert_whole(&shown, records, &fields, "kzfp timeline --fields");
    }
}

#[test]
fn turkish_tables_fit_too() {
    for args in [
        &["timeline", "--lang", "tr"][..],
        &["org", "--lang", "tr"],
        &["partner", "russia", "--lang", "tr"],
    ] {
        for width in WIDTHS {
            let shown = screen(width, None, args);
            shown.assert_fits(&format!("kzfp {}", args.join(" ")));
            assert!(shown.text().contains("KİMLİK") || shown.text().contains("TARİH"));
        }
    }
}

#[test]
fn the_readme_shows_the_table_at_80_columns() {
    let readme_path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "docs", "GUIDE.md"]
        .iter()
        .collect();
    let readme = std::fs::read_to_string(&readme_path).expect("docs/GUIDE.md");
    let (start, end) = ("<!-- terminal-80:start -->", "<!-- terminal-80:end -->");
    let (Some(from), Some(to)) = (readme.find(start), readme.find(end)) else {
        panic!("docs/GUIDE.md has no {start} … {end} block");
    };
    let shown = screen(80, None, &["treaty", "--partner", "china"]);
    let fresh = format!(
        "{start}\n```console\n$ kzfp treaty --partner china      # at 80 columns\n{}\n{}```\n",
        shown.text(),
        shown.stderr
    );
    if std::env::var_os("KZFP_UPDATE_DOCS").is_some() {
        let updated = format!("{}{fresh}{}", &readme[..from], &readme[to..]);
        std::fs::write(&readme_path, updated).expect("write docs/GUIDE.md");
        return;
    }
    assert!(
        readme[from..to] == fresh,
        "docs/GUIDE.md's 80-column capture is stale: refresh with KZFP_UPDATE_DOCS=1 cargo test --test terminal"
    );
}

/// Each filter of a listing, and the field it asks about: that column stays on
/// the screen at every width (issue 20, 1). `--tag` and `-s` test no column of
/// the table (MATCH says what -s matched).
const FILTERED: &[(&[&str], &str)] = &[
    (&["timeline", "--from", "1991", "--to", "1995"], "date"),
    (&["timeline", "--partner", "russia"], "partners"),
    (&["timeline", "--org", "sco"], "orgs"),
    (&["timeline", "--treaty", "npt"], "treaties"),
    (&["partner", "--kind", "state"], "kind"),
    (&["org", "--role", "chair"], "chaired"),
    (&["org", "--role", "founder"], "roles"),
    (&["org", "--kind", "un-organ"], "kind"),
    (&["org", "--from", "2000"], "joined"),
    (&["org", "--at", "2008"], "joined"),
    (&["treaty", "--partner", "china"], "parties"),
    (&["treaty", "--org", "sco"], "orgs"),
    (&["treaty", "--kind", "bilateral"], "kind"),
    (&["treaty", "--kazakhstan", "not-party"], "kazakhstan"),
    (&["treaty", "--from", "1990", "--to", "1999"], "signed"),
    (&["treaty", "--at", "2000"], "signed"),
];

#[test]
fn every_filter_of_a_listing_has_its_column_checked() {
    use clap::CommandFactory;
    let command = kzfp::cli::Cli::command();
    for listing in ["timeline", "partner", "org", "treaty"] {
        let sub = command.find_subcommand(listing).expect(listing);
        for arg in sub.get_arguments() {
            let (Some(long), Some("Filters")) = (arg.get_long(), arg.get_help_heading()) else {
                continue;
            };
            // A partner listing has no dated relation: --at asks about its card.
            if matches!(long, "search" | "tag" | "to") || (listing, long) == ("partner", "at") {
                continue;
            }
            let flag = format!("--{long}");
            assert!(
                FILTERED
                    .iter()
                    .any(|(args, _)| args[0] == listing && args.contains(&flag.as_str())),
                "kzfp {listing} {flag} has no case in FILTERED"
            );
        }
    }
}

#[test]
fn the_filtered_on_column_is_on_the_screen_at_every_width() {
    for (args, field) in FILTERED {
        for width in WIDTHS {
            let shown = screen(width, None, args);
            let what = format!("kzfp {}", args.join(" "));
            shown.assert_fits(&what);
            assert!(
                shown.tokens().contains(&field.to_uppercase()),
                "{what} at {width}: {} is not on the screen:\n{}\n{}",
                field.to_uppercase(),
                shown.text(),
                shown.stderr
            );
            assert!(!hidden(&shown.stderr, None).iter().any(|f| f == field));
        }
    }
}

#[test]
fn ids_yield_before_dates() {
    // At 60 columns the treaties with China keep SIGNED; their long ids go first.
    let shown = screen(60, None, &["treaty", "--partner", "china"]);
    assert!(shown.tokens().contains("SIGNED"), "{}", shown.text());
    assert!(
        hidden(&shown.stderr, None).contains(&"id".to_owned()),
        "{}",
        shown.stderr
    );
    // One interval does not widen SIGNED for every row: it wraps at its `/`.
    let signed = shown
        .lines
        .iter()
        .find(|l| l.starts_with("1994-04-26/"))
        .unwrap_or_else(|| panic!("no wrapped interval:\n{}", shown.text()));
    assert!(signed.len() < 60, "{signed}");
    let header = &shown.lines[0];
    // SIGNED is narrower than the whole interval (`1994-04-26/2002-05-10`).
    let whole = "1994-04-26/2002-05-10  ".len();
    assert!(header.find("NAME") < Some(whole), "{header}");
}

/// Runs `kzfp args --fields LIST` piped: it must succeed.
fn fields_accepted(args: &[&str], fields: &[String]) {
    let list = fields.join(",");
    let out = common::kzfp()
        .args(args)
        .args(["--fields", &list])
        .output()
        .expect("kzfp runs");
    assert!(
        out.status.success(),
        "kzfp {args:?} --fields {list}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_hidden_column_note_names_what_fields_takes_in_each_language() {
    for lang in ["en", "tr"] {
        for width in WIDTHS {
            for command in ["timeline", "org", "treaty"] {
                let shown = screen(width, None, &[command, "--lang", lang]);
                // Turkish case rules: no dotted i made of i and a combining dot.
                assert!(!shown.stderr.contains('\u{307}'), "{}", shown.stderr);
                let fields = hidden(&shown.stderr, None);
                if !fields.is_empty() {
                    fields_accepted(&[command], &fields);
                }
            }
            // A search's MATCH column is no field: the note does not offer it to --fields.
            let shown = screen(width, None, &["timeline", "-s", "nuclear", "--lang", lang]);
            let fields = hidden(&shown.stderr, None);
            assert!(!fields.contains(&"match".to_owned()), "{}", shown.stderr);
            if !fields.is_empty() {
                fields_accepted(&["timeline"], &fields);
            }
        }
    }
}

#[test]
fn a_detail_view_gives_one_note_per_table() {
    for width in [60, 80] {
        let shown = screen(width, None, &["partner", "russia"]);
        let notes: Vec<&str> = shown
            .stderr
            .lines()
            .filter(|l| l.contains(':') && !l.starts_with(' '))
            .filter_map(|l| l.split(':').next())
            .filter(|lead| ["events", "treaties", "orgs", "partners"].contains(lead))
            .collect();
        let mut unique = notes.clone();
        unique.dedup();
        assert_eq!(notes, unique, "{}", shown.stderr);
        assert!(!notes.is_empty(), "at {width}: no note:\n{}", shown.stderr);
        for (section, command) in [
            ("events", "timeline"),
            ("treaties", "treaty"),
            ("orgs", "org"),
        ] {
            // `periods` is the card's own column (a partner's periods in each org or
            // treaty), not a field of the kind: `--fields` of a listing has no such field.
            let fields: Vec<String> = hidden(&shown.stderr, Some(section))
                .into_iter()
                .filter(|f| f != "periods")
                .collect();
            if !fields.is_empty() {
                fields_accepted(&[command], &fields);
            }
        }
    }
}

#[test]
fn rows_with_an_empty_first_cell_are_told_apart() {
    let args = ["org", "--role", "host", "--fields", "acronym,name,chaired"];
    let records = json(None, &args);
    let count = records.as_array().expect("a listing").len();
    let without_acronym = records
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["acronym"].is_null())
        .count();
    assert!(
        without_acronym > 0,
        "the case needs an org without an acronym"
    );
    for width in WIDTHS {
        let shown = screen(width, None, &args);
        // A row starts where its first column has text: the header, then one a record.
        let starts = shown.lines.iter().filter(|l| !l.starts_with(' ')).count();
        assert_eq!(
            starts,
            count + 1,
            "at {width}: rows run together:\n{}",
            shown.text()
        );
    }
}

#[test]
fn columns_and_width_set_the_width_piped_and_on_a_terminal() {
    for width in WIDTHS {
        let on_screen = screen(width, None, &["treaty"]);
        let size = width.to_string();
        for (columns, flag) in [
            (Some(size.as_str()), None),
            (None, Some(size.as_str())),
            (Some("300"), Some(size.as_str())),
        ] {
            let mut cmd = common::kzfp();
            cmd.arg("treaty");
            if let Some(columns) = columns {
                cmd.env("COLUMNS", columns);
            }
            if let Some(flag) = flag {
                cmd.args(["--width", flag]);
            }
            let out = cmd.output().expect("kzfp runs");
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).expect("UTF-8");
            // Piped, the same table as on a terminal of that width (no color).
            assert_eq!(
                text.trim_end(),
                on_screen.text(),
                "COLUMNS={columns:?} --width {flag:?} at {width}"
            );
            assert_eq!(String::from_utf8_lossy(&out.stderr), on_screen.stderr);
        }
        // In a pane of 200 columns, --width and COLUMNS narrow the table.
        let narrowed = screen(200, None, &["treaty", "--width", &size]);
        narrowed.assert_fits("kzfp treaty --width");
        assert_eq!(narrowed.text(), on_screen.text());
    }
    // Piped without either: no width limit, as before (a line of every column).
    let piped = common::stdout(&["treaty"]);
    assert!(piped.lines().any(|l| l.width() > 200), "{piped}");
    assert!(!piped.contains(" - "), "no empty-cell marks when piped");
}
