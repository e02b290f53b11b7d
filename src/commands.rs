//! The table of commands: each subcommand's name, the records it lists, the
//! formats it prints, the output options it takes and how it searches, said
//! once (as ripgrep's `flags/defs.rs` says its flags). The argument checks
//! (`app`), the help and the `-s` option (`command`), completion and the errors
//! read it; `cli` holds clap's structs and nothing of this.

use crate::cli::{Cli, FILTERS, OutputOption};
use crate::facts::Kind;
use crate::render::Format;
use crate::render::graph::GraphFormat;
use crate::render::problems::CheckFormat;
use crate::render::schema::SchemaFormat;
use clap::builder::PossibleValue;
use clap::{CommandFactory, FromArgMatches, ValueEnum};

/// One subcommand, as the rest of kzfp knows it.
#[derive(Debug)]
pub struct CommandDef {
    pub name: &'static str,
    /// The records it lists.
    pub lists: Lists,
    /// The kind whose tags `--tag` takes.
    pub tags: Option<Kind>,
    /// What `--format` takes, the default first; none for a command with one output.
    pub formats: fn() -> Vec<PossibleValue>,
    /// The output options it takes; the others are refused, saying `prints`.
    pub takes: &'static [OutputOption],
    /// What it prints, said when it refuses an output option.
    pub prints: &'static str,
    pub search: Searches,
}

/// The records a command lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lists {
    /// One kind, as `records` (`-s`'s help: "Only organisations whose text…").
    One { kind: Kind, records: &'static str },
    /// Every kind (`kzfp search`).
    Every,
    /// None: the command prints something else.
    Nothing,
}

/// How a command searches the records' text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Searches {
    /// It does not.
    No,
    /// With `-s/--search`, which this table adds to it.
    Flag,
    /// Its words are the search (`kzfp search TEXT…`).
    Words,
}

/// The output options a command that prints JSON and nothing to shape takes.
const JSON_ONLY: &[OutputOption] = &[OutputOption::Format, OutputOption::Json, OutputOption::Jq];

/// A listing of one kind.
const fn listing(name: &'static str, kind: Kind, records: &'static str) -> CommandDef {
    CommandDef {
        name,
        lists: Lists::One { kind, records },
        tags: Some(kind),
        formats: values::<Format>,
        takes: OutputOption::ALL,
        prints: "",
        search: Searches::Flag,
    }
}

/// Every subcommand, in the order of the help.
pub const COMMANDS: &[CommandDef] = &[
    listing("timeline", Kind::Event, "events"),
    listing("partner", Kind::Partner, "partners"),
    listing("org", Kind::Org, "organisations"),
    listing("treaty", Kind::Treaty, "treaties"),
    CommandDef {
        name: "search",
        lists: Lists::Every,
        tags: None,
        formats: values::<Format>,
        takes: OutputOption::ALL,
        prints: "",
        search: Searches::Words,
    },
    CommandDef {
        name: "graph",
        lists: Lists::Nothing,
        tags: Some(Kind::Event),
        formats: values::<GraphFormat>,
        takes: &[
            OutputOption::Format,
            OutputOption::Json,
            OutputOption::Jq,
            OutputOption::Lang,
        ],
        prints: "it draws every node and edge within reach, in no color of the terminal's",
        search: Searches::No,
    },
    CommandDef {
        name: "check",
        lists: Lists::Nothing,
        tags: None,
        formats: values::<CheckFormat>,
        takes: JSON_ONLY,
        prints: "it prints the problems it finds",
        search: Searches::No,
    },
    CommandDef {
        name: "schema",
        lists: Lists::Nothing,
        tags: None,
        formats: values::<SchemaFormat>,
        takes: JSON_ONLY,
        prints: "it prints the schema",
        search: Searches::No,
    },
    CommandDef {
        name: "completions",
        lists: Lists::Nothing,
        tags: None,
        formats: Vec::new,
        takes: &[],
        prints: "it prints a shell script",
        search: Searches::No,
    },
    CommandDef {
        name: "man",
        lists: Lists::Nothing,
        tags: None,
        formats: Vec::new,
        takes: &[],
        prints: "it prints a man page",
        search: Searches::No,
    },
];

/// The command named `name`.
pub fn named(name: &str) -> Option<&'static CommandDef> {
    COMMANDS.iter().find(|def| def.name == name)
}

impl CommandDef {
    /// The kind of record it lists, when one.
    pub fn kind(&self) -> Option<Kind> {
        match self.lists {
            Lists::One { kind, .. } => Some(kind),
            Lists::Every | Lists::Nothing => None,
        }
    }

    /// The format names `--format` takes.
    pub fn format_names(&self) -> Vec<String> {
        (self.formats)()
            .iter()
            .map(|value| value.get_name().to_owned())
            .collect()
    }
}

fn values<F: ValueEnum>() -> Vec<PossibleValue> {
    F::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value)
        .collect()
}

/// A parsed command line, with its command's entry and its search words.
#[derive(Debug)]
pub struct Parsed {
    pub cli: Cli,
    pub def: &'static CommandDef,
    /// `-s`'s values, or `kzfp search`'s words.
    pub search: Vec<String>,
}

/// Parses the process's arguments by `command()`.
pub fn parse() -> Result<Parsed, clap::Error> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // A line runs one command: only the commands it names get their own copies of
    // the options (the rest stay as clap built them, unseen), a tenth of an
    // embedded query's instructions. A line that names none (`kzfp --help`, a
    // misspelt command) gets every command whole.
    let on_line = |name: &str| args.iter().skip(1).any(|arg| arg == name);
    let names_one = COMMANDS.iter().any(|def| on_line(def.name));
    let mut command = command_for(&|name| !names_one || on_line(name));
    let mut matches = command.try_get_matches_from_mut(args)?;
    // A process's command line is parsed once: freeing clap's tree of every
    // command and argument, a tenth of an embedded query's instructions, can wait
    // for the exit.
    std::mem::forget(command);
    let (name, sub) = matches
        .subcommand()
        .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::MissingSubcommand))?;
    let def =
        named(name).ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidSubcommand))?;
    let search = match def.search {
        Searches::No => Vec::new(),
        Searches::Flag | Searches::Words => sub
            .get_many::<String>(SEARCH)
            .map(|values| values.cloned().collect())
            .unwrap_or_default(),
    };
    let cli = Cli::from_arg_matches_mut(&mut matches)?;
    Ok(Parsed { cli, def, search })
}

/// The id of `-s/--search`, and of `kzfp search`'s words.
const SEARCH: &str = "search";

/// kzfp's command line: clap's structs, with what the table says of each
/// command (`--format`'s values and help, `-s` where a command searches).
pub fn command() -> clap::Command {
    command_for(&|_| true)
}

/// `command()`, with what the table says only of the commands `made` admits.
fn command_for(made: &dyn Fn(&str) -> bool) -> clap::Command {
    let cli = Cli::command().mut_arg("format", |arg| {
        arg.value_parser(FormatName { of: None })
            .help(format_help(COMMANDS))
    });
    // The fact file first, as in the main help.
    let ids = std::iter::once("facts").chain(OutputOption::ALL.iter().map(|o| o.id()));
    let output: Vec<clap::Arg> = ids
        .filter_map(|id| cli.get_arguments().find(|a| a.get_id() == id))
        .cloned()
        .collect();
    cli.mut_subcommands(|sub| {
        let Some(def) = named(sub.get_name()).filter(|def| made(def.name)) else {
            return sub;
        };
        let sub = own_output_options(sub, def, &output);
        match def {
            CommandDef {
                search: Searches::Flag,
                lists: Lists::One { records, .. },
                ..
            } => sub.arg(search_flag(records)),
            _ => sub,
        }
    })
}

/// A command's own copy of the global options, so that its help says what it
/// takes: `--format` with its formats only, the output options it refuses
/// hidden (still parsed, to be refused saying what the command prints).
fn own_output_options(
    sub: clap::Command,
    def: &'static CommandDef,
    output: &[clap::Arg],
) -> clap::Command {
    output.iter().fold(sub, |sub, arg| {
        let taken = arg.get_id() == "facts" || def.takes.iter().any(|o| arg.get_id() == o.id());
        let arg = match arg.get_id().as_str() {
            "format" => arg
                .clone()
                .value_parser(FormatName { of: Some(def) })
                .help(format_help(std::slice::from_ref(def))),
            "fields" => arg.clone().help(fields_help(def)),
            _ => arg.clone(),
        };
        sub.arg(arg.hide(!taken))
    })
}

/// `-s/--search`, declared once for every command that takes it.
fn search_flag(records: &str) -> clap::Arg {
    clap::Arg::new(SEARCH)
        .short('s')
        .long(SEARCH)
        .value_name("TEXT")
        .action(clap::ArgAction::Append)
        .help_heading(FILTERS)
        .help(format!(
            "Only {records} whose text has every word at a word start, or the \"quoted phrase\" (either language)"
        ))
}

/// A command's `--fields` help, with the columns its table shows by default.
fn fields_help(def: &CommandDef) -> String {
    let columns: Vec<&str> = match def.lists {
        Lists::One { kind, .. } => kind.decl().columns.to_vec(),
        Lists::Every => crate::query::search::COLUMNS.to_vec(),
        Lists::Nothing => Vec::new(),
    };
    format!(
        "Comma-separated fields to show, in that order (the table's are {})",
        columns.join(",")
    )
}

/// `--format`'s help: the formats of each of `commands`, commands with the
/// same formats named together.
fn format_help(commands: &[CommandDef]) -> String {
    // One command's (each subcommand's own help): its default, found at once.
    if let [def] = commands
        && let Some(default) = def.format_names().first()
    {
        return format!("Output format [default: {default}]");
    }
    let mut groups: Vec<(Vec<&str>, Vec<String>)> = Vec::new();
    for def in commands {
        let names = def.format_names();
        if names.is_empty() {
            continue;
        }
        match groups.last_mut() {
            Some((commands, formats)) if *formats == names => commands.push(def.name),
            _ => groups.push((vec![def.name], names)),
        }
    }
    let groups: Vec<String> = groups
        .into_iter()
        .map(|(commands, formats)| {
            let formats: Vec<String> = formats
                .iter()
                .enumerate()
                .map(|(i, name)| match i {
                    0 => format!("{name} (default)"),
                    _ => name.clone(),
                })
                .collect();
            format!("{}: {}", commands.join(", "), formats.join(", "))
        })
        .collect();
    match groups.as_slice() {
        [_] => {
            let default = commands.iter().flat_map(|def| def.format_names()).next();
            format!("Output format [default: {}]", default.unwrap_or_default())
        }
        _ => format!(
            "Output format; each command takes its own: {}",
            groups.join("; ")
        ),
    }
}

/// `--format`'s value, in lower case, whatever it is: which formats a command
/// prints is the command's to say (`CommandDef::formats`), with its own list
/// rather than every command's. Help and completion list them all.
#[derive(Clone, Debug)]
pub struct FormatName {
    /// The command whose formats it offers; every command's when none.
    of: Option<&'static CommandDef>,
}

impl clap::builder::TypedValueParser for FormatName {
    type Value = String;

    fn parse_ref(
        &self,
        _command: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().to_lowercase())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let values = match self.of {
            Some(def) => (def.formats)(),
            None => format_values(),
        };
        Some(Box::new(values.into_iter()))
    }
}

/// Every value `--format` takes, each once, in the order of the table.
fn format_values() -> Vec<PossibleValue> {
    let mut names: Vec<PossibleValue> = Vec::new();
    for value in COMMANDS.iter().flat_map(|def| (def.formats)()) {
        if !names.iter().any(|n| n.get_name() == value.get_name()) {
            names.push(value);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_definition_is_valid() {
        command().debug_assert();
    }

    /// The table names every subcommand clap has, and only those.
    #[test]
    fn table_names_every_subcommand() {
        let clap_names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|sub| sub.get_name().to_owned())
            .collect();
        let table: Vec<&str> = COMMANDS.iter().map(|def| def.name).collect();
        assert_eq!(clap_names, table);
    }

    /// Each output option's flag is one clap knows.
    #[test]
    fn output_flags_are_clap_flags() {
        let command = command();
        for option in OutputOption::ALL {
            let flag = option.flag();
            assert!(
                command
                    .get_arguments()
                    .any(|arg| arg.get_long().is_some_and(|l| flag == format!("--{l}"))),
                "{flag}"
            );
        }
    }
}
