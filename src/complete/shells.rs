//! kzfp's side of clap_complete's environment protocol, one adapter per shell:
//! clap's registration scripts as they are, and answers written in clap's
//! formats, with two changes. bash's `--option=VALUE`, which readline splits in
//! three words, is joined back before the engine reads it; and on an empty word
//! the options wait until a `-` is typed when there are values to offer.

use super::line::index_from_env;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{self, EnvCompleter, Shells};
use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

/// clap's engine, then the options left out on an empty word when there are
/// values to offer: `kzfp partner <TAB>` lists ids, `kzfp partner -<TAB>` options,
/// as git's and fish's own completions do.
pub(super) fn answer(
    command: &mut clap::Command,
    words: Vec<OsString>,
    index: usize,
    current_dir: Option<&Path>,
) -> std::io::Result<Vec<CompletionCandidate>> {
    let typing = words.get(index).is_some_and(|word| !word.is_empty());
    let mut found = clap_complete::engine::complete(command, words, index, current_dir)?;
    let is_option = |c: &CompletionCandidate| c.get_value().to_string_lossy().starts_with('-');
    if !typing && !found.iter().all(is_option) {
        found.retain(|c| !is_option(c));
    }
    Ok(found)
}

/// The shells kzfp answers, in clap's order.
pub(super) const SHELLS: Shells<'static> = Shells(&[
    &Adapter::Bash,
    &Adapter::Elvish,
    &Adapter::Fish,
    &Adapter::Powershell,
    &Adapter::Zsh,
]);

/// The separator clap's bash, zsh and elvish scripts ask for.
const IFS_VAR: &str = "_CLAP_IFS";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Adapter {
    Bash,
    Elvish,
    Fish,
    Powershell,
    Zsh,
}

impl Adapter {
    fn clap(self) -> &'static dyn EnvCompleter {
        match self {
            Adapter::Bash => &env::Bash,
            Adapter::Elvish => &env::Elvish,
            Adapter::Fish => &env::Fish,
            Adapter::Powershell => &env::Powershell,
            Adapter::Zsh => &env::Zsh,
        }
    }

    /// The answer, in the format clap's script for this shell reads.
    fn write(self, found: &[CompletionCandidate], prefix: &str) -> String {
        let separator = std::env::var(IFS_VAR).unwrap_or_else(|_| "\n".to_owned());
        let value =
            |c: &CompletionCandidate| format!("{prefix}{}", c.get_value().to_string_lossy());
        let help = |c: &CompletionCandidate| {
            c.get_help().map(|help| {
                help.to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
        };
        match self {
            Adapter::Bash | Adapter::Elvish => {
                found.iter().map(value).collect::<Vec<_>>().join(&separator)
            }
            Adapter::Zsh => found
                .iter()
                .map(|c| {
                    let value = value(c).replace('\\', "\\\\").replace(':', "\\:");
                    match help(c) {
                        Some(help) => format!("{value}:{}", help.replace('\\', "\\\\")),
                        None => value,
                    }
                })
                .collect::<Vec<_>>()
                .join(&separator),
            Adapter::Fish | Adapter::Powershell => found
                .iter()
                .map(|c| match help(c) {
                    Some(help) => format!("{}\t{help}\n", value(c)),
                    None => format!("{}\n", value(c)),
                })
                .collect(),
        }
    }
}

impl EnvCompleter for Adapter {
    fn name(&self) -> &'static str {
        self.clap().name()
    }

    fn is(&self, name: &str) -> bool {
        self.clap().is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        self.clap()
            .write_registration(var, name, bin, completer, buf)
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        mut args: Vec<OsString>,
        current_dir: Option<&Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut index = match self {
            // fish and PowerShell pass the words up to the cursor.
            Adapter::Fish | Adapter::Powershell => args.len().saturating_sub(1),
            _ => index_from_env().unwrap_or_default(),
        };
        // zsh leaves out an empty word under the cursor.
        if *self == Adapter::Zsh && args.len() == index {
            args.push(OsString::new());
        }
        let mut prefix = "";
        if *self == Adapter::Bash {
            let joined = join_equals(args, index);
            (args, index, prefix) = (joined.words, joined.index, joined.prefix);
        }
        let found = answer(cmd, args, index, current_dir)?;
        buf.write_all(self.write(&found, prefix).as_bytes())
    }
}

/// bash's words with `OPTION`, `=`, `VALUE` made `OPTION`, `VALUE`.
#[derive(Debug, PartialEq)]
struct Joined {
    words: Vec<OsString>,
    index: usize,
    /// What the candidates need in front: `=` when the cursor is on the `=` itself,
    /// which is the word bash replaces.
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
        if word != "=" || !after_option || escaped {
            joined.words.push(word);
            continue;
        }
        if i == index {
            joined.words.push(OsString::new());
            joined.prefix = "=";
        } else if i < index {
            joined.index = joined.index.saturating_sub(1);
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let joined = join_equals(os(&["kzfp", "org", "", "--facts", "=", "a"]), 2);
        assert_eq!(joined.words, os(&["kzfp", "org", "", "--facts", "a"]));
        assert_eq!(joined.index, 2);
    }

    #[test]
    fn answers_in_each_shells_format() {
        let found = [
            CompletionCandidate::new("a:b").help(Some("Name\nmore".into())),
            CompletionCandidate::new("c"),
        ];
        assert_eq!(Adapter::Fish.write(&found, ""), "a:b\tName\nc\n");
        assert_eq!(Adapter::Zsh.write(&found, ""), "a\\:b:Name\nc");
        assert_eq!(Adapter::Bash.write(&found, "="), "=a:b\n=c");
    }
}
