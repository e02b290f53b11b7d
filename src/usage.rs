//! Usage errors as people should read them: clap's message with what it echoes
//! made safe (controls escaped, a long argument cut), and the corrected command
//! line when an option of a subcommand was put before the subcommand.

use crate::text::{escape_controls, shorten};
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Arguments longer than this are cut in the message (see `text::shorten`).
const LONG_ARG: usize = 80;

/// Prints clap's error (help and version included) the way it should be read;
/// the error of a failed write to stdout (help, version). A failed write to
/// stderr is remembered by `crate::stderr`.
pub fn print(error: &clap::Error) -> std::io::Result<()> {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if let Some(message) = misplaced_option(error, &args)
        .or_else(|| jq_option(error, &args))
        .or_else(|| unexpected_words(error, &args))
    {
        crate::stderr_line!("error: {message}");
        return Ok(());
    }
    let needs_care = args
        .iter()
        .any(|a| a.chars().count() > LONG_ARG || a.chars().any(|c| c.is_control() && c != '\n'));
    if !(error.use_stderr() && needs_care) {
        return match error.print() {
            Err(_) if error.use_stderr() => {
                crate::stderr::failed_now();
                Ok(())
            }
            printed => printed,
        };
    }
    // Rendered again without styles, so nothing but the echoed text changes.
    let mut text = crate::commands::command()
        .styles(clap::builder::Styles::plain())
        .try_get_matches()
        .err()
        .map_or_else(
            || error.render().to_string(),
            |e| e.render().ansi().to_string(),
        );
    for arg in args.iter().filter(|a| a.chars().count() > LONG_ARG) {
        text = text.replace(arg.as_str(), &shorten(arg));
    }
    crate::stderr::write(format_args!("{}", escape_controls(&text, true)));
    Ok(())
}

/// `kzfp --from 1991 timeline`: the option belongs to a subcommand, so say which
/// and give the line with the option moved after it.
fn misplaced_option(error: &clap::Error, args: &[String]) -> Option<String> {
    if error.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(given)) = error.get(ContextKind::InvalidArg) else {
        return None;
    };
    let flag = given.split('=').next()?.to_owned();
    let command = crate::commands::command();
    let owners: Vec<&clap::Command> = command
        .get_subcommands()
        .filter(|sc| sc.get_arguments().any(|a| names(a).contains(&flag)))
        .collect();
    let at = args.iter().position(|a| a == given)?;
    let typed = args
        .iter()
        .skip(at + 1)
        .find_map(|a| owners.iter().find(|sc| sc.get_name() == a));
    let Some(owner) = typed else {
        let listed: Vec<String> = owners
            .iter()
            .map(|sc| format!("`kzfp {}`", sc.get_name()))
            .collect();
        return (!listed.is_empty()).then(|| {
            format!(
                "{} is an option of {}; give it after the subcommand",
                shorten(&flag),
                listed.join(", ")
            )
        });
    };
    let arg = owner.get_arguments().find(|a| names(a).contains(&flag))?;
    let takes_value = arg.get_action().takes_values() && !given.contains('=');
    let moved = if takes_value { 2 } else { 1 };
    let option: Vec<&String> = args.iter().skip(at).take(moved).collect();
    let mut line: Vec<&String> = Vec::new();
    for (i, a) in args.iter().enumerate().skip(1) {
        if (at..at + moved).contains(&i) {
            continue;
        }
        line.push(a);
        if a == owner.get_name() {
            line.extend(option.iter().copied());
        }
    }
    let line: Vec<String> = line.iter().map(|a| shell_word(a)).collect();
    Some(format!(
        "{} is an option of `kzfp {}`: give it after the subcommand\n\n  kzfp {}",
        shorten(&flag),
        owner.get_name(),
        line.join(" ")
    ))
}

/// `kzfp … --jq EXPR -r`: a jq option given to kzfp. Say what `--jq` prints
/// instead, and how to get what the option would.
fn jq_option(error: &clap::Error, args: &[String]) -> Option<String> {
    if error.kind() != ErrorKind::UnknownArgument
        || !args.iter().any(|a| a == "--jq" || a.starts_with("--jq="))
    {
        return None;
    }
    let Some(ContextValue::String(given)) = error.get(ContextKind::InvalidArg) else {
        return None;
    };
    let instead = match given.as_str() {
        "-r" | "--raw-output" => "leave it out",
        "-j" | "--join-output" => "join the results in the expression (`[…] | join(\"\")`)",
        "-c" | "--compact-output" => "end the expression with `| tojson` for compact JSON",
        _ => return None,
    };
    Some(format!(
        "{given} is an option of jq, not of kzfp: --jq already prints as `jq -r` does \
         (each result on its own line, strings raw, other values as pretty JSON); {instead}"
    ))
}

/// A word clap did not expect that reads as what it is not: the second word of
/// `-s russia turkey` (quote the words), a date given to `kzfp timeline` as if
/// it were an ID (`--from`).
fn unexpected_words(error: &clap::Error, args: &[String]) -> Option<String> {
    if error.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(given)) = error.get(ContextKind::InvalidArg) else {
        return None;
    };
    let at = args.iter().position(|a| a == given)?;
    let quoted = crate::text::quote_arg(given);
    let shown = shell_word(given);
    // The option whose value the words before `given` are: `-s russia`.
    let option = (1..at)
        .rev()
        .find(|&i| args.get(i).is_some_and(|a| a.starts_with('-')));
    if let Some(option) = option.filter(|&i| i + 1 < at) {
        let flag = args.get(option).map_or("", String::as_str);
        if flag == "-s" || flag == "--search" {
            let words: Vec<&str> = args
                .iter()
                .skip(option + 1)
                .take_while(|a| !a.starts_with('-'))
                .map(String::as_str)
                .collect();
            let before = args.iter().skip(1).take(option).map(|a| shell_word(a));
            let after = args.iter().skip(option + 1 + words.len());
            let line: Vec<String> = before
                .chain(std::iter::once(shell_word(&words.join(" "))))
                .chain(after.map(|a| shell_word(a)))
                .collect();
            return Some(format!(
                "unexpected argument {quoted}: {flag} takes one TEXT; to search for several \
                 words, quote them\n\n  kzfp {}",
                line.join(" ")
            ));
        }
    }
    let timeline = args.iter().any(|a| a == "timeline");
    if timeline && crate::facts::date::parse_single(given).is_ok() {
        return Some(format!(
            "unexpected argument {quoted}: kzfp timeline takes no ID; for the events of {shown}, \
             filter by date\n\n  kzfp timeline --from {shown} --to {shown}"
        ));
    }
    None
}

/// `-from`: a long option typed with one dash reads as the short option `-f`
/// and the value `rom`, which then fails far from the mistake (no fact file
/// `rom`). Said before parsing, as a usage error.
pub fn single_dash_long() -> Option<String> {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    // Only a dash and two characters or more can be one; most command lines have
    // none, and need not build the command tree twice (half of an embedded
    // query's parsing).
    let single_dash_word = |a: &String| {
        a.strip_prefix('-')
            .is_some_and(|w| !w.starts_with('-') && w.chars().count() >= 2)
    };
    if !args.iter().skip(1).any(single_dash_word) {
        return None;
    }
    let command = crate::commands::command();
    let commands: Vec<&clap::Command> = std::iter::once(&command)
        .chain(command.get_subcommands())
        .collect();
    let arg_named = |name: &str| {
        commands
            .iter()
            .flat_map(|c| c.get_arguments())
            .find(|a| names(a).iter().any(|n| n == name))
    };
    let mut takes_value = false;
    for arg in args.iter().skip(1) {
        if arg == "--" {
            return None;
        }
        let after_value = std::mem::take(&mut takes_value);
        let Some(word) = arg.strip_prefix('-').filter(|w| !w.starts_with('-')) else {
            takes_value = arg.starts_with("--")
                && !arg.contains('=')
                && arg_named(arg).is_some_and(|a| a.get_action().takes_values());
            continue;
        };
        if after_value || word.chars().count() < 2 {
            takes_value =
                !after_value && arg_named(arg).is_some_and(|a| a.get_action().takes_values());
            continue;
        }
        let long = format!("--{}", word.split('=').next().unwrap_or(word));
        if arg_named(&long).is_some_and(|a| a.get_long().is_some()) {
            let mut chars = word.chars();
            let short = chars.next().map(|c| format!("-{c}")).unwrap_or_default();
            let rest: String = chars.collect();
            let misread = match arg_named(&short) {
                Some(_) => format!(" (with one, it reads as {short} {})", shell_word(&rest)),
                None => String::new(),
            };
            return Some(format!(
                "{}: a long option takes two dashes, {}{misread}",
                shorten(arg),
                shorten(&format!("-{arg}"))
            ));
        }
    }
    None
}

/// An argument's spellings: `--long` and `-s`.
fn names(arg: &clap::Arg) -> Vec<String> {
    let long = arg.get_long().map(|l| format!("--{l}"));
    let short = arg.get_short().map(|s| format!("-{s}"));
    long.into_iter().chain(short).collect()
}

/// An argument as it would be typed again: quoted when the shell would split it.
fn shell_word(arg: &str) -> String {
    let plain = arg
        .chars()
        .all(|c| c.is_alphanumeric() || "-_./:,=@%+".contains(c));
    if plain && !arg.is_empty() {
        shorten(arg)
    } else {
        format!("'{}'", shorten(&arg.replace('\'', r"'\''")))
    }
}

/// A mistake on the command line that clap cannot see (a field name): exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}
