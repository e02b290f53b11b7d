//! Shell completion through clap_complete's environment protocol: the scripts
//! `kzfp completions SHELL` prints call back into kzfp (`COMPLETE=bash kzfp -- …`),
//! which answers with candidates from the active fact file. This module owns the
//! value completers `cli` attaches to its arguments and the reading of the line
//! being completed (which subcommand, which `--facts`, whether an ID is given).

use crate::app;
use crate::cli::{Cli, Shell};
use crate::facts::{FactBase, Index, Kind};
use crate::record;
use clap::CommandFactory;
use clap::ValueEnum;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{CompleteEnv, Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};
use std::cell::RefCell;
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The variable the registration scripts set when they ask for candidates.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// The variable clap's bash, zsh and elvish scripts use for the cursor's word.
const INDEX_VAR: &str = "_CLAP_COMPLETE_INDEX";

/// The environment variable naming the fact file, as `cli` declares it.
const FACTS_VAR: &str = "KZFP_FACTS";

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
    LINE.with(|line| *line.borrow_mut() = Some(request));
    let asked = CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_VAR)
        .shells(SHELLS)
        .try_complete(std::env::args_os(), std::env::current_dir().ok().as_deref());
    match asked {
        Ok(true) => std::process::exit(0),
        Ok(false) => {}
        Err(_) => std::process::exit(1),
    }
}

/// clap's shells, with bash's words joined back where readline split them.
const SHELLS: Shells<'static> = Shells(&[&BashJoined, &Elvish, &Fish, &Powershell, &Zsh]);

/// clap's bash adapter, but readline breaks `--fields=id,da` into `--fields`,
/// `=`, `id,da`, which clap's engine reads as the value `=` and a stray word. This
/// one hands the engine `--fields id,da` and answers for the word bash replaces.
struct BashJoined;

impl EnvCompleter for BashJoined {
    fn name(&self) -> &'static str {
        clap_complete::env::Bash.name()
    }

    fn is(&self, name: &str) -> bool {
        clap_complete::env::Bash.is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        clap_complete::env::Bash.write_registration(var, name, bin, completer, buf)
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let index = std::env::var(INDEX_VAR)
            .ok()
            .and_then(|index| index.parse().ok())
            .unwrap_or_default();
        let separator = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".to_owned());
        let joined = join_equals(args, index);
        let found = clap_complete::engine::complete(cmd, joined.words, joined.index, current_dir)?;
        let values: Vec<String> = found
            .iter()
            .map(|c| format!("{}{}", joined.prefix, c.get_value().to_string_lossy()))
            .collect();
        write!(buf, "{}", values.join(&separator))
    }
}

/// bash's words with `OPTION`, `=`, `VALUE` made `OPTION`, `VALUE`.
#[derive(Debug, PartialEq)]
struct Joined {
    words: Vec<OsString>,
    index: usize,
    /// What the candidates need in front: `=` when the cursor is on the `=` itself.
    prefix: &'static str,
}

fn join_equals(words: Vec<OsString>, index: usize) -> Joined {
    let mut joined = Joined {
        words: Vec::with_capacity(words.len()),
        index,
        prefix: "",
    };
    let mut escaped = false;
    for (i, word) in words.into_iter().enumerate() {
        let after_option = joined.words.last().is_some_and(|previous: &OsString| {
            let previous = previous.to_string_lossy();
            previous.starts_with('-') && previous != "-" && previous != "--"
        });
        escaped |= word == "--" && i < index;
        if word == "=" && after_option && !escaped && i <= index {
            if i == index {
                joined.words.push(OsString::new());
                joined.prefix = "=";
            } else {
                joined.index = joined.index.saturating_sub(1);
            }
            continue;
        }
        if word == "=" && after_option && !escaped {
            continue;
        }
        joined.words.push(word);
    }
    joined
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
/// `facts_env` standing for `KZFP_FACTS`: the engine as the shell scripts reach
/// it, without the process environment, for tests and tools.
pub fn candidates(
    words: Vec<OsString>,
    index: usize,
    facts_env: Option<OsString>,
) -> std::io::Result<Vec<CompletionCandidate>> {
    let request = Line {
        words: words.clone(),
        index,
        facts_env,
        base: None,
    };
    let previous = LINE.with(|line| line.borrow_mut().replace(request));
    let current_dir = std::env::current_dir().ok();
    let found =
        clap_complete::engine::complete(&mut Cli::command(), words, index, current_dir.as_deref());
    LINE.with(|line| *line.borrow_mut() = previous);
    found
}

thread_local! {
    /// The line being completed, set once per request so the fact file loads once per TAB.
    static LINE: RefCell<Option<Line>> = const { RefCell::new(None) };
}

/// The words of the line being completed and what they imply.
struct Line {
    words: Vec<OsString>,
    /// The word under the cursor: never read as an option's value or an ID.
    index: usize,
    facts_env: Option<OsString>,
    /// The active fact file, loaded on first use: `Some(None)` when it is missing or broken.
    base: Option<Option<FactBase>>,
}

impl Line {
    /// The request as the registration scripts pass it: the words after `--`.
    fn from_process() -> Line {
        let words: Vec<OsString> = std::env::args_os()
            .skip_while(|word| word != "--")
            .skip(1)
            .collect();
        let index = std::env::var(INDEX_VAR)
            .ok()
            .and_then(|index| index.parse().ok())
            .unwrap_or(words.len().saturating_sub(1));
        Line {
            words,
            index,
            facts_env: std::env::var_os(FACTS_VAR),
            base: None,
        }
    }

    /// The words after `kzfp`, in order, the cursor's as `None`: it is being typed.
    fn typed(&self) -> impl Iterator<Item = Option<&OsStr>> {
        self.words
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, word)| (i != self.index).then_some(word.as_os_str()))
    }

    /// `--facts PATH`, `--facts=PATH`, `-f PATH`, `-fPATH` (the last one typed), else `KZFP_FACTS`.
    fn facts_path(&self) -> Option<PathBuf> {
        let shape = LineShape::read(self.typed());
        match shape.facts {
            Some(typed) => Some(typed_path(&typed)),
            None => self.facts_env.clone().map(PathBuf::from),
        }
    }

    /// The active fact file, loaded once per line; `None` when it cannot be read.
    fn base(&mut self) -> Option<&FactBase> {
        if self.base.is_none() {
            let source = app::source(self.facts_path());
            self.base = Some(app::load(&source).ok());
        }
        self.base.as_ref().and_then(Option::as_ref)
    }

    fn shape(&self) -> LineShape {
        LineShape::read(self.typed())
    }
}

/// A path as typed on the line: bash and zsh pass words with their quotes and
/// backslashes, and no shell has expanded a leading `~` yet.
fn typed_path(typed: &OsStr) -> PathBuf {
    let Some(text) = typed.to_str() else {
        return PathBuf::from(typed);
    };
    let text = unquote(text);
    match text.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|home| PathBuf::from(home).join(rest))
            .unwrap_or_else(|| PathBuf::from(&text)),
        None => PathBuf::from(text),
    }
}

/// Removes shell quoting: `'…'`, `"…"` (with `\"`, `\\`) and backslash escapes.
fn unquote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '\\') | (Some('"'), '\\') => out.extend(chars.next()),
            (_, c) => out.push(c),
        }
    }
    out
}

/// Runs `read` on the current line, made from the process when no request set one.
fn with_line<T>(read: impl FnOnce(&mut Line) -> T) -> T {
    LINE.with(|line| {
        let mut line = line.borrow_mut();
        read(line.get_or_insert_with(Line::from_process))
    })
}

/// What the typed words say: the subcommand, `--facts`, and whether an ID follows
/// the subcommand (a detail view, whose `--fields` include `related`).
#[derive(Debug, Default, PartialEq)]
struct LineShape {
    subcommand: Option<String>,
    facts: Option<OsString>,
    has_id: bool,
}

impl LineShape {
    fn read<'a>(words: impl Iterator<Item = Option<&'a OsStr>>) -> LineShape {
        let options = ValueOptions::new();
        let mut shape = LineShape::default();
        let mut words = words.peekable();
        let mut escaped = false;
        while let Some(word) = words.next() {
            let Some(word) = word else { continue };
            let text = word.to_string_lossy();
            if escaped || text == "-" || !text.starts_with('-') {
                shape.positional(&text);
                continue;
            }
            if text == "--" {
                escaped = true;
                continue;
            }
            let (name, inline) = split_option(&text);
            if !options.takes_value(name) {
                continue;
            }
            let value = match inline {
                Some(value) => Some(OsString::from(value)),
                None => {
                    // bash splits `--facts=PATH` into `--facts`, `=`, `PATH`.
                    if words
                        .peek()
                        .is_some_and(|next| *next == Some(OsStr::new("=")))
                    {
                        words.next();
                    }
                    words.next().flatten().map(OsStr::to_os_string)
                }
            };
            if let Some(value) = value.filter(|_| name == "--facts" || name == "-f") {
                shape.facts = Some(value);
            }
        }
        shape
    }

    fn positional(&mut self, word: &str) {
        if self.subcommand.is_none() {
            if SUBCOMMANDS.contains(&word) {
                self.subcommand = Some(word.to_owned());
            }
        } else {
            self.has_id = true;
        }
    }

    /// The kind of record the subcommand lists.
    fn kind(&self) -> Option<Kind> {
        match self.subcommand.as_deref()? {
            "timeline" => Some(Kind::Event),
            "partner" => Some(Kind::Partner),
            "org" => Some(Kind::Org),
            "treaty" => Some(Kind::Treaty),
            _ => None,
        }
    }

    /// A detail view: `partner`, `org` or `treaty` with an ID.
    fn is_detail(&self) -> bool {
        self.has_id && matches!(self.kind(), Some(Kind::Partner | Kind::Org | Kind::Treaty))
    }
}

const SUBCOMMANDS: &[&str] = &[
    "timeline",
    "partner",
    "org",
    "treaty",
    "check",
    "completions",
    "help",
];

/// `--name=value` → (`--name`, `value`); `-fPATH` / `-f=PATH` → (`-f`, `PATH`).
fn split_option(word: &str) -> (&str, Option<&str>) {
    if word.starts_with("--") {
        return match word.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (word, None),
        };
    }
    let split = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    let (name, rest) = word.split_at(split);
    match rest {
        "" => (name, None),
        rest => (name, Some(rest.strip_prefix('=').unwrap_or(rest))),
    }
}

/// The options (long and short) that take a value, from clap's own definition.
struct ValueOptions {
    names: Vec<String>,
}

impl ValueOptions {
    fn new() -> ValueOptions {
        let command = Cli::command();
        let mut names = Vec::new();
        let commands = std::iter::once(&command).chain(command.get_subcommands());
        for arg in commands.flat_map(|c| c.get_arguments()) {
            if arg.is_positional() || !arg.get_action().takes_values() {
                continue;
            }
            names.extend(arg.get_long().map(|long| format!("--{long}")));
            names.extend(arg.get_short().map(|short| format!("-{short}")));
        }
        ValueOptions { names }
    }

    fn takes_value(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }
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
        let Some(base) = line.base() else {
            return Vec::new();
        };
        (0..base.count(kind))
            .filter_map(|i| Index::try_from(i).ok())
            .filter_map(|index| {
                let id = base.str(base.meta(kind, index)?.id);
                let name = base.display_name(kind, index, false);
                (id.starts_with(&prefix) && is_plain(id)).then(|| candidate(id, Some(name)))
            })
            .collect()
    })
}

/// `--tag <TAB>`: the tags the subcommand's records carry, with how many carry each.
pub fn tags(current: &OsStr) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy();
    with_line(|line| {
        let Some(kind) = line.shape().kind() else {
            return Vec::new();
        };
        let Some(base) = line.base() else {
            return Vec::new();
        };
        let mut counts: Vec<(&str, usize)> = Vec::new();
        let all_tags = (0..base.count(kind))
            .filter_map(|i| Index::try_from(i).ok())
            .filter_map(|index| base.meta(kind, index))
            .flat_map(|meta| base.strs(&meta.tags));
        for tag in all_tags {
            match counts.iter_mut().find(|(t, _)| *t == tag) {
                Some((_, count)) => *count += 1,
                None => counts.push((tag, 1)),
            }
        }
        counts.sort_unstable();
        counts
            .into_iter()
            .filter(|(tag, _)| tag.starts_with(prefix.as_ref()) && is_plain(tag))
            .map(|(tag, count)| candidate(tag, Some(&records(kind, count))))
            .collect()
    })
}

fn records(kind: Kind, count: usize) -> String {
    let word = match (kind, count) {
        (Kind::Treaty, 1) => "treaty".to_owned(),
        (Kind::Treaty, _) => "treaties".to_owned(),
        (kind, 1) => kind.word().to_owned(),
        (kind, _) => format!("{}s", kind.word()),
    };
    format!("{count} {word}")
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
    let Some(kind) = shape.kind() else {
        return Vec::new();
    };
    record::fields(kind)
        .iter()
        .filter(|name| name.starts_with(current.as_ref()))
        .map(|name| candidate(name, None))
        .collect()
}

/// The fields `--fields` accepts on this line: the kind's, plus `related` on a detail view.
fn field_names(shape: &LineShape) -> Vec<&'static str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(line: &str) -> LineShape {
        LineShape::read(line.split(' ').map(|word| Some(OsStr::new(word))))
    }

    #[test]
    fn reads_the_facts_option_in_every_spelling() {
        for line in [
            "--facts a.toml partner",
            "--facts=a.toml partner",
            "-f a.toml partner",
            "-fa.toml partner",
            "-f=a.toml partner",
            "--facts = a.toml partner",
            "partner --lang tr -f a.toml",
        ] {
            let shape = shape(line);
            assert_eq!(shape.facts, Some(OsString::from("a.toml")), "{line}");
            assert_eq!(shape.subcommand.as_deref(), Some("partner"), "{line}");
            assert!(!shape.has_id, "{line}");
        }
    }

    #[test]
    fn an_id_after_the_subcommand_is_a_detail_view() {
        assert!(shape("partner --tag x russia").is_detail());
        assert!(!shape("partner --tag russia").is_detail());
        assert!(!shape("timeline --org un").is_detail());
        assert!(!shape("--format json partner").is_detail());
    }

    fn os(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn bash_words_split_at_equals_are_joined() {
        let words = os(&[
            "kzfp", "--facts", "=", "a.toml", "timeline", "--fields", "=", "id,da",
        ]);
        let joined = join_equals(words, 7);
        assert_eq!(
            joined.words,
            os(&["kzfp", "--facts", "a.toml", "timeline", "--fields", "id,da"])
        );
        assert_eq!((joined.index, joined.prefix), (5, ""));
        let joined = join_equals(os(&["kzfp", "org", "--sort", "="]), 3);
        assert_eq!(joined.words, os(&["kzfp", "org", "--sort", ""]));
        assert_eq!((joined.index, joined.prefix), (3, "="));
        let joined = join_equals(os(&["kzfp", "-s", "a=b", "="]), 3);
        assert_eq!(joined.words, os(&["kzfp", "-s", "a=b", "="]));
        let joined = join_equals(os(&["kzfp", "--", "-x", "=", ""]), 4);
        assert_eq!(joined.words, os(&["kzfp", "--", "-x", "=", ""]));
    }

    #[test]
    fn typed_paths_lose_their_quotes() {
        assert_eq!(unquote("'my dir/a.toml'"), "my dir/a.toml");
        assert_eq!(unquote("\"my dir\"/a.toml"), "my dir/a.toml");
        assert_eq!(unquote("my\\ dir/a.toml"), "my dir/a.toml");
        assert_eq!(unquote("plain.toml"), "plain.toml");
        assert_eq!(unquote("'unclosed"), "unclosed");
        assert_eq!(unquote("trailing\\"), "trailing");
    }

    #[test]
    fn splits_options_from_inline_values() {
        assert_eq!(
            split_option("--fields=id,name"),
            ("--fields", Some("id,name"))
        );
        assert_eq!(split_option("--json"), ("--json", None));
        assert_eq!(split_option("-fx.toml"), ("-f", Some("x.toml")));
        assert_eq!(split_option("-f"), ("-f", None));
    }
}
