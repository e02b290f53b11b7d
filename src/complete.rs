//! Shell completion through clap_complete's environment protocol: the scripts
//! `kzfp completions SHELL` prints call back into kzfp (`COMPLETE=bash kzfp -- …`),
//! which answers with candidates from the active fact file. This module owns the
//! entry points and the value completers, which `command` attaches to cli's
//! arguments by their ids (cli.rs knows nothing of completion); `line` reads the
//! line being completed, `shells` speaks each shell's side of the protocol.

mod choices;
mod line;
mod shells;

use crate::cli::Shell;
use crate::facts::Kind;
use crate::record;
use crate::text::counted;
use clap::ValueEnum;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{CompleteEnv, Shells};
use line::{Line, LineShape, with_line};
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::Path;

/// The variable the registration scripts set when they ask for candidates.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// Answers a completion request and exits, when this run is one. A failure
/// exits 1 without a word: the shell shows no candidates, and nothing lands in
/// the user's prompt.
pub fn complete_if_asked() {
    if std::env::var_os(COMPLETE_VAR).is_none_or(|v| v.is_empty() || v == "0") {
        return;
    }
    let request = Line::from_process();
    if request.words.is_empty() {
        return print_registration();
    }
    request.install();
    let asked = CompleteEnv::with_factory(completing_command)
        .var(COMPLETE_VAR)
        .shells(shells::SHELLS)
        .try_complete(std::env::args_os(), std::env::current_dir().ok().as_deref());
    match asked {
        Ok(true) => std::process::exit(0),
        Ok(false) => {}
        Err(_) => std::process::exit(1),
    }
}

/// `COMPLETE=zsh kzfp`: the same script as `kzfp completions zsh`, then exit.
fn print_registration() {
    let name = std::env::var_os(COMPLETE_VAR).unwrap_or_default();
    let shell = Path::new(&name)
        .file_name()
        .map(|name| match name.to_string_lossy().as_ref() {
            "pwsh" | "powershell_ise" => "powershell".to_owned(),
            name => name.to_owned(),
        })
        .and_then(|name| Shell::from_str(&name, true).ok());
    let printed = shell.map(|shell| print_script(shell, &mut std::io::stdout().lock()));
    std::process::exit(if matches!(printed, Some(Ok(()))) {
        0
    } else {
        1
    });
}

/// Prints the registration script for `shell`, exactly as checked in under `completions/`.
pub fn print_script(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Elvish => "elvish",
        Shell::Powershell => "powershell",
    };
    let shells = Shells::builtins();
    let completer = shells
        .completer(name)
        .ok_or_else(|| std::io::Error::other(format!("no completer for {name}")))?;
    completer.write_registration(COMPLETE_VAR, "kzfp", "kzfp", "kzfp", out)?;
    if shell == Shell::Zsh {
        out.write_all(ZSH_AUTOLOAD_BRIDGE.as_bytes())?;
    }
    Ok(())
}

/// clap's zsh script registers its completer when it runs. Autoloaded from a
/// `$fpath` folder as `_kzfp`, it runs on the first TAB, which then completes
/// nothing; this line completes on that first run too, and does nothing when the
/// script is sourced (`funcstack` is empty then).
const ZSH_AUTOLOAD_BRIDGE: &str =
    "if [[ ${funcstack[1]-} == _kzfp ]]; then _clap_dynamic_completer_kzfp \"$@\"; fi\n";

/// Candidates for word `index` of `words` (`words[0]` is `kzfp`), with
/// `facts_env` standing for `KZFP_FACTS`: what the shells get, without the
/// process's arguments and environment, for tests and tools.
pub fn candidates(
    words: Vec<OsString>,
    index: usize,
    facts_env: Option<OsString>,
) -> std::io::Result<Vec<CompletionCandidate>> {
    let previous = Line::new(words.clone(), index, facts_env).install();
    let current_dir = std::env::current_dir().ok();
    let found = shells::answer(
        &mut completing_command(),
        words,
        index,
        current_dir.as_deref(),
    );
    Line::restore(previous);
    found
}

/// kzfp's command line, each argument whose values the fact base or the
/// schema gives with its completer.
fn completing_command() -> clap::Command {
    with_completers(crate::commands::command())
}

fn with_completers(command: clap::Command) -> clap::Command {
    let name = command.get_name().to_owned();
    command
        .mut_args(|arg| match completer(&name, arg.get_id().as_str()) {
            Some(complete) => arg.add(ArgValueCompleter::new(complete)),
            None => arg,
        })
        .mut_subcommands(with_completers)
}

/// What completes the values of argument `arg` of subcommand `command`.
fn completer(command: &str, arg: &str) -> Option<fn(&OsStr) -> Vec<CompletionCandidate>> {
    Some(match (command, arg) {
        (_, "format") => formats,
        (_, "fields") => field_list,
        (_, "sort") => sort_field,
        (_, "partner") | ("partner", "id") => partner_ids,
        (_, "org") | ("org", "id") => org_ids,
        (_, "treaty") | ("treaty", "id") => treaty_ids,
        (_, "tag") => tags,
        _ => return None,
    })
}

/// `kzfp partner <TAB>`, `--partner <TAB>`: partner ids with their English names.
pub fn partner_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    ids(Kind::Partner, current)
}

/// `kzfp org <TAB>`, `--org <TAB>`: organisation ids with their English names.
pub fn org_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    ids(Kind::Org, current)
}

/// `kzfp treaty <TAB>`, `--treaty <TAB>`: treaty ids with their English names.
pub fn treaty_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    ids(Kind::Treaty, current)
}

fn ids(kind: Kind, current: &OsStr) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy().to_ascii_lowercase();
    with_line(|line| {
        let Some(choices) = line.choices() else {
            return Vec::new();
        };
        choices
            .ids(kind)
            .iter()
            .filter(|(id, _)| id.starts_with(&prefix) && is_plain(id))
            .map(|(id, name)| candidate(id, Some(name)))
            .collect()
    })
}

/// `--format <TAB>`: the formats the subcommand prints, as the table of commands says
/// (a listing's before a subcommand is typed).
pub fn formats(current: &OsStr) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy();
    let def = with_line(|line| line.shape().def()).or(crate::commands::COMMANDS.first());
    let values = def.map_or_else(Vec::new, |def| (def.formats)());
    values
        .iter()
        .filter(|value| value.get_name().starts_with(prefix.as_ref()))
        .map(|value| {
            let help = value.get_help().map(ToString::to_string);
            candidate(value.get_name(), help.as_deref())
        })
        .collect()
}

/// `--tag <TAB>`: the tags the subcommand's records carry, with how many carry each.
pub fn tags(current: &OsStr) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy();
    with_line(|line| {
        let Some(kind) = line.shape().tag_kind() else {
            return Vec::new();
        };
        let Some(choices) = line.choices() else {
            return Vec::new();
        };
        choices
            .tags(kind)
            .iter()
            .filter(|(tag, _)| tag.starts_with(prefix.as_ref()) && is_plain(tag))
            .map(|(tag, count)| candidate(tag, Some(&records(kind, *count))))
            .collect()
    })
}

fn records(kind: Kind, count: usize) -> String {
    counted(count, kind.word(), kind.plural())
}

/// `--fields id,da<TAB>`: the subcommand's field names, after the last comma,
/// keeping what is before it and leaving out the fields already listed.
pub fn field_list(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let (chosen, partial) = match current.rfind(',') {
        Some(comma) => current.split_at(comma + 1),
        None => ("", current.as_ref()),
    };
    let listed: Vec<&str> = chosen.split(',').map(str::trim).collect();
    with_line(|line| field_names(&line.shape()))
        .into_iter()
        .filter(|name| name.starts_with(partial) && !listed.contains(name))
        .map(|name| candidate(&format!("{chosen}{name}"), None))
        .collect()
}

/// `--sort <TAB>`: the field names of the subcommand's listing.
pub fn sort_field(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let shape = with_line(|line| line.shape());
    let names = match shape.kind() {
        _ if shape.is_search() => crate::query::search::fields(),
        Some(kind) => record::fields(kind).to_vec(),
        None => return Vec::new(),
    };
    names
        .iter()
        .filter(|name| name.starts_with(current.as_ref()))
        .map(|name| candidate(name, None))
        .collect()
}

/// The fields `--fields` accepts on this line: the kind's, plus `related` on a
/// detail view; `kzfp search`'s own.
fn field_names(shape: &LineShape) -> Vec<&'static str> {
    if shape.is_search() {
        return crate::query::search::fields();
    }
    let Some(kind) = shape.kind() else {
        return Vec::new();
    };
    let mut names = record::fields(kind).to_vec();
    if shape.is_detail() {
        names.push("related");
    }
    names
}

fn candidate(value: &str, help: Option<&str>) -> CompletionCandidate {
    let help = help.map(|text| {
        crate::text::escape_controls(text, false)
            .into_owned()
            .into()
    });
    CompletionCandidate::new(value).help(help)
}

/// A value a shell can take as one word: no control characters, no spaces.
fn is_plain(value: &str) -> bool {
    !value.is_empty() && !value.chars().any(|c| c.is_control() || c.is_whitespace())
}
