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
    let mut line = vec!["env -u KZFP_FACTS -u NO_COLOR -u CLICOLOR_FORCE".to_owned()];
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
                    tokens.contains(&piece),
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
                    piece.width() + 2 > usize::from(width) || tokens.contains(&piece),
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
            for related in record["related"][section].as_array().into_iter().flatten() {
                for piece in pieces(&related[key]) {
                    assert!(
                        piece.width() + 2 > usize::from(width) || tokens.contains(&piece),
                        "{what} at {width}: {section} {key} '{piece}' is not whole:\n{}",
                        shown.text()
                    );
                }
            }
        }
    }
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
