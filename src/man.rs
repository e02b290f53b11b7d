//! Man pages, made from the clap definitions by clap_mangen: `kzfp man` prints
//! kzfp(1), `kzfp man timeline` kzfp-timeline(1), and so on; `man/` in the
//! repository holds them all. Each page has clap's sections (synopsis, options
//! under their headings, subcommands), then the examples of its help text and
//! what holds for every command: environment, exit status, files.

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::{self, Write};

/// The variables kzfp reads, and what for.
const ENVIRONMENT: [(&str, &str); 5] = [
    (
        "KZFP_FACTS",
        "The fact file to read when --facts is not given. Empty or unset: the facts built into kzfp.",
    ),
    (
        "NO_COLOR",
        "With --color auto (the default), a non-empty value turns color off.",
    ),
    (
        "CLICOLOR_FORCE",
        "With --color auto, a non-empty value other than 0 turns color on even when standard output is not a terminal; NO_COLOR wins over it.",
    ),
    (
        "COLUMNS",
        "The width a table fits, on a terminal or piped (--width wins over it). Piped without either, a table has no width limit.",
    ),
    (
        "COMPLETE",
        "Set by the completion scripts when they ask kzfp for candidates (see kzfp-completions(1)); not for use by hand.",
    ),
];

/// What each exit code means.
const EXIT_STATUS: [(&str, &str); 3] = [
    (
        "0",
        "Success, including an empty result; also when the reader of standard output goes away (kzfp timeline | head -1).",
    ),
    (
        "1",
        "The fact file cannot be read or is invalid; an unknown ID; check found problems; a --jq expression failed while it ran (its halt_error(N) exits N).",
    ),
    (
        "2",
        "A usage error: an unknown option or subcommand, a bad value (--from 1992-13, --limit 0, --format yaml), an unknown --fields or --sort field, a bad --jq expression, an option the command does not take.",
    ),
];

/// The files kzfp reads or comes with.
const FILES: [(&str, &str); 3] = [
    (
        "facts.toml",
        "The fact base built into kzfp when it was compiled (loaded and checked then): every command reads it unless --facts or KZFP_FACTS names another fact file of the same schema.",
    ),
    (
        "facts.schema.json",
        "In the source tree: the JSON Schema of a fact file, for editors (kzfp-schema(1) prints it).",
    ),
    (
        "man/, completions/",
        "In the source tree: these pages (man -l man/kzfp.1 reads one) and the completion scripts (kzfp-completions(1) prints them).",
    ),
];

/// The command lines: kzfp itself and every subcommand a user types, built
/// as clap builds them (a subcommand then knows the global options).
fn commands() -> Vec<clap::Command> {
    let mut main = crate::commands::command().disable_help_subcommand(true);
    main.build();
    let subcommands = main
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect::<Vec<_>>();
    std::iter::once(main).chain(subcommands).collect()
}

/// The names of the pages, `kzfp` first, then `kzfp-SUBCOMMAND` for each.
pub fn page_names() -> Vec<String> {
    commands().iter().map(page_name).collect()
}

fn page_name(command: &clap::Command) -> String {
    command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_owned()
}

/// Prints the page of `subcommand` (kzfp's own without one); `Err` with the
/// valid names when there is no such page.
pub fn print(subcommand: Option<&str>, out: &mut dyn Write) -> Result<(), ManError> {
    let wanted = subcommand.map_or_else(|| "kzfp".to_owned(), |s| format!("kzfp-{s}"));
    let commands = commands();
    let Some(command) = commands.iter().find(|c| page_name(c) == wanted) else {
        let names: Vec<String> = commands
            .iter()
            .skip(1)
            .map(|c| c.get_name().to_owned())
            .collect();
        return Err(ManError::NoPage(format!(
            "no man page for '{}'; pages: kzfp and {}",
            crate::text::escape_controls(subcommand.unwrap_or_default(), false),
            names.join(", ")
        )));
    };
    render(command, out).map_err(ManError::Io)
}

/// A page that does not exist, or output that could not be written.
#[derive(Debug)]
pub enum ManError {
    NoPage(String),
    Io(io::Error),
}

/// The page as groff reads it in any locale: every character past ASCII (`…`,
/// `ş`) written as its escape `\[u2026]`.
fn render(command: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let mut page = Vec::new();
    render_page(command, &mut page)?;
    let page = String::from_utf8_lossy(&page);
    let mut ascii = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            ascii.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out.write_all(ascii.as_bytes())
}

fn render_page(command: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let version = env!("CARGO_PKG_VERSION");
    let man = Man::new(command.clone())
        .source(format!("kzfp {version}"))
        .manual("kzfp manual");
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(out)?;
    }
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(out)?;
    }
    let mut roff = Roff::new();
    examples(&mut roff, command);
    listed(&mut roff, "ENVIRONMENT", &ENVIRONMENT);
    listed(&mut roff, "EXIT STATUS", &EXIT_STATUS);
    listed(&mut roff, "FILES", &FILES);
    see_also(&mut roff, command);
    roff.to_writer(out)
}

/// The `Examples:` of the help text: each command line in bold, its note
/// (after a gap of spaces) beneath it.
fn examples(roff: &mut Roff, command: &clap::Command) {
    let Some(help) = command.get_after_help().map(|h| h.to_string()) else {
        return;
    };
    let lines: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Examples:"))
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return;
    }
    roff.control("SH", ["EXAMPLES"]);
    for line in lines {
        match line.split_once("   ") {
            Some((example, note)) => {
                roff.control("TP", []);
                roff.text([bold(example.trim_end())]);
                roff.text([roman(note.trim())]);
            }
            None => {
                roff.control("PP", []);
                roff.text([bold(line)]);
            }
        }
    }
}

fn listed(roff: &mut Roff, heading: &str, items: &[(&str, &str)]) {
    roff.control("SH", [heading]);
    for (name, meaning) in items {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*meaning)]);
    }
}

/// kzfp(1) names its subcommands' pages already; a subcommand's page names kzfp(1).
fn see_also(roff: &mut Roff, command: &clap::Command) {
    let mut pages: Vec<String> = page_names()
        .into_iter()
        .filter(|name| *name != page_name(command))
        .map(|name| format!("{name}(1)"))
        .collect();
    pages.push("jq(1)".to_owned());
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(pages.join(", "))]);
}
