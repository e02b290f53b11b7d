//! The line being completed, as the shell passed it: which subcommand, which
//! `--facts` (else `KZFP_FACTS`), whether an ID follows the subcommand, and what
//! the active fact file offers, read at most once per TAB.

use super::choices::{self, Choices};
use crate::commands::{CommandDef, Lists};
use crate::facts::{Kind, Source};
use std::cell::RefCell;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// The variable clap's bash, zsh and elvish scripts use for the cursor's word.
pub(super) const INDEX_VAR: &str = "_CLAP_COMPLETE_INDEX";

/// The environment variable naming the fact file, as `cli` declares it.
const FACTS_VAR: &str = "KZFP_FACTS";

thread_local! {
    /// The line being completed, set once per request so the fact file loads once per TAB.
    static LINE: RefCell<Option<Line>> = const { RefCell::new(None) };
}

/// The words of the line being completed and what they imply.
pub(super) struct Line {
    pub(super) words: Vec<OsString>,
    /// The word under the cursor: never read as an option's value or an ID.
    index: usize,
    facts_env: Option<OsString>,
    /// What the active fact file offers, read on first use: `Some(None)` when
    /// the file is missing or broken.
    choices: Option<Option<Choices>>,
}

impl Line {
    pub(super) fn new(words: Vec<OsString>, index: usize, facts_env: Option<OsString>) -> Line {
        Line {
            words,
            index,
            facts_env,
            choices: None,
        }
    }

    /// The request as the registration scripts pass it: the words after `--`.
    pub(super) fn from_process() -> Line {
        let words: Vec<OsString> = std::env::args_os()
            .skip_while(|word| word != "--")
            .skip(1)
            .collect();
        let index = index_from_env().unwrap_or(words.len().saturating_sub(1));
        Line::new(words, index, std::env::var_os(FACTS_VAR))
    }

    /// Makes this the line the completers read, until `restore` puts back the one before.
    pub(super) fn install(self) -> Option<Line> {
        LINE.with(|line| line.borrow_mut().replace(self))
    }

    pub(super) fn restore(previous: Option<Line>) {
        LINE.with(|line| *line.borrow_mut() = previous);
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
        match self.shape().facts {
            Some(typed) => Some(typed_path(&typed)),
            None => self.facts_env.clone().map(PathBuf::from),
        }
    }

    /// What the active fact file offers, read once per line (from the cache
    /// when it is current); `None` when the file cannot be read, or is not a
    /// regular file: stdin (`-f -`), a FIFO or a device would be read from the
    /// terminal or block the prompt, and a second read of a pipe would find it
    /// empty. Then nothing is offered.
    pub(super) fn choices(&mut self) -> Option<&Choices> {
        if self.choices.is_none() {
            let source = Source::new(self.facts_path());
            let readable = match &source {
                Source::Embedded => true,
                Source::File(path) => {
                    path.as_os_str() != "-" && std::fs::metadata(path).is_ok_and(|m| m.is_file())
                }
            };
            self.choices = Some(readable.then(|| choices::of_source(&source)).flatten());
        }
        self.choices.as_ref().and_then(Option::as_ref)
    }

    pub(super) fn shape(&self) -> LineShape {
        LineShape::read(self.typed())
    }
}

/// The cursor's word as clap's bash, zsh and elvish scripts give it.
pub(super) fn index_from_env() -> Option<usize> {
    std::env::var(INDEX_VAR).ok()?.parse().ok()
}

/// Runs `read` on the current line, made from the process when no request set one.
pub(super) fn with_line<T>(read: impl FnOnce(&mut Line) -> T) -> T {
    LINE.with(|line| {
        let mut line = line.borrow_mut();
        read(line.get_or_insert_with(Line::from_process))
    })
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

/// What the typed words say: the subcommand, `--facts`, and whether an ID follows
/// the subcommand (a detail view, whose `--fields` include `related`).
#[derive(Debug, Default, PartialEq)]
pub(super) struct LineShape {
    subcommand: Option<String>,
    facts: Option<OsString>,
    has_id: bool,
}

impl LineShape {
    fn read<'a>(words: impl Iterator<Item = Option<&'a OsStr>>) -> LineShape {
        let grammar = Grammar::new();
        let mut shape = LineShape::default();
        let mut words = words.peekable();
        let mut escaped = false;
        while let Some(word) = words.next() {
            let Some(word) = word else { continue };
            let text = word.to_string_lossy();
            if escaped || text == "-" || !text.starts_with('-') {
                shape.positional(&text, &grammar);
                continue;
            }
            if text == "--" {
                escaped = true;
                continue;
            }
            let (name, inline) = split_option(&text);
            if !grammar.takes_value(name) {
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

    fn positional(&mut self, word: &str, grammar: &Grammar) {
        if self.subcommand.is_none() {
            if grammar.is_subcommand(word) {
                self.subcommand = Some(word.to_owned());
            }
        } else {
            self.has_id = true;
        }
    }

    /// The subcommand typed, as the table of commands has it.
    pub(super) fn def(&self) -> Option<&'static CommandDef> {
        crate::commands::named(self.subcommand.as_deref()?)
    }

    /// The kind of record the subcommand lists.
    pub(super) fn kind(&self) -> Option<Kind> {
        self.def()?.kind()
    }

    /// The kind whose tags `--tag` takes: graph's narrows its events.
    pub(super) fn tag_kind(&self) -> Option<Kind> {
        self.def()?.tags
    }

    /// `kzfp search`: records of every kind, with the fields of all of them.
    pub(super) fn is_search(&self) -> bool {
        self.def().is_some_and(|def| def.lists == Lists::Every)
    }

    /// A detail view: `partner`, `org` or `treaty` with an ID.
    pub(super) fn is_detail(&self) -> bool {
        self.has_id && matches!(self.kind(), Some(Kind::Partner | Kind::Org | Kind::Treaty))
    }
}

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

/// From clap's own definition: the subcommands, and the options (long and
/// short) that take a value.
struct Grammar {
    subcommands: Vec<String>,
    value_options: Vec<String>,
}

impl Grammar {
    fn new() -> Grammar {
        let command = crate::commands::command();
        let subcommands = command
            .get_subcommands()
            .map(|sub| sub.get_name().to_owned())
            .collect();
        let mut value_options = Vec::new();
        let commands = std::iter::once(&command).chain(command.get_subcommands());
        for arg in commands.flat_map(|c| c.get_arguments()) {
            if arg.is_positional() || !arg.get_action().takes_values() {
                continue;
            }
            value_options.extend(arg.get_long().map(|long| format!("--{long}")));
            value_options.extend(arg.get_short().map(|short| format!("-{short}")));
        }
        Grammar {
            subcommands,
            value_options,
        }
    }

    fn takes_value(&self, name: &str) -> bool {
        self.value_options.iter().any(|n| n == name)
    }

    fn is_subcommand(&self, word: &str) -> bool {
        self.subcommands.iter().any(|n| n == word)
    }
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

    #[test]
    fn the_cursors_word_is_neither_a_value_nor_an_id() {
        let line = Line::new(
            ["kzfp", "--fields", "i", "timeline"]
                .iter()
                .map(OsString::from)
                .collect(),
            2,
            None,
        );
        assert_eq!(line.shape().kind(), Some(Kind::Event));
        let line = Line::new(
            ["kzfp", "partner", "ru"]
                .iter()
                .map(OsString::from)
                .collect(),
            2,
            None,
        );
        assert!(!line.shape().is_detail());
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
